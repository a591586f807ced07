import { createCartesiaClient, createCartesiaProvider } from '@switchboard/cartesia';
import { BadRequestError, ConflictError, NotFoundError } from '@switchboard/core';
import { type RunningSandbox, startSandbox } from '@switchboard/mocks';
import { specPath } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// What `./sandbox` makes of Cartesia, through Prism checking both directions against the spec: the
// behaviour its descriptor adds to what every vendor's sandbox does (packages/mocks/test).

const AGENT = 'agent_3kT9wQ2mXv7bN4pL';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ vendors: ['cartesia'], specFor: specPath });
}, 120_000);
afterAll(() => sandbox?.stop());

const options = () => ({ apiKey: 'sandbox-key', baseUrl: sandbox.urls.cartesia!, maxRetries: 0 });

describe('the Cartesia sandbox', { timeout: 60_000 }, () => {
  test('requires Cartesia-Version, as the spec does; the client sends it', async () => {
    const bare = await fetch(`${sandbox.urls.cartesia}/agents/phone-numbers`, { headers: { authorization: 'Bearer sandbox-key' } });
    expect(bare.status).toBe(422);
    expect(((await bare.json()) as { validation: unknown[] }).validation).toContainEqual(expect.objectContaining({ location: ['header'], code: 'required' }));

    const { data } = await createCartesiaClient(options()).GET('/agents/phone-numbers', {});
    // The numbers of the spec's list examples come first.
    expect(data.data.slice(0, 3).map(({ id }) => id)).toEqual(['pn_4cN8vB2xQ7rT', 'pn_6mK1pZ9wL3sD', 'pn_2hG5jR8tY0uW']);
  });

  test('a provisioned number is a US number of Cartesia’s own: its answer has no provider, the others show it', async () => {
    const client = createCartesiaClient(options());
    const { data: provisioned } = await client.POST('/agents/phone-numbers/provision', { body: { label: 'Reminders', agent_id: AGENT } });
    expect(provisioned).not.toHaveProperty('provider');
    expect(provisioned).toMatchObject({ label: 'Reminders', number: expect.stringMatching(/^\+1\d{10}$/), agent: { id: AGENT, name: 'Front desk' } });

    const { data: got } = await client.GET('/agents/phone-numbers/{id}', { params: { path: { id: provisioned.id } } });
    expect(got.provider).toEqual({ type: 'cartesia' });
    const { data: filtered } = await client.GET('/agents/phone-numbers', { params: { query: { agent_id: AGENT, type: 'cartesia' } } });
    expect(filtered.data.map(({ id }) => id)).toEqual(expect.arrayContaining(['pn_4cN8vB2xQ7rT', provisioned.id]));
    for (const number of filtered.data) expect(number).toMatchObject({ agent: { id: AGENT }, provider: { type: 'cartesia' } });
  });

  test('an import goes through a linked provider the sandbox keeps, and a provider with numbers stays', async () => {
    const client = createCartesiaClient(options());
    const { data: trunk } = await client.POST('/agents/phone-numbers/providers', {
      body: {
        type: 'sip_trunk',
        label: 'Lab trunk',
        outbound: { address: 'sip.lab.example.com', transport: 'tls', credentials: { username: 'lab', password: 'lab-secret-1' } },
      },
    });
    expect(JSON.stringify(trunk)).not.toContain('lab-secret-1');
    expect(trunk).toMatchObject({
      type: 'sip_trunk',
      label: 'Lab trunk',
      outbound: { auth_username: 'lab', destination_country: '', media_encryption: 'disabled' },
    });

    const provider = createCartesiaProvider(options());
    const link = { type: 'link', number: '+16285550111', telephonyAccountConnection: trunk.id } as const;
    const imported = await provider.create(link, {});
    expect(imported.raw).toMatchObject({ label: '+16285550111', agent: null, provider: { type: 'sip_trunk', id: trunk.id, label: 'Lab trunk' } });
    await expect(provider.create(link, {})).rejects.toSatisfy((error) => ConflictError.isInstance(error));
    await expect(provider.create({ ...link, number: '+16285550112', telephonyAccountConnection: 'prov_unknown' }, {})).rejects.toSatisfy((error) =>
      NotFoundError.isInstance(error),
    );

    await expect(client.DELETE('/agents/phone-numbers/providers/{id}', { params: { path: { id: trunk.id } } })).rejects.toSatisfy((error) =>
      ConflictError.isInstance(error),
    );
    await client.PATCH('/agents/phone-numbers/providers/{id}', { params: { path: { id: trunk.id } }, body: { type: 'sip_trunk', label: 'Lab trunk 2' } });
    expect((await provider.get(imported.id)).raw).toMatchObject({ provider: { label: 'Lab trunk 2' } });

    await provider.release(imported.id);
    await client.DELETE('/agents/phone-numbers/providers/{id}', { params: { path: { id: trunk.id } } });
    await expect(client.GET('/agents/phone-numbers/providers/{id}', { params: { path: { id: trunk.id } } })).rejects.toSatisfy((error) =>
      NotFoundError.isInstance(error),
    );
  });

  test('a number an agent answers is released only once unassigned (400 before)', async () => {
    const provider = createCartesiaProvider(options());
    const { id } = await provider.create({ type: 'purchase' }, { agent_id: AGENT });
    await expect(provider.release(id)).rejects.toSatisfy((error) => BadRequestError.isInstance(error));
    await provider.update(id, { agentId: null });
    await provider.release(id);
    await expect(provider.get(id)).rejects.toSatisfy((error) => NotFoundError.isInstance(error));
  });

  test('pages go on after an id (starting_after) and back before one (ending_before)', async () => {
    const client = createCartesiaClient(options());
    const page = async (query: { starting_after?: string; ending_before?: string }) =>
      (await client.GET('/agents/phone-numbers', { params: { query: { limit: 1, ...query } } })).data;
    const first = await page({});
    const second = await page({ starting_after: first.data[0]!.id });
    expect(first.has_more).toBe(true);
    expect(second.data[0]!.id).not.toBe(first.data[0]!.id);
    expect(await page({ ending_before: second.data[0]!.id })).toEqual({ data: first.data, has_more: false });
  });
});
