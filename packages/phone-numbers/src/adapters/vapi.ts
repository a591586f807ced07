import { E164_PATTERN, ValidationError, type ClientOptions } from '@switchboard/core';
import { createVapiClient, type components } from '@switchboard/vapi';
import { expectShape, hasString, isArrayOf, isObject, supportsCreate, type VendorAdapter } from '../adapter.js';
import type { CreatePhoneNumberInput, PhoneNumberOf, VendorOptions } from '../types.js';
import { codePoints, pageNumber, unsupportedField } from '../validate.js';

type Schemas = components['schemas'];

export const vapiCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: false,
  create: supportsCreate('purchase', 'sip-uri', 'twilio-import', 'vonage-import', 'telnyx-import', 'byo-import'),
} as const;

export function createVapiAdapter(options: ClientOptions): VendorAdapter<'vapi'> {
  const client = createVapiClient(options);

  return {
    vendor: 'vapi',
    capabilities: vapiCapabilities,
    vendorOptionKeys: ['name', 'assistantId', 'workflowId', 'squadId', 'server', 'fallbackDestination', 'hooks', 'smsEnabled', 'numberE164CheckEnabled'],

    // The v2 listing pages; the v1 listing silently stops at `limit`.
    async list({ limit, cursor }) {
      const page = cursor === undefined ? 1 : pageNumber(cursor);
      const { data } = await client.GET('/v2/phone-number', { params: { query: { page, ...(limit === undefined ? {} : { limit }) } } });
      const { results, metadata } = expectShape(data, isPage, 'vapi', 'listPhoneNumbersPaginated');
      const more = metadata.hasNextPage ?? metadata.currentPage * metadata.itemsPerPage < metadata.totalItems;
      return { items: results.map(toPhoneNumber), nextCursor: more && results.length > 0 ? String(metadata.currentPage + 1) : null };
    },

    async get(id) {
      const { data } = await client.GET('/phone-number/{id}', { params: { path: { id } } });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vapi', 'getPhoneNumber'));
    },

    async create(input, vendorOptions) {
      const { data } = await client.POST('/phone-number', { body: createBody(input, vendorOptions ?? {}) });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vapi', 'createPhoneNumber', true));
    },

    async update(id, changes) {
      if (typeof changes.name === 'string') requireName(changes.name, 'name');
      // Vapi's update body is discriminated by the number's provider, so read it first.
      const { provider } = (await this.get(id)).raw;
      const body = {
        provider,
        ...(changes.agentId === undefined ? {} : { assistantId: changes.agentId }),
        ...(changes.name === undefined ? {} : { name: changes.name ?? '' }),
      } as Schemas['UpdatePhoneNumberRequest'];
      const { data } = await client.PATCH('/phone-number/{id}', { params: { path: { id } }, body });
      return toPhoneNumber(expectShape(data, isPhoneNumber, 'vapi', 'updatePhoneNumber', true));
    },

    async release(id) {
      await client.DELETE('/phone-number/{id}', { params: { path: { id } } });
    },
  };
}

function createBody(input: CreatePhoneNumberInput, vendorOptions: VendorOptions['vapi']): Schemas['CreatePhoneNumberRequest'] {
  const { smsEnabled, numberE164CheckEnabled, ...common } = vendorOptions;
  if (common.name !== undefined) requireName(common.name, 'vendorOptions.vapi.name');
  if (smsEnabled !== undefined && input.type !== 'twilio-import') throw unsupportedField('vapi', 'smsEnabled', 'only Twilio imports take it');
  if (numberE164CheckEnabled !== undefined && input.type !== 'byo-import') {
    throw unsupportedField('vapi', 'numberE164CheckEnabled', 'only BYO imports take it');
  }
  switch (input.type) {
    case 'purchase':
      if (input.number !== undefined) throw unsupportedField('vapi', 'number', 'Vapi picks the number; pass areaCode');
      if (input.areaCode !== undefined && !/^\d{3}$/.test(input.areaCode)) {
        throw new ValidationError('areaCode', 'format', 'must be a 3-digit area code for Vapi');
      }
      return { provider: 'vapi', ...common, ...(input.areaCode === undefined ? {} : { numberDesiredAreaCode: input.areaCode }) };
    case 'sip-uri': {
      const { sipUri, username, password, realm } = input;
      if ((username === undefined) !== (password === undefined)) {
        throw new ValidationError(username === undefined ? 'username' : 'password', 'required', 'username and password go together');
      }
      for (const [field, value] of [['username', username], ['password', password]] as const) {
        if (value !== undefined && (codePoints(value) < SIP_CREDENTIAL_LENGTH.min || codePoints(value) > SIP_CREDENTIAL_LENGTH.max)) {
          throw new ValidationError(field, 'length', `must be ${SIP_CREDENTIAL_LENGTH.min} to ${SIP_CREDENTIAL_LENGTH.max} characters for Vapi`);
        }
      }
      const authentication = username === undefined ? {} : { authentication: { username, password: password!, ...(realm === undefined ? {} : { realm }) } };
      return { provider: 'vapi', sipUri, ...authentication, ...common };
    }
    case 'twilio-import': {
      const { number, twilioAccountSid, twilioAuthToken, twilioApiKey, twilioApiSecret } = input;
      if (twilioAuthToken === undefined && (twilioApiKey === undefined || twilioApiSecret === undefined)) {
        throw new ValidationError('twilioAuthToken', 'required', 'give twilioAuthToken, or twilioApiKey with twilioApiSecret');
      }
      if (twilioAuthToken !== undefined && (twilioApiKey !== undefined || twilioApiSecret !== undefined)) {
        throw new ValidationError('twilioAuthToken', 'exclusive', 'give twilioAuthToken or the API key pair, not both');
      }
      const credentials = twilioAuthToken === undefined ? { twilioApiKey, twilioApiSecret } : { twilioAuthToken };
      return { provider: 'twilio', number, twilioAccountSid, ...credentials, ...common, ...(smsEnabled === undefined ? {} : { smsEnabled }) };
    }
    case 'vonage-import':
      return { provider: 'vonage', number: input.number, credentialId: input.credentialId, ...common };
    case 'telnyx-import':
      return { provider: 'telnyx', number: input.number, credentialId: input.credentialId, ...common };
    case 'byo-import':
      if (input.number !== undefined && !BYO_NUMBER.test(input.number)) {
        throw new ValidationError('number', 'format', 'must be letters or digits, optionally after "+", 3 to 40 characters in all, for a Vapi BYO number');
      }
      return {
        provider: 'byo-phone-number',
        credentialId: input.credentialId,
        ...(input.number === undefined ? {} : { number: input.number }),
        ...(numberE164CheckEnabled === undefined ? {} : { numberE164CheckEnabled }),
        ...common,
      };
    default:
      throw new Error(`unreachable: ${input.type}`);
  }
}

/** Limits Vapi documents (its spec): names up to 40 characters, SIP credentials 20 to 40. */
const MAX_NAME_LENGTH = 40;
const SIP_CREDENTIAL_LENGTH = { min: 20, max: 40 };
/** A BYO number need not be E.164 (numberE164CheckEnabled), but Vapi always applies this. */
const BYO_NUMBER = /^(?=.{3,40}$)\+?[a-zA-Z0-9]+$/;

function requireName(name: string, field: string): void {
  if (codePoints(name) > MAX_NAME_LENGTH) throw new ValidationError(field, 'max-length', `must be at most ${MAX_NAME_LENGTH} characters for Vapi`);
}

const isPhoneNumber = (value: unknown) => hasString(value, 'id') && hasString(value, 'provider');
const isPage = (value: unknown) =>
  isObject(value) && isArrayOf(value.results, isPhoneNumber) && isObject(value.metadata) && typeof value.metadata.currentPage === 'number';

function toPhoneNumber(raw: Schemas['PhoneNumber']): PhoneNumberOf<'vapi'> {
  const sipUri = 'sipUri' in raw ? raw.sipUri : undefined;
  const number = raw.number ?? sipUri ?? '';
  return {
    vendor: 'vapi',
    id: raw.id,
    number,
    kind: E164_PATTERN.test(number) ? 'pstn' : 'sip',
    agentId: raw.assistantId ?? null,
    name: raw.name || null,
    createdAt: raw.createdAt,
    raw,
  };
}
