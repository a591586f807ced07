/**
 * What a vendor package tells the sandbox about its API (its `./sandbox` subpath exports one as
 * `sandbox`). Everything the spec already says — methods, paths, which parameter names a number,
 * statuses, shapes, examples — is read from the spec; this is only what the spec cannot say: how the
 * vendor turns a request into the numbers it holds.
 */
export interface SandboxDescriptor<Raw extends object = Record<string, unknown>> {
  vendor: string;
  /** The field of a held number that the API addresses it by (a path or query parameter's value). */
  key: keyof Raw & string;
  /** Every operation of the spec, by `operationId`: a sandbox refuses to start when one is missing. */
  operations: Readonly<Record<string, SandboxOperation<Raw>>>;
  /**
   * The answer for a number the vendor does not hold, when the spec declares none: by default the
   * spec's 404 answer (else its 422, else its 400) with its example body.
   */
  notFound?: { status: number; body: unknown };
  /** A number as a single-number answer shows it, when that differs from how it is held (and listed). */
  show?(number: Raw, context: SandboxContext): unknown;
  /** The number a test describes in neutral terms, as the vendor would hold it. */
  seed(facts: SeedFacts, context: SandboxContext): Raw;
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

export type SandboxOperation<Raw extends object> =
  | { kind: 'list'; paging: Paging }
  | { kind: 'get' }
  /** Makes a number from the request; its key must be new. */
  | { kind: 'create'; create(request: SandboxRequest, context: SandboxContext): Raw }
  /** The number after the request: returns a new object, or the same one changed. */
  | { kind: 'update'; update(number: Raw, request: SandboxRequest, context: SandboxContext): Raw }
  | { kind: 'delete' }
  /** Answers from what is held without changing it (a search of numbers to buy). */
  | { kind: 'read'; answer(request: SandboxRequest, held: readonly Raw[], context: SandboxContext): unknown };

/**
 * How a list operation pages, by the names of its query parameters. `page`: numbered pages from 1;
 * `cursor`: the vendor hands out a cursor that the next request passes back. The page size is the
 * `limit` parameter, its spec default when absent.
 */
export type Paging =
  | { style: 'page'; page: string; limit: string; answer(items: readonly unknown[], page: PageFacts): unknown }
  | { style: 'cursor'; cursor: string; limit: string; answer(items: readonly unknown[], next: string | null): unknown }
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
}

/** What the sandbox offers a descriptor's functions. */
export interface SandboxContext {
  /** A new UUID. */
  uuid(): string;
  /** The sandbox's clock (fixed in tests). */
  now(): Date;
  /** `count` US numbers (E.164) that start with `prefix` (digits after +1; 415 by default) and no held number has. */
  freshNumbers(count: number, prefix?: string): string[];
  /** The first example of an operation's success answer in the spec: a vendor's realistic filler. */
  example(operationId: string): unknown;
}
