import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { HostedServer } from './prism-host.js';

export interface PrismMock {
  url: string;
  stop(): Promise<void>;
}

/** Several Prism servers in one process (see prism-host.ts). */
export interface PrismHost {
  /** Each server's base URL, in the order asked for. */
  urls: readonly string[];
  stop(): Promise<void>;
}

// Generous: on a loaded 2-core machine Prism takes a while to load and to read several specs.
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
 * Start a Prism mock on a free loopback port serving `spec`, with request validation on and
 * `--errors` so a response that breaks the spec fails loudly. Resolves once it listens.
 */
export async function startPrismMock(spec: string, options: PrismMockOptions = {}): Promise<PrismMock> {
  const host = await startPrismMocks([spec], options);
  return { url: host.urls[0]!, stop: host.stop };
}

/**
 * `startPrismMock` of each of `specs`, all in one Prism process (one load of Prism's modules), each
 * warmed up when asked; if any fails to start or to warm up, none is left running.
 */
export async function startPrismMocks(specs: readonly string[], { warmUp: warm, signal }: PrismMockOptions = {}): Promise<PrismHost> {
  const host = await startPrismHost(
    specs.map((spec) => ({ mode: 'mock', spec })),
    signal,
  );
  try {
    if (warm) await Promise.all(host.urls.map((url, i) => warmUp(url, specs[i]!, signal ?? new AbortController().signal)));
    return host;
  } catch (error) {
    await host.stop();
    throw error;
  }
}

/**
 * Start a Prism proxy on a free loopback port in front of `upstream`: every request is checked
 * against `spec` before it is forwarded, and every answer after (`--errors`: a request that breaks
 * the spec is refused with 422 without reaching `upstream`, an answer that breaks it becomes a 500).
 */
export async function startPrismProxy(spec: string, upstream: string, signal?: AbortSignal): Promise<PrismMock> {
  const host = await startPrismHost([{ mode: 'proxy', spec, upstream }], signal);
  return { url: host.urls[0]!, stop: host.stop };
}

/**
 * The host is always the built script: under vitest this module runs from src/, whose TypeScript
 * Node cannot run (a package's test task builds it first).
 */
const HOST_SCRIPT = fileURLToPath(new URL('../dist/prism-host.js', import.meta.url));

/**
 * Run `servers` in one Prism process, each on a loopback port the OS assigns as it binds; resolves
 * with the addresses the process reports once all listen. Choosing free ports first and handing
 * them over would leave a window in which another process (a second package's Prism, a test's
 * server) takes one, and whatever answered there would pass for this Prism. If any server fails
 * to start, the whole start fails and the process is gone.
 */
export async function startPrismHost(servers: readonly HostedServer[], signal: AbortSignal | undefined): Promise<PrismHost> {
  signal?.throwIfAborted();
  // stdin is a pipe the host reads to its end: when this process dies, however, the host exits.
  const child = spawn(process.execPath, [HOST_SCRIPT, JSON.stringify(servers)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stopChild = () => stop(child);
  const specs = servers.map((server) => server.spec).join(', ');
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk;
  });
  // The host's one line of output: up to its end, since output arrives in chunks.
  let output = '';
  const listening = new Promise<string[]>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.endsWith('\n')) resolve(JSON.parse(output) as string[]);
    });
  });

  // The wait ends as soon as the host exits — with a code, or killed by a signal (Ctrl-C reaches
  // the whole process group) — or the caller gives up, not at the timeout.
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  const interrupt = AbortSignal.any([...(signal ? [signal] : []), exited.signal, AbortSignal.timeout(STARTUP_TIMEOUT_MS)]);
  const interrupted = new Promise<never>((_, reject) => {
    interrupt.addEventListener('abort', () => reject(interrupt.reason), { once: true });
  });
  try {
    const urls = await Promise.race([listening, interrupted]);
    return { urls, stop: stopChild };
  } catch (error) {
    await stopChild();
    if (signal?.aborted) throw signal.reason;
    if (exited.signal.aborted) {
      throw new PrismExitError(`prism exited (${child.signalCode ?? `code ${child.exitCode}`}) for ${specs}:\n${errors}`, child.exitCode, child.signalCode);
    }
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new Error(`prism did not listen within ${STARTUP_TIMEOUT_MS} ms for ${specs}:\n${errors}`);
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
