// Drives Vapi's own SDK (`@vapi-ai/server-sdk`, generated from Vapi's OpenAPI document) against the
// Prism mock of our spec. Prism validates every request, so a call the SDK's types allow but our
// spec forbids comes back as a 400/422 and fails here: the spec must accept what Vapi defines.
import { prismUrl } from '@switchboard/testing';
import { type Vapi, VapiClient, VapiError } from '@vapi-ai/server-sdk';
import { describe, expect, expectTypeOf, test } from 'vitest';

// No retries: a rejected call must fail once, not be re-sent (the SDK retries even POSTs by default).
const client = new VapiClient({ token: 'test-key', baseUrl: prismUrl('vapi'), maxRetries: 0 });

const id = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';
const credentialId = '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b';
const assistantId = '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d';
const squadId = '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a';
const workflowId = '6e5d4c3b-2a1f-4e0d-8c9b-7a6f5e4d3c2b';
const twilioAccountSid = 'AC0123456789abcdef0123456789abcdef';

// ---- What the SDK's types require of an answer ------------------------------------------------

type SdkPhoneNumber =
  | Vapi.CreatePhoneNumbersResponse
  | Vapi.GetPhoneNumbersResponse
  | Vapi.UpdatePhoneNumbersResponse
  | Vapi.DeletePhoneNumbersResponse
  | Vapi.ListPhoneNumbersResponseItem;
type Provider = Vapi.GetPhoneNumbersResponse['provider'];
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type RequiredOf<P extends Provider> = RequiredKeys<Extract<Vapi.GetPhoneNumbersResponse, { provider: P }>>;

/** The fields each provider's answer must carry; the type checks below tie them to the SDK. */
const REQUIRED = {
  'byo-phone-number': ['provider', 'id', 'orgId', 'createdAt', 'updatedAt', 'credentialId'],
  twilio: ['provider', 'id', 'orgId', 'createdAt', 'updatedAt', 'number', 'twilioAccountSid'],
  vonage: ['provider', 'id', 'orgId', 'createdAt', 'updatedAt', 'number', 'credentialId'],
  vapi: ['provider', 'id', 'orgId', 'createdAt', 'updatedAt'],
  telnyx: ['provider', 'id', 'orgId', 'createdAt', 'updatedAt', 'number', 'credentialId'],
} as const satisfies { [P in Provider]: readonly RequiredOf<P>[] };

/** The action types the SDK's `call.ringing` hook takes. */
const RINGING_ACTIONS: readonly string[] = ['transfer', 'say'] satisfies Vapi.PhoneNumberHookCallRingingDoItem['type'][];

function expectSdkPhoneNumber(value: SdkPhoneNumber | undefined): void {
  expect(Object.keys(REQUIRED)).toContain(value?.provider);
  if (!value) return;
  for (const key of REQUIRED[value.provider]) expect(value, `${value.provider}.${key}`).toHaveProperty(key, expect.any(String));
  for (const hook of value.hooks ?? []) {
    // The SDK's `call.ringing` hook takes an array of actions, its `call.ending` hook a single one.
    if (hook.on === 'call.ringing') for (const action of hook.do) expect(RINGING_ACTIONS).toContain(action.type);
    else if (hook.do !== undefined) expect(Array.isArray(hook.do)).toBe(false);
  }
}

/** What Prism's request validation found, from its `sl-violations` header (its body is the spec's error example). */
function violations(error: VapiError): string[] | undefined {
  const header = error.rawResponse?.headers.get('sl-violations');
  if (!header) return undefined;
  // A body that fails a oneOf is reported once per variant: keep each message once.
  return [...new Set((JSON.parse(header) as { message: string }[]).map((violation) => violation.message))];
}

/** Await an SDK call; a rejection by the mock fails with what Prism said. */
async function accepted<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof VapiError) expect.fail(`the mock answered ${error.statusCode}: ${violations(error)?.join('; ') ?? JSON.stringify(error.body)}`);
    throw error;
  }
}

/** Expect the mock's request validation to refuse the call. */
async function rejected(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VapiError);
  expect([400, 422]).toContain((error as VapiError).statusCode);
  expect(violations(error as VapiError)?.length).toBeGreaterThan(0);
}

// ---- Shared pieces, typed by the SDK ----------------------------------------------------------

/**
 * Vapi's document types `backoffPlan.type` and `transferPlan.sipVerb` as objects holding string
 * enums (a generator slip the SDK inherits as `Record<string, unknown>`); Vapi's guides send the
 * strings, which is what our spec declares. Besides the `null` unlink below, these are the only
 * casts in the requests the mock must accept.
 */
const asSdkObject = (value: string) => value as unknown as Record<string, unknown>;

const server: Vapi.Server = {
  url: 'https://hooks.example.com/vapi',
  timeoutSeconds: 20,
  credentialId: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d',
  headers: { 'X-Switchboard-Tenant': 'acme' },
  staticIpAddressesEnabled: true,
  encryptedPaths: ['call.customer.number'],
  backoffPlan: { type: asSdkObject('exponential'), maxRetries: 3, baseDelaySeconds: 1, excludedStatusCodes: [] },
};

const transferPlan: Vapi.TransferPlan = {
  mode: 'warm-transfer-say-message',
  message: {
    type: 'custom-message',
    content: 'A caller from the front desk line.',
    contents: [{ type: 'text', text: 'Un appel de l’accueil.', language: 'fr' }],
  },
  timeout: 30,
  sipVerb: asSdkObject('refer'),
  dialTimeout: 45,
  summaryPlan: { enabled: true, timeoutSeconds: 10 },
  contextEngineeringPlan: { type: 'lastNMessages', maxMessages: 6 },
  fallbackPlan: { message: 'Sorry, nobody could take your call.', endCallEnabled: true },
  sipHeadersInReferToEnabled: false,
};

/** Numbers without `+` are allowed wherever the E.164 check is off or Vapi documents no format. */
const numberFallback: Vapi.CreateTwilioPhoneNumberDtoFallbackDestination = {
  type: 'number',
  number: '4155550199',
  numberE164CheckEnabled: false,
  extension: '12',
  callerId: '{{customer.number}}',
  message: 'Connecting you to a member of our team.',
  description: 'Front desk',
  transferPlan,
};
const sipFallback: Vapi.CreateTwilioPhoneNumberDtoFallbackDestination = {
  type: 'sip',
  sipUri: 'sip:reception@pbx.example.com',
  sipHeaders: { 'X-Line': 'front-desk' },
  message: { type: 'custom-message', content: 'Transferring you now.' },
  transferPlan: { mode: 'blind-transfer', sipVerb: asSdkObject('dial'), dialTimeout: 30 },
};

const ringingHook: Vapi.CreateTwilioPhoneNumberDtoHooksItem = {
  on: 'call.ringing',
  // Prefixes of the caller's number, written without `+` as Vapi asks.
  filters: [{ type: 'startsWith', key: 'number', startsWith: ['1415', '44'] }],
  do: [
    { type: 'transfer', destination: { type: 'number', number: '+14155550199' } },
    { type: 'say', exact: 'Thanks for calling, connecting you now.' },
  ],
};
const endingHook: Vapi.CreateTwilioPhoneNumberDtoHooksItem = {
  on: 'call.ending',
  filters: [{ type: 'oneOf', key: 'call.endedReason', oneOf: ['assistant-request-failed', 'assistant-request-returned-error'] }],
  do: { type: 'transfer', destination: { type: 'sip', sipUri: 'sip:overflow@pbx.example.com' } },
};
const endingSayHook: Vapi.CreateTwilioPhoneNumberDtoHooksItem = {
  on: 'call.ending',
  do: { type: 'say', exact: 'We are sorry, this line is not available right now.' },
};

// ---- The calls --------------------------------------------------------------------------------

/** Each create variant, with the example Prism should answer with where the spec has one. */
const creates: [variant: string, body: Vapi.CreatePhoneNumbersRequest, example?: string][] = [
  ['vapi, desired area code', { provider: 'vapi', numberDesiredAreaCode: '415', name: 'Front desk', assistantId, hooks: [ringingHook] }, 'vapiFreeNumber'],
  [
    'vapi, SIP URI with authentication',
    {
      provider: 'vapi',
      sipUri: 'sip:switchboard-demo@sip.vapi.ai',
      authentication: { realm: 'sip.vapi.ai', username: 'switchboard-sip-user-01', password: 'example-sip-password-0001' },
      workflowId,
      hooks: [endingSayHook],
    },
    'vapiSipUri',
  ],
  [
    'twilio, auth token',
    { provider: 'twilio', number: '+14155550142', twilioAccountSid, twilioAuthToken: '0123456789abcdef0123456789abcdef', smsEnabled: false, squadId, server },
    'twilioImport',
  ],
  [
    'twilio, API key and secret',
    {
      provider: 'twilio',
      number: '+14155550143',
      twilioAccountSid,
      twilioApiKey: 'SK0123456789abcdef0123456789abcdef',
      twilioApiSecret: 'example-api-secret',
      name: 'Sales line',
      fallbackDestination: numberFallback,
      hooks: [ringingHook, endingHook],
    },
  ],
  [
    'vonage, number without +',
    { provider: 'vonage', number: '14155550161', credentialId: '7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e', name: 'Vonage line' },
    'vonageImport',
  ],
  [
    'vonage, number with +',
    { provider: 'vonage', number: '+14155550162', credentialId: '7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e', fallbackDestination: sipFallback },
  ],
  [
    'telnyx',
    { provider: 'telnyx', number: '+14155550188', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c', squadId, hooks: [endingHook] },
    'telnyxImport',
  ],
  [
    'byo, E.164 number',
    { provider: 'byo-phone-number', credentialId, number: '+14155550177', name: 'Carrier line', fallbackDestination: numberFallback, server },
    'byoSipTrunk',
  ],
  ['byo, number without + and the E.164 check off', { provider: 'byo-phone-number', credentialId, number: 'frontdesk1234', numberE164CheckEnabled: false }],
];

/** One update per provider; the SDK sends `provider` in every PATCH body. */
const updates: [variant: string, body: Vapi.UpdatePhoneNumbersRequestBody, example?: string][] = [
  ['byo', { provider: 'byo-phone-number', number: '4155550178', numberE164CheckEnabled: false, fallbackDestination: sipFallback }],
  ['twilio', { provider: 'twilio', name: 'Sales line (after hours)', assistantId, server, smsEnabled: true }, 'reassignTwilio'],
  ['twilio, API key and secret', { provider: 'twilio', twilioApiKey: 'SK0123456789abcdef0123456789abcdef', twilioApiSecret: 'rotated-api-secret' }],
  ['vonage', { provider: 'vonage', workflowId, number: '14155550163', hooks: [ringingHook] }],
  [
    'vapi',
    {
      provider: 'vapi',
      sipUri: 'sip:switchboard-demo-2@sip.vapi.ai',
      authentication: { username: 'switchboard-sip-user-02', password: 'example-sip-password-0002' },
    },
  ],
  ['telnyx', { provider: 'telnyx', credentialId: '1f2e3d4c-5b6a-4978-8d6c-5b4a3f2e1d0c', number: '+14155550189', hooks: [endingHook, endingSayHook] }],
];

const dateFilters = {
  createdAtGt: '2025-01-01T00:00:00Z',
  createdAtLt: '2026-12-31T23:59:59Z',
  createdAtGe: '2025-01-01T00:00:00Z',
  createdAtLe: '2026-12-31T23:59:59Z',
  updatedAtGt: '2025-01-01T00:00:00Z',
  updatedAtLt: '2026-12-31T23:59:59Z',
  updatedAtGe: '2025-01-01T00:00:00Z',
  updatedAtLe: '2026-12-31T23:59:59Z',
};

describe("Vapi's official SDK against the Prism mock of our spec", () => {
  test('drives every phone-number method the SDK has', () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(client.phoneNumbers)).filter((name) => name !== 'constructor' && !name.startsWith('_'));
    expect(methods.sort()).toEqual(['create', 'delete', 'get', 'list', 'phoneNumberControllerFindAllPaginated', 'update']);
  });

  test('the required fields checked at run time are exactly those of the SDK types', () => {
    expectTypeOf<(typeof REQUIRED)['byo-phone-number'][number]>().toEqualTypeOf<RequiredOf<'byo-phone-number'>>();
    expectTypeOf<(typeof REQUIRED)['twilio'][number]>().toEqualTypeOf<RequiredOf<'twilio'>>();
    expectTypeOf<(typeof REQUIRED)['vonage'][number]>().toEqualTypeOf<RequiredOf<'vonage'>>();
    expectTypeOf<(typeof REQUIRED)['vapi'][number]>().toEqualTypeOf<RequiredOf<'vapi'>>();
    expectTypeOf<(typeof REQUIRED)['telnyx'][number]>().toEqualTypeOf<RequiredOf<'telnyx'>>();
    expect(Object.keys(REQUIRED).sort()).toEqual(['byo-phone-number', 'telnyx', 'twilio', 'vapi', 'vonage']);
  });

  test('list takes the limit and every date filter', async () => {
    const numbers = await accepted(client.phoneNumbers.list({ limit: 50, ...dateFilters }));
    expect(numbers.length).toBeGreaterThan(0);
    for (const number of numbers) expectSdkPhoneNumber(number);
  });

  test('list takes a fractional limit, which Vapi types as a number', async () => {
    for (const number of await accepted(client.phoneNumbers.list({ limit: 12.5 }))) expectSdkPhoneNumber(number);
  });

  test('the paginated list takes paging, sorting, search and every date filter', async () => {
    const page = await accepted(
      client.phoneNumbers.phoneNumberControllerFindAllPaginated({ page: 2, limit: 25, sortOrder: 'ASC', sortBy: 'createdAt', search: 'sales', ...dateFilters }),
    );
    expect(page.metadata).toMatchObject({ itemsPerPage: expect.any(Number), totalItems: expect.any(Number), currentPage: expect.any(Number) });
    expect(page.results.length).toBeGreaterThan(0);
    for (const number of page.results) expectSdkPhoneNumber(number);
  });

  test('the paginated list takes no parameters at all', async () => {
    const page = await accepted(client.phoneNumbers.phoneNumberControllerFindAllPaginated());
    for (const number of page.results) expectSdkPhoneNumber(number);
  });

  test.each(creates)('create: %s', async (_variant, body, example) => {
    const created = await accepted(client.phoneNumbers.create(body, example ? { headers: { Prefer: `example=${example}` } } : undefined));
    expectSdkPhoneNumber(created);
    if (example) expect(created.provider).toBe(body.provider);
  });

  test('create covers every provider and both ways to create a Vapi number', () => {
    expect([...new Set(creates.map(([, body]) => body.provider))].sort()).toEqual(Object.keys(REQUIRED).sort());
    const vapiBodies = creates.map(([, body]) => body).filter((body) => body.provider === 'vapi');
    expect(vapiBodies.some((body) => 'numberDesiredAreaCode' in body)).toBe(true);
    expect(vapiBodies.some((body) => 'sipUri' in body && 'authentication' in body)).toBe(true);
  });

  test('get returns a phone number', async () => {
    expectSdkPhoneNumber(await accepted(client.phoneNumbers.get({ id })));
  });

  test.each(updates)('update: %s', async (_variant, body, example) => {
    const updated = await accepted(client.phoneNumbers.update({ id, body }, example ? { headers: { Prefer: `example=${example}` } } : undefined));
    expectSdkPhoneNumber(updated);
    if (example) expect(updated.provider).toBe(body.provider);
  });

  test('update covers every provider', () => {
    expect([...new Set(updates.map(([, body]) => body.provider))].sort()).toEqual(Object.keys(REQUIRED).sort());
  });

  test('update unlinks the assistant and the squad with null, as Vapi documents', async () => {
    // The SDK types these `string` only; Vapi's guides send `null` to detach them (see the spec's
    // info.description), and a maintainer answered the SDK issue with this very call.
    const body = { provider: 'twilio', assistantId: null, squadId: null } as unknown as Vapi.UpdatePhoneNumbersRequestBody;
    expectSdkPhoneNumber(await accepted(client.phoneNumbers.update({ id, body })));
  });

  test('delete returns the deleted phone number', async () => {
    expectSdkPhoneNumber(await accepted(client.phoneNumbers.delete({ id })));
  });

  // Controls: the mock validates what the SDK sends, so the acceptances above mean something.
  describe('the mock rejects what the spec forbids', () => {
    test('a call.ending hook whose `do` is a list (Vapi takes one action there)', async () => {
      const hooks = [{ on: 'call.ending', do: [{ type: 'say', exact: 'Goodbye.' }] }] as unknown as Vapi.CreateTwilioPhoneNumberDtoHooksItem[];
      await rejected(client.phoneNumbers.create({ provider: 'telnyx', number: '+14155550188', credentialId, hooks }));
    });

    test('a Twilio import whose number lacks the + (a reviewed difference: the live API checks E.164)', async () => {
      await rejected(
        client.phoneNumbers.create({ provider: 'twilio', number: '14155550142', twilioAccountSid, twilioAuthToken: '0123456789abcdef0123456789abcdef' }),
      );
    });

    test('a Telnyx import whose number lacks the +', async () => {
      await rejected(client.phoneNumbers.create({ provider: 'telnyx', number: '14155550188', credentialId }));
    });
  });
});
