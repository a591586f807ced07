/**
 * Retell's provider against the Prism mock of its spec: how each neutral call becomes Retell's
 * request and each answer the neutral model (moved here from the facade's tests: the facade hands
 * the provider inputs already checked and normalised, so these calls do too), then the keyed
 * listing a broken Retell sends. Retell addresses a number by itself in the path; openapi-fetch
 * percent-encodes its "+", which Retell reads the same.
 */
import { InvalidResponseError } from '@switchboard/core';
import type { CreatePhoneNumberInput } from '@switchboard/provider';
import { createTypesOf, onlyRequest, PROVIDER_TEST_KEY, providerTestbed, recorder, specExample, supportedCreateTypes } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import type { RetellVendorOptions } from '../src/index.js';
import { retellFixture } from './fixture.js';

const NUMBER = '+14155550123';
const IN_PATH = '%2B14155550123';
const AGENT = 'agent_5b7d4e2a9c610d8e4b7a1f20';
const OTHER_AGENT = 'agent_9a7b6c5d4e3f4a1b8c2d1e0f';

const { onPrism, serving, listExample } = providerTestbed(retellFixture);
const { items: listedRaw } = listExample as { items: unknown[] };
const listed = [
  {
    vendor: 'retell',
    id: NUMBER,
    number: NUMBER,
    kind: 'pstn',
    canReceiveCalls: true,
    canPlaceCalls: null, // inbound agents, no outbound ones
    agentId: AGENT,
    name: 'Front desk',
    createdAt: null, // Retell sends when a number last changed, not when it was created
    raw: listedRaw[0],
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
    raw: listedRaw[1],
  },
];
const single = (method: string, path: string, status: number, name: string, number = NUMBER) => ({
  vendor: 'retell',
  id: number,
  number,
  kind: 'pstn',
  canReceiveCalls: true,
  canPlaceCalls: true,
  agentId: AGENT, // the first of the weighted inbound agents
  name,
  createdAt: null,
  raw: specExample('retell', method, path, status),
});

describe('retell provider on its Prism mock', () => {
  test('list returns one normalised page from the v2 listing', async () => {
    const rec = recorder();
    expect(await onPrism(rec).list({ limit: 10, cursor: undefined })).toEqual({ items: listed, nextCursor: null });
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/v2/list-phone-numbers', query: { limit: '10' } });
    expect(rec.requests[0]!.headers.get('authorization')).toBe(`Bearer ${PROVIDER_TEST_KEY}`);
  });

  test('list passes a cursor back as pagination_key, and a page with more gives its key as the next cursor', async () => {
    const rec = recorder();
    await onPrism(rec).list({ limit: undefined, cursor: '+14155550177' });
    expect(rec.requests[0]!.query).toEqual({ pagination_key: '+14155550177' });
    const more = await onPrism().list({ limit: undefined, cursor: undefined }, { headers: { Prefer: 'example=morePages' } });
    expect(more).toEqual({ items: listed, nextCursor: '+14155550177' });
  });

  test('get addresses the number by itself in the path', async () => {
    const rec = recorder();
    expect(await onPrism(rec).get(NUMBER)).toEqual(single('GET', '/get-phone-number/{phone_number}', 200, 'Front desk'));
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /get-phone-number/${IN_PATH}`]);
  });

  describe('update patches the changes, the number in the path', () => {
    test.each([
      ['link an agent: it takes every inbound call', { agentId: OTHER_AGENT }, { inbound_agents: [{ agent_id: OTHER_AGENT, weight: 1 }] }],
      ['unlink the agents (Retell: null clears the list)', { agentId: null }, { inbound_agents: null }],
      ['rename', { name: 'Lobby' }, { nickname: 'Lobby' }],
      ['clear the name (Retell: null clears the nickname)', { name: null }, { nickname: null }],
      ['link and rename', { agentId: OTHER_AGENT, name: 'Lobby' }, { inbound_agents: [{ agent_id: OTHER_AGENT, weight: 1 }], nickname: 'Lobby' }],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      expect(await onPrism(rec).update(NUMBER, changes)).toEqual(single('PATCH', '/update-phone-number/{phone_number}', 200, 'Front desk (after hours)'));
      expect(rec.requests).toHaveLength(1);
      expect(rec.requests[0]).toMatchObject({ method: 'PATCH', path: `/update-phone-number/${IN_PATH}`, body });
    });
  });

  test('release deletes and resolves to nothing', async () => {
    const rec = recorder();
    await expect(onPrism(rec).release(NUMBER)).resolves.toBeUndefined();
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /delete-phone-number/${IN_PATH}`]);
    expect(rec.requests[0]!.body).toBeUndefined();
  });

  test('findByNumber looks the number up directly (one request, no scan)', async () => {
    const rec = recorder();
    expect(await onPrism(rec).findByNumber!(NUMBER)).toEqual(single('GET', '/get-phone-number/{phone_number}', 200, 'Front desk'));
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /get-phone-number/${IN_PATH}`]);
  });

  test('findByNumber returns null when Retell answers 422 (its answer for a number not in the workspace)', async () => {
    const rec = recorder({ method: 'GET', path: '/get-phone-number/{phone_number}', status: 422 });
    expect(await onPrism(rec).findByNumber!('+19995550100')).toBeNull();
    expect(rec.requests).toHaveLength(1);
  });

  test('findByNumber returns null when the answer is another number', async () => {
    expect(await onPrism().findByNumber!('+19995550100')).toBeNull();
  });

  const bought = single('POST', '/create-phone-number', 201, 'Front desk');
  // Imported with inbound agents only: Retell does not say whether it can place calls.
  const imported = { ...single('POST', '/import-phone-number', 201, 'Carrier line', '+14155550177'), canPlaceCalls: null };
  const BUY_OPTIONS: RetellVendorOptions = {
    nickname: 'Front desk',
    number_provider: 'telnyx',
    country_code: 'US',
    inbound_agents: [
      { agent_id: AGENT, agent_version: 'latest_published', weight: 0.7 },
      { agent_id: OTHER_AGENT, weight: 0.3 },
    ],
    outbound_agents: [{ agent_id: AGENT, agent_version: 3, weight: 1 }],
    inbound_webhook_url: 'https://hooks.example.com/retell/inbound',
    allowed_inbound_country_list: ['US', 'CA'],
    allowed_outbound_country_list: null,
    transport: 'TLS',
    fallback_number: '+14155550199',
  };
  const IMPORT_OPTIONS: RetellVendorOptions = {
    nickname: 'Carrier line',
    ignore_e164_validation: false,
    transport: 'TLS',
    inbound_agents: [{ agent_id: AGENT, weight: 1 }],
  };
  const trunk = { number: '+14155550177', terminationUri: 'acme-trunk.pstn.twilio.com', username: 'acme-trunk-user', password: 's3cret-trunk-pass' };
  const trunkBody = {
    phone_number: '+14155550177',
    termination_uri: 'acme-trunk.pstn.twilio.com',
    sip_trunk_auth_username: 'acme-trunk-user',
    sip_trunk_auth_password: 's3cret-trunk-pass',
  };
  const creates: [string, CreatePhoneNumberInput, RetellVendorOptions | undefined, string, unknown, unknown][] = [
    ['purchase without an area code sends {} (Retell picks a US number)', { type: 'purchase' }, undefined, '/create-phone-number', {}, bought],
    [
      'purchase in an area code sends it as the integer Retell takes',
      { type: 'purchase', areaCode: '415' },
      undefined,
      '/create-phone-number',
      { area_code: 415 },
      bought,
    ],
    ['purchase an exact number', { type: 'purchase', number: NUMBER }, undefined, '/create-phone-number', { phone_number: NUMBER }, bought],
    ['purchase with vendor options', { type: 'purchase', areaCode: '415' }, BUY_OPTIONS, '/create-phone-number', { area_code: 415, ...BUY_OPTIONS }, bought],
    ['purchase toll-free', { type: 'purchase' }, { toll_free: true }, '/create-phone-number', { toll_free: true }, bought],
    ['sip-import', { type: 'sip-import', ...trunk }, undefined, '/import-phone-number', trunkBody, imported],
    ['sip-import with vendor options', { type: 'sip-import', ...trunk }, IMPORT_OPTIONS, '/import-phone-number', { ...trunkBody, ...IMPORT_OPTIONS }, imported],
  ];

  test.each(creates)('create: %s', async (_, input, vendorOptions, path, body, expected) => {
    const rec = recorder();
    expect(await onPrism(rec).create(input, vendorOptions)).toEqual(expected);
    expect(onlyRequest(rec)).toMatchObject({ key: `POST ${path}`, body });
  });

  test('every create type retell supports is among the creates above', () => {
    expect(createTypesOf(creates.map(([, input]) => input))).toEqual(supportedCreateTypes(onPrism().capabilities));
  });
});

describe('retell listing a broken server sends', () => {
  /** The provider on a listing that answers `page` to every request. */
  const serve = (page: unknown) => serving(() => page);
  const first = { limit: 5, cursor: undefined };

  test.each([
    ['a repeated key', '+14155550177'],
    ['an empty key', ''],
  ])('has_more with %s: the key is handed on as Retell sent it', async (_, key) => {
    const retell = await serve({ items: [listedRaw[0]], has_more: true, pagination_key: key });
    expect((await retell.list(first)).nextCursor).toBe(key);
  });

  test('an empty page that still claims has_more is followed by its key, like any cursor', async () => {
    expect(await (await serve({ items: [], has_more: true, pagination_key: 'key-2' })).list(first)).toEqual({ items: [], nextCursor: 'key-2' });
  });

  test('has_more without a pagination_key is an InvalidResponseError, not a silent end', async () => {
    const error = await (await serve({ items: [listedRaw[0]], has_more: true })).list(first).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ vendor: 'retell', operation: 'listPhoneNumbers', outcomeUnknown: false });
  });
});
