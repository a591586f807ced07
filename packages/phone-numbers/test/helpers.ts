import { readFileSync } from 'node:fs';
import { createPhoneNumbers, type PhoneNumbers, revealEchoedSecrets, type VendorName } from '@switchboard/phone-numbers';
import { specPath, prismUrl as testingPrismUrl } from '@switchboard/testing';
import { parse } from 'yaml';

export const API_KEY = 'sk-test-0f3a9c1e7b2d4e68';

/** One request as the facade's `fetch` option saw it: what actually goes on the wire. */
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
}

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

/** A spec path template as an anchored regular expression over the request's path. */
export function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/**
 * A wrapper around the global fetch (the facade's public `fetch` option): records every request,
 * and, with `prefer`, asks Prism for a declared error on the one operation it names.
 */
export function recorder(prefer?: Prefer): Recorder {
  const requests: SeenRequest[] = [];
  const pattern = prefer && pathPattern(prefer.path);
  return {
    requests,
    async fetch(request) {
      const url = new URL(request.url);
      const text = request.body ? await request.clone().text() : '';
      requests.push({
        method: request.method,
        url: request.url,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        search: url.search,
        body: text === '' ? undefined : JSON.parse(text),
        headers: new Headers(request.headers),
      });
      if (prefer && pattern && request.method === prefer.method && pattern.test(url.pathname)) {
        request.headers.set('Prefer', `code=${prefer.status}`);
      }
      return fetch(request);
    },
  };
}

export function prismUrl(vendor: VendorName): string {
  return testingPrismUrl(vendor);
}

/** A facade client on the vendor's Prism mock, every request seen by `rec`. */
export function onPrism<V extends VendorName>(vendor: V, rec: Recorder = recorder()): PhoneNumbers<V> {
  return createPhoneNumbers<V>({ vendor, apiKey: API_KEY, baseUrl: prismUrl(vendor), maxRetries: 0, timeoutMs: 5_000, fetch: rec.fetch });
}

type SpecDoc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }> }>>;
};
const specs = new Map<string, SpecDoc>();

/** The first example of a response in the spec: what Prism answers with. */
export function specExample(vendor: string, method: string, path: string, status: number): unknown {
  let spec = specs.get(vendor);
  if (!spec) {
    spec = parse(readFileSync(specPath(vendor), 'utf8')) as SpecDoc;
    specs.set(vendor, spec);
  }
  const examples = spec.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json']?.examples;
  const first = examples && Object.values(examples)[0];
  if (!first) throw new Error(`no example for ${vendor} ${method} ${path} ${status}`);
  return first.value;
}

/** Every item of an async iterable, failing instead of looping when there are more than `max`. */
export async function collect<T>(iterable: AsyncIterable<T>, max = 1_000): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length > max) throw new Error(`more than ${max} items: the listing does not end`);
  }
  return items;
}

/** Items yielded before the iterable failed, and the failure (undefined if it ended normally). */
export async function collectUntilError<T>(iterable: AsyncIterable<T>, max = 1_000): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) {
      items.push(item);
      if (items.length > max) return { items, error: new Error(`more than ${max} items: the listing does not end`) };
    }
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

/** Call `fn` and return what it threw (synchronously or as a rejection); fail if it did not throw. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call succeeded');
}

/** A returned number with `raw` as the vendor sent it (echoed secrets included): what the spec's example holds. */
export function asSent<N extends { raw: unknown }>(number: N): N {
  return { ...number, raw: revealEchoedSecrets(number) };
}
