import { normalizeE164, paginate, SwitchboardError, UnsupportedOperationError, ValidationError } from '@switchboard/core';
import type { VendorAdapter } from './adapter.js';
import type { vapiCapabilities } from './adapters/vapi.js';
import type { vocodeCapabilities } from './adapters/vocode.js';
import type { vogentCapabilities } from './adapters/vogent.js';
import type {
  AvailableNumber,
  CreateOptions,
  CreatePhoneNumberInput,
  CreateType,
  ListAllOptions,
  ListOptions,
  PhoneNumber,
  PhoneNumberPage,
  SearchAvailableQuery,
  UpdatePhoneNumberInput,
  VendorName,
} from './types.js';
import { optionalInteger, requireId, requireObject, requireText, validateCreateInput } from './validate.js';

/** Each vendor's capabilities, as literal types: the compiler knows what a vendor lacks. */
export interface VendorCapabilities {
  vapi: typeof vapiCapabilities;
  vocode: typeof vocodeCapabilities;
  vogent: typeof vogentCapabilities;
}

/** The create types `V` supports (for several vendors: those any of them supports). */
export type CreateTypeOf<V extends VendorName> = {
  [T in CreateType]: true extends VendorCapabilities[V]['create'][T] ? T : never;
}[CreateType];

export type CreateInputOf<V extends VendorName> = Extract<CreatePhoneNumberInput, { type: CreateTypeOf<V> }>;

/** `never` where the vendor lacks the operation: calling it is then a compile-time error. */
type IfCapable<V extends VendorName, Capability extends 'searchAvailable', Method> = true extends VendorCapabilities[V][Capability] ? Method : never;

export interface PhoneNumbers<V extends VendorName = VendorName> {
  readonly vendor: V;
  readonly capabilities: VendorCapabilities[V];
  /** One page; pass `nextCursor` back for the next. */
  list(options?: ListOptions): Promise<PhoneNumberPage<V>>;
  /** Every number, page after page, de-duplicated; a repeating vendor ends in a `PaginationError`. */
  listAll(options?: ListAllOptions): AsyncIterable<PhoneNumber<V>>;
  get(id: string): Promise<PhoneNumber<V>>;
  create(input: CreateInputOf<V>, options?: CreateOptions): Promise<PhoneNumber<V>>;
  /** Link (`agentId`) or unlink (`agentId: null`) an agent, rename or clear the name. */
  update(id: string, changes: UpdatePhoneNumberInput): Promise<PhoneNumber<V>>;
  release(id: string): Promise<void>;
  searchAvailable: IfCapable<V, 'searchAvailable', (query: SearchAvailableQuery) => Promise<AvailableNumber[]>>;
  /** The number with this E.164 number, or null: how to reconcile after an `outcomeUnknown` error. */
  find(number: string): Promise<PhoneNumber<V> | null>;
}

/**
 * One vendor's phone numbers behind the vendor-neutral API, over that vendor's adapter. Every
 * input is validated before a request is sent; what the vendor lacks throws
 * `UnsupportedOperationError` (and, for a literal vendor, does not type-check).
 */
export function createFacade<V extends VendorName>(adapter: VendorAdapter<V>): PhoneNumbers<V> {
  const vendor = adapter.vendor;
  const capabilities = adapter.capabilities as VendorCapabilities[V];
  type Result = PhoneNumber<V>;

  const list = async (listOptions: ListOptions = {}) => {
    const { limit, cursor } = requireObject(listOptions, 'options');
    const page = await adapter.list({
      limit: optionalInteger(limit, 'limit', 1, 1000),
      cursor: cursor === undefined ? undefined : requireText(cursor, 'cursor'),
    });
    return page as PhoneNumberPage<V>;
  };

  const numbers: PhoneNumbers<VendorName> = {
    vendor,
    capabilities,
    list,

    listAll(listAllOptions: ListAllOptions = {}) {
      const { pageSize, maxPages } = requireObject(listAllOptions, 'options');
      const limit = optionalInteger(pageSize, 'pageSize', 1, 1000);
      const cap = optionalInteger(maxPages, 'maxPages', 1, Number.MAX_SAFE_INTEGER);
      return paginate<Result>((cursor) => list({ limit, ...(cursor === undefined ? {} : { cursor }) }), {
        vendor,
        key: (number) => number.id,
        ...(cap === undefined ? {} : { maxPages: cap }),
      });
    },

    async get(id) {
      return (await adapter.get(idFor(vendor, id))) as Result;
    },

    async create(input, createOptions = {}) {
      // A type the vendor lacks is the first thing to say, before any of its fields.
      const { type } = requireObject(input, 'input');
      if (typeof type === 'string' && Object.hasOwn(capabilities.create, type) && !capabilities.create[type as CreateType]) {
        throw new UnsupportedOperationError(vendor, `create:${type}`, `${vendor} cannot create a "${type}" number`);
      }
      const valid = validateCreateInput(input);
      const vendorOptions = createOptions.vendorOptions?.[vendor];
      if (vendorOptions !== undefined) {
        const unknown = Object.keys(requireObject(vendorOptions, `vendorOptions.${vendor}`)).find((key) => !adapter.vendorOptionKeys.includes(key));
        if (unknown !== undefined) {
          throw new ValidationError(`vendorOptions.${vendor}.${unknown}`, 'unknown', `is not a ${vendor} create option (${adapter.vendorOptionKeys.join(', ') || 'none'})`);
        }
      }
      try {
        return (await adapter.create(valid, vendorOptions as never)) as Result;
      } catch (error) {
        throw reconcileHint(error, valid);
      }
    },

    async update(id, changes) {
      const { agentId, name, ...rest } = requireObject(changes, 'changes') as UpdatePhoneNumberInput;
      const unknown = Object.keys(rest)[0];
      if (unknown !== undefined) throw new ValidationError(unknown, 'unknown', 'is not a field of an update (agentId, name)');
      if (agentId === undefined && name === undefined) throw new ValidationError('changes', 'required', 'give agentId or name');
      const valid: UpdatePhoneNumberInput = {
        ...(agentId === undefined ? {} : { agentId: agentId === null ? null : requireId(agentId, 'agentId') }),
        ...(name === undefined ? {} : { name: name === null ? null : requireText(name, 'name', 100) }),
      };
      return (await adapter.update(idFor(vendor, id), valid)) as Result;
    },

    async release(id) {
      await adapter.release(idFor(vendor, id));
    },

    async searchAvailable(query: SearchAvailableQuery) {
      if (!adapter.searchAvailable) throw new UnsupportedOperationError(vendor, 'searchAvailable');
      const { prefix, areaCode, country, limit, ...rest } = requireObject(query, 'query') as SearchAvailableQuery;
      const unknown = Object.keys(rest)[0];
      if (unknown !== undefined) throw new ValidationError(unknown, 'unknown', 'is not a search field (prefix, areaCode, country, limit)');
      if ((prefix === undefined) === (areaCode === undefined)) throw new ValidationError('prefix', 'required', 'give exactly one of prefix and areaCode');
      const digits = requireText(prefix ?? areaCode, prefix === undefined ? 'areaCode' : 'prefix', 10);
      if (!/^\d+$/.test(digits)) throw new ValidationError(prefix === undefined ? 'areaCode' : 'prefix', 'digits', 'must be digits only, without country code');
      if (country !== undefined && (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country))) throw new ValidationError('country', 'format', 'must be a 2-letter ISO country code');
      return adapter.searchAvailable({
        prefix: digits,
        ...(country === undefined ? {} : { country: country.toUpperCase() }),
        ...(limit === undefined ? {} : { limit: optionalInteger(limit, 'limit', 1, 10)! }),
      });
    },

    async find(number) {
      const e164 = normalizeE164(number, 'number');
      if (adapter.findByNumber) return (await adapter.findByNumber(e164)) as Result | null;
      for await (const candidate of numbers.listAll()) if (candidate.number === e164) return candidate as Result;
      return null;
    },
  } as PhoneNumbers<VendorName>;

  return numbers as unknown as PhoneNumbers<V>;
}

/**
 * A create whose outcome is unknown may have bought or imported a number: say how to find out
 * before trying again (trying blindly could buy a second number).
 */
function reconcileHint(error: unknown, input: CreatePhoneNumberInput): unknown {
  if (!(error instanceof SwitchboardError) || !('outcomeUnknown' in error) || error.outcomeUnknown !== true) return error;
  const number = 'number' in input && input.number !== undefined && input.type !== 'byo-import' ? input.number : undefined;
  return error.addHint(
    number === undefined
      ? 'To reconcile, list the numbers (listAll()) and look for one created just now before trying again.'
      : `To reconcile, call find('${number}') (or get(id) once you know it) before trying again.`,
  );
}

/** Vocode addresses numbers by the E.164 number itself; others by an opaque id. */
function idFor(vendor: VendorName, id: unknown): string {
  return vendor === 'vocode' ? normalizeE164(id, 'id') : requireId(id);
}
