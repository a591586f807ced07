import type { ProviderFixture } from '@switchboard/testing/conformance';
import { type ElevenLabsProvider, elevenLabsProvider } from '../src/index.js';

// ElevenLabs for the provider conformance suite: a number of its spec's examples, a create per
// create type (canaries in the Twilio credentials and the trunk password), its own rules, and a
// pager shaped like its cursor listing. A number is addressed by its opaque phone_number_id.

const ID = 'phnum_8Kd2Wq7ZrT5vXy3LmN9p';
const IMPORTS = 'POST /v1/convai/phone-numbers';
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
      type: 'twilio-import',
      key: IMPORTS,
      secrets: ['CANARY-elevenlabs-twilio-token-3b8e'],
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioAuthToken: 'CANARY-elevenlabs-twilio-token-3b8e' }, { label: 'Front desk' }),
    },
    {
      name: 'twilio-import (API key, its secret and the account auth token)',
      type: 'twilio-import',
      key: IMPORTS,
      secrets: ['CANARY-elevenlabs-key-secret-91d4', 'CANARY-elevenlabs-account-token-5a07'],
      call: (p) =>
        p.create(
          {
            type: 'twilio-import',
            ...TWILIO,
            twilioApiKey: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f',
            twilioApiSecret: 'CANARY-elevenlabs-key-secret-91d4',
            twilioAuthToken: 'CANARY-elevenlabs-account-token-5a07',
          },
          { enable_sms: false },
        ),
    },
    {
      name: 'sip-import (trunk password)',
      type: 'sip-import',
      key: IMPORTS,
      secrets: ['CANARY-elevenlabs-trunk-pw-0c62'],
      call: (p) =>
        p.create(
          { type: 'sip-import', ...SIP_IMPORT, password: 'CANARY-elevenlabs-trunk-pw-0c62' },
          { label: 'Carrier trunk line', inbound_trunk_config: { allowed_addresses: ['203.0.113.0/24'] } },
        ),
    },
  ],
  idempotentWrites: [
    { name: 'update (PATCH)', key: `PATCH /v1/convai/phone-numbers/${ID}`, call: (p) => p.update(ID, { agentId: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c' }) },
    { name: 'release (DELETE)', key: `DELETE /v1/convai/phone-numbers/${ID}`, call: (p) => p.release(ID) },
  ],
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
      name: 'twilio-import with an API key but not its secret',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioApiKey: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f', twilioAuthToken: 'token-1' }, undefined),
      field: 'twilioApiSecret',
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
      name: 'enable_sms on a sip-import',
      call: (p) => p.create({ type: 'sip-import', ...SIP_IMPORT, password: 'pass1' }, { enable_sms: true }),
      field: 'vendorOptions.elevenlabs.enable_sms',
      rule: 'unsupported',
    },
    {
      name: 'inbound_trunk_config on a twilio-import',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioAuthToken: 'token-1' }, { inbound_trunk_config: { allowed_addresses: [] } }),
      field: 'vendorOptions.elevenlabs.inbound_trunk_config',
      rule: 'unsupported',
    },
  ],
  paging: {
    pager: (n) => (url) => {
      if (url.pathname !== '/v1/convai/v2/phone-numbers') return [404, { detail: 'Not Found' }];
      // The cursor is opaque to clients; this one holds the offset of the next page.
      const cursor = url.searchParams.get('cursor');
      const offset = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString());
      const size = Number(url.searchParams.get('page_size') ?? '100');
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
