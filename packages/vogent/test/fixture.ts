import type { ProviderFixture } from '@switchboard/testing/conformance';
import { type VogentProvider, vogentProvider } from '../src/index.js';

// Vogent for the provider conformance suite: ids of its spec's examples, a create per create type
// (canaries in the SIP passwords), its own rules, and a pager shaped like its cursor listing.

const ID = '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40';
const SIP_IMPORT = { number: '+14155550142', terminationUri: 'acme-trunk.pstn.example.com', username: 'acme-trunk-user' };
const pad = (i: number) => String(i).padStart(3, '0');
/** Opaque cursors, with characters that must be percent-encoded to survive a query string. */
const cursorFor = (offset: number) => `c+${offset}/x==&y z`;

export const vogentFixture: ProviderFixture<VogentProvider> = {
  spec: {
    server: 'https://api.vogent.ai/api',
    operations: {
      'GET /phone_numbers': 'listPhoneNumbers',
      'POST /phone_numbers': 'createPhoneNumber',
      'GET /phone_numbers/{id}': 'getPhoneNumber',
      'PUT /phone_numbers/{id}': 'updatePhoneNumber',
      'DELETE /phone_numbers/{id}': 'deletePhoneNumber',
      'POST /phone_numbers/search': 'searchAvailablePhoneNumbers',
      'POST /phone_numbers/purchase': 'purchasePhoneNumber',
    },
    deprecated: ['purchasePhoneNumber'],
    e164Fields: ['SipImportInput.phoneNumber'],
    secretFields: ['password'],
    // Constraints Vogent states only in its field descriptions, not in its OpenAPI document.
    proseConstraints: [
      'CreatePurchasedPhoneNumberInput',
      'CreateSipImportPhoneNumberInput',
      'CreateVogentSipPhoneNumberInput',
      'PhoneNumberSearchInput.country',
      'PhoneNumberSearchInput.limit',
      'SipImportInput.phoneNumber',
      'VogentSipInput.password',
      'VogentSipInput.username',
    ],
  },
  definition: vogentProvider,
  get: { name: 'get', id: ID, key: `GET /phone_numbers/${ID}`, call: (p) => p.get(ID) },
  list: { name: 'list', key: 'GET /phone_numbers', call: (p) => p.list({ limit: undefined, cursor: undefined }) },
  creates: [
    { name: 'purchase', input: { type: 'purchase', number: '+14155550123' }, key: 'POST /phone_numbers', secrets: [] },
    {
      name: 'sip-import',
      input: { type: 'sip-import', ...SIP_IMPORT, password: 'CANARY-vogent-import-pw-83d1' },
      key: 'POST /phone_numbers',
      secrets: ['CANARY-vogent-import-pw-83d1'],
    },
    {
      name: 'sip-username',
      input: { type: 'sip-username', sipPrefix: 'acme-support', username: 'acme-auth', password: 'CANARY-vogent-sipuser-pw-5a2e' },
      key: 'POST /phone_numbers',
      secrets: ['CANARY-vogent-sipuser-pw-5a2e'],
    },
  ],
  idempotentWrites: [
    { name: 'update (PUT)', key: `PUT /phone_numbers/${ID}`, call: (p) => p.update(ID, { agentId: null }) },
    { name: 'release (DELETE)', key: `DELETE /phone_numbers/${ID}`, call: (p) => p.release(ID) },
    { name: 'searchAvailable (POST, x-idempotent: read-only)', key: 'POST /phone_numbers/search', call: (p) => p.searchAvailable!({ prefix: '415' }) },
  ],
  unreachable: { purchasePhoneNumber: 'deprecated: a purchase is created with POST /phone_numbers' },
  agents: { id: '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60', canUnlink: true },
  refuses: { createTypes: ['sip-uri', 'twilio-import', 'vonage-import', 'telnyx-import', 'byo-import', 'link'], operations: [] },
  validation: [
    {
      name: 'sip-username password (the secret) under 5 characters',
      call: (p) => p.create({ type: 'sip-username', sipPrefix: 'support', username: 'user1', password: 'Zq9!' }, undefined),
      field: 'password',
      rule: 'min-length',
      secrets: ['Zq9!'],
    },
    {
      name: 'sip-username username under 5 characters',
      call: (p) => p.create({ type: 'sip-username', sipPrefix: 'support', username: 'usr', password: 'pass1' }, undefined),
      field: 'username',
      rule: 'min-length',
    },
    { name: 'purchase without a number', call: (p) => p.create({ type: 'purchase' }, undefined), field: 'number', rule: 'required' },
    {
      name: 'purchase with an area code',
      call: (p) => p.create({ type: 'purchase', number: '+14155550123', areaCode: '415' }, undefined),
      field: 'areaCode',
      rule: 'unsupported',
    },
    {
      name: 'sip-username username under 5 characters, with the password',
      call: (p) => p.create({ type: 'sip-username', sipPrefix: 'acme', username: 'ab', password: 'CANARY-vogent-sipuser-pw-5a2e' }, undefined),
      field: 'username',
      rule: 'min-length',
      secrets: ['CANARY-vogent-sipuser-pw-5a2e'],
    },
    { name: 'update with a name', call: (p) => p.update('id-1', { name: 'Lobby' }), field: 'name', rule: 'unsupported' },
    { name: 'update clearing the name', call: (p) => p.update('id-1', { agentId: null, name: null }), field: 'name', rule: 'unsupported' },
  ],
  paging: {
    pager:
      (n, maxPageSize = Infinity) =>
      (url) => {
        if (url.pathname !== '/phone_numbers') return [404, { message: 'Not Found' }];
        const cursor = url.searchParams.get('cursor');
        const offset = cursor === null ? 0 : Number(/^c\+(\d+)\//.exec(cursor)?.[1]);
        const size = Math.min(Number(url.searchParams.get('limit') ?? '100'), maxPageSize);
        const data = [];
        for (let i = offset; i < Math.min(offset + size, n); i++)
          data.push({ id: `pn-${pad(i)}`, number: `+1415555${String(i).padStart(4, '0')}`, type: 'PSTN', agentId: null });
        return [200, { data, cursor: offset + size < n ? cursorFor(offset + size) : null }];
      },
    idOf: (i) => `pn-${pad(i)}`,
  },
};
