/** One request as a client's `fetch` option saw it: what actually goes on the wire. */
export interface SeenRequest {
  method: string;
  url: string;
  /** Path as sent (still percent-encoded). */
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Raw query string as sent (percent-encoded). */
  search: string;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
  headers: Headers;
  /** The answer's status, once it came. */
  status?: number;
}

/** A declared error to ask a Prism mock for, on the one operation it names. */
export interface Prefer {
  method: string;
  /** A spec path template, e.g. `/phone-number/{id}`. */
  path: string;
  status: number;
}

export interface Recorder {
  fetch: (request: Request) => Promise<Response>;
  requests: SeenRequest[];
}

/** A spec path template as an anchored regular expression over a request's path. */
export function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/**
 * A wrapper around the global fetch, for a client's `fetch` option: records every request, and,
 * with `prefer`, asks Prism for a declared error on the one operation it names.
 */
export function recorder(prefer?: Prefer): Recorder {
  const requests: SeenRequest[] = [];
  const pattern = prefer && pathPattern(prefer.path);
  return {
    requests,
    async fetch(request) {
      const url = new URL(request.url);
      const text = request.body ? await request.clone().text() : '';
      const seen: SeenRequest = {
        method: request.method,
        url: request.url,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        search: url.search,
        body: text === '' ? undefined : JSON.parse(text),
        headers: new Headers(request.headers),
      };
      requests.push(seen);
      if (prefer && pattern && request.method === prefer.method && pattern.test(url.pathname)) {
        request.headers.set('Prefer', `code=${prefer.status}`);
      }
      const response = await fetch(request);
      seen.status = response.status;
      return response;
    },
  };
}

/** The one request a call sent, as `METHOD path` with its query and body; fails when it sent none or several. */
export function onlyRequest(rec: Recorder): { key: string; query: Record<string, string>; body: unknown } {
  if (rec.requests.length !== 1) throw new Error(`expected one request, got ${rec.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}`);
  const [request] = rec.requests as [SeenRequest];
  return { key: `${request.method} ${request.path}`, query: request.query, body: request.body };
}

/** The create types a provider's capabilities say it supports, sorted. */
export function supportedCreateTypes(capabilities: { create: Readonly<Record<string, boolean>> }): string[] {
  return Object.keys(capabilities.create)
    .filter((type) => capabilities.create[type])
    .sort();
}

/** The create types of a list of inputs, each once, sorted. */
export function createTypesOf(inputs: readonly { type: string }[]): string[] {
  return [...new Set(inputs.map((input) => input.type))].sort();
}
