import { InvalidResponseError, ResponseTooLargeError } from './errors.js';
import { type Exchange, isRedirect, STATUS_PAST_599 } from './exchange.js';

/**
 * The exchange over fetch: a caller's own, given a Request (what its type promises), else the
 * global one, given the parts (copying a Request that carries a body is costly in Node 20) and
 * looked up at each call, so that a fetch installed later (a polyfill, a test's stub) is the one used.
 *
 * The body is read as fetch decodes it (decompressed), counted chunk by chunk: past
 * `maxResponseBytes` the stream is cancelled, which closes the connection, so neither a huge body
 * nor a small compressed one that inflates to a huge one is ever held in memory. The chunks are
 * decoded once, whole: a decoder that streams costs an ICU converter per answer on Node.
 */
export const fetchExchange: Exchange = async (request, signal, maxResponseBytes, about, callerFetch) => {
  // `manual`: the request, its API key and its secrets go to the caller's origin and nowhere else.
  // (Its `url` is no RequestInit member: fetch ignores it.)
  const init: RequestInit = { ...request, signal, redirect: 'manual' };
  const response = await (callerFetch ? callerFetch(new Request(request.url, init)) : fetch(request.url, init));
  const { status } = response;
  // A status that carries no body (204, 304…) has none to read.
  const reader = response.body?.getReader();
  // A redirect's body is of no use (the transport turns the answer into a RedirectError), nor is
  // that of a status HTTP does not define, which node:http's exchange refuses too.
  if (!reader || isRedirect(response) || status > 599) {
    await reader?.cancel();
    if (status > 599) throw new InvalidResponseError(status, STATUS_PAST_599, about(status));
    return { response, text: '' };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxResponseBytes) {
      await reader.cancel();
      throw new ResponseTooLargeError(status, maxResponseBytes, about(status));
    }
    chunks.push(chunk.value);
  }
  // One chunk (or none), as most answers come, is decoded as it is; more are joined first (a character split between two is whole again).
  return { response, text: utf8.decode(chunks[1] ? await new Blob(chunks).arrayBuffer() : chunks[0]) };
};

/** Whole bodies only, so one decoder serves every answer; like fetch's `text()`, it drops a byte order mark. */
const utf8 = new TextDecoder();

/** Where no node:http is (browsers, Deno, Bun, edge runtimes), fetch is the exchange. */
export const platformExchange = fetchExchange;
