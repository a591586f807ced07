/** Node's `util.inspect.custom`, by its registered name: no `node:util` import, so core also runs in browsers and edge runtimes. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
type Inspect = (value: unknown, options: { depth: number }) => string;

/**
 * The names of an error's classes, held under a registered symbol: `isInstance` answers through it,
 * so an error thrown by one copy of this package is recognised by another (duplicate installs,
 * bundled copies), where `instanceof` would say no.
 */
const KINDS = Symbol.for('switchboard.error.kinds');

/**
 * The one error hierarchy of every Switchboard package.
 *
 * Every field is safe to log: messages and bodies are redacted before an error is built, and no
 * error keeps the request (its headers carry the API key).
 */
export class SwitchboardError extends Error {
  /** The class's name in `isInstance` checks; each subclass sets its own. */
  static readonly kind: string = 'SwitchboardError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // The name is the class's kind: set once here rather than by a field in every subclass.
    this.name = (new.target as unknown as { kind: string }).kind;
    const kinds: string[] = [];
    for (let type: { kind?: string } | null = new.target; type && type !== Error; type = Object.getPrototypeOf(type)) {
      if (Object.hasOwn(type, 'kind')) kinds.push(type.kind!);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
  }

  /** `error instanceof this`, but also true for errors of another copy of this package. */
  static isInstance<T extends abstract new (...args: never[]) => SwitchboardError>(this: T & { kind: string }, error: unknown): error is InstanceType<T> {
    const kinds = typeof error === 'object' && error !== null ? (error as { [KINDS]?: unknown })[KINDS] : undefined;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass the check is called on.
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  /** A plain, redacted view used by `JSON.stringify` and `util.inspect`. */
  toJSON(): Record<string, unknown> {
    return { ...Object.fromEntries(Object.entries(this)), name: this.name, message: this.message };
  }

  /**
   * Add advice for the caller, e.g. how to reconcile; the stack's headline follows the message.
   * @deprecated Nothing in Switchboard calls it any more: an error is built once with its final
   * message (a request's own reconcile advice is its `reconcile` call option).
   */
  addHint(hint: string): this {
    const headline = `${this.name}: ${this.message}`;
    this.message += ` ${hint}`;
    if (this.stack?.startsWith(headline)) this.stack = `${headline} ${hint}${this.stack.slice(headline.length)}`;
    return this;
  }

  [INSPECT](_depth: number, _options: unknown, inspect: Inspect): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${inspect(this.toJSON(), { depth: 4 })}`;
  }
}

/** Input rejected on our side, before any request was sent. */
export class ValidationError extends SwitchboardError {
  static override readonly kind: string = 'ValidationError';
  /** The input field at fault, as the caller named it (`areaCode`, `vendorOptions.vapi.name`). */
  declare readonly field: string;
  /** Which rule it broke: `required`, `unknown`, `type`, `max-length`, `pattern`, `format`, `enum`, … */
  declare readonly rule: string;
  /** What the rule asks, without the field's name (and never the value: it may be a secret). */
  declare readonly reason: string;

  constructor(field: string, rule: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.rule = rule;
    this.reason = reason;
  }
}

/** The vendor lacks this operation (or this variant of it). Nothing was sent. */
export class UnsupportedOperationError extends SwitchboardError {
  static override readonly kind: string = 'UnsupportedOperationError';
  declare readonly vendor: string;
  declare readonly operation: string;

  constructor(vendor: string, operation: string, message = `${vendor} does not support ${operation}`) {
    super(message);
    this.vendor = vendor;
    this.operation = operation;
  }
}

export interface RequestErrorInit {
  vendor: string;
  operation: string;
  /**
   * True when the request may have changed something on the vendor's side although we saw no
   * success (a non-repeatable request that timed out, lost its connection or got a 5xx).
   * Reconcile by reading the resource back before trying again.
   */
  outcomeUnknown?: boolean;
  /**
   * How to reconcile this particular request, in its caller's terms: said after the general advice
   * when the outcome is unknown (and left out otherwise).
   */
  reconcile?: string | undefined;
  cause?: unknown;
}

const RECONCILE_HINT = ' The request may have been applied: look the resource up before you try again.';

/** A request that was sent (or attempted) and did not succeed. */
abstract class RequestError extends SwitchboardError {
  declare readonly vendor: string;
  declare readonly operation: string;
  declare readonly outcomeUnknown: boolean;

  constructor(message: string, init: RequestErrorInit) {
    const advice = init.reconcile === undefined ? RECONCILE_HINT : `${RECONCILE_HINT} ${init.reconcile}`;
    super(init.outcomeUnknown ? message + advice : message, init.cause === undefined ? undefined : { cause: init.cause });
    this.vendor = init.vendor;
    this.operation = init.operation;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}

export interface ApiErrorInit extends RequestErrorInit {
  status: number;
  /** The vendor's error body, parsed when it is JSON, with secrets redacted. */
  body: unknown;
  /** The vendor's id of the request, redacted and cut like any text of the answer. */
  requestId?: string | undefined;
  /** A readable summary of the body (already redacted and cut). */
  detail: string;
}

/** The vendor answered with a non-2xx status. */
export class ApiError extends RequestError {
  static override readonly kind: string = 'ApiError';
  declare readonly status: number;
  /** The vendor's error body, parsed when it is JSON, with secrets redacted (bounded by `maxResponseBytes`). */
  declare readonly body: unknown;
  declare readonly requestId: string | undefined;

  constructor(init: ApiErrorInit) {
    const id = init.requestId ? ` (request id ${init.requestId})` : '';
    super(`${init.vendor} ${init.operation} failed with status ${init.status}${id}: ${init.detail}`, init);
    this.status = init.status;
    this.body = init.body;
    this.requestId = init.requestId;
  }
}

export class BadRequestError extends ApiError {
  static override readonly kind: string = 'BadRequestError';
}
export class AuthenticationError extends ApiError {
  static override readonly kind: string = 'AuthenticationError';
}
export class PermissionDeniedError extends ApiError {
  static override readonly kind: string = 'PermissionDeniedError';
}
export class NotFoundError extends ApiError {
  static override readonly kind: string = 'NotFoundError';
}
export class ConflictError extends ApiError {
  static override readonly kind: string = 'ConflictError';
}
export class UnprocessableEntityError extends ApiError {
  static override readonly kind: string = 'UnprocessableEntityError';
}
export class RateLimitError extends ApiError {
  static override readonly kind: string = 'RateLimitError';
}
export class ServerError extends ApiError {
  static override readonly kind: string = 'ServerError';
}

export interface RedirectErrorInit extends RequestErrorInit {
  status: number;
  requestId?: string | undefined;
  /** Where the vendor pointed: the Location as an absolute URL without credentials, redacted; undefined when it gave none. */
  location: string | undefined;
  /** The origin of `location` (redacted), which the message names. */
  origin: string | undefined;
}

/**
 * The vendor answered with a redirect (301, 302, 303, 307, 308). Redirects are never followed: the
 * request, its API key and its secrets go to the `baseUrl` the caller chose and nowhere else.
 */
export class RedirectError extends ApiError {
  static override readonly kind: string = 'RedirectError';
  declare readonly location: string | undefined;

  constructor(init: RedirectErrorInit) {
    const target = init.origin === undefined ? 'elsewhere (no usable Location)' : `to ${init.origin}`;
    super({
      ...init,
      body: undefined,
      detail: `redirected ${target}; redirects are not followed, so the request went no further. If the API has moved, set baseUrl to its new address`,
    });
    this.location = init.location;
  }
}

const ERROR_BY_STATUS: Readonly<Record<number, typeof ApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Build the `ApiError` subclass that matches the status. */
export function apiErrorFor(init: ApiErrorInit): ApiError {
  const type = init.status >= 500 ? ServerError : (ERROR_BY_STATUS[init.status] ?? ApiError);
  return new type(init);
}

/** The vendor's answer could not be used: a 2xx body that is not JSON of the documented shape (or none where the spec has one), or any body over `maxResponseBytes`. */
export class InvalidResponseError extends RequestError {
  static override readonly kind: string = 'InvalidResponseError';
  declare readonly status: number;

  constructor(status: number, reason: string, init: RequestErrorInit) {
    super(`${init.vendor} ${init.operation} answered ${status} with an unreadable body: ${reason}.`, init);
    this.status = status;
  }
}

/**
 * The answer's body (after decompression) is larger than the client's `maxResponseBytes`: reading
 * stopped there and the connection was closed, so memory stays bounded whatever a server sends.
 */
export class ResponseTooLargeError extends InvalidResponseError {
  static override readonly kind: string = 'ResponseTooLargeError';
  declare readonly maxResponseBytes: number;

  constructor(status: number, maxResponseBytes: number, init: RequestErrorInit) {
    super(status, `it is larger than maxResponseBytes (${maxResponseBytes} bytes), so reading stopped`, init);
    this.maxResponseBytes = maxResponseBytes;
  }
}

/** No response: the connection failed or was dropped. */
export class ConnectionError extends RequestError {
  static override readonly kind: string = 'ConnectionError';

  constructor(reason: string, init: RequestErrorInit) {
    super(`${init.vendor} ${init.operation}: ${reason}.`, init);
  }
}

/** No complete response within the per-attempt timeout or the total deadline. */
export class TimeoutError extends ConnectionError {
  static override readonly kind: string = 'TimeoutError';
  declare readonly timeoutMs: number;

  constructor(timeoutMs: number, init: RequestErrorInit) {
    super(`no complete response within ${timeoutMs} ms`, init);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller's `AbortSignal` cancelled the request (or a wait before a retry). A write that may
 * already have been sent says so with `outcomeUnknown`.
 */
export class CancelledError extends RequestError {
  static override readonly kind: string = 'CancelledError';

  constructor(init: RequestErrorInit) {
    super(`${init.vendor} ${init.operation} was cancelled.`, init);
  }
}

/** Paging went wrong: the vendor repeated a cursor, or the page cap was reached. */
export class PaginationError extends SwitchboardError {
  static override readonly kind: string = 'PaginationError';
  declare readonly vendor: string;
  declare readonly pages: number;

  constructor(vendor: string, pages: number, reason: string) {
    super(`${vendor} listing stopped after ${pages} pages: ${reason}`);
    this.vendor = vendor;
    this.pages = pages;
  }
}

/** One vendor's failure inside a call that spans several. */
export interface VendorFailure {
  vendor: string;
  error: SwitchboardError;
}

/**
 * Some vendors of a multi-vendor call failed. The others' results were delivered (a listing
 * yielded them before this was thrown); `failures` holds each failed vendor's own typed error.
 */
export class PartialFailureError extends SwitchboardError {
  static override readonly kind: string = 'PartialFailureError';
  declare readonly failures: readonly VendorFailure[];

  constructor(failures: readonly VendorFailure[], of: number) {
    super(`${failures.length} of ${of} vendors failed: ${failures.map(({ vendor, error }) => `${vendor}: ${error.message}`).join('; ')}`);
    this.failures = failures;
  }
}
