import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface PrismMock {
  url: string;
  stop(): Promise<void>;
}

// Generous: on a loaded 2-core machine several Prism processes starting together take a while.
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Start `prism mock` on a free loopback port serving `spec`, with request validation on and
 * `--errors` so a response that breaks the spec fails loudly. Resolves once it answers HTTP.
 */
export async function startPrismMock(spec: string): Promise<PrismMock> {
  const port = await freePort();
  const bin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const child = spawn(process.execPath, [bin, 'mock', spec, '-h', '127.0.0.1', '-p', String(port), '--errors', '-v', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));

  const url = `http://127.0.0.1:${port}`;
  const mock = { url, stop: () => stop(child) };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode} for ${spec}:\n${output}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return mock;
    } catch {
      await delay(100);
    }
  }
  await mock.stop();
  throw new Error(`prism did not answer within ${STARTUP_TIMEOUT_MS} ms for ${spec}:\n${output}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}

/** A port that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
