import { ValidationError, type ClientOptions } from '@switchboard/core';
import { createVogentClient, type components } from '@switchboard/vogent';
import { expectShape, hasString, isArrayOf, isObject, supportsCreate, type VendorAdapter } from '../adapter.js';
import type { PhoneNumberOf } from '../types.js';
import { codePoints, unsupportedField } from '../validate.js';

type Schemas = components['schemas'];

export const vogentCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: true,
  create: supportsCreate('purchase', 'sip-import', 'sip-username'),
} as const;

/** Vogent's documented minimum for SIP credentials. */
const MIN_SIP_CREDENTIAL_LENGTH = 5;

export function createVogentAdapter(options: ClientOptions): VendorAdapter<'vogent'> {
  const client = createVogentClient(options);

  return {
    vendor: 'vogent',
    capabilities: vogentCapabilities,
    vendorOptionKeys: [],

    async list({ limit, cursor }) {
      const query = { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) };
      const { data } = await client.GET('/phone_numbers', { params: { query } });
      const page = expectShape(data, isPage, 'vogent', 'listPhoneNumbers');
      return { items: page.data.map(toPhoneNumber), nextCursor: page.cursor };
    },

    async get(id) {
      const { data } = await client.GET('/phone_numbers/{id}', { params: { path: { id } } });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vogent', 'getPhoneNumber'));
    },

    async create(input) {
      const { data } = await client.POST('/phone_numbers', { body: createBody(input) });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vogent', 'createPhoneNumber', true));
    },

    async update(id, changes) {
      if (changes.name !== undefined) throw unsupportedField('vogent', 'name', 'Vogent numbers have no name');
      // Vogent unlinks an agent with the empty string.
      const body = changes.agentId === undefined ? {} : { agentId: changes.agentId ?? '' };
      const { data } = await client.PUT('/phone_numbers/{id}', { params: { path: { id } }, body });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vogent', 'updatePhoneNumber', true));
    },

    async release(id) {
      await client.DELETE('/phone_numbers/{id}', { params: { path: { id } } });
    },

    async searchAvailable({ prefix, country, limit }) {
      const body = { prefix, ...(country === undefined ? {} : { country }), ...(limit === undefined ? {} : { limit }) };
      const { data } = await client.POST('/phone_numbers/search', { body });
      const available = expectShape(data, (value) => isArrayOf(value, (item) => hasString(item, 'number')), 'vogent', 'searchAvailablePhoneNumbers');
      return available.map(({ number }) => ({ vendor: 'vogent' as const, number }));
    },
  };
}

function createBody(input: Parameters<VendorAdapter<'vogent'>['create']>[0]): Schemas['CreatePhoneNumberInput'] {
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
      for (const field of ['username', 'password'] as const) {
        if (codePoints(input[field]) < MIN_SIP_CREDENTIAL_LENGTH) {
          throw new ValidationError(field, 'min-length', `must be at least ${MIN_SIP_CREDENTIAL_LENGTH} characters for Vogent`);
        }
      }
      return { type: 'vogent_sip', vogentSip: { sipPrefix: input.sipPrefix, username: input.username, password: input.password } };
    default:
      throw new Error(`unreachable: ${input.type}`);
  }
}

const isPhoneNumber = (value: unknown) => hasString(value, 'id') && hasString(value, 'number');
const isPage = (value: unknown) =>
  isObject(value) && isArrayOf(value.data, isPhoneNumber) && (value.cursor === null || typeof value.cursor === 'string');

function toPhoneNumber(raw: Schemas['PhoneNumber']): PhoneNumberOf<'vogent'> {
  return {
    vendor: 'vogent',
    id: raw.id,
    number: raw.number,
    kind: raw.type === 'PSTN' ? 'pstn' : 'sip',
    agentId: raw.agentId || null,
    name: null,
    createdAt: null,
    raw,
  };
}
