import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VENDOR_NAMES } from '@switchboard/phone-numbers';
import { type HeldNumberSeed, type StatefulVendorServer, startStatefulVendor } from '@switchboard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, BIN, cleanEnv, expectOneLineError, run, tableRows } from './helpers.js';

/**
 * `switchboard plan`, `apply` and `audit`, end to end: the built binary against stateful loopback
 * vendors (packages/testing's stateful-vendor.ts) reached as real APIs are, by key and base URL.
 */
const HELD: Record<string, HeldNumberSeed[]> = {
  vapi: [
    { id: 'pn-1', number: '+14155550101', agent: 'asst-old', name: 'Support' },
    { id: 'pn-9', number: '+14155550199', agent: null, name: 'Lab line' },
  ],
  retell: [{ id: '+14155550201', number: '+14155550201', agent: 'agent_a', name: 'Front' }],
  vogent: [{ id: 'vg-1', number: '+14155550301', agent: 'agent_v' }],
};

const FILE = `# yaml-language-server: $schema=../schema/switchboard.schema.json
numbers:
  - vendor: vapi
    number: '+14155550101'
    agent: asst-new
    name: Support line
  - vendor: retell
    number: '+14155550201'
    agent: null
  - vendor: vogent
    id: vg-1
    agent: agent_v
`;

let folder: string;
let servers: StatefulVendorServer[] = [];

beforeAll(() => {
  assertFreshBuild();
  folder = mkdtempSync(join(tmpdir(), 'switchboard-plan-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** The file written to disk, and the vendors started with what they hold; the env reaches them. */
async function setUp(text = FILE, held = HELD) {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  servers = await Promise.all(Object.entries(held).map(([vendor, seeds]) => startStatefulVendor(vendor, seeds)));
  const env = cleanEnv(
    Object.fromEntries(
      servers.flatMap(({ vendor, url }) => [
        [`${vendor.toUpperCase()}_API_KEY`, `key-${vendor}`],
        [`SWITCHBOARD_${vendor.toUpperCase()}_BASE_URL`, url],
      ]),
    ),
  );
  const server = (vendor: string) => servers.find((candidate) => candidate.vendor === vendor)!;
  const writes = () =>
    servers.flatMap(({ vendor, requests }) => requests.filter(({ method }) => method !== 'GET').map(({ method, url }) => `${vendor} ${method} ${url}`));
  const requests = () => servers.reduce((count, { requests: seen }) => count + seen.length, 0);
  return { file, env, server, writes, requests };
}

// Each test runs the binary a few times, a second or so each.
describe('switchboard plan', { timeout: 30_000 }, () => {
  test('shows each change with its line and the unmanaged numbers, writes nothing, and exits 0 (2 with --detailed-exitcode)', async () => {
    const { file, env, writes } = await setUp();
    const result = await run(['plan', '-f', file], { env });

    expect(result.code, result.stderr).toBe(0);
    const [changes, unmanaged] = result.stdout.split('\n\n');
    expect(tableRows(changes!)).toEqual([
      ['link, rename', 'vapi', '+14155550101', 'pn-1', '3', 'asst-old → asst-new', 'Support → Support line'],
      ['unlink', 'retell', '+14155550201', '+14155550201', '7', 'agent_a → -', '-'],
    ]);
    expect(changes).toMatch(/\n2 numbers to change$/);
    expect(tableRows(unmanaged!)).toEqual([['vapi', '+14155550199', 'pn-9', '-', 'Lab line']]);
    expect(unmanaged).toContain(`1 number not in ${file} (unmanaged: left alone)`);
    expect(writes()).toEqual([]);

    expect((await run(['plan', '-f', file, '--detailed-exitcode'], { env })).code).toBe(2);
  });

  test('--json gives the same plan to scripts, without the vendors’ raw objects', async () => {
    const { file, env } = await setUp();
    const result = await run(['plan', '-f', file, '--json'], { env });

    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.changes.map(({ vendor, id, actions }: { vendor: string; id: string; actions: string[] }) => [vendor, id, actions])).toEqual([
      ['vapi', 'pn-1', ['link', 'rename']],
      ['retell', '+14155550201', ['unlink']],
    ]);
    expect(plan.unmanaged).toEqual([
      {
        vendor: 'vapi',
        id: 'pn-9',
        number: '+14155550199',
        kind: 'pstn',
        canReceiveCalls: null,
        canPlaceCalls: false,
        agentId: null,
        name: 'Lab line',
        createdAt: '2026-01-05T10:00:00.000Z',
      },
    ]);
    expect(plan.errors).toEqual([]);
  });

  test('a listed number a vendor does not hold is an error naming it and its line: exit 1, whatever --detailed-exitcode', async () => {
    const { file, env } = await setUp(`${FILE}  - vendor: vogent\n    number: '+14155550999'\n    agent: agent_v\n`);
    for (const args of [[], ['--detailed-exitcode']]) {
      const result = await run(['plan', '-f', file, ...args], { env });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `switchboard: ${file}:13: vogent does not hold the number +14155550999: buy or import it first (plan and apply never create numbers)\n`,
      );
    }
  });

  test('file errors name the file, the line and the field, one line each, before any vendor is asked', async () => {
    const { file, env, requests } = await setUp(`numbers:
  - vendor: acme
    number: '+14155550101'
    agent: a
  - vendor: vapi
    number: +14155550102
    agent: a
  - vendor: vogent
    number: '+14155550103'
    agent: a
    name: Support
  - vendor: vapi
    number: '+14155550104'
    agent: a
  - vendor: vapi
    number: '+14155550104'
    agent: b
`);
    const result = await run(['plan', '-f', file], { env });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `switchboard: ${file}:2:13: numbers[0].vendor: must be one of ${VENDOR_NAMES.join(', ')}`,
      `switchboard: ${file}:6:13: numbers[1].number: must be a quoted string: '+14155550101' (YAML reads an unquoted number as an integer)`,
      `switchboard: ${file}:11:11: numbers[2].name: vogent numbers have no name: leave name out`,
      `switchboard: ${file}:16:13: numbers[4].number: is listed twice for vapi (also on line 12)`,
    ]);
    expect(requests()).toBe(0);
  });

  test('a vendor of the file without its key: exit 1 naming the variable', async () => {
    const { file, env } = await setUp();
    delete env.VOGENT_API_KEY;
    const result = await run(['plan', '-f', file], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`switchboard: ${file}:10: VOGENT_API_KEY is not set: the file lists vogent numbers\n`);
  });

  test('a missing file, or no -f: one line, nothing sent', async () => {
    expectOneLineError(await run(['plan', '-f', join(folder, 'nowhere.yaml')]), 1, /cannot read .*nowhere\.yaml \(ENOENT\)$/);
    expectOneLineError(await run(['plan']), 2, /plan needs -f <file>/);
    expectOneLineError(await run(['plan', '--detailed-exitcode']), 1, /plan needs -f <file>/);
  });
});

describe('switchboard apply', { timeout: 30_000 }, () => {
  test('--yes shows the plan, makes it so and leaves unmanaged numbers alone; a second apply writes nothing', async () => {
    const { file, env, server, writes } = await setUp();
    const result = await run(['apply', '-f', file, '--yes'], { env });

    expect(result.code, result.stderr).toBe(0);
    const [plan, unmanaged, applied] = result.stdout.split('\n\n');
    expect(plan).toMatch(/2 numbers to change$/);
    expect(unmanaged).toContain('unmanaged: left alone');
    expect(tableRows(applied!)).toEqual([
      ['applied', 'vapi', '+14155550101', 'pn-1', 'link, rename'],
      ['applied', 'retell', '+14155550201', '+14155550201', 'unlink'],
    ]);
    expect(applied).toMatch(/\n2 numbers changed, 0 failed\n$/);
    expect(server('vapi').numbers.map(({ id, assistantId, name }) => [id, assistantId, name])).toEqual([
      ['pn-1', 'asst-new', 'Support line'],
      // A Vapi number without an assistant has no assistantId.
      ['pn-9', undefined, 'Lab line'],
    ]);
    expect(server('retell').numbers[0]).toMatchObject({ inbound_agents: null, nickname: 'Front' });
    expect(writes()).toEqual(['vapi PATCH /phone-number/pn-1', 'retell PATCH /update-phone-number/%2B14155550201']);

    const again = await run(['apply', '-f', file, '--yes'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^No changes: the vendors match ${file.replaceAll('.', '\\.')}\\.\n`));
    expect(writes()).toHaveLength(2);
    expect((await run(['plan', '-f', file, '--detailed-exitcode'], { env })).code).toBe(0);
  });

  test('one vendor failing: the others are applied, each failed number gets a line, exit 1; running it again finishes the job', async () => {
    const { file, env, server } = await setUp();
    server('retell').fail({ status: 503, on: 'writes' });
    const result = await run(['apply', '-f', file, '--yes'], { env });

    expect(result.code).toBe(1);
    expect(tableRows(result.stdout.split('\n\n').at(-1)!)).toEqual([
      ['applied', 'vapi', '+14155550101', 'pn-1', 'link, rename'],
      ['failed', 'retell', '+14155550201', '+14155550201', 'unlink'],
    ]);
    expect(result.stderr).toMatch(new RegExp(`^switchboard: retell \\+14155550201 \\(${file.replaceAll('.', '\\.')}:7\\): .*503`));
    expect(server('vapi').numbers[0]).toMatchObject({ assistantId: 'asst-new' });

    server('retell').fail(null);
    const rest = await run(['apply', '-f', file, '--yes', '--json'], { env });
    expect(rest.code, rest.stderr).toBe(0);
    const { applied, failed } = JSON.parse(rest.stdout);
    expect(applied.map(({ vendor, id }: { vendor: string; id: string }) => `${vendor} ${id}`)).toEqual(['retell +14155550201']);
    expect(failed).toEqual([]);
  });

  test('a plan with errors is not applied: exit 1, nothing written', async () => {
    const { file, env, writes } = await setUp(`${FILE}  - vendor: vapi\n    number: '+14155550999'\n    agent: null\n`);
    const result = await run(['apply', '-f', file, '--yes'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('vapi does not hold the number +14155550999');
    expect(writes()).toEqual([]);
  });

  test('on a terminal it asks after showing the plan: only "yes" applies', async () => {
    const { file, env, writes } = await setUp();
    const declined = await onTerminal(['apply', '-f', file], 'no\n', env);
    expect(declined.code).toBe(1);
    expect(declined.output).toContain('2 numbers to change');
    expect(declined.output).toContain('Apply these changes at the vendors? Only "yes" applies: ');
    expect(declined.output).toContain('switchboard: apply cancelled: nothing was changed');
    expect(writes()).toEqual([]);

    const accepted = await onTerminal(['apply', '-f', file], 'yes\n', env);
    expect(accepted.code).toBe(0);
    expect(accepted.output).toContain('2 numbers changed, 0 failed');
    expect(writes()).toHaveLength(2);
  });

  test('without --yes, when standard input is not a terminal, it refuses before asking any vendor', async () => {
    const { file, env, requests } = await setUp();
    expectOneLineError(await run(['apply', '-f', file], { env, stdin: 'yes\n' }), 2, /standard input is not a terminal: pass --yes/);
    expect(requests()).toBe(0);
  });
});

describe('switchboard audit', { timeout: 30_000 }, () => {
  test('numbers without an agent, a number at two vendors, an agent at several vendors', async () => {
    const { env } = await setUp(FILE, {
      vapi: [
        { id: 'pn-1', number: '+14155550101', agent: 'shared' },
        { id: 'pn-2', number: '+14155550102', agent: null },
      ],
      retell: [{ id: '+14155550101', number: '+14155550101', agent: 'shared' }],
    });
    const result = await run(['audit', '--json'], { env });

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.withoutAgent.map(({ id }: { id: string }) => id)).toEqual(['pn-2']);
    expect(
      report.heldAtSeveralVendors.map(({ number, holders }: { number: string; holders: { vendor: string }[] }) => [
        number,
        holders.map(({ vendor }) => vendor),
      ]),
    ).toEqual([['+14155550101', ['vapi', 'retell']]]);
    expect(report.agentsAtSeveralVendors.map(({ agentId }: { agentId: string }) => agentId)).toEqual(['shared']);

    const table = await run(['audit'], { env });
    expect(table.stdout).toContain('1 number without an agent');
    expect(table.stdout).toContain('1 number held at several vendors');
    expect(table.stdout).toContain('1 agent answering at several vendors');
  });
});

/**
 * The binary with a terminal for its standard input and output: util-linux `script` runs it on a
 * pseudo-terminal and types `typed` into it. Resolves with its exit status and what the terminal showed.
 */
function onTerminal(args: string[], typed: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output: output.replaceAll('\r', '') }));
    child.stdin.end(typed);
  });
}
