/**
 * Vapi's provider against the Prism mock of its spec: how each neutral call becomes Vapi's request
 * and each answer the neutral model (moved here from the facade's tests: the facade hands the
 * provider inputs already checked and normalised, so these calls do too), then the listing and the
 * answers a broken or newer Vapi sends. The provider hands on what the pages say; the facade's own
 * rules (a repeated cursor ends the walk in a PaginationError) are the facade's tests.
 */
import { InvalidResponseError, UnsupportedOperationError } from '@switchboard/core';
import type { CreatePhoneNumberInput } from '@switchboard/provider';
import {
  createTypesOf,
  onlyRequest,
  PROVIDER_TEST_KEY,
  providerTestbed,
  type Recorder,
  recorder,
  specExample,
  supportedCreateTypes,
} from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import type { VapiVendorOptions } from '../src/index.js';
import { vapiFixture } from './fixture.js';

const ASSISTANT = '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d';
const OTHER_ASSISTANT = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const CREDENTIAL = '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b';
const ID = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';

const { onPrism, serving, behindFaults, listExample } = providerTestbed(vapiFixture);
const sent = (rec: Recorder) => rec.requests.map((request) => `${request.method} ${request.path}`);

/** `POST /phone-number` answers its first 201 example, the free Vapi number. */
const created = {
  vendor: 'vapi',
  id: '3f9c2a1e-5b7d-4e2a-9c61-0d8e4b7a1f20',
  number: '+14155550123',
  kind: 'pstn',
  canReceiveCalls: null,
  canPlaceCalls: false, // Vapi's own numbers take calls only
  agentId: ASSISTANT,
  name: 'Front desk',
  createdAt: '2025-03-04T17:21:09.512Z',
  raw: specExample('vapi', 'POST', '/phone-number', 201),
};

/** `PATCH /phone-number/{id}` answers the Twilio number routed to another assistant. */
const updated = {
  vendor: 'vapi',
  id: ID,
  number: '+14155550142',
  kind: 'pstn',
  canReceiveCalls: null,
  canPlaceCalls: null,
  agentId: OTHER_ASSISTANT,
  name: 'Sales line (after hours)',
  createdAt: '2025-02-11T09:03:44.201Z',
  raw: specExample('vapi', 'PATCH', '/phone-number/{id}', 200),
};

const { results: listedRaw } = listExample as { results: unknown[] };
const listed = [
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
    raw: listedRaw[0],
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
    raw: listedRaw[1],
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
    raw: listedRaw[2],
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
    raw: listedRaw[3],
  },
];

describe('vapi provider on its Prism mock', () => {
  test('list returns one normalised page from the v2 (paged) listing, rows without a number as null, and its last page', async () => {
    const rec = recorder();
    // 4 numbers at 100 a page: page 1 is the last (listAll reads the pages up to it ahead).
    expect(await onPrism(rec).list({ limit: 10, cursor: undefined })).toEqual({ items: listed, nextCursor: null, lastPage: 1 });
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/v2/phone-number', query: { page: '1', limit: '10' } });
    expect(rec.requests[0]!.headers.get('authorization')).toBe(`Bearer ${PROVIDER_TEST_KEY}`);
  });

  test('list passes a cursor back as the page number', async () => {
    const rec = recorder();
    await onPrism(rec).list({ limit: undefined, cursor: '3' });
    expect(rec.requests[0]!.query).toEqual({ page: '3' });
  });

  test('get maps a SIP-URI number: number is the URI, kind sip, agent from assistantId', async () => {
    const rec = recorder();
    expect(await onPrism(rec).get(ID)).toEqual({
      vendor: 'vapi',
      id: '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b',
      number: 'sip:switchboard-demo@sip.vapi.ai',
      kind: 'sip',
      canReceiveCalls: null,
      canPlaceCalls: false,
      agentId: ASSISTANT,
      name: null,
      createdAt: '2025-03-05T10:30:00.000Z',
      raw: specExample('vapi', 'GET', '/phone-number/{id}', 200),
    });
    expect(sent(rec)).toEqual([`GET /phone-number/${ID}`]);
  });

  describe('update reads the provider, then patches with it', () => {
    test.each([
      ['link an assistant', { agentId: OTHER_ASSISTANT }, { provider: 'vapi', assistantId: OTHER_ASSISTANT }],
      ['unlink the assistant', { agentId: null }, { provider: 'vapi', assistantId: null }],
      ['rename', { name: 'Lobby' }, { provider: 'vapi', name: 'Lobby' }],
      ['clear the name', { name: null }, { provider: 'vapi', name: '' }],
      ['link and rename', { agentId: OTHER_ASSISTANT, name: 'Lobby' }, { provider: 'vapi', assistantId: OTHER_ASSISTANT, name: 'Lobby' }],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      expect(await onPrism(rec).update(ID, changes)).toEqual(updated);
      expect(sent(rec)).toEqual([`GET /phone-number/${ID}`, `PATCH /phone-number/${ID}`]);
      expect(rec.requests[1]!.body).toEqual(body);
    });
  });

  test('release deletes and resolves to nothing', async () => {
    const rec = recorder();
    await expect(onPrism(rec).release(ID)).resolves.toBeUndefined();
    expect(sent(rec)).toEqual([`DELETE /phone-number/${ID}`]);
  });

  test('has no lookup by number: the facade finds a number by walking the listing', () => {
    expect(onPrism().findByNumber).toBeUndefined();
  });

  const COMMON_OPTIONS: VapiVendorOptions = {
    name: 'Front desk',
    assistantId: ASSISTANT,
    server: { url: 'https://hooks.example.com/vapi', timeoutSeconds: 20 },
    fallbackDestination: { type: 'number', number: '+14155550199' },
    hooks: [{ on: 'call.ringing', do: [{ type: 'say', exact: 'Connecting you now.' }] }],
  };
  const creates: [string, CreatePhoneNumberInput, VapiVendorOptions | undefined, Record<string, unknown>][] = [
    ['purchase without an area code', { type: 'purchase' }, undefined, { provider: 'vapi' }],
    [
      'purchase in an area code, with every common vendor option',
      { type: 'purchase', areaCode: '415' },
      COMMON_OPTIONS,
      { provider: 'vapi', numberDesiredAreaCode: '415', ...COMMON_OPTIONS },
    ],
    [
      'purchase with a workflow or squad',
      { type: 'purchase' },
      { workflowId: 'wf-1', squadId: 'sq-1' },
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
      { assistantId: ASSISTANT },
      {
        provider: 'vapi',
        sipUri: 'sip:switchboard-demo@sip.vapi.ai',
        authentication: { username: 'switchboard-sip-user-01', password: 'example-sip-password-0001', realm: 'sip.example.com' },
        assistantId: ASSISTANT,
      },
    ],
    [
      'twilio-import with an auth token',
      {
        type: 'twilio-import',
        number: '+14155550142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioAuthToken: '0123456789abcdef0123456789abcdef',
      },
      { name: 'Sales line', smsEnabled: false },
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
      { squadId: 'sq-1' },
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
      { type: 'byo-import', credentialId: CREDENTIAL, number: '+14155550177' },
      { numberE164CheckEnabled: true, fallbackDestination: { type: 'sip', sipUri: 'sip:reception@pbx.example.com' } },
      {
        provider: 'byo-phone-number',
        credentialId: CREDENTIAL,
        number: '+14155550177',
        numberE164CheckEnabled: true,
        fallbackDestination: { type: 'sip', sipUri: 'sip:reception@pbx.example.com' },
      },
    ],
    [
      'byo-import with a non-E.164 extension',
      { type: 'byo-import', credentialId: CREDENTIAL, number: '1234' },
      { numberE164CheckEnabled: false },
      { provider: 'byo-phone-number', credentialId: CREDENTIAL, number: '1234', numberE164CheckEnabled: false },
    ],
    ['byo-import without a number', { type: 'byo-import', credentialId: CREDENTIAL }, undefined, { provider: 'byo-phone-number', credentialId: CREDENTIAL }],
  ];

  test.each(creates)('create: %s', async (_, input, vendorOptions, body) => {
    const rec = recorder();
    expect(await onPrism(rec).create(input, vendorOptions)).toEqual(created);
    expect(onlyRequest(rec)).toMatchObject({ key: 'POST /phone-number', body });
  });

  test('every create type vapi supports is among the creates above', () => {
    expect(createTypesOf(creates.map(([, input]) => input))).toEqual(supportedCreateTypes(onPrism().capabilities));
  });
});

const FIRST = { limit: 5, cursor: undefined };
/** The provider on a Vapi v2 listing whose every page is `page(pageAskedFor)`. */
const serve = (page: (asked: number) => unknown) => serving((url) => page(Number(url.searchParams.get('page'))));

const item = (i: number) => ({
  provider: 'vapi',
  id: `pn-${i}`,
  orgId: '6b1e2f3a-9d4c-4c8e-a1b2-7f0e9d8c6b5a',
  createdAt: '2025-03-04T17:21:09.512Z',
  updatedAt: '2025-03-04T17:21:09.512Z',
  number: `+1415555010${i}`,
});

describe('vapi listing a broken server sends', () => {
  test('without hasNextPage, the totals say whether a page follows, and which is the last', async () => {
    const vapi = await serve((page) => ({ results: [item(page)], metadata: { itemsPerPage: 1, totalItems: 2, currentPage: page } }));
    expect(await vapi.list(FIRST)).toMatchObject({ items: [{ id: 'pn-1' }], nextCursor: '2', lastPage: 2 });
    expect(await vapi.list({ limit: 5, cursor: '2' })).toMatchObject({ items: [{ id: 'pn-2' }], nextCursor: null, lastPage: 2 });
  });

  // A server stuck on its first page with hasNextPage is every vendor's case (the conformance suite's paging).
  test('a server stuck on page 1 whose totals promise more, without hasNextPage, gives the same next cursor again', async () => {
    const vapi = await serve(() => ({ results: [item(0)], metadata: { itemsPerPage: 5, totalItems: 100, currentPage: 1 } }));
    const first = await vapi.list(FIRST);
    expect((await vapi.list({ limit: 5, cursor: first.nextCursor! })).nextCursor).toBe(first.nextCursor);
  });

  test('an empty page that still claims more ends the listing', async () => {
    const vapi = await serve((page) => ({ results: [], metadata: { itemsPerPage: 5, totalItems: 100, currentPage: page, hasNextPage: true } }));
    expect(await vapi.list({ limit: 5, cursor: '2' })).toEqual({ items: [], nextCursor: null, lastPage: 20 });
  });

  test.each([1.5, -2, 0])('currentPage %d is not a page: an InvalidResponseError, not a cursor', async (currentPage) => {
    const vapi = await serve(() => ({ results: [item(0)], metadata: { itemsPerPage: 5, totalItems: 100, currentPage, hasNextPage: true } }));
    const error = await vapi.list(FIRST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ vendor: 'vapi', outcomeUnknown: false });
  });
});

describe('a Vapi number under a provider this version does not know', () => {
  test('update says to upgrade, blames neither the caller nor quotes the vendor, and sends no PATCH', async () => {
    const { provider: vapi, server } = await behindFaults((request) =>
      request.key === `GET /phone-number/${ID}`
        ? { kind: 'status', status: 200, body: { ...(specExample('vapi', 'GET', '/phone-number/{id}', 200) as object), provider: 'plivo' } }
        : undefined,
    );
    // Reading it is fine: answers are read by their shape, and a new provider is let through.
    await expect(vapi.get(ID)).resolves.toMatchObject({ raw: { provider: 'plivo' } });
    const error = await vapi.update(ID, { name: 'Lobby' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ vendor: 'vapi', operation: 'update' });
    expect((error as Error).message).toContain('upgrade @switchboard/vapi');
    expect((error as Error).message).not.toContain('plivo');
    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'GET']);
  });
});
