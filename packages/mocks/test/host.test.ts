import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, expect, test } from 'vitest';
import { PrismExitError, startMocks } from '../src/index.js';

const specFor = (vendor: string) => new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url).pathname;
const packageDir = new URL('../', import.meta.url).pathname;
const BUILT = `${packageDir}dist/index.js`;

/** A listing only each vendor's spec has. */
const OWN_PATH = { vogent: '/phone_numbers', vapi: '/phone-number', retell: '/v2/list-phone-numbers' } as const;

// Prism runs from the build (src/prism.ts says why): a stale one would test old code.
beforeAll(() => {
  const built = statSync(`${packageDir}dist/prism-host.js`).mtimeMs;
  if (statSync(`${packageDir}src/prism-host.ts`).mtimeMs > built)
    throw new Error('packages/mocks/dist is older than src: run `pnpm exec turbo run build` first');
});

/** The Prism host processes whose parent is `pid`, from /proc. */
function hostsOf(pid: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // The parent pid is the second field after the ")" that closes the command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return parent === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('prism-host.js') ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/** Running: neither gone nor a zombie waiting for whoever adopted it to reap it. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const statusOf = async (url: string, path: string) => (await fetch(`${url}${path}`, { headers: { authorization: 'Bearer test' } })).status;

test('one process serves the mocks of every vendor asked for, each its own spec, and stops with them', { timeout: 120_000 }, async () => {
  const vendors = ['vogent', 'vapi', 'retell'] as const;
  const mocks = await startMocks(vendors, { specFor });
  try {
    expect(hostsOf(process.pid)).toHaveLength(1);
    for (const vendor of vendors) {
      for (const [other, path] of Object.entries(OWN_PATH)) {
        expect(await statusOf(mocks.urls[vendor]!, path), `${vendor} at ${mocks.urls[vendor]}: ${other}'s listing`).toBe(vendor === other ? 200 : 404);
      }
    }
  } finally {
    await mocks.stop();
  }
  expect(hostsOf(process.pid)).toEqual([]);
});

test('a spec that fails to load fails the whole start with its message, and leaves nothing running', { timeout: 120_000 }, async () => {
  const broken = '/nonexistent/openapi.yaml';
  const start = startMocks(['vogent', 'broken', 'vapi'], { specFor: (vendor) => (vendor === 'broken' ? broken : specFor(vendor)) });
  await expect(start).rejects.toBeInstanceOf(PrismExitError);
  await expect(start).rejects.toMatchObject({ code: 1, message: expect.stringMatching(new RegExp(`\n${broken}: [^]*ENOENT`)) });
  expect(hostsOf(process.pid)).toEqual([]);
});

// A CLI or a test run killed outright (SIGKILL: no handler runs) cannot stop its Prism: the host
// itself notices its parent is gone, by the end of its stdin.
test('the Prism process exits when the process that started it is killed', { timeout: 120_000 }, async () => {
  const script = `const { startMocks } = await import(${JSON.stringify(BUILT)});
await startMocks(['vogent', 'vapi'], { specFor: (vendor) => ${JSON.stringify(specFor('VENDOR'))}.replace('VENDOR', vendor) });
console.log('started');
setInterval(() => {}, 60_000);`;
  const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [output] = (await once(parent.stdout, 'data')) as [Buffer];
  expect(String(output)).toBe('started\n');
  const [host, ...others] = hostsOf(parent.pid!);
  try {
    expect(others).toEqual([]);
    parent.kill('SIGKILL');
    await once(parent, 'exit');
    // Polled, not timed: the test's timeout is the only limit.
    while (isRunning(host!)) await sleep(50);
  } finally {
    if (isRunning(host!)) process.kill(host!, 'SIGKILL');
  }
});
