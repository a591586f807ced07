/**
 * The facade's own rules, before any provider is called: the neutral inputs (numbers, ids, create
 * fields, options), against a fake provider that records every call, so "nothing sent" is "the
 * provider was not called". Each vendor's own rules are its fixture's, run by the conformance
 * suite; what every vendor of the registry must refuse is in registry.test.ts.
 */
import { inspect } from 'node:util';
import { CREATE_TYPES, createPhoneNumbers, UnsupportedOperationError, ValidationError } from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { type FakeOptions, fakeProvider } from './fake-provider.js';
import { caught, facadeOf, VALID_CREATE_INPUTS } from './helpers.js';

/** The facade as plain JavaScript callers see it: no compile-time guard, every argument `unknown`. */
interface Loose {
  list(options?: unknown, call?: unknown): Promise<unknown>;
  listAll(options?: unknown, call?: unknown): AsyncIterable<unknown>;
  get(id: unknown): Promise<unknown>;
  create(input: unknown, options?: unknown): Promise<unknown>;
  update(id: unknown, changes: unknown): Promise<unknown>;
  release(id: unknown, call?: unknown): Promise<unknown>;
  searchAvailable(query: unknown): Promise<unknown>;
  find(number: unknown): Promise<unknown>;
}

/** Run `call` on the facade over a fresh fake and return its error and the provider calls it made. */
async function attempt(call: (numbers: Loose) => unknown, options?: FakeOptions) {
  const provider = fakeProvider(options);
  const error = await caught(() => call(facadeOf(provider) as unknown as Loose));
  return { error, calls: provider.calls };
}

async function expectValidation(call: (numbers: Loose) => unknown, field: string, rule: string, options?: FakeOptions) {
  const { error, calls } = await attempt(call, options);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ name: 'ValidationError', field, rule });
  expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
  expect(calls).toEqual([]);
}

type Case = [label: string, call: (numbers: Loose) => unknown, field: string, rule: string];

const UUID = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';
const twilio = { type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123', twilioAuthToken: 'token-0123' };
const E164_ID: FakeOptions = { idRule: 'e164' };

describe('bad E.164 numbers are refused before the provider is called, naming the field', () => {
  const cases: Case[] = [
    ['letters', (n) => n.create({ ...twilio, number: 'abc' }), 'number', 'e164'],
    ['no "+"', (n) => n.create({ ...twilio, number: '14155550142' }), 'number', 'e164'],
    ['country code 0', (n) => n.create({ ...twilio, number: '+04155550142' }), 'number', 'e164'],
    ['16 digits', (n) => n.create({ ...twilio, number: '+1415555014212345' }), 'number', 'e164'],
    ['"+" alone', (n) => n.create({ ...twilio, number: '+' }), 'number', 'e164'],
    ['full-width digits', (n) => n.create({ ...twilio, number: '+1４１５5550142' }), 'number', 'ascii'],
    ['a zero-width space', (n) => n.create({ ...twilio, number: '+1415\u200b5550142' }), 'number', 'ascii'],
    ['empty', (n) => n.create({ ...twilio, number: '' }), 'number', 'required'],
    ['blank', (n) => n.create({ ...twilio, number: '   ' }), 'number', 'required'],
    ['not a string', (n) => n.create({ ...twilio, number: 14155550142 }), 'number', 'type'],
    ['a vonage-import number', (n) => n.create({ type: 'vonage-import', number: 'vonage-1', credentialId: 'c' }), 'number', 'e164'],
    [
      'a telnyx-import number written loosely without a country',
      (n) => n.create({ type: 'telnyx-import', number: '(415) 555-0188', credentialId: 'c' }),
      'number',
      'e164',
    ],
    ['a link number without "+"', (n) => n.create({ type: 'link', number: '14155550142', telephonyAccountConnection: UUID }), 'number', 'e164'],
    [
      'a sip-import number',
      (n) => n.create({ type: 'sip-import', number: 'trunk', terminationUri: 't', username: 'user1', password: 'pass1' }),
      'number',
      'e164',
    ],
    ['a purchase of an exact number without a country', (n) => n.create({ type: 'purchase', number: '415-555-0123' }), 'number', 'e164'],
    ['find of a national number', (n) => n.find('415 555 0123'), 'number', 'e164'],
    ['find without "+"', (n) => n.find('14155550123'), 'number', 'e164'],
    ['find of a SIP username', (n) => n.find('acme-support'), 'number', 'e164'],
    ['find of nothing', (n) => n.find(''), 'number', 'required'],
    ['find of a non-string', (n) => n.find(null), 'number', 'type'],
  ];
  test.each(cases)('%s', (_, call, field, rule) => expectValidation(call, field, rule));

  const e164Ids: Case[] = [
    ['get: digits without "+"', (n) => n.get('14155550123'), 'id', 'e164'],
    ['get: an opaque id', (n) => n.get('7f3c2a10-5b6e-4d8f-9a1b-2c3d4e5f6a70'), 'id', 'e164'],
    ['update', (n) => n.update('abc', { name: 'Lobby' }), 'id', 'e164'],
    ['update: an agent id where the number goes', (n) => n.update('agent_5b7d4e2a9c610d8e4b7a1f20', { name: 'Lobby' }), 'id', 'e164'],
    ['release', (n) => n.release('+1415555012x'), 'id', 'e164'],
    ['release of nothing', (n) => n.release(''), 'id', 'required'],
  ];
  test.each(e164Ids)('a provider addressing numbers by E.164 (idRule e164), %s', (_, call, field, rule) => expectValidation(call, field, rule, E164_ID));
});

describe('create: missing, empty and ill-typed fields, unknown fields and types', () => {
  const cases: Case[] = [
    [
      'twilio-import without twilioAccountSid',
      (n) => n.create({ type: 'twilio-import', number: '+14155550142', twilioAuthToken: 't' }),
      'twilioAccountSid',
      'required',
    ],
    ['twilio-import with a blank twilioAccountSid', (n) => n.create({ ...twilio, twilioAccountSid: '  ' }), 'twilioAccountSid', 'required'],
    ['twilio-import with a numeric twilioAccountSid', (n) => n.create({ ...twilio, twilioAccountSid: 42 }), 'twilioAccountSid', 'type'],
    ['vonage-import without credentialId', (n) => n.create({ type: 'vonage-import', number: '+14155550161' }), 'credentialId', 'required'],
    ['telnyx-import without number', (n) => n.create({ type: 'telnyx-import', credentialId: 'c' }), 'number', 'required'],
    ['sip-uri without sipUri', (n) => n.create({ type: 'sip-uri' }), 'sipUri', 'required'],
    ['byo-import without credentialId', (n) => n.create({ type: 'byo-import', number: '+14155550177' }), 'credentialId', 'required'],
    ['link without telephonyAccountConnection', (n) => n.create({ type: 'link', number: '+14155550142' }), 'telephonyAccountConnection', 'required'],
    [
      'sip-import without password',
      (n) => n.create({ type: 'sip-import', number: '+14155550142', terminationUri: 't', username: 'user1' }),
      'password',
      'required',
    ],
    [
      'a sip-import password that is not a string',
      (n) => n.create({ type: 'sip-import', number: '+14155550177', terminationUri: 't', username: 'user1', password: 42 }),
      'password',
      'type',
    ],
    ['sip-username without sipPrefix', (n) => n.create({ type: 'sip-username', username: 'user1', password: 'pass1' }), 'sipPrefix', 'required'],
    ['a value over 512 characters', (n) => n.create({ type: 'sip-uri', sipUri: `sip:${'a'.repeat(600)}@x` }), 'sipUri', 'max-length'],
    ['an unknown field', (n) => n.create({ type: 'purchase', foo: 1 }), 'foo', 'unknown'],
    ["another type's field", (n) => n.create({ type: 'purchase', credentialId: 'c' }), 'credentialId', 'unknown'],
    ["a vendor's raw field (authentication)", (n) => n.create({ type: 'sip-uri', sipUri: 'sip:a@b', authentication: {} }), 'authentication', 'unknown'],
    [
      'a vendor option given as a field (outbound_only)',
      (n) => n.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: UUID, outbound_only: true }),
      'outbound_only',
      'unknown',
    ],
    ["a vendor's raw body (purchase)", (n) => n.create({ type: 'purchase', purchase: { number: '+14155550123' } }), 'purchase', 'unknown'],
    ['no type', (n) => n.create({ number: '+14155550123' }), 'type', 'enum'],
    ['an unknown type', (n) => n.create({ type: 'port-in', number: '+14155550123' }), 'type', 'enum'],
    ["a vendor's own type name", (n) => n.create({ type: 'sip_import' }), 'type', 'enum'],
    ['no input', (n) => n.create(undefined), 'input', 'type'],
    ['an array', (n) => n.create([{ type: 'purchase' }]), 'input', 'type'],
    // An area code is ASCII digits wherever the neutral input has one, at most 10.
    ['an area code of full-width digits', (n) => n.create({ type: 'purchase', areaCode: '４１５' }), 'areaCode', 'digits'],
    ['an area code with a line break', (n) => n.create({ type: 'purchase', areaCode: '415\r\n' }), 'areaCode', 'digits'],
    ['an area code with a leading space', (n) => n.create({ type: 'purchase', areaCode: ' 415' }), 'areaCode', 'digits'],
    ['an area code that is not digits', (n) => n.create({ type: 'purchase', areaCode: '41a' }), 'areaCode', 'digits'],
    ['an area code of 500 digits', (n) => n.create({ type: 'purchase', areaCode: '4'.repeat(500) }), 'areaCode', 'max-length'],
  ];
  test.each(cases)('%s', (_, call, field, rule) => expectValidation(call, field, rule));
});

describe("create: the provider's vendorOptions", () => {
  test.each<Case>([
    [
      'options of the vendor that are not an object',
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { fake: 'Front desk' } }),
      'vendorOptions.fake',
      'type',
    ],
    [
      'a key its schema does not have',
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { fake: { labl: 'Front desk' } } }),
      'vendorOptions.fake.labl',
      'unknown',
    ],
    [
      "a value its schema's limit refuses",
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { fake: { label: 'x'.repeat(11) } } }),
      'vendorOptions.fake.label',
      'max-length',
    ],
    // A facade of one provider knows only its own vendor's key.
    ['another vendor', (n) => n.create({ type: 'purchase' }, { vendorOptions: { other: { label: 'Lobby' } } }), 'vendorOptions.other', 'unknown'],
    ['a misspelt create option', (n) => n.create({ type: 'purchase' }, { vendorOption: { fake: { label: 'Lobby' } } }), 'vendorOption', 'unknown'],
  ])('%s → ValidationError, before the provider is called', (_, call, field, rule) => expectValidation(call, field, rule));

  test('checked options reach the provider as given, under its own name only', async () => {
    const provider = fakeProvider();
    await facadeOf(provider).create({ type: 'purchase' }, { vendorOptions: { fake: { label: 'Lobby' } } });
    expect(provider.calls.map(({ method, args }) => [method, args[1]])).toEqual([['create', { label: 'Lobby' }]]);
  });

  test('a misspelt option says what the options are', async () => {
    const { error } = await attempt((n) => n.create({ type: 'purchase' }, { vendorOption: {} }));
    expect((error as ValidationError).reason).toContain('is not a create option (vendorOptions, signal');
  });
});

describe('a create type the provider lacks throws UnsupportedOperationError before the provider is called', () => {
  test.each(CREATE_TYPES)('%s', async (type) => {
    const { error, calls } = await attempt((n) => n.create(VALID_CREATE_INPUTS[type]), { refuses: [type] });
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ vendor: 'fake', operation: `create:${type}` });
    expect(calls).toEqual([]);
  });

  test('the type is said before any of its fields is checked', async () => {
    const { error } = await attempt((n) => n.create({ type: 'link', number: 'not a number' }), { refuses: ['link'] });
    expect(error).toBeInstanceOf(UnsupportedOperationError);
  });

  test('searchAvailable of a provider without it', async () => {
    const { error, calls } = await attempt((n) => n.searchAvailable({ prefix: '415' }), { searchAvailable: false });
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ vendor: 'fake', operation: 'searchAvailable' });
    expect(calls).toEqual([]);
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
    // NEL (U+0085) is a line break to many log pipelines; CSI (U+009B) starts terminal escapes.
    ['U+0080', 'a\u0080b', 'characters'],
    ['NEL', 'a\u0085b', 'characters'],
    ['CSI', 'a\u009bb', 'characters'],
    ['U+009F', 'a\u009fb', 'characters'],
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
  const cases = calls.flatMap(([method, call]) => bad.map(([label, id, rule]) => [method, label, call, id, rule] as const));
  test.each(cases)('%s: %s → ValidationError', (_method, _label, call, id, rule) => expectValidation((n) => call(n, id), 'id', rule));

  test.each([
    ['a/b', 'characters'],
    ['..', 'path-segment'],
    ['a\nb', 'characters'],
    ['', 'required'],
    ['agent/1', 'characters'],
  ] as const)('update: agentId %j → ValidationError', (agentId, rule) => expectValidation((n) => n.update('fake-1', { agentId }), 'agentId', rule));

  test.each(['a?b', 'a#b', '50%', 'a%2Fb', '%2e%2e', 'a b', 'a&b=c', 'ü€😀', '...'])('an opaque id %j reaches the provider as it is', async (id) => {
    const provider = fakeProvider({ numbers: [{ id, number: '+14155550101' }] });
    const numbers = facadeOf(provider);
    await numbers.get(id);
    await numbers.update(id, { agentId: 'agent-1' });
    await numbers.release(id);
    expect(provider.calls.map(({ method, args }) => [method, args[0]])).toEqual([
      ['get', id],
      ['update', id],
      ['release', id],
    ]);
  });
});

describe('update, list, listAll and searchAvailable arguments', () => {
  const cases: Case[] = [
    ['update without changes', (n) => n.update('fake-1', {}), 'changes', 'required'],
    ['update with changes that are not an object', (n) => n.update('fake-1', 'agent-1'), 'changes', 'type'],
    ['update with an unknown field', (n) => n.update('fake-1', { label: 'Lobby' }), 'label', 'unknown'],
    ['update with an empty name', (n) => n.update('fake-1', { name: '' }), 'name', 'required'],
    ['update with a name over 100 characters', (n) => n.update('fake-1', { name: 'x'.repeat(101) }), 'name', 'max-length'],
    ['update with a numeric agentId', (n) => n.update('fake-1', { agentId: 7 }), 'agentId', 'type'],
    ['list with limit 0', (n) => n.list({ limit: 0 }), 'limit', 'range'],
    ['list with limit 1001', (n) => n.list({ limit: 1001 }), 'limit', 'range'],
    ['list with a fractional limit', (n) => n.list({ limit: 1.5 }), 'limit', 'range'],
    ['list with a string limit', (n) => n.list({ limit: '10' }), 'limit', 'range'],
    ['list with an empty cursor', (n) => n.list({ cursor: '' }), 'cursor', 'required'],
    ['list with a numeric cursor', (n) => n.list({ cursor: 2 }), 'cursor', 'type'],
    ['list with options that are not an object', (n) => n.list('page=2'), 'options', 'type'],
    ['list with a misspelt option', (n) => n.list({ limt: 5 }), 'limt', 'unknown'],
    ['listAll with pageSize 0', (n) => n.listAll({ pageSize: 0 }), 'pageSize', 'range'],
    ['listAll with pageSize 1001', (n) => n.listAll({ pageSize: 1001 }), 'pageSize', 'range'],
    ['listAll with maxPages 0', (n) => n.listAll({ maxPages: 0 }), 'maxPages', 'range'],
    ['listAll with a misspelt option', (n) => n.listAll({ pageSiz: 5 }), 'pageSiz', 'unknown'],
    ['search with neither prefix nor areaCode', (n) => n.searchAvailable({}), 'prefix', 'required'],
    ['search with both prefix and areaCode', (n) => n.searchAvailable({ prefix: '415', areaCode: '415' }), 'prefix', 'required'],
    ['search with a "+" prefix', (n) => n.searchAvailable({ prefix: '+1415' }), 'prefix', 'digits'],
    ['search with a prefix ending in a line break', (n) => n.searchAvailable({ prefix: '415\n' }), 'prefix', 'digits'],
    ['search with a non-digit area code', (n) => n.searchAvailable({ areaCode: '41a' }), 'areaCode', 'digits'],
    ['search with a full-width area code', (n) => n.searchAvailable({ areaCode: '４１５' }), 'areaCode', 'digits'],
    ['search with a prefix over 10 digits', (n) => n.searchAvailable({ prefix: '14155550123' }), 'prefix', 'max-length'],
    ['search with a 3-letter country', (n) => n.searchAvailable({ prefix: '415', country: 'USA' }), 'country', 'format'],
    // /^[A-Za-z]{2}$/.test(['US']) is true (the array is coerced to "US"); then country.toUpperCase() would throw.
    ['search with a country that is not a string', (n) => n.searchAvailable({ prefix: '415', country: ['US'] }), 'country', 'format'],
    ['search with limit 11', (n) => n.searchAvailable({ prefix: '415', limit: 11 }), 'limit', 'range'],
    ['search with an unknown field', (n) => n.searchAvailable({ prefix: '415', type: 'local' }), 'type', 'unknown'],
    ['search with a query that is not an object', (n) => n.searchAvailable('415'), 'query', 'type'],
    ['a call option that does not exist', (n) => n.release('fake-1', { retries: 3 }), 'retries', 'unknown'],
  ];
  test.each(cases)('%s', (_, call, field, rule) => expectValidation(call, field, rule));

  test('misspelt list and listAll options say what the options are', async () => {
    const list = await attempt((n) => n.list({ limt: 5 }));
    expect((list.error as ValidationError).reason).toContain('is not a list option (limit, cursor)');
    const listAll = await attempt((n) => n.listAll({ pageSiz: 5 }));
    expect((listAll.error as ValidationError).reason).toContain('is not a listAll option (pageSize, maxPages, signal, timeoutMs, headers)');
  });

  test('listAll validates its options when called, before iterating', () => {
    const provider = fakeProvider();
    expect(() => (facadeOf(provider) as unknown as Loose).listAll({ pageSize: 5.5 })).toThrow(ValidationError);
    expect(provider.calls).toEqual([]);
  });
});

describe('createPhoneNumbers with a provider object', () => {
  test('one that does not implement specification v1 → ValidationError', () => {
    expect(() => createPhoneNumbers({ provider: { ...fakeProvider(), specificationVersion: 'v2' } as never })).toThrow(ValidationError);
  });

  test('options that are not an object → ValidationError', () => {
    expect(() => (createPhoneNumbers as (options: unknown) => unknown)(null)).toThrow(ValidationError);
  });
});

describe('no secret value appears in a ValidationError', () => {
  const TOKEN = 'tw-token-CANARY-5b1f0e9a';
  const SIP_PASSWORD = 'sip-pass-CANARY-77c2d4e1';

  const cases: [label: string, call: (numbers: Loose) => unknown, secret: string, options?: FakeOptions][] = [
    ['a twilio token with a bad number', (n) => n.create({ ...twilio, number: 'bad', twilioAuthToken: TOKEN }), TOKEN],
    ['a twilio token with an unknown field', (n) => n.create({ ...twilio, twilioAuthToken: TOKEN, twilioPhoneNumber: '+14155550142' }), TOKEN],
    ['a twilio token that is too long', (n) => n.create({ ...twilio, twilioAuthToken: TOKEN.repeat(30) }), TOKEN],
    [
      'a SIP trunk password with a bad number',
      (n) => n.create({ type: 'sip-import', number: '415', terminationUri: 't', username: 'user1', password: SIP_PASSWORD }),
      SIP_PASSWORD,
    ],
    [
      'a SIP trunk password next to an unknown field',
      (n) => n.create({ type: 'sip-import', number: '+14155550142', terminationUri: 't', username: 'u', password: SIP_PASSWORD, secret: TOKEN }),
      SIP_PASSWORD,
    ],
    [
      'a SIP trunk password that is far too long',
      (n) => n.create({ type: 'sip-import', number: '+14155550142', terminationUri: 't', username: 'u', password: SIP_PASSWORD.repeat(30) }),
      SIP_PASSWORD,
    ],
    [
      'a SIP trunk password that is not a string',
      (n) => n.create({ type: 'sip-import', number: '+14155550142', terminationUri: 't', username: 'u', password: [SIP_PASSWORD] }),
      SIP_PASSWORD,
    ],
    [
      'a SIP trunk password on a provider without sip-import',
      (n) => n.create({ type: 'sip-import', number: '+14155550142', terminationUri: 't', username: 'u', password: SIP_PASSWORD }),
      SIP_PASSWORD,
      { refuses: ['sip-import'] },
    ],
  ];

  test.each(cases)('%s', async (_, call, secret, options) => {
    const { error, calls } = await attempt(call, options);
    expect(calls).toEqual([]);
    expect(error).toBeInstanceOf(Error);
    const views = [(error as Error).message, String((error as Error).stack), JSON.stringify(error), inspect(error, { depth: 5 })];
    for (const view of views) expect(view).not.toContain(secret);
  });
});
