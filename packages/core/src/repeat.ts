/**
 * The one rule of what may be sent again and what a failed request may have done, for the client,
 * the transport and the generator of the specs' metadata (and the table in docs/reliability.md).
 *
 * Safe methods are the ones HTTP defines as read-only (RFC 9110 §9.2.1): GET, HEAD and OPTIONS.
 * They may always be sent again, and a failure of theirs leaves nothing to reconcile.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may be sent again after a failure: a safe method, or an operation whose spec
 * marks it `x-idempotent: true` (repeating it has no further effect). `method` in any case.
 */
export function mayRepeat(method: string, idempotentMark: boolean | undefined): boolean {
  return idempotentMark === true || SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether a request may have been applied although its call fails. `status` is the answer's, or
 * undefined when the request was sent and no answer came (a timeout, a dropped connection, a
 * cancellation after sending). A safe method never changes anything. A write answered 2xx was
 * applied (its answer is what failed); one answered 5xx or 408, or not at all, may have been; so
 * may one answered 301, 302 or 303, what servers send after handling a write (POST/redirect/GET).
 * A 307 or 308 asks for the request to be sent elsewhere instead, and any other 4xx refuses it.
 */
export function mayHaveApplied(method: string, status: number | undefined): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (status === undefined) return true;
  if (status >= 400) return status >= 500 || status === 408;
  return status !== 307 && status !== 308;
}
