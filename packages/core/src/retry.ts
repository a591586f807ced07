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
 * The wait the server asked for, from `retry-after-ms` or `Retry-After` (seconds or an HTTP
 * date), or undefined when it asked for none or the header is unreadable.
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
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
