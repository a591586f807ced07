import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  defaultPathSerializer,
  type FetchResponse,
  type HeadersOptions,
  type MaybeOptionalInit,
  type MergedOptions,
  type Middleware,
  type MiddlewareCallbackParams,
  type MiddlewareRequestParams,
  mergeHeaders,
  removeTrailingSlash,
} from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { type ApiError, apiErrorFor, InvalidResponseError, ValidationError } from './errors.js';
import { collectSecretValues, createRedactor, quote, type Redactor } from './redact.js';
import { mayRepeat } from './repeat.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';
import { checkSchema, type Schema, type SchemaTable } from './schema.js';
import { type Answer, answered, createTransport, type OutgoingRequest, type RequestContext, type RequestEvent, requestIdOf } from './transport.js';

/** One operation of a spec, keyed by `"METHOD /path/template"` (generated from the spec). */
export interface OperationInfo {
  operationId: string;
  /** Safe to send again, as `mayRepeat` decides from the method and the spec's `x-idempotent`. */
  idempotent: boolean;
  /** Path and query parameters, each as one object schema. */
  path?: Schema;
  query?: Schema;
  body?: Schema;
  bodyRequired?: boolean;
  /** The success answer's shape (structure only: answers are not held to request limits). */
  response?: Schema;
}

/** What a vendor client knows of its spec at run time (generated from the spec). */
export interface SpecMetadata {
  vendor: string;
  defaultBaseUrl: string;
  operations: Readonly<Record<string, OperationInfo>>;
  /** Property names the spec marks `x-secret`. */
  secretKeys: readonly string[];
  /**
   * The header that carries the API key as it is, lower-case (`xi-api-key`), when the spec's
   * security scheme is an API key in a header; without it the key goes as `Authorization: Bearer <key>`.
   */
  apiKeyHeader?: string;
  /** The spec's named schemas, which a `{ $ref: name }` points to (operations hold their schemas in place). */
  schemas: SchemaTable;
}

/** Options every vendor client takes. */
export interface ClientOptions {
  apiKey: string;
  /**
   * Defaults to the vendor's production API. An http(s) URL without credentials, query or
   * fragment: paths are appended to it. Redirects are never followed, so a moved API needs this.
   */
  baseUrl?: string;
  /**
   * A fetch of your own (a proxy, a test double; or the global `fetch` itself, where an undici
   * dispatcher or a stub of fetch must see the requests). Without one, requests go through
   * node:http on Node (its global agents, which keep connections alive) and through the global
   * fetch elsewhere: the same timeouts, limits and errors either way.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Per attempt, body read included, in ms: up to 2 147 483 647 (what a timer holds). Default 30 000. */
  timeoutMs?: number;
  /** Retries of requests that are safe to repeat, 0 to 10. Default 2. */
  maxRetries?: number;
  /** One deadline over all attempts and waits, in ms: up to 2 147 483 647. Default 60 000. */
  deadlineMs?: number;
  /**
   * The most bytes of an answer's body (decompressed) that are read; a larger answer fails with a
   * `ResponseTooLargeError` as soon as it passes the limit. Default 8 MiB (8 388 608), over four
   * times a page of 1,000 Vapi numbers with hooks; at most 256 MiB.
   */
  maxResponseBytes?: number;
  /**
   * Told of every request: its start, its answer (status, duration, request id), each retry (with
   * its reason and delay) and each failure. Events carry no body and no header, and their URLs and
   * request ids are redacted like errors. A hook that throws, or whose promise rejects, is ignored.
   */
  onEvent?: (event: RequestEvent) => void;
}

/** Options of one call, as the last argument of every client and facade method. */
export interface CallOptions {
  /** Cancels the call, and any wait before a retry: it rejects with a `CancelledError`. */
  signal?: AbortSignal;
  /** This call's timeout per attempt (body read included), instead of the client's. */
  timeoutMs?: number;
  /**
   * Extra headers for this call: valid names, values without control characters and within
   * Latin-1; not the ones the client or fetch set themselves (`authorization`, `host`,
   * `content-length`, `transfer-encoding`, `connection`, …).
   */
  headers?: Record<string, string>;
}

/**
 * Options of a call that a package makes on its own caller's behalf (a provider, the facade), so
 * that the errors the client builds speak of what that caller wrote and can do.
 */
export interface CallerTerms {
  /** What to do before trying again, should the outcome be unknown: said after the general advice. */
  reconcile?: string;
  /**
   * Body paths under the caller's names (`{ numberDesiredAreaCode: 'areaCode' }`): a `ValidationError`
   * of the body names its field by the longest path given that starts it, renamed.
   */
  fieldNames?: Readonly<Record<string, string>>;
}

/** A call's result: it rejects with a `SwitchboardError` on any failure, so there is no error branch. */
export interface ApiResult<Data> {
  data: Data;
  /** The vendor's answer, its body already read into `data`: none is left to read, unless a middleware was there to read it. */
  response: Response;
}

type CallInit<Init> = Init & CallOptions & CallerTerms & { [key: string]: unknown };
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [CallInit<Init>?] : [CallInit<Init>];
type SuccessData<Operation, Init> =
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own constraint on an operation.
  Operation extends Record<string | number, any> ? Extract<FetchResponse<Operation, Init, 'application/json'>, { data: unknown }>['data'] : never;

/** One HTTP method of an `ApiClient`: openapi-fetch's signature, resolving with the success data. */
export type ApiMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<ApiResult<SuccessData<Paths[Path][Method & keyof Paths[Path]], Init>>>;

/**
 * The client every vendor package returns, typed by its generated `paths`: openapi-fetch's
 * methods, with each call resolving to the success data and rejecting with a typed error.
 */
export interface ApiClient<Paths extends {}> {
  GET: ApiMethod<Paths, 'get'>;
  PUT: ApiMethod<Paths, 'put'>;
  POST: ApiMethod<Paths, 'post'>;
  DELETE: ApiMethod<Paths, 'delete'>;
  PATCH: ApiMethod<Paths, 'patch'>;
  /**
   * openapi-fetch middleware, run as openapi-fetch runs it (`onRequest` in the order added, then a
   * call's own `middleware`; `onResponse` and `onError` in reverse); it sees real `Request` and
   * `Response` objects.
   */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

const USER_AGENT = 'switchboard-typescript';
const JSON_TYPE = /[/+]json\b/i;
const STRUCTURAL = { structural: true } as const;
/** The default cap on an answer's body: over four times the largest page a vendor gives (1,000 Vapi numbers with hooks, 1.9 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Answers are held in memory as one string: a cap beyond this would not bound anything useful. */
const MAX_RESPONSE_BYTES_LIMIT = 256 * 1024 * 1024;
/** The longest delay a timer holds: Node fires a longer one at once (after 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * How deep an answer's JSON may nest. Real answers stay near 10 levels; walking a deeper one
 * (checking, redacting, masking, or the caller's own `JSON.stringify`) could overflow the stack.
 */
const MAX_ANSWER_DEPTH = 100;
const JSON_CONTENT = { 'Content-Type': 'application/json' } as const;
type Init = {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeadersOptions };
  body?: unknown;
  headers?: HeadersOptions;
  signal?: AbortSignal;
  [key: string]: unknown;
};

/**
 * An openapi-fetch client for one vendor's spec with Switchboard's behaviour: the API key (as a
 * bearer token, or in the header the spec names), a user agent, parameters and bodies checked
 * against the spec before anything is sent, answers checked for the spec's shape, typed errors for
 * every non-2xx (bodies redacted), and the retry/timeout policy.
 */
export function createApiClient<Paths extends {}>(spec: SpecMetadata, options: ClientOptions): ApiClient<Paths> {
  if (typeof options !== 'object' || options === null) throw new ValidationError('options', 'type', 'must be an object');
  const apiKey = requireApiKey(options.apiKey);
  const baseUrl = parseBaseUrl(options.baseUrl ?? spec.defaultBaseUrl);
  const policy = {
    timeoutMs: milliseconds('timeoutMs', options.timeoutMs ?? DEFAULT_RETRY_POLICY.timeoutMs),
    maxRetries: retries(options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries),
    deadlineMs: milliseconds('deadlineMs', options.deadlineMs ?? DEFAULT_RETRY_POLICY.deadlineMs),
  };
  const maxResponseBytes = responseBytes(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  for (const hook of ['fetch', 'onEvent'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') throw new ValidationError(hook, 'type', 'must be a function');
  }
  const keyHeader = spec.apiKeyHeader ?? 'authorization';
  // The key's header is a secret key too: a vendor echoing the request's headers back gets it masked.
  const secretKeys = new Set([...spec.secretKeys, keyHeader].map((key) => key.toLowerCase()));
  const clientHeaders = { [keyHeader]: keyHeader === 'authorization' ? `Bearer ${apiKey}` : apiKey, 'User-Agent': USER_AGENT };
  // The headers of a call that adds none, with and without a body: built once and shared, as nothing
  // that receives a request's headers writes to them (fetch, node:http and a Request copy them).
  const jsonHeaders = mergeHeaders(JSON_CONTENT, clientHeaders);
  const bodilessHeaders = mergeHeaders(clientHeaders);
  // Built once: given options instead, openapi-fetch builds a serializer on every call.
  const querySerializer = createQuerySerializer();
  const send = createTransport({ ...policy, maxResponseBytes, fetch: options.fetch, onEvent: options.onEvent });
  const middleware: Middleware[] = [];

  /** The request as openapi-fetch would build it, from its own helpers, in the parts fetch takes. */
  function outgoing(method: string, path: string, init: Init): OutgoingRequest {
    const params = init.params ?? {};
    const body = init.body === undefined ? null : defaultBodySerializer(init.body);
    return {
      url: createFinalURL(path, { baseUrl, params, querySerializer, pathSerializer: defaultPathSerializer }),
      method,
      headers:
        init.headers || params.header
          ? mergeHeaders(body === null ? undefined : JSON_CONTENT, clientHeaders, init.headers, params.header)
          : body === null
            ? bodilessHeaders
            : jsonHeaders,
      body,
      signal: init.signal ?? null,
    };
  }

  /**
   * A call with middleware, which sees real Requests and Responses, run as openapi-fetch runs it:
   * each `onRequest` in turn may replace the Request or answer in the vendor's place (and then no
   * `onResponse` runs); the transport sends the last Request; each `onError`, last added first, may
   * turn a failure into an answer or another error; each `onResponse`, last added first, may
   * replace the answer. The answer the last one left is the call's.
   */
  async function throughMiddleware(method: string, path: string, init: Init, context: RequestContext): Promise<Answer> {
    const chain = [...middleware, ...checkMiddleware(init.middleware ?? [])];
    const { url, body, headers, signal } = outgoing(method, path, init);
    let request = new Request(url, { method, headers, body, signal });
    // The transport as a fetch: what the last Request is sent with, and a middleware's `options.fetch`.
    const fetchThrough: typeof fetch = async (input, requestInit) => {
      const sent = new Request(input, requestInit);
      const sentBody = sent.body && (await sent.arrayBuffer());
      return readable(await send({ url: sent.url, method: sent.method, headers: sent.headers, body: sentBody, signal: sent.signal }, context));
    };
    const options: MergedOptions = Object.freeze({
      baseUrl,
      fetch: fetchThrough,
      parseAs: 'text',
      querySerializer,
      bodySerializer: defaultBodySerializer,
      pathSerializer: defaultPathSerializer,
    });
    const id = Math.random().toString(36).slice(2, 11);
    const params = (init.params ?? {}) as MiddlewareRequestParams;
    const hookParams = (): MiddlewareCallbackParams => ({ request, schemaPath: path, params, options, id });
    let response: Response | undefined;
    for (const { onRequest } of chain) {
      const result = await onRequest?.(hookParams());
      if (result instanceof Response) {
        response = result;
        break;
      }
      if (result instanceof Request) request = result;
      else if (result) throw new Error('onRequest: must return new Request() or Response() when modifying the request');
    }
    if (!response) {
      try {
        response = await fetchThrough(request);
      } catch (error) {
        let failure = error;
        for (const { onError } of chain.toReversed()) {
          const result = await onError?.({ ...hookParams(), error: failure });
          if (result instanceof Response) {
            response = result;
            break;
          }
          if (result instanceof Error) failure = result;
          else if (result) throw new Error('onError: must return new Response() or instance of Error');
        }
        if (!response) throw failure;
      }
      for (const { onResponse } of chain.toReversed()) {
        const result: unknown = await onResponse?.({ ...hookParams(), response });
        if (result instanceof Response) response = result;
        else if (result) throw new Error('onResponse: must return new Response() when modifying the response');
      }
    }
    const text = await response.text();
    if (!response.ok) throw errorOf(response, parseErrorBody(text), context, method);
    return { response, text };
  }

  async function call(method: Uppercase<HttpMethod>, path: string, init: Init = {}): Promise<ApiResult<unknown>> {
    const key = `${method} ${path}`;
    const info = spec.operations[key];
    // Built on first use (an error, an event): redaction costs nothing on a quiet success.
    let redactor: Redactor | undefined;
    const context: RequestContext = {
      vendor: spec.vendor,
      operation: info?.operationId ?? key,
      repeatable: mayRepeat(method, info?.idempotent),
      timeoutMs: init.timeoutMs === undefined ? undefined : milliseconds('timeoutMs', init.timeoutMs),
      reconcile: init.reconcile === undefined ? undefined : requireString('reconcile', init.reconcile),
      redactor: () => (redactor ??= createRedactor(secretKeys, [apiKey, ...collectSecretValues(init.body, secretKeys)])),
    };
    checkHeaders(init.headers, keyHeader);
    checkPathSegments(init.params?.path);
    const fieldNames = checkFieldNames(init.fieldNames);
    if (info) checkRequest(info, init, spec.schemas, fieldNames);
    let answer: Answer;
    if (middleware.length === 0 && init.middleware === undefined) {
      answer = await send(outgoing(method, path, init), context);
      if (!answer.response.ok) throw errorOf(answer.response, parseErrorBody(answer.text), context, method);
    } else {
      answer = await throughMiddleware(method, path, init, context);
    }
    return { data: readBody(answer, info, context, spec.schemas, method), response: answer.response };
  }

  const method = (name: Uppercase<HttpMethod>) => (path: string, init?: Init) => call(name, path, init);
  return {
    GET: method('GET'),
    PUT: method('PUT'),
    POST: method('POST'),
    DELETE: method('DELETE'),
    PATCH: method('PATCH'),
    use: (...added) => {
      middleware.push(...checkMiddleware(added));
    },
    eject: (...removed) => {
      for (const m of removed) {
        const at = middleware.indexOf(m);
        if (at !== -1) middleware.splice(at, 1);
      }
    },
  } as ApiClient<Paths>;
}

/**
 * An answer as a middleware reads it: the transport has read the body, so the Response carries it
 * again, as decoded text that the vendor's `content-encoding` and `content-length` no longer describe.
 */
function readable({ response, text }: Answer): Response {
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(text || null, { status: response.status, statusText: response.statusText, headers });
}

/** A non-2xx answer's body as openapi-fetch reads one: its JSON, else its text. */
function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The typed error of a non-2xx answer, its body redacted (and left out when nested too deep to walk safely). */
function errorOf(response: Response, body: unknown, context: RequestContext, method: string): ApiError {
  const tooDeep = nestedDeeperThan(body, MAX_ANSWER_DEPTH);
  const redacted = tooDeep ? undefined : context.redactor().value(body ?? '');
  return apiErrorFor({
    ...answered(context, method, response.status),
    status: response.status,
    body: redacted,
    detail: tooDeep ? `the body is nested deeper than ${MAX_ANSWER_DEPTH} levels` : quote(context.redactor(), describeErrorBody(redacted)),
    requestId: requestIdOf(response.headers, context.redactor()),
  });
}

/** Middleware as openapi-fetch defines it: an object with at least one of its hooks (`onRequest`, `onResponse`, `onError`), each a function. */
function checkMiddleware(list: unknown): Middleware[] {
  if (!Array.isArray(list)) throw new ValidationError('middleware', 'type', 'must be an array of middleware');
  list.forEach((entry: Record<string, unknown> | null, i) => {
    const hooks = typeof entry === 'object' && entry !== null ? [entry.onRequest, entry.onResponse, entry.onError] : [];
    if (!hooks.some((hook) => hook !== undefined) || hooks.some((hook) => hook !== undefined && typeof hook !== 'function'))
      throw new ValidationError(`middleware[${i}]`, 'type', 'must be an object with an onRequest, onResponse or onError function');
  });
  return list;
}

/** Any character a header name cannot hold (a name is an RFC 9110 token). */
const NOT_TOKEN = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;
/**
 * Control characters (a tab aside) and anything beyond Latin-1: what a header value cannot carry.
 * Written as its complement (a tab, printable ASCII, Latin-1's upper half): fewer bytes in a bundle.
 */
const NOT_FIELD_VALUE = /[^\t -~\x80-\xff]/;
/**
 * Headers a call may not set: the Fetch standard's forbidden request headers (the ones fetch
 * owns: a browser drops them, Node breaks the request on several), and `authorization`, which
 * carries credentials (the client's own, from `apiKey`, unless the spec names another header).
 */
const RESERVED_HEADER =
  /^(accept-charset|accept-encoding|access-control-request-(headers|method)|authorization|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i;

/**
 * A call's headers, before anything is sent: one that fetch would refuse or rewrite, or the one
 * that carries the API key (`keyHeader`: the redactor knows that key, not another), is refused here, named.
 */
function checkHeaders(headers: unknown, keyHeader: string): void {
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw new ValidationError('headers', 'type', 'must map header names to strings');
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers)) {
    // A name is quoted escaped: it may hold the very characters at fault.
    const field = `headers.${JSON.stringify(name).slice(1, -1).slice(0, 100)}`;
    if (name === '' || NOT_TOKEN.test(name)) throw new ValidationError(field, 'format', 'is not a valid header name');
    if (RESERVED_HEADER.test(name) || name.toLowerCase() === keyHeader)
      throw new ValidationError(field, 'reserved', 'is set by the client or by fetch, not by a call');
    if (value === undefined) continue;
    if (NOT_FIELD_VALUE.test(requireString(field, value)))
      throw new ValidationError(field, 'format', 'must hold no control characters (CR, LF, NUL…) and only Latin-1 characters');
  }
}

/**
 * Path parameters are whole segments: an empty one, `.` or `..` would make URL parsing drop or
 * climb a segment, and the request would reach another resource (`DELETE /phone-number/..` is `DELETE /`).
 */
function checkPathSegments(path: unknown): void {
  if (path === null || typeof path !== 'object') return;
  for (const [name, value] of Object.entries(path)) {
    if (value === '' || value === '.' || value === '..') throw new ValidationError(name, 'path-segment', 'must not be empty, "." or ".."');
  }
}

/** Parameters and body against the spec, before anything is sent; a field is named by its path in the body, or the caller's name for it. */
function checkRequest(info: OperationInfo, init: Init, schemas: SchemaTable, fieldNames: Readonly<Record<string, string>>): void {
  for (const location of ['path', 'query'] as const) {
    const schema = info[location];
    const issue = schema && checkSchema(init.params?.[location] ?? {}, schema, schemas);
    if (issue) throw new ValidationError(issue.path || location, issue.rule, issue.reason);
  }
  if (!info.body) return;
  if (init.body === undefined) {
    if (info.bodyRequired) throw new ValidationError('body', 'required', 'is required');
    return;
  }
  const issue = checkSchema(init.body, info.body, schemas);
  if (issue) throw new ValidationError(callerFieldName(issue.path || 'body', fieldNames), issue.rule, issue.reason);
}

/** A path's last property (`.on`, or the whole path when it has one step) or item (`[0]`). */
const LAST_STEP = /[.[]?[^.[]*$/;

/**
 * A body path under the caller's name for it: its longest start that `fieldNames` renames (a whole
 * property or item: `hooks` starts `hooks[0].on`, not `hooksUrl`), renamed; the rest stays as it is.
 */
export function callerFieldName(path: string, fieldNames: Readonly<Record<string, string>>): string {
  for (let start = path; start !== ''; start = start.replace(LAST_STEP, '')) {
    if (Object.hasOwn(fieldNames, start)) return fieldNames[start] + path.slice(start.length);
  }
  return path;
}

// On every call a provider makes: a loop over the keys (no array of entries), and a field's name
// built only for the error, not for each field checked.
function checkFieldNames(fieldNames: unknown = {}): Readonly<Record<string, string>> {
  if (typeof fieldNames !== 'object' || fieldNames === null || Array.isArray(fieldNames))
    throw new ValidationError('fieldNames', 'type', 'must map body paths to names');
  const names = fieldNames as Record<string, unknown>;
  for (const path in names) if (typeof names[path] !== 'string' && Object.hasOwn(names, path)) requireString(`fieldNames.${path}`, names[path]);
  return names as Record<string, string>;
}

function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'type', 'must be a string');
  return value;
}

/**
 * A 2xx body as data: JSON of the spec's shape, or nothing where the spec declares no body (or,
 * for an operation the spec does not know, a 204 or 205). Data is never undefined where the spec
 * promises a body: a write answered without one was applied, and its error says so.
 */
function readBody({ response, text }: Answer, info: OperationInfo | undefined, context: RequestContext, schemas: SchemaTable, method: string): unknown {
  const { status } = response;
  const unreadable = (reason: string) => new InvalidResponseError(status, reason, answered(context, method, status));
  if (!text) {
    if (info ? !info.response : status === 204 || status === 205) return undefined;
    throw unreadable(info?.response ? 'no body, where the spec documents one' : 'empty body');
  }
  const type = response.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) throw unreadable(`content type "${type ? quote(context.redactor(), type) : 'none'}" is not JSON`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw unreadable('malformed JSON');
  }
  if (nestedDeeperThan(data, MAX_ANSWER_DEPTH)) throw unreadable(`the JSON is nested deeper than ${MAX_ANSWER_DEPTH} levels`);
  const issue = info?.response && checkSchema(data, info.response, schemas, STRUCTURAL);
  if (issue) throw unreadable(`the body does not have the documented shape (${issue.path || 'the body'} ${issue.reason})`);
  return data;
}

/** Whether parsed JSON nests more than `limit` arrays or objects deep; the walk itself never goes deeper than that. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestedDeeperThan(item, limit - 1)) return true;
    return false;
  }
  for (const key in value) if (nestedDeeperThan((value as Record<string, unknown>)[key], limit - 1)) return true;
  return false;
}

/** A readable one-line summary of the error bodies vendors send (NestJS, FastAPI, plain), whole: `quote` cuts it. */
function describeErrorBody(body: unknown): string {
  if (typeof body === 'string') return body.trim() || 'no details';
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const message = record.message ?? record.detail ?? record.error_description ?? record.error;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(describeIssue).join('; ');
    return JSON.stringify(body);
  }
  return 'no details';
}

function describeIssue(issue: unknown): string {
  if (typeof issue === 'string') return issue;
  const { loc, msg } = (issue ?? {}) as { loc?: unknown; msg?: unknown };
  if (typeof msg === 'string') return Array.isArray(loc) ? `${loc.join('.')}: ${msg}` : msg;
  return JSON.stringify(issue);
}

function requireApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new ValidationError('apiKey', 'required', 'an API key is required');
  // Whitespace, control characters or anything beyond ASCII: all but printable ASCII (`!` to `~`).
  if (/[^!-~]/.test(apiKey)) {
    throw new ValidationError('apiKey', 'format', 'must be printable ASCII, without spaces');
  }
  return apiKey;
}

/** The base every path is appended to; the errors never quote it, as it may hold a password. */
function parseBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw new ValidationError('baseUrl', 'url', 'must be an absolute http(s) URL');
  }
  const { username, password } = new URL(baseUrl);
  if (username !== '' || password !== '') {
    throw new ValidationError('baseUrl', 'credentials', 'must not hold credentials (user:password@)');
  }
  // Paths are appended to the text as given: after a `?` or `#` they would not be a path.
  if (/[?#]/.test(baseUrl)) throw new ValidationError('baseUrl', 'url', 'must not hold a query (?) or a fragment (#)');
  return removeTrailingSlash(baseUrl);
}

function milliseconds(field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0)) throw new ValidationError(field, 'positive', 'must be a positive number of milliseconds');
  if (value > MAX_TIMER_MS) throw new ValidationError(field, 'maximum', `must be at most ${MAX_TIMER_MS} ms (about 24.8 days), the longest a timer holds`);
  return value;
}

function responseBytes(value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw new ValidationError('maxResponseBytes', 'positive', 'must be a positive whole number of bytes');
  if ((value as number) > MAX_RESPONSE_BYTES_LIMIT)
    throw new ValidationError('maxResponseBytes', 'maximum', `must be at most ${MAX_RESPONSE_BYTES_LIMIT} (256 MiB)`);
  return value as number;
}

function retries(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 10) throw new ValidationError('maxRetries', 'range', 'must be an integer from 0 to 10');
  return value;
}
