import type { ProviderFixture } from '@switchboard/testing/conformance';
import { type VocodeProvider, vocodeProvider } from '../src/index.js';

// Vocode for the provider conformance suite: a number of its spec's examples, a create per create
// type (canaries in every secret an inline agent carries), its own rules, and a pager shaped like
// its numbered listing. Vocode addresses a number by itself.

const NUMBER = '+14155550123';
const CONNECTION = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';
const SECRETS = ['CANARY-vocode-voice-key-0b7e', 'CANARY-vocode-openai-key-9d24', 'CANARY-vocode-pinecone-key-3a1c', 'CANARY-vocode-signature-5f08'];
const AGENT = {
  prompt: { content: 'You answer the phone for Acme.' },
  voice: { type: 'voice_eleven_labs' as const, voice_id: 'EXAVITQu4vr4xnSDxMaL', api_key: SECRETS[0]! },
  openai_account_connection: { type: 'account_connection_openai' as const, credentials: { openai_api_key: SECRETS[1]! } },
  vector_database: { type: 'vector_database_pinecone' as const, index: 'acme', api_key: SECRETS[2]! },
  actions: [{ type: 'action_external' as const, config: { name: 'lookup', url: 'https://hooks.example.com/lookup', signature_secret: SECRETS[3]! } }],
};
const digits = (i: number) => `1415555${String(i).padStart(4, '0')}`;

export const vocodeFixture: ProviderFixture<VocodeProvider> = {
  spec: {
    server: 'https://api.vocode.dev/v1',
    operations: {
      'POST /numbers/buy': 'buyNumber',
      'GET /numbers': 'getNumber',
      'GET /numbers/list': 'listNumbers',
      'POST /numbers/update': 'updateNumber',
      'POST /numbers/cancel': 'cancelNumber',
      'POST /numbers/link': 'linkNumber',
    },
    deprecated: [],
    // Vocode documents no number format; its guides write numbers without the leading `+`.
    e164Fields: [],
    secretFields: ['api_key', 'openai_api_key', 'signature_secret', 'twilio_auth_token'],
    proseConstraints: [],
  },
  definition: vocodeProvider,
  get: { name: 'get', id: NUMBER, key: 'GET /numbers', call: (p) => p.get(NUMBER) },
  list: { name: 'list', key: 'GET /numbers/list', call: (p) => p.list({ limit: undefined, cursor: undefined }) },
  creates: [
    {
      name: 'purchase with an inline agent',
      input: { type: 'purchase', areaCode: '415' },
      vendorOptions: { inbound_agent: AGENT },
      key: 'POST /numbers/buy',
      secrets: SECRETS,
    },
    {
      name: 'link with an inline agent',
      input: { type: 'link', number: '+14155550142', telephonyAccountConnection: CONNECTION },
      vendorOptions: { inbound_agent: AGENT },
      key: 'POST /numbers/link',
      secrets: SECRETS,
    },
  ],
  idempotentWrites: [
    { name: 'update (POST /numbers/update)', key: 'POST /numbers/update', call: (p) => p.update(NUMBER, { name: 'Lobby' }) },
    { name: 'release (POST /numbers/cancel)', key: 'POST /numbers/cancel', call: (p) => p.release(NUMBER) },
  ],
  unreachable: {},
  // Vocode documents no way to unlink an agent from a number.
  agents: { id: '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60', canUnlink: false },
  refuses: {
    createTypes: ['sip-import', 'sip-username', 'sip-uri', 'twilio-import', 'vonage-import', 'telnyx-import', 'byo-import'],
    operations: ['searchAvailable'],
  },
  validation: [
    { name: 'purchase with a number', call: (p) => p.create({ type: 'purchase', number: NUMBER }, undefined), field: 'number', rule: 'unsupported' },
    { name: 'outbound_only on a purchase', call: (p) => p.create({ type: 'purchase' }, { outbound_only: true }), field: 'outbound_only', rule: 'unsupported' },
    {
      name: 'telephony_provider on a link',
      call: (p) => p.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: CONNECTION }, { telephony_provider: 'twilio' }),
      field: 'telephony_provider',
      rule: 'unsupported',
    },
    // Vocode's spec takes a UUID (format: uuid) or, for an agent, an inline object.
    {
      name: 'link with an account connection that is not a UUID, and an inline agent',
      call: (p) => p.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: 'not-a-uuid' }, { inbound_agent: AGENT }),
      field: 'telephonyAccountConnection',
      rule: 'format',
      secrets: SECRETS,
    },
    {
      name: 'link with an inbound agent that is not a UUID',
      call: (p) => p.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: CONNECTION }, { inbound_agent: 'not-a-uuid' }),
      field: 'vendorOptions.vocode.inbound_agent',
      rule: 'format',
    },
    { name: 'update with an agentId that is not a UUID', call: (p) => p.update(NUMBER, { agentId: 'not-a-uuid' }), field: 'agentId', rule: 'format' },
    // Vocode pages by number: a cursor is a page number it gave.
    { name: 'page 0 as cursor', call: (p) => p.list({ limit: undefined, cursor: '0' }), field: 'cursor', rule: 'format' },
  ],
  paging: {
    pager:
      (n, maxPageSize = Infinity) =>
      (url) => {
        if (url.pathname !== '/numbers/list') return [404, { detail: 'Not Found' }];
        const page = Number(url.searchParams.get('page') ?? '1');
        const size = Math.min(Number(url.searchParams.get('size') ?? '10'), maxPageSize);
        const items = [];
        for (let i = (page - 1) * size; i < Math.min(page * size, n); i++) {
          items.push({
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            user_id: '0e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
            active: true,
            label: '',
            inbound_agent: null,
            outbound_only: false,
            example_context: null,
            number: digits(i),
            telephony_provider: 'vonage',
            telephony_account_connection: null,
          });
        }
        return [200, { items, page, size, has_more: page * size < n, total: n, total_is_estimated: false }];
      },
    idOf: (i) => `+${digits(i)}`,
  },
};
