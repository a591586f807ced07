import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  assertFreshBuild,
  childrenOf,
  cleanEnv,
  expectOneLineError,
  isAlive,
  type Run,
  run,
  SANDBOX_NOTICE,
  type SandboxCommand,
  startSandboxCommand,
  tableRows,
} from './helpers.js';

// Each --sandbox run starts its own sandbox (a Prism process, seconds of CPU): few runs, one vendor
// each, at once (they share nothing).
const VAPI_EXAMPLE_ID = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';
const AGENT = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';

let got: Run;
let limited: Run;

beforeAll(async () => {
  assertFreshBuild();
  [got, limited] = await Promise.all([
    run(['numbers', 'get', VAPI_EXAMPLE_ID, '--vendor', 'vapi', '--json', '--sandbox']),
    run(['numbers', 'list', '--vendor', 'retell', '--limit', '1', '--sandbox']),
  ]);
}, 240_000);

describe('--sandbox, one sandbox per run', () => {
  test('get answers the number asked for, and says once on stderr that the sandbox is used', () => {
    expect(got.code, got.stderr).toBe(0);
    expect(got.stderr).toBe(SANDBOX_NOTICE);
    expect(JSON.parse(got.stdout)).toMatchObject({ vendor: 'vapi', id: VAPI_EXAMPLE_ID, number: '+14155550142' });
  });

  test('--limit 1 prints one number', () => {
    expect(limited.code, limited.stderr).toBe(0);
    expect(tableRows(limited.stdout)).toHaveLength(1);
  });

  test('--mock and --sandbox together are a usage error', async () => {
    expectOneLineError(await run(['numbers', 'list', '--mock', '--sandbox']), 2, /--mock and --sandbox/);
  });
});

describe('switchboard sandbox: one sandbox shared by several runs', () => {
  let sandbox: SandboxCommand;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sandbox = await startSandboxCommand('vogent');
    expect(Object.keys(sandbox.variables)).toEqual(['VOGENT_API_KEY', 'SWITCHBOARD_VOGENT_BASE_URL']);
    env = cleanEnv(sandbox.variables);
  }, 240_000);
  afterAll(() => sandbox?.stop());

  test('a number bought in one run is listed, linked, unlinked and released by the next ones', { timeout: 120_000 }, async () => {
    const cli = async (...args: string[]) => {
      const result = await run(['numbers', ...args, '--vendor', 'vogent', '--json'], { env });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };
    const [available] = await cli('search', '--area-code', '628', '--limit', '1');
    const bought = await cli('create', '--type', 'purchase', '--number', available.number);
    expect((await cli('list')).map(({ id }: { id: string }) => id)).toContain(bought.id);
    expect(await cli('link', bought.id, '--agent', AGENT)).toMatchObject({ agentId: AGENT });
    expect(await cli('get', bought.id)).toMatchObject({ number: available.number, agentId: AGENT });
    await cli('unlink', bought.id);
    expect(await cli('get', bought.id)).toMatchObject({ agentId: null });
    await cli('release', bought.id);
    expectOneLineError(await run(['numbers', 'get', bought.id, '--vendor', 'vogent'], { env }), 1, /vogent/);
    expect((await cli('list')).map(({ id }: { id: string }) => id)).not.toContain(bought.id);
  });

  test('Ctrl-C stops it, and its Prism process with it: exit 0', { timeout: 60_000 }, async () => {
    const prism = childrenOf(sandbox.process.pid!);
    expect(prism).toHaveLength(1);
    sandbox.process.kill('SIGINT');
    const [code] = await once(sandbox.process, 'exit');
    expect(code, sandbox.stderr()).toBe(0);
    for (const pid of prism) expect(isAlive(pid), `prism ${pid} left running`).toBe(false);
  });
});
