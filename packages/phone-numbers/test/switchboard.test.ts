import { createSwitchboard, type Switchboard, ValidationError, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { API_KEY, collect, prismUrl, type Recorder, recorder } from './helpers.js';

const options = (vendor: VendorName, rec: Recorder = recorder()) => ({ apiKey: API_KEY, baseUrl: prismUrl(vendor), maxRetries: 0, fetch: rec.fetch });

/** A switchboard over every registered vendor, configured in the reverse of the registry's order. */
function allVendors() {
  const recs = Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, recorder()])) as Record<VendorName, Recorder>;
  const board = createSwitchboard(
    Object.fromEntries([...VENDOR_NAMES].reverse().map((vendor) => [vendor, options(vendor, recs[vendor])])) as Record<VendorName, ReturnType<typeof options>>,
  );
  return { board, recs, sent: () => VENDOR_NAMES.flatMap((vendor) => recs[vendor].requests) };
}

describe('createSwitchboard over every Prism mock', () => {
  test('vendors lists the configured vendors in a stable order, whatever the key order', () => {
    expect(allVendors().board.vendors).toEqual(['vapi', 'vocode', 'vogent', 'retell', 'cartesia']);
    expect(createSwitchboard({ vogent: options('vogent'), vapi: options('vapi') }).vendors).toEqual(['vapi', 'vogent']);
    expect(createSwitchboard({ vocode: options('vocode') }).vendors).toEqual(['vocode']);
  });

  test('a vendor key set to undefined is not configured', () => {
    const board = createSwitchboard({ vapi: options('vapi'), vocode: undefined });
    expect(board.vendors).toEqual(['vapi']);
  });

  test("listAll yields the numbers of every vendor, each vendor's in its own order, each sent to its own API", async () => {
    const { board, recs } = allVendors();
    const numbers = await collect(board.listAll({ pageSize: 10 }));
    // The vendors are listed at once: their numbers interleave as their pages arrive.
    const byVendor = VENDOR_NAMES.flatMap((vendor) => numbers.filter((n) => n.vendor === vendor));
    expect(byVendor.map((n) => [n.vendor, n.id, n.number, n.kind])).toEqual([
      ['vapi', '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f', '+14155550188', 'pstn'],
      ['vapi', '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a', '+14155550161', 'pstn'],
      ['vapi', '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', null, 'pstn'],
      ['vapi', '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', null, 'pstn'],
      ['vocode', '+14155550123', '+14155550123', 'pstn'],
      ['vocode', '+14155550142', '+14155550142', 'pstn'],
      ['vogent', '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40', '+14155550123', 'pstn'],
      ['vogent', '3c7a9e2d-1b4f-4d6a-8e5c-7f0a2b9c1d38', 'acme-support', 'sip'],
      ['retell', '+14155550123', '+14155550123', 'pstn'],
      ['retell', '+14155550177', '+14155550177', 'pstn'],
      ['cartesia', 'pn_4cN8vB2xQ7rT', '+14155550123', 'pstn'],
      ['cartesia', 'pn_6mK1pZ9wL3sD', '+442079460958', 'pstn'],
      ['cartesia', 'pn_2hG5jR8tY0uW', '+13125550147', 'pstn'],
    ]);
    expect(recs.vapi.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/phone-number']);
    expect(recs.vocode.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /numbers/list']);
    expect(recs.vogent.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /phone_numbers']);
    expect(recs.retell.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/list-phone-numbers']);
    expect(recs.cartesia.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /agents/phone-numbers']);
    // pageSize reaches every vendor, in its own words.
    expect([
      recs.vapi.requests[0]!.query.limit,
      recs.vocode.requests[0]!.query.size,
      recs.vogent.requests[0]!.query.limit,
      recs.retell.requests[0]!.query.limit,
      recs.cartesia.requests[0]!.query.limit,
    ]).toEqual(['10', '10', '10', '10', '10']);
  });

  test('listAll validates its options before any request', async () => {
    const { board, sent } = allVendors();
    await expect(collect(board.listAll({ pageSize: 0 }))).rejects.toBeInstanceOf(ValidationError);
    expect(sent()).toHaveLength(0);
  });

  test('find returns the number, with its vendor, from the first vendor that holds it', async () => {
    const { board } = allVendors();
    // Only Vapi's listing holds these.
    expect(await board.find('+1 415 555 0188')).toMatchObject({ vendor: 'vapi', id: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f', number: '+14155550188' });
    expect(await board.find('+14155550161')).toMatchObject({ vendor: 'vapi', number: '+14155550161', raw: { provider: 'vonage' } });
    // +14155550123 is held by Vocode, Vogent and Retell: Vocode comes first.
    expect(await board.find('+14155550123')).toMatchObject({ vendor: 'vocode', id: '+14155550123', number: '+14155550123' });
  });

  test('find without Vocode: a Vogent number is found after Vapi is scanned', async () => {
    const recs = { vapi: recorder(), vogent: recorder() };
    const board = createSwitchboard({ vapi: options('vapi', recs.vapi), vogent: options('vogent', recs.vogent) });
    expect(await board.find('+14155550123')).toMatchObject({
      vendor: 'vogent',
      id: '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40',
      number: '+14155550123',
      kind: 'pstn',
    });
    expect(recs.vapi.requests).toHaveLength(1);
    expect(recs.vogent.requests).toHaveLength(1);
  });

  test('find returns null for a number no vendor holds (vendors that scan their listings)', async () => {
    const board = createSwitchboard({ vapi: options('vapi'), vogent: options('vogent') });
    expect(await board.find('+19995550100')).toBeNull();
  });

  test('find on Vocode asks Vocode for the number itself (no listing scan)', async () => {
    const rec = recorder();
    const board = createSwitchboard({ vocode: options('vocode', rec) });
    expect(await board.find('+14155550123')).toMatchObject({ vendor: 'vocode', number: '+14155550123' });
    expect(rec.requests.map((r) => `${r.method} ${r.path} ${r.query.phone_number}`)).toEqual(['GET /numbers 14155550123']);
  });

  test('find on Retell asks Retell for the number itself, in the path (no listing scan)', async () => {
    const rec = recorder();
    const board = createSwitchboard({ retell: options('retell', rec) });
    expect(await board.find('+1 415 555 0123')).toMatchObject({ vendor: 'retell', id: '+14155550123', number: '+14155550123' });
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /get-phone-number/%2B14155550123']);
  });

  test('find validates the number once, before any request', async () => {
    const { board, sent } = allVendors();
    const error = await board.find('not a number').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'number', rule: 'e164' });
    expect(sent()).toHaveLength(0);
  });

  test("for(vendor) is that vendor's client, the same one each time", async () => {
    const { board, recs } = allVendors();
    const vogent = board.for('vogent');
    expect(vogent.vendor).toBe('vogent');
    expect(board.for('vogent')).toBe(vogent);
    expect(vogent.capabilities.searchAvailable).toBe(true);
    expect(await vogent.get('9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40')).toMatchObject({ vendor: 'vogent', number: '+14155550123' });
    expect(recs.vogent.requests).toHaveLength(1);
    expect(recs.vapi.requests).toHaveLength(0);
    expect(board.for('vapi').vendor).toBe('vapi');
    expect(board.for('vocode').vendor).toBe('vocode');
    expect(board.for('retell').vendor).toBe('retell');
  });
});

describe('createSwitchboard validation', () => {
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
    ['only undefined vendors', { vapi: undefined, vogent: undefined }, 'options', 'required'],
    ['an unknown vendor key', { vapi: { apiKey: API_KEY }, twilio: { apiKey: API_KEY } }, 'twilio', 'unknown'],
    ['a vendor with a bad API key', { vogent: { apiKey: '' } }, 'apiKey', 'required'],
    ['a vendor with a bad base URL', { vocode: { apiKey: API_KEY, baseUrl: 'not a url' } }, 'baseUrl', 'url'],
  ])('%s → ValidationError', (_, value, field, rule) => {
    const error = catchSync(() => createSwitchboard(value as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, rule });
  });

  test.each([null, 'vapi', ['vapi']])('options %j that are not an object → ValidationError', (value) => {
    const error = catchSync(() => createSwitchboard(value as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'options', rule: 'type' });
  });

  test('for on an unconfigured vendor → ValidationError naming the configured ones', () => {
    const board = createSwitchboard({ vapi: options('vapi'), vogent: options('vogent') }) as unknown as Switchboard;
    const error = catchSync(() => board.for('vocode'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'vendor', rule: 'configured' });
    expect((error as Error).message).toContain('vapi, vogent');
  });

  test('for on something that is not a vendor → ValidationError', () => {
    const board = createSwitchboard({ vapi: options('vapi') }) as unknown as Switchboard;
    expect(catchSync(() => board.for('twilio' as never))).toBeInstanceOf(ValidationError);
  });
});
