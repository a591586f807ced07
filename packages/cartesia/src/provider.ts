import type { components } from '@switchboard/cartesia-types';
import { type ClientOptions, InvalidResponseError, ValidationError } from '@switchboard/core';
import {
  bodyFieldNames,
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
import { createCartesiaClient } from './client.js';
import { baseUrls, spec } from './generated/spec.js';

type Schemas = components['schemas'];

export const cartesiaCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: false,
  // A label can be replaced but not cleared; `agent_id: null` unassigns the agent.
  names: true,
  unlink: true,
  create: createCapabilities('purchase', 'link'),
} as const;

/**
 * The Cartesia-only fields of a create, by the request schema they are picked from (provision and
 * import take the same two): `CartesiaVendorOptions` and the run-time check both read it.
 */
const VENDOR_OPTION_PICKS = { ProvisionPhoneNumberRequest: ['label', 'agent_id'] } as const satisfies VendorOptionPicks<Schemas>;

/** Cartesia-only fields of a create, passed as `vendorOptions.cartesia`: the number's label, and the agent that answers it. */
export type CartesiaVendorOptions = PickedVendorOptions<Schemas, typeof VENDOR_OPTION_PICKS>;

/** A provisioned number is answered with the common fields only; every other answer adds its `provider`. */
export type CartesiaRawPhoneNumber = Schemas['PhoneNumber'] | Schemas['PhoneNumberBase'];
export type CartesiaPhoneNumber = PhoneNumber<'cartesia', CartesiaRawPhoneNumber>;
export type CartesiaProvider = PhoneNumberProviderV1<'cartesia', CartesiaRawPhoneNumber, typeof cartesiaCapabilities, CartesiaVendorOptions>;

const vendorOptions = pickVendorOptions(spec.schemas, VENDOR_OPTION_PICKS);
const vendorOptionKeys = Object.values(VENDOR_OPTION_PICKS).flat();

/** Body fields that carry a neutral input field under Cartesia's name; every limit is checked by the client, from the spec. */
const PROVISION_FIELDS = bodyFieldNames({ vendor: 'cartesia', vendorOptions: vendorOptionKeys });
const IMPORT_FIELDS = bodyFieldNames({ vendor: 'cartesia', fields: { 'provider.id': 'telephonyAccountConnection' }, vendorOptions: vendorOptionKeys });
const UPDATE_FIELDS = { agent_id: 'agentId', label: 'name' };

/**
 * Cartesia requires a label on every number. Without `vendorOptions.cartesia.label`, a linked number
 * is labelled with itself, and a provisioned one, whose number Cartesia picks, with this.
 */
const PROVISION_LABEL = 'Switchboard';

/** The page-size maximum its spec documents: the page `list` asks for when the caller names no size (fewer requests), and `listAll`'s. */
const listing = specListing(spec, 'GET /agents/phone-numbers', 'limit');

/**
 * Cartesia's agents' phone numbers as a Switchboard provider: provisioning is `purchase` and
 * importing through a linked provider (a Twilio account or a SIP trunk, by its id) is `link`. The
 * linked providers themselves are on the typed client only.
 */
export function createCartesiaProvider(options: ClientOptions): CartesiaProvider {
  const client = createCartesiaClient(options);

  return {
    specificationVersion: 'v1',
    vendor: 'cartesia',
    capabilities: cartesiaCapabilities,
    idRule: 'opaque',
    secretFields: spec.secretKeys,
    listing,
    vendorOptions,

    async list({ limit, cursor }, call) {
      const size = limit ?? listing.maxPageSize;
      const query = { ...(size === undefined ? {} : { limit: size }), ...(cursor === undefined ? {} : { starting_after: cursor }) };
      const { data } = await client.GET('/agents/phone-numbers', { ...call, params: { query } });
      const { data: numbers, has_more } = data;
      // The next page starts after the last number of this one; without one there is no way on, and
      // stopping would drop the rest silently.
      const last = numbers.at(-1);
      if (has_more && last === undefined) {
        throw new InvalidResponseError(200, 'has_more is true on a page without numbers, so there is no id to go on from', {
          vendor: 'cartesia',
          operation: 'listPhoneNumbers',
          outcomeUnknown: false,
        });
      }
      return { items: numbers.map(toPhoneNumber), nextCursor: has_more ? last!.id : null };
    },

    async get(id, call) {
      const { data } = await client.GET('/agents/phone-numbers/{id}', { ...call, params: { path: { id } } });
      return toPhoneNumber(data);
    },

    async create(input, vendorOptions = {}, call) {
      if (input.type === 'purchase') {
        // Cartesia provisions a US number of its choosing: the body is a label and an agent.
        if (input.areaCode !== undefined) throw unsupportedField('cartesia', 'areaCode', 'Cartesia picks the US number it provisions');
        if (input.number !== undefined) throw unsupportedField('cartesia', 'number', 'Cartesia picks the US number it provisions');
        const body = { label: PROVISION_LABEL, ...vendorOptions };
        const { data } = await client.POST('/agents/phone-numbers/provision', { ...call, body, fieldNames: PROVISION_FIELDS });
        return toPhoneNumber(data);
      }
      if (input.type === 'link') {
        const body = { label: input.number, number: input.number, provider: { id: input.telephonyAccountConnection }, ...vendorOptions };
        const { data } = await client.POST('/agents/phone-numbers', { ...call, body, fieldNames: IMPORT_FIELDS });
        return toPhoneNumber(data);
      }
      throw new Error(`unreachable: ${input.type}`);
    },

    async update(id, changes, call) {
      // Cartesia's label is a string, never null: it can be replaced, not cleared.
      if (changes.name === null) throw new ValidationError('name', 'unsupported', 'Cartesia cannot clear a label, only replace it');
      const body: Schemas['UpdatePhoneNumberRequest'] = {
        // null unassigns the agent; the number is then outbound-only.
        ...(changes.agentId === undefined ? {} : { agent_id: changes.agentId }),
        ...(changes.name === undefined ? {} : { label: changes.name }),
      };
      const { data } = await client.PATCH('/agents/phone-numbers/{id}', { ...call, params: { path: { id } }, body, fieldNames: UPDATE_FIELDS });
      return toPhoneNumber(data);
    },

    // Cartesia refuses to delete a number an agent still answers (400): unassign it first.
    async release(id, call) {
      await client.DELETE('/agents/phone-numbers/{id}', { ...call, params: { path: { id } } });
    },
  };
}

function toPhoneNumber(raw: CartesiaRawPhoneNumber): CartesiaPhoneNumber {
  return {
    vendor: 'cartesia',
    id: raw.id,
    number: raw.number,
    // Numbers on a SIP trunk are E.164 numbers too: the trunk only carries their calls.
    kind: 'pstn',
    agentId: raw.agent?.id ?? null,
    name: raw.label || null,
    createdAt: raw.created_at,
    // Without an agent a number is outbound-only (Cartesia's provision and import). Cartesia's own
    // numbers (the provision answer names no provider) and Twilio's dial out; a SIP trunk's only if
    // the trunk has an outbound configuration, which the number does not show.
    canReceiveCalls: raw.agent != null,
    canPlaceCalls: 'provider' in raw && raw.provider.type === 'sip_trunk' ? null : true,
    raw,
  };
}

/** The Cartesia provider's declaration, for the registry. */
export const cartesiaProvider = {
  vendor: 'cartesia',
  capabilities: cartesiaCapabilities,
  createProvider: createCartesiaProvider,
  baseUrls,
} as const satisfies ProviderDefinition<CartesiaProvider>;
