import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type CreateInputOf,
  type CreateOptions,
  type CreateType,
  createPhoneNumbers,
  NotFoundError,
  PermissionDeniedError,
  type PhoneNumbers,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { expectedErrorName, specOperations } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import { API_KEY, asSent, collect, onPrism, pathPattern, prismUrl, type Recorder, recorder, specExample } from './helpers.js';

const ERROR_CLASSES: Record<string, typeof ApiError> = {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
};

/** The create types a test exercised, per vendor: checked against `capabilities.create`. */
// Cartesia's creates are exercised by its own package's tests (packages/cartesia/test/provider.test.ts).
const exercised: Record<VendorName, Set<CreateType>> = { vapi: new Set(), vocode: new Set(), vogent: new Set(), retell: new Set(), cartesia: new Set() };

function trueCreateTypes(numbers: { capabilities: { create: Record<CreateType, boolean> } }): CreateType[] {
  return (Object.entries(numbers.capabilities.create) as [CreateType, boolean][]).filter(([, on]) => on).map(([type]) => type);
}

// -------------------------------------------------------------------------------------------------
// Vapi
// -------------------------------------------------------------------------------------------------

const VAPI = {
  assistantId: '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d',
  otherAssistantId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
  credentialId: '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b',
  id: '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a',
};

/** `POST /phone-number` answers its first 201 example, the free Vapi number. */
const vapiCreated = {
  vendor: 'vapi',
  id: '3f9c2a1e-5b7d-4e2a-9c61-0d8e4b7a1f20',
  number: '+14155550123',
  kind: 'pstn',
  canReceiveCalls: null,
  canPlaceCalls: false, // Vapi's own numbers take calls only
  agentId: VAPI.assistantId,
  name: 'Front desk',
  createdAt: '2025-03-04T17:21:09.512Z',
  raw: specExample('vapi', 'POST', '/phone-number', 201),
};

/** `PATCH /phone-number/{id}` answers the Twilio number routed to another assistant. */
const vapiUpdated = {
  vendor: 'vapi',
  id: VAPI.id,
  number: '+14155550142',
  kind: 'pstn',
  canReceiveCalls: null,
  canPlaceCalls: null,
  agentId: VAPI.otherAssistantId,
  name: 'Sales line (after hours)',
  createdAt: '2025-02-11T09:03:44.201Z',
  raw: specExample('vapi', 'PATCH', '/phone-number/{id}', 200),
};

describe('vapi on its Prism mock', () => {
  const listExample = specExample('vapi', 'GET', '/v2/phone-number', 200) as { results: unknown[] };
  const vapiListed = [
    {
      vendor: 'vapi',
      id: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
      number: '+14155550188',
      kind: 'pstn',
      canReceiveCalls: null,
      canPlaceCalls: null,
      agentId: null, // a workflow, not an assistant, answers it
      name: 'Support line',
      createdAt: '2025-03-01T08:15:30.000Z',
      raw: listExample.results[0],
    },
    {
      vendor: 'vapi',
      id: '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a',
      number: '+14155550161',
      kind: 'pstn',
      canReceiveCalls: null,
      canPlaceCalls: null,
      agentId: null,
      name: null,
      createdAt: '2025-02-20T14:42:05.000Z',
      raw: listExample.results[1],
    },
    // Rows that carry no number: a Vapi number still being provisioned, a BYO credential without one.
    {
      vendor: 'vapi',
      id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      number: null,
      kind: 'pstn',
      canReceiveCalls: null,
      canPlaceCalls: false,
      agentId: null,
      name: 'New York line',
      createdAt: '2025-03-07T16:02:11.000Z',
      raw: listExample.results[2],
    },
    {
      vendor: 'vapi',
      id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
      number: null,
      kind: 'pstn',
      canReceiveCalls: null,
      canPlaceCalls: null,
      agentId: null,
      name: 'Carrier trunk',
      createdAt: '2025-03-08T09:45:00.000Z',
      raw: listExample.results[3],
    },
  ];

  test('list returns one normalised page from the v2 (paged) listing, rows without a number as null', async () => {
    const rec = recorder();
    const page = await onPrism('vapi', rec).list({ limit: 10 });
    expect(page).toEqual({ items: vapiListed, nextCursor: null });
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/v2/phone-number', query: { page: '1', limit: '10' } });
    expect(rec.requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  test('list passes a cursor back as the page number', async () => {
    const rec = recorder();
    await onPrism('vapi', rec).list({ cursor: '3' });
    expect(rec.requests[0]!.query).toEqual({ page: '3' });
  });

  test('listAll yields every number of the single-page example, in one request', async () => {
    const rec = recorder();
    expect(await collect(onPrism('vapi', rec).listAll())).toEqual(vapiListed);
    expect(rec.requests).toHaveLength(1);
  });

  test('get maps a SIP-URI number: number is the URI, kind sip, agent from assistantId', async () => {
    const rec = recorder();
    const number = await onPrism('vapi', rec).get(VAPI.id);
    expect(asSent(number)).toEqual({
      vendor: 'vapi',
      id: '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b',
      number: 'sip:switchboard-demo@sip.vapi.ai',
      kind: 'sip',
      canReceiveCalls: null,
      canPlaceCalls: false,
      agentId: VAPI.assistantId,
      name: null,
      createdAt: '2025-03-05T10:30:00.000Z',
      raw: specExample('vapi', 'GET', '/phone-number/{id}', 200),
    });
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /phone-number/${VAPI.id}`]);
  });

  describe('update reads the provider, then patches with it', () => {
    test.each([
      ['link an assistant', { agentId: VAPI.otherAssistantId }, { provider: 'vapi', assistantId: VAPI.otherAssistantId }],
      ['unlink the assistant', { agentId: null }, { provider: 'vapi', assistantId: null }],
      ['rename', { name: 'Lobby' }, { provider: 'vapi', name: 'Lobby' }],
      ['clear the name', { name: null }, { provider: 'vapi', name: '' }],
      ['link and rename', { agentId: VAPI.otherAssistantId, name: 'Lobby' }, { provider: 'vapi', assistantId: VAPI.otherAssistantId, name: 'Lobby' }],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      expect(asSent(await onPrism('vapi', rec).update(VAPI.id, changes))).toEqual(vapiUpdated);
      expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /phone-number/${VAPI.id}`, `PATCH /phone-number/${VAPI.id}`]);
      expect(rec.requests[1]!.body).toEqual(body);
    });
  });

  test('release deletes and resolves to nothing', async () => {
    const rec = recorder();
    await expect(onPrism('vapi', rec).release(VAPI.id)).resolves.toBeUndefined();
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /phone-number/${VAPI.id}`]);
  });

  test('find scans the listing: a listed number, written loosely, is found', async () => {
    expect(await onPrism('vapi').find(' +1 (415) 555-0161 ')).toEqual(vapiListed[1]);
  });

  test('find returns null for a number not in the listing', async () => {
    expect(await onPrism('vapi').find('+19995550100')).toBeNull();
  });

  const hooks = [{ on: 'call.ringing' as const, do: [{ type: 'say' as const, exact: 'Connecting you now.' }] }];
  const vapiCreates: [string, CreateInputOf<'vapi'>, CreateOptions | undefined, Record<string, unknown>][] = [
    ['purchase without an area code', { type: 'purchase' }, undefined, { provider: 'vapi' }],
    [
      'purchase in an area code, with every common vendor option',
      { type: 'purchase', areaCode: '415' },
      {
        vendorOptions: {
          vapi: {
            name: 'Front desk',
            assistantId: VAPI.assistantId,
            server: { url: 'https://hooks.example.com/vapi', timeoutSeconds: 20 },
            fallbackDestination: { type: 'number', number: '+14155550199' },
            hooks,
          },
          // Other vendors' options are ignored.
          vocode: { telephony_provider: 'twilio' },
        },
      },
      {
        provider: 'vapi',
        numberDesiredAreaCode: '415',
        name: 'Front desk',
        assistantId: VAPI.assistantId,
        server: { url: 'https://hooks.example.com/vapi', timeoutSeconds: 20 },
        fallbackDestination: { type: 'number', number: '+14155550199' },
        hooks,
      },
    ],
    [
      'purchase with a workflow or squad',
      { type: 'purchase' },
      { vendorOptions: { vapi: { workflowId: 'wf-1', squadId: 'sq-1' } } },
      { provider: 'vapi', workflowId: 'wf-1', squadId: 'sq-1' },
    ],
    [
      'sip-uri without authentication',
      { type: 'sip-uri', sipUri: 'sip:switchboard-demo@sip.vapi.ai' },
      undefined,
      { provider: 'vapi', sipUri: 'sip:switchboard-demo@sip.vapi.ai' },
    ],
    [
      'sip-uri with authentication',
      { type: 'sip-uri', sipUri: 'sip:switchboard-demo@sip.vapi.ai', username: 'switchboard-sip-user-01', password: 'example-sip-password-0001' },
      undefined,
      {
        provider: 'vapi',
        sipUri: 'sip:switchboard-demo@sip.vapi.ai',
        authentication: { username: 'switchboard-sip-user-01', password: 'example-sip-password-0001' },
      },
    ],
    [
      'sip-uri with authentication and realm',
      {
        type: 'sip-uri',
        sipUri: 'sip:switchboard-demo@sip.vapi.ai',
        username: 'switchboard-sip-user-01',
        password: 'example-sip-password-0001',
        realm: 'sip.example.com',
      },
      { vendorOptions: { vapi: { assistantId: VAPI.assistantId } } },
      {
        provider: 'vapi',
        sipUri: 'sip:switchboard-demo@sip.vapi.ai',
        authentication: { username: 'switchboard-sip-user-01', password: 'example-sip-password-0001', realm: 'sip.example.com' },
        assistantId: VAPI.assistantId,
      },
    ],
    [
      'twilio-import with an auth token (number normalised to E.164)',
      {
        type: 'twilio-import',
        number: '+1 415-555-0142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioAuthToken: '0123456789abcdef0123456789abcdef',
      },
      { vendorOptions: { vapi: { name: 'Sales line', smsEnabled: false } } },
      {
        provider: 'twilio',
        number: '+14155550142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioAuthToken: '0123456789abcdef0123456789abcdef',
        name: 'Sales line',
        smsEnabled: false,
      },
    ],
    [
      'twilio-import with an API key and secret',
      {
        type: 'twilio-import',
        number: '+14155550142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioApiKey: 'SK0123456789abcdef',
        twilioApiSecret: 'api-secret-value',
      },
      undefined,
      {
        provider: 'twilio',
        number: '+14155550142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioApiKey: 'SK0123456789abcdef',
        twilioApiSecret: 'api-secret-value',
      },
    ],
    [
      'vonage-import',
      { type: 'vonage-import', number: '+14155550161', credentialId: '7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e' },
      { vendorOptions: { vapi: { squadId: 'sq-1' } } },
      { provider: 'vonage', number: '+14155550161', credentialId: '7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e', squadId: 'sq-1' },
    ],
    [
      'telnyx-import',
      { type: 'telnyx-import', number: '+14155550188', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c' },
      undefined,
      { provider: 'telnyx', number: '+14155550188', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c' },
    ],
    [
      'byo-import with an E.164 number',
      { type: 'byo-import', credentialId: VAPI.credentialId, number: '+14155550177' },
      { vendorOptions: { vapi: { numberE164CheckEnabled: true, fallbackDestination: { type: 'sip', sipUri: 'sip:reception@pbx.example.com' } } } },
      {
        provider: 'byo-phone-number',
        credentialId: VAPI.credentialId,
        number: '+14155550177',
        numberE164CheckEnabled: true,
        fallbackDestination: { type: 'sip', sipUri: 'sip:reception@pbx.example.com' },
      },
    ],
    [
      'byo-import with a non-E.164 extension',
      { type: 'byo-import', credentialId: VAPI.credentialId, number: '1234' },
      { vendorOptions: { vapi: { numberE164CheckEnabled: false } } },
      { provider: 'byo-phone-number', credentialId: VAPI.credentialId, number: '1234', numberE164CheckEnabled: false },
    ],
    [
      'byo-import without a number',
      { type: 'byo-import', credentialId: VAPI.credentialId },
      undefined,
      { provider: 'byo-phone-number', credentialId: VAPI.credentialId },
    ],
  ];

  test.each(vapiCreates)('create: %s', async (_, input, options, body) => {
    exercised.vapi.add(input.type);
    const rec = recorder();
    expect(await onPrism('vapi', rec).create(input, options)).toEqual(vapiCreated);
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/phone-number' });
    expect(rec.requests[0]!.body).toEqual(body);
  });

  test('every create type vapi supports was exercised', () => {
    expect([...exercised.vapi].sort()).toEqual(trueCreateTypes(onPrism('vapi')).sort());
  });
});

// -------------------------------------------------------------------------------------------------
// Vocode
// -------------------------------------------------------------------------------------------------

const VOCODE = {
  agentId: '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60',
  accountConnection: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8',
};

describe('vocode on its Prism mock', () => {
  const listExample = specExample('vocode', 'GET', '/numbers/list', 200) as { items: unknown[] };
  const vocodeListed = [
    {
      vendor: 'vocode',
      id: '+14155550123',
      number: '+14155550123',
      kind: 'pstn',
      canReceiveCalls: null,
      canPlaceCalls: null,
      agentId: VOCODE.agentId, // a bare UUID on list items
      name: 'Front desk',
      createdAt: null,
      raw: listExample.items[0],
    },
    {
      vendor: 'vocode',
      id: '+14155550142',
      number: '+14155550142',
      kind: 'pstn',
      canReceiveCalls: false,
      canPlaceCalls: true, // outbound_only
      agentId: null,
      name: null, // label '' is no name
      createdAt: null,
      raw: listExample.items[1],
    },
  ];
  /** Single-number answers expand the agent; the facade takes its id. */
  const expanded = (method: string, path: string) => ({
    vendor: 'vocode',
    id: '+14155550123',
    number: '+14155550123',
    kind: 'pstn',
    canReceiveCalls: null,
    canPlaceCalls: null,
    agentId: VOCODE.agentId,
    name: 'Front desk',
    createdAt: null,
    raw: specExample('vocode', method, path, 200),
  });

  test('list returns one normalised page: ids and numbers gain the "+", raw keeps digits', async () => {
    const rec = recorder();
    const page = await onPrism('vocode', rec).list({ limit: 10 });
    expect(page).toEqual({ items: vocodeListed, nextCursor: null });
    expect(page.items.map((item) => item.raw.number)).toEqual(['14155550123', '14155550142']);
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/numbers/list', query: { page: '1', size: '10' } });
  });

  test('list passes a cursor back as the page number', async () => {
    const rec = recorder();
    await onPrism('vocode', rec).list({ cursor: '2' });
    expect(rec.requests[0]!.query).toEqual({ page: '2' });
  });

  test('listAll yields every number of the single-page example', async () => {
    const rec = recorder();
    expect(await collect(onPrism('vocode', rec).listAll())).toEqual(vocodeListed);
    expect(rec.requests).toHaveLength(1);
  });

  test('get addresses the number by its digits in the query; the agent is expanded', async () => {
    const rec = recorder();
    expect(await onPrism('vocode', rec).get('+1 (415) 555-0123')).toEqual(expanded('GET', '/numbers'));
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/numbers', query: { phone_number: '14155550123' } });
  });

  describe('update posts the changes with the number in the query', () => {
    test.each([
      ['link an agent', { agentId: VOCODE.agentId }, { inbound_agent: VOCODE.agentId }],
      ['rename', { name: 'Lobby' }, { label: 'Lobby' }],
      ['clear the name', { name: null }, { label: '' }],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      const updated = await onPrism('vocode', rec).update('+14155550123', changes);
      expect(updated).toEqual(expanded('POST', '/numbers/update'));
      expect(rec.requests).toHaveLength(1);
      expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/numbers/update', query: { phone_number: '14155550123' }, body });
    });
  });

  test('unlinking the agent is refused, naming Vocode, and nothing is sent: Vocode documents no way to unlink', async () => {
    const rec = recorder();
    await expect(onPrism('vocode', rec).update('+14155550123', { agentId: null })).rejects.toMatchObject({
      name: 'UnsupportedOperationError',
      vendor: 'vocode',
      operation: 'update',
    });
    expect(rec.requests).toHaveLength(0);
  });

  test('release cancels the number', async () => {
    const rec = recorder();
    await expect(onPrism('vocode', rec).release('+14155550123')).resolves.toBeUndefined();
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/numbers/cancel', query: { phone_number: '14155550123' }, body: undefined });
  });

  test('find looks the number up directly (one request, no scan)', async () => {
    const rec = recorder();
    expect(await onPrism('vocode', rec).find('+14155550123')).toEqual(expanded('GET', '/numbers'));
    expect(rec.requests.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`)).toEqual(['GET /numbers?phone_number=14155550123']);
  });

  const bought = {
    vendor: 'vocode',
    id: '+14155550123',
    number: '+14155550123',
    kind: 'pstn',
    canReceiveCalls: null,
    canPlaceCalls: null,
    agentId: VOCODE.agentId,
    name: null,
    createdAt: null,
    raw: specExample('vocode', 'POST', '/numbers/buy', 200),
  };
  const linked = {
    vendor: 'vocode',
    id: '+14155550142',
    number: '+14155550142',
    kind: 'pstn',
    canReceiveCalls: false,
    canPlaceCalls: true, // outbound_only
    agentId: null,
    name: null,
    createdAt: null,
    raw: specExample('vocode', 'POST', '/numbers/link', 200),
  };
  const vocodeCreates: [string, CreateInputOf<'vocode'>, CreateOptions | undefined, string, unknown, unknown][] = [
    ['purchase without an area code sends no body', { type: 'purchase' }, undefined, '/numbers/buy', undefined, bought],
    ['purchase in an area code', { type: 'purchase', areaCode: '415' }, undefined, '/numbers/buy', { area_code: '415' }, bought],
    [
      'purchase with vendor options',
      { type: 'purchase', areaCode: '415' },
      { vendorOptions: { vocode: { telephony_provider: 'twilio', inbound_agent: VOCODE.agentId }, vapi: { name: 'ignored' } } },
      '/numbers/buy',
      { area_code: '415', telephony_provider: 'twilio', inbound_agent: VOCODE.agentId },
      bought,
    ],
    [
      'purchase into an account connection',
      { type: 'purchase' },
      { vendorOptions: { vocode: { telephony_provider: 'twilio', telephony_account_connection: VOCODE.accountConnection } } },
      '/numbers/buy',
      { telephony_provider: 'twilio', telephony_account_connection: VOCODE.accountConnection },
      bought,
    ],
    [
      'link (number sent as digits)',
      { type: 'link', number: '+1 415 555 0142', telephonyAccountConnection: VOCODE.accountConnection },
      undefined,
      '/numbers/link',
      { phone_number: '14155550142', telephony_account_connection: VOCODE.accountConnection },
      linked,
    ],
    [
      'link outbound-only with an inbound agent',
      { type: 'link', number: '+14155550142', telephonyAccountConnection: VOCODE.accountConnection },
      { vendorOptions: { vocode: { outbound_only: true, inbound_agent: VOCODE.agentId } } },
      '/numbers/link',
      { phone_number: '14155550142', telephony_account_connection: VOCODE.accountConnection, outbound_only: true, inbound_agent: VOCODE.agentId },
      linked,
    ],
  ];

  test.each(vocodeCreates)('create: %s', async (_, input, options, path, body, expected) => {
    exercised.vocode.add(input.type);
    const rec = recorder();
    expect(asSent(await onPrism('vocode', rec).create(input, options))).toEqual(expected);
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path });
    expect(rec.requests[0]!.body).toEqual(body);
  });

  test('every create type vocode supports was exercised', () => {
    expect([...exercised.vocode].sort()).toEqual(trueCreateTypes(onPrism('vocode')).sort());
  });
});

// -------------------------------------------------------------------------------------------------
// Vogent
// -------------------------------------------------------------------------------------------------

const VOGENT = {
  id: '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40',
  sipId: '3c7a9e2d-1b4f-4d6a-8e5c-7f0a2b9c1d38',
  agentId: '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60',
};

describe('vogent on its Prism mock', () => {
  const listExample = specExample('vogent', 'GET', '/phone_numbers', 200) as { data: unknown[] };
  /** What Vogent never says of a number: its names, creation time and call directions. */
  const unsaid = { name: null, createdAt: null, canReceiveCalls: null, canPlaceCalls: null };
  const vogentListed = [
    { vendor: 'vogent', id: VOGENT.id, number: '+14155550123', kind: 'pstn', agentId: VOGENT.agentId, ...unsaid, raw: listExample.data[0] },
    // A SIP_USERNAME number: its number is the SIP username.
    { vendor: 'vogent', id: VOGENT.sipId, number: 'acme-support', kind: 'sip', agentId: null, ...unsaid, raw: listExample.data[1] },
  ];
  const pstn = (method: string, path: string, agentId: string | null) => ({
    vendor: 'vogent',
    id: VOGENT.id,
    number: '+14155550123',
    kind: 'pstn',
    agentId,
    ...unsaid,
    raw: specExample('vogent', method, path, 200),
  });

  test('list returns one normalised page and its cursor (SIP_USERNAME → kind sip)', async () => {
    const rec = recorder();
    const page = await onPrism('vogent', rec).list({ limit: 10, cursor: 'eyJvZmZzZXQiOjEwfQ==' });
    expect(page).toEqual({ items: vogentListed, nextCursor: null });
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/phone_numbers', query: { limit: '10', cursor: 'eyJvZmZzZXQiOjEwfQ==' } });
  });

  test('listAll yields every number of the single-page example', async () => {
    const rec = recorder();
    expect(await collect(onPrism('vogent', rec).listAll({ pageSize: 50 }))).toEqual(vogentListed);
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]!.query).toEqual({ limit: '50' });
  });

  test('get', async () => {
    const rec = recorder();
    expect(await onPrism('vogent', rec).get(VOGENT.id)).toEqual(pstn('GET', '/phone_numbers/{id}', VOGENT.agentId));
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /phone_numbers/${VOGENT.id}`]);
  });

  describe('update puts the agent change', () => {
    test.each([
      ['link an agent', { agentId: VOGENT.agentId }, { agentId: VOGENT.agentId }],
      ['unlink the agent (Vogent: the empty string)', { agentId: null }, { agentId: '' }],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      expect(await onPrism('vogent', rec).update(VOGENT.id, changes)).toEqual(pstn('PUT', '/phone_numbers/{id}', VOGENT.agentId));
      expect(rec.requests).toHaveLength(1);
      expect(rec.requests[0]).toMatchObject({ method: 'PUT', path: `/phone_numbers/${VOGENT.id}`, body });
    });
  });

  test('release deletes', async () => {
    const rec = recorder();
    await expect(onPrism('vogent', rec).release(VOGENT.id)).resolves.toBeUndefined();
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /phone_numbers/${VOGENT.id}`]);
  });

  test('find scans the listing', async () => {
    expect(await onPrism('vogent').find('+1 415 555 0123')).toEqual(vogentListed[0]);
    expect(await onPrism('vogent').find('+19995550100')).toBeNull();
  });

  test.each([
    ['a prefix', { prefix: '415' }, { prefix: '415' }],
    ['an area code, a lower-case country and a limit', { areaCode: '415', country: 'us', limit: 5 }, { prefix: '415', country: 'US', limit: 5 }],
  ])('searchAvailable with %s', async (_, query, body) => {
    const rec = recorder();
    expect(await onPrism('vogent', rec).searchAvailable(query)).toEqual([
      { vendor: 'vogent', number: '+14155550123' },
      { vendor: 'vogent', number: '+14155550187' },
    ]);
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/phone_numbers/search', body });
  });

  const vogentCreates: [string, CreateInputOf<'vogent'>, Record<string, unknown>][] = [
    ['purchase a number found by search', { type: 'purchase', number: '+1 (415) 555-0123' }, { type: 'purchase', purchase: { number: '+14155550123' } }],
    [
      'sip-import',
      { type: 'sip-import', number: '+14155550142', terminationUri: 'acme-trunk.pstn.example.com', username: 'acme-trunk-user', password: 's3cret-trunk-pass' },
      {
        type: 'sip_import',
        sipImport: { phoneNumber: '+14155550142', terminationUri: 'acme-trunk.pstn.example.com', username: 'acme-trunk-user', password: 's3cret-trunk-pass' },
      },
    ],
    [
      'sip-username',
      { type: 'sip-username', sipPrefix: 'acme-support', username: 'acme-auth', password: 's3cret-sip-pass' },
      { type: 'vogent_sip', vogentSip: { sipPrefix: 'acme-support', username: 'acme-auth', password: 's3cret-sip-pass' } },
    ],
  ];

  test.each(vogentCreates)('create: %s', async (_, input, body) => {
    exercised.vogent.add(input.type);
    const rec = recorder();
    expect(await onPrism('vogent', rec).create(input)).toEqual(pstn('POST', '/phone_numbers', null));
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/phone_numbers', body });
  });

  test('every create type vogent supports was exercised', () => {
    expect([...exercised.vogent].sort()).toEqual(trueCreateTypes(onPrism('vogent')).sort());
  });
});

// -------------------------------------------------------------------------------------------------
// Retell
// -------------------------------------------------------------------------------------------------

const RETELL = {
  number: '+14155550123',
  /** Retell's path carries the number; openapi-fetch percent-encodes its "+", which Retell reads the same. */
  path: '%2B14155550123',
  agentId: 'agent_5b7d4e2a9c610d8e4b7a1f20',
  otherAgentId: 'agent_9a7b6c5d4e3f4a1b8c2d1e0f',
};

describe('retell on its Prism mock', () => {
  const listExample = specExample('retell', 'GET', '/v2/list-phone-numbers', 200) as { items: unknown[] };
  const retellListed = [
    {
      vendor: 'retell',
      id: RETELL.number,
      number: RETELL.number,
      kind: 'pstn',
      canReceiveCalls: true,
      canPlaceCalls: null, // inbound agents, no outbound ones
      agentId: RETELL.agentId,
      name: 'Front desk',
      createdAt: null, // Retell sends when a number last changed, not when it was created
      raw: listExample.items[0],
    },
    {
      vendor: 'retell',
      id: '+14155550177',
      number: '+14155550177',
      kind: 'pstn',
      canReceiveCalls: false,
      canPlaceCalls: null, // no inbound agents: no inbound calls
      agentId: null, // inbound_agents: null
      name: 'Carrier line',
      createdAt: null,
      raw: listExample.items[1],
    },
  ];
  const single = (method: string, path: string, status: number, name: string, number = RETELL.number) => ({
    vendor: 'retell',
    id: number,
    number,
    kind: 'pstn',
    canReceiveCalls: true,
    canPlaceCalls: true,
    agentId: RETELL.agentId, // the first of the weighted inbound agents
    name,
    createdAt: null,
    raw: specExample('retell', method, path, status),
  });

  test('list returns one normalised page from the v2 listing', async () => {
    const rec = recorder();
    const page = await onPrism('retell', rec).list({ limit: 10 });
    expect(page).toEqual({ items: retellListed, nextCursor: null });
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/v2/list-phone-numbers', query: { limit: '10' } });
    expect(rec.requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  test('list passes a cursor back as pagination_key, and a page with more gives its key as the next cursor', async () => {
    const rec = recorder();
    const numbers = onPrism('retell', rec);
    await numbers.list({ cursor: '+14155550177' });
    expect(rec.requests[0]!.query).toEqual({ pagination_key: '+14155550177' });
    const more = createPhoneNumbers({
      vendor: 'retell',
      apiKey: API_KEY,
      baseUrl: prismUrl('retell'),
      maxRetries: 0,
      fetch: (request) => {
        request.headers.set('Prefer', 'example=morePages');
        return fetch(request);
      },
    });
    expect(await more.list()).toEqual({ items: retellListed, nextCursor: '+14155550177' });
  });

  test('listAll yields every number of the single-page example, in one request', async () => {
    const rec = recorder();
    expect(await collect(onPrism('retell', rec).listAll())).toEqual(retellListed);
    expect(rec.requests).toHaveLength(1);
  });

  test('get addresses the number by itself in the path', async () => {
    const rec = recorder();
    expect(await onPrism('retell', rec).get('+1 (415) 555-0123')).toEqual(single('GET', '/get-phone-number/{phone_number}', 200, 'Front desk'));
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /get-phone-number/${RETELL.path}`]);
  });

  describe('update patches the changes, the number in the path', () => {
    test.each([
      ['link an agent: it takes every inbound call', { agentId: RETELL.otherAgentId }, { inbound_agents: [{ agent_id: RETELL.otherAgentId, weight: 1 }] }],
      ['unlink the agents (Retell: null clears the list)', { agentId: null }, { inbound_agents: null }],
      ['rename', { name: 'Lobby' }, { nickname: 'Lobby' }],
      ['clear the name (Retell: null clears the nickname)', { name: null }, { nickname: null }],
      [
        'link and rename',
        { agentId: RETELL.otherAgentId, name: 'Lobby' },
        { inbound_agents: [{ agent_id: RETELL.otherAgentId, weight: 1 }], nickname: 'Lobby' },
      ],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      expect(await onPrism('retell', rec).update(RETELL.number, changes)).toEqual(
        single('PATCH', '/update-phone-number/{phone_number}', 200, 'Front desk (after hours)'),
      );
      expect(rec.requests).toHaveLength(1);
      expect(rec.requests[0]).toMatchObject({ method: 'PATCH', path: `/update-phone-number/${RETELL.path}`, body });
    });
  });

  test('release deletes and resolves to nothing', async () => {
    const rec = recorder();
    await expect(onPrism('retell', rec).release(RETELL.number)).resolves.toBeUndefined();
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /delete-phone-number/${RETELL.path}`]);
    expect(rec.requests[0]!.body).toBeUndefined();
  });

  test('find looks the number up directly (one request, no scan)', async () => {
    const rec = recorder();
    expect(await onPrism('retell', rec).find(' +1 415 555 0123 ')).toEqual(single('GET', '/get-phone-number/{phone_number}', 200, 'Front desk'));
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /get-phone-number/${RETELL.path}`]);
  });

  test('find returns null when Retell answers 422 (its answer for a number not in the workspace)', async () => {
    const rec = recorder({ method: 'GET', path: '/get-phone-number/{phone_number}', status: 422 });
    expect(await onPrism('retell', rec).find('+19995550100')).toBeNull();
    expect(rec.requests).toHaveLength(1);
  });

  test('find returns null when the answer is another number', async () => {
    expect(await onPrism('retell').find('+19995550100')).toBeNull();
  });

  const bought = single('POST', '/create-phone-number', 201, 'Front desk');
  // Imported with inbound agents only: Retell does not say whether it can place calls.
  const imported = { ...single('POST', '/import-phone-number', 201, 'Carrier line', '+14155550177'), canPlaceCalls: null };
  const retellCreates: [string, CreateInputOf<'retell'>, CreateOptions | undefined, string, unknown, unknown][] = [
    ['purchase without an area code sends {} (Retell picks a US number)', { type: 'purchase' }, undefined, '/create-phone-number', {}, bought],
    [
      'purchase in an area code sends it as the integer Retell takes',
      { type: 'purchase', areaCode: '415' },
      undefined,
      '/create-phone-number',
      { area_code: 415 },
      bought,
    ],
    [
      'purchase an exact number',
      { type: 'purchase', number: '+1 (415) 555-0123' },
      undefined,
      '/create-phone-number',
      { phone_number: '+14155550123' },
      bought,
    ],
    [
      'purchase with vendor options',
      { type: 'purchase', areaCode: '415' },
      {
        vendorOptions: {
          retell: {
            nickname: 'Front desk',
            number_provider: 'telnyx',
            country_code: 'US',
            inbound_agents: [
              { agent_id: RETELL.agentId, agent_version: 'latest_published', weight: 0.7 },
              { agent_id: RETELL.otherAgentId, weight: 0.3 },
            ],
            outbound_agents: [{ agent_id: RETELL.agentId, agent_version: 3, weight: 1 }],
            inbound_webhook_url: 'https://hooks.example.com/retell/inbound',
            allowed_inbound_country_list: ['US', 'CA'],
            allowed_outbound_country_list: null,
            transport: 'TLS',
            fallback_number: '+14155550199',
          },
          // Other vendors' options are ignored.
          vapi: { name: 'ignored' },
        },
      },
      '/create-phone-number',
      {
        area_code: 415,
        nickname: 'Front desk',
        number_provider: 'telnyx',
        country_code: 'US',
        inbound_agents: [
          { agent_id: RETELL.agentId, agent_version: 'latest_published', weight: 0.7 },
          { agent_id: RETELL.otherAgentId, weight: 0.3 },
        ],
        outbound_agents: [{ agent_id: RETELL.agentId, agent_version: 3, weight: 1 }],
        inbound_webhook_url: 'https://hooks.example.com/retell/inbound',
        allowed_inbound_country_list: ['US', 'CA'],
        allowed_outbound_country_list: null,
        transport: 'TLS',
        fallback_number: '+14155550199',
      },
      bought,
    ],
    ['purchase toll-free', { type: 'purchase' }, { vendorOptions: { retell: { toll_free: true } } }, '/create-phone-number', { toll_free: true }, bought],
    [
      'sip-import',
      {
        type: 'sip-import',
        number: '+1 415 555 0177',
        terminationUri: 'acme-trunk.pstn.twilio.com',
        username: 'acme-trunk-user',
        password: 's3cret-trunk-pass',
      },
      undefined,
      '/import-phone-number',
      {
        phone_number: '+14155550177',
        termination_uri: 'acme-trunk.pstn.twilio.com',
        sip_trunk_auth_username: 'acme-trunk-user',
        sip_trunk_auth_password: 's3cret-trunk-pass',
      },
      imported,
    ],
    [
      'sip-import with vendor options',
      { type: 'sip-import', number: '+14155550177', terminationUri: 'acme-trunk.pstn.twilio.com', username: 'acme-trunk-user', password: 's3cret-trunk-pass' },
      {
        vendorOptions: {
          retell: { nickname: 'Carrier line', ignore_e164_validation: false, transport: 'TLS', inbound_agents: [{ agent_id: RETELL.agentId, weight: 1 }] },
        },
      },
      '/import-phone-number',
      {
        phone_number: '+14155550177',
        termination_uri: 'acme-trunk.pstn.twilio.com',
        sip_trunk_auth_username: 'acme-trunk-user',
        sip_trunk_auth_password: 's3cret-trunk-pass',
        nickname: 'Carrier line',
        ignore_e164_validation: false,
        transport: 'TLS',
        inbound_agents: [{ agent_id: RETELL.agentId, weight: 1 }],
      },
      imported,
    ],
  ];

  test.each(retellCreates)('create: %s', async (_, input, options, path, body, expected) => {
    exercised.retell.add(input.type);
    const rec = recorder();
    expect(await onPrism('retell', rec).create(input, options)).toEqual(expected);
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path });
    expect(rec.requests[0]!.body).toEqual(body);
  });

  test('every create type retell supports was exercised', () => {
    expect([...exercised.retell].sort()).toEqual(trueCreateTypes(onPrism('retell')).sort());
  });
});

// -------------------------------------------------------------------------------------------------
// Declared errors, through the facade
// -------------------------------------------------------------------------------------------------

type Call = (numbers: PhoneNumbers<never>) => Promise<unknown>;
const any = (numbers: PhoneNumbers<never>) => numbers as unknown as PhoneNumbers;

/** For each spec operation, a facade call that reaches it. */
const CALLS: Record<VendorName, Record<string, Call>> = {
  vapi: {
    createPhoneNumber: (n) => any(n).create({ type: 'purchase', areaCode: '415' }),
    listPhoneNumbersPaginated: (n) => any(n).list(),
    getPhoneNumber: (n) => any(n).get(VAPI.id),
    // update reads first (GET), then patches: only the PATCH is asked to fail.
    updatePhoneNumber: (n) => any(n).update(VAPI.id, { agentId: VAPI.assistantId }),
    deletePhoneNumber: (n) => any(n).release(VAPI.id),
  },
  vocode: {
    listNumbers: (n) => any(n).list(),
    getNumber: (n) => any(n).get('+14155550123'),
    buyNumber: (n) => any(n).create({ type: 'purchase', areaCode: '415' }),
    linkNumber: (n) => any(n).create({ type: 'link', number: '+14155550142', telephonyAccountConnection: VOCODE.accountConnection }),
    updateNumber: (n) => any(n).update('+14155550123', { name: 'Lobby' }),
    cancelNumber: (n) => any(n).release('+14155550123'),
  },
  vogent: {
    listPhoneNumbers: (n) => any(n).list(),
    createPhoneNumber: (n) => any(n).create({ type: 'sip-username', sipPrefix: 'acme-support', username: 'acme-auth', password: 's3cret-sip-pass' }),
    getPhoneNumber: (n) => any(n).get(VOGENT.id),
    updatePhoneNumber: (n) => any(n).update(VOGENT.id, { agentId: null }),
    deletePhoneNumber: (n) => any(n).release(VOGENT.id),
    searchAvailablePhoneNumbers: (n) => (any(n) as PhoneNumbers<'vogent'>).searchAvailable({ prefix: '415' }),
  },
  retell: {
    createPhoneNumber: (n) => any(n).create({ type: 'purchase', areaCode: '415' }),
    importPhoneNumber: (n) =>
      any(n).create({
        type: 'sip-import',
        number: '+14155550177',
        terminationUri: 'acme-trunk.pstn.twilio.com',
        username: 'acme-trunk-user',
        password: 's3cret-trunk-pass',
      }),
    getPhoneNumber: (n) => any(n).get(RETELL.number),
    listPhoneNumbers: (n) => any(n).list(),
    updatePhoneNumber: (n) => any(n).update(RETELL.number, { agentId: RETELL.agentId }),
    deletePhoneNumber: (n) => any(n).release(RETELL.number),
  },
  cartesia: {
    listPhoneNumbers: (n) => any(n).list(),
    importPhoneNumber: (n) => any(n).create({ type: 'link', number: '+442079460958', telephonyAccountConnection: 'prov_2Vh7Kq9Lm3Xc' }),
    getPhoneNumber: (n) => any(n).get('pn_2hG5jR8tY0uW'),
    updatePhoneNumber: (n) => any(n).update('pn_2hG5jR8tY0uW', { agentId: null }),
    deletePhoneNumber: (n) => any(n).release('pn_2hG5jR8tY0uW'),
    provisionPhoneNumber: (n) => any(n).create({ type: 'purchase' }),
  },
};

/** Spec operations no facade method sends (and why). */
const UNREACHABLE: Record<VendorName, Record<string, string>> = {
  vapi: { listPhoneNumbers: 'the facade lists through the paged v2 endpoint' },
  vocode: {},
  vogent: { purchasePhoneNumber: 'deprecated; create({ type: "purchase" }) uses POST /phone_numbers' },
  retell: {},
  cartesia: Object.fromEntries(
    ['listProviders', 'createProvider', 'getProvider', 'updateProvider', 'deleteProvider'].map((operation) => [
      operation,
      'linked providers are on the typed client only',
    ]),
  ),
};

describe.each(VENDOR_NAMES)('%s: declared errors through the facade', (vendor) => {
  const operations = specOperations(vendor);

  test('every spec operation is either reached by a facade call here or listed as unreachable', () => {
    const covered = [...Object.keys(CALLS[vendor]), ...Object.keys(UNREACHABLE[vendor])].sort();
    expect(covered).toEqual(operations.map((op) => op.operationId).sort());
  });

  const cases = operations
    .filter((op) => CALLS[vendor][op.operationId])
    .flatMap((op) => op.errorStatuses.map((status) => [op.operationId, op.method, op.path, status] as const));

  test.each(cases)('%s (%s %s): a declared %i rejects with its typed error', async (operationId, method, path, status) => {
    const rec: Recorder = recorder({ method, path, status });
    const numbers = onPrism(vendor, rec) as unknown as PhoneNumbers<never>;
    const error = await CALLS[vendor][operationId]!(numbers).then(
      () => undefined,
      (e: unknown) => e,
    );
    const expectedClass = ERROR_CLASSES[expectedErrorName(status)]!;
    expect(error).toBeInstanceOf(expectedClass);
    expect(error).toBeInstanceOf(ApiError);
    // A write that failed with a 5xx may have happened; anything else did not.
    const outcomeUnknown = method !== 'GET' && status >= 500;
    expect(error).toMatchObject({ name: expectedErrorName(status), vendor, status, operation: operationId, outcomeUnknown });
    // Nothing is retried (the clients here allow no retries), and nothing in the error carries the API key.
    expect(rec.requests.filter((r) => r.method === method && pathPattern(path).test(r.path))).toHaveLength(1);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect((error as Error).message).not.toContain(API_KEY);
  });
});
