#!/usr/bin/env node
// `pnpm bench`: every benchmark of the monorepo, side by side with Vapi's official SDK.
// Writes bench/results.json and bench/results.md and prints the Markdown table.
//
//   node bench/run.mjs                      all sections (a few minutes on 2 cores)
//   node bench/run.mjs overhead scale       only these sections
//   node bench/run.mjs --rounds 5           fewer rounds (overhead, import, typecheck, scale, inventory; default 7/9/5/7/21)
//   node bench/run.mjs --before old.json    the "Before" column from this results.json (default: baseline.json)
//
// A run of some sections replaces those sections' figures in bench/results.json and keeps the
// others', with the run each came from (meta, and meta.sections for sections run alone since).
//
// Needs the packages built (`pnpm start` or `pnpm build`). Timed parts run in child processes of
// their own (a clean heap and module cache each; the loopback server on its own core).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runBundle } from './lib/bundle-section.mjs';
import { ROOT_DIR, runJsonChild } from './lib/child.mjs';
import { runImportTime } from './lib/import-time.mjs';
import { runPipeline } from './lib/pipeline.mjs';
import { markdown } from './lib/report.mjs';
import { round } from './lib/stats.mjs';
import { runTypecheck } from './lib/typecheck.mjs';

const args = process.argv.slice(2);
const flagValue = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const roundsArg = flagValue('--rounds') && Number(flagValue('--rounds'));
// The figures to compare with: bench/baseline.json (the commit an optimisation started from), or --before.
const BASELINE = new URL('./baseline.json', import.meta.url);
const beforeFile = flagValue('--before') ?? (existsSync(BASELINE) ? BASELINE : undefined);
const before = beforeFile && JSON.parse(readFileSync(beforeFile, 'utf8'));
const roundArgs = roundsArg ? ['--rounds', String(roundsArg)] : [];

// Pipeline first: its builds leave dist matching the sources the other sections then measure.
const SECTIONS = {
  pipeline: () => runPipeline(),
  bundle: () => runBundle(),
  import: () => runImportTime(roundsArg ? { rounds: roundsArg } : {}),
  typecheck: () => runTypecheck(roundsArg ? { rounds: roundsArg } : {}),
  // On Node our clients send through node:http; `--conditions=browser` makes core pick the fetch
  // exchange (browsers, Deno, Bun, edge runtimes), measured in a child of its own.
  overhead: async () => [
    ...(await runJsonChild('overhead.mjs', roundArgs, { nodeFlags: ['--expose-gc'] })).entries,
    ...(await runJsonChild('overhead.mjs', [...roundArgs, '--fetch-path'], { nodeFlags: ['--expose-gc', '--conditions=browser'] })).entries,
  ],
  scale: async () => (await runJsonChild('scale.mjs', roundArgs, { nodeFlags: ['--expose-gc'] })).entries,
  inventory: async () => (await runJsonChild('inventory.mjs', roundArgs)).entries,
};
const chosen = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--rounds' && args[i - 1] !== '--before');
const unknown = chosen.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`unknown section(s) ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
if (!existsSync(new URL('../packages/phone-numbers/dist/index.js', import.meta.url))) {
  console.error('The packages are not built: run `pnpm start` (or `pnpm build`) first.');
  process.exit(2);
}

const git = (command) => {
  try {
    return execSync(`git ${command}`, { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};
const load = () => loadavg().map((value) => round(value, 2));
const meta = {
  date: new Date().toISOString(),
  node: process.versions.node,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  commit: git('rev-parse --short HEAD') || 'unknown',
  dirty: git('status --porcelain') !== '',
  loadAverage: { start: load() },
};

const entries = [];
const started = Date.now();
const ran = chosen.length ? chosen : Object.keys(SECTIONS);
for (const name of ran) {
  console.error(`▶ ${name}`);
  const t = Date.now();
  entries.push(...(await SECTIONS[name]()).map((e) => ({ section: name, ...e })));
  console.error(`  ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
meta.loadAverage.end = load();
meta.seconds = round((Date.now() - started) / 1000, 1);

const RESULTS = new URL('./results.json', import.meta.url);
const previous = chosen.length && existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : undefined;
const order = Object.keys(SECTIONS);
const results = previous
  ? {
      meta: { ...previous.meta, sections: { ...previous.meta.sections, ...Object.fromEntries(ran.map((name) => [name, meta])) } },
      entries: [...previous.entries.filter((e) => !ran.includes(e.section)), ...entries].sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section)),
    }
  : { meta, entries };
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
const table = markdown(results, before);
writeFileSync(new URL('./results.md', import.meta.url), table);
console.log(`\n${table}`);
console.error(`bench/results.json and bench/results.md written (${meta.seconds} s)`);
