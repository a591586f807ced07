// Section 5: listAll over 10,000 numbers (Vapi v2 paging, 100 a page) from lib/server.mjs in
// another process. Run as a child process with --expose-gc (a clean heap, and gc() on demand);
// prints its results as one JSON line.
//
// Memory: listAll keeps one page at a time (plus the ids it has seen, to drop duplicates), so its
// live heap must stay well below holding all 10,000 numbers. Two readings of heapUsed after each
// page: as is (garbage included: what the process really peaks at) and right after a gc() (the
// live set: what listAll retains). Both are compared with the live heap of all 10,000 held at once.
// Time: listAll vs a hand-written raw-fetch pager over the same pages, in interleaved rounds.
import { createPhoneNumbers } from '@switchboard/phone-numbers';
import { spawnServer } from './child.mjs';
import { atMost, entry, interleave, median, medianRatio, round } from './stats.mjs';

const TOTAL = 10_000;
const PAGE = 100;
const API_KEY = 'bench-api-key-0123456789';
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 7;
const log = (message) => process.stderr.write(`  [scale] ${message}\n`);
const gc = globalThis.gc;
if (!gc) throw new Error('run with node --expose-gc');

const server = await spawnServer({ total: TOTAL });
const numbers = createPhoneNumbers({ vendor: 'vapi', apiKey: API_KEY, baseUrl: server.url });

async function rawPager() {
  let count = 0;
  for (let page = 1; ; page++) {
    const response = await fetch(`${server.url}/v2/phone-number?page=${page}&limit=${PAGE}`, { headers: { Authorization: `Bearer ${API_KEY}` } });
    const { results, metadata } = await response.json();
    count += results.length;
    if (!metadata.hasNextPage) return count;
  }
}

async function facadeAll() {
  let count = 0;
  for await (const _ of numbers.listAll({ pageSize: PAGE })) count++;
  return count;
}

const heap = () => process.memoryUsage().heapUsed;
const settle = () => (gc(), gc(), heap());

// Warm up (JIT, sockets), and check both see every number.
for (const [name, run] of [
  ['listAll', facadeAll],
  ['raw pager', rawPager],
]) {
  const count = await run();
  if (count !== TOTAL) throw new Error(`${name} saw ${count} numbers, not ${TOTAL}`);
}

async function memoryOfIteration({ collect }) {
  const base = settle();
  let peak = 0;
  let count = 0;
  for await (const _ of numbers.listAll({ pageSize: PAGE })) {
    if (++count % PAGE === 0) peak = Math.max(peak, (collect ? settle() : heap()) - base);
  }
  return peak;
}

log('memory: live heap of all 10,000 held at once');
const heldBase = settle();
const held = [];
for await (const number of numbers.listAll({ pageSize: PAGE })) held.push(number);
const heldBytes = settle() - heldBase;
held.length = 0;

log('memory: listAll, heapUsed after each page (as is, and after gc)');
const peaks = { asIs: [], live: [] };
for (let i = 0; i < 3; i++) {
  peaks.asIs.push(await memoryOfIteration({ collect: false }));
  peaks.live.push(await memoryOfIteration({ collect: true }));
}
const livePeak = median(peaks.live);
const asIsPeak = median(peaks.asIs);

log(`time: listAll vs raw pager × ${ROUNDS} rounds of ${TOTAL} numbers`);
const runs = { listAll: facadeAll, 'raw pager': rawPager };
const samples = await interleave(
  Object.keys(runs),
  async (name) => {
    gc();
    const start = process.hrtime.bigint();
    await runs[name]();
    return Number(process.hrtime.bigint() - start) / 1e6 / (TOTAL / 1000);
  },
  { rounds: ROUNDS, warmup: 1 },
);
await server.stop();

const MB = (bytes) => round(bytes / 1e6, 2);
const entries = [
  entry('scale: listAll 10,000, peak live heap growth ÷ holding all 10,000', livePeak / heldBytes, '×', atMost(0.25), {
    livePeakMB: MB(livePeak),
    holdingAllMB: MB(heldBytes),
    bytesPerNumberRetained: round(livePeak / TOTAL, 1),
    note: 'heapUsed after gc() at each page: what listAll retains (the current page, and every id seen for de-duplication)',
  }),
  entry('scale: listAll 10,000, peak heapUsed growth (garbage included) ÷ holding all', asIsPeak / heldBytes, '×', null, { peakMB: MB(asIsPeak) }),
  entry('scale: listAll time per 1,000 numbers', median(samples.listAll), 'ms', null, { rounds: ROUNDS }),
  entry('scale: listAll ÷ raw-fetch pager (numbers per second)', medianRatio(samples['raw pager'], samples.listAll), '× throughput', null, {
    medians: { listAll: round(median(samples.listAll), 2), 'raw pager': round(median(samples['raw pager']), 2) },
    medianUnit: 'ms per 1,000 numbers',
  }),
];
process.stdout.write(`${JSON.stringify({ entries })}\n`);
