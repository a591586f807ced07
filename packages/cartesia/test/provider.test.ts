/**
 * Cartesia's provider against the Prism mock of its spec (which refuses a request the spec does not
 * allow): how each neutral call becomes Cartesia's request and each answer the neutral model (the
 * facade hands the provider inputs already checked and normalised, so these calls do too), then the
 * listings a broken Cartesia sends.
 */
import { InvalidResponseError } from '@switchboard/core';
import type { CreatePhoneNumberInput } from '@switchboard/provider';
import { createTypesOf, onlyRequest, providerTestbed, recorder, specExample, supportedCreateTypes } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import type { CartesiaVendorOptions } from '../src/index.js';
import { cartesiaFixture } from './fixture.js';

const SIP_ID = 'pn_2hG5jR8tY0uW';
const TWILIO_ID = 'pn_6mK1pZ9wL3sD';
const AGENT = 'agent_3kT9wQ2mXv7bN4pL';
const PROVIDER = 'prov_2Vh7Kq9Lm3Xc';

const { onPrism, serving, listExample } = providerTestbed(cartesiaFixture);
const { data: listedRaw } = listExample as { data: Record<string, unknown>[] };
const listed = [
  // A Cartesia number with its agent: it takes calls and places them.
  {
    vendor: 'cartesia',
    id: 'pn_4cN8vB2xQ7rT',
    number: '+14155550123',
    kind: 'pstn',
    canReceiveCalls: true,
    canPlaceCalls: true,
    agentId: AGENT,
    name: 'Front desk',
    createdAt: '2026-08-20T16:04:11Z',
    raw: listedRaw[0],
  },
  // A Twilio number without an agent: outbound-only.
  {
    vendor: 'cartesia',
    id: TWILIO_ID,
    number: '+442079460958',
    kind: 'pstn',
    canReceiveCalls: false,
    canPlaceCalls: true,
    agentId: null,
    name: 'London office',
    createdAt: '2026-08-22T10:30:02Z',
    raw: listedRaw[1],
  },
  // A SIP trunk's number: its agent answers it; whether it dials out is the trunk's outbound
  // configuration, which the number does not show. Numbers on a trunk are E.164 numbers too.
  {
    vendor: 'cartesia',
    id: SIP_ID,
    number: '+13125550147',
    kind: 'pstn',
    canReceiveCalls: true,
    canPlaceCalls: null,
    agentId: 'agent_8rJ5hC1zYd6sF0aE',
    name: 'Carrier line',
    createdAt: '2026-08-25T14:47:36Z',
    raw: listedRaw[2],
  },
];

describe('cartesia provider on its Prism mock', () => {
  test('list asks for the largest page the spec allows unless told a size, and returns one normalised page', async () => {
    const rec = recorder();
    expect(await onPrism(rec).list({ limit: undefined, cursor: undefined })).toEqual({ items: listed, nextCursor: null });
    expect(onlyRequest(rec)).toMatchObject({ key: 'GET /agents/phone-numbers', query: { limit: '100' } });
  });

  test('a cursor is the id of the number to start after', async () => {
    const rec = recorder();
    await onPrism(rec).list({ limit: 2, cursor: TWILIO_ID });
    expect(onlyRequest(rec).query).toEqual({ limit: '2', starting_after: TWILIO_ID });
  });

  test('get maps a number, with Cartesia’s object as raw', async () => {
    const rec = recorder();
    expect(await onPrism(rec).get(SIP_ID)).toEqual({ ...listed[2], raw: specExample('cartesia', 'GET', '/agents/phone-numbers/{id}', 200) });
    expect(onlyRequest(rec).key).toBe(`GET /agents/phone-numbers/${SIP_ID}`);
  });

  test.each([
    ['assign an agent', { agentId: AGENT }, { agent_id: AGENT }],
    ['unassign it (then the number is outbound-only)', { agentId: null }, { agent_id: null }],
    ['rename', { name: 'London reception' }, { label: 'London reception' }],
    ['both', { agentId: null, name: 'Lobby' }, { agent_id: null, label: 'Lobby' }],
  ])('update: %s', async (_, changes, body) => {
    const rec = recorder();
    const updated = await onPrism(rec).update(TWILIO_ID, changes);
    expect(updated.raw).toEqual(specExample('cartesia', 'PATCH', '/agents/phone-numbers/{id}', 200));
    expect(onlyRequest(rec)).toEqual({ key: `PATCH /agents/phone-numbers/${TWILIO_ID}`, query: {}, body });
  });

  test('release deletes the number', async () => {
    const rec = recorder();
    await expect(onPrism(rec).release(TWILIO_ID)).resolves.toBeUndefined();
    expect(onlyRequest(rec).key).toBe(`DELETE /agents/phone-numbers/${TWILIO_ID}`);
  });

  test('has no lookup by number: the facade finds a number by walking the listing', () => {
    expect(onPrism().findByNumber).toBeUndefined();
  });

  const link = { type: 'link', number: '+442079460958', telephonyAccountConnection: PROVIDER } as const;
  const creates: [string, CreatePhoneNumberInput, CartesiaVendorOptions | undefined, string, Record<string, unknown>][] = [
    // Cartesia requires a label: a provisioned number, whose number Cartesia picks, gets this one.
    ['purchase provisions, labelled "Switchboard"', { type: 'purchase' }, undefined, '/agents/phone-numbers/provision', { label: 'Switchboard' }],
    [
      'purchase with the label and agent of vendorOptions',
      { type: 'purchase' },
      { label: 'Front desk', agent_id: AGENT },
      '/agents/phone-numbers/provision',
      { label: 'Front desk', agent_id: AGENT },
    ],
    [
      'link imports the number through the linked provider, labelled with itself',
      link,
      undefined,
      '/agents/phone-numbers',
      { label: '+442079460958', number: '+442079460958', provider: { id: PROVIDER } },
    ],
    [
      'link with the label and agent of vendorOptions',
      link,
      { label: 'London office', agent_id: AGENT },
      '/agents/phone-numbers',
      { label: 'London office', number: '+442079460958', provider: { id: PROVIDER }, agent_id: AGENT },
    ],
  ];

  test.each(creates)('create: %s', async (_, input, vendorOptions, path, body) => {
    const rec = recorder();
    await onPrism(rec).create(input, vendorOptions);
    expect(onlyRequest(rec)).toEqual({ key: `POST ${path}`, query: {}, body });
  });

  test('a provisioned number is answered without a provider: a Cartesia number, which places calls', async () => {
    const number = await onPrism().create({ type: 'purchase' }, undefined);
    expect(number).toEqual({ ...listed[0], raw: specExample('cartesia', 'POST', '/agents/phone-numbers/provision', 201) });
    expect(number.raw).not.toHaveProperty('provider');
  });

  test('a linked number is the one imported, with its provider in raw', async () => {
    const number = await onPrism().create(link, undefined);
    expect(number).toEqual({ ...listed[1], raw: specExample('cartesia', 'POST', '/agents/phone-numbers', 201) });
  });

  test('every create type cartesia supports is among the creates above', () => {
    expect(createTypesOf(creates.map(([, input]) => input))).toEqual(supportedCreateTypes(onPrism().capabilities));
  });
});

describe('cartesia listings a broken server sends', () => {
  test('the next cursor is the last id of a page that has more, whatever it looks like', async () => {
    const cartesia = await serving(() => ({ data: [{ ...listedRaw[1], id: 'not/an id' }], has_more: true }));
    expect((await cartesia.list({ limit: 1, cursor: undefined })).nextCursor).toBe('not/an id');
  });

  test('has_more on a page without numbers is an InvalidResponseError: there is no id to go on from', async () => {
    const cartesia = await serving(() => ({ data: [], has_more: true }));
    const error = await cartesia.list({ limit: 5, cursor: undefined }).catch((caught: unknown) => caught);
    expect(InvalidResponseError.isInstance(error) && { vendor: error.vendor, operation: error.operation, outcomeUnknown: error.outcomeUnknown }).toEqual({
      vendor: 'cartesia',
      operation: 'listPhoneNumbers',
      outcomeUnknown: false,
    });
  });
});
