/** How requests are timed and repeated. Every client takes these as options. */
export interface RetryPolicy {
  /** Per attempt, covering the whole body read. Default 30 s. */
  timeoutMs: number;
  /** Further attempts after the first, for requests that are safe to repeat. Default 2. */
  maxRetries: number;
  /** One deadline over all attempts and the waits between them. Default 60 s. */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { timeoutMs: 30_000, maxRetries: 2, deadlineMs: 60_000 };

const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** A server asking for a longer wait than this is not waited for: the error goes to the caller. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses worth another attempt: the server may answer differently next time. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * An HTTP-date in any of the three forms RFC 9110 has recipients accept: IMF-fixdate
 * (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
 * (`Sun Nov  6 08:49:37 1994`). `Date.parse` alone reads far more: `-1` or `+5` as dates in 2001.
 */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * The wait the server asked for, from `retry-after-ms` (milliseconds) or `Retry-After`
 * (delta-seconds, digits only, or an HTTP-date), or undefined when it asked for none or the
 * header does not read strictly as one of those: the normal backoff then applies.
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // asctime carries no zone: it is GMT too.
  const date = HTTP_DATE.test(value) ? Date.parse(value.endsWith('GMT') ? value : `${value} GMT`) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Wait before retry number `retry` (0 for the first retry): the server's `Retry-After` when it
 * gave one, else exponential backoff 0.5 s · 2ⁿ capped at 8 s, less up to 25 % jitter so that
 * clients failing together do not retry together. Undefined: the server asked for too long a wait.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, random: () => number = Math.random): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= MAX_RETRY_AFTER_MS ? retryAfterMs : undefined;
  const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** retry, MAX_BACKOFF_MS);
  return backoff * (1 - 0.25 * random());
}
