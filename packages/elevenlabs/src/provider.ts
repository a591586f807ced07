import { type ClientOptions, InvalidResponseError, SwitchboardError, ValidationError } from '@switchboard/core';
import type { components } from '@switchboard/elevenlabs-types';
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
import { createElevenLabsClient } from './client.js';
import { baseUrls, spec } from './generated/spec.js';

type Schemas = components['schemas'];
type TwilioImport = Schemas['ImportTwilioPhoneNumber'];
type SipTrunkImport = Schemas['ImportSipTrunkPhoneNumber'];

export const elevenLabsCapabilities = {
  list: true,
  get: true,
  update: true,
  release: true,
  searchAvailable: false,
  // Every number has a label, which an update replaces; `agent_id: null` takes the agent off.
  names: true,
  unlink: true,
  // ElevenLabs sells no numbers: it imports them from Twilio, Exotel or a SIP trunk.
  create: createCapabilities('twilio-import', 'sip-import'),
} as const;

/** The ElevenLabs-only fields of an import, by the request schema each is picked from: `ElevenLabsVendorOptions` and the run-time check both read it. */
const VENDOR_OPTION_PICKS = {
  ImportTwilioPhoneNumber: ['label', 'agent_id', 'enable_sms', 'region_config'],
  ImportSipTrunkPhoneNumber: ['inbound_trunk_config'],
} as const satisfies VendorOptionPicks<Schemas>;

/** ElevenLabs-only fields of an import, passed as `vendorOptions.elevenlabs` (each applies to the imports whose body has it). */
export type ElevenLabsVendorOptions = PickedVendorOptions<Schemas, typeof VENDOR_OPTION_PICKS>;

export type ElevenLabsPhoneNumber = PhoneNumber<'elevenlabs', Schemas['PhoneNumber']>;
export type ElevenLabsProvider = PhoneNumberProviderV1<'elevenlabs', Schemas['PhoneNumber'], typeof elevenLabsCapabilities, ElevenLabsVendorOptions>;

const vendorOptions = pickVendorOptions(spec.schemas, VENDOR_OPTION_PICKS);
const vendorOptionKeys = Object.values(VENDOR_OPTION_PICKS).flat();

/** The import body of each create type, by its schema in the spec. */
const IMPORT_SCHEMA = { 'twilio-import': 'ImportTwilioPhoneNumber', 'sip-import': 'ImportSipTrunkPhoneNumber' } as const;
/** Body fields that carry a neutral input field under ElevenLabs' name; every limit is checked by the client, from the spec. */
const SIP_IMPORT_FIELDS = bodyFieldNames({
  vendor: 'elevenlabs',
  fields: {
    phone_number: 'number',
    'outbound_trunk_config.address': 'terminationUri',
    'outbound_trunk_config.credentials.username': 'username',
    'outbound_trunk_config.credentials.password': 'password',
  },
  vendorOptions: vendorOptionKeys,
});
const UPDATE_FIELDS = { agent_id: 'agentId', label: 'name' };
const LIST = { vendor: 'elevenlabs', operation: 'listPhoneNumbersPaginated' };
/** The page-size maximum its spec documents: the page `list` asks for when the caller names no size (fewer requests), and `listAll`'s. */
const listing = specListing(spec, 'GET /v1/convai/v2/phone-numbers', 'page_size');

/**
 * ElevenLabs Agents' phone numbers as a Switchboard provider. A number is addressed by its
 * `phone_number_id`; an import answers only that id, so the number is read back before it is returned.
 */
export function createElevenLabsProvider(options: ClientOptions): ElevenLabsProvider {
  const client = createElevenLabsClient(options);

  return {
    specificationVersion: 'v1',
    vendor: 'elevenlabs',
    capabilities: elevenLabsCapabilities,
    idRule: 'opaque',
    secretFields: spec.secretKeys,
    listing,
    vendorOptions,

    // The v2 listing pages by cursor; the v1 listing answers every number at once.
    async list({ limit, cursor }, call) {
      const query = { page_size: limit ?? listing.maxPageSize, ...(cursor === undefined ? {} : { cursor }) };
      const { data } = await client.GET('/v1/convai/v2/phone-numbers', { ...call, params: { query } });
      const { phone_numbers, next_cursor, has_more } = data;
      // ElevenLabs leaves `has_more` out on a last page (its default is false); a cursor then says more follows.
      const more = has_more ?? (next_cursor !== undefined && next_cursor !== null);
      // Without the cursor there is no way on, and stopping would drop the rest silently.
      if (more && (next_cursor === undefined || next_cursor === null)) {
        throw new InvalidResponseError(200, 'has_more is true but no next_cursor was sent', { ...LIST, outcomeUnknown: false });
      }
      return { items: phone_numbers.map(toPhoneNumber), nextCursor: more ? next_cursor! : null };
    },

    async get(id, call) {
      const { data } = await client.GET('/v1/convai/phone-numbers/{phone_number_id}', { ...call, params: { path: { phone_number_id: id } } });
      return toPhoneNumber(data);
    },

    async create(input, vendorOptions = {}, call) {
      const { body, fieldNames } = importBody(input, onlyFieldsOf(input.type, vendorOptions));
      const { data } = await client.POST('/v1/convai/phone-numbers', { ...call, body, fieldNames });
      const id = data.phone_number_id;
      // ElevenLabs answers an import with the id alone. The import is done whatever the read does,
      // so a failed read says so, with the read's own error as its cause: importing again would
      // import the number twice.
      try {
        return await this.get(id, call);
      } catch (error) {
        if (!SwitchboardError.isInstance(error)) throw error;
        throw new SwitchboardError(
          `elevenlabs imported the number (phone_number_id ${id}) but could not read it back (${error.message}): get('${id}') reads it; do not import it again.`,
          { cause: error },
        );
      }
    },

    async update(id, changes, call) {
      // Every ElevenLabs number has a label: one without a name is labelled with its number, as an
      // import without one is, so clearing the name reads the number first.
      const label = changes.name === null ? (await this.get(id, call)).raw.phone_number : changes.name;
      const body: Schemas['UpdatePhoneNumberRequest'] = {
        // `agent_id: null` leaves the number without an agent.
        ...(changes.agentId === undefined ? {} : { agent_id: changes.agentId }),
        ...(label === undefined ? {} : { label }),
      };
      const { data } = await client.PATCH('/v1/convai/phone-numbers/{phone_number_id}', {
        ...call,
        params: { path: { phone_number_id: id } },
        body,
        fieldNames: UPDATE_FIELDS,
      });
      return toPhoneNumber(data);
    },

    async release(id, call) {
      await client.DELETE('/v1/convai/phone-numbers/{phone_number_id}', { ...call, params: { path: { phone_number_id: id } } });
    },
  };
}

/** Vendor options that the body of this import has (per the spec's schema); another import's field is refused. */
function onlyFieldsOf(type: CreatePhoneNumberInput['type'], options: ElevenLabsVendorOptions): ElevenLabsVendorOptions {
  const fields = spec.schemas[IMPORT_SCHEMA[type as keyof typeof IMPORT_SCHEMA]]?.properties ?? {};
  const foreign = Object.keys(options).find((key) => !Object.hasOwn(fields, key));
  if (foreign !== undefined) throw unsupportedField('elevenlabs', `vendorOptions.elevenlabs.${foreign}`, `a "${type}" create has no such field`);
  return options;
}

/**
 * The import body of a neutral create, and how its fields are named in the caller's terms. Every
 * number needs a label: `vendorOptions.elevenlabs.label`, else the number itself.
 */
function importBody(
  input: CreatePhoneNumberInput,
  options: ElevenLabsVendorOptions,
): { body: Schemas['ImportPhoneNumberRequest']; fieldNames: Record<string, string> } {
  if (input.type === 'sip-import') {
    // The neutral SIP import says where ElevenLabs sends the number's outbound calls, and how it authenticates there.
    const { number, terminationUri, username, password } = input;
    const body: SipTrunkImport = {
      provider: 'sip_trunk',
      phone_number: number,
      label: options.label ?? number,
      outbound_trunk_config: { address: terminationUri, credentials: { username, password } },
      ...options,
    };
    return { body, fieldNames: SIP_IMPORT_FIELDS };
  }
  if (input.type === 'twilio-import') {
    const { sid, token, account_auth_token, names } = twilioCredentials(input);
    const body: TwilioImport = {
      provider: 'twilio',
      phone_number: input.number,
      label: options.label ?? input.number,
      sid,
      token,
      ...(account_auth_token === undefined ? {} : { account_auth_token }),
      ...options,
    };
    return { body, fieldNames: bodyFieldNames({ vendor: 'elevenlabs', fields: { phone_number: 'number', ...names }, vendorOptions: vendorOptionKeys }) };
  }
  throw new Error(`unreachable: ${input.type}`);
}

/** The Twilio credentials of an import, and the neutral fields each came from. */
interface TwilioCredentials {
  sid: string;
  token: string;
  account_auth_token?: string;
  names: Record<string, string>;
}

/**
 * ElevenLabs takes one Twilio credential pair as `sid` and `token`: the account SID with its auth
 * token, or an API key with its secret, which also needs the account's auth token to check the
 * signatures of Twilio's inbound webhooks (ElevenLabs' `account_auth_token`, "required for API Key
 * imports"). With an API key, ElevenLabs takes no account SID.
 */
function twilioCredentials(input: Extract<CreatePhoneNumberInput, { type: 'twilio-import' }>): TwilioCredentials {
  const { twilioAccountSid, twilioAuthToken, twilioApiKey, twilioApiSecret } = input;
  if ((twilioApiKey === undefined) !== (twilioApiSecret === undefined)) {
    const missing = twilioApiKey === undefined ? 'twilioApiKey' : 'twilioApiSecret';
    throw new ValidationError(missing, 'required', 'give twilioApiKey and twilioApiSecret together');
  }
  if (twilioAuthToken === undefined) {
    const reason =
      twilioApiKey === undefined
        ? 'give twilioAuthToken, or twilioApiKey with twilioApiSecret and twilioAuthToken'
        : "is required with an API key: ElevenLabs checks the signatures of Twilio's inbound webhooks with it";
    throw new ValidationError('twilioAuthToken', 'required', reason);
  }
  if (twilioApiKey === undefined) return { sid: twilioAccountSid, token: twilioAuthToken, names: { sid: 'twilioAccountSid', token: 'twilioAuthToken' } };
  return {
    sid: twilioApiKey,
    token: twilioApiSecret!,
    account_auth_token: twilioAuthToken,
    names: { sid: 'twilioApiKey', token: 'twilioApiSecret', account_auth_token: 'twilioAuthToken' },
  };
}

function toPhoneNumber(raw: Schemas['PhoneNumber']): ElevenLabsPhoneNumber {
  return {
    vendor: 'elevenlabs',
    id: raw.phone_number_id,
    number: raw.phone_number,
    kind: 'pstn',
    // What ElevenLabs says of each number (deprecated by it, and left out by some answers: then it does not say).
    canReceiveCalls: raw.supports_inbound ?? null,
    canPlaceCalls: raw.supports_outbound ?? null,
    agentId: raw.assigned_agent?.agent_id ?? null,
    // A number labelled with itself (or not at all) has no name of its own: that is the label an
    // import or update without a name gives it.
    name: raw.label === '' || raw.label === raw.phone_number ? null : raw.label,
    // ElevenLabs returns no creation time.
    createdAt: null,
    raw,
  };
}

/** The ElevenLabs provider's declaration, for the registry. */
export const elevenLabsProvider = {
  vendor: 'elevenlabs',
  capabilities: elevenLabsCapabilities,
  baseUrls,
  createProvider: createElevenLabsProvider,
} as const satisfies ProviderDefinition<ElevenLabsProvider>;
