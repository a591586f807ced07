import { platformExchange } from '#platform-exchange';
import { CancelledError, ConnectionError, InvalidResponseError, RedirectError, type RequestErrorInit, TimeoutError } from './errors.js';
import { type Answer, isRedirect, type OutgoingRequest } from './exchange.js';
import { quote, type Redactor } from './redact.js';
import { mayHaveApplied } from './repeat.js';
import { isRetryableStatus, parseRetryAfter, type RetryPolicy, retryDelayMs } from './retry.js';

/**
 * What the transport needs to know about a request beyond the request itself. Every error of the
 * request is built on it (`{ ...context, outcomeUnknown }`): its `vendor`, `operation` and `reconcile`
 * are what the error says of the request, and an error reads no other field of it.
 */
export interface RequestContext {
  vendor: string;
  operation: string;
  /** Safe to send again, as `mayRepeat` says. */
  repeatable: boolean;
  /** How the caller says to reconcile this request, should its outcome be unknown. */
  reconcile?: string | undefined;
  /** This call's timeout per attempt, when it has its own. */
  timeoutMs?: number | undefined;
  /**
   * The call's redactor (the API key and the secret values of its request), built on first use:
   * every text of an answer that reaches an error or an event passes it, and so does the URL of an event.
   */
  redactor: () => Redactor;
}

export type { Answer, OutgoingRequest } from './exchange.js';

/** What a request went through, as the `onEvent` hook sees it: no body, no header, secrets removed. */
export type RequestEvent = {
  vendor: string;
  operation: string;
  method: string;
  url: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
} & (
  | { type: 'request' }
  | { type: 'response'; status: number; durationMs: number; requestId: string | undefined }
  | { type: 'retry'; reason: string; delayMs: number }
  /** The retry the policy allowed next, after `delayMs`, would pass the deadline: the call ends with this attempt's failure. */
  | { type: 'deadline'; delayMs: number }
  | { type: 'error'; error: { name: string; message: string }; durationMs: number }
);

export interface TransportOptions extends RetryPolicy {
  /** A fetch of the caller's own; when left out, the platform's exchange: node:http on Node, else the global fetch. */
  fetch: ((request: Request) => Promise<Response>) | undefined;
  /** Told of every attempt, answer, retry and failure. */
  onEvent?: ((event: RequestEvent) => void) | undefined;
  /** The most bytes of an answer's body, as decoded, that are read. */
  maxResponseBytes: number;
  random?: () => number;
}

/** Errors raised before a single byte left: the request certainly was not applied. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

class AttemptTimeout extends Error {}

/**
 * Sends a request under the retry policy and answers with its response and body text: a timeout
 * per attempt (covering the body read), retries of repeatable requests on network
 * errors, 408, 429 and 5xx with backoff and `Retry-After`, and one deadline over everything.
 * A request that is not repeatable (a purchase, an import) is sent exactly once. Redirects are
 * never followed, and no more than `maxResponseBytes` of an answer is read.
 */
export function createTransport(options: TransportOptions): (request: OutgoingRequest, context: RequestContext) => Promise<Answer> {
  const random = options.random ?? Math.random;

  /**
   * One attempt, raced against a timer this function holds: signals built with
   * `AbortSignal.timeout`/`any` can be garbage-collected mid-request on Node 20, and then never fire.
   * The abort is best-effort cancellation; the race is what guarantees the timeout.
   */
  async function attempt(request: OutgoingRequest, context: RequestContext, timeoutMs: number): Promise<Answer> {
    const controller = new AbortController();
    const { signal } = request;
    const stopForwarding = signal ? onAbort(signal, () => controller.abort(signal.reason)) : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new AttemptTimeout());
        controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
      }, timeoutMs);
    });
    try {
      const exchange = platformExchange(
        request,
        controller.signal,
        options.maxResponseBytes,
        (status) => answered(context, request.method, status),
        options.fetch,
      );
      return await Promise.race([exchange, timedOut]);
    } finally {
      clearTimeout(timer);
      stopForwarding?.();
    }
  }

  return async function send(request, context) {
    const deadline = Date.now() + options.deadlineMs;
    // Sent, and no answer: whether the vendor may have applied it is the method's to say.
    const unanswered = mayHaveApplied(request.method, undefined);
    const emit = options.onEvent && eventEmitter(options.onEvent, request, context);
    const cancelled = (sent: boolean) => new CancelledError({ ...context, outcomeUnknown: unanswered && sent, cause: request.signal?.reason });
    if (request.signal?.aborted) throw cancelled(false);
    /**
     * Waits `wait` before the next attempt, telling onEvent why: false, having waited for nothing,
     * when there is no next attempt (`wait` undefined) or it would pass the deadline (a deadline event says so).
     */
    const retryAfter = async (wait: number | undefined, attempt: number, reason: string) => {
      if (wait === undefined) return false;
      if (Date.now() + wait >= deadline) {
        emit?.({ type: 'deadline', attempt, delayMs: wait });
        return false;
      }
      emit?.({ type: 'retry', attempt, reason, delayMs: wait });
      if (!(await sleep(wait, request.signal))) throw cancelled(true);
      return true;
    };

    for (let retry = 0; ; retry++) {
      const timeoutMs = Math.max(1, Math.min(context.timeoutMs ?? options.timeoutMs, deadline - Date.now()));
      const started = Date.now();
      emit?.({ type: 'request', attempt: retry + 1 });
      let answer: Answer;
      try {
        answer = await attempt(request, context, timeoutMs);
      } catch (error) {
        if (request.signal?.aborted) throw cancelled(true);
        const init = { ...context, cause: error };
        const failure =
          error instanceof InvalidResponseError
            ? error
            : error instanceof AttemptTimeout
              ? new TimeoutError(timeoutMs, { ...init, outcomeUnknown: unanswered })
              : new ConnectionError(describeNetworkError(error, request.url, context.redactor()), {
                  ...init,
                  outcomeUnknown: unanswered && !notSent(error),
                });
        emit?.({ type: 'error', attempt: retry + 1, error: { name: failure.name, message: failure.message }, durationMs: Date.now() - started });
        // An exchange signals a network failure with a TypeError, as fetch does; anything else a fetch of
        // the caller's own throws is its own verdict (a proxy refusing, mocks that cannot start), not worth repeating.
        const transient = error instanceof AttemptTimeout || error instanceof TypeError;
        const wait = transient && context.repeatable && retry < options.maxRetries ? retryDelayMs(retry, undefined, random) : undefined;
        if (!(await retryAfter(wait, retry + 1, failure.message))) throw failure;
        continue;
      }
      const { response } = answer;
      emit?.({
        type: 'response',
        attempt: retry + 1,
        status: response.status,
        durationMs: Date.now() - started,
        requestId: requestIdOf(response.headers, context.redactor()),
      });
      if (isRedirect(response)) throw redirectError(request, response, context);
      const retryable = context.repeatable && retry < options.maxRetries && isRetryableStatus(response.status);
      if (retryable && (await retryAfter(retryDelayMs(retry, parseRetryAfter(response.headers), random), retry + 1, `status ${response.status}`))) continue;
      return answer;
    }
  };
}

/** What an error about an answer says of its request: which it was, and whether the vendor may have applied it. */
export function answered(context: RequestContext, method: string, status: number): RequestErrorInit {
  return { ...context, outcomeUnknown: mayHaveApplied(method, status) };
}

/** The id a vendor gives a request, from its answer's headers, as an error or event may show it. */
export function requestIdOf(headers: Headers, redactor: Redactor): string | undefined {
  const id = headers.get('x-request-id') ?? headers.get('request-id');
  return id === null ? undefined : quote(redactor, id);
}

function redirectError(request: OutgoingRequest, response: Response, context: RequestContext): RedirectError {
  const redactor = context.redactor();
  const location = response.headers.get('location');
  const target = location !== null && URL.canParse(location, request.url) ? new URL(location, request.url) : undefined;
  if (target) {
    target.username = '';
    target.password = '';
  }
  return new RedirectError({
    ...answered(context, request.method, response.status),
    status: response.status,
    requestId: requestIdOf(response.headers, redactor),
    location: target && quote(redactor, target.href),
    origin: target && quote(redactor, target.origin === 'null' ? target.protocol : target.origin),
  });
}

type EventDetail = { [T in RequestEvent['type']]: Omit<Extract<RequestEvent, { type: T }>, 'vendor' | 'operation' | 'method' | 'url'> }[RequestEvent['type']];

/**
 * Events of one request, with its URL stripped of secrets. A hook that throws, or returns a
 * promise that rejects, never breaks the request (nor, unhandled, the process).
 */
function eventEmitter(onEvent: (event: RequestEvent) => void, request: OutgoingRequest, context: RequestContext) {
  const common = {
    vendor: context.vendor,
    operation: context.operation,
    method: request.method,
    url: context.redactor().text(request.url),
  };
  return (detail: EventDetail) => {
    try {
      const result: unknown = onEvent({ ...common, ...detail } as RequestEvent);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') Promise.resolve(result).catch(ignore);
    } catch {
      // Observing must not change the outcome.
    }
  };
}

const ignore = () => undefined;

/**
 * Per signal of a caller, what its abort must reach: one listener on the signal however many calls
 * share it (more than 10 would make Node warn of a leak), removed when the last call lets go.
 */
const abortFanOut = new WeakMap<AbortSignal, { handlers: Set<() => void>; listener: () => void }>();

/** Call `handler` when `signal` aborts; the function returned stops that. */
function onAbort(signal: AbortSignal, handler: () => void): () => void {
  let fanOut = abortFanOut.get(signal);
  if (!fanOut) {
    const handlers = new Set<() => void>();
    const listener = () => {
      abortFanOut.delete(signal);
      for (const each of handlers) each();
    };
    fanOut = { handlers, listener };
    abortFanOut.set(signal, fanOut);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { handlers, listener } = fanOut;
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
    if (handlers.size === 0 && abortFanOut.get(signal)?.handlers === handlers) {
      abortFanOut.delete(signal);
      signal.removeEventListener('abort', listener);
    }
  };
}

/** The code (`ECONNREFUSED`, `UND_ERR_SOCKET`…) and message at the root of a network error: fetch wraps them in causes. */
function rootCause(error: unknown): { code: string | undefined; message: string | undefined } {
  let code: string | undefined;
  let message: string | undefined;
  for (let at: unknown = error, depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
    const { code: own, message: text, cause, errors } = at as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof own === 'string') code = own;
    if (typeof text === 'string' && text !== '') message = text;
    // Happy eyeballs fails with an AggregateError of one error per address.
    at = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return { code, message };
}

function notSent(error: unknown): boolean {
  const { code } = rootCause(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

function describeNetworkError(error: unknown, url: string, redactor: Redactor): string {
  const { code, message } = rootCause(error);
  const reason = code === undefined ? (message ?? 'unknown error') : message === undefined || message.includes(code) ? code : `${code}: ${message}`;
  return `connection to ${new URL(url).origin} failed (${quote(redactor, reason)})`;
}

/** Wait `ms`; false when the signal aborted the wait. */
function sleep(ms: number, signal: AbortSignal | null): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      stop?.();
      resolve(true);
    }, ms);
    const stop =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer);
        resolve(false);
      });
  });
}
