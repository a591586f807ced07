#!/usr/bin/env node
// The repo's one test command (`pnpm test`, run by CI): every gate and every package's tests, then
// one closing line "N passed, N failed" totalled over all of them. Each gate counts as one check.
// turbo runs the gates and each package's tests as cached tasks (turbo.json, and a package's own
// turbo.json where its tests read more, say what each reads), so a run replays what nothing changed
// (never with CI set); a replayed test task restores its vitest JSON report, and the closing line
// totals every package's report, replayed or fresh (scripts/test-run.mjs). The test tasks share one
// Prism mock of each vendor's spec, started before them and stopped after.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome, HOW_TO_PROVIDE_CHROME, onPath } from './find-chrome.mjs';
import { runWithPrismMocks, tallyReport, testTasksWillRun, turboRunArgs } from './test-run.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

const results = { passed: 0, failed: 0 };

function run(command, args, options = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', ...options }).status === 0;
}

function gate(name, ok) {
  results[ok ? 'passed' : 'failed'] += 1;
  if (!ok) console.error(`\n✗ ${name} failed`);
  return ok;
}

const turbo = (...args) => run('pnpm', ['exec', 'turbo', ...turboRunArgs(args)]);

/** Every workspace package, by pnpm-workspace.yaml's globs (yaml: once installed). */
async function workspacePackages() {
  const { parse } = await import('yaml');
  const globs = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')).packages;
  const dirs = globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(join(root, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(root, glob.slice(0, -2), entry.name))
      : [join(root, glob)],
  );
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }));
}

function finish() {
  console.log(`\n${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed === 0 ? 0 : 1);
}

if (!gate('install', run('pnpm', ['install', '--frozen-lockfile']))) finish();

// The docs test renders the API references in the Chrome/Chromium the machine has (never a
// downloaded browser). With none, install Debian's chromium where apt is there (CI, Debian dev
// machines); elsewhere say how to point the test at one.
try {
  let chrome = findChrome();
  if (chrome === undefined && onPath('apt-get')) {
    run('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
    chrome = findChrome();
  }
  if (chrome === undefined) console.error(`No Chrome or Chromium found, so the docs test will fail: ${HOW_TO_PROVIDE_CHROME}.`);
} catch (error) {
  console.error(`${error.message} (the docs test will fail)`);
}

gate('spec lint', turbo('specs:lint', '--output-logs=new-only'));
gate('lint', turbo('lint', '--output-logs=new-only'));
gate('breaking-change gate', run('pnpm', ['run', 'specs:diff', '--latest-release']));

// Generated code must match the specs: regenerate, then list whatever changed.
if (turbo('generate:code', '--output-logs=errors-only')) {
  const status = spawnSync('git', ['status', '--porcelain', '--', 'packages/*/src/generated'], { encoding: 'utf8' });
  const stale = status.status === 0 ? status.stdout.trim() : '';
  if (stale) console.error(`Generated files are stale; run \`pnpm generate\` and commit:\n${stale}`);
  gate('generated code is fresh', status.status === 0 && !stale);
} else {
  gate('generate', false);
}

const built = gate('build and typecheck', turbo('build', 'typecheck', '--output-logs=errors-only'));

const workspace = await workspacePackages();

// publint and attw read the built dist/, so only after a good build. One root task checks every
// published package it finds under packages/, so a new package is checked without opting in.
if (built) gate('package checks', turbo('check:packages', '--output-logs=errors-only'));

if (built) {
  // A report left by an earlier run must not be counted: each one now comes from this run, written
  // by vitest or restored by turbo from the cache entry of the same inputs.
  const tested = workspace
    .filter(({ manifest }) => manifest.scripts?.test !== undefined)
    .map(({ dir, manifest }) => ({ name: manifest.name, report: join(dir, 'test-results/vitest.json') }));
  for (const { report } of tested) rmSync(report, { force: true });
  // Each vitest process uses every core for its files (vitest.shared.ts); locally, a package per
  // core keeps them busy through the start-up and Prism warm-up phases. CI runs every task anyway,
  // one package at a time: on a small or shared runner, packages side by side push tests that
  // spawn processes (the CLI, Prism, Chromium) past their time limits.
  const packagesAtOnce = process.env.CI ? 1 : availableParallelism();
  // With CI set every task runs (--force), and the build gate has just built every package: the
  // test tasks alone (`--only`), not those builds again one at a time (45 s of a clean run). A local
  // run replays them from the gate's cache entries in no time. turbo keys an `--only` task without
  // its builds, so a local run after a CI one finds no test entry of it and runs every test again.
  const onlyTests = process.env.CI ? ['--only'] : [];
  // One set of Prism mocks for every package's tests (scripts/test-run.mjs), unless every one replays.
  const testArgs = turboRunArgs(['test', '--continue', '--output-logs=new-only', `--concurrency=${packagesAtOnce}`, ...onlyTests]);
  const testCommand = ['exec', 'turbo', ...testArgs];
  const testsRan = testTasksWillRun(testArgs) ? await runWithPrismMocks('pnpm', testCommand) : run('pnpm', testCommand);
  const failedBefore = results.failed;
  for (const { name, report } of tested) {
    if (existsSync(report)) {
      const { passed, failed } = tallyReport(JSON.parse(readFileSync(report, 'utf8')));
      results.passed += passed;
      results.failed += failed;
    } else {
      gate(`${name} tests (no report)`, false);
    }
  }
  // A vitest run can fail with every test passed (an error outside any test): turbo's exit says so.
  if (!testsRan && results.failed === failedBefore) gate('test tasks', false);
}

finish();
