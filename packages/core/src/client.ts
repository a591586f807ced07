import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { apiErrorFor, InvalidResponseError, ValidationError } from './errors.js';
import { collectSecretValues, createRedactor } from './redact.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';
import { createTransport, textResponse, type RequestContext } from './transport.js';

/** One operation of a spec, keyed by `"METHOD /path/template"` (generated from the spec). */
export interface OperationInfo {
  operationId: string;
  /** GET, or marked `x-idempotent` in the spec: safe to send again. */
  idempotent: boolean;
}

/** What a vendor client knows of its spec at run time (generated from the spec). */
export interface SpecMetadata {
  vendor: string;
  defaultBaseUrl: string;
  operations: Readonly<Record<string, OperationInfo>>;
  /** Property names the spec marks `x-secret`. */
  secretKeys: readonly string[];
}

/** Options every vendor client takes. */
export interface ClientOptions {
  apiKey: string;
  /** Defaults to the vendor's production API. */
  baseUrl?: string;
  /** A fetch of your own (a proxy, a test double). Defaults to the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Per attempt, body read included. Default 30 000. */
  timeoutMs?: number;
  /** Retries of requests that are safe to repeat. Default 2. */
  maxRetries?: number;
  /** One deadline over all attempts and waits. Default 60 000. */
  deadlineMs?: number;
}

/** The openapi-fetch client every vendor package returns, typed by its generated `paths`. */
export type ApiClient<Paths extends {}> = Client<Paths, 'application/json'>;

const USER_AGENT = 'switchboard-typescript';

interface ApiRequestContext extends RequestContext {
  /** The API key and the secret values of the request body: what redaction must remove. */
  secrets: string[];
}

/**
 * An openapi-fetch client for one vendor's spec with Switchboard's behaviour: bearer auth, a user
 * agent, typed errors for every non-2xx (bodies redacted), and the retry/timeout policy.
 * Successful calls resolve with `data` set; failures reject with a `SwitchboardError`.
 */
export function createApiClient<Paths extends {}>(spec: SpecMetadata, options: ClientOptions): ApiClient<Paths> {
  const apiKey = requireApiKey(options.apiKey);
  const baseUrl = parseBaseUrl(options.baseUrl ?? spec.defaultBaseUrl);
  const policy = {
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? DEFAULT_RETRY_POLICY.timeoutMs),
    maxRetries: retries(options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries),
    deadlineMs: positive('deadlineMs', options.deadlineMs ?? DEFAULT_RETRY_POLICY.deadlineMs),
  };
  const secretKeys = new Set(spec.secretKeys.map((key) => key.toLowerCase()));
  const contexts = new WeakMap<Request, ApiRequestContext>();

  const contextOf = (request: Request): ApiRequestContext =>
    contexts.get(request) ?? {
      vendor: spec.vendor,
      operation: `${request.method} ${new URL(request.url).pathname}`,
      repeatable: request.method === 'GET',
      secrets: [apiKey],
    };

  // openapi-fetch serialises the body, then calls onRequest in the same synchronous run: the
  // secrets found while serialising are handed over here, without parsing the body back.
  let serialisedSecrets: string[] = [];
  const bodySerializer = (body: unknown) => {
    serialisedSecrets = collectSecretValues(body, secretKeys);
    return JSON.stringify(body);
  };

  const middleware: Middleware = {
    onRequest({ request, schemaPath }) {
      const bodySecrets = serialisedSecrets;
      serialisedSecrets = [];
      request.headers.set('Authorization', `Bearer ${apiKey}`);
      request.headers.set('User-Agent', USER_AGENT);
      const info = spec.operations[`${request.method} ${schemaPath}`];
      contexts.set(request, {
        vendor: spec.vendor,
        operation: info?.operationId ?? `${request.method} ${schemaPath}`,
        repeatable: info ? info.idempotent : request.method === 'GET',
        secrets: [apiKey, ...bodySecrets],
      });
    },
    async onResponse({ request, response }) {
      const context = contextOf(request);
      const unsafe = request.method !== 'GET';
      const text = await response.text();
      if (!response.ok) {
        // Built only on failure: redaction costs nothing on the success path.
        const body = createRedactor(secretKeys, context.secrets).value(parseJson(text) ?? text);
        throw apiErrorFor({
          vendor: context.vendor,
          operation: context.operation,
          status: response.status,
          body,
          detail: describeErrorBody(body),
          requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined,
          outcomeUnknown: unsafe && (response.status >= 500 || response.status === 408),
        });
      }
      if (!text) {
        if (response.status === 204 || response.status === 205) return textResponse('', response);
        throw new InvalidResponseError(response.status, 'empty body', { vendor: context.vendor, operation: context.operation, outcomeUnknown: unsafe });
      }
      const type = response.headers.get('content-type') ?? '';
      const data = /[/+]json\b/i.test(type) ? parseJson(text) : undefined;
      if (data === undefined) {
        const reason = /[/+]json\b/i.test(type) ? 'malformed JSON' : `content type "${type || 'none'}" is not JSON`;
        throw new InvalidResponseError(response.status, reason, { vendor: context.vendor, operation: context.operation, outcomeUnknown: unsafe });
      }
      return textResponse(text, response, data);
    },
  };

  const client = createClient<Paths, 'application/json'>({
    baseUrl,
    bodySerializer,
    fetch: createTransport({ ...policy, fetch: options.fetch, contextOf }),
  });
  client.use(middleware);
  return client;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A readable one-line summary of the error bodies vendors send (NestJS, FastAPI, plain). */
function describeErrorBody(body: unknown): string {
  if (typeof body === 'string') return body.trim().slice(0, 300) || 'no details';
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const message = record.message ?? record.detail ?? record.error_description ?? record.error;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(describeIssue).join('; ');
    return JSON.stringify(body).slice(0, 300);
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
  if (/[\s\u0000-\u001f\u007f-\uffff]/.test(apiKey)) {
    throw new ValidationError('apiKey', 'format', 'the API key holds whitespace or characters a header cannot carry');
  }
  return apiKey;
}

function parseBaseUrl(baseUrl: string): string {
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw new ValidationError('baseUrl', 'url', 'must be an absolute http(s) URL');
  }
  return baseUrl;
}

function positive(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new ValidationError(field, 'positive', 'must be a positive number of milliseconds');
  return value;
}

function retries(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 10) throw new ValidationError('maxRetries', 'range', 'must be an integer from 0 to 10');
  return value;
}
