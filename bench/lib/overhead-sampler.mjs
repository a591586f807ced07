// A process of the overhead section (lib/overhead.mjs forks one per family of contenders, with its
// own node flags): `overhead-sampler.mjs <baseUrl> <family> [--fetch-path]`. It checks each of its
// contenders once, says it is ready, then takes one sample per message and answers with it.

import { contenders, LIMITS } from './overhead-contenders.mjs';

const [baseUrl, family, ...flags] = process.argv.slice(2);
const FETCH_PATH = flags.includes('--fetch-path');
const calls = contenders(baseUrl, family, FETCH_PATH);

// Check every contender once: a contender that fails fast must not look fast. Ours must take the
// path this process measures: the global fetch on the fetch path, never on Node's.
const globalFetch = globalThis.fetch;
for (const [op, named] of Object.entries(calls)) {
  for (const [name, call] of Object.entries(named)) {
    let fetched = 0;
    globalThis.fetch = (...request) => (fetched++, globalFetch(...request));
    const result = await call();
    globalThis.fetch = globalFetch;
    const ok = op in LIMITS ? Array.isArray(result) && result.length === LIMITS[op] : typeof result?.id === 'string';
    if (!ok) throw new Error(`${op} via ${name} returned ${JSON.stringify(result)?.slice(0, 200)}`);
    if (family === 'ours' && fetched > 0 !== FETCH_PATH) throw new Error(`${op} via ${name} ${FETCH_PATH ? 'did not go' : 'went'} through the global fetch`);
  }
}

/**
 * Throughput in requests/s of `count` calls, `concurrency` of them in flight at a time, and this
 * process's CPU time per request: on a shared machine other processes steal wall time but not CPU
 * time, so the CPU ratio is the steadier reading of client overhead.
 */
async function sample({ op, name, count, concurrency }) {
  const call = calls[op][name];
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
  return { throughput: count / seconds, cpuUs: (user + system) / count };
}

process.on('message', async (request) => process.send(await sample(request)));
// Kept connections would hold the process open: it ends with the section.
process.on('disconnect', () => process.exit(0));
process.send({ ready: { ops: Object.keys(calls), names: Object.keys(calls.list) } });
