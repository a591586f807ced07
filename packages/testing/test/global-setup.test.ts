import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningMocks, startMocks } from '@switchboard/mocks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRISM_URLS_VARIABLE } from '../src/global-setup.js';
import { startLoopbackServer } from '../src/loopback.js';
import { specPath } from '../src/vendors.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const VITEST = `${REPO}node_modules/.bin/vitest`;
const PROJECT = new URL('./fixtures/prism-project/', import.meta.url).pathname;

/** What the fixture project's test saw of its global setup (fixtures/prism-project/setup.probe.ts). */
interface Probe {
  urls: Record<string, string>;
  statuses: Record<string, number>;
  prismProcesses: number;
}

interface ProbeRun {
  code: number;
  output: string;
  /** Absent when no test ran. */
  probe?: Probe;
}

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-global-setup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A real vitest run of the fixture project as the package `packageName`, with `PRISM_URLS_VARIABLE`
 * set to `prismUrls` or, when undefined, unset (also when this run itself has it).
 */
async function runProject(packageName: string, prismUrls: Record<string, string> | undefined): Promise<ProbeRun> {
  const output = join(mkdtempSync(join(scratch, 'run-')), 'probe.json');
  // Not this run's own vitest variables: the inner run is a run of its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== PRISM_URLS_VARIABLE));
  if (prismUrls !== undefined) env[PRISM_URLS_VARIABLE] = JSON.stringify(prismUrls);
  Object.assign(env, { PROBE_PACKAGE: packageName, PROBE_OUTPUT: output });
  // Only the default reporter: the shared config's JSON report would land in the fixture's folder.
  const args = ['run', '--root', PROJECT, '--reporter=default'];
  const { code, text } = await new Promise<{ code: number; text: string }>((resolve) => {
    execFile(VITEST, args, { env }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, text: stdout + stderr }),
    );
  });
  return { code, output: text, probe: existsSync(output) ? (JSON.parse(readFileSync(output, 'utf8')) as Probe) : undefined };
}

const answers = async (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

// Each run below starts vitest, and some a warmed-up Prism: many seconds on a loaded machine.
const RUN_TIMEOUT = 180_000;

describe(`with ${PRISM_URLS_VARIABLE} naming running mocks`, () => {
  let running: RunningMocks;
  beforeAll(async () => {
    running = await startMocks(['vogent'], { specFor: specPath });
  }, RUN_TIMEOUT);
  afterAll(() => running?.stop());

  test('a project whose vendors it names starts no Prism, gets their URLs, and leaves them running', { timeout: RUN_TIMEOUT }, async () => {
    const run = await runProject('@switchboard/vogent', running.urls);

    expect(run.code, run.output).toBe(0);
    expect(run.probe).toEqual({ urls: running.urls, statuses: { vogent: 404 }, prismProcesses: 0 });
    expect(await answers(running.urls.vogent!)).toBe(true);
  });

  test('a project needing a vendor it does not name starts its own mock of that vendor', { timeout: RUN_TIMEOUT }, async () => {
    const run = await runProject('@switchboard/retell', running.urls);

    expect(run.code, run.output).toBe(0);
    expect(run.probe).toMatchObject({ statuses: { retell: 404 }, prismProcesses: 1 });
    expect(Object.keys(run.probe!.urls)).toEqual(['retell']);
  });
});

test(`${PRISM_URLS_VARIABLE} naming a mock that does not answer fails the run, naming the variable, before any test`, { timeout: RUN_TIMEOUT }, async () => {
  const closed = await startLoopbackServer(() => undefined);
  await closed.close();

  const run = await runProject('@switchboard/vogent', { vogent: closed.url });

  expect(run.code).not.toBe(0);
  expect(run.output).toContain(`${PRISM_URLS_VARIABLE} names ${closed.url} for vogent's mock, which does not answer`);
  expect(run.probe).toBeUndefined();
});

test(`without ${PRISM_URLS_VARIABLE}, the run starts its own mock, provides it, and stops it after`, { timeout: RUN_TIMEOUT }, async () => {
  const run = await runProject('@switchboard/vogent', undefined);

  expect(run.code, run.output).toBe(0);
  expect(run.probe).toMatchObject({ statuses: { vogent: 404 }, prismProcesses: 1 });
  expect(await answers(run.probe!.urls.vogent!)).toBe(false);
});
