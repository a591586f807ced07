/**
 * The switchboard: every vendor of the registry at once on its Prism mock (each vendor's own answers
 * are the oracle, read through its own facade), and its rules of finding and failing against fake
 * providers.
 */
import {
  createProviderSwitchboard,
  createSwitchboard,
  InvalidResponseError,
  PartialFailureError,
  type PhoneNumbers,
  type Switchboard,
  ValidationError,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { FAKE_NUMBERS, type FakeOptions, fakeProvider } from './fake-provider.js';
import { API_KEY, caught, collect, collectUntilError, FIXTURES, facadeOf, onPrism, prismUrl, type Recorder, recorder } from './helpers.js';

const options = (vendor: VendorName, rec: Recorder = recorder()) => ({ apiKey: API_KEY, baseUrl: prismUrl(vendor), maxRetries: 0, fetch: rec.fetch });
const any = (numbers: unknown) => numbers as PhoneNumbers;

/** A switchboard over every registered vendor, configured in the reverse of the registry's order. */
function allVendors() {
  const recs = Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, recorder()])) as Record<VendorName, Recorder>;
  const board = createSwitchboard(
    Object.fromEntries([...VENDOR_NAMES].reverse().map((vendor) => [vendor, options(vendor, recs[vendor])])) as Record<VendorName, ReturnType<typeof options>>,
  );
  return { board, recs, sent: () => VENDOR_NAMES.flatMap((vendor) => recs[vendor].requests) };
}

describe('createSwitchboard over every Prism mock', () => {
  test('vendors lists the configured vendors in the registry’s order, whatever the key order', () => {
    expect(allVendors().board.vendors).toEqual(VENDOR_NAMES);
    const [first, ...rest] = VENDOR_NAMES;
    const last = rest.at(-1)!;
    expect(createSwitchboard({ [last]: options(last), [first!]: options(first!) }).vendors).toEqual([first, last]);
    expect(createSwitchboard({ [last]: options(last) }).vendors).toEqual([last]);
  });

  test('a vendor key set to undefined is not configured', () => {
    const [first, second] = VENDOR_NAMES;
    expect(createSwitchboard({ [first!]: options(first!), [second!]: undefined }).vendors).toEqual([first]);
  });

  test("listAll yields every vendor's numbers, each vendor's in its own order, each asked of its own API with the page size", async () => {
    const { board, recs } = allVendors();
    const own = Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, recorder()])) as Record<VendorName, Recorder>;
    const expected = [];
    for (const vendor of VENDOR_NAMES) expected.push(...(await collect(any(onPrism(vendor, own[vendor])).listAll({ pageSize: 10 }))));
    const numbers = await collect(board.listAll({ pageSize: 10 }));
    // The vendors are listed at once: their numbers interleave as their pages arrive.
    expect(VENDOR_NAMES.flatMap((vendor) => numbers.filter((number) => number.vendor === vendor))).toEqual(expected);
    for (const vendor of VENDOR_NAMES) {
      expect(recs[vendor].requests.map((request) => `${request.method} ${request.path}`)).toEqual([FIXTURES[vendor].list.key]);
      expect(recs[vendor].requests.map((request) => request.url)).toEqual(own[vendor].requests.map((request) => request.url));
    }
  });

  test('listAll validates its options before any request', async () => {
    const { board, sent } = allVendors();
    await expect(collect(board.listAll({ pageSize: 0 }))).rejects.toBeInstanceOf(ValidationError);
    expect(sent()).toHaveLength(0);
  });

  test('find returns each number a vendor holds from the first vendor, in the registry’s order, whose find has it', async () => {
    const { board } = allVendors();
    const held = new Set<string>();
    for (const vendor of VENDOR_NAMES)
      for (const { number } of (await any(onPrism(vendor)).list()).items) if (number !== null && /^\+\d+$/.test(number)) held.add(number);
    expect(held.size).toBeGreaterThan(0);
    for (const number of held) {
      let expected = null;
      for (const vendor of VENDOR_NAMES) {
        expected = await any(onPrism(vendor)).find(number);
        if (expected) break;
      }
      expect(await board.find(number), number).toEqual(expected);
    }
    expect(await board.find('+19995550100')).toBeNull();
  });

  test('find validates the number once, before any request', async () => {
    const { board, sent } = allVendors();
    const error = await caught(() => board.find('not a number'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'number', rule: 'e164' });
    expect(sent()).toHaveLength(0);
  });

  test.each(VENDOR_NAMES)("for('%s') is that vendor's client, the same one each time, sending to its API only", async (vendor) => {
    const { board, recs, sent } = allVendors();
    const one = board.for(vendor);
    expect(one.vendor).toBe(vendor);
    expect(board.for(vendor)).toBe(one);
    expect(one.capabilities).toEqual(onPrism(vendor).capabilities);
    expect(await any(one).get(FIXTURES[vendor].get.id)).toMatchObject({ vendor });
    expect(sent()).toEqual(recs[vendor].requests);
    expect(recs[vendor].requests).toHaveLength(1);
  });
});

describe('createSwitchboard validation', () => {
  const [first, second] = VENDOR_NAMES as [VendorName, VendorName];
  const catchSync = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  test.each([
    ['no vendors', {}, 'options', 'required'],
    ['only undefined vendors', { [first]: undefined, [second]: undefined }, 'options', 'required'],
    ['an unknown vendor key', { [first]: { apiKey: API_KEY }, twilio: { apiKey: API_KEY } }, 'twilio', 'unknown'],
    ['a vendor with a bad API key', { [first]: { apiKey: '' } }, 'apiKey', 'required'],
    ['a vendor with a bad base URL', { [second]: { apiKey: API_KEY, baseUrl: 'not a url' } }, 'baseUrl', 'url'],
  ])('%s → ValidationError', (_, value, field, rule) => {
    const error = catchSync(() => createSwitchboard(value as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, rule });
  });

  test.each([null, first, [first]])('options %j that are not an object → ValidationError', (value) => {
    const error = catchSync(() => createSwitchboard(value as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'options', rule: 'type' });
  });

  test('for on an unconfigured vendor → ValidationError naming the configured ones', () => {
    const board = createSwitchboard({ [first]: options(first) }) as unknown as Switchboard;
    const error = catchSync(() => board.for(second));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'vendor', rule: 'configured' });
    expect((error as Error).message).toContain(`(configured: ${first})`);
  });

  test('for on something that is not a vendor → ValidationError', () => {
    const board = createSwitchboard({ [first]: options(first) }) as unknown as Switchboard;
    expect(catchSync(() => board.for('twilio' as never))).toBeInstanceOf(ValidationError);
  });
});

describe('finding and failing, over fake providers', () => {
  const board = (...fakes: FakeOptions[]) => {
    const providers = fakes.map((fake) => fakeProvider(fake));
    return { providers, board: createProviderSwitchboard(providers.map((provider) => facadeOf(provider))) };
  };
  const [one, two, three] = FAKE_NUMBERS as [(typeof FAKE_NUMBERS)[number], (typeof FAKE_NUMBERS)[number], (typeof FAKE_NUMBERS)[number]];

  test('find asks the vendors in order and stops at the first that holds the number', async () => {
    const { board: both, providers } = board({ vendor: 'a', numbers: [one] }, { vendor: 'b', numbers: [one, two] });
    expect(await both.find(one.number)).toMatchObject({ vendor: 'a', id: one.id });
    expect(providers[1]!.calls).toEqual([]);
    expect(await both.find(two.number)).toMatchObject({ vendor: 'b', id: two.id });
    expect(await both.find(three.number)).toBeNull();
  });

  test('a vendor without a lookup is scanned; one with a lookup is asked', async () => {
    const { board: both, providers } = board({ vendor: 'a', numbers: [one], findByNumber: false }, { vendor: 'b', numbers: [two] });
    expect(await both.find(two.number)).toMatchObject({ vendor: 'b' });
    expect(providers.map((provider) => provider.calls.map(({ method }) => method))).toEqual([['list'], ['findByNumber']]);
  });

  test("a vendor's broken listing does not hide the others: they are listed, and the failure is reported as that vendor's", async () => {
    const broken = { vendor: 'a', page: () => ({ items: [], nextCursor: '' }) } satisfies FakeOptions;
    const { board: both } = board(broken, { vendor: 'b' });
    const { items, error } = await collectUntilError(both.listAll());
    expect(items.map((number) => number.vendor)).toEqual(FAKE_NUMBERS.map(() => 'b'));
    expect(error).toBeInstanceOf(PartialFailureError);
    const { failures } = error as PartialFailureError;
    expect(failures.map(({ vendor }) => vendor)).toEqual(['a']);
    expect(failures[0]!.error).toBeInstanceOf(InvalidResponseError);
  });
});
