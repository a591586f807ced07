import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

/**
 * What the fault server does with one request. "Commit" means the request was proxied to the
 * upstream mock, which answered: a vendor would have applied it.
 */
export type Fault =
  /** Proxy to upstream and relay its answer. */
  | 'pass'
  /** Proxy to upstream (the vendor commits), then close the socket without answering. */
  | 'drop-after-commit'
  /** Close the socket at once, without answering or proxying. */
  | 'drop'
  /** 200 with a body that is not JSON, labelled `application/json`. */
  | 'garbage'
  /** 200 with an HTML body labelled `text/html`. */
  | 'wrong-content-type'
  /** Never answer. `afterHeaders`: send the headers and part of the body, never the rest. */
  | { kind: 'hang'; afterHeaders?: boolean }
  /** Wait `ms`, then pass. */
  | { kind: 'slow'; ms: number }
  /** Proxy to upstream with these request headers added (Prism's `Prefer: code=404` asks for a declared answer), and relay its answer. */
  | { kind: 'forward'; headers: Record<string, string> }
  /** Answer `status` without proxying (`body`: JSON, or text/plain for a string; `headers` override). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Proxy to upstream (the vendor commits), discard its answer, and answer `status` instead. */
  | { kind: 'commit-then-status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Headers declaring more body than is sent, then the socket is ended (FIN) or destroyed. */
  | { kind: 'truncated'; status?: number; then?: 'end' | 'destroy' }
  /** Answer `status` with a JSON body echoing the request (`{ ...extra, method, path, headers, body }`). */
  | { kind: 'echo'; status: number; extra?: Record<string, unknown> }
  /**
   * Answer `status` (200) with a JSON body of `bytes` bytes (`[`, spaces, `]`: an empty array),
   * written as fast as the client reads it. With `gzip`, `bytes` is the size once inflated (whole
   * MiB) and what is sent is gzip: one member per MiB of spaces, about 1 kB each — a gzip bomb.
   * The request's `flood` tells how much was written before the answer ended or the socket closed.
   */
  | { kind: 'flood'; bytes: number; gzip?: boolean; status?: number };

export type FaultName = Exclude<Fault, object> | Extract<Fault, object>['kind'];

export interface FaultRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  /** Path without the query. */
  path: string;
  /** `METHOD path`, the key of `count`. */
  key: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request had fully arrived. */
  at: number;
  /** Index among the requests since the last `program`/`reset`. */
  index: number;
  /** The fault applied to it. */
  fault: FaultName;
  /** Whether it was proxied to upstream (and upstream answered). */
  forwarded: boolean;
  /** For a `flood`: how far it got. */
  flood?: FloodProgress;
  /**
   * Settles once the answer is over: true when all of it was sent, false when its connection closed
   * first. A `hang` sends nothing more, so there false means the client closed the connection (or
   * the server was closed).
   */
  answered: Promise<boolean>;
}

export interface FloodProgress {
  /** Bytes of the body handed to the socket (as sent: compressed, with gzip). */
  written: number;
  /** Bytes of the whole body (as sent). */
  total: number;
  /** Whether every byte was written. */
  finished: boolean;
  /** Settles once the answer ended or its socket closed: then `written` is final. */
  ended: Promise<void>;
}

/** A list used as a queue (an exhausted queue passes), or a choice per request. */
export type FaultProgram = readonly Fault[] | ((request: FaultRequest, index: number) => Fault | undefined);

export interface FaultServer {
  url: string;
  /** Every request seen since the last `reset`/`program`, in arrival order. */
  readonly requests: readonly FaultRequest[];
  /** Replace the program and forget the requests seen so far. */
  program(faults: FaultProgram): void;
  /** Forget the requests seen so far (the program stays). */
  reset(): void;
  /** Requests seen per `METHOD path`, or for one key. */
  count(): Record<string, number>;
  count(key: string): number;
  /** Requests proxied to upstream, in all or for one `METHOD path`. */
  forwarded(key?: string): number;
  /**
   * The count for `key` once it reaches `atLeast`, or after `withinMs`: a client that timed out
   * may have done so before this server, on the same event loop, read its request.
   */
  seen(key: string, atLeast?: number, withinMs?: number): Promise<number>;
  /** Gaps in ms between the arrivals of the requests for `key` (all requests without it). */
  gaps(key?: string): number[];
  /** Close the server and every socket, hung ones included. */
  close(): Promise<void>;
}

export interface FaultServerOptions {
  /** Base URL of the upstream (a Prism mock). Without one, a fault that proxies answers 502. */
  upstream?: string;
  /** Initial program; default: pass everything. */
  faults?: FaultProgram;
}

const MIB = 1024 * 1024;
const SPACES = Buffer.alloc(64 * 1024, ' ');
/** One gzip member of a MiB of spaces (members may follow one another in a gzip stream). */
let gzipMember: Buffer | undefined;

/** The body of a flood, piece by piece (the same buffers repeated: a flood costs the server no memory). */
function floodPieces(bytes: number, gzip: boolean): Buffer[] {
  if (gzip) {
    gzipMember ??= gzipSync(Buffer.alloc(MIB, ' '));
    return [gzipSync('['), ...Array.from({ length: Math.ceil(bytes / MIB) }, () => gzipMember!), gzipSync(']')];
  }
  const pieces = [Buffer.from('[')];
  for (let left = bytes - 2; left > 0; left -= SPACES.byteLength) pieces.push(left >= SPACES.byteLength ? SPACES : SPACES.subarray(0, left));
  pieces.push(Buffer.from(']'));
  return pieces;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'upgrade', 'proxy-connection', 'te', 'trailer']);

interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A real HTTP server on 127.0.0.1 in front of a mock: each request gets a fault from the program
 * (a queue or a function), and what passes is answered by the mock, so successes stay spec-true.
 */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const upstream = options.upstream === undefined ? undefined : new URL(options.upstream);
  let program: FaultProgram = options.faults ?? [];
  let queue: Fault[] = Array.isArray(program) ? [...program] : [];
  let requests: FaultRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const next = (request: FaultRequest): Fault => (typeof program === 'function' ? (program(request, request.index) ?? 'pass') : (queue.shift() ?? 'pass'));

  function proxy(request: FaultRequest, extraHeaders: Record<string, string> = {}): Promise<UpstreamAnswer> {
    if (!upstream) return Promise.reject(new Error('no upstream: this server answers with faults only'));
    const basePath = upstream.pathname.replace(/\/$/, '');
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    Object.assign(headers, extraHeaders);
    headers.host = upstream.host;
    headers['content-length'] = String(Buffer.byteLength(request.body));
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: basePath + request.url, headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
          answer.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  async function forward(request: FaultRequest, extraHeaders?: Record<string, string>): Promise<UpstreamAnswer> {
    const answer = await proxy(request, extraHeaders);
    request.forwarded = true;
    return answer;
  }

  function relay(res: ServerResponse, answer: UpstreamAnswer): void {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    res.writeHead(answer.status, { ...headers, 'content-length': answer.body.byteLength }).end(answer.body);
  }

  /**
   * Header values are written byte for byte (Latin-1), as a vendor echoing raw bytes sends them: a
   * test puts UTF-8 in a header as `Buffer.from(text).toString('latin1')`. (Node would encode them
   * as UTF-8 if the body went out as a string in the same write.)
   */
  function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const bytes = Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
    const type = typeof body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(status, { 'content-type': type, 'content-length': bytes.byteLength, ...headers }).end(bytes);
  }

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function apply(fault: Fault, request: FaultRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (fault === 'pass') return relay(res, await forward(request));
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'drop-after-commit') {
      await forward(request);
      return void req.socket.destroy();
    }
    if (fault === 'garbage') return reply(res, 200, '<<not json>> {"id": ', { 'content-type': 'application/json' });
    if (fault === 'wrong-content-type') {
      return reply(res, 200, '<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>', { 'content-type': 'text/html; charset=utf-8' });
    }
    switch (fault.kind) {
      case 'hang':
        if (fault.afterHeaders) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': 4096 });
          res.write('{"id":"');
        }
        return;
      case 'slow':
        await delay(fault.ms);
        return relay(res, await forward(request));
      case 'forward':
        return relay(res, await forward(request, fault.headers));
      case 'status':
        return reply(res, fault.status, fault.body, fault.headers);
      case 'commit-then-status':
        await forward(request);
        return reply(res, fault.status, fault.body ?? { message: 'upstream failed' }, fault.headers);
      case 'truncated': {
        const partial = '{"id":"3f9c2a1e-5b7d-4e2a-9c61-0d8e4b7a1f20","number":"+1415';
        const head = `HTTP/1.1 ${fault.status ?? 200} OK\r\ncontent-type: application/json\r\ncontent-length: ${partial.length + 200}\r\n\r\n`;
        req.socket.write(head + partial);
        return void (fault.then === 'destroy' ? req.socket.destroy() : req.socket.end());
      }
      case 'echo': {
        let body: unknown = request.body;
        try {
          body = request.body === '' ? null : JSON.parse(request.body);
        } catch {
          // Not JSON: echo the text.
        }
        return reply(res, fault.status, { ...fault.extra, method: request.method, path: request.url, headers: request.headers, body });
      }
      case 'flood':
        return flood(fault, request, res);
    }
  }

  /** Write the pieces of a flood as fast as the client reads, until they run out or the socket closes. */
  async function flood(fault: Extract<Fault, { kind: 'flood' }>, request: FaultRequest, res: ServerResponse): Promise<void> {
    const pieces = floodPieces(fault.bytes, fault.gzip === true);
    const total = pieces.reduce((sum, piece) => sum + piece.byteLength, 0);
    let closed = false;
    const ended = new Promise<void>((resolve) =>
      res.once('close', () => {
        closed = true;
        resolve();
      }),
    );
    const progress: FloodProgress = { written: 0, total, finished: false, ended };
    request.flood = progress;
    res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', 'content-length': total, ...(fault.gzip ? { 'content-encoding': 'gzip' } : {}) });
    for (const piece of pieces) {
      if (closed) return;
      progress.written += piece.byteLength;
      if (!res.write(piece)) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), ended]);
    }
    progress.finished = !closed;
    res.end();
  }

  const server = createServer(async (req, res) => {
    // Listened for before the body is read: a client may give up while it arrives.
    const answered = new Promise<boolean>((resolve) => res.once('close', () => resolve(res.writableFinished)));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const path = url.split('?')[0]!;
    const request: FaultRequest = {
      method,
      url,
      path,
      key: `${method} ${path}`,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: performance.now(),
      index: requests.length,
      fault: 'pass',
      forwarded: false,
      answered,
    };
    requests.push(request);
    const fault = next(request);
    request.fault = typeof fault === 'string' ? fault : fault.kind;
    try {
      await apply(fault, request, req, res);
    } catch (error) {
      // The upstream itself failed: answer 502 with the reason, so a test sees why.
      if (!res.headersSent && !req.socket.destroyed) reply(res, 502, { message: `fault server: upstream failed: ${String(error)}` });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const byKey = (key: string | undefined) => (key === undefined ? requests : requests.filter((request) => request.key === key));

  function count(): Record<string, number>;
  function count(key: string): number;
  function count(key?: string): Record<string, number> | number {
    if (key !== undefined) return byKey(key).length;
    const counts: Record<string, number> = {};
    for (const request of requests) counts[request.key] = (counts[request.key] ?? 0) + 1;
    return counts;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    program(faults) {
      program = faults;
      queue = Array.isArray(faults) ? [...faults] : [];
      requests = [];
    },
    reset() {
      requests = [];
    },
    count,
    forwarded: (key) => byKey(key).filter((request) => request.forwarded).length,
    async seen(key, atLeast = 1, withinMs = 500) {
      const until = performance.now() + withinMs;
      while (byKey(key).length < atLeast && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
      return byKey(key).length;
    },
    gaps(key) {
      const times = byKey(key).map((request) => request.at);
      return times.slice(1).map((at, i) => at - times[i]!);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
