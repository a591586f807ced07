import type { CallerTerms, CallOptions, ClientOptions, Schema, SchemaTable } from '@switchboard/core';
import type {
  AvailableNumber,
  AvailableNumberQuery,
  Capabilities,
  CreatePhoneNumberInput,
  PhoneNumber,
  PhoneNumberPage,
  UpdatePhoneNumberInput,
} from './model.js';

/**
 * The interface a vendor implements to appear behind the neutral facade (the AI SDK's
 * provider-spec idea). Version 1. The facade validates and normalises every input before it
 * reaches a provider (E.164 numbers, ids by `idRule`, a create type the vendor supports, vendor
 * options against `vendorOptions`), so a provider maps between the model and its vendor's API and
 * checks only what is particular to that vendor.
 */
export interface PhoneNumberProviderV1<
  Vendor extends string = string,
  Raw = unknown,
  Caps extends Capabilities = Capabilities,
  VendorOptions extends object = Record<string, unknown>,
> {
  readonly specificationVersion: 'v1';
  /** The vendor's name: the key of its `vendorOptions` and of a switchboard's configuration. */
  readonly vendor: Vendor;
  readonly capabilities: Caps;
  /** How the vendor addresses a number: an opaque id, or the E.164 number itself. */
  readonly idRule: 'opaque' | 'e164';
  /** What `vendorOptions[vendor]` may hold on create, as a schema of the vendor's spec. */
  readonly vendorOptions: { schema: Schema; schemas: SchemaTable };
  /**
   * Property names of the vendor's objects that hold secrets (its spec's `x-secret`): the facade
   * redacts them in `raw` when a vendor echoes them back.
   */
  readonly secretFields?: readonly string[];
  /**
   * What its spec documents of its listing (`specListing` reads it). Without it, `listAll` asks
   * for pages of 1000 numbers.
   */
  readonly listing?: ProviderListing;
  // Every method takes the call's options (cancellation, timeout, headers) last, for its requests.
  list(query: { limit: number | undefined; cursor: string | undefined }, options?: CallOptions): Promise<ProviderListPage<Vendor, Raw>>;
  get(id: string, options?: CallOptions): Promise<PhoneNumber<Vendor, Raw>>;
  /**
   * Its options also carry `reconcile`, how the caller would find out whether a create whose outcome
   * is unknown happened: pass them whole to the client's calls, whose errors then say it.
   */
  create(
    input: CreatePhoneNumberInput,
    vendorOptions: VendorOptions | undefined,
    options?: CallOptions & Pick<CallerTerms, 'reconcile'>,
  ): Promise<PhoneNumber<Vendor, Raw>>;
  update(id: string, changes: UpdatePhoneNumberInput, options?: CallOptions): Promise<PhoneNumber<Vendor, Raw>>;
  release(id: string, options?: CallOptions): Promise<void>;
  /** Numbers available to buy (where `capabilities.searchAvailable`). */
  searchAvailable?(query: AvailableNumberQuery, options?: CallOptions): Promise<AvailableNumber[]>;
  /** A cheaper lookup by E.164 number than walking every page, where the vendor has one. */
  findByNumber?(number: string, options?: CallOptions): Promise<PhoneNumber<Vendor, Raw> | null>;
}

/** What a vendor's spec documents of its listing: what `listAll` reads to walk it in fewer pages. */
export interface ProviderListing {
  /** The spec's `maximum` of the page-size parameter; absent where the vendor documents none. */
  readonly maxPageSize?: number;
}

/**
 * A page as a provider's `list` returns it. A vendor that pages by number, whose cursor of page n
 * is `String(n)` counted from 1 (`nextPageCursor` makes them), may say which page is the last at
 * this page size when it reports how many numbers it has: `listAll` then asks for the pages up to
 * it before their turn (the listing still ends where a page says it does). A provider whose
 * cursors are not page numbers leaves `lastPage` out.
 */
export interface ProviderListPage<Vendor extends string = string, Raw = unknown> extends PhoneNumberPage<Vendor, Raw> {
  lastPage?: number;
}

/** Any provider, whatever its vendor and types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest instantiation, for constraints.
export type AnyPhoneNumberProvider = PhoneNumberProviderV1<string, any, Capabilities, any>;

export type ProviderVendor<P> = P extends PhoneNumberProviderV1<infer Vendor, infer _Raw, infer _Caps, infer _Options> ? Vendor : never;
export type ProviderRaw<P> = P extends PhoneNumberProviderV1<infer _Vendor, infer Raw, infer _Caps, infer _Options> ? Raw : never;
export type ProviderCapabilities<P> = P extends PhoneNumberProviderV1<infer _Vendor, infer _Raw, infer Caps, infer _Options> ? Caps : never;
export type ProviderVendorOptions<P> = P extends PhoneNumberProviderV1<infer _Vendor, infer _Raw, infer _Caps, infer Options> ? Options : never;
/** The phone numbers provider `P` returns (for several providers, a union discriminated by `vendor`). */
export type ProviderPhoneNumber<P> = P extends AnyPhoneNumberProvider ? PhoneNumber<ProviderVendor<P>, ProviderRaw<P>> : never;
/** One page of provider `P`'s listing (for several providers, of any of their numbers). */
export interface ProviderPhoneNumberPage<P> {
  items: ProviderPhoneNumber<P>[];
  nextCursor: string | null;
}

/** A vendor's base URLs by name: `default`, the one a client uses unless given another, and each region its spec names. */
export type BaseUrls = { readonly default: string } & { readonly [region: string]: string };

/**
 * What a vendor package declares about its provider without building one: the registry and tools
 * (the CLI's help and `--region`, the docs) read it, and `createProvider` builds a provider for an account.
 */
export interface ProviderDefinition<P extends AnyPhoneNumberProvider = AnyPhoneNumberProvider> {
  readonly vendor: ProviderVendor<P>;
  readonly capabilities: ProviderCapabilities<P>;
  /** The vendor's named base URLs (`<vendor>BaseUrls` of its package), for `createProvider`'s `baseUrl`. */
  readonly baseUrls: BaseUrls;
  createProvider(options: ClientOptions): P;
}
