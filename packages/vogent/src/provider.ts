import { type ClientOptions, ValidationError } from '@switchboard/core';
import {
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
import type { components } from '@switchboard/vogent-types';
import { createVogentClient } from './client.js';
import { baseUrls, spec } from './generated/spec.js';

type Schemas = components['schemas'];

export const vogentCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: true,
  names: false,
  unlink: true,
  create: createCapabilities('purchase', 'sip-import', 'sip-username'),
} as const;

/** The Vogent-only fields of a create: none, as Vogent takes no fields beyond the neutral input. */
const VENDOR_OPTION_PICKS = {} as const satisfies VendorOptionPicks<Schemas>;

/** Vogent takes no `vendorOptions.vogent` fields. */
export type VogentVendorOptions = PickedVendorOptions<Schemas, typeof VENDOR_OPTION_PICKS>;
export type VogentPhoneNumber = PhoneNumber<'vogent', Schemas['PhoneNumber']>;
export type VogentProvider = PhoneNumberProviderV1<'vogent', Schemas['PhoneNumber'], typeof vogentCapabilities, VogentVendorOptions>;

/** Body fields that carry a neutral input field under Vogent's name; every limit is checked by the client, from the spec. */
const CREATE_FIELDS = {
  'purchase.number': 'number',
  'sipImport.phoneNumber': 'number',
  'sipImport.terminationUri': 'terminationUri',
  'sipImport.username': 'username',
  'sipImport.password': 'password',
  'vogentSip.sipPrefix': 'sipPrefix',
  'vogentSip.username': 'username',
  'vogentSip.password': 'password',
};

/** The page-size maximum its spec documents (if any), for `listAll`. */
const listing = specListing(spec, 'GET /phone_numbers', 'limit');

/** Vogent's phone numbers as a Switchboard provider. */
export function createVogentProvider(options: ClientOptions): VogentProvider {
  const client = createVogentClient(options);

  return {
    specificationVersion: 'v1',
    vendor: 'vogent',
    capabilities: vogentCapabilities,
    idRule: 'opaque',
    secretFields: spec.secretKeys,
    listing,
    vendorOptions: pickVendorOptions(spec.schemas, VENDOR_OPTION_PICKS),

    async list({ limit, cursor }, call) {
      const query = { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) };
      const { data } = await client.GET('/phone_numbers', { ...call, params: { query } });
      return { items: data.data.map(toPhoneNumber), nextCursor: data.cursor };
    },

    async get(id, call) {
      const { data } = await client.GET('/phone_numbers/{id}', { ...call, params: { path: { id } } });
      return toPhoneNumber(data);
    },

    async create(input, _vendorOptions, call) {
      const body = createBody(input);
      const { data } = await client.POST('/phone_numbers', { ...call, body, fieldNames: CREATE_FIELDS });
      return toPhoneNumber(data);
    },

    async update(id, changes, call) {
      if (changes.name !== undefined) throw unsupportedField('vogent', 'name', 'Vogent numbers have no name');
      // Vogent unlinks an agent with the empty string.
      const body = changes.agentId === undefined ? {} : { agentId: changes.agentId ?? '' };
      const { data } = await client.PUT('/phone_numbers/{id}', { ...call, params: { path: { id } }, body });
      return toPhoneNumber(data);
    },

    async release(id, call) {
      await client.DELETE('/phone_numbers/{id}', { ...call, params: { path: { id } } });
    },

    async searchAvailable({ prefix, country, limit }, call) {
      const body = { prefix, ...(country === undefined ? {} : { country }), ...(limit === undefined ? {} : { limit }) };
      const { data } = await client.POST('/phone_numbers/search', { ...call, body });
      return data.map(({ number }) => ({ vendor: 'vogent' as const, number }));
    },
  };
}

function createBody(input: CreatePhoneNumberInput): Schemas['CreatePhoneNumberInput'] {
  switch (input.type) {
    case 'purchase':
      if (input.areaCode !== undefined) throw unsupportedField('vogent', 'areaCode', 'find a number with searchAvailable, then pass it as number');
      if (input.number === undefined) throw new ValidationError('number', 'required', 'Vogent buys a number found with searchAvailable');
      return { type: 'purchase', purchase: { number: input.number } };
    case 'sip-import':
      return {
        type: 'sip_import',
        sipImport: { phoneNumber: input.number, terminationUri: input.terminationUri, username: input.username, password: input.password },
      };
    case 'sip-username':
      return { type: 'vogent_sip', vogentSip: { sipPrefix: input.sipPrefix, username: input.username, password: input.password } };
    default:
      throw new Error(`unreachable: ${input.type}`);
  }
}

function toPhoneNumber(raw: Schemas['PhoneNumber']): VogentPhoneNumber {
  return {
    vendor: 'vogent',
    id: raw.id,
    number: raw.number,
    kind: raw.type === 'PSTN' ? 'pstn' : 'sip',
    // Vogent documents nothing about a number's call directions.
    canReceiveCalls: null,
    canPlaceCalls: null,
    agentId: raw.agentId || null,
    name: null,
    createdAt: null,
    raw,
  };
}

/** The Vogent provider's declaration, for the registry. */
export const vogentProvider = {
  vendor: 'vogent',
  capabilities: vogentCapabilities,
  baseUrls,
  createProvider: createVogentProvider,
} as const satisfies ProviderDefinition<VogentProvider>;
