import type { ProviderFixture } from '@switchboard/testing/conformance';
import { type CartesiaProvider, cartesiaProvider } from '../src/index.js';

// Cartesia for the provider conformance suite: a number of its spec's examples, a provision and an
// import through a linked provider (neither sends a secret: the secrets of Cartesia's spec belong
// to the providers' own operations, on the typed client only), its own rules, and a pager shaped
// like its listing, which goes on after the last id of a page.

const ID = 'pn_2hG5jR8tY0uW';
const number = (i: number) => `+1415555${String(i).padStart(4, '0')}`;
const idOf = (i: number) => `pn_${String(i).padStart(4, '0')}`;

export const cartesiaFixture: ProviderFixture<CartesiaProvider> = {
  spec: {
    server: 'https://api.cartesia.ai',
    operations: {
      'GET /agents/phone-numbers': 'listPhoneNumbers',
      'POST /agents/phone-numbers': 'importPhoneNumber',
      'GET /agents/phone-numbers/{id}': 'getPhoneNumber',
      'PATCH /agents/phone-numbers/{id}': 'updatePhoneNumber',
      'DELETE /agents/phone-numbers/{id}': 'deletePhoneNumber',
      'POST /agents/phone-numbers/provision': 'provisionPhoneNumber',
      'GET /agents/phone-numbers/providers': 'listProviders',
      'POST /agents/phone-numbers/providers': 'createProvider',
      'GET /agents/phone-numbers/providers/{id}': 'getProvider',
      'PATCH /agents/phone-numbers/providers/{id}': 'updateProvider',
      'DELETE /agents/phone-numbers/providers/{id}': 'deleteProvider',
    },
    deprecated: [],
    // The SIP trunk's allowed caller numbers have no documented format.
    e164Fields: ['ImportPhoneNumberRequest.number', 'PhoneNumberBase.number'],
    // The Twilio API key secret and the SIP digest password (inbound and outbound, create and update).
    secretFields: ['api_key_secret', 'password'],
    // The page size's range and default appear only in the prose of Cartesia's `limit` parameter.
    proseConstraints: ['PageLimit'],
  },
  definition: cartesiaProvider,
  get: { name: 'get', id: ID, key: `GET /agents/phone-numbers/${ID}`, call: (p) => p.get(ID) },
  list: { name: 'list', key: 'GET /agents/phone-numbers', call: (p) => p.list({ limit: undefined, cursor: undefined }) },
  creates: [
    {
      name: 'purchase (provision)',
      input: { type: 'purchase' },
      vendorOptions: { label: 'Front desk', agent_id: 'agent_3kT9wQ2mXv7bN4pL' },
      key: 'POST /agents/phone-numbers/provision',
      secrets: [],
    },
    {
      name: 'link (import through a linked provider)',
      input: { type: 'link', number: '+442079460958', telephonyAccountConnection: 'prov_2Vh7Kq9Lm3Xc' },
      key: 'POST /agents/phone-numbers',
      secrets: [],
    },
  ],
  idempotentWrites: [
    { name: 'update (PATCH)', key: `PATCH /agents/phone-numbers/${ID}`, call: (p) => p.update(ID, { agentId: null }) },
    { name: 'release (DELETE)', key: `DELETE /agents/phone-numbers/${ID}`, call: (p) => p.release(ID) },
  ],
  // Cartesia's providers (the SIP trunks and Twilio accounts numbers are linked through) are managed
  // on the typed client only: the facade links a number through one the caller names.
  unreachable: {
    listProviders: 'provider (SIP trunk, Twilio account) management: the typed client only',
    getProvider: 'provider (SIP trunk, Twilio account) management: the typed client only',
    createProvider: 'provider (SIP trunk, Twilio account) management: the typed client only',
    updateProvider: 'provider (SIP trunk, Twilio account) management: the typed client only',
    deleteProvider: 'provider (SIP trunk, Twilio account) management: the typed client only',
  },
  agents: { id: 'agent_3kT9wQ2mXv7bN4pL', canUnlink: true },
  refuses: {
    createTypes: ['sip-import', 'sip-username', 'sip-uri', 'twilio-import', 'vonage-import', 'telnyx-import', 'byo-import'],
    operations: ['searchAvailable'],
  },
  validation: [
    // Cartesia picks the US number it provisions: provision takes neither.
    { name: 'purchase with an area code', call: (p) => p.create({ type: 'purchase', areaCode: '415' }, undefined), field: 'areaCode', rule: 'unsupported' },
    { name: 'purchase of an exact number', call: (p) => p.create({ type: 'purchase', number: number(1) }, undefined), field: 'number', rule: 'unsupported' },
    // A label is a string Cartesia can replace but not clear.
    { name: 'clearing the name', call: (p) => p.update(ID, { name: null }), field: 'name', rule: 'unsupported' },
    // The page size is 1 to 100, as Cartesia's prose states.
    { name: 'a page of 101', call: (p) => p.list({ limit: 101, cursor: undefined }), field: 'limit', rule: 'maximum' },
    {
      name: 'a label that is no string',
      call: (p) => p.create({ type: 'purchase' }, { label: 42 as unknown as string }),
      field: 'vendorOptions.cartesia.label',
      rule: 'type',
    },
  ],
  paging: {
    pager:
      (n, maxPageSize = Infinity) =>
      (url) => {
        if (url.pathname !== '/agents/phone-numbers') return [404, { error_code: null, title: 'Not found', message: 'Not found.', request_id: 'r-1' }];
        const after = url.searchParams.get('starting_after');
        const offset = after === null ? 0 : Number(after.slice(3)) + 1;
        const size = Math.min(Number(url.searchParams.get('limit') ?? '10'), maxPageSize);
        const data = [];
        for (let i = offset; i < Math.min(offset + size, n); i++) {
          data.push({
            id: idOf(i),
            label: null,
            number: number(i),
            agent: null,
            created_at: '2026-08-20T16:04:11Z',
            updated_at: '2026-08-20T16:04:11Z',
            provider: { type: 'cartesia' },
          });
        }
        return [200, { data, has_more: offset + size < n }];
      },
    idOf,
  },
};
