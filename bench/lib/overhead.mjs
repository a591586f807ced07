// Section 1: request overhead. Run as a child process (`node --expose-gc overhead.mjs`) against
// lib/server.mjs in another process; prints its results as one JSON line.
//
// Our clients send through core's platform exchange: on Node, node:http. Run with `--fetch-path`
// (and `node --conditions=browser`, which makes core pick the exchange browsers, Deno, Bun and edge
// runtimes use), they send through the global fetch instead: that child measures the fetch path
// (list and create, without openapi-fetch, which has no path of ours), against the same raw fetch.
//
// Six clients make the same calls to the same loopback server, in interleaved rounds:
//   raw fetch        fetch + res.json(): the floor any client pays
//   raw fetch + timeout  the same with what a per-attempt timeout costs any client that aborts the
//                    socket: an AbortController per call, its signal given to fetch, and a timer
//   openapi-fetch    createClient() with no middleware: what the library we build on costs
//   createVapiClient our openapi-fetch client: auth, request and answer checks, typed errors, retry/timeout transport
//   facade           createPhoneNumbers({ vendor: 'vapi' }): validation, mapping to PhoneNumber, echoed secrets masked
//   Vapi SDK         @vapi-ai/server-sdk's VapiClient
// each run sequentially (one request after another: latency-bound) and 16 in flight (CPU-bound
// on the client: where per-request overhead shows most). `list` asks for a page of 10 numbers (the
// goals of issue 15); `list 100` asks for 100, where parsing and per-number work weigh more.

import { createPhoneNumbers } from '@switchboard/phone-numbers';
import { createVapiClient } from '@switchboard/vapi';
import { VapiClient } from '@vapi-ai/server-sdk';
import createClient from 'openapi-fetch';
import { spawnServer } from './child.mjs';
import { atLeast, entry, interleave, median, medianRatio, round } from './stats.mjs';

const API_KEY = 'bench-api-key-0123456789';
const args = process.argv.slice(2);
const ROUNDS = Number(args.includes('--rounds') && args[args.indexOf('--rounds') + 1]) || 7;
const FETCH_PATH = args.includes('--fetch-path');
// Requests per sample: ~0.1-0.4 s a sample on a 2-core machine; rounds, not long samples, give
// the robustness (a median over rounds shrugs off a slow one).
const N = { list: { seq: 200, c16: 500 }, 'list 100': { seq: 100, c16: 250 }, create: { seq: 200, c16: 500 } };
const CONCURRENCY = 16;
const log = (message) => process.stderr.write(`  [overhead${FETCH_PATH ? ', fetch path' : ''}] ${message}\n`);

const server = await spawnServer({ total: 100 });
const baseUrl = server.url;

const headers = { Authorization: `Bearer ${API_KEY}` };
const bare = createClient({ baseUrl, headers });
const vapi = createVapiClient({ apiKey: API_KEY, baseUrl });
const facade = createPhoneNumbers({ vendor: 'vapi', apiKey: API_KEY, baseUrl });
const sdk = new VapiClient({ token: API_KEY, baseUrl });

const purchase = { provider: 'vapi', numberDesiredAreaCode: '415' };
const json = async (response) => {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
};
/** fetch + res.json() within a timeout that aborts the request, as the transport's attempts do. */
const timedJson = async (url, init) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    return await json(await fetch(url, { ...init, signal: controller.signal }));
  } finally {
    clearTimeout(timer);
  }
};

// Each call returns something to check, so no contender is timed doing less than the others.
// The SDK's `list()` is GET /phone-number (the unpaged v1 listing): the server answers it with a
// bare array of the same numbers, so the bytes parsed are the same as our v2 page's.
const listing = (limit) => {
  const url = `${baseUrl}/v2/phone-number?page=1&limit=${limit}`;
  return {
    'raw fetch': async () => (await json(await fetch(url, { headers }))).results,
    'raw fetch + timeout': async () => (await timedJson(url, { headers })).results,
    'openapi-fetch': async () => (await bare.GET('/v2/phone-number', { params: { query: { page: 1, limit } } })).data.results,
    createVapiClient: async () => (await vapi.GET('/v2/phone-number', { params: { query: { page: 1, limit } } })).data.results,
    facade: async () => (await facade.list({ limit })).items,
    'Vapi SDK': async () => await sdk.phoneNumbers.list({ limit }),
  };
};
/** The raw contenders' create request, built per call as a client would (the body serialised each time). */
const purchaseInit = () => ({ method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(purchase) });
const LIMITS = { list: 10, 'list 100': 100 };
const ALL_CONTENDERS = {
  list: listing(LIMITS.list),
  'list 100': listing(LIMITS['list 100']),
  create: {
    'raw fetch': async () => json(await fetch(`${baseUrl}/phone-number`, purchaseInit())),
    'raw fetch + timeout': async () => timedJson(`${baseUrl}/phone-number`, purchaseInit()),
    'openapi-fetch': async () => (await bare.POST('/phone-number', { body: purchase })).data,
    createVapiClient: async () => (await vapi.POST('/phone-number', { body: purchase })).data,
    facade: async () => facade.create({ type: 'purchase', areaCode: '415' }),
    'Vapi SDK': async () => sdk.phoneNumbers.create(purchase),
  },
};
const CONTENDERS = FETCH_PATH
  ? Object.fromEntries(
      ['list', 'create'].map((op) => {
        const { 'openapi-fetch': _bare, ...ours } = ALL_CONTENDERS[op];
        return [op, ours];
      }),
    )
  : ALL_CONTENDERS;

// Check every contender once: a contender that fails fast must not look fast. Ours must take the
// path this child measures: the global fetch on the fetch path, never on Node's.
const OURS = new Set(['createVapiClient', 'facade']);
const globalFetch = globalThis.fetch;
for (const [op, contenders] of Object.entries(CONTENDERS)) {
  for (const [name, call] of Object.entries(contenders)) {
    let fetched = 0;
    globalThis.fetch = (...request) => (fetched++, globalFetch(...request));
    const result = await call();
    globalThis.fetch = globalFetch;
    const ok = op in LIMITS ? Array.isArray(result) && result.length === LIMITS[op] : typeof result?.id === 'string';
    if (!ok) throw new Error(`${op} via ${name} returned ${JSON.stringify(result)?.slice(0, 200)}`);
    if (OURS.has(name) && fetched > 0 !== FETCH_PATH) throw new Error(`${op} via ${name} ${FETCH_PATH ? 'did not go' : 'went'} through the global fetch`);
  }
}

/**
 * Throughput in requests/s of `count` calls, `concurrency` of them in flight at a time. Also
 * records this process's CPU time per request: on a shared machine other processes steal wall
 * time but not CPU time, so the CPU ratio is the steadier reading of client overhead.
 */
const cpuSamples = {};
async function throughput(key, call, count, concurrency) {
  globalThis.gc?.();
  let next = 0;
  const worker = async () => {
    while (next++ < count) await call();
  };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { user, system } = process.cpuUsage(cpu);
  cpuSamples[key] ??= [];
  cpuSamples[key].push((user + system) / count);
  return count / seconds;
}

const medians = {};
const samples = {};
for (const op of Object.keys(CONTENDERS)) {
  for (const [mode, concurrency] of [
    ['seq', 1],
    ['c16', CONCURRENCY],
  ]) {
    const contenders = CONTENDERS[op];
    log(`${op} ${mode}: ${Object.keys(contenders).join(', ')} × ${ROUNDS} rounds of ${N[op][mode]} requests`);
    const result = await interleave(Object.keys(contenders), (name) => throughput(`${op}.${mode}.${name}`, contenders[name], N[op][mode], concurrency), {
      rounds: ROUNDS,
      warmup: 2,
    });
    samples[`${op}.${mode}`] = result;
    medians[`${op}.${mode}`] = Object.fromEntries(Object.entries(result).map(([name, values]) => [name, round(median(values), 1)]));
  }
}
await server.stop();

const MODES = { seq: 'sequential', c16: `${CONCURRENCY} in flight` };
const entries = [];
// The last ROUNDS CPU samples of a contender (the warm-up ones come first).
const cpuOf = (op, mode, name) => cpuSamples[`${op}.${mode}.${name}`].slice(-ROUNDS);
const ratio = (op, mode, a, b, goal) => {
  const s = samples[`${op}.${mode}`];
  const perRound = s[a].map((value, i) => value / s[b][i]);
  entries.push(
    entry(`${op} (${MODES[mode]}${FETCH_PATH ? ', over fetch' : ''}): ${a} ÷ ${b}`, medianRatio(s[a], s[b]), '× throughput', goal, {
      medians: { [a]: medians[`${op}.${mode}`][a], [b]: medians[`${op}.${mode}`][b] },
      medianUnit: 'requests/s',
      range: [round(Math.min(...perRound)), round(Math.max(...perRound))],
      cpuRatio: round(medianRatio(cpuOf(op, mode, b), cpuOf(op, mode, a))),
      cpuUsPerRequest: { [a]: round(median(cpuOf(op, mode, a)), 0), [b]: round(median(cpuOf(op, mode, b)), 0) },
      rounds: ROUNDS,
    }),
  );
};
if (FETCH_PATH) fetchPathRatios();
else nodePathRatios();

/**
 * Where fetch is the path (browsers, Deno, Bun, edge runtimes): near the floor any client with
 * timeouts pays on fetch (raw fetch with an AbortController and a timer per call), ahead of Vapi's SDK.
 */
function fetchPathRatios() {
  for (const mode of ['seq', 'c16']) {
    ratio('list', mode, 'facade', 'raw fetch + timeout', atLeast(0.9));
    ratio('create', mode, 'facade', 'raw fetch + timeout', atLeast(0.9));
    ratio('list', mode, 'facade', 'Vapi SDK', atLeast(1.25));
    ratio('list', mode, 'facade', 'raw fetch', null);
  }
  for (const op of Object.keys(CONTENDERS)) {
    ratio(op, 'c16', 'createVapiClient', 'raw fetch + timeout', null);
    ratio(op, 'c16', 'facade', 'createVapiClient', null);
  }
}

/** On Node, where our clients send through node:http: goals against raw fetch, Vapi's SDK and openapi-fetch. */
function nodePathRatios() {
  // At least raw fetch's throughput (a kept node:http connection beats fetch's floor), ahead of
  // Vapi's SDK, at most ~5 % on top of bare openapi-fetch, and no slower than it on create.
  for (const mode of ['seq', 'c16']) {
    ratio('list', mode, 'facade', 'raw fetch', atLeast(1));
    ratio('list', mode, 'facade', 'Vapi SDK', atLeast(1.25));
    ratio('list', mode, 'facade', 'openapi-fetch', atLeast(0.95));
    ratio('create', mode, 'facade', 'raw fetch', atLeast(1));
    ratio('create', mode, 'facade', 'openapi-fetch', atLeast(0.95));
    ratio('create', mode, 'facade', 'Vapi SDK', null);
  }
  // Context, no goal: 100 numbers a page, and where the overhead comes from, layer by layer, 16 in
  // flight (where the client's CPU is the bottleneck, so overhead shows undiluted by network waits).
  for (const mode of ['seq', 'c16']) {
    ratio('list 100', mode, 'facade', 'raw fetch', null);
    ratio('list 100', mode, 'facade', 'Vapi SDK', null);
  }
  // What the required stack and a cancellable timeout cost on their own: the floor under the goals
  // (openapi-fetch ÷ raw fetch 16 in flight is in the layer-by-layer rows below).
  ratio('list', 'seq', 'openapi-fetch', 'raw fetch', null);
  for (const mode of ['seq', 'c16']) ratio('list', mode, 'raw fetch + timeout', 'raw fetch', null);
  for (const op of Object.keys(CONTENDERS)) {
    ratio(op, 'c16', 'openapi-fetch', 'raw fetch', null);
    ratio(op, 'c16', 'createVapiClient', 'openapi-fetch', null);
    ratio(op, 'c16', 'facade', 'createVapiClient', null);
    ratio(op, 'c16', 'Vapi SDK', 'raw fetch', null);
  }
}

process.stdout.write(`${JSON.stringify({ entries, medians })}\n`);
