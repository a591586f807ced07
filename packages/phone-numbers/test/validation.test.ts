import { inspect } from 'node:util';
import { type CreateType, createPhoneNumbers, UnsupportedOperationError, ValidationError, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { API_KEY, caught, onPrism, prismUrl, recorder } from './helpers.js';

/** The facade as plain JavaScript callers see it: no compile-time guard, every argument `unknown`. */
interface Loose {
  list(options?: unknown): Promise<unknown>;
  listAll(options?: unknown): AsyncIterable<unknown>;
  get(id: unknown): Promise<unknown>;
  create(input: unknown, options?: unknown): Promise<unknown>;
  update(id: unknown, changes: unknown): Promise<unknown>;
  release(id: unknown): Promise<unknown>;
  searchAvailable(query: unknown): Promise<unknown>;
  find(number: unknown): Promise<unknown>;
}

const loose = (numbers: unknown) => numbers as Loose;
/** `createPhoneNumbers` as JavaScript callers see it: any value at all. */
const untyped = createPhoneNumbers as (options: unknown) => unknown;

/** Run `call` on a fresh client of `vendor` and return its error and the requests it sent. */
async function attempt(vendor: VendorName, call: (numbers: Loose) => unknown) {
  const rec = recorder();
  const error = await caught(() => call(loose(onPrism(vendor, rec))));
  return { error, requests: rec.requests };
}

async function expectValidation(vendor: VendorName, call: (numbers: Loose) => unknown, field: string, rule: string) {
  const { error, requests } = await attempt(vendor, call);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ name: 'ValidationError', field, rule });
  expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
  expect(requests).toHaveLength(0);
}

type Case = [label: string, vendor: VendorName, call: (numbers: Loose) => unknown, field: string, rule: string];

const UUID = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';
const twilio = { type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123', twilioAuthToken: 'token-0123' };

describe('bad E.164 numbers are rejected before any request, naming the field', () => {
  const cases: Case[] = [
    ['letters', 'vapi', (n) => n.create({ ...twilio, number: 'abc' }), 'number', 'e164'],
    ['no "+"', 'vapi', (n) => n.create({ ...twilio, number: '14155550142' }), 'number', 'e164'],
    ['country code 0', 'vapi', (n) => n.create({ ...twilio, number: '+04155550142' }), 'number', 'e164'],
    ['16 digits', 'vapi', (n) => n.create({ ...twilio, number: '+1415555014212345' }), 'number', 'e164'],
    ['"+" alone', 'vapi', (n) => n.create({ ...twilio, number: '+' }), 'number', 'e164'],
    ['full-width digits', 'vapi', (n) => n.create({ ...twilio, number: '+1４１５5550142' }), 'number', 'ascii'],
    ['a zero-width space', 'vapi', (n) => n.create({ ...twilio, number: '+1415\u200b5550142' }), 'number', 'ascii'],
    ['empty', 'vapi', (n) => n.create({ ...twilio, number: '' }), 'number', 'required'],
    ['blank', 'vapi', (n) => n.create({ ...twilio, number: '   ' }), 'number', 'required'],
    ['not a string', 'vapi', (n) => n.create({ ...twilio, number: 14155550142 }), 'number', 'type'],
    ['vapi vonage-import', 'vapi', (n) => n.create({ type: 'vonage-import', number: 'vonage-1', credentialId: 'c' }), 'number', 'e164'],
    ['vapi telnyx-import', 'vapi', (n) => n.create({ type: 'telnyx-import', number: '(415) 555-0188', credentialId: 'c' }), 'number', 'e164'],
    ['vocode link', 'vocode', (n) => n.create({ type: 'link', number: '14155550142', telephonyAccountConnection: UUID }), 'number', 'e164'],
    [
      'vogent sip-import',
      'vogent',
      (n) => n.create({ type: 'sip-import', number: 'trunk', terminationUri: 't', username: 'user1', password: 'pass1' }),
      'number',
      'e164',
    ],
    ['vogent purchase', 'vogent', (n) => n.create({ type: 'purchase', number: '415-555-0123' }), 'number', 'e164'],
    ['vapi find', 'vapi', (n) => n.find('415 555 0123'), 'number', 'e164'],
    ['vocode find', 'vocode', (n) => n.find('14155550123'), 'number', 'e164'],
    ['vogent find of a SIP username', 'vogent', (n) => n.find('acme-support'), 'number', 'e164'],
    ['find of nothing', 'vogent', (n) => n.find(''), 'number', 'required'],
    ['find of a non-string', 'vapi', (n) => n.find(null), 'number', 'type'],
    ['vocode get: the id is the E.164 number', 'vocode', (n) => n.get('14155550123'), 'id', 'e164'],
    ['vocode get: an opaque id', 'vocode', (n) => n.get('7f3c2a10-5b6e-4d8f-9a1b-2c3d4e5f6a70'), 'id', 'e164'],
    ['vocode update', 'vocode', (n) => n.update('abc', { name: 'Lobby' }), 'id', 'e164'],
    ['vocode release', 'vocode', (n) => n.release('+1415555012x'), 'id', 'e164'],
    ['vocode release of nothing', 'vocode', (n) => n.release(''), 'id', 'required'],
    [
      'retell sip-import',
      'retell',
      (n) => n.create({ type: 'sip-import', number: '415-555-0177', terminationUri: 't', username: 'user1', password: 'pass1' }),
      'number',
      'e164',
    ],
    ['retell purchase of an exact number', 'retell', (n) => n.create({ type: 'purchase', number: '4155550123' }), 'number', 'e164'],
    ['retell find', 'retell', (n) => n.find('4155550123'), 'number', 'e164'],
    ['retell get: the id is the E.164 number', 'retell', (n) => n.get('14155550123'), 'id', 'e164'],
    ['retell update', 'retell', (n) => n.update('agent_5b7d4e2a9c610d8e4b7a1f20', { name: 'Lobby' }), 'id', 'e164'],
    ['retell release', 'retell', (n) => n.release('+1 415 555 012x'), 'id', 'e164'],
  ];
  test.each(cases)('%s (%s)', (_, vendor, call, field, rule) => expectValidation(vendor, call, field, rule));
});

describe('create: missing, empty and ill-typed fields, unknown fields and types', () => {
  const cases: Case[] = [
    [
      'twilio-import without twilioAccountSid',
      'vapi',
      (n) => n.create({ type: 'twilio-import', number: '+14155550142', twilioAuthToken: 't' }),
      'twilioAccountSid',
      'required',
    ],
    ['twilio-import with a blank twilioAccountSid', 'vapi', (n) => n.create({ ...twilio, twilioAccountSid: '  ' }), 'twilioAccountSid', 'required'],
    ['twilio-import with a numeric twilioAccountSid', 'vapi', (n) => n.create({ ...twilio, twilioAccountSid: 42 }), 'twilioAccountSid', 'type'],
    ['vonage-import without credentialId', 'vapi', (n) => n.create({ type: 'vonage-import', number: '+14155550161' }), 'credentialId', 'required'],
    ['telnyx-import without number', 'vapi', (n) => n.create({ type: 'telnyx-import', credentialId: 'c' }), 'number', 'required'],
    ['sip-uri without sipUri', 'vapi', (n) => n.create({ type: 'sip-uri' }), 'sipUri', 'required'],
    ['byo-import without credentialId', 'vapi', (n) => n.create({ type: 'byo-import', number: '+14155550177' }), 'credentialId', 'required'],
    ['link without telephonyAccountConnection', 'vocode', (n) => n.create({ type: 'link', number: '+14155550142' }), 'telephonyAccountConnection', 'required'],
    [
      'sip-import without password',
      'vogent',
      (n) => n.create({ type: 'sip-import', number: '+14155550142', terminationUri: 't', username: 'user1' }),
      'password',
      'required',
    ],
    ['sip-username without sipPrefix', 'vogent', (n) => n.create({ type: 'sip-username', username: 'user1', password: 'pass1' }), 'sipPrefix', 'required'],
    ['a value over 512 characters', 'vapi', (n) => n.create({ type: 'sip-uri', sipUri: `sip:${'a'.repeat(600)}@x` }), 'sipUri', 'max-length'],
    ['an unknown field', 'vapi', (n) => n.create({ type: 'purchase', foo: 1 }), 'foo', 'unknown'],
    ["another type's field", 'vapi', (n) => n.create({ type: 'purchase', credentialId: 'c' }), 'credentialId', 'unknown'],
    [
      "a vendor's raw field (vapi authentication)",
      'vapi',
      (n) => n.create({ type: 'sip-uri', sipUri: 'sip:a@b', authentication: {} }),
      'authentication',
      'unknown',
    ],
    [
      'a vendor option given as a field (vocode outbound_only)',
      'vocode',
      (n) => n.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: UUID, outbound_only: true }),
      'outbound_only',
      'unknown',
    ],
    ["a vendor's raw body (vogent purchase)", 'vogent', (n) => n.create({ type: 'purchase', purchase: { number: '+14155550123' } }), 'purchase', 'unknown'],
    ['no type', 'vogent', (n) => n.create({ number: '+14155550123' }), 'type', 'enum'],
    ['an unknown type', 'vapi', (n) => n.create({ type: 'port-in', number: '+14155550123' }), 'type', 'enum'],
    ["a vendor's own type name", 'vogent', (n) => n.create({ type: 'sip_import' }), 'type', 'enum'],
    ['no input', 'vapi', (n) => n.create(undefined), 'input', 'type'],
    ['an array', 'vapi', (n) => n.create([{ type: 'purchase' }]), 'input', 'type'],
    [
      'vendorOptions of the vendor not an object',
      'vapi',
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { vapi: 'Front desk' } }),
      'vendorOptions.vapi',
      'type',
    ],
  ];
  test.each(cases)('%s (%s)', (_, vendor, call, field, rule) => expectValidation(vendor, call, field, rule));
});

describe('create: an unknown vendorOptions key is rejected before sending, like every other unknown field', () => {
  // Create inputs, update changes and search queries reject unknown keys; vendorOptions do not:
  // Vapi would answer 400 (additionalProperties: false), Vocode's FastAPI would ignore the typo
  // (a purchase without the intended agent), Vogent's options are dropped unread.
  const cases: [VendorName, unknown, Record<string, unknown>][] = [
    ['vapi', { type: 'purchase' }, { assistantID: '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d' }],
    ['vocode', { type: 'purchase' }, { inboundAgent: '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60' }],
    ['vogent', { type: 'purchase', number: '+14155550123' }, { agentId: '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60' }],
    // Retell's bodies are open in its spec: the typo would be sent and, unread, buy a number without its agents.
    ['retell', { type: 'purchase', areaCode: '415' }, { inboundAgents: [{ agent_id: 'agent_5b7d4e2a9c610d8e4b7a1f20', weight: 1 }] }],
  ];
  test.each(cases)('%s', async (vendor, input, options) => {
    const rec = recorder();
    const outcome = await loose(onPrism(vendor, rec))
      .create(input, { vendorOptions: { [vendor]: options } })
      .then(
        () => 'sent and succeeded',
        (error: unknown) => error,
      );
    expect(rec.requests.map((r) => ({ method: r.method, path: r.path, body: r.body }))).toEqual([]);
    expect(outcome).toBeInstanceOf(ValidationError);
    expect(outcome).toMatchObject({ field: `vendorOptions.${vendor}.${Object.keys(options)[0]}`, rule: 'unknown' });
  });
});

describe('a create type the vendor lacks throws UnsupportedOperationError before any request', () => {
  const valid: Record<CreateType, Record<string, unknown>> = {
    purchase: { type: 'purchase' },
    'sip-import': { type: 'sip-import', number: '+14155550142', terminationUri: 'trunk.example.com', username: 'user1', password: 'pass1' },
    'sip-username': { type: 'sip-username', sipPrefix: 'support', username: 'user1', password: 'pass1' },
    'sip-uri': { type: 'sip-uri', sipUri: 'sip:support@sip.vapi.ai' },
    'twilio-import': twilio,
    'vonage-import': { type: 'vonage-import', number: '+14155550161', credentialId: 'c' },
    'telnyx-import': { type: 'telnyx-import', number: '+14155550188', credentialId: 'c' },
    'byo-import': { type: 'byo-import', credentialId: 'c' },
    link: { type: 'link', number: '+14155550142', telephonyAccountConnection: UUID },
  };
  const cases = VENDOR_NAMES.flatMap((vendor) =>
    (Object.entries(onPrism(vendor).capabilities.create) as [CreateType, boolean][]).filter(([, on]) => !on).map(([type]) => [vendor, type] as const),
  );

  test('the unsupported pairs are the expected ones', () => {
    expect(cases.map(([vendor, type]) => `${vendor}:${type}`).sort()).toEqual(
      [
        'vapi:sip-import',
        'vapi:sip-username',
        'vapi:link',
        'vocode:sip-import',
        'vocode:sip-username',
        'vocode:sip-uri',
        'vocode:twilio-import',
        'vocode:vonage-import',
        'vocode:telnyx-import',
        'vocode:byo-import',
        'vogent:sip-uri',
        'vogent:twilio-import',
        'vogent:vonage-import',
        'vogent:telnyx-import',
        'vogent:byo-import',
        'vogent:link',
        'retell:sip-username',
        'retell:sip-uri',
        'retell:twilio-import',
        'retell:vonage-import',
        'retell:telnyx-import',
        'retell:byo-import',
        'retell:link',
        'cartesia:sip-import',
        'cartesia:sip-username',
        'cartesia:sip-uri',
        'cartesia:twilio-import',
        'cartesia:vonage-import',
        'cartesia:telnyx-import',
        'cartesia:byo-import',
      ].sort(),
    );
  });

  test.each(cases)('%s cannot create %s', async (vendor, type) => {
    const { error, requests } = await attempt(vendor, (n) => n.create(valid[type]));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ vendor, operation: `create:${type}` });
    expect(requests).toHaveLength(0);
  });

  test.each(['vapi', 'vocode', 'retell'] as const)('%s has no searchAvailable', async (vendor) => {
    expect(onPrism(vendor).capabilities.searchAvailable).toBe(false);
    const { error, requests } = await attempt(vendor, (n) => n.searchAvailable({ prefix: '415' }));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ vendor, operation: 'searchAvailable' });
    expect(requests).toHaveLength(0);
  });
});

describe('ids', () => {
  const bad: [label: string, id: unknown, rule: string][] = [
    ['empty', '', 'required'],
    ['blank', '   ', 'required'],
    ['"."', '.', 'path-segment'],
    ['".."', '..', 'path-segment'],
    ['a slash', 'a/b', 'characters'],
    ['a lone slash', '/', 'characters'],
    ['a traversal', '../phone-number', 'characters'],
    ['a backslash', 'a\\b', 'characters'],
    ['NUL', 'a\u0000b', 'characters'],
    ['a newline', 'a\nb', 'characters'],
    ['a carriage return', 'a\rb', 'characters'],
    ['a tab', 'a\tb', 'characters'],
    ['U+001F', 'a\u001fb', 'characters'],
    ['DEL', 'a\u007fb', 'characters'],
    ['leading whitespace', ' abc', 'whitespace'],
    ['trailing whitespace', 'abc\n', 'whitespace'],
    ['over 256 characters', 'a'.repeat(257), 'max-length'],
    ['a number', 42, 'type'],
    ['null', null, 'type'],
  ];
  const calls: [string, (n: Loose, id: unknown) => unknown][] = [
    ['get', (n, id) => n.get(id)],
    ['update', (n, id) => n.update(id, { agentId: 'agent-1' })],
    ['release', (n, id) => n.release(id)],
  ];
  const cases = (['vapi', 'vogent'] as const).flatMap((vendor) =>
    calls.flatMap(([method, call]) => bad.map(([label, id, rule]) => [vendor, method, label, call, id, rule] as const)),
  );
  test.each(cases)('%s %s: %s → ValidationError', (vendor, _method, _label, call, id, rule) => expectValidation(vendor, (n) => call(n, id), 'id', rule));

  test('C1 control characters (U+0080–U+009F) are rejected like C0 ones, before any request', async () => {
    // NEL (U+0085) is a line break to many log pipelines; CSI (U+009B) starts terminal escapes.
    const accepted: string[] = [];
    for (const vendor of ['vapi', 'vogent'] as const) {
      for (const [method, call] of calls) {
        for (const char of ['\u0080', '\u0085', '\u009b', '\u009f']) {
          const rec = recorder();
          const outcome = await Promise.resolve()
            .then(() => call(loose(onPrism(vendor, rec)), `a${char}b`))
            .then(
              () => undefined,
              (error: unknown) => error,
            );
          if (!(outcome instanceof ValidationError && outcome.field === 'id') || rec.requests.length > 0) {
            accepted.push(
              `${vendor} ${method} U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} → ${rec.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
            );
          }
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  test.each([
    ['vapi', 'a/b', 'characters'],
    ['vogent', '..', 'path-segment'],
    ['vocode', 'a\nb', 'characters'],
    ['vapi', '', 'required'],
    ['retell', 'agent/1', 'characters'],
  ] as const)('%s update: agentId %j → ValidationError', (vendor, agentId, rule) =>
    expectValidation(vendor, (n) => n.update(vendor === 'vocode' || vendor === 'retell' ? '+14155550123' : 'id-1', { agentId }), 'agentId', rule),
  );

  const odd: [label: string, id: string, encoded: string][] = [
    ['"?"', 'a?b', 'a%3Fb'],
    ['"#"', 'a#b', 'a%23b'],
    ['"%"', '50%', '50%25'],
    ['an encoded slash, kept literal', 'a%2Fb', 'a%252Fb'],
    ['an encoded dot-dot, kept literal', '%2e%2e', '%252e%252e'],
    ['a space inside', 'a b', 'a%20b'],
    ['"&" and "="', 'a&b=c', 'a%26b%3Dc'],
    ['unicode', 'ü€😀', '%C3%BC%E2%82%AC%F0%9F%98%80'],
    ['three dots', '...', '...'],
  ];
  const paths = { vapi: '/phone-number/', vogent: '/phone_numbers/' } as const;
  const okCases = (['vapi', 'vogent'] as const).flatMap((vendor) => odd.map(([label, id, encoded]) => [vendor, label, id, encoded] as const));

  test.each(okCases)('%s: an id with %s is accepted, sent percent-encoded, and Prism accepts it', async (vendor, _, id, encoded) => {
    const rec = recorder();
    const numbers = onPrism(vendor, rec);
    await numbers.get(id);
    await numbers.update(id, { agentId: 'agent-1' });
    await numbers.release(id);
    const expected = `${paths[vendor]}${encoded}`;
    // get, (vapi: get +) update, release
    expect(rec.requests.map((r) => r.method)).toEqual(vendor === 'vapi' ? ['GET', 'GET', 'PATCH', 'DELETE'] : ['GET', 'PUT', 'DELETE']);
    for (const request of rec.requests) {
      expect(request.path).toBe(expected);
      expect(request.search).toBe('');
      expect(decodeURIComponent(request.path.slice(paths[vendor].length))).toBe(id);
    }
  });
});

describe('vendor-specific rules', () => {
  const cases: Case[] = [
    [
      'sip-username password under 5 characters',
      'vogent',
      (n) => n.create({ type: 'sip-username', sipPrefix: 'support', username: 'user1', password: 'abcd' }),
      'password',
      'min-length',
    ],
    [
      'sip-username username under 5 characters',
      'vogent',
      (n) => n.create({ type: 'sip-username', sipPrefix: 'support', username: 'usr', password: 'pass1' }),
      'username',
      'min-length',
    ],
    ['purchase without a number', 'vogent', (n) => n.create({ type: 'purchase' }), 'number', 'required'],
    ['purchase with an area code', 'vogent', (n) => n.create({ type: 'purchase', number: '+14155550123', areaCode: '415' }), 'areaCode', 'unsupported'],
    ['update with a name', 'vogent', (n) => n.update('id-1', { name: 'Lobby' }), 'name', 'unsupported'],
    ['update clearing the name', 'vogent', (n) => n.update('id-1', { agentId: null, name: null }), 'name', 'unsupported'],
    // Vapi's definition: numberDesiredAreaCode has 3 characters (its spec's minLength/maxLength).
    ['areaCode of 2 digits', 'vapi', (n) => n.create({ type: 'purchase', areaCode: '41' }), 'areaCode', 'min-length'],
    ['areaCode of 4 digits', 'vapi', (n) => n.create({ type: 'purchase', areaCode: '4155' }), 'areaCode', 'max-length'],
    ['purchase with a number', 'vapi', (n) => n.create({ type: 'purchase', number: '+14155550123' }), 'number', 'unsupported'],
    [
      'twilio-import without any credential',
      'vapi',
      (n) => n.create({ type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123' }),
      'twilioAuthToken',
      'required',
    ],
    [
      'twilio-import with an API key but no secret',
      'vapi',
      (n) => n.create({ type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123', twilioApiKey: 'SK0' }),
      'twilioAuthToken',
      'required',
    ],
    [
      'twilio-import with a secret but no API key',
      'vapi',
      (n) => n.create({ type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123', twilioApiSecret: 's' }),
      'twilioAuthToken',
      'required',
    ],
    [
      'sip-uri with a username but no password',
      'vapi',
      (n) => n.create({ type: 'sip-uri', sipUri: 'sip:a@b', username: 'switchboard-sip-user-01' }),
      'password',
      'required',
    ],
    [
      'sip-uri with a password but no username',
      'vapi',
      (n) => n.create({ type: 'sip-uri', sipUri: 'sip:a@b', password: 'example-sip-password-0001' }),
      'username',
      'required',
    ],
    // The variant's `additionalProperties: false` in the spec: the field belongs to another provider's create.
    [
      'smsEnabled on a non-Twilio create',
      'vapi',
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { vapi: { smsEnabled: true } } }),
      'vendorOptions.vapi.smsEnabled',
      'unknown',
    ],
    [
      'numberE164CheckEnabled on a non-BYO create',
      'vapi',
      (n) => n.create(twilio, { vendorOptions: { vapi: { numberE164CheckEnabled: false } } }),
      'vendorOptions.vapi.numberE164CheckEnabled',
      'unknown',
    ],
    ['purchase with a number', 'vocode', (n) => n.create({ type: 'purchase', number: '+14155550123' }), 'number', 'unsupported'],
    [
      'outbound_only on a purchase',
      'vocode',
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { vocode: { outbound_only: true } } }),
      'outbound_only',
      'unsupported',
    ],
    [
      'telephony_provider on a link',
      'vocode',
      (n) =>
        n.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: UUID }, { vendorOptions: { vocode: { telephony_provider: 'twilio' } } }),
      'telephony_provider',
      'unsupported',
    ],
    // An area code is digits (the facade's rule); Retell's spec takes it as an integer from 100 to 999, which its check names.
    ['an area code that is not digits', 'retell', (n) => n.create({ type: 'purchase', areaCode: '41a' }), 'areaCode', 'digits'],
    ['areaCode of 2 digits', 'retell', (n) => n.create({ type: 'purchase', areaCode: '41' }), 'areaCode', 'minimum'],
    ['areaCode of 4 digits', 'retell', (n) => n.create({ type: 'purchase', areaCode: '4155' }), 'areaCode', 'maximum'],
    // A field of the other create's body (in Retell's spec) is refused, not sent to be ignored.
    [
      'toll_free on a sip-import',
      'retell',
      (n) =>
        n.create(
          { type: 'sip-import', number: '+14155550177', terminationUri: 'acme-trunk.pstn.twilio.com', username: 'user1', password: 'pass1' },
          { vendorOptions: { retell: { toll_free: true } } },
        ),
      'vendorOptions.retell.toll_free',
      'unsupported',
    ],
    [
      'ignore_e164_validation on a purchase',
      'retell',
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { retell: { ignore_e164_validation: false } } }),
      'vendorOptions.retell.ignore_e164_validation',
      'unsupported',
    ],
    [
      'a sip-import password that is not a string reaches the facade first',
      'retell',
      (n) => n.create({ type: 'sip-import', number: '+14155550177', terminationUri: 't', username: 'user1', password: 42 }),
      'password',
      'type',
    ],
  ];
  test.each(cases)('%s (%s)', (_, vendor, call, field, rule) => expectValidation(vendor, call, field, rule));

  test('limits the vendor specs document are checked before sending, not left to a 400/422', async () => {
    // Every limit a spec states is checked from the generated spec data before any request goes out.
    const cases: [label: string, vendor: VendorName, call: (numbers: Loose) => unknown][] = [
      [
        'vapi sip-uri username/password under 20 characters (SipAuthentication minLength 20)',
        'vapi',
        (n) => n.create({ type: 'sip-uri', sipUri: 'sip:a@sip.vapi.ai', username: 'user1234', password: 'pass1234' }),
      ],
      [
        'vapi sip-uri username over 40 characters (maxLength 40)',
        'vapi',
        (n) => n.create({ type: 'sip-uri', sipUri: 'sip:a@sip.vapi.ai', username: 'u'.repeat(41), password: 'example-sip-password-0001' }),
      ],
      [
        'vapi create name over 40 characters (maxLength 40)',
        'vapi',
        (n) => n.create({ type: 'purchase' }, { vendorOptions: { vapi: { name: 'x'.repeat(41) } } }),
      ],
      ['vapi update name over 40 characters (maxLength 40)', 'vapi', (n) => n.update('id-1', { name: 'x'.repeat(41) })],
      [
        'vocode link telephonyAccountConnection not a UUID (format: uuid)',
        'vocode',
        (n) => n.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: 'conn-1' }),
      ],
      ['vocode update agentId not a UUID (format: uuid)', 'vocode', (n) => n.update('+14155550123', { agentId: 'agent-1' })],
      [
        'retell inbound agent weight 0 (AgentWeight.weight exclusiveMinimum 0)',
        'retell',
        (n) => n.create({ type: 'purchase' }, { vendorOptions: { retell: { inbound_agents: [{ agent_id: 'agent-1', weight: 0 }] } } }),
      ],
      [
        'retell agent_version tag in capitals (AgentVersion pattern)',
        'retell',
        (n) => n.create({ type: 'purchase' }, { vendorOptions: { retell: { outbound_agents: [{ agent_id: 'agent-1', agent_version: 'Prod', weight: 1 }] } } }),
      ],
      ['retell country_code GB (enum US, CA)', 'retell', (n) => n.create({ type: 'purchase' }, { vendorOptions: { retell: { country_code: 'GB' } } })],
      [
        'retell number_provider vonage (enum twilio, telnyx)',
        'retell',
        (n) => n.create({ type: 'purchase' }, { vendorOptions: { retell: { number_provider: 'vonage' } } }),
      ],
    ];
    const sent: string[] = [];
    for (const [label, vendor, call] of cases) {
      const rec = recorder();
      const outcome = await Promise.resolve()
        .then(() => call(loose(onPrism(vendor, rec))))
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      if (!(outcome instanceof ValidationError) || rec.requests.length > 0) {
        sent.push(`${label}: ${outcome instanceof Error ? outcome.name : 'success'} after ${rec.requests.length} request(s)`);
      }
    }
    expect(sent).toEqual([]);
  });

  test('no rule the vendor does not document: a Vocode area code of any length is sent', async () => {
    const rec = recorder();
    await onPrism('vocode', rec).create({ type: 'purchase', areaCode: '4' });
    expect(rec.requests).toHaveLength(1);
  });

  test('vogent sip-username credentials of exactly 5 characters are sent', async () => {
    const rec = recorder();
    await onPrism('vogent', rec).create({ type: 'sip-username', sipPrefix: 'support', username: 'user1', password: 'pass1' });
    expect(rec.requests).toHaveLength(1);
  });
});

describe('update, list, listAll and searchAvailable arguments', () => {
  const cases: Case[] = [
    ['update without changes', 'vapi', (n) => n.update('id-1', {}), 'changes', 'required'],
    ['update with changes that are not an object', 'vogent', (n) => n.update('id-1', 'agent-1'), 'changes', 'type'],
    ['update with an unknown field', 'vocode', (n) => n.update('+14155550123', { label: 'Lobby' }), 'label', 'unknown'],
    ['update with an empty name', 'vapi', (n) => n.update('id-1', { name: '' }), 'name', 'required'],
    ['update with a name over 100 characters', 'vocode', (n) => n.update('+14155550123', { name: 'x'.repeat(101) }), 'name', 'max-length'],
    ['update with a numeric agentId', 'vogent', (n) => n.update('id-1', { agentId: 7 }), 'agentId', 'type'],
    ['list with limit 0', 'vapi', (n) => n.list({ limit: 0 }), 'limit', 'range'],
    ['list with limit 1001', 'vocode', (n) => n.list({ limit: 1001 }), 'limit', 'range'],
    ['list with a fractional limit', 'vogent', (n) => n.list({ limit: 1.5 }), 'limit', 'range'],
    ['list with a string limit', 'vogent', (n) => n.list({ limit: '10' }), 'limit', 'range'],
    ['list with an empty cursor', 'vogent', (n) => n.list({ cursor: '' }), 'cursor', 'required'],
    ['list with a numeric cursor', 'vogent', (n) => n.list({ cursor: 2 }), 'cursor', 'type'],
    ['list with a cursor that is not a page number', 'vapi', (n) => n.list({ cursor: 'abc' }), 'cursor', 'format'],
    ['list with page 0 as cursor', 'vocode', (n) => n.list({ cursor: '0' }), 'cursor', 'format'],
    ['list with options that are not an object', 'vapi', (n) => n.list('page=2'), 'options', 'type'],
    ['listAll with pageSize 0', 'vapi', (n) => n.listAll({ pageSize: 0 }), 'pageSize', 'range'],
    ['listAll with pageSize 1001', 'vogent', (n) => n.listAll({ pageSize: 1001 }), 'pageSize', 'range'],
    ['listAll with maxPages 0', 'vocode', (n) => n.listAll({ maxPages: 0 }), 'maxPages', 'range'],
    ['search with neither prefix nor areaCode', 'vogent', (n) => n.searchAvailable({}), 'prefix', 'required'],
    ['search with both prefix and areaCode', 'vogent', (n) => n.searchAvailable({ prefix: '415', areaCode: '415' }), 'prefix', 'required'],
    ['search with a "+" prefix', 'vogent', (n) => n.searchAvailable({ prefix: '+1415' }), 'prefix', 'digits'],
    ['search with a non-digit area code', 'vogent', (n) => n.searchAvailable({ areaCode: '41a' }), 'areaCode', 'digits'],
    ['search with a prefix over 10 digits', 'vogent', (n) => n.searchAvailable({ prefix: '14155550123' }), 'prefix', 'max-length'],
    ['search with a 3-letter country', 'vogent', (n) => n.searchAvailable({ prefix: '415', country: 'USA' }), 'country', 'format'],
    ['search with limit 11', 'vogent', (n) => n.searchAvailable({ prefix: '415', limit: 11 }), 'limit', 'range'],
    ['search with an unknown field', 'vogent', (n) => n.searchAvailable({ prefix: '415', type: 'local' }), 'type', 'unknown'],
    ['search with a query that is not an object', 'vogent', (n) => n.searchAvailable('415'), 'query', 'type'],
  ];
  test.each(cases)('%s (%s)', (_, vendor, call, field, rule) => expectValidation(vendor, call, field, rule));

  test('searchAvailable: a country that is not a string is a ValidationError, not a TypeError', async () => {
    // /^[A-Za-z]{2}$/.test(['US']) is true (the array is coerced to "US"); then country.toUpperCase() throws.
    const { error, requests } = await attempt('vogent', (n) => n.searchAvailable({ prefix: '415', country: ['US'] }));
    expect(requests).toHaveLength(0);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'country' });
  });

  test('listAll validates its options when called, before iterating', () => {
    const rec = recorder();
    const numbers = loose(onPrism('vapi', rec));
    expect(() => numbers.listAll({ pageSize: 5.5 })).toThrow(ValidationError);
    expect(rec.requests).toHaveLength(0);
  });
});

describe('createPhoneNumbers options', () => {
  const base = { vendor: 'vapi', apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' };
  test.each([
    ['an unknown vendor', { ...base, vendor: 'twilio' }, 'vendor', 'enum'],
    ['no vendor', { apiKey: API_KEY }, 'vendor', 'enum'],
    ['no API key', { ...base, apiKey: undefined }, 'apiKey', 'required'],
    ['an empty API key', { ...base, apiKey: '' }, 'apiKey', 'required'],
    ['an API key with a newline', { ...base, apiKey: 'sk-1\nX-Evil: 1' }, 'apiKey', 'format'],
    ['a non-http base URL', { ...base, baseUrl: 'ftp://api.example.com' }, 'baseUrl', 'url'],
    ['a relative base URL', { ...base, baseUrl: '/api' }, 'baseUrl', 'url'],
    ['timeoutMs 0', { ...base, timeoutMs: 0 }, 'timeoutMs', 'positive'],
    ['maxRetries 11', { ...base, maxRetries: 11 }, 'maxRetries', 'range'],
  ] as const)('%s → ValidationError', (_, options, field, rule) => {
    let error: unknown;
    try {
      untyped(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, rule });
  });

  test('options that are not an object', () => {
    expect(() => untyped(null)).toThrow(ValidationError);
  });
});

describe('no secret value appears in a ValidationError', () => {
  const TOKEN = 'tw-token-CANARY-5b1f0e9a';
  const SIP_PASSWORD = 'sip-pass-CANARY-77c2d4e1';
  const SHORT_PASSWORD = 'Zq9!';
  const API_KEY_CANARY = 'sk-live-CANARY-93a0be42';

  const cases: [label: string, vendor: VendorName, call: (numbers: Loose) => unknown, secret: string][] = [
    ['twilio token with a bad number', 'vapi', (n) => n.create({ ...twilio, number: 'bad', twilioAuthToken: TOKEN }), TOKEN],
    ['twilio token with an unknown field', 'vapi', (n) => n.create({ ...twilio, twilioAuthToken: TOKEN, twilioPhoneNumber: '+14155550142' }), TOKEN],
    ['twilio token that is too long', 'vapi', (n) => n.create({ ...twilio, twilioAuthToken: TOKEN.repeat(30) }), TOKEN],
    [
      'twilio API secret without its key',
      'vapi',
      (n) => n.create({ type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0', twilioApiSecret: TOKEN }),
      TOKEN,
    ],
    ['SIP password without its username', 'vapi', (n) => n.create({ type: 'sip-uri', sipUri: 'sip:a@b', password: SIP_PASSWORD }), SIP_PASSWORD],
    [
      'SIP password with a short username',
      'vogent',
      (n) => n.create({ type: 'sip-username', sipPrefix: 'p', username: 'usr', password: SIP_PASSWORD }),
      SIP_PASSWORD,
    ],
    [
      'a SIP password that is too short',
      'vogent',
      (n) => n.create({ type: 'sip-username', sipPrefix: 'p', username: 'user1', password: SHORT_PASSWORD }),
      SHORT_PASSWORD,
    ],
    [
      'SIP trunk password with a bad number',
      'vogent',
      (n) => n.create({ type: 'sip-import', number: '415', terminationUri: 't', username: 'user1', password: SIP_PASSWORD }),
      SIP_PASSWORD,
    ],
    [
      'SIP trunk password on a vendor without sip-import',
      'vapi',
      (n) => n.create({ type: 'sip-import', number: '+14155550142', terminationUri: 't', username: 'u', password: SIP_PASSWORD }),
      SIP_PASSWORD,
    ],
  ];

  function expectClean(error: unknown, ...secrets: string[]) {
    expect(error).toBeInstanceOf(Error);
    const views = [(error as Error).message, String((error as Error).stack), JSON.stringify(error), inspect(error, { depth: 5 })];
    for (const secret of secrets) for (const view of views) expect(view).not.toContain(secret);
  }

  test.each(cases)('%s (%s)', async (_, vendor, call, secret) => {
    const { error, requests } = await attempt(vendor, call);
    expect(requests).toHaveLength(0);
    expectClean(error, secret, API_KEY);
  });

  test.each([
    ['an unknown vendor', { vendor: 'twilio', apiKey: API_KEY_CANARY }],
    ['a bad base URL', { vendor: 'vapi', apiKey: API_KEY_CANARY, baseUrl: 'nope' }],
    ['an API key with whitespace', { vendor: 'vapi', apiKey: `${API_KEY_CANARY} extra` }],
    ['an API key with a control character', { vendor: 'vogent', apiKey: `${API_KEY_CANARY}\u0000` }],
  ])('createPhoneNumbers with %s does not echo the API key', (_, options) => {
    let error: unknown;
    try {
      untyped({ ...options, baseUrl: (options as { baseUrl?: string }).baseUrl ?? prismUrl('vapi') });
    } catch (e) {
      error = e;
    }
    expectClean(error, API_KEY_CANARY);
  });
});
