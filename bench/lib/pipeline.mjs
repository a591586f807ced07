// Section 4: the development pipeline, in absolute wall-clock times against goals (these are not
// ratios: there is no rival to run beside them).
//   - cold generate: `turbo run generate:code --force` (every spec, cache bypassed)
//   - warm build: `turbo run build` with nothing changed must be all cache hits. The first run
//     brings the cache up to date with the working tree; the next is the measurement. Others may
//     edit the repo meanwhile: a task whose inputs changed between two runs is not a cache
//     failure, so the warm run is retried (up to 3 times) until two runs see the same inputs.
//   - every vendor's contract suite against Prism, start-up included
// turbo's `--summarize` JSON gives each task's hash, cache status, inputs and duration.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT_DIR } from './child.mjs';
import { atMost, entry, round } from './stats.mjs';
import { VENDORS } from './vendors.mjs';

const BIN = join(ROOT_DIR, 'node_modules', '.bin');
const log = (message) => process.stderr.write(`  [pipeline] ${message}\n`);

/**
 * turbo runs package scripts through the package manager, so `pnpm` must be on PATH. It is under
 * `pnpm bench`; under a bare `node bench/run.mjs` borrow the PATH of the pinned pnpm (once, untimed).
 */
function environment() {
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  const hasPnpm = (process.env.PATH ?? '').split(delimiter).some((dir) => spawnSync(join(dir, 'pnpm'), ['--version']).status === 0);
  if (!hasPnpm) {
    const { packageManager } = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8'));
    log(`pnpm is not on PATH: using ${packageManager} through npx`);
    const probe = spawnSync('npx', ['-y', packageManager, 'exec', 'node', '-p', 'process.env.PATH'], { cwd: ROOT_DIR, encoding: 'utf8' });
    if (probe.status === 0) env.PATH = probe.stdout.trim();
  }
  return env;
}

/**
 * Run a command from the repo root; resolves with its wall time, exit code, output, and the CPU
 * time of it and all its descendants (bash's `time`). Wall time is the goal; CPU time says how
 * much of it is the machine being busy with other work (CPU ÷ cores is the floor on an idle machine).
 */
function timed(command, args, env) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const script = 'TIMEFORMAT="__cpu__ %U %S"; time "$@"';
    const child = spawn('bash', ['-c', script, 'bash', command, ...args], { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const [, user, system] = output.match(/__cpu__ ([\d.]+) ([\d.]+)/) ?? [];
      resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: user ? round(Number(user) + Number(system), 2) : null, code, output });
    });
  });
}

/** `turbo run <task> --summarize`: the wall time plus each task's hash, cache status, inputs and run time. */
async function turbo(args, env) {
  const run = await timed(join(BIN, 'turbo'), ['run', ...args, '--summarize', '--output-logs=errors-only'], env);
  const file = run.output.match(/Summary:\s+(\S+\.json)/)?.[1];
  let tasks = [];
  if (file) {
    tasks = JSON.parse(readFileSync(file, 'utf8')).tasks.map((task) => ({
      id: task.taskId,
      hash: task.hash,
      hit: task.cache.status === 'HIT',
      inputs: task.inputs,
      ms: task.cache.status === 'HIT' ? 0 : task.execution.endTime - task.execution.startTime,
    }));
    rmSync(file, { force: true });
  }
  if (run.code !== 0 || !file) log(`turbo ${args.join(' ')} failed:\n${run.output.slice(-2000)}`);
  return { ...run, tasks };
}

/** Input files whose content differs between two runs of the same task. */
function changedInputs(before, after) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((key) => before?.[key] !== after?.[key]);
}

export async function runPipeline() {
  const env = environment();
  const entries = [];

  log('turbo run generate:code --force');
  const generate = await turbo(['generate:code', '--force'], env);
  entries.push(
    entry('pipeline: cold generate, all specs (turbo run generate:code --force)', generate.seconds, 's', atMost(10), {
      exitCode: generate.code,
      cpuSeconds: generate.cpuSeconds,
      taskSeconds: Object.fromEntries(generate.tasks.map((t) => [t.id, round(t.ms / 1000, 2)])),
    }),
  );

  log('turbo run build (bringing the cache up to date)');
  let previous = await turbo(['build'], env);
  const firstRun = { seconds: round(previous.seconds, 2), rebuilt: previous.tasks.filter((t) => !t.hit).map((t) => t.id) };
  let warm;
  const concurrentEdits = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    log(`turbo run build (warm: nothing changed), attempt ${attempt}`);
    warm = await turbo(['build'], env);
    const before = new Map(previous.tasks.map((t) => [t.id, t]));
    const edited = warm.tasks.filter((t) => !t.hit && before.get(t.id) && before.get(t.id).hash !== t.hash);
    if (edited.length === 0) break;
    // Someone changed these tasks' inputs between the runs: not a cache failure, measure again.
    for (const t of edited) concurrentEdits.push({ task: t.id, files: changedInputs(before.get(t.id).inputs, t.inputs) });
    previous = warm;
  }
  const misses = warm.tasks.filter((t) => !t.hit).map((t) => t.id);
  const ok = warm.code === 0 && warm.tasks.length > 0;
  entries.push(
    entry('pipeline: warm build, tasks not cached', ok ? misses.length : Infinity, 'tasks', atMost(0), {
      cached: `${warm.tasks.length - misses.length}/${warm.tasks.length}`,
      ...(misses.length ? { misses } : {}),
      firstRun,
      ...(concurrentEdits.length ? { concurrentEdits } : {}),
    }),
  );
  entries.push(entry('pipeline: warm build wall time', warm.seconds, 's', null));

  // Each vendor package's contract suite (test/contract.test.ts), every vendor of the registry.
  const projects = VENDORS.map((vendor) => `@switchboard/${vendor}`);
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), 'test/contract.test.ts'];
  log(`vitest ${args.join(' ')}`);
  const contract = await timed(join(BIN, 'vitest'), args, env);
  const tests = contract.output.match(/Tests\s+(.*\(\d+\))/)?.[1]?.replace(/\s+/g, ' ');
  if (contract.code !== 0) log(`contract suites failed:\n${contract.output.slice(-2000)}`);
  entries.push(
    entry(`pipeline: contract suites incl. Prism start-up (${VENDORS.join(', ')})`, contract.seconds, 's', atMost(15), {
      exitCode: contract.code,
      cpuSeconds: contract.cpuSeconds,
      tests,
    }),
  );
  return entries;
}
