#!/usr/bin/env node
// The repo's one test command (`pnpm test`, run by CI): every gate and every vitest project, then
// one closing line "N passed, N failed" totalled over all of them. Each gate counts as one check.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { findChrome, HOW_TO_PROVIDE_CHROME, onPath } from './find-chrome.mjs';

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

gate('spec lint', run('pnpm', ['run', 'specs:lint']));
gate('lint', run('pnpm', ['exec', 'biome', 'check', '.']));
gate('breaking-change gate', run('pnpm', ['run', 'specs:diff', '--latest-release']));

// Generated code must match the specs: regenerate, then list whatever changed.
if (run('pnpm', ['exec', 'turbo', 'run', 'generate', '--output-logs=errors-only'])) {
  const status = spawnSync('git', ['status', '--porcelain', '--', 'packages/*/src/generated'], { encoding: 'utf8' });
  const stale = status.status === 0 ? status.stdout.trim() : '';
  if (stale) console.error(`Generated files are stale; run \`pnpm generate\` and commit:\n${stale}`);
  gate('generated code is fresh', status.status === 0 && !stale);
} else {
  gate('generate', false);
}

const built = gate('build and typecheck', run('pnpm', ['exec', 'turbo', 'run', 'build', 'typecheck', '--output-logs=errors-only']));

// publint and attw read the built dist/, so only after a good build.
if (built) gate('package checks', run('pnpm', ['run', 'check:packages']));

if (built) {
  const report = 'test-results/vitest.json';
  rmSync(report, { force: true });
  run('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const { numPassedTests, numFailedTests, numTotalTests, success } = JSON.parse(readFileSync(report, 'utf8'));
    results.passed += numPassedTests;
    // Tests that never ran (a suite that failed to load, a crashed worker) count as failed.
    results.failed += numFailedTests + (success ? 0 : Math.max(0, numTotalTests - numPassedTests - numFailedTests));
    if (!success && numFailedTests === 0) gate('vitest run', false);
  } else {
    gate('vitest run', false);
  }
}

finish();
