import { createCartesiaProvider } from '@switchboard/cartesia';
import { prismUrl } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';

// How the provider maps the neutral model onto Cartesia's bodies and back, against the Prism mock of
// its spec (which refuses a request the spec does not allow), every request recorded as sent.

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

function recorded() {
  const sent: Sent[] = [];
  const provider = createCartesiaProvider({
    apiKey: 'test-key',
    baseUrl: prismUrl('cartesia'),
    maxRetries: 0,
    fetch: async (request) => {
      const url = new URL(request.url);
      const text = await request.clone().text();
      sent.push({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: text ? JSON.parse(text) : undefined });
      return fetch(request);
    },
  });
  return { provider, sent };
}

const SIP_NUMBER = {
  vendor: 'cartesia',
  id: 'pn_2hG5jR8tY0uW',
  number: '+13125550147',
  kind: 'pstn',
  agentId: 'agent_8rJ5hC1zYd6sF0aE',
  name: 'Carrier line',
  createdAt: '2026-08-25T14:47:36Z',
  // Its agent answers it; whether it dials out is the trunk's outbound configuration, not shown here.
  canReceiveCalls: true,
  canPlaceCalls: null,
};

describe('the Cartesia provider', () => {
  test('get maps a number: its id, E.164 number, agent, label and creation time, with Cartesia’s object as raw', async () => {
    const { provider, sent } = recorded();
    const number = await provider.get('pn_2hG5jR8tY0uW');
    expect(number).toMatchObject(SIP_NUMBER);
    expect(number.raw).toMatchObject({ provider: { type: 'sip_trunk', id: 'prov_9Qw4Ez1Rt6Yu' } });
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual(['GET /agents/phone-numbers/pn_2hG5jR8tY0uW']);
  });

  test('list asks for the largest page the spec allows unless told a size, and a cursor is the id to start after', async () => {
    const { provider, sent } = recorded();
    const page = await provider.list({ limit: undefined, cursor: undefined });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map(({ id, agentId, name, canReceiveCalls, canPlaceCalls }) => ({ id, agentId, name, canReceiveCalls, canPlaceCalls }))).toEqual([
      // A Cartesia number, a Twilio one without an agent (outbound-only), a SIP trunk's.
      { id: 'pn_4cN8vB2xQ7rT', agentId: 'agent_3kT9wQ2mXv7bN4pL', name: 'Front desk', canReceiveCalls: true, canPlaceCalls: true },
      { id: 'pn_6mK1pZ9wL3sD', agentId: null, name: 'London office', canReceiveCalls: false, canPlaceCalls: true },
      { id: 'pn_2hG5jR8tY0uW', agentId: 'agent_8rJ5hC1zYd6sF0aE', name: 'Carrier line', canReceiveCalls: true, canPlaceCalls: null },
    ]);
    await provider.list({ limit: 2, cursor: 'pn_6mK1pZ9wL3sD' });
    expect(sent.map(({ query }) => query)).toEqual([{ limit: '100' }, { limit: '2', starting_after: 'pn_6mK1pZ9wL3sD' }]);
  });

  test('purchase provisions: a label (the caller’s, else "Switchboard") and the agent from vendorOptions', async () => {
    const { provider, sent } = recorded();
    const number = await provider.create({ type: 'purchase' }, undefined);
    await provider.create({ type: 'purchase' }, { label: 'Front desk', agent_id: 'agent_3kT9wQ2mXv7bN4pL' });
    expect(sent.map(({ method, path, body }) => [`${method} ${path}`, body])).toEqual([
      ['POST /agents/phone-numbers/provision', { label: 'Switchboard' }],
      ['POST /agents/phone-numbers/provision', { label: 'Front desk', agent_id: 'agent_3kT9wQ2mXv7bN4pL' }],
    ]);
    // The provision answer has no provider: raw is what Cartesia answered.
    expect(number).toMatchObject({
      vendor: 'cartesia',
      id: 'pn_4cN8vB2xQ7rT',
      number: '+14155550123',
      kind: 'pstn',
      canReceiveCalls: true,
      canPlaceCalls: true,
    });
    expect(number.raw).not.toHaveProperty('provider');
  });

  test('link imports the number through the linked provider, labelled with itself unless vendorOptions say otherwise', async () => {
    const { provider, sent } = recorded();
    const link = { type: 'link', number: '+442079460958', telephonyAccountConnection: 'prov_2Vh7Kq9Lm3Xc' } as const;
    const number = await provider.create(link, undefined);
    await provider.create(link, { label: 'London office', agent_id: 'agent_3kT9wQ2mXv7bN4pL' });
    expect(sent.map(({ method, path, body }) => [`${method} ${path}`, body])).toEqual([
      ['POST /agents/phone-numbers', { label: '+442079460958', number: '+442079460958', provider: { id: 'prov_2Vh7Kq9Lm3Xc' } }],
      [
        'POST /agents/phone-numbers',
        { label: 'London office', number: '+442079460958', provider: { id: 'prov_2Vh7Kq9Lm3Xc' }, agent_id: 'agent_3kT9wQ2mXv7bN4pL' },
      ],
    ]);
    expect(number).toMatchObject({ vendor: 'cartesia', number: '+442079460958', agentId: null });
  });

  test.each([
    ['assign an agent', { agentId: 'agent_3kT9wQ2mXv7bN4pL' }, { agent_id: 'agent_3kT9wQ2mXv7bN4pL' }],
    ['unassign it', { agentId: null }, { agent_id: null }],
    ['rename', { name: 'London reception' }, { label: 'London reception' }],
    ['both', { agentId: null, name: 'Lobby' }, { agent_id: null, label: 'Lobby' }],
  ])('update: %s', async (_, changes, body) => {
    const { provider, sent } = recorded();
    await provider.update('pn_6mK1pZ9wL3sD', changes);
    expect(sent).toMatchObject([{ method: 'PATCH', path: '/agents/phone-numbers/pn_6mK1pZ9wL3sD', body }]);
  });

  test('release deletes the number', async () => {
    const { provider, sent } = recorded();
    await expect(provider.release('pn_6mK1pZ9wL3sD')).resolves.toBeUndefined();
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual(['DELETE /agents/phone-numbers/pn_6mK1pZ9wL3sD']);
  });
});
