import { declaredErrors, prismUrl, specOperations } from '@switchboard/testing';
import { type components, createVapiClient } from '@switchboard/vapi';
import { describe, expect, expectTypeOf, test } from 'vitest';

type Schemas = components['schemas'];
type PhoneNumber = Schemas['PhoneNumber'];
type Provider = PhoneNumber['provider'];

const client = createVapiClient({ apiKey: 'test-key', baseUrl: prismUrl('vapi'), maxRetries: 0 });
const id = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';
const credentialId = '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b';
const assistantId = '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d';

const PROVIDERS = ['byo-phone-number', 'twilio', 'vonage', 'vapi', 'telnyx'] as const satisfies readonly Provider[];
const phoneNumber = {
  provider: expect.stringMatching(new RegExp(`^(${PROVIDERS.join('|')})$`)),
  id: expect.any(String),
  orgId: expect.any(String),
  createdAt: expect.any(String),
  updatedAt: expect.any(String),
};
/** The fields each provider's response variant requires besides the common ones. */
const requiredByProvider: Record<Provider, Record<string, unknown>> = {
  'byo-phone-number': { credentialId: expect.any(String) },
  twilio: { number: expect.stringMatching(/^\+[1-9]\d{1,14}$/), twilioAccountSid: expect.any(String) },
  vonage: { number: expect.any(String), credentialId: expect.any(String) },
  vapi: {},
  telnyx: { number: expect.stringMatching(/^\+[1-9]\d{1,14}$/), credentialId: expect.any(String) },
};

/**
 * Checks a returned number against its provider's variant, and that `provider` narrows the union of
 * the type the client actually returns (openapi-fetch's `Readable<PhoneNumber>`: `.branded` compares
 * it structurally, since the mapped type flattens the `PhoneNumberHook` intersection).
 */
function expectPhoneNumber(item: ReturnedPhoneNumber | undefined, provider?: Provider): void {
  expect(item).toMatchObject(provider ? { ...phoneNumber, provider } : phoneNumber);
  if (!item) return;
  expect(item).toMatchObject(requiredByProvider[item.provider]);
  switch (item.provider) {
    case 'byo-phone-number':
      expectTypeOf(item).branded.toEqualTypeOf<Schemas['ByoPhoneNumber']>();
      break;
    case 'twilio':
      expectTypeOf(item).branded.toEqualTypeOf<Schemas['TwilioPhoneNumber']>();
      break;
    case 'vonage':
      expectTypeOf(item).branded.toEqualTypeOf<Schemas['VonagePhoneNumber']>();
      break;
    case 'vapi':
      expectTypeOf(item).branded.toEqualTypeOf<Schemas['VapiPhoneNumber']>();
      break;
    case 'telnyx':
      expectTypeOf(item).branded.toEqualTypeOf<Schemas['TelnyxPhoneNumber']>();
      break;
    default:
      expectTypeOf(item).toBeNever();
  }
}

/** One valid call per operation; `headers` lets a test ask Prism for a declared error (or an example). */
const calls = {
  listPhoneNumbers: (headers?: Record<string, string>) =>
    client.GET('/phone-number', {
      params: { query: { limit: 50, createdAtGe: '2025-01-01T00:00:00Z', createdAtLt: '2026-01-01T00:00:00Z', updatedAtGt: '2025-01-01T00:00:00Z' } },
      headers,
    }),
  createPhoneNumber: (headers?: Record<string, string>) =>
    client.POST('/phone-number', { body: { provider: 'vapi', numberDesiredAreaCode: '415', name: 'Front desk', assistantId }, headers }),
  listPhoneNumbersPaginated: (headers?: Record<string, string>) =>
    client.GET('/v2/phone-number', { params: { query: { page: 1, limit: 25, sortOrder: 'DESC' } }, headers }),
  getPhoneNumber: (headers?: Record<string, string>) => client.GET('/phone-number/{id}', { params: { path: { id } }, headers }),
  updatePhoneNumber: (headers?: Record<string, string>) =>
    client.PATCH('/phone-number/{id}', {
      params: { path: { id } },
      body: { provider: 'twilio', name: 'Sales line (after hours)', assistantId },
      headers,
    }),
  deletePhoneNumber: (headers?: Record<string, string>) => client.DELETE('/phone-number/{id}', { params: { path: { id } }, headers }),
};

/** The phone number type the client's calls resolve with. */
type ReturnedPhoneNumber = NonNullable<Awaited<ReturnType<typeof calls.getPhoneNumber>>['data']>;

describe('Vapi client against the Prism mock', () => {
  test('exercises every operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations('vapi')
        .map((op) => op.operationId)
        .sort(),
    );
  });

  test('listPhoneNumbers returns the filtered numbers as a plain array', async () => {
    const { data } = await calls.listPhoneNumbers();
    expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber[]>();
    expect(Array.isArray(data)).toBe(true);
    expect(data.length).toBeGreaterThan(0);
    for (const item of data) expectPhoneNumber(item);
  });

  test('listPhoneNumbers takes every createdAt/updatedAt filter', async () => {
    const { data } = await client.GET('/phone-number', {
      params: {
        query: {
          limit: 1000,
          createdAtGt: '2025-01-01T00:00:00Z',
          createdAtLt: '2025-12-31T23:59:59Z',
          createdAtGe: '2025-01-01T00:00:00Z',
          createdAtLe: '2025-12-31T23:59:59Z',
          updatedAtGt: '2025-01-01T00:00:00Z',
          updatedAtLt: '2025-12-31T23:59:59Z',
          updatedAtGe: '2025-01-01T00:00:00Z',
          updatedAtLe: '2025-12-31T23:59:59Z',
        },
      },
    });
    for (const item of data) expectPhoneNumber(item);
    expect(data.length).toBeGreaterThan(0);
  });

  test('listPhoneNumbersPaginated returns a page of results and its metadata', async () => {
    const { data } = await calls.listPhoneNumbersPaginated();
    expectTypeOf(data).branded.toEqualTypeOf<Schemas['PhoneNumberPage']>();
    expectTypeOf<NonNullable<typeof data>['metadata']>().branded.toEqualTypeOf<Schemas['PaginationMeta']>();
    expect(data.results.length).toBeGreaterThan(0);
    for (const item of data.results) expectPhoneNumber(item);
    expect(data.metadata).toMatchObject({
      itemsPerPage: expect.any(Number),
      totalItems: expect.any(Number),
      currentPage: expect.any(Number),
    });
    expect(data.metadata.currentPage).toBeGreaterThanOrEqual(1);
  });

  test('listPhoneNumbersPaginated takes sorting, search and date filters', async () => {
    const { data } = await client.GET('/v2/phone-number', {
      params: {
        query: {
          page: 2,
          limit: 10,
          sortOrder: 'ASC',
          sortBy: 'createdAt',
          search: 'sales',
          createdAtGe: '2025-01-01T00:00:00Z',
          createdAtLe: '2025-12-31T23:59:59Z',
          updatedAtGt: '2025-01-01T00:00:00Z',
          updatedAtLt: '2025-12-31T23:59:59Z',
        },
      },
    });
    expect(data.metadata).toMatchObject({ itemsPerPage: expect.any(Number), totalItems: expect.any(Number), currentPage: expect.any(Number) });
    for (const item of data.results) expectPhoneNumber(item);
  });

  test.each(['createPhoneNumber', 'getPhoneNumber', 'updatePhoneNumber', 'deletePhoneNumber'] as const)('%s returns a phone number', async (operation) => {
    const { data } = await calls[operation]();
    expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
    expectPhoneNumber(data);
  });

  // Prism answers every create with one of the spec's 201 examples: `example` picks the one of the same
  // provider where the spec has one (vonage, telnyx and the SIP URI form have none), so that the
  // response's provider can be checked too.
  const creates: [variant: string, body: Schemas['CreatePhoneNumberRequest'], example?: string][] = [
    [
      'byo-phone-number',
      {
        provider: 'byo-phone-number',
        credentialId,
        number: '+14155550177',
        name: 'Carrier line',
        fallbackDestination: { type: 'number', number: '+14155550199', message: 'Connecting you now.' },
      },
      'byoSipTrunk',
    ],
    ['byo-phone-number (non-E.164)', { provider: 'byo-phone-number', credentialId, number: 'frontdesk1234', numberE164CheckEnabled: false }],
    [
      'twilio (auth token)',
      {
        provider: 'twilio',
        number: '+14155550142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioAuthToken: '0123456789abcdef0123456789abcdef',
        smsEnabled: false,
        server: { url: 'https://hooks.example.com/vapi', timeoutSeconds: 20 },
      },
      'twilioImport',
    ],
    [
      'twilio (API key)',
      {
        provider: 'twilio',
        number: '+14155550143',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioApiKey: 'SK0123456789abcdef0123456789abcdef',
        twilioApiSecret: 'example-api-secret',
      },
    ],
    ['vonage', { provider: 'vonage', number: '14155550161', credentialId: '7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e', name: 'Vonage line' }],
    ['vapi (numberDesiredAreaCode)', { provider: 'vapi', numberDesiredAreaCode: '415', name: 'Front desk', assistantId }, 'vapiFreeNumber'],
    [
      'vapi (sipUri + authentication)',
      {
        provider: 'vapi',
        sipUri: 'sip:switchboard-demo@sip.vapi.ai',
        authentication: { username: 'switchboard-sip-user-01', password: 'example-sip-password-0001' },
        hooks: [{ on: 'call.ringing', do: [{ type: 'say', exact: 'Thanks for calling.' }] }],
      },
    ],
    [
      'telnyx',
      { provider: 'telnyx', number: '+14155550188', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c', squadId: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a' },
    ],
  ];
  test.each(creates)('createPhoneNumber takes the %s variant', async (_variant, body, example) => {
    const { data } = await client.POST('/phone-number', { body, headers: example ? { Prefer: `example=${example}` } : undefined });
    expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
    expectPhoneNumber(data, example ? body.provider : undefined);
  });

  test('createPhoneNumber covers every provider of the create union', () => {
    expect([...new Set(creates.map(([, body]) => body.provider))].sort()).toEqual([...PROVIDERS].sort());
    expectTypeOf<Schemas['CreatePhoneNumberRequest']['provider']>().toEqualTypeOf<Provider>();
  });

  // Prism answers every update with its 200 example (a twilio number) unless told otherwise.
  const updates: [variant: string, body: Schemas['UpdatePhoneNumberRequest'], example?: string][] = [
    ['byo-phone-number', { provider: 'byo-phone-number', fallbackDestination: { type: 'sip', sipUri: 'sip:reception@pbx.example.com' } }],
    [
      'twilio',
      {
        provider: 'twilio',
        name: 'Sales line (after hours)',
        server: { url: 'https://hooks.example.com/vapi', credentialId: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d', headers: { 'X-Switchboard-Tenant': 'acme' } },
      },
      'reassignTwilio',
    ],
    ['twilio (unlink the assistant and squad)', { provider: 'twilio', assistantId: null, squadId: null }],
    ['vonage', { provider: 'vonage', workflowId: '6e5d4c3b-2a1f-4e0d-8c9b-7a6f5e4d3c2b' }],
    ['vapi', { provider: 'vapi', authentication: { realm: 'sip.vapi.ai', username: 'switchboard-sip-user-02', password: 'example-sip-password-0002' } }],
    ['telnyx', { provider: 'telnyx', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c', number: '+14155550189' }],
  ];
  test.each(updates)('updatePhoneNumber takes the %s variant', async (_variant, body, example) => {
    const headers = example ? { Prefer: `example=${example}` } : undefined;
    const { data } = await client.PATCH('/phone-number/{id}', { params: { path: { id } }, body, headers });
    expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
    expectPhoneNumber(data, example ? body.provider : undefined);
  });

  test('a body property its provider variant does not declare is rejected by the client and by the mock', async () => {
    // The run-time side of `additionalProperties: false`: the client checks the body against the spec
    // before sending, and the mock would refuse it too (so the valid bodies above were checked).
    const body = { provider: 'twilio', number: '+14155550142', twilioAccountSid: 'AC0123456789abcdef0123456789abcdef', twilioPhoneNumber: '+14155550142' };
    await expect(client.POST('/phone-number', { body: body as Schemas['CreatePhoneNumberRequest'] })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'twilioPhoneNumber',
      rule: 'unknown',
    });
    const direct = await fetch(`${prismUrl('vapi')}/phone-number`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(direct.status).toBe(400);
  });

  test.each(declaredErrors('vapi'))('%s: a declared %i becomes its typed error', async (operation, status, expected) => {
    await expect(calls[operation as keyof typeof calls]({ Prefer: `code=${status}` })).rejects.toMatchObject(expected);
  });
});
