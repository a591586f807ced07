// What scripts/test.mjs decides about replaying and counting, apart so that its tests
// (specs/test/test-run.test.ts) check it: when turbo may replay a task from its cache, and how one
// package's vitest JSON report counts in the closing line.

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
