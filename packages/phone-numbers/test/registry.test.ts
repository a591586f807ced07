/**
 * Every vendor of the registry behind the facade, on its Prism mock: what the facade promises of
 * any vendor, with each vendor's cases read from its conformance fixture and its capabilities, so
 * that a vendor added to the registry is checked here without an edit.
 */
import { inspect } from 'node:util';
import {
  CREATE_FIELDS,
  type CreateType,
  createPhoneNumbers,
  type PhoneNumbers,
  PROVIDERS,
  UnsupportedOperationError,
  ValidationError,
  VENDOR_CAPABILITIES,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import type { LooseFacade } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import { API_KEY, caught, createThrough, FIXTURES, ID_RULES, onPrism, prismUrl, recorder, requestsOf, VALID_CREATE_INPUTS } from './helpers.js';

const loose = (numbers: unknown) => numbers as LooseFacade;
const any = (numbers: unknown) => numbers as PhoneNumbers;

/** A number as people write it: the country code apart, the rest grouped. */
const loosely = (e164: string) => ` ${e164.slice(0, 2)} (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)} `;
const E164 = /^\+[1-9]\d{1,14}$/;

describe.each(VENDOR_NAMES)('%s behind the facade', (vendor) => {
  const fixture = FIXTURES[vendor];
  const capabilities = VENDOR_CAPABILITIES[vendor];

  test('the registry, the facade and the fixture describe the same provider', () => {
    expect(PROVIDERS[vendor].vendor).toBe(vendor);
    expect(fixture.definition).toBe(PROVIDERS[vendor]);
    const numbers = onPrism(vendor);
    expect(numbers.vendor).toBe(vendor);
    expect(numbers.capabilities).toEqual(capabilities);
  });

  const refused = (Object.entries(capabilities.create) as [CreateType, boolean][]).filter(([, on]) => !on).map(([type]) => type);
  test.each(refused)('a %s create, which it lacks, is an UnsupportedOperationError before any request', async (type) => {
    const rec = recorder();
    const error = await caught(() => loose(onPrism(vendor, rec)).create(VALID_CREATE_INPUTS[type]));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ vendor, operation: `create:${type}` });
    expect(rec.requests).toEqual([]);
  });

  test(
    capabilities.searchAvailable
      ? 'searchAvailable takes an area code and a lower-case country as the prefix and the code'
      : 'searchAvailable, which it lacks, is an UnsupportedOperationError before any request',
    async () => {
      const rec = recorder();
      const numbers = loose(onPrism(vendor, rec));
      if (!capabilities.searchAvailable) {
        const error = await caught(() => numbers.searchAvailable({ prefix: '415' }));
        expect(error).toMatchObject({ name: 'UnsupportedOperationError', vendor, operation: 'searchAvailable' });
        expect(rec.requests).toEqual([]);
        return;
      }
      expect(await numbers.searchAvailable({ areaCode: '415', country: 'us', limit: 5 })).toEqual(
        await numbers.searchAvailable({ prefix: '415', country: 'US', limit: 5 }),
      );
      const [loose415, canonical] = rec.requests;
      expect({ url: loose415!.url, body: loose415!.body }).toEqual({ url: canonical!.url, body: canonical!.body });
    },
  );

  test.each(fixture.creates.map((create) => [create.name, create] as const))('create %s: sent once, the vendor’s number back', async (_, create) => {
    const rec = recorder();
    expect(await createThrough(onPrism(vendor, rec), vendor, create)).toMatchObject({ vendor });
    expect(rec.requests.map((request) => `${request.method} ${request.path}`)).toEqual(requestsOf(create));
  });

  // The create fields the facade normalises to E.164 (its CREATE_FIELDS).
  const withNumbers = fixture.creates.filter(
    (create) => CREATE_FIELDS[create.input.type as CreateType].e164.includes('number') && typeof create.input.number === 'string',
  );
  test.each(withNumbers.map((create) => [create.name, create] as const))(
    'create %s: a number written loosely goes out as the E.164 one does',
    async (_, create) => {
      const rec = recorder();
      const numbers = onPrism(vendor, rec);
      await createThrough(numbers, vendor, create);
      await createThrough(numbers, vendor, { ...create, input: { ...create.input, number: loosely(create.input.number as string) } });
      const [canonical, written] = rec.requests.filter((request) => `${request.method} ${request.path}` === create.key);
      expect({ url: written!.url, body: written!.body }).toEqual({ url: canonical!.url, body: canonical!.body });
    },
  );

  test('an unknown vendorOptions key is refused before sending, naming it', async () => {
    const rec = recorder();
    const create = fixture.creates[0]!;
    const error = await caught(() => createThrough(onPrism(vendor, rec), vendor, { ...create, vendorOptions: { ...create.vendorOptions, notAnOption: true } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: `vendorOptions.${vendor}.notAnOption`, rule: 'unknown' });
    expect(rec.requests).toEqual([]);
  });

  test("the other shipped vendors' options may share the vendorOptions object, and are left for them", async () => {
    const rec = recorder();
    const create = fixture.creates[0]!;
    const numbers = onPrism(vendor, rec);
    const others = Object.fromEntries(VENDOR_NAMES.filter((other) => other !== vendor).map((other) => [other, {}]));
    await createThrough(numbers, vendor, create);
    await numbers.create(create.input as never, {
      vendorOptions: { ...others, ...(create.vendorOptions === undefined ? {} : { [vendor]: create.vendorOptions }) },
    });
    const [alone, shared] = rec.requests.filter((request) => `${request.method} ${request.path}` === create.key);
    expect(shared!.body).toEqual(alone!.body);
    const misspelt = await caught(() => numbers.create(create.input as never, { vendorOptions: { [`${vendor}x`]: {} } }));
    expect(misspelt).toMatchObject({ name: 'ValidationError', field: `vendorOptions.${vendor}x`, rule: 'unknown' });
    const vendors = [vendor, ...VENDOR_NAMES.filter((other) => other !== vendor)];
    expect((misspelt as ValidationError).reason).toBe(`is not a vendor (${vendors.join(', ')})`);
  });

  test(`ids are ${ID_RULES[vendor] === 'e164' ? 'E.164 numbers, written any way' : 'opaque: one checked path segment'}`, async () => {
    const rec = recorder();
    const numbers = loose(onPrism(vendor, rec));
    const bad = ID_RULES[vendor] === 'e164' ? ['14155550123', 'abc'] : ['..', 'a/b'];
    for (const id of bad) {
      for (const call of [() => numbers.get(id), () => numbers.update(id, { name: 'Lobby' }), () => numbers.release(id)]) {
        expect(await caught(call)).toMatchObject({ name: 'ValidationError', field: 'id' });
      }
    }
    expect(rec.requests).toEqual([]);
    if (ID_RULES[vendor] === 'e164') {
      await numbers.get(fixture.get.id);
      await numbers.get(loosely(fixture.get.id));
      expect(rec.requests[1]!.url).toBe(rec.requests[0]!.url);
    }
  });

  test('find returns a number the vendor holds, written loosely, and null for one it does not', async () => {
    const numbers = onPrism(vendor);
    const held = (await any(numbers).list()).items.map((item) => item.number).find((number) => number !== null && E164.test(number));
    expect(held).toBeDefined();
    expect(await any(numbers).find(loosely(held!))).toMatchObject({ vendor, number: held });
    expect(await any(numbers).find('+19995550100')).toBeNull();
  });

  test('get of the fixture’s number sends the request the fixture names', async () => {
    const rec = recorder();
    expect(await any(onPrism(vendor, rec)).get(fixture.get.id)).toMatchObject({ vendor });
    expect(rec.requests.map((request) => `${request.method} ${request.path}`)).toEqual([fixture.get.key]);
  });

  if (ID_RULES[vendor] === 'opaque') {
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
    test.each(odd)('an id with %s is sent percent-encoded as one path segment, and Prism accepts it', async (_, id, encoded) => {
      const rec = recorder();
      const numbers = any(onPrism(vendor, rec));
      await numbers.get(id);
      await numbers.update(id, { agentId: fixture.agents.id });
      await numbers.release(id);
      const [, prefix] = /^\S+ (.*\/)[^/]+$/.exec(fixture.get.key)!;
      expect(rec.requests.length).toBeGreaterThanOrEqual(3);
      for (const request of rec.requests) expect({ path: request.path, search: request.search }).toEqual({ path: `${prefix}${encoded}`, search: '' });
    });
  }
});

describe('createPhoneNumbers options', () => {
  const cases = [
    ['an unknown vendor', { vendor: 'twilio' }, 'vendor', 'enum'],
    ['no vendor', { vendor: undefined }, 'vendor', 'enum'],
    ['no API key', { apiKey: undefined }, 'apiKey', 'required'],
    ['an empty API key', { apiKey: '' }, 'apiKey', 'required'],
    ['an API key with a newline', { apiKey: 'sk-1\nX-Evil: 1' }, 'apiKey', 'format'],
    ['a non-http base URL', { baseUrl: 'ftp://api.example.com' }, 'baseUrl', 'url'],
    ['a relative base URL', { baseUrl: '/api' }, 'baseUrl', 'url'],
    ['timeoutMs 0', { timeoutMs: 0 }, 'timeoutMs', 'positive'],
    ['maxRetries 11', { maxRetries: 11 }, 'maxRetries', 'range'],
  ] as const;
  const untyped = createPhoneNumbers as (options: unknown) => unknown;

  test.each(VENDOR_NAMES.flatMap((vendor) => cases.map(([label, change, field, rule]) => [vendor, label, change, field, rule] as const)))(
    '%s with %s → ValidationError',
    (vendor, _, change, field, rule) => {
      let error: unknown;
      try {
        untyped({ vendor, apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', ...change });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field, rule });
    },
  );

  const KEY = 'sk-live-CANARY-93a0be42';
  test.each(
    VENDOR_NAMES.flatMap((vendor: VendorName) =>
      [
        ['a bad base URL', { baseUrl: 'nope' }],
        ['an API key with whitespace', { apiKey: `${KEY} extra` }],
        ['an API key with a control character', { apiKey: `${KEY}\u0000` }],
        ['an API key a header cannot carry', { apiKey: `${KEY} \n${KEY}` }],
      ].map(([label, change]) => [vendor, label, change] as const),
    ),
  )('%s with %s does not echo the API key', (vendor, _, change) => {
    let error: unknown;
    try {
      untyped({ vendor, apiKey: KEY, baseUrl: prismUrl(vendor), ...(change as object) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    for (const view of [(error as Error).message, String((error as Error).stack), JSON.stringify(error), inspect(error, { depth: 5 })])
      expect(view).not.toContain(KEY);
  });

  test('an unknown vendor does not echo the API key', () => {
    expect(() => untyped({ vendor: 'twilio', apiKey: KEY })).toThrow(ValidationError);
    try {
      untyped({ vendor: 'twilio', apiKey: KEY });
    } catch (error) {
      expect(inspect(error, { depth: 5 })).not.toContain(KEY);
    }
  });
});
