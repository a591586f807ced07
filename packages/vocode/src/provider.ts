import { type ClientOptions, NotFoundError, UnsupportedOperationError } from '@switchboard/core';
import {
  bodyFieldNames,
  createCapabilities,
  nextPageCursor,
  type PhoneNumber,
  type PhoneNumberProviderV1,
  type PickedVendorOptions,
  type ProviderDefinition,
  pageNumber,
  pickVendorOptions,
  specListing,
  unsupportedField,
  type VendorOptionPicks,
} from '@switchboard/provider';
import type { components } from '@switchboard/vocode-types';
import { createVocodeClient } from './client.js';
import { baseUrls, spec } from './generated/spec.js';

type Schemas = components['schemas'];

export const vocodeCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: false,
  names: true,
  unlink: false,
  create: createCapabilities('purchase', 'link'),
} as const;

/** The Vocode-only fields of a create, by the request schema each is picked from: `VocodeVendorOptions` and the run-time check both read it. */
const VENDOR_OPTION_PICKS = {
  BuyPhoneNumberRequest: ['telephony_provider', 'telephony_account_connection', 'inbound_agent'],
  LinkPhoneNumberRequest: ['outbound_only'],
} as const satisfies VendorOptionPicks<Schemas>;

/** Vocode-only fields of a create, passed as `vendorOptions.vocode`. */
export type VocodeVendorOptions = PickedVendorOptions<Schemas, typeof VENDOR_OPTION_PICKS>;

/** Single-number answers are `PhoneNumber` (agent expanded); list items are `NormalizedPhoneNumber` (agent as its UUID). */
export type VocodeRawPhoneNumber = Schemas['PhoneNumber'] | Schemas['NormalizedPhoneNumber'];
export type VocodePhoneNumber = PhoneNumber<'vocode', VocodeRawPhoneNumber>;
export type VocodeProvider = PhoneNumberProviderV1<'vocode', VocodeRawPhoneNumber, typeof vocodeCapabilities, VocodeVendorOptions>;

const vendorOptions = pickVendorOptions(spec.schemas, VENDOR_OPTION_PICKS);
const vendorOptionKeys = Object.values(VENDOR_OPTION_PICKS).flat();

/** Body fields that carry a neutral input field under Vocode's name; every limit is checked by the client, from the spec. */
const BUY_FIELDS = bodyFieldNames({ vendor: 'vocode', fields: { area_code: 'areaCode' }, vendorOptions: vendorOptionKeys });
const LINK_FIELDS = bodyFieldNames({
  vendor: 'vocode',
  fields: { phone_number: 'number', telephony_account_connection: 'telephonyAccountConnection' },
  vendorOptions: vendorOptionKeys,
});
const UPDATE_FIELDS = { inbound_agent: 'agentId', label: 'name' };
const LIST = { vendor: 'vocode', operation: 'listNumbers' };

/**
 * Vocode addresses a number by the number itself, written (in its docs) as country code and
 * digits without `+`. The facade speaks E.164, so ids and numbers gain or lose the `+` here.
 */
const toVocode = (e164: string) => e164.replace(/^\+/, '');

/** The page-size maximum its spec documents (if any), for `listAll`. */
const listing = specListing(spec, 'GET /numbers/list', 'size');

/** Vocode's phone numbers as a Switchboard provider. */
export function createVocodeProvider(options: ClientOptions): VocodeProvider {
  const client = createVocodeClient(options);

  return {
    specificationVersion: 'v1',
    vendor: 'vocode',
    capabilities: vocodeCapabilities,
    idRule: 'e164',
    secretFields: spec.secretKeys,
    listing,
    vendorOptions,

    async list({ limit, cursor }, call) {
      const page = cursor === undefined ? 1 : pageNumber(cursor);
      const { data } = await client.GET('/numbers/list', { ...call, params: { query: { page, ...(limit === undefined ? {} : { size: limit }) } } });
      // The next page follows the page the server says it sent, so a server stuck on one page repeats a cursor.
      // An empty page ends the listing whatever has_more says: pages cut by offset hold nothing after one.
      const { items, has_more, page: served, size, total } = data;
      const nextCursor = has_more && items.length > 0 ? nextPageCursor(served, 'page', LIST) : null;
      return { items: items.map(toPhoneNumber), nextCursor, lastPage: Math.ceil(total / size) };
    },

    async get(id, call) {
      const { data } = await client.GET('/numbers', { ...call, params: { query: { phone_number: toVocode(id) } } });
      return toPhoneNumber(data);
    },

    async create(input, vendorOptions = {}, call) {
      const { outbound_only, ...buyOptions } = vendorOptions;
      if (input.type === 'purchase') {
        if (input.number !== undefined) throw unsupportedField('vocode', 'number', 'Vocode picks the number; pass areaCode');
        if (outbound_only !== undefined) throw unsupportedField('vocode', 'outbound_only', 'set it with update after buying');
        const body = { ...buyOptions, ...(input.areaCode === undefined ? {} : { area_code: input.areaCode }) };
        const { data } = await client.POST('/numbers/buy', Object.keys(body).length > 0 ? { ...call, body, fieldNames: BUY_FIELDS } : { ...call });
        return toPhoneNumber(data);
      }
      if (input.type === 'link') {
        if (buyOptions.telephony_provider !== undefined) throw unsupportedField('vocode', 'telephony_provider', 'the account connection decides it');
        if (buyOptions.telephony_account_connection !== undefined) {
          throw unsupportedField('vocode', 'telephony_account_connection', 'pass telephonyAccountConnection in the input');
        }
        const body = {
          phone_number: toVocode(input.number),
          telephony_account_connection: input.telephonyAccountConnection,
          ...(outbound_only === undefined ? {} : { outbound_only }),
          ...(buyOptions.inbound_agent === undefined ? {} : { inbound_agent: buyOptions.inbound_agent }),
        } as Schemas['LinkPhoneNumberRequest'];
        const { data } = await client.POST('/numbers/link', { ...call, body, fieldNames: LINK_FIELDS });
        return toPhoneNumber(data);
      }
      throw new Error(`unreachable: ${input.type}`);
    },

    async update(id, changes, call) {
      // Vocode's update takes an agent's id or fields, never null: it documents no way to unlink.
      if (changes.agentId === null) throw new UnsupportedOperationError('vocode', 'update', 'Vocode documents no way to unlink the agent from a number');
      const body: Schemas['UpdateNumberRequest'] = {
        ...(changes.agentId === undefined ? {} : { inbound_agent: changes.agentId }),
        ...(changes.name === undefined ? {} : { label: changes.name ?? '' }),
      };
      const { data } = await client.POST('/numbers/update', { ...call, params: { query: { phone_number: toVocode(id) } }, body, fieldNames: UPDATE_FIELDS });
      return toPhoneNumber(data);
    },

    async release(id, call) {
      await client.POST('/numbers/cancel', { ...call, params: { query: { phone_number: toVocode(id) } } });
    },

    // The number is the id: one lookup instead of a scan.
    async findByNumber(number, call) {
      try {
        const found = await this.get(number, call);
        return found.number === number ? found : null;
      } catch (error) {
        if (NotFoundError.isInstance(error)) return null;
        throw error;
      }
    },
  };
}

function toPhoneNumber(raw: VocodeRawPhoneNumber): VocodePhoneNumber {
  const number = /^\d+$/.test(raw.number) ? `+${raw.number}` : raw.number;
  const agent = raw.inbound_agent;
  return {
    vendor: 'vocode',
    id: number,
    number,
    kind: 'pstn',
    // Vocode says only this: an `outbound_only` number places calls and takes none.
    canReceiveCalls: raw.outbound_only === true ? false : null,
    canPlaceCalls: raw.outbound_only === true ? true : null,
    agentId: typeof agent === 'string' ? agent : (agent?.id ?? null),
    name: raw.label || null,
    createdAt: null,
    raw,
  };
}

/** The Vocode provider's declaration, for the registry. */
export const vocodeProvider = {
  vendor: 'vocode',
  capabilities: vocodeCapabilities,
  baseUrls,
  createProvider: createVocodeProvider,
} as const satisfies ProviderDefinition<VocodeProvider>;
