import { randomUUID } from 'node:crypto';
import type { Paging, SandboxContext, SandboxDescriptor, SandboxRequest, SandboxTools, SeedFacts } from './descriptor.js';
import { readOperations, type SpecOperation } from './spec.js';

type Json = Record<string, unknown>;

/** A request as the sandbox sees it: the path below the vendor's base URL. */
export interface SandboxCall {
  method: string;
  /** Path and query, as on the request line (`/phone-number?limit=2`). */
  url: string;
  /** The body's text; empty without one. */
  body: string;
}

export interface SandboxAnswer {
  status: number;
  /** The JSON body; none when undefined. */
  body?: unknown;
}

/** One vendor's API in memory: the numbers it holds, changed by the requests it answers. */
export interface SandboxVendor {
  readonly vendor: string;
  /** The numbers held now, as the vendor holds (and lists) them, oldest first. */
  readonly numbers: readonly Json[];
  answer(call: SandboxCall): SandboxAnswer;
}

export interface SandboxVendorOptions {
  /** What the vendor holds at the start: the numbers of the spec's list examples by default. */
  seeds?: readonly SeedFacts[];
  /** The clock of created and updated numbers (and of seeds). Defaults to the real one. */
  now?: () => Date;
}

/**
 * `descriptor`'s vendor, answering the operations of the spec at `specPath` from an in-memory store:
 * routes, statuses, page-size defaults, error bodies and the starting numbers are the spec's; what
 * a request does to the numbers is the descriptor's. It checks nothing a request or an answer says
 * against the spec: `startSandbox` puts Prism in front of it for that.
 */
export function createSandboxVendor(descriptor: SandboxDescriptor, specPath: string, options: SandboxVendorOptions = {}): SandboxVendor {
  const operations = readOperations(specPath);
  const missing = operations.filter(({ operationId }) => !descriptor.operations[operationId]).map(({ operationId }) => operationId);
  if (missing.length > 0) throw new Error(`the ${descriptor.vendor} sandbox descriptor does not say how to answer ${missing.join(', ')}`);

  // Each number keeps the place it was added at: cursors point past a place, so a page is never
  // skipped or repeated when numbers come and go between requests. A released number's key keeps
  // its place, for a vendor whose next page starts after a number named by its key.
  let added = 0;
  const held: Held[] = [];
  const places = new Map<string, number>();
  const keyOf = (number: Json) => String(number[descriptor.key]);
  const find = (key: string) => held.find((entry) => keyOf(entry.number) === key);
  const tools: SandboxTools = {
    uuid: randomUUID,
    now: options.now ?? (() => new Date()),
    freshNumbers(count, prefix = '415') {
      const taken = new Set(
        held.flatMap(({ number }) =>
          Object.values(number)
            .filter((value) => typeof value === 'string')
            .map((value) => value.replace(/^\+/, '')),
        ),
      );
      // Ten digits after +1: the prefix, 555 (the fictional exchange) as far as it fits, then a line.
      const head = `${prefix}555`.slice(0, Math.max(prefix.length, 6));
      const lines = 10 ** Math.max(0, 10 - head.length);
      const fresh: string[] = [];
      for (let line = lines > 100 ? 100 : 0; line < lines && fresh.length < count; line++) {
        const candidate = `1${head}${String(line).padStart(10 - head.length, '0')}`;
        if (!taken.has(candidate)) fresh.push(`+${candidate}`);
      }
      if (fresh.length < count) throw new Error(`no ${count} free numbers left that start with +1${prefix}`);
      return fresh;
    },
    example: (operationId) => operations.find((operation) => operation.operationId === operationId)?.example,
    fail(reason) {
      throw new SandboxFailure(reason);
    },
  };
  const context: SandboxContext = { ...tools, memory: descriptor.memory?.(tools) };
  const hold = (number: Json) => {
    held.push({ place: ++added, number });
    places.set(keyOf(number), added);
  };
  const show = (number: Json) => (descriptor.show ? descriptor.show(number, context) : number);

  if (options.seeds) for (const facts of options.seeds) hold(descriptor.seed(facts, context));
  else for (const number of exampleNumbers(descriptor, operations)) if (!find(keyOf(number))) hold(number);

  return {
    vendor: descriptor.vendor,
    get numbers() {
      return held.map(({ number }) => number);
    },
    answer({ method, url, body: text }) {
      const { pathname, searchParams } = new URL(url, 'http://sandbox');
      // A concrete path before a templated one that also matches (`/numbers/providers` before
      // `/numbers/{id}`), as OpenAPI matches them.
      const route = operations
        .filter((operation) => operation.method === method)
        .flatMap((operation) => {
          const match = operation.pattern.exec(pathname);
          return match ? [{ operation, match }] : [];
        })
        .sort((a, b) => a.operation.parameters.length - b.operation.parameters.length)[0];
      if (!route) return { status: 404, body: { message: `the ${descriptor.vendor} spec has no ${method} ${pathname}` } };
      const { operation, match } = route;
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        return operation.refused;
      }
      const path = Object.fromEntries(operation.parameters.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
      const request: SandboxRequest = { body, query: searchParams, path };
      const behaviour = descriptor.operations[operation.operationId]!;
      const success = (value: unknown): SandboxAnswer =>
        operation.success.hasBody ? { status: operation.success.status, body: value } : { status: operation.success.status };
      const notFound = descriptor.notFound ?? operation.notFound;

      try {
        switch (behaviour.kind) {
          case 'list': {
            const listed = behaviour.filter ? held.filter(({ number }) => behaviour.filter!(number, searchParams, context)) : held;
            return success(page(behaviour.paging, operation, searchParams, listed, places));
          }
          case 'custom':
            return success(behaviour.answer(request, this.numbers, context));
          case 'create': {
            const number = behaviour.create(request, context) as Json;
            const unique = [descriptor.key, ...(descriptor.unique ?? [])];
            if (held.some((entry) => unique.some((field) => number[field] !== undefined && entry.number[field] === number[field]))) return operation.refused;
            hold(number);
            return success(behaviour.show ? behaviour.show(number, context) : show(number));
          }
          default: {
            const key = operation.address?.in === 'path' ? path[operation.parameters[0]!]! : searchParams.get(operation.address?.name ?? '');
            const entry = key === null ? undefined : find(key);
            if (!entry) return notFound;
            if (behaviour.kind === 'update') entry.number = behaviour.update(entry.number, request, context) as Json;
            if (behaviour.kind === 'delete') {
              behaviour.check?.(entry.number, context);
              held.splice(held.indexOf(entry), 1);
            }
            return success(show(entry.number));
          }
        }
      } catch (error) {
        if (!(error instanceof SandboxFailure)) throw error;
        return error.reason === 'not-found' ? notFound : operation.refused;
      }
    },
  };
}

/** A number held, with the place it was added at. */
interface Held {
  place: number;
  number: Json;
}

/** `context.fail`: unwinds a descriptor's function to the answer the spec gives for `reason`. */
class SandboxFailure extends Error {
  constructor(readonly reason: 'not-found' | 'refused') {
    super(`the sandbox answers with the spec's ${reason} error`);
  }
}

/** The numbers of the spec's list examples: the items of every example of every list operation. */
function exampleNumbers(descriptor: SandboxDescriptor, operations: readonly SpecOperation[]): Json[] {
  return operations
    .filter(({ operationId }) => descriptor.operations[operationId]?.kind === 'list')
    .flatMap(({ examples }) => examples.flatMap((example) => itemsOf(example)))
    .map((number) => structuredClone(number));
}

/** The numbers in a list answer: the answer itself when it is an array, else its array property. */
function itemsOf(answer: unknown): Json[] {
  if (Array.isArray(answer)) return answer as Json[];
  const array = Object.values((answer as Json) ?? {}).find(Array.isArray);
  return (array as Json[] | undefined) ?? [];
}

/** One page of `listed`, in the operation's paging style; `places` has the place of every key ever held. */
function page(paging: Paging, operation: SpecOperation, query: URLSearchParams, listed: readonly Held[], places: ReadonlyMap<string, number>): unknown {
  const limit = integer(query.get(paging.limit)) ?? integer(operation.defaults[paging.limit]);
  if (limit === undefined) throw new Error(`${operation.operationId}: the spec gives no default for ${paging.limit}`);
  const numbers = listed.map(({ number }) => number);
  switch (paging.style) {
    case 'none':
      return paging.answer(numbers.slice(0, limit));
    case 'page': {
      const number = integer(query.get(paging.page)) ?? integer(operation.defaults[paging.page]) ?? 1;
      return paging.answer(numbers.slice((number - 1) * limit, number * limit), { page: number, limit, total: numbers.length });
    }
    case 'cursor': {
      const after = decodeCursor(query.get(paging.cursor));
      const rest = listed.filter(({ place }) => place > after);
      const items = rest.slice(0, limit);
      const next = rest.length > limit ? encodeCursor(items.at(-1)!.place) : null;
      return paging.answer(
        items.map(({ number }) => number),
        next,
      );
    }
    case 'after': {
      // A key never held names no place: nothing is after or before it.
      const placeOf = (key: string) => places.get(key) ?? Number.NaN;
      const before = paging.before === undefined ? null : query.get(paging.before);
      const after = query.get(paging.after);
      if (before !== null) {
        const rest = listed.filter(({ place }) => place < placeOf(before));
        return paging.answer(
          rest.slice(-limit).map(({ number }) => number),
          rest.length > limit,
        );
      }
      const rest = after === null ? listed : listed.filter(({ place }) => place > placeOf(after));
      return paging.answer(
        rest.slice(0, limit).map(({ number }) => number),
        rest.length > limit,
      );
    }
  }
}

function integer(value: unknown): number | undefined {
  const number = Number(value ?? Number.NaN);
  return Number.isInteger(number) && number >= 0 ? number : undefined;
}

/** Opaque to clients, as vendors' cursors are: the place of the last number of the page. */
const encodeCursor = (place: number) => Buffer.from(`after:${place}`).toString('base64url');
const decodeCursor = (cursor: string | null) =>
  cursor === null
    ? 0
    : (integer(
        Buffer.from(cursor, 'base64url')
          .toString()
          .replace(/^after:/, ''),
      ) ?? 0);
