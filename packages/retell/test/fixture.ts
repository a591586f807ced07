import type { ProviderFixture } from '@switchboard/testing/conformance';
import { type RetellProvider, retellProvider } from '../src/index.js';

// Retell for the provider conformance suite: a number of its spec's examples, a create per create
// type (a canary in the trunk password), its own rules, and a pager shaped like its keyed listing.
// Retell addresses a number by itself in the path; its "+" goes out percent-encoded.

const NUMBER = '+14155550123';
const SIP_IMPORT = { number: '+14155550177', terminationUri: 'acme-trunk.pstn.twilio.com', username: 'acme-trunk-user' };
const number = (i: number) => `+1415555${String(i).padStart(4, '0')}`;

export const retellFixture: ProviderFixture<RetellProvider> = {
  spec: {
    server: 'https://api.retellai.com',
    operations: {
      'POST /create-phone-number': 'createPhoneNumber',
      'POST /import-phone-number': 'importPhoneNumber',
      'GET /get-phone-number/{phone_number}': 'getPhoneNumber',
      'GET /v2/list-phone-numbers': 'listPhoneNumbers',
      'PATCH /update-phone-number/{phone_number}': 'updatePhoneNumber',
      'DELETE /delete-phone-number/{phone_number}': 'deletePhoneNumber',
    },
    deprecated: [],
    // The imported number may be a pseudo number (ignore_e164_validation defaults to true); the
    // fallback number has no documented format. The path parameter carries the pattern too.
    e164Fields: ['CreatePhoneNumberRequest.phone_number', 'PhoneNumber.phone_number'],
    secretFields: ['auth_password', 'sip_trunk_auth_password'],
    proseConstraints: [],
  },
  definition: retellProvider,
  get: { name: 'get', id: NUMBER, key: 'GET /get-phone-number/%2B14155550123', call: (p) => p.get(NUMBER) },
  list: { name: 'list', key: 'GET /v2/list-phone-numbers', call: (p) => p.list({ limit: undefined, cursor: undefined }) },
  creates: [
    { name: 'purchase', input: { type: 'purchase', areaCode: '415' }, key: 'POST /create-phone-number', secrets: [] },
    {
      name: 'sip-import (trunk password)',
      input: { type: 'sip-import', ...SIP_IMPORT, password: 'CANARY-retell-trunk-pw-6e19' },
      vendorOptions: { nickname: 'Carrier line', ignore_e164_validation: false },
      key: 'POST /import-phone-number',
      secrets: ['CANARY-retell-trunk-pw-6e19'],
    },
  ],
  idempotentWrites: [
    {
      name: 'update (PATCH)',
      key: 'PATCH /update-phone-number/%2B14155550123',
      call: (p) => p.update(NUMBER, { agentId: 'agent_5b7d4e2a9c610d8e4b7a1f20' }),
    },
    { name: 'release (DELETE)', key: 'DELETE /delete-phone-number/%2B14155550123', call: (p) => p.release(NUMBER) },
  ],
  unreachable: {},
  agents: { id: 'agent_9a7b6c5d4e3f4a1b8c2d1e0f', canUnlink: true },
  refuses: {
    createTypes: ['sip-username', 'sip-uri', 'twilio-import', 'vonage-import', 'telnyx-import', 'byo-import', 'link'],
    operations: ['searchAvailable'],
  },
  validation: [
    // Retell's spec takes the area code as an integer from 100 to 999.
    { name: 'areaCode of 2 digits', call: (p) => p.create({ type: 'purchase', areaCode: '41' }, undefined), field: 'areaCode', rule: 'minimum' },
    { name: 'areaCode of 4 digits', call: (p) => p.create({ type: 'purchase', areaCode: '4155' }, undefined), field: 'areaCode', rule: 'maximum' },
    {
      name: 'toll_free on a sip-import',
      call: (p) => p.create({ type: 'sip-import', ...SIP_IMPORT, password: 'pass1' }, { toll_free: true }),
      field: 'vendorOptions.retell.toll_free',
      rule: 'unsupported',
    },
    {
      name: 'ignore_e164_validation on a purchase',
      call: (p) => p.create({ type: 'purchase' }, { ignore_e164_validation: false }),
      field: 'vendorOptions.retell.ignore_e164_validation',
      rule: 'unsupported',
    },
    // Retell takes the area code as an integer: 0415 would buy in 415.
    { name: 'areaCode with a leading zero', call: (p) => p.create({ type: 'purchase', areaCode: '0415' }, undefined), field: 'areaCode', rule: 'format' },
    {
      name: 'toll_free on a sip-import, carrying the trunk password',
      call: (p) => p.create({ type: 'sip-import', ...SIP_IMPORT, password: 'CANARY-retell-trunk-pw-6e19' }, { toll_free: true }),
      field: 'vendorOptions.retell.toll_free',
      rule: 'unsupported',
      secrets: ['CANARY-retell-trunk-pw-6e19'],
    },
    // Limits of Retell's spec, checked before sending.
    {
      name: 'an inbound agent of weight 0',
      call: (p) => p.create({ type: 'purchase' }, { inbound_agents: [{ agent_id: 'agent-1', weight: 0 }] }),
      field: 'vendorOptions.retell.inbound_agents[0].weight',
      rule: 'minimum',
    },
    {
      name: 'an agent_version tag in capitals',
      call: (p) => p.create({ type: 'purchase' }, { outbound_agents: [{ agent_id: 'agent-1', agent_version: 'Prod', weight: 1 }] }),
      field: 'vendorOptions.retell.outbound_agents[0].agent_version',
      rule: 'pattern',
    },
    {
      name: 'country_code GB',
      call: (p) => p.create({ type: 'purchase' }, { country_code: 'GB' as never }),
      field: 'vendorOptions.retell.country_code',
      rule: 'enum',
    },
    {
      name: 'number_provider vonage',
      call: (p) => p.create({ type: 'purchase' }, { number_provider: 'vonage' as never }),
      field: 'vendorOptions.retell.number_provider',
      rule: 'enum',
    },
  ],
  paging: {
    pager:
      (n, maxPageSize = Infinity) =>
      (url) => {
        if (url.pathname !== '/v2/list-phone-numbers') return [404, { status: 'error', message: 'Not Found' }];
        const key = url.searchParams.get('pagination_key');
        // The key is the last number of the page before, as in Retell's example.
        const offset = key === null ? 0 : Number(key.slice(-4)) + 1;
        const size = Math.min(Number(url.searchParams.get('limit') ?? '50'), maxPageSize);
        const items = [];
        for (let i = offset; i < Math.min(offset + size, n); i++) {
          items.push({ phone_number: number(i), phone_number_type: 'retell-twilio', inbound_agents: null, last_modification_timestamp: 1741365912330 });
        }
        const more = offset + size < n;
        return [200, more ? { items, has_more: true, pagination_key: number(offset + size - 1) } : { items, has_more: false }];
      },
    idOf: number,
  },
};
