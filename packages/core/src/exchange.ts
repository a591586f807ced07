/**
 * The part of the transport a platform provides: one request sent, one answer read. The transport
 * (transport.ts) holds everything else — timeouts, retries, the deadline, cancellation, events,
 * redirects and errors — so every exchange keeps the same contract. Two exist: fetch
 * (fetch-exchange.ts: browsers, Deno, Bun, edge runtimes, and a caller's own fetch) and node:http
 * (node-exchange.ts: Node's kept connections, without the cost of fetch's web streams).
 */
import type { RequestErrorInit } from './errors.js';

/** A request as the transport sends it: the parts fetch takes, built once and sent on every attempt. */
export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Headers;
  /** Text or bytes, never a stream: the same body goes out again on a retry. */
  body: string | ArrayBuffer | null;
  signal: AbortSignal | null;
}

/**
 * The answer to a request: its Response, whose body is already read (bounded, within the attempt's
 * timeout), and that body as text (empty for a status or method that carries none, and for a redirect).
 */
export interface Answer {
  response: Response;
  text: string;
}

/**
 * Sends `request` once, over `callerFetch` when given, and reads its answer. Never follows a
 * redirect (its body is not read). Reads the body as the server's `content-encoding` decodes (gzip,
 * deflate, br) and stops past `maxResponseBytes` of it, decoded. `signal` stops it, body read
 * included (an attempt that timed out, a caller's abort).
 *
 * Rejects with a `TypeError` when the network fails (as fetch does; its `cause` says what failed),
 * with an `InvalidResponseError` for an answer it refuses (`about(status)` is what that error says
 * of the request), and with whatever a caller's fetch throws.
 */
export type Exchange = (
  request: OutgoingRequest,
  signal: AbortSignal,
  maxResponseBytes: number,
  about: (status: number) => RequestErrorInit,
  callerFetch?: (request: Request) => Promise<Response>,
) => Promise<Answer>;

/**
 * Why an answer with a status past 599 is refused, over either exchange: fetch on Node hands one
 * over, a Response built by hand cannot hold one, and no vendor documents one.
 */
export const STATUS_PAST_599 = 'a status past 599, which HTTP does not define';

/** The statuses fetch would follow (the Fetch standard's redirect statuses). */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A browser's `manual` fetch answers a redirect with an opaque response of status 0. */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || REDIRECT_STATUSES.has(response.status);
}
