/**
 * What a vendor package tells the sandbox about its API (its `./sandbox` subpath exports one as
 * `sandbox`). Everything the spec already says — methods, paths, which parameter names a number,
 * statuses, shapes, examples — is read from the spec; this is only what the spec cannot say: how the
 * vendor turns a request into the numbers it holds.
 */
export interface SandboxDescriptor<Raw extends object = Record<string, unknown>, Memory = unknown> {
  vendor: string;
  /** The field of a held number that the API addresses it by (a path or query parameter's value). */
  key: keyof Raw & string;
  /** Fields besides `key` that no two numbers share: a create that would repeat one is refused (Cartesia imports a number once). */
  unique?: readonly (keyof Raw & string)[];
  /** Every operation of the spec, by `operationId`: a sandbox refuses to start when one is missing. */
  operations: Readonly<Record<string, SandboxOperation<Raw, Memory>>>;
  /**
   * The answer for a number the vendor does not hold, when the spec declares none: by default the
   * spec's 404 answer (else its 422, else its 400) with its example body.
   */
  notFound?: { status: number; body: unknown };
  /** A number as a single-number answer shows it, when that differs from how it is held (and listed). */
  show?(number: Raw, context: SandboxContext<Memory>): unknown;
  /** The number a test describes in neutral terms, as the vendor would hold it. */
  seed(facts: SeedFacts, context: SandboxContext<Memory>): Raw;
  /**
   * What the vendor holds besides its numbers (Cartesia's linked providers), made once when the
   * sandbox starts — from the spec's examples, say — and handed to every function as `context.memory`.
   */
  memory?(context: SandboxTools): Memory;
}

/** A number in neutral terms: what tests seed a vendor with. */
export interface SeedFacts {
  /** The vendor's id (for vendors that address numbers by the number, the number). */
  id: string;
  /** E.164. */
  number: string;
  agent: string | null;
  name?: string | null | undefined;
}

/** Every function may stop with `context.fail(…)` instead, to answer with the spec's error. */
export type SandboxOperation<Raw extends object, Memory = unknown> =
  /** `filter`: whether a number is listed under the request's query (a vendor's filter parameters); all are by default. */
  | { kind: 'list'; paging: Paging; filter?(number: Raw, query: URLSearchParams, context: SandboxContext<Memory>): boolean }
  | { kind: 'get' }
  /**
   * Makes a number from the request; its key must be new. `show`: the answer, when it shows the new
   * number otherwise than every other answer does (Cartesia's provision answer has no provider).
   */
  | {
      kind: 'create';
      create(request: SandboxRequest, context: SandboxContext<Memory>): Raw;
      show?(number: Raw, context: SandboxContext<Memory>): unknown;
    }
  /** The number after the request: returns a new object, or the same one changed. */
  | { kind: 'update'; update(number: Raw, request: SandboxRequest, context: SandboxContext<Memory>): Raw }
  /** `check`: fails (`context.fail`) when the vendor keeps the number instead (Cartesia keeps a number an agent answers). */
  | { kind: 'delete'; check?(number: Raw, context: SandboxContext<Memory>): void }
  /**
   * Answered by the descriptor: a search of numbers to buy, or an operation on another resource of
   * the vendor's, kept in `context.memory` (Cartesia's linked providers, which its numbers show).
   */
  | { kind: 'custom'; answer(request: SandboxRequest, held: readonly Raw[], context: SandboxContext<Memory>): unknown };

/**
 * How a list operation pages, by the names of its query parameters. `page`: numbered pages from 1;
 * `cursor`: the vendor hands out a cursor that the next request passes back; `after`: the next
 * request names the last number of the page by its key (and `before`, where the vendor has it, the
 * first, for the page before). The page size is the `limit` parameter, its spec default when absent.
 */
export type Paging =
  | { style: 'page'; page: string; limit: string; answer(items: readonly unknown[], page: PageFacts): unknown }
  | { style: 'cursor'; cursor: string; limit: string; answer(items: readonly unknown[], next: string | null): unknown }
  | { style: 'after'; after: string; before?: string; limit: string; answer(items: readonly unknown[], more: boolean): unknown }
  /** One answer of at most `limit` numbers and no way on (an unpaginated listing). */
  | { style: 'none'; limit: string; answer(items: readonly unknown[]): unknown };

export interface PageFacts {
  /** This page's number, from 1. */
  page: number;
  limit: number;
  /** Every number held. */
  total: number;
}

export interface SandboxRequest {
  /** The parsed JSON body (undefined without one). */
  body: unknown;
  query: URLSearchParams;
  /** The path parameters, by their names in the spec, decoded. */
  path: Readonly<Record<string, string>>;
}

/** What the sandbox offers a descriptor's functions. */
export interface SandboxTools {
  /** A new UUID. */
  uuid(): string;
  /** The sandbox's clock (fixed in tests). */
  now(): Date;
  /** `count` US numbers (E.164) that start with `prefix` (digits after +1; 415 by default) and no held number has. */
  freshNumbers(count: number, prefix?: string): string[];
  /** The first example of an operation's success answer in the spec: a vendor's realistic filler. */
  example(operationId: string): unknown;
  /**
   * Answer the request with the spec's error instead (call it before changing anything): `not-found`,
   * the operation's 404 (else 422, else 400) with its example body; `refused`, its 409 (else 400, else 422).
   */
  fail(reason: 'not-found' | 'refused'): never;
}

export interface SandboxContext<Memory = unknown> extends SandboxTools {
  /** What the descriptor's `memory` made at the start, as changed since (undefined without one). */
  readonly memory: Memory;
}
