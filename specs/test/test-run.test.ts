import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tallyReport, turboRunArgs } from '../../scripts/test-run.mjs';

const REPO = new URL('../../', import.meta.url).pathname;
const VITEST = `${REPO}node_modules/.bin/vitest`;

/** What these tests read of vitest's JSON report beside tallyReport. */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
}

const scratches: string[] = [];

afterAll(() => {
  for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
});

/**
 * A real vitest run over the given test files (globals on, so they import nothing), as a package's
 * run writes it: its exit code and its JSON report.
 */
async function vitestReport(files: Record<string, string>): Promise<{ code: number; report: VitestReport }> {
  const scratch = mkdtempSync(join(tmpdir(), 'switchboard-test-run-'));
  scratches.push(scratch);
  for (const [name, source] of Object.entries(files)) writeFileSync(join(scratch, name), source);
  const report = join(scratch, 'vitest.json');
  // Not this run's own vitest variables: the inner run is a run of its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const code = await new Promise<number>((resolve) => {
    execFile(VITEST, ['run', '--root', scratch, '--globals', '--reporter=json', `--outputFile.json=${report}`], { env }, (error) =>
      resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : 1),
    );
  });
  return { code, report: JSON.parse(readFileSync(report, 'utf8')) };
}

const PASSING = "test('one', () => {});\ntest('two', () => {});\n";
const FAILING = "test('passes', () => {});\ntest('fails', () => { expect(1).toBe(2); });\n";
const CRASHING = "import './missing.js';\ntest('never collected', () => {});\n";

let runs: Record<'passing' | 'failing' | 'crashing' | 'empty', { code: number; report: VitestReport }>;

// Four vitest processes start side by side: seconds each on a loaded machine (nothing here is timed).
beforeAll(async () => {
  const [passing, failing, crashing, empty] = await Promise.all([
    vitestReport({ 'a.test.js': PASSING, 'b.test.js': PASSING }),
    vitestReport({ 'passing.test.js': PASSING, 'failing.test.js': FAILING, 'crashing.test.js': CRASHING }),
    vitestReport({ 'passing.test.js': PASSING, 'crashing.test.js': CRASHING }),
    vitestReport({}),
  ]);
  runs = { passing, failing, crashing, empty };
}, 120_000);

describe("tallyReport counts a package's vitest report", () => {
  test('a passing run: every test passed, as vitest counts them', () => {
    const { code, report } = runs.passing;
    expect(code).toBe(0);
    expect(tallyReport(report)).toEqual({ passed: 4, failed: 0 });
    expect(report.numPassedTests).toBe(4);
  });

  test('a failed test counts as failed, and a file that does not load counts as one more', () => {
    const { code, report } = runs.failing;
    expect(code).not.toBe(0);
    // vitest's own totals leave the file that did not load out: it has no test to count.
    expect([report.numPassedTests, report.numFailedTests]).toEqual([3, 1]);
    expect(tallyReport(report)).toEqual({ passed: 3, failed: 2 });
  });

  test('a file that does not load is a failure on its own', () => {
    const { code, report } = runs.crashing;
    expect(code).not.toBe(0);
    expect(tallyReport(report)).toEqual({ passed: 2, failed: 1 });
  });

  test('a run that finds no test file is a failure', () => {
    const { code, report } = runs.empty;
    expect(code).not.toBe(0);
    expect(tallyReport(report)).toEqual({ passed: 0, failed: 1 });
  });
});

test("with CI set, the runner's turbo runs replay nothing: turbo plans every task as a cache miss", () => {
  const plan = execFileSync(`${REPO}node_modules/.bin/turbo`, turboRunArgs(['lint', 'check:packages', 'test', '--dry=json'], { CI: 'true' }), {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const tasks = (JSON.parse(plan) as { tasks: { taskId: string; cache: { status: string } }[] }).tasks;
  expect(tasks.length).toBeGreaterThan(0);
  expect(tasks.filter((task) => task.cache.status !== 'MISS').map((task) => task.taskId)).toEqual([]);
});
