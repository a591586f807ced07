/**
 * Vocode's provider against the Prism mock of its spec: how each neutral call becomes Vocode's
 * request and each answer the neutral model (moved here from the facade's tests: the facade hands
 * the provider inputs already checked and normalised, so these calls do too). Vocode addresses a
 * number by itself, as digits without the "+".
 */
import { InvalidResponseError } from '@switchboard/core';
import type { CreatePhoneNumberInput } from '@switchboard/provider';
import { createTypesOf, onlyRequest, providerTestbed, recorder, specExample, supportedCreateTypes } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import type { VocodeVendorOptions } from '../src/index.js';
import { vocodeFixture } from './fixture.js';

const AGENT = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';
const CONNECTION = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';

const { onPrism, serving, listExample } = providerTestbed(vocodeFixture);
const { items: listedRaw } = listExample as { items: unknown[] };
const listed = [
  {
    vendor: 'vocode',
    id: '+14155550123',
    number: '+14155550123',
    kind: 'pstn',
    canReceiveCalls: null,
    canPlaceCalls: null,
    agentId: AGENT, // a bare UUID on list items
    name: 'Front desk',
    createdAt: null,
    raw: listedRaw[0],
  },
  {
    vendor: 'vocode',
    id: '+14155550142',
    number: '+14155550142',
    kind: 'pstn',
    canReceiveCalls: false,
    canPlaceCalls: true, // outbound_only
    agentId: null,
    name: null, // label '' is no name
    createdAt: null,
    raw: listedRaw[1],
  },
];
/** Single-number answers expand the agent; the provider takes its id. */
const expanded = (method: string, path: string) => ({
  vendor: 'vocode',
  id: '+14155550123',
  number: '+14155550123',
  kind: 'pstn',
  canReceiveCalls: null,
  canPlaceCalls: null,
  agentId: AGENT,
  name: 'Front desk',
  createdAt: null,
  raw: specExample('vocode', method, path, 200),
});

describe('vocode provider on its Prism mock', () => {
  test('list returns one normalised page (ids and numbers gain the "+", raw keeps digits) and its last page', async () => {
    const rec = recorder();
    const page = await onPrism(rec).list({ limit: 10, cursor: undefined });
    // 2 numbers at 10 a page: page 1 is the last (listAll reads the pages up to it ahead).
    expect(page).toEqual({ items: listed, nextCursor: null, lastPage: 1 });
    expect(page.items.map((item) => item.raw.number)).toEqual(['14155550123', '14155550142']);
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/numbers/list', query: { page: '1', size: '10' } });
  });

  test('list passes a cursor back as the page number', async () => {
    const rec = recorder();
    await onPrism(rec).list({ limit: undefined, cursor: '2' });
    expect(rec.requests[0]!.query).toEqual({ page: '2' });
  });

  test('get addresses the number by its digits in the query; the agent is expanded', async () => {
    const rec = recorder();
    expect(await onPrism(rec).get('+14155550123')).toEqual(expanded('GET', '/numbers'));
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/numbers', query: { phone_number: '14155550123' } });
  });

  describe('update posts the changes with the number in the query', () => {
    test.each([
      ['link an agent', { agentId: AGENT }, { inbound_agent: AGENT }],
      ['rename', { name: 'Lobby' }, { label: 'Lobby' }],
      ['clear the name', { name: null }, { label: '' }],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      expect(await onPrism(rec).update('+14155550123', changes)).toEqual(expanded('POST', '/numbers/update'));
      expect(rec.requests).toHaveLength(1);
      expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/numbers/update', query: { phone_number: '14155550123' }, body });
    });
  });

  test('release cancels the number', async () => {
    const rec = recorder();
    await expect(onPrism(rec).release('+14155550123')).resolves.toBeUndefined();
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/numbers/cancel', query: { phone_number: '14155550123' }, body: undefined });
  });

  test('findByNumber looks the number up directly (one request, no scan)', async () => {
    const rec = recorder();
    expect(await onPrism(rec).findByNumber!('+14155550123')).toEqual(expanded('GET', '/numbers'));
    expect(rec.requests.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`)).toEqual(['GET /numbers?phone_number=14155550123']);
  });

  test('no rule Vocode does not document: an area code of any length is sent', async () => {
    const rec = recorder();
    await onPrism(rec).create({ type: 'purchase', areaCode: '4' }, undefined);
    expect(rec.requests).toHaveLength(1);
  });

  const bought = {
    vendor: 'vocode',
    id: '+14155550123',
    number: '+14155550123',
    kind: 'pstn',
    canReceiveCalls: null,
    canPlaceCalls: null,
    agentId: AGENT,
    name: null,
    createdAt: null,
    raw: specExample('vocode', 'POST', '/numbers/buy', 200),
  };
  const linked = {
    vendor: 'vocode',
    id: '+14155550142',
    number: '+14155550142',
    kind: 'pstn',
    canReceiveCalls: false,
    canPlaceCalls: true, // outbound_only
    agentId: null,
    name: null,
    createdAt: null,
    raw: specExample('vocode', 'POST', '/numbers/link', 200),
  };
  const creates: [string, CreatePhoneNumberInput, VocodeVendorOptions | undefined, string, unknown, unknown][] = [
    ['purchase without an area code sends no body', { type: 'purchase' }, undefined, '/numbers/buy', undefined, bought],
    ['purchase in an area code', { type: 'purchase', areaCode: '415' }, undefined, '/numbers/buy', { area_code: '415' }, bought],
    [
      'purchase with vendor options',
      { type: 'purchase', areaCode: '415' },
      { telephony_provider: 'twilio', inbound_agent: AGENT },
      '/numbers/buy',
      { area_code: '415', telephony_provider: 'twilio', inbound_agent: AGENT },
      bought,
    ],
    [
      'purchase into an account connection',
      { type: 'purchase' },
      { telephony_provider: 'twilio', telephony_account_connection: CONNECTION },
      '/numbers/buy',
      { telephony_provider: 'twilio', telephony_account_connection: CONNECTION },
      bought,
    ],
    [
      'link (number sent as digits)',
      { type: 'link', number: '+14155550142', telephonyAccountConnection: CONNECTION },
      undefined,
      '/numbers/link',
      { phone_number: '14155550142', telephony_account_connection: CONNECTION },
      linked,
    ],
    [
      'link outbound-only with an inbound agent',
      { type: 'link', number: '+14155550142', telephonyAccountConnection: CONNECTION },
      { outbound_only: true, inbound_agent: AGENT },
      '/numbers/link',
      { phone_number: '14155550142', telephony_account_connection: CONNECTION, outbound_only: true, inbound_agent: AGENT },
      linked,
    ],
  ];

  test.each(creates)('create: %s', async (_, input, vendorOptions, path, body, expected) => {
    const rec = recorder();
    expect(await onPrism(rec).create(input, vendorOptions)).toEqual(expected);
    expect(onlyRequest(rec)).toEqual({ key: `POST ${path}`, query: {}, body });
  });

  test('every create type vocode supports is among the creates above', () => {
    expect(createTypesOf(creates.map(([, input]) => input))).toEqual(supportedCreateTypes(onPrism().capabilities));
  });
});

describe('vocode listing a broken server sends', () => {
  /** The provider on a numbered listing whose every answer is `page(pageAskedFor)`. */
  const serve = (page: (asked: number) => unknown) => serving((url) => page(Number(url.searchParams.get('page'))));
  const item = (i: number) => ({ ...listedRaw[0]!, number: `1415555010${i}` });
  const pageOf = (page: number, items: unknown[], hasMore: boolean) => ({ items, page, size: 5, has_more: hasMore, total: 100, total_is_estimated: false });

  test('an empty page that still claims has_more ends the listing, whatever its total says of the last page', async () => {
    expect(await (await serve((page) => pageOf(page, [], true))).list({ limit: 5, cursor: '2' })).toEqual({
      items: [],
      nextCursor: null,
      lastPage: 20,
    });
  });

  test.each([-1, 0, 1_000_000_000])('page %d is not a page number: an InvalidResponseError, not a cursor', async (page) => {
    const error = await (await serve(() => pageOf(page, [item(0)], true))).list({ limit: 5, cursor: undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ vendor: 'vocode', outcomeUnknown: false });
  });
});
