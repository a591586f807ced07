/**
 * What the facade hands a provider and what it makes of the answers, against a fake provider that
 * records its calls: inputs normalised, ids by the provider's `idRule`, `find` by the provider's
 * own lookup or by walking the listing, echoed secrets redacted in what is returned.
 */
import { inspect } from 'node:util';
import { createPhoneNumbers, revealEchoedSecrets } from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { FAKE_NUMBERS, fakeNumber, fakeProvider } from './fake-provider.js';
import { collect, facadeOf } from './helpers.js';

const callsOf = (provider: ReturnType<typeof fakeProvider>) => provider.calls.map(({ method, args }) => [method, ...args.filter((arg) => arg !== undefined)]);

describe('inputs reach the provider checked and normalised', () => {
  test.each([
    ['twilio-import', { type: 'twilio-import', number: '+1 415-555-0142', twilioAccountSid: 'AC0', twilioAuthToken: 't' }],
    ['link', { type: 'link', number: ' +1 (415) 555 0142 ', telephonyAccountConnection: 'conn' }],
    ['sip-import', { type: 'sip-import', number: '+1.415.555.0142', terminationUri: 't', username: 'u', password: 'p' }],
    ['purchase of an exact number', { type: 'purchase', number: '+1 (415) 555-0142' }],
  ])('%s: the number as E.164', async (_, input) => {
    const provider = fakeProvider();
    await facadeOf(provider).create(input as never);
    expect(provider.calls[0]!.args[0]).toEqual({ ...input, number: '+14155550142' });
  });

  test('a byo-import number is not E.164 by rule: it reaches the provider as written', async () => {
    const provider = fakeProvider();
    await facadeOf(provider).create({ type: 'byo-import', credentialId: 'c', number: '1234' });
    expect(provider.calls[0]!.args[0]).toEqual({ type: 'byo-import', credentialId: 'c', number: '1234' });
  });

  test('a provider addressing numbers by E.164 gets every id as E.164; an opaque one gets it as written', async () => {
    const e164 = fakeProvider({ idRule: 'e164', numbers: [{ id: '+14155550101', number: '+14155550101' }] });
    const numbers = facadeOf(e164);
    await numbers.get('+1 (415) 555-0101');
    await numbers.update(' +1 415 555 0101', { name: 'Lobby' });
    await numbers.release('+1-415-555-0101');
    expect(e164.calls.map(({ method, args }) => [method, args[0]])).toEqual([
      ['get', '+14155550101'],
      ['update', '+14155550101'],
      ['release', '+14155550101'],
    ]);
    const opaque = fakeProvider();
    await facadeOf(opaque).get('fake-2');
    expect(opaque.calls.map(({ method, args }) => [method, args[0]])).toEqual([['get', 'fake-2']]);
  });

  test('update changes: a name, a cleared name, an agent and an unlinked one, as given', async () => {
    const provider = fakeProvider();
    const numbers = facadeOf(provider);
    for (const changes of [{ name: 'Lobby' }, { name: null }, { agentId: 'agent-1' }, { agentId: null }, { agentId: 'agent-1', name: 'Lobby' }]) {
      await numbers.update('fake-1', changes);
    }
    expect(provider.calls.map(({ args }) => args[1])).toEqual([
      { name: 'Lobby' },
      { name: null },
      { agentId: 'agent-1' },
      { agentId: null },
      { agentId: 'agent-1', name: 'Lobby' },
    ]);
  });

  test('searchAvailable: an area code is the prefix, the country upper-cased', async () => {
    const provider = fakeProvider();
    const numbers = facadeOf(provider);
    expect(await numbers.searchAvailable({ areaCode: '415', country: 'us', limit: 5 })).toEqual([{ vendor: 'fake', number: '+14155550111' }]);
    await numbers.searchAvailable({ prefix: '415' });
    expect(provider.calls.map(({ args }) => args[0])).toEqual([{ prefix: '415', country: 'US', limit: 5 }, { prefix: '415' }]);
  });

  test('release resolves to nothing', async () => {
    await expect(facadeOf(fakeProvider()).release('fake-1')).resolves.toBeUndefined();
  });

  test('call options reach the provider checked', async () => {
    const provider = fakeProvider();
    const signal = new AbortController().signal;
    await facadeOf(provider).get('fake-1', { headers: { 'x-trace-id': 'trace-9' }, timeoutMs: 1_000, signal });
    expect(callsOf(provider)).toEqual([['get', 'fake-1', { headers: { 'x-trace-id': 'trace-9' }, timeoutMs: 1_000, signal }]]);
  });
});

describe('find', () => {
  test("asks the provider's own lookup, once, for the number written any way", async () => {
    const provider = fakeProvider();
    expect(await facadeOf(provider).find(' +1 (415) 555-0102 ')).toEqual(fakeNumber('fake', FAKE_NUMBERS[1]!));
    expect(callsOf(provider)).toEqual([['findByNumber', '+14155550102']]);
  });

  test('without a lookup, walks the listing until the number turns up', async () => {
    const provider = fakeProvider({
      findByNumber: false,
      page: (cursor) =>
        cursor === undefined
          ? { items: [fakeNumber('fake', FAKE_NUMBERS[0]!)], nextCursor: '1' }
          : { items: FAKE_NUMBERS.slice(1).map((raw) => fakeNumber('fake', raw)), nextCursor: '2' },
    });
    expect(await facadeOf(provider).find('+1 415 555 0103')).toMatchObject({ id: 'fake-3' });
    const asked = provider.calls.map(({ method, args }) => [method, (args[0] as { cursor?: string }).cursor]);
    // The walk asks for the next page while it reads one: the page after the number's may have been asked for, none further.
    expect(asked.slice(0, 2)).toEqual([
      ['list', undefined],
      ['list', '1'],
    ]);
    expect(asked.slice(2)).toEqual(asked.length > 2 ? [['list', '2']] : []);
  });

  test('returns null for a number no page holds (with or without a lookup)', async () => {
    expect(await facadeOf(fakeProvider()).find('+19995550100')).toBeNull();
    expect(await facadeOf(fakeProvider({ findByNumber: false })).find('+19995550100')).toBeNull();
  });
});

describe('secrets a vendor echoes back are redacted in what the facade returns', () => {
  const SECRET = 'example-sip-password-0001';
  const echoing = () => fakeProvider({ numbers: [{ id: 'fake-1', number: '+14155550101', password: SECRET }] });

  test('get, list, listAll, update and find: the secret field is [REDACTED] in every view; revealEchoedSecrets has it', async () => {
    const numbers = facadeOf(echoing());
    const returned = [
      await numbers.get('fake-1'),
      ...(await numbers.list()).items,
      ...(await collect(numbers.listAll())),
      await numbers.update('fake-1', { name: 'Lobby' }),
      (await numbers.find('+14155550101'))!,
    ];
    for (const number of returned) {
      expect(number.raw).toEqual({ id: 'fake-1', number: '+14155550101', password: '[REDACTED]' });
      for (const view of [JSON.stringify(number), inspect(number, { depth: 10 }), String(number)]) expect(view).not.toContain(SECRET);
      expect(revealEchoedSecrets(number)).toEqual({ id: 'fake-1', number: '+14155550101', password: SECRET });
    }
  });

  test('a number without echoed secrets is returned as the provider made it', async () => {
    const number = await facadeOf(fakeProvider()).get('fake-1');
    expect(number).toEqual(fakeNumber('fake', FAKE_NUMBERS[0]!));
    expect(revealEchoedSecrets(number)).toBe(number.raw);
  });
});

describe('createPhoneNumbers({ provider })', () => {
  test('is the facade over that provider, its vendor and capabilities', async () => {
    const provider = fakeProvider({ vendor: 'acme-phone' });
    const numbers = createPhoneNumbers({ provider });
    expect(numbers.vendor).toBe('acme-phone');
    expect(numbers.capabilities).toBe(provider.capabilities);
    expect(await numbers.get('fake-1')).toMatchObject({ vendor: 'acme-phone', id: 'fake-1' });
  });
});
