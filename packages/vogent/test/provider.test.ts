/**
 * Vogent's provider against the Prism mock of its spec: how each neutral call becomes Vogent's
 * request and each answer the neutral model (moved here from the facade's tests: the facade hands
 * the provider inputs already checked and normalised, so these calls do too), then the cursors a
 * broken Vogent sends, which the provider hands on as they are: the facade's rules judge them.
 */
import type { CreatePhoneNumberInput } from '@switchboard/provider';
import { createTypesOf, onlyRequest, providerTestbed, recorder, specExample, supportedCreateTypes } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import { vogentFixture } from './fixture.js';

const ID = '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40';
const SIP_ID = '3c7a9e2d-1b4f-4d6a-8e5c-7f0a2b9c1d38';
const AGENT = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';

const { onPrism, serving, listExample } = providerTestbed(vogentFixture);
const { data: listedRaw } = listExample as { data: unknown[] };
/** What Vogent never says of a number: its names, creation time and call directions. */
const unsaid = { name: null, createdAt: null, canReceiveCalls: null, canPlaceCalls: null };
const listed = [
  { vendor: 'vogent', id: ID, number: '+14155550123', kind: 'pstn', agentId: AGENT, ...unsaid, raw: listedRaw[0] },
  // A SIP_USERNAME number: its number is the SIP username.
  { vendor: 'vogent', id: SIP_ID, number: 'acme-support', kind: 'sip', agentId: null, ...unsaid, raw: listedRaw[1] },
];
const pstn = (method: string, path: string, agentId: string | null) => ({
  vendor: 'vogent',
  id: ID,
  number: '+14155550123',
  kind: 'pstn',
  agentId,
  ...unsaid,
  raw: specExample('vogent', method, path, 200),
});

describe('vogent provider on its Prism mock', () => {
  test('list returns one normalised page and its cursor (SIP_USERNAME → kind sip)', async () => {
    const rec = recorder();
    expect(await onPrism(rec).list({ limit: 10, cursor: 'eyJvZmZzZXQiOjEwfQ==' })).toEqual({ items: listed, nextCursor: null });
    expect(rec.requests[0]).toMatchObject({ method: 'GET', path: '/phone_numbers', query: { limit: '10', cursor: 'eyJvZmZzZXQiOjEwfQ==' } });
  });

  test('get', async () => {
    const rec = recorder();
    expect(await onPrism(rec).get(ID)).toEqual(pstn('GET', '/phone_numbers/{id}', AGENT));
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /phone_numbers/${ID}`]);
  });

  describe('update puts the agent change', () => {
    test.each([
      ['link an agent', { agentId: AGENT }, { agentId: AGENT }],
      ['unlink the agent (Vogent: the empty string)', { agentId: null }, { agentId: '' }],
    ])('%s', async (_, changes, body) => {
      const rec = recorder();
      expect(await onPrism(rec).update(ID, changes)).toEqual(pstn('PUT', '/phone_numbers/{id}', AGENT));
      expect(rec.requests).toHaveLength(1);
      expect(rec.requests[0]).toMatchObject({ method: 'PUT', path: `/phone_numbers/${ID}`, body });
    });
  });

  test('release deletes', async () => {
    const rec = recorder();
    await expect(onPrism(rec).release(ID)).resolves.toBeUndefined();
    expect(rec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /phone_numbers/${ID}`]);
  });

  test('has no lookup by number: the facade finds a number by walking the listing', () => {
    expect(onPrism().findByNumber).toBeUndefined();
  });

  test.each([
    ['a prefix', { prefix: '415' }, { prefix: '415' }],
    ['a country and a limit', { prefix: '415', country: 'US', limit: 5 }, { prefix: '415', country: 'US', limit: 5 }],
  ])('searchAvailable with %s', async (_, query, body) => {
    const rec = recorder();
    expect(await onPrism(rec).searchAvailable!(query)).toEqual([
      { vendor: 'vogent', number: '+14155550123' },
      { vendor: 'vogent', number: '+14155550187' },
    ]);
    expect(rec.requests[0]).toMatchObject({ method: 'POST', path: '/phone_numbers/search', body });
  });

  test('sip-username credentials of exactly 5 characters are sent', async () => {
    const rec = recorder();
    await onPrism(rec).create({ type: 'sip-username', sipPrefix: 'support', username: 'user1', password: 'pass1' }, undefined);
    expect(rec.requests).toHaveLength(1);
  });

  const creates: [string, CreatePhoneNumberInput, Record<string, unknown>][] = [
    ['purchase a number found by search', { type: 'purchase', number: '+14155550123' }, { type: 'purchase', purchase: { number: '+14155550123' } }],
    [
      'sip-import',
      { type: 'sip-import', number: '+14155550142', terminationUri: 'acme-trunk.pstn.example.com', username: 'acme-trunk-user', password: 's3cret-trunk-pass' },
      {
        type: 'sip_import',
        sipImport: { phoneNumber: '+14155550142', terminationUri: 'acme-trunk.pstn.example.com', username: 'acme-trunk-user', password: 's3cret-trunk-pass' },
      },
    ],
    [
      'sip-username',
      { type: 'sip-username', sipPrefix: 'acme-support', username: 'acme-auth', password: 's3cret-sip-pass' },
      { type: 'vogent_sip', vogentSip: { sipPrefix: 'acme-support', username: 'acme-auth', password: 's3cret-sip-pass' } },
    ],
  ];

  test.each(creates)('create: %s', async (_, input, body) => {
    const rec = recorder();
    expect(await onPrism(rec).create(input, undefined)).toEqual(pstn('POST', '/phone_numbers', null));
    expect(onlyRequest(rec)).toMatchObject({ key: 'POST /phone_numbers', body });
  });

  test('every create type vogent supports is among the creates above', () => {
    expect(createTypesOf(creates.map(([, input]) => input))).toEqual(supportedCreateTypes(onPrism().capabilities));
  });
});

describe('vogent cursors a broken server sends', () => {
  test.each([
    ['repeated', 'same-cursor'],
    ['empty', ''],
    ['of 100 kB', 'c'.repeat(100_000)],
  ])('a cursor %s is handed on as Vogent sent it', async (_, cursor) => {
    const vogent = await serving(() => ({ data: [listedRaw[0]], cursor }));
    expect((await vogent.list({ limit: 5, cursor: undefined })).nextCursor).toBe(cursor);
  });
});
