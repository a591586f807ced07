import {
  BadRequestError,
  type CallerTerms,
  type CallOptions,
  checkSchema,
  createRedactor,
  InvalidResponseError,
  normalizeE164,
  UnprocessableEntityError,
  UnsupportedOperationError,
  ValidationError,
} from '@switchboard/core';
import type {
  AnyPhoneNumberProvider,
  AvailableNumber,
  CreatePhoneNumberInput,
  CreateType,
  ProviderCapabilities,
  ProviderListPage,
  ProviderPhoneNumber,
  ProviderPhoneNumberPage,
  ProviderVendorOptions,
  UpdatePhoneNumberInput,
} from '@switchboard/provider';
import { MAX_PAGES, walkPages } from './paging.js';
import {
  CALL_OPTIONS,
  callOptions,
  checkCallOptions,
  mergeCallOptions,
  optionalInteger,
  requireDigits,
  requireId,
  requireKnownKeys,
  requireObject,
  requireText,
  validateCreateInput,
} from './validate.js';

/**
 * The most numbers a page may hold: `list`'s `limit` and `listAll`'s `pageSize` go up to it. A page
 * of 1000 numbers fits the default `maxResponseBytes` four times over.
 */
const MAX_PAGE_SIZE = 1000;

export interface ListOptions {
  /** Page size, 1–1000 (the vendor's default when left out). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * `listAll`'s own options. Its call options come last, as for every method:
 * `listAll({ pageSize }, { signal })`; they apply to every page's request.
 */
export interface ListAllOptions {
  /**
   * Page size used while walking every page, 1–1000. Default: the largest the vendor's spec
   * documents, or 1000 where it documents none (and, should the vendor refuse 1000, its own default).
   */
  pageSize?: number;
  /** Stop with a `PaginationError` after this many pages. Default 10 000. */
  maxPages?: number;
  /** @deprecated Pass it in the call options, the last argument: `listAll(options, { signal })`. */
  signal?: CallOptions['signal'];
  /** @deprecated Pass it in the call options, the last argument: `listAll(options, { timeoutMs })`. */
  timeoutMs?: CallOptions['timeoutMs'];
  /** @deprecated Pass it in the call options, the last argument: `listAll(options, { headers })`. */
  headers?: CallOptions['headers'];
}

export interface SearchAvailableQuery {
  /** Digits the number starts with, without country code (`areaCode` is the same for North America). */
  prefix?: string;
  areaCode?: string;
  /** ISO 3166 alpha-2, default US. */
  country?: string;
  limit?: number;
}

/** The create types provider `P` supports (for several providers: those any of them supports). */
export type ProviderCreateType<P extends AnyPhoneNumberProvider> = {
  [T in CreateType]: true extends ProviderCapabilities<P>['create'][T] ? T : never;
}[CreateType];

/** The create input of each type in `T` (distributes over `T`: a union of the inputs). */
type CreateInputOfType<T> = T extends CreateType ? Extract<CreatePhoneNumberInput, { type: T }> : never;

export type ProviderCreateInput<P extends AnyPhoneNumberProvider> = CreateInputOfType<ProviderCreateType<P>>;

/** Create options: each vendor's own fields under its name (like the AI SDK's `providerOptions`). */
export interface ProviderCreateOptions<P extends AnyPhoneNumberProvider> extends CallOptions {
  vendorOptions?: { [Q in P as Q['vendor']]?: ProviderVendorOptions<Q> };
}

/**
 * A method the vendor lacks: `Method` with a `this` no client is, so that calling it does not
 * compile and the compiler names the vendor and the method (`The 'this' context of type … is not
 * assignable to method's 'this' of type '"vapi has no searchAvailable: see capabilities"'`) rather
 * than "Type 'never' has no call signatures". Only `this` differs from `Method`, so a client of
 * one vendor still fits a variable typed for several (`PhoneNumbers`).
 */
type Unsupported<Vendor extends string, Name extends string, Method> = Method extends (...args: infer Args) => unknown
  ? (this: `${Vendor} has no ${Name}: see capabilities`, ...args: Args) => never
  : never;

/** `Method` where the provider has the operation, `Unsupported` where it lacks it. */
type IfCapable<P extends AnyPhoneNumberProvider, Capability extends 'searchAvailable', Method> = true extends ProviderCapabilities<P>[Capability]
  ? Method
  : Unsupported<P['vendor'], Capability, Method>;

/** One provider's phone numbers behind the vendor-neutral API. */
export interface ProviderPhoneNumbers<P extends AnyPhoneNumberProvider> {
  readonly vendor: P['vendor'];
  readonly capabilities: ProviderCapabilities<P>;
  /** One page; pass `nextCursor` back for the next. */
  list(options?: ListOptions, call?: CallOptions): Promise<ProviderPhoneNumberPage<P>>;
  /**
   * Every number, page after page, de-duplicated; a repeating vendor ends in a `PaginationError`.
   * The call options apply to every page's request (in `options` they are deprecated; a call
   * option given both ways is a `ValidationError`).
   */
  listAll(options?: ListAllOptions, call?: CallOptions): AsyncIterable<ProviderPhoneNumber<P>>;
  get(id: string, call?: CallOptions): Promise<ProviderPhoneNumber<P>>;
  create(input: ProviderCreateInput<P>, options?: ProviderCreateOptions<P>): Promise<ProviderPhoneNumber<P>>;
  /** Link (`agentId`) or unlink (`agentId: null`) an agent, rename or clear the name. */
  update(id: string, changes: UpdatePhoneNumberInput, call?: CallOptions): Promise<ProviderPhoneNumber<P>>;
  release(id: string, call?: CallOptions): Promise<void>;
  searchAvailable: IfCapable<P, 'searchAvailable', (query: SearchAvailableQuery, call?: CallOptions) => Promise<AvailableNumber[]>>;
  /** The number with this E.164 number, or null: how to reconcile after an `outcomeUnknown` error. */
  find(number: string, call?: CallOptions): Promise<ProviderPhoneNumber<P> | null>;
}

/** The vendor's own objects of the numbers the facade returned with echoed secrets redacted. */
const echoed = new WeakMap<object, unknown>();

/**
 * The vendor's object of a returned number as the vendor sent it, echoed secrets included
 * (Vapi returns a SIP number's password, a Twilio import's auth token). `number.raw` has them
 * redacted, so logging, inspecting or serialising a number never writes them out; code that truly
 * needs one asks for it here, by name.
 */
export function revealEchoedSecrets<N extends { raw: unknown }>(number: N): N['raw'] {
  return (echoed.has(number) ? echoed.get(number) : number.raw) as N['raw'];
}

// The keys each method's objects may hold: any other is refused as a misspelling.
const LIST_OPTIONS = ['limit', 'cursor'];
const LIST_ALL_OPTIONS = ['pageSize', 'maxPages', ...CALL_OPTIONS];
const CREATE_OPTIONS = ['vendorOptions', ...CALL_OPTIONS];
const UPDATE_FIELDS = ['agentId', 'name'];
const SEARCH_FIELDS = ['prefix', 'areaCode', 'country', 'limit'];

/**
 * One provider's phone numbers behind the vendor-neutral API. Every input is validated before a
 * request is sent; what the vendor lacks throws `UnsupportedOperationError` (and, for a provider
 * of a literal type, does not type-check).
 */
export function createProviderPhoneNumbers<P extends AnyPhoneNumberProvider>(provider: P): ProviderPhoneNumbers<P> {
  return phoneNumbersOf(provider, []);
}

/**
 * `createProviderPhoneNumbers`, where a shared `vendorOptions` object on create may also hold the
 * options of `otherVendors`, left for them (`createPhoneNumbers` passes every vendor this package
 * ships). Any other key there but the provider's own vendor is refused as a misspelling.
 */
export function phoneNumbersOf<P extends AnyPhoneNumberProvider>(provider: P, otherVendors: readonly string[]): ProviderPhoneNumbers<P> {
  if (provider?.specificationVersion !== 'v1') {
    throw new ValidationError('provider', 'version', 'must implement provider specification v1 (specificationVersion: "v1")');
  }
  const { vendor, capabilities } = provider;
  const vendorOptionKeys = [vendor, ...otherVendors.filter((other) => other !== vendor)];
  const idFor = (id: unknown) => (provider.idRule === 'e164' ? normalizeE164(id, 'id') : requireId(id));
  const redactor = createRedactor(provider.secretFields ?? [], []);
  /** The number with the secrets its vendor echoed back redacted in `raw` (the original kept for `revealEchoedSecrets`). */
  const guard = <N extends { raw: unknown }>(number: N): N => {
    const raw = redactor.maskSecretKeys(number.raw);
    if (raw === number.raw) return number;
    const safe = { ...number, raw };
    echoed.set(safe, number.raw);
    return safe;
  };
  /** A provider's page as the facade passes it on: its next cursor checked, its numbers guarded. */
  const checkedItems = (page: ProviderListPage) => {
    if (page.nextCursor !== null) vendorCursor(page.nextCursor, vendor);
    return page.items.map(guard);
  };
  /** One page of checked input, the provider's `lastPage` kept for `listAll`. */
  const listPage = async (query: { limit: number | undefined; cursor: string | undefined }, call: CallOptions | undefined): Promise<ProviderListPage> => {
    const page = await provider.list(query, call);
    return { ...page, items: checkedItems(page) };
  };

  // Awaits the provider itself rather than `listPage`: a promise and an object fewer on every call.
  const list = async (listOptions: ListOptions = {}, call?: CallOptions) => {
    const { limit, cursor } = requireKnownKeys(listOptions, 'options', LIST_OPTIONS, 'a list option');
    const query = { limit: optionalInteger(limit, 'limit', 1, MAX_PAGE_SIZE), cursor: cursor === undefined ? undefined : requireText(cursor, 'cursor') };
    const page = await provider.list(query, callOptions(call));
    return { items: checkedItems(page), nextCursor: page.nextCursor };
  };

  /** Every number, page after page: the options are checked now, before any request. */
  const listAll = (listAllOptions: ListAllOptions = {}, call?: CallOptions) => {
    const { pageSize, maxPages, ...deprecatedCall } = requireKnownKeys(listAllOptions, 'options', LIST_ALL_OPTIONS, 'a listAll option') as ListAllOptions;
    const chosen = optionalInteger(pageSize, 'pageSize', 1, MAX_PAGE_SIZE);
    const cap = optionalInteger(maxPages, 'maxPages', 1, Number.MAX_SAFE_INTEGER) ?? MAX_PAGES;
    const checkedCall = mergeCallOptions(deprecatedCall, call, 'listAll');
    const documented = provider.listing?.maxPageSize;
    // The fewer pages the better: each costs a round trip. 1000 where the vendor documents no
    // maximum is our own choice: should the vendor refuse the first page as a bad request, the
    // walk goes on at the vendor's own default page size.
    let limit: number | undefined = chosen ?? Math.min(documented ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    let mayRefuse = chosen === undefined && documented === undefined;
    const fetchPage = (cursor: string | undefined, pageCall: CallOptions): Promise<ProviderListPage> =>
      listPage({ limit, cursor }, pageCall).catch((error: unknown) => {
        if (!mayRefuse || cursor !== undefined || !(BadRequestError.isInstance(error) || UnprocessableEntityError.isInstance(error))) throw error;
        mayRefuse = false;
        limit = undefined;
        return fetchPage(cursor, pageCall);
      });
    return walkPages(fetchPage, vendor, cap, checkedCall);
  };

  const numbers = {
    vendor,
    capabilities,
    list,

    listAll,

    get: async (id: string, call?: CallOptions) => guard(await provider.get(idFor(id), callOptions(call))),

    async create(input: CreatePhoneNumberInput, createOptions: { vendorOptions?: Record<string, unknown> } & CallOptions = {}) {
      // A type the vendor lacks is the first thing to say, before any of its fields.
      const { type } = requireObject(input, 'input');
      if (typeof type === 'string' && Object.hasOwn(capabilities.create, type) && !capabilities.create[type as CreateType]) {
        throw new UnsupportedOperationError(vendor, `create:${type}`, `${vendor} cannot create a "${type}" number`);
      }
      const valid = validateCreateInput(input);
      const options = requireKnownKeys(createOptions, 'options', CREATE_OPTIONS, 'a create option') as { vendorOptions?: unknown } & CallOptions;
      const call: CallOptions & CallerTerms = checkCallOptions(options);
      const allVendorOptions = options.vendorOptions;
      const vendorOptions =
        allVendorOptions === undefined
          ? undefined
          : requireKnownKeys(allVendorOptions, 'vendorOptions', vendorOptionKeys, 'a vendor', 'vendorOptions.')[vendor];
      if (vendorOptions !== undefined) {
        const issue = checkSchema(requireObject(vendorOptions, `vendorOptions.${vendor}`), provider.vendorOptions.schema, provider.vendorOptions.schemas);
        if (issue) throw new ValidationError(`vendorOptions.${vendor}.${issue.path}`, issue.rule, issue.reason);
      }
      call.reconcile = howToReconcile(valid);
      return guard(await provider.create(valid, vendorOptions, call));
    },

    async update(id: string, changes: UpdatePhoneNumberInput, call?: CallOptions) {
      const { agentId, name } = requireKnownKeys(changes, 'changes', UPDATE_FIELDS, 'a field of an update') as UpdatePhoneNumberInput;
      if (agentId === undefined && name === undefined) throw new ValidationError('changes', 'required', 'give agentId or name');
      const valid: UpdatePhoneNumberInput = {};
      if (agentId !== undefined) valid.agentId = agentId === null ? null : requireId(agentId, 'agentId');
      if (name !== undefined) valid.name = name === null ? null : requireText(name, 'name', 100);
      return guard(await provider.update(idFor(id), valid, callOptions(call)));
    },

    async release(id: string, call?: CallOptions) {
      await provider.release(idFor(id), callOptions(call));
    },

    async searchAvailable(query: SearchAvailableQuery, call?: CallOptions) {
      if (!provider.searchAvailable) throw new UnsupportedOperationError(vendor, 'searchAvailable');
      const { prefix, areaCode, country, limit } = requireKnownKeys(query, 'query', SEARCH_FIELDS, 'a search field') as SearchAvailableQuery;
      if ((prefix === undefined) === (areaCode === undefined)) throw new ValidationError('prefix', 'required', 'give exactly one of prefix and areaCode');
      const digits = prefix === undefined ? requireDigits(areaCode, 'areaCode') : requireDigits(prefix, 'prefix');
      if (country !== undefined && (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country)))
        throw new ValidationError('country', 'format', 'must be a 2-letter ISO country code');
      return provider.searchAvailable(
        {
          prefix: digits,
          ...(country === undefined ? {} : { country: country.toUpperCase() }),
          ...(limit === undefined ? {} : { limit: optionalInteger(limit, 'limit', 1, 10)! }),
        },
        callOptions(call),
      );
    },

    async find(number: string, call?: CallOptions) {
      const e164 = normalizeE164(number, 'number');
      const checked = callOptions(call);
      if (provider.findByNumber) {
        const found = await provider.findByNumber(e164, checked);
        return found && guard(found);
      }
      for await (const candidate of numbers.listAll({}, checked)) if (candidate.number === e164) return candidate;
      return null;
    },
  };

  return numbers as unknown as ProviderPhoneNumbers<P>;
}

/**
 * A next-page cursor a provider made from its vendor's answer must be one the facade takes back
 * from a caller: one that is not is the vendor's fault, not a `ValidationError` of the caller's
 * cursor on the next request (and, in a switchboard, a vendor failure the others go on past).
 */
function vendorCursor(cursor: unknown, vendor: string): void {
  try {
    requireText(cursor, 'cursor');
  } catch (error) {
    if (!ValidationError.isInstance(error)) throw error;
    throw new InvalidResponseError(200, `its next-page cursor ${error.reason}`, { vendor, operation: 'list', outcomeUnknown: false });
  }
}

/**
 * A create whose outcome is unknown may have bought or imported a number: its error says how to
 * find out before trying again (trying blindly could buy a second number).
 */
function howToReconcile(input: CreatePhoneNumberInput): string {
  const number = 'number' in input && input.number !== undefined && input.type !== 'byo-import' ? input.number : undefined;
  const how = number === undefined ? 'list the numbers (listAll()) and look for one created just now' : `call find('${number}') (or get(id) once you know it)`;
  return `To reconcile, ${how} before trying again.`;
}
