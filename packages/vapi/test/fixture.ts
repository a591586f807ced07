import type { ProviderFixture } from '@switchboard/testing/conformance';
import { type VapiProvider, vapiProvider } from '../src/index.js';

// Vapi for the provider conformance suite: ids of its spec's examples, a create per create type
// (with canaries in every secret field one can carry), its own rules, and a pager shaped like its v2 listing.

const ID = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';
const TWILIO = { number: '+14155550142', twilioAccountSid: 'AC0123456789abcdef0123456789abcdef' };
const SERVER = { url: 'https://hooks.example.com/vapi', headers: { 'X-Api-Token': 'CANARY-vapi-server-header-6c3f' } };
const pad = (i: number) => String(i).padStart(3, '0');

export const vapiFixture: ProviderFixture<VapiProvider> = {
  spec: {
    server: 'https://api.vapi.ai',
    operations: {
      'GET /phone-number': 'listPhoneNumbers',
      'GET /v2/phone-number': 'listPhoneNumbersPaginated',
      'POST /phone-number': 'createPhoneNumber',
      'GET /phone-number/{id}': 'getPhoneNumber',
      'PATCH /phone-number/{id}': 'updatePhoneNumber',
      'DELETE /phone-number/{id}': 'deletePhoneNumber',
    },
    deprecated: [],
    // BYO numbers may be non-E.164 (numberE164CheckEnabled: false), Vonage's format is undocumented.
    e164Fields: [
      'CreateTwilioPhoneNumber.number',
      'CreateTelnyxPhoneNumber.number',
      'UpdateTwilioPhoneNumber.number',
      'UpdateTelnyxPhoneNumber.number',
      'TwilioPhoneNumber.number',
      'TelnyxPhoneNumber.number',
    ],
    // No 'secret': Vapi removed server.secret (May 2025).
    secretFields: ['headers', 'password', 'twilioApiSecret', 'twilioAuthToken'],
    proseConstraints: [],
  },
  definition: vapiProvider,
  get: { name: 'get', id: ID, key: `GET /phone-number/${ID}`, call: (p) => p.get(ID) },
  list: { name: 'list', key: 'GET /v2/phone-number', call: (p) => p.list({ limit: undefined, cursor: undefined }) },
  creates: [
    { name: 'purchase', type: 'purchase', key: 'POST /phone-number', secrets: [], call: (p) => p.create({ type: 'purchase', areaCode: '415' }, undefined) },
    {
      name: 'twilio-import (auth token) with server headers',
      type: 'twilio-import',
      key: 'POST /phone-number',
      secrets: ['CANARY-vapi-twilio-token-19bf', SERVER.headers['X-Api-Token']],
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioAuthToken: 'CANARY-vapi-twilio-token-19bf' }, { server: SERVER }),
    },
    {
      name: 'twilio-import (API key and secret)',
      type: 'twilio-import',
      key: 'POST /phone-number',
      secrets: ['CANARY-vapi-twilio-secret-77c0'],
      call: (p) =>
        p.create({ type: 'twilio-import', ...TWILIO, twilioApiKey: 'SK0123456789abcdef', twilioApiSecret: 'CANARY-vapi-twilio-secret-77c0' }, undefined),
    },
    {
      name: 'sip-uri with digest credentials',
      type: 'sip-uri',
      key: 'POST /phone-number',
      secrets: ['CANARY-vapi-sip-password-2e6d90'],
      call: (p) =>
        p.create(
          { type: 'sip-uri', sipUri: 'sip:front-desk@acme.sip.vapi.ai', username: 'acme-front-desk-user-01', password: 'CANARY-vapi-sip-password-2e6d90' },
          undefined,
        ),
    },
    {
      name: 'vonage-import',
      type: 'vonage-import',
      key: 'POST /phone-number',
      secrets: [],
      call: (p) => p.create({ type: 'vonage-import', number: '+14155550161', credentialId: '7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e' }, undefined),
    },
    {
      name: 'telnyx-import',
      type: 'telnyx-import',
      key: 'POST /phone-number',
      secrets: [],
      call: (p) => p.create({ type: 'telnyx-import', number: '+14155550188', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c' }, undefined),
    },
    {
      name: 'byo-import',
      type: 'byo-import',
      key: 'POST /phone-number',
      secrets: [],
      call: (p) => p.create({ type: 'byo-import', credentialId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', number: '+14155550177' }, undefined),
    },
  ],
  idempotentWrites: [
    { name: 'update (PATCH)', key: `PATCH /phone-number/${ID}`, call: (p) => p.update(ID, { agentId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' }) },
    { name: 'release (DELETE)', key: `DELETE /phone-number/${ID}`, call: (p) => p.release(ID) },
  ],
  refuses: { createTypes: ['sip-import', 'sip-username', 'link'], operations: ['searchAvailable'] },
  validation: [
    // Vapi's definition: numberDesiredAreaCode has 3 characters (its spec's minLength/maxLength).
    { name: 'areaCode of 2 digits', call: (p) => p.create({ type: 'purchase', areaCode: '41' }, undefined), field: 'areaCode', rule: 'min-length' },
    { name: 'areaCode of 4 digits', call: (p) => p.create({ type: 'purchase', areaCode: '4155' }, undefined), field: 'areaCode', rule: 'max-length' },
    { name: 'purchase with a number', call: (p) => p.create({ type: 'purchase', number: '+14155550123' }, undefined), field: 'number', rule: 'unsupported' },
    {
      name: 'twilio-import without any credential',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO }, undefined),
      field: 'twilioAuthToken',
      rule: 'required',
    },
    {
      name: 'twilio-import with an API key but no secret',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioApiKey: 'SK0' }, undefined),
      field: 'twilioAuthToken',
      rule: 'required',
    },
    {
      name: 'twilio-import with an auth token and an API key pair',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioAuthToken: 't', twilioApiKey: 'SK0', twilioApiSecret: 's' }, undefined),
      field: 'twilioAuthToken',
      rule: 'exclusive',
    },
    {
      name: 'sip-uri with a username but no password',
      call: (p) => p.create({ type: 'sip-uri', sipUri: 'sip:a@b', username: 'switchboard-sip-user-01' }, undefined),
      field: 'password',
      rule: 'required',
    },
    {
      name: 'smsEnabled on a non-Twilio create',
      call: (p) => p.create({ type: 'purchase' }, { smsEnabled: true }),
      field: 'vendorOptions.vapi.smsEnabled',
      rule: 'unknown',
    },
  ],
  paging: {
    pager: (n) => (url) => {
      if (url.pathname !== '/v2/phone-number') return [404, { message: 'Not Found', statusCode: 404 }];
      const page = Number(url.searchParams.get('page') ?? '1');
      const size = Number(url.searchParams.get('limit') ?? '100');
      const results = [];
      for (let i = (page - 1) * size; i < Math.min(page * size, n); i++) {
        results.push({
          provider: 'vapi',
          id: `pn-${pad(i)}`,
          orgId: '6b1e2f3a-9d4c-4c8e-a1b2-7f0e9d8c6b5a',
          createdAt: '2025-03-04T17:21:09.512Z',
          updatedAt: '2025-03-04T17:21:09.512Z',
          status: 'active',
          number: `+1415555${String(i).padStart(4, '0')}`,
        });
      }
      return [200, { results, metadata: { itemsPerPage: size, totalItems: n, currentPage: page, hasNextPage: page * size < n } }];
    },
    idOf: (i) => `pn-${pad(i)}`,
  },
};
