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
    { name: 'purchase', input: { type: 'purchase', areaCode: '415' }, key: 'POST /phone-number', secrets: [] },
    {
      name: 'twilio-import (auth token) with server headers',
      input: { type: 'twilio-import', ...TWILIO, twilioAuthToken: 'CANARY-vapi-twilio-token-19bf' },
      vendorOptions: { server: SERVER },
      key: 'POST /phone-number',
      secrets: ['CANARY-vapi-twilio-token-19bf', SERVER.headers['X-Api-Token']],
    },
    {
      name: 'twilio-import (API key and secret)',
      input: { type: 'twilio-import', ...TWILIO, twilioApiKey: 'SK0123456789abcdef', twilioApiSecret: 'CANARY-vapi-twilio-secret-77c0' },
      key: 'POST /phone-number',
      secrets: ['CANARY-vapi-twilio-secret-77c0'],
    },
    {
      name: 'sip-uri with digest credentials',
      input: { type: 'sip-uri', sipUri: 'sip:front-desk@acme.sip.vapi.ai', username: 'acme-front-desk-user-01', password: 'CANARY-vapi-sip-password-2e6d90' },
      key: 'POST /phone-number',
      secrets: ['CANARY-vapi-sip-password-2e6d90'],
    },
    {
      name: 'vonage-import',
      input: { type: 'vonage-import', number: '+14155550161', credentialId: '7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e' },
      key: 'POST /phone-number',
      secrets: [],
    },
    {
      name: 'telnyx-import',
      input: { type: 'telnyx-import', number: '+14155550188', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c' },
      key: 'POST /phone-number',
      secrets: [],
    },
    {
      name: 'byo-import',
      input: { type: 'byo-import', credentialId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', number: '+14155550177' },
      key: 'POST /phone-number',
      secrets: [],
    },
  ],
  idempotentWrites: [
    { name: 'update (PATCH)', key: `PATCH /phone-number/${ID}`, call: (p) => p.update(ID, { agentId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' }) },
    { name: 'release (DELETE)', key: `DELETE /phone-number/${ID}`, call: (p) => p.release(ID) },
  ],
  unreachable: { listPhoneNumbers: 'the provider lists through the paged v2 listing; the v1 listing silently stops at `limit`' },
  agents: { id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', canUnlink: true },
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
      name: 'twilio-import with a secret but no API key',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioApiSecret: 'CANARY-vapi-lone-secret-0c1d' }, undefined),
      field: 'twilioAuthToken',
      rule: 'required',
      secrets: ['CANARY-vapi-lone-secret-0c1d'],
    },
    {
      name: 'twilio-import with an auth token and an API key pair, both secrets',
      call: (p) =>
        p.create(
          {
            type: 'twilio-import',
            ...TWILIO,
            twilioAuthToken: 'CANARY-vapi-twilio-token-19bf',
            twilioApiKey: 'SK0123456789abcdef',
            twilioApiSecret: 'CANARY-vapi-twilio-secret-77c0',
          },
          undefined,
        ),
      field: 'twilioAuthToken',
      rule: 'exclusive',
      secrets: ['CANARY-vapi-twilio-token-19bf', 'CANARY-vapi-twilio-secret-77c0'],
    },
    {
      name: 'sip-uri with a password but no username',
      call: (p) => p.create({ type: 'sip-uri', sipUri: 'sip:a@b', password: 'CANARY-vapi-sip-password-2e6d90' }, undefined),
      field: 'username',
      rule: 'required',
      secrets: ['CANARY-vapi-sip-password-2e6d90'],
    },
    // SipAuthentication: username and password of 20 to 40 characters.
    {
      name: 'sip-uri credentials under 20 characters',
      call: (p) => p.create({ type: 'sip-uri', sipUri: 'sip:a@sip.vapi.ai', username: 'user1234', password: 'pass1234' }, undefined),
      field: 'username',
      rule: 'min-length',
    },
    {
      name: 'sip-uri username over 40 characters',
      call: (p) => p.create({ type: 'sip-uri', sipUri: 'sip:a@sip.vapi.ai', username: 'u'.repeat(41), password: 'example-sip-password-0001' }, undefined),
      field: 'username',
      rule: 'max-length',
    },
    {
      name: 'sip-uri password (the secret) over 40 characters',
      call: (p) =>
        p.create(
          {
            type: 'sip-uri',
            sipUri: 'sip:a@sip.vapi.ai',
            username: 'acme-front-desk-user-01',
            password: 'CANARY-vapi-sip-password-2e6d90-CANARY-vapi-sip-password-2e6d90',
          },
          undefined,
        ),
      field: 'password',
      rule: 'max-length',
      secrets: ['CANARY-vapi-sip-password-2e6d90'],
    },
    {
      name: 'a name over 40 characters',
      call: (p) => p.create({ type: 'purchase' }, { name: 'x'.repeat(41) }),
      field: 'vendorOptions.vapi.name',
      rule: 'max-length',
    },
    { name: 'an update name over 40 characters', call: (p) => p.update(ID, { name: 'x'.repeat(41) }), field: 'name', rule: 'max-length' },
    // The variants' `additionalProperties: false`: the field belongs to another provider's create.
    {
      name: 'smsEnabled on a non-Twilio create',
      call: (p) => p.create({ type: 'purchase' }, { smsEnabled: true }),
      field: 'vendorOptions.vapi.smsEnabled',
      rule: 'unknown',
    },
    {
      name: 'smsEnabled on a sip-uri, with a server header secret',
      call: (p) =>
        p.create(
          { type: 'sip-uri', sipUri: 'sip:a@acme.sip.vapi.ai', username: 'acme-front-desk-user-01', password: 'CANARY-vapi-sip-password-2e6d90' },
          { server: SERVER, smsEnabled: true },
        ),
      field: 'vendorOptions.vapi.smsEnabled',
      rule: 'unknown',
      secrets: ['CANARY-vapi-sip-password-2e6d90', SERVER.headers['X-Api-Token']],
    },
    {
      name: 'numberE164CheckEnabled on a non-BYO create',
      call: (p) => p.create({ type: 'twilio-import', ...TWILIO, twilioAuthToken: 't' }, { numberE164CheckEnabled: false }),
      field: 'vendorOptions.vapi.numberE164CheckEnabled',
      rule: 'unknown',
    },
    // Vapi pages by number: a cursor is a page number it gave.
    { name: 'a cursor that is not a page number', call: (p) => p.list({ limit: undefined, cursor: 'abc' }), field: 'cursor', rule: 'format' },
  ],
  paging: {
    pager:
      (n, maxPageSize = Infinity) =>
      (url) => {
        if (url.pathname !== '/v2/phone-number') return [404, { message: 'Not Found', statusCode: 404 }];
        const page = Number(url.searchParams.get('page') ?? '1');
        const size = Math.min(Number(url.searchParams.get('limit') ?? '100'), maxPageSize);
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
