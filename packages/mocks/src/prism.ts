import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

export interface PrismMock {
  url: string;
  stop(): Promise<void>;
}

// Generous: on a loaded 2-core machine several Prism processes starting together take a while.
const STARTUP_TIMEOUT_MS = 60_000;

/** Prism exited before it listened: with an exit code, or killed by a signal (Ctrl-C reaches the whole process group). */
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
 * `--errors` so a response that breaks the spec fails loudly. Resolves once it listens.
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

/**
 * Prism's own line once its server listens, naming the address it bound. Logged at Prism's `start`
 * level, just above `info`, which is why Prism runs at `-v info`: any quieter hides it. Up to its
 * line's end: output arrives in chunks, and one may end inside the port.
 */
const LISTENING = /Prism is listening on (http:\/\/\S+)\s*\n/;

/**
 * Run Prism with `args` on a loopback port the OS assigns as Prism binds (`-p 0`); resolves with the
 * address Prism reports. Choosing a free port first and handing it over would leave a window in
 * which another process (a second package's Prism, a test's server) takes it, and whatever answered
 * there would pass for this Prism.
 */
async function startPrism(args: readonly string[], spec: string, signal: AbortSignal | undefined): Promise<PrismMock> {
  signal?.throwIfAborted();
  const bin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const child = spawn(process.execPath, [bin, ...args, '-h', '127.0.0.1', '-p', '0', '--errors', '-v', 'info'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopChild = () => stop(child);
  // Start-up output only, for the error if Prism never listens: at `info` Prism logs every request
  // after that, which is read and dropped so its pipe never fills.
  let output = '';
  const listening = new Promise<string>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = LISTENING.exec(output)?.[1];
      if (url === undefined) return;
      child.stdout?.off('data', read).resume();
      child.stderr?.off('data', read).resume();
      resolve(url);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
  });

  // The wait ends as soon as Prism exits — with a code, or killed by a signal (Ctrl-C reaches the
  // whole process group) — or the caller gives up, not at the timeout.
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  const interrupt = AbortSignal.any([...(signal ? [signal] : []), exited.signal, AbortSignal.timeout(STARTUP_TIMEOUT_MS)]);
  const interrupted = new Promise<never>((_, reject) => {
    interrupt.addEventListener('abort', () => reject(interrupt.reason), { once: true });
  });
  try {
    const url = await Promise.race([listening, interrupted]);
    return { url, stop: stopChild };
  } catch (error) {
    await stopChild();
    if (signal?.aborted) throw signal.reason;
    if (exited.signal.aborted) {
      throw new PrismExitError(`prism exited (${child.signalCode ?? `code ${child.exitCode}`}) for ${spec}:\n${output}`, child.exitCode, child.signalCode);
    }
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new Error(`prism did not listen within ${STARTUP_TIMEOUT_MS} ms for ${spec}:\n${output}`);
    }
    throw error;
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
  const keyHeaders = keyHeadersFor(document, 'warm-up');
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
        headers: { 'content-type': 'application/json', ...keyHeaders, ...headers },
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
/**
 * `key` wherever the spec's security schemes look for one: as a bearer token, and in each API-key
 * header (ElevenLabs' `xi-api-key`). Prism answers 401, and skips the answer's validators, without it.
 */
export function keyHeadersFor(document: SpecDocument, key: string): Record<string, string> {
  const apiKeyHeaders = Object.values(document.components?.securitySchemes ?? {}).filter(
    (scheme) => scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name,
  );
  return { authorization: `Bearer ${key}`, ...Object.fromEntries(apiKeyHeaders.map((scheme) => [scheme.name!, key])) };
}

interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { $ref?: string; content?: Record<string, Exampled> };
}
export interface SpecDocument {
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
