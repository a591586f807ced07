import type { ProviderFixture } from '@switchboard/testing/conformance';
import { type ElevenLabsProvider, elevenLabsProvider } from '../src/index.js';

// ElevenLabs for the provider conformance suite: a number of its spec's examples, a create per
// create type (canaries in the Twilio credentials and the trunk password), its own rules, and a
// pager shaped like its cursor listing. A number is addressed by its opaque phone_number_id.

const ID = 'phnum_8Kd2Wq7ZrT5vXy3LmN9p';
const IMPORTS = 'POST /v1/convai/phone-numbers';
// An import answers the new number's id alone (on the mock, its example's): the provider reads the number back.
const READ_BACK = `GET /v1/convai/phone-numbers/${ID}`;
const TWILIO = { number: '+14155550123', twilioAccountSid: 'AC5f3c1e9a7b2d4f6e8a0c1b3d5e7f9a2b' };
const SIP_IMPORT = { number: '+14155550188', terminationUri: 'sip.carrier.example.com', username: 'acme-trunk' };
const pad = (i: number) => String(i).padStart(4, '0');

export const elevenLabsFixture: ProviderFixture<ElevenLabsProvider> = {
  spec: {
    server: 'https://api.elevenlabs.io',
    operations: {
      'GET /v1/convai/phone-numbers': 'listPhoneNumbers',
      'POST /v1/convai/phone-numbers': 'importPhoneNumber',
      'GET /v1/convai/v2/phone-numbers': 'listPhoneNumbersPaginated',
      'GET /v1/convai/phone-numbers/{phone_number_id}': 'getPhoneNumber',
      'PATCH /v1/convai/phone-numbers/{phone_number_id}': 'updatePhoneNumber',
      'DELETE /v1/convai/phone-numbers/{phone_number_id}': 'deletePhoneNumber',
      'GET /v1/convai/phone-numbers/{phone_number_id}/sip-messages': 'listSipMessages',
    },
    deprecated: [],
    // ElevenLabs' SIP trunking guide asks for E.164; Twilio holds its numbers so. Exotel numbers
    // have no documented format.
    e164Fields: [
      'ImportTwilioPhoneNumber.phone_number',
      'ImportSipTrunkPhoneNumber.phone_number',
      'TwilioPhoneNumber.phone_number',
      'SipTrunkPhoneNumber.phone_number',
    ],
    secretFields: ['account_auth_token', 'api_key', 'api_token', 'password', 'token'],
    proseConstraints: [],
  },
  definition: elevenLabsProvider,
  get: { name: 'get', id: ID, key: `GET /v1/convai/phone-numbers/${ID}`, call: (p) => p.get(ID) },
  list: { name: 'list', key: 'GET /v1/convai/v2/phone-numbers', call: (p) => p.list({ limit: undefined, cursor: undefined }) },
  creates: [
    {
      name: 'twilio-import (auth token)',
      input: { type: 'twilio-import', ...TWILIO, twilioAuthToken: 'CANARY-elevenlabs-twilio-token-3b8e' },
      vendorOptions: { label: 'Front desk' },
      key: IMPORTS,
      readBack: READ_BACK,
      secrets: ['CANARY-elevenlabs-twilio-token-3b8e'],
    },
    {
      name: 'twilio-import (API key, its secret and the account auth token)',
      input: {
        type: 'twilio-import',
        ...TWILIO,
        twilioApiKey: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f',
        twilioApiSecret: 'CANARY-elevenlabs-key-secret-91d4',
        twilioAuthToken: 'CANARY-elevenlabs-account-token-5a07',
      },
      vendorOptions: { enable_sms: false },
      key: IMPORTS,
      readBack: READ_BACK,
      secrets: ['CANARY-elevenlabs-key-secret-91d4', 'CANARY-elevenlabs-account-token-5a07'],
    },
    {
      name: 'sip-import (trunk password)',
      input: { type: 'sip-import', ...SIP_IMPORT, password: 'CANARY-elevenlabs-trunk-pw-0c62' },
      vendorOptions: { label: 'Carrier trunk line', inbound_trunk_config: { allowed_addresses: ['203.0.113.0/24'] } },
      key: IMPORTS,
      readBack: READ_BACK,
      secrets: ['CANARY-elevenlabs-trunk-pw-0c62'],
    },
  ],
  idempotentWrites: [
    { name: 'update (PATCH)', key: `PATCH /v1/convai/phone-numbers/${ID}`, call: (p) => p.update(ID, { agentId: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c' }) },
    { name: 'release (DELETE)', key: `DELETE /v1/convai/phone-numbers/${ID}`, call: (p) => p.release(ID) },
  ],
  unreachable: {
    listPhoneNumbers: 'the unpaged list: the facade lists through the cursor-paged v2 list',
    listSipMessages: "a number's SIP message log: the typed client only",
  },
  agents: { id: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c', canUnlink: true },
  refuses: {
    createTypes: ['purchase', 'sip-username', 'sip-uri', 'vonage-import', 'telnyx-import', 'byo-import', 'link'],
    operations: ['searchAvailable'],
  },
  validation: [
    {
      name: 'twilio-import with neither an auth token nor an API key',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO }, undefined),
      field: 'twilioAuthToken',
      rule: 'required',
    },
    {
      // ElevenLabs checks the signatures of Twilio's inbound webhooks with the account's auth token.
      name: 'twilio-import with an API key but no account auth token',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioApiKey: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f', twilioApiSecret: 'secret-1' }, undefined),
      field: 'twilioAuthToken',
      rule: 'required',
    },
    {
      name: 'a Twilio region the spec does not list',
      call: (p) =>
        p.create(
          { type: 'twilio-import', ...TWILIO, twilioAuthToken: 'token-1' },
          { region_config: { region_id: 'jp1' as never, token: 'token-2', edge_location: 'tokyo' } },
        ),
      field: 'vendorOptions.elevenlabs.region_config.region_id',
      rule: 'enum',
    },
    {
      name: 'enable_sms on a sip-import, carrying the trunk password',
      call: (p) => p.create({ type: 'sip-import', ...SIP_IMPORT, password: 'CANARY-elevenlabs-trunk-pw-0c62' }, { enable_sms: true }),
      field: 'vendorOptions.elevenlabs.enable_sms',
      rule: 'unsupported',
      secrets: ['CANARY-elevenlabs-trunk-pw-0c62'],
    },
    {
      name: 'twilio-import with an API key but not its secret, carrying the account auth token',
      call: (p) =>
        p.create(
          { type: 'twilio-import', ...TWILIO, twilioApiKey: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f', twilioAuthToken: 'CANARY-elevenlabs-account-token-5a07' },
          undefined,
        ),
      field: 'twilioApiSecret',
      rule: 'required',
      secrets: ['CANARY-elevenlabs-account-token-5a07'],
    },
    {
      name: 'inbound_trunk_config on a twilio-import',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioAuthToken: 'token-1' }, { inbound_trunk_config: { allowed_addresses: [] } }),
      field: 'vendorOptions.elevenlabs.inbound_trunk_config',
      rule: 'unsupported',
    },
  ],
  paging: {
    pager:
      (n, maxPageSize = Infinity) =>
      (url) => {
        if (url.pathname !== '/v1/convai/v2/phone-numbers') return [404, { detail: 'Not Found' }];
        // The cursor is opaque to clients; this one holds the offset of the next page.
        const cursor = url.searchParams.get('cursor');
        const offset = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString());
        const size = Math.min(Number(url.searchParams.get('page_size') ?? '100'), maxPageSize);
        const phone_numbers = [];
        for (let i = offset; i < Math.min(offset + size, n); i++) {
          phone_numbers.push({
            provider: 'twilio',
            phone_number_id: `phnum_${pad(i)}`,
            phone_number: `+1415555${pad(i)}`,
            label: `Line ${i}`,
            assigned_agent: null,
          });
        }
        const more = offset + size < n;
        return [200, { phone_numbers, next_cursor: more ? Buffer.from(String(offset + size)).toString('base64url') : null, has_more: more }];
      },
    idOf: (i) => `phnum_${pad(i)}`,
  },
};
