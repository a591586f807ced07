// Section 6: one whole inventory. `createSwitchboard({ every vendor }).listAll()`, with its
// defaults, over TOTAL numbers per vendor: each vendor a loopback server in another process
// (lib/inventory-server.mjs) that pages as the vendor's spec says and answers LATENCY_MS after
// each request. Beside it, in interleaved rounds, the bound: the same listings walked with raw
// fetch, vendors in parallel, each at the largest page its spec documents (1000, the facade's own
// ceiling, for a vendor that documents none), page after page. When each vendor's last number came
// is compared too: one vendor with small pages and opaque cursors (Cartesia: 100 a page, 20 round
// trips one after another) is the whole inventory's long pole, and would hide the others' walks.
// Prints its results as one JSON line.
import { createSwitchboard } from '@switchboard/phone-numbers';
import { spawnServer } from './child.mjs';
import { FACADE_MAX_PAGE_SIZE, pagersFor } from './inventory-pagers.mjs';
import { LATENCY_MS } from './inventory-server.mjs';
import { atMost, entry, interleave, median, medianRatio, round } from './stats.mjs';
import { VENDORS } from './vendors.mjs';

const TOTAL = 2000;
const API_KEY = 'bench-api-key-0123456789';
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 21;
const log = (message) => process.stderr.write(`  [inventory] ${message}\n`);

const pagers = await pagersFor(VENDORS);
const server = await spawnServer({ total: TOTAL, script: 'inventory-server.mjs' });
const switchboardWith = (fetchOf) =>
  createSwitchboard(Object.fromEntries(VENDORS.map((vendor) => [vendor, { apiKey: API_KEY, baseUrl: server.urls[vendor], fetch: fetchOf?.(vendor) }])));
const switchboard = switchboardWith();

/** Every number of every vendor through the switchboard, each handed to `see`. */
async function listAll(board, see) {
  for await (const number of board.listAll()) see(number);
}

/** One vendor's listing with raw fetch, page after page, at the largest page its spec documents. */
async function rawWalk(vendor) {
  const pager = pagers[vendor];
  const url = new URL(`${server.urls[vendor]}${pager.path}`);
  url.searchParams.set(pager.sizeParameter, String(pager.documentedMaxPageSize ?? FACADE_MAX_PAGE_SIZE));
  let count = 0;
  for (;;) {
    const body = await (await fetch(url, { headers: { Authorization: `Bearer ${API_KEY}` } })).json();
    count += pager.items(body).length;
    const next = pager.next(body, url.searchParams.get(pager.positionParameter));
    if (next === null) return count;
    url.searchParams.set(pager.positionParameter, next);
  }
}

const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * One timed run of each contender: how long it took, and when each vendor's last number came (ms
 * from the start), which shows each vendor's walk even when one vendor's is the long pole.
 */
const contenders = {
  async 'listAll()'() {
    const start = process.hrtime.bigint();
    const last = {};
    await listAll(switchboard, (number) => {
      last[number.vendor] = process.hrtime.bigint();
    });
    const total = msSince(start);
    return { total, byVendor: Object.fromEntries(VENDORS.map((vendor) => [vendor, Number(last[vendor] - start) / 1e6])) };
  },
  async bound() {
    const start = process.hrtime.bigint();
    const byVendor = {};
    await Promise.all(
      VENDORS.map(async (vendor) => {
        await rawWalk(vendor);
        byVendor[vendor] = msSince(start);
      }),
    );
    return { total: msSince(start), byVendor };
  },
};

// A first listing through a fetch that notes each request's page size and answer size (the timed
// rounds go without it), which also checks that both contenders see every number once.
const requests = Object.fromEntries(VENDORS.map((vendor) => [vendor, []]));
const noting = (vendor) => async (request) => {
  const response = await fetch(request);
  const pageSize = new URL(request.url).searchParams.get(pagers[vendor].sizeParameter);
  requests[vendor].push({ pageSize: pageSize && Number(pageSize), bytes: Number(response.headers.get('content-length')) });
  return response;
};
const expected = TOTAL * VENDORS.length;
const seen = new Set();
let listed = 0;
await listAll(switchboardWith(noting), (number) => {
  listed++;
  seen.add(`${number.vendor} ${number.id}`);
});
if (listed !== expected || seen.size !== expected) throw new Error(`listAll saw ${listed} numbers (${seen.size} distinct), not ${expected}`);
const bounded = (await Promise.all(VENDORS.map(rawWalk))).reduce((sum, count) => sum + count, 0);
if (bounded !== expected) throw new Error(`the bound saw ${bounded} numbers, not ${expected}`);

log(`time: switchboard.listAll() vs the bound × ${ROUNDS} rounds of ${VENDORS.length} vendors × ${TOTAL} numbers, ${LATENCY_MS} ms a request`);
// Each contender's per-vendor times, every run (the first, a warm-up, is dropped below).
const byVendor = { 'listAll()': [], bound: [] };
const samples = await interleave(
  Object.keys(contenders),
  async (name) => {
    const run = await contenders[name]();
    byVendor[name].push(run.byVendor);
    return run.total;
  },
  { rounds: ROUNDS, warmup: 1 },
);
await server.stop();
const vendorTimes = (name, vendor) => byVendor[name].slice(1).map((times) => times[vendor]);

const perRound = samples['listAll()'].map((value, i) => value / samples.bound[i]);
const pagesOf = (vendor) => {
  const sizes = [...new Set(requests[vendor].map(({ pageSize }) => pageSize ?? 'default'))].join('/');
  return `${vendor} ${requests[vendor].length} × ${sizes} (largest answer ${round(Math.max(...requests[vendor].map(({ bytes }) => bytes)) / 1e3, 0)} kB)`;
};
const scenario = `${VENDORS.length} vendors × ${TOTAL.toLocaleString('en')} numbers, ${LATENCY_MS} ms a request`;
const entries = [
  entry(`inventory: switchboard.listAll() ÷ bound (${scenario})`, medianRatio(samples['listAll()'], samples.bound), '× time', atMost(1.3), {
    medians: { 'listAll()': round(median(samples['listAll()']), 1), bound: round(median(samples.bound), 1) },
    medianUnit: 'ms',
    range: [round(Math.min(...perRound)), round(Math.max(...perRound))],
    rounds: ROUNDS,
  }),
  entry(`inventory: switchboard.listAll() (${scenario})`, median(samples['listAll()']), 'ms', null, {
    note: `pages asked for: ${VENDORS.map(pagesOf).join('; ')}`,
  }),
  entry(`inventory: bound, vendors in parallel at the largest page each documents (${scenario})`, median(samples.bound), 'ms', null, {
    note: VENDORS.map((vendor) => `${vendor} ${pagers[vendor].documentedMaxPageSize ?? `${FACADE_MAX_PAGE_SIZE} (none documented)`}`).join(', '),
  }),
  ...VENDORS.map((vendor) =>
    entry(
      `inventory: ${vendor}'s last number ÷ its raw walk's end, in the same runs`,
      medianRatio(vendorTimes('listAll()', vendor), vendorTimes('bound', vendor)),
      '× time',
      null,
      {
        medians: { 'listAll()': round(median(vendorTimes('listAll()', vendor)), 1), bound: round(median(vendorTimes('bound', vendor)), 1) },
        medianUnit: 'ms from the start',
      },
    ),
  ),
];
process.stdout.write(`${JSON.stringify({ entries })}\n`);
