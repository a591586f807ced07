import { NotFoundError, UnsupportedOperationError, ValidationError, type ClientOptions } from '@switchboard/core';
import { createVocodeClient, type components } from '@switchboard/vocode';
import { expectShape, hasString, isArrayOf, isObject, supportsCreate, type VendorAdapter } from '../adapter.js';
import type { PhoneNumberOf } from '../types.js';
import { pageNumber, unsupportedField } from '../validate.js';

type Schemas = components['schemas'];

export const vocodeCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: false,
  create: supportsCreate('purchase', 'link'),
} as const;

/**
 * Vocode addresses a number by the number itself, written (in its docs) as country code and
 * digits without `+`. The facade speaks E.164, so ids and numbers gain or lose the `+` here.
 */
const toVocode = (e164: string) => e164.replace(/^\+/, '');

export function createVocodeAdapter(options: ClientOptions): VendorAdapter<'vocode'> {
  const client = createVocodeClient(options);

  return {
    vendor: 'vocode',
    capabilities: vocodeCapabilities,
    vendorOptionKeys: ['telephony_provider', 'telephony_account_connection', 'inbound_agent', 'outbound_only'],

    async list({ limit, cursor }) {
      const page = cursor === undefined ? 1 : pageNumber(cursor);
      const { data } = await client.GET('/numbers/list', { params: { query: { page, ...(limit === undefined ? {} : { size: limit }) } } });
      // The next page follows the page the server says it sent, so a server stuck on one page repeats a cursor.
      const { items, has_more, page: served } = expectShape(data, isPage, 'vocode', 'listNumbers');
      return { items: items.map(toPhoneNumber), nextCursor: has_more && items.length > 0 ? String(served + 1) : null };
    },

    async get(id) {
      const { data } = await client.GET('/numbers', { params: { query: { phone_number: toVocode(id) } } });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vocode', 'getNumber'));
    },

    async create(input, vendorOptions) {
      const { outbound_only, ...buyOptions } = vendorOptions ?? {};
      if (input.type === 'purchase') {
        if (input.number !== undefined) throw unsupportedField('vocode', 'number', 'Vocode picks the number; pass areaCode');
        if (outbound_only !== undefined) throw unsupportedField('vocode', 'outbound_only', 'set it with update after buying');
        if (input.areaCode !== undefined && !/^\d{2,6}$/.test(input.areaCode)) throw new ValidationError('areaCode', 'format', 'must be 2 to 6 digits');
        const body = { ...buyOptions, ...(input.areaCode === undefined ? {} : { area_code: input.areaCode }) };
        const { data } = await client.POST('/numbers/buy', Object.keys(body).length > 0 ? { body } : {});
        return toPhoneNumber(expectShape(data, isPhoneNumber, 'vocode', 'buyNumber', true));
      }
      if (input.type === 'link') {
        if (buyOptions.telephony_provider !== undefined) throw unsupportedField('vocode', 'telephony_provider', 'the account connection decides it');
        if (buyOptions.telephony_account_connection !== undefined) {
          throw unsupportedField('vocode', 'telephony_account_connection', 'pass telephonyAccountConnection in the input');
        }
        requireUuid(input.telephonyAccountConnection, 'telephonyAccountConnection');
        const { data } = await client.POST('/numbers/link', {
          body: {
            phone_number: toVocode(input.number),
            telephony_account_connection: input.telephonyAccountConnection,
            ...(outbound_only === undefined ? {} : { outbound_only }),
            ...(buyOptions.inbound_agent === undefined ? {} : { inbound_agent: buyOptions.inbound_agent }),
          },
        });
        return toPhoneNumber(expectShape(data, isPhoneNumber, 'vocode', 'linkNumber', true));
      }
      throw new Error(`unreachable: ${input.type}`);
    },

    async update(id, changes) {
      // Vocode's update takes an agent id or agent fields, never null: it documents no way to unlink.
      if (changes.agentId === null) throw new UnsupportedOperationError('vocode', 'update', 'Vocode documents no way to unlink the agent from a number');
      if (typeof changes.agentId === 'string') requireUuid(changes.agentId, 'agentId');
      const body: Schemas['UpdateNumberRequest'] = {
        ...(changes.agentId === undefined ? {} : { inbound_agent: changes.agentId }),
        ...(changes.name === undefined ? {} : { label: changes.name ?? '' }),
      };
      const { data } = await client.POST('/numbers/update', { params: { query: { phone_number: toVocode(id) } }, body });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vocode', 'updateNumber', true));
    },

    async release(id) {
      await client.POST('/numbers/cancel', { params: { query: { phone_number: toVocode(id) } } });
    },

    // The number is the id: one lookup instead of a scan.
    async findByNumber(number) {
      try {
        const found = await this.get(number);
        return found.number === number ? found : null;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  };
}

const isPhoneNumber = (value: unknown) => hasString(value, 'number');
const isPage = (value: unknown) => isObject(value) && isArrayOf(value.items, isPhoneNumber) && typeof value.page === 'number';

/** Vocode's ids (agents, account connections) are UUIDs. */
function requireUuid(value: string, field: string): void {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new ValidationError(field, 'uuid', 'must be a UUID for Vocode');
}

/** Single-number answers are `PhoneNumber` (agent expanded); list items are `NormalizedPhoneNumber` (agent UUID). */
function toPhoneNumber(raw: Schemas['PhoneNumber'] | Schemas['NormalizedPhoneNumber']): PhoneNumberOf<'vocode'> {
  const number = /^\d+$/.test(raw.number) ? `+${raw.number}` : raw.number;
  const agent = raw.inbound_agent;
  return {
    vendor: 'vocode',
    id: number,
    number,
    kind: 'pstn',
    agentId: typeof agent === 'string' ? agent : (agent?.id ?? null),
    name: raw.label || null,
    createdAt: null,
    // RawPhoneNumbers['vocode'] (types.ts) still names PhoneNumber only; it should be the union.
    raw: raw as Schemas['PhoneNumber'],
  };
}
