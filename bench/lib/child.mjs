// Helpers to run parts of the benchmark in processes of their own: a fresh heap and module cache
// for each measurement, and the loopback server on its own core.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Start a server of lib/ (`server.mjs`, or `script`) in a child process; resolves with what it
 * printed on its first line (`{ url }`, `{ urls }`) and a `stop()`.
 */
export async function spawnServer({ total = 100, script = 'server.mjs' } = {}) {
  const child = spawn(process.execPath, [fileURLToPath(new URL(`./${script}`, import.meta.url)), '--total', String(total)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = await Promise.race([once(lines, 'line'), once(child, 'exit').then(([code]) => Promise.reject(new Error(`server exited (${code})`)))]);
  return {
    ...JSON.parse(line),
    stop: async () => {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/**
 * Run a bench module (`node [flags] lib/<script> [args]`) that prints one JSON document as its last
 * stdout line; progress goes to stderr, which is passed through.
 */
export async function runJsonChild(script, args = [], { nodeFlags = [], env = {} } = {}) {
  const child = spawn(process.execPath, [...nodeFlags, fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(stdout.trim().split('\n').at(-1));
}
