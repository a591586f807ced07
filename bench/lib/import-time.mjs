// Section 3: cold import time. Each sample is a fresh `node` process (empty module cache) that
// times its own `await import(...)` with performance.now(), so node's own start-up (the same for
// everyone) is left out. Processes are interleaved (facade, SDK, facade, SDK, ...); the OS file
// cache is warm after the warm-up round, which is what a server restart sees.
import { execFileSync } from 'node:child_process';
import { BENCH_DIR } from './child.mjs';
import { atMost, entry, interleave, median, medianRatio, round } from './stats.mjs';

const MODULES = {
  facade: '@switchboard/phone-numbers',
  'Vapi SDK': '@vapi-ai/server-sdk',
  'Vapi SDK /phoneNumbers': '@vapi-ai/server-sdk/phoneNumbers',
};

function importMs(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  // cwd is bench/, so bare specifiers resolve through bench/node_modules like a consumer's would.
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: BENCH_DIR, encoding: 'utf8' }));
}

export async function runImportTime({ rounds = 9 } = {}) {
  const samples = await interleave(Object.keys(MODULES), async (name) => importMs(MODULES[name]), { rounds, warmup: 1 });
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, round(median(values), 1)]));
  const extra = (a, b) => ({ medians: { [a]: medians[a], [b]: medians[b] }, medianUnit: 'ms', rounds });
  return [
    entry('import time: facade ÷ Vapi SDK', medianRatio(samples.facade, samples['Vapi SDK']), '× time', atMost(0.1), extra('facade', 'Vapi SDK')),
    entry(
      'import time: facade ÷ Vapi SDK /phoneNumbers subpath',
      medianRatio(samples.facade, samples['Vapi SDK /phoneNumbers']),
      '× time',
      null,
      extra('facade', 'Vapi SDK /phoneNumbers'),
    ),
  ];
}
