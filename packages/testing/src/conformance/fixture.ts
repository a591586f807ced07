/**
 * What a vendor package tells the conformance suite about its provider. The suite checks a
 * provider through the provider interface (`PhoneNumberProviderV1` of `@switchboard/provider`),
 * structurally: this package cannot depend on the runtime packages, whose own tests depend on it.
 * The neutral packages' tests read the same fixtures (`loadFixtures`), so that what they check of
 * every vendor comes from here, never from a table of vendor names.
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
  readonly idRule: 'opaque' | 'e164';
  readonly secretFields?: readonly string[];
  list(query: { limit: number | undefined; cursor: string | undefined }): Promise<{ items: ConformanceNumber[]; nextCursor: string | null }>;
  get(id: string): Promise<ConformanceNumber>;
  create(input: never, vendorOptions: never): Promise<ConformanceNumber>;
  update(id: string, changes: { agentId?: string | null; name?: string | null }): Promise<ConformanceNumber>;
  release(id: string): Promise<void>;
  searchAvailable?(query: never): Promise<unknown>;
}

/** The client options the suite builds a provider with (a subset of core's `ClientOptions`), its transport's among them. */
export interface ConformanceClientOptions extends TransportOptions {
  apiKey: string;
  baseUrl: string;
  maxRetries?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  onEvent?: (event: unknown) => void;
}

/** A call the suite makes on the provider, and the request it sends. */
export interface ProviderCall<P> {
  name: string;
  /** `METHOD path` as it goes on the wire (path parameters percent-encoded), as the fault server counts it. */
  key: string;
  call: (provider: P) => Promise<unknown>;
}

/** The neutral create input provider `P` takes (its `type` is the create type). */
export type CreateInputOf<P extends ConformanceProvider> = Parameters<P['create']>[0] & { type: string };
/** What provider `P` takes as its vendor's own create options (`vendorOptions[vendor]` of the facade). */
export type VendorOptionsOf<P extends ConformanceProvider> = Exclude<Parameters<P['create']>[1], undefined>;

/**
 * A create, as data: the suite sends it to the provider, the facade's tests through the facade
 * (`create(input, { vendorOptions: { [vendor]: vendorOptions } })`). Sent at most once whatever
 * fails, since a repeat could buy a second number.
 */
export interface CreateCase<P extends ConformanceProvider> {
  name: string;
  /** The neutral input; `input.type` is the create type it exercises. */
  input: CreateInputOf<P>;
  /** The vendor's own options of the create, when it has any. */
  vendorOptions?: VendorOptionsOf<P>;
  /** `METHOD path` of the create request. */
  key: string;
  /**
   * `METHOD path` of the read sent after the create, where the vendor answers a create with the new
   * number's id alone and the provider reads the number back (on the Prism mock: the example id's).
   */
  readBack?: string;
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
  /** Canary values of secrets the bad input carries: the error must not show them. */
  secrets?: readonly string[];
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
  creates: readonly CreateCase<P>[];
  /** The non-GET operations the spec marks `x-idempotent`: retried like reads. */
  idempotentWrites: readonly ProviderCall<P>[];
  /**
   * The spec's operations that no call above sends (operationId → why not): every other one is
   * checked for each error answer its spec declares.
   */
  unreachable: Readonly<Record<string, string>>;
  /**
   * Linking `get.id` to an agent: an agent id the spec takes, and whether the vendor can unlink
   * one (`update(id, { agentId: null })`); one that cannot refuses before sending anything.
   */
  agents: { id: string; canUnlink: boolean };
  /** What the vendor cannot do: the create types and operations its capabilities say `false` to. */
  refuses: { createTypes: readonly string[]; operations: readonly ('list' | 'get' | 'update' | 'release' | 'searchAvailable')[] };
  /** The vendor's own rules (from its spec, or documented only in prose), refused before sending. */
  validation: readonly ValidationCase<P>[];
  /** How the vendor pages, as a loopback server that pages like it. */
  paging: {
    /**
     * A stateless pager over the numbers 0..n-1: the status and JSON body answering one request,
     * pages of the size asked for, or of `maxPageSize` when that is smaller (a server's own cap).
     */
    pager(n: number, maxPageSize?: number): (url: URL) => [number, unknown];
    /** The provider's id of number `i`. */
    idOf(i: number): string;
  };
}

/** Any provider, seen from outside its package: inputs and options as plain objects. */
export interface AnyConformanceProvider extends ConformanceProvider {
  create(input: { type: string } & Record<string, unknown>, vendorOptions: Record<string, unknown> | undefined): Promise<ConformanceNumber>;
}

/** A fixture of any provider: what the neutral packages' tests read (`loadFixtures`). */
export type AnyProviderFixture = ProviderFixture<AnyConformanceProvider>;
