import { type ClientOptions, InvalidResponseError, UnprocessableEntityError, ValidationError } from '@switchboard/core';
import {
  bodyFieldNames,
  type CreatePhoneNumberInput,
  createCapabilities,
  type PhoneNumber,
  type PhoneNumberProviderV1,
  type PickedVendorOptions,
  type ProviderDefinition,
  pickVendorOptions,
  specListing,
  unsupportedField,
  type VendorOptionPicks,
} from '@switchboard/provider';
import type { components } from '@switchboard/retell-types';
import { createRetellClient } from './client.js';
import { baseUrls, spec } from './generated/spec.js';

type Schemas = components['schemas'];
type BuyBody = Schemas['CreatePhoneNumberRequest'];
type ImportBody = Schemas['ImportPhoneNumberRequest'];

export const retellCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: false,
  names: true,
  unlink: true,
  create: createCapabilities('purchase', 'sip-import'),
} as const;

/** The Retell-only fields of a create, by the request schema each is picked from: `RetellVendorOptions` and the run-time check both read it. */
const VENDOR_OPTION_PICKS = {
  CreatePhoneNumberRequest: [
    'toll_free',
    'country_code',
    'number_provider',
    'nickname',
    'inbound_agents',
    'outbound_agents',
    'inbound_webhook_url',
    'allowed_inbound_country_list',
    'allowed_outbound_country_list',
    'transport',
    'fallback_number',
  ],
  ImportPhoneNumberRequest: ['ignore_e164_validation'],
} as const satisfies VendorOptionPicks<Schemas>;

/** Retell-only fields of a create, passed as `vendorOptions.retell` (each applies to the creates whose body has it). */
export type RetellVendorOptions = PickedVendorOptions<Schemas, typeof VENDOR_OPTION_PICKS>;

export type RetellPhoneNumber = PhoneNumber<'retell', Schemas['PhoneNumber']>;
export type RetellProvider = PhoneNumberProviderV1<'retell', Schemas['PhoneNumber'], typeof retellCapabilities, RetellVendorOptions>;

const vendorOptions = pickVendorOptions(spec.schemas, VENDOR_OPTION_PICKS);
const vendorOptionKeys = Object.values(VENDOR_OPTION_PICKS).flat();

/** Body fields that carry a neutral input field under Retell's name; every limit is checked by the client, from the spec. */
const BUY_FIELDS = bodyFieldNames({ vendor: 'retell', fields: { area_code: 'areaCode', phone_number: 'number' }, vendorOptions: vendorOptionKeys });
const IMPORT_FIELDS = bodyFieldNames({
  vendor: 'retell',
  fields: { phone_number: 'number', termination_uri: 'terminationUri', sip_trunk_auth_username: 'username', sip_trunk_auth_password: 'password' },
  vendorOptions: vendorOptionKeys,
});
const UPDATE_FIELDS = { inbound_agents: 'agentId', 'inbound_agents[0].agent_id': 'agentId', nickname: 'name' };

/** The page-size maximum its spec documents (if any), for `listAll`. */
const listing = specListing(spec, 'GET /v2/list-phone-numbers', 'limit');

/** Retell's phone numbers as a Switchboard provider. Retell has no number ids: the E.164 number is the id. */
export function createRetellProvider(options: ClientOptions): RetellProvider {
  const client = createRetellClient(options);

  return {
    specificationVersion: 'v1',
    vendor: 'retell',
    capabilities: retellCapabilities,
    idRule: 'e164',
    secretFields: spec.secretKeys,
    listing,
    vendorOptions,

    async list({ limit, cursor }, call) {
      const query = { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { pagination_key: cursor }) };
      const { data } = await client.GET('/v2/list-phone-numbers', { ...call, params: { query } });
      const { items, has_more, pagination_key } = data;
      // Without the key there is no way on, and stopping would drop the rest silently.
      if (has_more && pagination_key === undefined) {
        throw new InvalidResponseError(200, 'has_more is true but no pagination_key was sent', {
          vendor: 'retell',
          operation: 'listPhoneNumbers',
          outcomeUnknown: false,
        });
      }
      // The key is followed even after an empty page, as with any cursor: the page says more follows
      // it. A vendor that gives the same key again ends the listing in a PaginationError.
      return { items: items.map(toPhoneNumber), nextCursor: has_more ? pagination_key! : null };
    },

    async get(id, call) {
      const { data } = await client.GET('/get-phone-number/{phone_number}', { ...call, params: { path: { phone_number: id } } });
      return toPhoneNumber(data);
    },

    async create(input, vendorOptions = {}, call) {
      if (input.type === 'purchase') {
        const body = { ...onlyFieldsOf('CreatePhoneNumberRequest', input.type, vendorOptions), ...buyFields(input) } as BuyBody;
        const { data } = await client.POST('/create-phone-number', { ...call, body, fieldNames: BUY_FIELDS });
        return toPhoneNumber(data);
      }
      if (input.type === 'sip-import') {
        const body = {
          phone_number: input.number,
          termination_uri: input.terminationUri,
          sip_trunk_auth_username: input.username,
          sip_trunk_auth_password: input.password,
          ...onlyFieldsOf('ImportPhoneNumberRequest', input.type, vendorOptions),
        } as ImportBody;
        const { data } = await client.POST('/import-phone-number', { ...call, body, fieldNames: IMPORT_FIELDS });
        return toPhoneNumber(data);
      }
      throw new Error(`unreachable: ${input.type}`);
    },

    async update(id, changes, call) {
      const body: Schemas['UpdatePhoneNumberRequest'] = {
        // One agent takes every inbound call; null empties the list (the number then takes no inbound calls).
        ...(changes.agentId === undefined ? {} : { inbound_agents: changes.agentId === null ? null : [{ agent_id: changes.agentId, weight: 1 }] }),
        // Retell's update takes null for nickname: it clears it.
        ...(changes.name === undefined ? {} : { nickname: changes.name }),
      };
      const { data } = await client.PATCH('/update-phone-number/{phone_number}', {
        ...call,
        params: { path: { phone_number: id } },
        body,
        fieldNames: UPDATE_FIELDS,
      });
      return toPhoneNumber(data);
    },

    async release(id, call) {
      await client.DELETE('/delete-phone-number/{phone_number}', { ...call, params: { path: { phone_number: id } } });
    },

    // The number is the id: one lookup instead of a scan. Retell answers an unknown number with 422, not 404.
    async findByNumber(number, call) {
      try {
        const found = await this.get(number, call);
        return found.number === number ? found : null;
      } catch (error) {
        if (UnprocessableEntityError.isInstance(error)) return null;
        throw error;
      }
    },
  };
}

/** The neutral purchase fields under Retell's names; the area code (digits, as the facade checked) becomes the integer the spec asks for. */
function buyFields(input: Extract<CreatePhoneNumberInput, { type: 'purchase' }>): Partial<BuyBody> {
  const { areaCode, number } = input;
  // A leading zero has no integer form: "0415" would buy in 415.
  if (areaCode?.startsWith('0')) throw new ValidationError('areaCode', 'format', 'must not start with 0: Retell takes the area code as an integer');
  return { ...(areaCode === undefined ? {} : { area_code: Number(areaCode) }), ...(number === undefined ? {} : { phone_number: number }) };
}

/** Vendor options that the body of this create has (per the spec's schema); another create's field is refused. */
function onlyFieldsOf(schema: 'CreatePhoneNumberRequest' | 'ImportPhoneNumberRequest', type: string, options: RetellVendorOptions): RetellVendorOptions {
  const fields = spec.schemas[schema]?.properties ?? {};
  const foreign = Object.keys(options).find((key) => !Object.hasOwn(fields, key));
  if (foreign !== undefined) throw unsupportedField('retell', `vendorOptions.retell.${foreign}`, `a "${type}" create has no such field`);
  return options;
}

function toPhoneNumber(raw: Schemas['PhoneNumber']): RetellPhoneNumber {
  return {
    vendor: 'retell',
    id: raw.phone_number,
    number: raw.phone_number,
    kind: 'pstn',
    // Retell: without inbound agents a number takes no inbound calls; outbound agents place calls
    // from it. It does not say whether a number without outbound agents can place one.
    canReceiveCalls: (raw.inbound_agents?.length ?? 0) > 0,
    canPlaceCalls: (raw.outbound_agents?.length ?? 0) > 0 ? true : null,
    // With weighted agents the first one stands for the list.
    agentId: raw.inbound_agents?.[0]?.agent_id ?? null,
    name: raw.nickname || null,
    // Retell returns when a number last changed, not when it was created.
    createdAt: null,
    raw,
  };
}

/** The Retell provider's declaration, for the registry. */
export const retellProvider = {
  vendor: 'retell',
  capabilities: retellCapabilities,
  baseUrls,
  createProvider: createRetellProvider,
} as const satisfies ProviderDefinition<RetellProvider>;
