import { type ClientOptions, checkSchema, E164_PATTERN, UnsupportedOperationError, ValidationError } from '@switchboard/core';
import {
  bodyFieldNames,
  type CreatePhoneNumberInput,
  callerError,
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
import type { components } from '@switchboard/vapi-types';
import { createVapiClient } from './client.js';
import { baseUrls, spec } from './generated/spec.js';

type Schemas = components['schemas'];

export const vapiCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: false,
  names: true,
  unlink: true,
  create: createCapabilities('purchase', 'sip-uri', 'twilio-import', 'vonage-import', 'telnyx-import', 'byo-import'),
} as const;

/** The Vapi-only fields of a create, by the request schema each is picked from: `VapiVendorOptions` and the run-time check both read it. */
const VENDOR_OPTION_PICKS = {
  CreateVapiPhoneNumber: ['name', 'assistantId', 'workflowId', 'squadId', 'server', 'fallbackDestination', 'hooks'],
  CreateTwilioPhoneNumber: ['smsEnabled'],
  CreateByoPhoneNumber: ['numberE164CheckEnabled'],
} as const satisfies VendorOptionPicks<Schemas>;

/** Vapi-only fields of a create, passed as `vendorOptions.vapi`. */
export type VapiVendorOptions = PickedVendorOptions<Schemas, typeof VENDOR_OPTION_PICKS>;

export type VapiPhoneNumber = PhoneNumber<'vapi', Schemas['PhoneNumber']>;
export type VapiProvider = PhoneNumberProviderV1<'vapi', Schemas['PhoneNumber'], typeof vapiCapabilities, VapiVendorOptions>;

const vendorOptions = pickVendorOptions(spec.schemas, VENDOR_OPTION_PICKS);
const vendorOptionKeys = Object.values(VENDOR_OPTION_PICKS).flat();

/** Body fields that carry a neutral input field under Vapi's name; every limit is checked by the client, from the spec. */
const CREATE_FIELDS = bodyFieldNames({
  vendor: 'vapi',
  fields: { numberDesiredAreaCode: 'areaCode', 'authentication.username': 'username', 'authentication.password': 'password', 'authentication.realm': 'realm' },
  vendorOptions: vendorOptionKeys,
});
const UPDATE_FIELDS = { vendor: 'vapi', fields: { assistantId: 'agentId' } };
const LIST = { vendor: 'vapi', operation: 'listPhoneNumbersPaginated' };
/** The providers Vapi's update body has a variant for (the spec's discriminator values). */
const UPDATABLE_PROVIDERS: readonly unknown[] = spec.schemas.UpdatePhoneNumberRequest?.tags ?? [];

/** The page-size maximum its spec documents (if any), for `listAll`. */
const listing = specListing(spec, 'GET /v2/phone-number', 'limit');

/** Vapi's phone numbers as a Switchboard provider. */
export function createVapiProvider(options: ClientOptions): VapiProvider {
  const client = createVapiClient(options);

  return {
    specificationVersion: 'v1',
    vendor: 'vapi',
    capabilities: vapiCapabilities,
    idRule: 'opaque',
    secretFields: spec.secretKeys,
    listing,
    vendorOptions,

    // The v2 listing pages; the v1 listing silently stops at `limit`.
    async list({ limit, cursor }, call) {
      const page = cursor === undefined ? 1 : pageNumber(cursor);
      const { data } = await client.GET('/v2/phone-number', { ...call, params: { query: defined({ page, limit }) } });
      const { results, metadata } = data;
      const more = metadata.hasNextPage ?? metadata.currentPage * metadata.itemsPerPage < metadata.totalItems;
      // An empty page ends the listing whatever the metadata says: pages cut by offset hold nothing after one.
      const nextCursor = more && results.length > 0 ? nextPageCursor(metadata.currentPage, 'metadata.currentPage', LIST) : null;
      return { items: results.map(toPhoneNumber), nextCursor, lastPage: Math.ceil(metadata.totalItems / metadata.itemsPerPage) };
    },

    async get(id, call) {
      const { data } = await client.GET('/phone-number/{id}', { ...call, params: { path: { id } } });
      return toPhoneNumber(data);
    },

    async create(input, vendorOptions = {}, call) {
      const body = createBody(input, vendorOptions);
      const { data } = await client.POST('/phone-number', { ...call, body, fieldNames: CREATE_FIELDS });
      return toPhoneNumber(data);
    },

    async update(id, changes, call) {
      const fields: { assistantId?: string | null; name?: string } = {};
      if (changes.agentId !== undefined) fields.assistantId = changes.agentId;
      if (changes.name !== undefined) fields.name = changes.name ?? '';
      // Vapi's update body is discriminated by the number's provider, so it is read first; the
      // fields every variant shares are checked against the spec before that read.
      const issue = checkSchema({ provider: 'vapi', ...fields }, { $ref: 'UpdatePhoneNumberRequest' }, spec.schemas);
      if (issue) throw callerError(issue, UPDATE_FIELDS);
      const { provider } = (await this.get(id, call)).raw;
      // Vapi adds providers: a number of one the spec does not list yet has no update body this version
      // can build. Its name stays out of the message, as vendor text that could echo a secret.
      if (!UPDATABLE_PROVIDERS.includes(provider)) {
        throw new UnsupportedOperationError(
          'vapi',
          'update',
          "Vapi holds this number under a provider this version of @switchboard/vapi does not know (see the number's raw.provider): upgrade @switchboard/vapi to update it",
        );
      }
      const body = { provider, ...fields } as Schemas['UpdatePhoneNumberRequest'];
      const { data } = await client.PATCH('/phone-number/{id}', { ...call, params: { path: { id } }, body, fieldNames: UPDATE_FIELDS.fields });
      return toPhoneNumber(data);
    },

    async release(id, call) {
      await client.DELETE('/phone-number/{id}', { ...call, params: { path: { id } } });
    },
  };
}

function createBody(input: CreatePhoneNumberInput, options: VapiVendorOptions): Schemas['CreatePhoneNumberRequest'] {
  switch (input.type) {
    case 'purchase':
      if (input.number !== undefined) throw unsupportedField('vapi', 'number', 'Vapi picks the number; pass areaCode');
      return { provider: 'vapi', ...options, ...defined({ numberDesiredAreaCode: input.areaCode }) } as Schemas['CreateVapiPhoneNumber'];
    case 'sip-uri': {
      const { sipUri, username, password, realm } = input;
      const credentials = { username, password, realm };
      const authentication = username === undefined && password === undefined ? {} : { authentication: defined(credentials) };
      return { provider: 'vapi', sipUri, ...authentication, ...options } as Schemas['CreateVapiPhoneNumber'];
    }
    case 'twilio-import': {
      const { number, twilioAccountSid, twilioAuthToken, twilioApiKey, twilioApiSecret } = input;
      // Vapi authenticates to Twilio one way or the other; its schema cannot say "exactly one of".
      if (twilioAuthToken === undefined && (twilioApiKey === undefined || twilioApiSecret === undefined)) {
        throw new ValidationError('twilioAuthToken', 'required', 'give twilioAuthToken, or twilioApiKey with twilioApiSecret');
      }
      if (twilioAuthToken !== undefined && (twilioApiKey !== undefined || twilioApiSecret !== undefined)) {
        throw new ValidationError('twilioAuthToken', 'exclusive', 'give twilioAuthToken or the API key pair, not both');
      }
      return {
        provider: 'twilio',
        number,
        twilioAccountSid,
        ...defined({ twilioAuthToken, twilioApiKey, twilioApiSecret }),
        ...options,
      } as Schemas['CreateTwilioPhoneNumber'];
    }
    // The same body for both, through a credential stored at Vapi.
    case 'vonage-import':
    case 'telnyx-import': {
      const provider = input.type === 'vonage-import' ? 'vonage' : 'telnyx';
      return { provider, number: input.number, credentialId: input.credentialId, ...options } as Schemas['CreateVonagePhoneNumber' | 'CreateTelnyxPhoneNumber'];
    }
    case 'byo-import':
      return {
        provider: 'byo-phone-number',
        credentialId: input.credentialId,
        ...defined({ number: input.number }),
        ...options,
      } as Schemas['CreateByoPhoneNumber'];
    default:
      throw new Error(`unreachable: ${input.type}`);
  }
}

/** The fields that are set (a loop: no arrays of entries built and dropped on every create). */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const set: Partial<T> = {};
  for (const key in fields) if (fields[key] !== undefined) set[key] = fields[key];
  return set;
}

function toPhoneNumber(raw: Schemas['PhoneNumber']): VapiPhoneNumber {
  // Vapi lists rows with neither (a number still being provisioned, a BYO credential without one).
  const number = raw.number ?? ('sipUri' in raw ? raw.sipUri : undefined) ?? null;
  return {
    vendor: 'vapi',
    id: raw.id,
    number,
    // Without a SIP URI, a row without a number is a telephone number yet to come.
    kind: number === null || E164_PATTERN.test(number) ? 'pstn' : 'sip',
    canReceiveCalls: null,
    // Numbers Vapi provisions itself take calls only: dialing out from one fails at call time.
    canPlaceCalls: raw.provider === 'vapi' ? false : null,
    agentId: raw.assistantId ?? null,
    name: raw.name || null,
    createdAt: raw.createdAt,
    raw,
  };
}

/** The Vapi provider's declaration, for the registry. */
export const vapiProvider = {
  vendor: 'vapi',
  capabilities: vapiCapabilities,
  baseUrls,
  createProvider: createVapiProvider,
} as const satisfies ProviderDefinition<VapiProvider>;
