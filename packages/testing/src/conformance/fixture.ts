/**
 * What a vendor package tells the conformance suite about its provider. The suite checks a
 * provider through the provider interface (`PhoneNumberProviderV1` of `@switchboard/provider`),
 * structurally: this package cannot depend on the runtime packages, whose own tests depend on it.
 */
import type { TransportOptions } from '../transports.js';

/** A phone number as every provider returns it: what the suite reads of one. */
export interface ConformanceNumber {
  vendor: string;
  id: string;
  number: string | null;
}

/** The provider interface, as far as the suite calls it. */
export interface ConformanceProvider {
  readonly vendor: string;
  readonly capabilities: {
    list: boolean;
    get: boolean;
    update: boolean;
    release: boolean;
    searchAvailable: boolean;
    create: Readonly<Record<string, boolean>>;
  };
  readonly secretFields?: readonly string[];
  list(query: { limit: number | undefined; cursor: string | undefined }): Promise<{ items: ConformanceNumber[]; nextCursor: string | null }>;
  get(id: string): Promise<ConformanceNumber>;
  searchAvailable?(query: never): Promise<unknown>;
}

/** The client options the suite builds a provider with (a subset of core's `ClientOptions`), its transport's among them. */
export interface ConformanceClientOptions extends TransportOptions {
  apiKey: string;
  baseUrl: string;
  maxRetries?: number;
  timeoutMs?: number;
  onEvent?: (event: unknown) => void;
}

/** A call the suite makes on the provider, and the request it sends. */
export interface ProviderCall<P> {
  name: string;
  /** `METHOD path` as it goes on the wire (path parameters percent-encoded), as the fault server counts it. */
  key: string;
  call: (provider: P) => Promise<unknown>;
}

/** A create: sent at most once whatever fails, since a repeat could buy a second number. */
export interface CreateCall<P> extends ProviderCall<P> {
  /** The neutral create type it exercises. */
  type: string;
  /** Canary values of the `x-secret` fields it sends (none for a create without secrets). */
  secrets: readonly string[];
}

/** A bad input the provider refuses with a `ValidationError` before sending anything. */
export interface ValidationCase<P> {
  name: string;
  call: (provider: P) => Promise<unknown>;
  /** The field the error names, in the caller's terms (`areaCode`, `vendorOptions.<vendor>.name`). */
  field: string;
  rule: string;
}

/**
 * What the vendor's spec must describe (checked by `specs/test/operations.test.ts`): an oracle
 * written from the vendor's docs, not read from the spec it checks.
 */
export interface SpecExpectations {
  /** The vendor's production base URL: the spec's only server. */
  server: string;
  /** The whole phone-number surface: `METHOD path` → operationId. */
  operations: Readonly<Record<string, string>>;
  /** The operationIds marked deprecated. */
  deprecated: readonly string[];
  /** `Schema.property` paths that carry the E.164 pattern. */
  e164Fields: readonly string[];
  /** Property names marked `x-secret: true`, sorted. */
  secretFields: readonly string[];
  /** `Schema` or `Schema.property` paths whose constraints come only from the vendor's prose (`x-source: prose`). */
  proseConstraints: readonly string[];
}

export interface ProviderFixture<P extends ConformanceProvider> {
  /** What the vendor's spec must describe. */
  spec: SpecExpectations;
  /** The vendor package's declaration, as the registry lists it. */
  definition: {
    readonly vendor: string;
    readonly capabilities: P['capabilities'];
    createProvider(options: ConformanceClientOptions): P;
  };
  /** A read of one number the spec's example answers, and the listing. */
  get: ProviderCall<P> & { id: string };
  list: ProviderCall<P>;
  /** At least one create per create type the vendor supports; those with secrets are the redaction cases. */
  creates: readonly CreateCall<P>[];
  /** The non-GET operations the spec marks `x-idempotent`: retried like reads. */
  idempotentWrites: readonly ProviderCall<P>[];
  /** What the vendor cannot do: the create types and operations its capabilities say `false` to. */
  refuses: { createTypes: readonly string[]; operations: readonly ('list' | 'get' | 'update' | 'release' | 'searchAvailable')[] };
  /** The vendor's own rules (from its spec, or documented only in prose), refused before sending. */
  validation: readonly ValidationCase<P>[];
  /** How the vendor pages, as a loopback server that pages like it. */
  paging: {
    /** A stateless pager over the numbers 0..n-1: the status and JSON body answering one request. */
    pager(n: number): (url: URL) => [number, unknown];
    /** The provider's id of number `i`. */
    idOf(i: number): string;
  };
}
