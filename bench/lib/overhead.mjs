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
//
// The contenders live in lib/overhead-contenders.mjs and run in two processes (lib/overhead-sampler.mjs,
// forked with this process's node flags): the fetch stack in one, our clients in the other (why:
// FAMILIES there). This process only takes turns: each sample is one contender's, in its process,
// while the other waits, so the rounds stay interleaved.

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { spawnServer } from './child.mjs';
import { FAMILIES } from './overhead-contenders.mjs';
import { atLeast, entry, interleave, median, medianRatio, round } from './stats.mjs';

const args = process.argv.slice(2);
const ROUNDS = Number(args.includes('--rounds') && args[args.indexOf('--rounds') + 1]) || 7;
const FETCH_PATH = args.includes('--fetch-path');
// Requests per sample: ~0.1-0.4 s a sample on a 2-core machine; rounds, not long samples, give
// the robustness (a median over rounds shrugs off a slow one).
const N = { list: { seq: 200, c16: 500 }, 'list 100': { seq: 100, c16: 250 }, create: { seq: 200, c16: 500 } };
const CONCURRENCY = 16;
const log = (message) => process.stderr.write(`  [overhead${FETCH_PATH ? ', fetch path' : ''}] ${message}\n`);

const server = await spawnServer({ total: 100 });

/** A sampler process of one family, once it has checked its contenders: `sample()` takes one sample there. */
async function startSampler(family) {
  const child = fork(fileURLToPath(new URL('./overhead-sampler.mjs', import.meta.url)), [server.url, family, ...(FETCH_PATH ? ['--fetch-path'] : [])], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => Promise.reject(new Error(`the ${family} sampler exited (${code})`)));
  const [{ ready }] = await Promise.race([once(child, 'message'), exited]);
  return {
    ...ready,
    sample: async (request) => {
      child.send(request);
      const [answer] = await Promise.race([once(child, 'message'), exited]);
      return answer;
    },
    stop: () => child.disconnect(),
  };
}
const samplers = Object.fromEntries(await Promise.all(Object.keys(FAMILIES).map(async (family) => [family, await startSampler(family)])));
const familyOf = (name) => Object.keys(samplers).find((family) => samplers[family].names.includes(name));
const OPS = samplers.ours.ops;
const NAMES = Object.values(samplers).flatMap((sampler) => sampler.names);

const cpuSamples = {};
const medians = {};
const samples = {};
for (const op of OPS) {
  for (const [mode, concurrency] of [
    ['seq', 1],
    ['c16', CONCURRENCY],
  ]) {
    log(`${op} ${mode}: ${NAMES.join(', ')} × ${ROUNDS} rounds of ${N[op][mode]} requests`);
    const result = await interleave(
      NAMES,
      async (name) => {
        const { throughput, cpuUs } = await samplers[familyOf(name)].sample({ op, name, count: N[op][mode], concurrency });
        const key = `${op}.${mode}.${name}`;
        cpuSamples[key] ??= [];
        cpuSamples[key].push(cpuUs);
        return throughput;
      },
      { rounds: ROUNDS, warmup: 2 },
    );
    samples[`${op}.${mode}`] = result;
    medians[`${op}.${mode}`] = Object.fromEntries(Object.entries(result).map(([name, values]) => [name, round(median(values), 1)]));
  }
}
for (const sampler of Object.values(samplers)) sampler.stop();
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
  for (const op of OPS) {
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
  for (const op of OPS) {
    ratio(op, 'c16', 'openapi-fetch', 'raw fetch', null);
    ratio(op, 'c16', 'createVapiClient', 'openapi-fetch', null);
    ratio(op, 'c16', 'facade', 'createVapiClient', null);
    ratio(op, 'c16', 'Vapi SDK', 'raw fetch', null);
  }
}

process.stdout.write(`${JSON.stringify({ entries, medians })}\n`);
