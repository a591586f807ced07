#!/usr/bin/env node
// `pnpm bench:profile [contender] [--limit 10] [--requests 20000] [--create] [--fetch-path]`: a CPU
// profile of one contender of the overhead benchmark (facade, client, openapi-fetch, raw), 16 calls
// in flight against the loopback server, and the functions that took the most time, per request.
// Our clients send through node:http, or with `--fetch-path` through fetch (`--conditions=browser`).
// The .cpuprofile is kept (open it in Chrome DevTools or speedscope); profile before optimising.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const contender = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'facade';
const requests = Number(option('--requests', 20_000));
const dir = mkdtempSync(join(tmpdir(), 'switchboard-profile-'));
const child = spawnSync(
  process.execPath,
  [
    ...(args.includes('--fetch-path') ? ['--conditions=browser'] : []),
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    fileURLToPath(new URL('./lib/profile-child.mjs', import.meta.url)),
    contender,
    String(requests),
    option('--limit', '10'),
    String(args.includes('--create')),
  ],
  { stdio: 'inherit' },
);
if (child.status !== 0) process.exit(child.status ?? 1);

const file = join(
  dir,
  readdirSync(dir).find((name) => name.endsWith('.cpuprofile')),
);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const time = new Map();
for (const [i, id] of profile.samples.entries()) time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const self = new Map();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/node_modules\/(?!.*\/node_modules\/)/, '').replace(/^.*\/packages\//, '');
  const key = `${functionName || '(anonymous)'}  ${where}${where ? `:${lineNumber + 1}` : ''}`;
  self.set(key, (self.get(key) ?? 0) + (time.get(node.id) ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${contender}: ${(total / requests).toFixed(1)} µs of samples per request; top functions by self time (µs per request):`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / requests).toFixed(1).padStart(8)}  ${key}`);
console.log(`\nprofile: ${file}`);
