// What scripts/test.mjs decides about replaying and counting, apart so that its tests
// (specs/test/test-run.test.ts) check it: when turbo may replay a task from its cache, and how one
// package's vitest JSON report counts in the closing line. And the Prism mocks its test tasks share.
import { spawn, spawnSync } from 'node:child_process';
import { specPath, vendors } from './vendors.mjs';

/** The variable that hands running mocks to the test tasks (read by packages/testing/src/global-setup.ts). */
const PRISM_URLS_VARIABLE = 'SWITCHBOARD_PRISM_URLS';

/**
 * turbo's arguments for running `args`. CI checks a clean clone, but a restored or shared turbo
 * cache (git worktrees share one) must never stand in for a run there: with `CI` set every task
 * runs, and still fills the cache.
 */
export function turboRunArgs(args, env = process.env) {
  return ['run', ...args, ...(env.CI ? ['--force'] : [])];
}

/**
 * The tests of a vitest JSON report that passed and that failed. A report reads the same whether
 * vitest just wrote it or turbo restored it from its cache. Nothing that did not pass may vanish
 * from the count: in a failed test file every test that did not pass counts as failed, a file that
 * failed with no test to show for it (it did not load, a hook threw) counts as one, and a failed
 * run with no failed file (vitest found no test file) counts as one.
 */
export function tallyReport(report) {
  let passed = 0;
  let failed = 0;
  for (const file of report.testResults) {
    const passedInFile = file.assertionResults.filter((test) => test.status === 'passed').length;
    passed += passedInFile;
    if (file.status === 'failed') failed += Math.max(1, file.assertionResults.length - passedInFile);
  }
  if (!report.success && failed === 0) failed = 1;
  return { passed, failed };
}

/**
 * Whether `turbo run <args>` would run any test task rather than replay it from the cache, by a dry
 * run (a few seconds of CPU, against several for each mock): a run that only replays needs no mocks.
 * A forced run (CI) runs every task, so it needs no dry run. If the dry run fails, says yes: the real
 * run reports what went wrong.
 */
export function testTasksWillRun(args) {
  if (args.includes('--force')) return true;
  const dryRun = spawnSync('pnpm', ['exec', 'turbo', ...args, '--dry=json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (dryRun.status !== 0) return true;
  // A package without a `test` script has a task with no command, which the dry run lists as a miss.
  const runs = (task) => task.task === 'test' && task.command !== '<NONEXISTENT>' && task.cache.status !== 'HIT';
  return JSON.parse(dryRun.stdout).tasks.some(runs);
}

/**
 * Runs `command` with every vendor's Prism mock running, their URLs in `PRISM_URLS_VARIABLE`:
 * started and warmed up once for every package's test task, rather than by each package's vitest
 * run that needs them (18 starts, each seconds of CPU). Resolves with whether `command` succeeded.
 * The mocks are stopped after it, whatever its outcome; on SIGINT or SIGTERM, once the command
 * (sent the signal too) has exited, after which this process ends by that signal. Reads the mocks
 * package's build, so only after a good one. Mocks that fail to start are reported, and the command
 * runs without them: each package's run starts its own, and its failure says which spec is at fault.
 */
export async function runWithPrismMocks(command, args) {
  const interrupted = new AbortController();
  const onSignal = (signal) => interrupted.abort(signal);
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  let mocks;
  try {
    const { startMocks } = await import('../packages/mocks/dist/index.js');
    try {
      // Each serves its spec as it read it at the start (a test that rewrites a spec does not reach it).
      mocks = await startMocks(vendors(), { specFor: specPath, warmUp: true, signal: interrupted.signal });
    } catch (error) {
      if (!interrupted.signal.aborted) console.error(`The shared Prism mocks did not start, so each package's tests start their own:\n${error.message}`);
    }
    if (interrupted.signal.aborted) return false;
    const env = mocks === undefined ? process.env : { ...process.env, [PRISM_URLS_VARIABLE]: JSON.stringify(mocks.urls) };
    console.log(`\n> ${[command, ...args].join(' ')}`);
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = () => child.kill(interrupted.signal.reason);
    interrupted.signal.addEventListener('abort', forward, { once: true });
    const code = await new Promise((resolve) => child.once('exit', resolve).once('error', () => resolve(null)));
    interrupted.signal.removeEventListener('abort', forward);
    return code === 0;
  } finally {
    await mocks?.stop();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (interrupted.signal.aborted) process.kill(process.pid, interrupted.signal.reason);
  }
}
