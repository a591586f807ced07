import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { InvalidResponseError, ResponseTooLargeError } from './errors.js';
import { type Answer, type Exchange, REDIRECT_STATUSES, STATUS_PAST_599 } from './exchange.js';
import { fetchExchange } from './fetch-exchange.js';

/** Statuses whose answers carry no body: the Fetch standard's null body statuses (Node hands a 101 to `upgrade`). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
/** As fetch does, decompressing leniently: a stream cut short gives what it held instead of an error. */
const ZLIB_OPTIONS = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS = { flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH };
/** The most codings fetch undoes in one answer (`gzip, gzip, …` is a decompression bomb multiplied). */
const MAX_CODINGS = 5;
/** A whole body is decoded in one call, so one decoder serves every answer; like fetch's, it drops a byte order mark. */
const utf8 = new TextDecoder();
/** A reason phrase a Response takes (HTAB, SP, VCHAR, obs-text); any other is left out. */
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The exchange on Node: node:http(s) on Node's global agents, which keep connections alive and
 * close idle ones before the server's announced keep-alive timeout. It does what fetch would do of
 * the contract — the same request headers that matter (`accept`, `accept-encoding`), the same
 * decompression, no redirect followed — without the web streams and per-request objects that make
 * fetch on Node (undici) cost more than the rest of a call.
 */
export const platformExchange: Exchange = (request, signal, maxResponseBytes, about, callerFetch) => {
  // A caller's own fetch is theirs to use: its exchange is fetch's.
  if (callerFetch) return fetchExchange(request, signal, maxResponseBytes, about, callerFetch);
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', stop);
      outcome();
    };
    // Network failures reject as fetch's do: a TypeError whose cause says what failed.
    const fail = (cause: unknown) => settle(() => reject(cause instanceof InvalidResponseError ? cause : new TypeError('request failed', { cause })));
    let incoming: IncomingMessage | undefined;

    const sent = Object.fromEntries(request.headers);
    sent.accept ??= '*/*';
    sent['accept-encoding'] ??= 'gzip, deflate';
    const url = new URL(request.url);
    // The parts node:http takes, read off the URL directly: its own conversion costs more than the call's parsing.
    const { protocol, hostname, port } = url;
    const target = {
      protocol,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port,
      path: url.pathname + url.search,
      method: request.method,
      headers: sent,
    };
    const outgoing = (protocol === 'https:' ? httpsRequest : httpRequest)(target, (answer) => {
      incoming = answer;
      try {
        receive(answer);
      } catch (error) {
        answer.destroy();
        fail(error);
      }
    });
    outgoing.on('error', fail);
    // A 101 that switches protocols, which no request of ours asks for: fetch fails the connection,
    // and so does this (unheard, node:http would close the socket without an error, and the call hang).
    outgoing.on('upgrade', (_answer, socket) => {
      socket.destroy();
      fail(new Error('the server switched protocols (101) unasked'));
    });
    const stop = () => {
      outgoing.destroy();
      incoming?.destroy();
      fail(signal.reason);
    };
    signal.addEventListener('abort', stop);
    const { body } = request;
    if (body === null) outgoing.end();
    else outgoing.end(typeof body === 'string' ? body : Buffer.from(body));

    function receive(answer: IncomingMessage): void {
      const status = answer.statusCode ?? 0;
      // node:http skips interim answers (100, 102, 103) as fetch does; one left as the final answer
      // (a 101 without an Upgrade header, a status under 100) fails the connection, as over fetch.
      if (status < 200) throw new Error(`status ${status} is not a final answer`);
      if (status > 599) throw new InvalidResponseError(status, STATUS_PAST_599, about(status));
      const headers = new Headers();
      const raw = answer.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
      const statusText = REASON_PHRASE.test(answer.statusMessage ?? '') ? answer.statusMessage : '';
      const response = new Response(null, { status, statusText, headers });
      if (REDIRECT_STATUSES.has(status)) {
        // Its body is of no use: closing the connection beats reading what a hostile server sends.
        answer.destroy();
        settle(() => resolve({ response, text: '' }));
        return;
      }
      // A body the answer should not have is still read to its end (bounded), so the connection can be kept.
      const bodyless = request.method === 'HEAD' || NULL_BODY_STATUSES.has(status);
      const codings = bodyless ? [] : decoders(headers.get('content-encoding'));
      if (codings.length > 0) pipeline([answer, ...codings], (error) => error && fail(error));
      const decoded: Readable = codings.at(-1) ?? answer;
      const chunks: Buffer[] = [];
      let size = 0;
      decoded.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size <= maxResponseBytes) return void chunks.push(chunk);
        // Destroying the answer closes its connection and, through the pipeline, stops the decoders.
        answer.destroy();
        fail(new ResponseTooLargeError(status, maxResponseBytes, about(status)));
      });
      decoded.on('end', () =>
        settle(() => resolve({ response, text: bodyless || size === 0 ? '' : utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)) })),
      );
      decoded.on('error', fail);
      // Closed without an end or an error (a decoder's input cut short): the answer is incomplete.
      decoded.on('close', () => settled || fail(new Error('the connection closed before the answer was complete')));
    }
  });
};

/**
 * The decoders of a `content-encoding`, in the order they apply (the last coding first), as fetch
 * chooses them: gzip (or x-gzip), deflate and br; none, and the body as sent, when one is unknown.
 */
function decoders(contentEncoding: string | null): Transform[] {
  if (contentEncoding === null) return [];
  const codings = contentEncoding.toLowerCase().split(',');
  if (codings.length > MAX_CODINGS) throw new Error(`too many content-encodings in the answer: ${codings.length}, at most ${MAX_CODINGS}`);
  const chain: Transform[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i]!.trim();
    if (coding === 'gzip' || coding === 'x-gzip') chain.push(createGunzip(ZLIB_OPTIONS));
    else if (coding === 'deflate') chain.push(new DeflateDecoder());
    else if (coding === 'br') chain.push(createBrotliDecompress(BROTLI_OPTIONS));
    else return [];
  }
  return chain;
}

/**
 * `deflate` as servers send it: zlib-wrapped, as HTTP defines it, or raw, as some do; the first
 * byte tells them apart (a zlib header's low nibble is 8, deflate's method), as fetch tells them.
 */
class DeflateDecoder extends Transform {
  #inflate: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#inflate) {
      if (chunk.byteLength === 0) {
        callback();
        return;
      }
      this.#inflate = (chunk[0]! & 0x0f) === 8 ? createInflate(ZLIB_OPTIONS) : createInflateRaw(ZLIB_OPTIONS);
      this.#inflate.on('data', (data: Buffer) => this.push(data));
      this.#inflate.on('error', (error) => this.destroy(error));
    }
    this.#inflate.write(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.#inflate) {
      this.#inflate.once('end', () => callback());
      this.#inflate.end();
    } else {
      callback();
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inflate?.destroy();
    callback(error);
  }
}
