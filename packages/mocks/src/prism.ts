import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'yaml';

export interface PrismMock {
  url: string;
  stop(): Promise<void>;
}

// Generous: on a loaded 2-core machine several Prism processes starting together take a while.
const STARTUP_TIMEOUT_MS = 60_000;

/** Prism exited before it answered: with an exit code, or killed by a signal (Ctrl-C reaches the whole process group). */
export class PrismExitError extends Error {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;

  constructor(message: string, code: number | null, signal: NodeJS.Signals | null) {
    super(message);
    this.name = 'PrismExitError';
    this.code = code;
    this.signal = signal;
  }
}

export interface PrismMockOptions {
  /** Send each operation's example once before resolving (see `warmUp`): slower to start, then fast. */
  warmUp?: boolean;
  /** Give up starting: the Prism process is stopped and the start rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Start `prism mock` on a free loopback port serving `spec`, with request validation on and
 * `--errors` so a response that breaks the spec fails loudly. Resolves once it answers HTTP.
 */
export async function startPrismMock(spec: string, options: PrismMockOptions = {}): Promise<PrismMock> {
  const mock = await startPrism(['mock', spec], spec, options.signal);
  try {
    if (options.warmUp) await warmUp(mock.url, spec, options.signal ?? new AbortController().signal);
    return mock;
  } catch (error) {
    await mock.stop();
    throw error;
  }
}

/**
 * Start `prism proxy` on a free loopback port in front of `upstream`: every request is checked
 * against `spec` before it is forwarded, and every answer after (`--errors`: a request that breaks
 * the spec is refused with 422 without reaching `upstream`, an answer that breaks it becomes a 500).
 */
export function startPrismProxy(spec: string, upstream: string, signal?: AbortSignal): Promise<PrismMock> {
  return startPrism(['proxy', spec, upstream], spec, signal);
}

/** Run Prism with `args` on a free loopback port; resolves once it answers HTTP. */
async function startPrism(args: readonly string[], spec: string, signal: AbortSignal | undefined): Promise<PrismMock> {
  signal?.throwIfAborted();
  const port = await freePort();
  const bin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const child = spawn(process.execPath, [bin, ...args, '-h', '127.0.0.1', '-p', String(port), '--errors', '-v', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));

  // The wait ends as soon as Prism exits — with a code, or killed by a signal (Ctrl-C reaches the
  // whole process group) — or the caller gives up, not at the timeout.
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  const interrupt = signal ? AbortSignal.any([signal, exited.signal]) : exited.signal;

  const url = `http://127.0.0.1:${port}`;
  const prism = { url, stop: () => stop(child) };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    while (!(await answers(url, interrupt))) {
      if (Date.now() >= deadline) throw new Error(`prism did not answer within ${STARTUP_TIMEOUT_MS} ms for ${spec}:\n${output}`);
      await delay(100, undefined, { signal: interrupt });
    }
    return prism;
  } catch (error) {
    await prism.stop();
    if (signal?.aborted) throw signal.reason;
    if (exited.signal.aborted) {
      throw new PrismExitError(`prism exited (${child.signalCode ?? `code ${child.exitCode}`}) for ${spec}:\n${output}`, child.exitCode, child.signalCode);
    }
    throw error;
  }
}

/** Whether `url` answers HTTP yet; rejects once `signal` aborts. */
async function answers(url: string, signal: AbortSignal): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(1_000)]) });
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    return false;
  }
}

/**
 * One request per operation, answers ignored. Prism builds an operation's validators on its first
 * answer, which takes seconds for a large spec; paying that at start-up keeps every later request
 * (the ones tests and timeouts measure) fast. Each request is the spec's own first example, with a
 * key where each of its security schemes looks for one, so Prism answers it in full (an invalid or
 * unauthorised one would skip the answer's validators).
 */
export async function warmUp(url: string, spec: string, signal: AbortSignal): Promise<void> {
  const document = parse(readFileSync(spec, 'utf8')) as SpecDocument;
  const keyHeaders = Object.values(document.components?.securitySchemes ?? {})
    .filter((scheme) => scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name)
    .map((scheme) => [scheme.name!, 'warm-up']);
  const requests = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    WARM_METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method]!;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolve(document, parameter));
      const exampleFor = (name: string) => String(exampleOf(parameters.find((parameter) => parameter.name === name)) ?? 'warm-up');
      const required = (place: string) => parameters.filter((parameter) => parameter.in === place && parameter.required);
      const query = required('query').map((parameter) => `${parameter.name}=${encodeURIComponent(exampleFor(parameter.name))}`);
      // Required headers too (an API version): without them Prism refuses the request with 422.
      const headers = Object.fromEntries(required('header').map((parameter) => [parameter.name, exampleFor(parameter.name)]));
      const body = exampleOf(resolve(document, operation.requestBody ?? {}).content?.['application/json']);
      const target = `${url}${path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(exampleFor(name)))}${query.length ? `?${query.join('&')}` : ''}`;
      const init: RequestInit = {
        method: method.toUpperCase(),
        headers: { authorization: 'Bearer warm-up', 'content-type': 'application/json', ...Object.fromEntries(keyHeaders), ...headers },
        signal,
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      return fetch(target, init).then(
        (response) => response.arrayBuffer(),
        () => undefined,
      );
    }),
  );
  await Promise.all(requests);
  signal.throwIfAborted();
}

const WARM_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Exampled {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: { example?: unknown; examples?: unknown[] };
}
interface Parameter extends Exampled {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { $ref?: string; content?: Record<string, Exampled> };
}
interface SpecDocument {
  paths?: Record<string, { parameters?: (Parameter | { $ref: string })[] } & Partial<Record<(typeof WARM_METHODS)[number], Operation>>>;
  components?: { securitySchemes?: Record<string, { type?: string; in?: string; name?: string }> };
}

function resolve<T>(document: SpecDocument, node: T | { $ref: string }): T {
  const ref = (node as { $ref?: string }).$ref;
  if (ref === undefined) return node as T;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], document) as T;
}

function exampleOf(node: Exampled | undefined): unknown {
  if (!node) return undefined;
  return node.example ?? Object.values(node.examples ?? {})[0]?.value ?? node.schema?.example ?? node.schema?.examples?.[0];
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
