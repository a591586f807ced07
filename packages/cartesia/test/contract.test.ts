import { readFileSync } from 'node:fs';
import { type CartesiaClient, type CartesiaClientOptions, type components, createCartesiaClient } from '@switchboard/cartesia';
import { declaredErrors, prismUrl, specOperations, specPath, startFaultServer } from '@switchboard/testing';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { parse } from 'yaml';

type Schemas = components['schemas'];

/** What the client sent: `Cartesia-Version` and the path of every request, through a fetch of the test's own. */
function recorded(options: Partial<CartesiaClientOptions> = {}) {
  const sent: { path: string; version: string | null }[] = [];
  const client = createCartesiaClient({
    apiKey: 'test-key',
    baseUrl: prismUrl('cartesia'),
    maxRetries: 0,
    fetch: (request) => {
      sent.push({ path: new URL(request.url).pathname, version: request.headers.get('cartesia-version') });
      return fetch(request);
    },
    ...options,
  });
  return { client, sent };
}

const { client } = recorded();
const id = 'pn_6mK1pZ9wL3sD';
const providerId = 'prov_9Qw4Ez1Rt6Yu';
const agentId = 'agent_3kT9wQ2mXv7bN4pL';

const E164 = expect.stringMatching(/^\+[1-9]\d{1,14}$/);
const phoneNumber = { id: expect.any(String), number: E164, created_at: expect.any(String), updated_at: expect.any(String) };
const PROVIDER_TYPES = ['twilio', 'cartesia', 'sip_trunk'];

/** One valid call per operation; `headers` lets a test ask Prism for a declared error (or an example). */
const callsOf = (client: CartesiaClient) => ({
  listPhoneNumbers: (headers?: Record<string, string>) => client.GET('/agents/phone-numbers', { params: { query: { limit: 100 } }, headers }),
  importPhoneNumber: (headers?: Record<string, string>) =>
    client.POST('/agents/phone-numbers', { body: { label: 'London office', number: '+442079460958', provider: { id: 'prov_2Vh7Kq9Lm3Xc' } }, headers }),
  getPhoneNumber: (headers?: Record<string, string>) => client.GET('/agents/phone-numbers/{id}', { params: { path: { id } }, headers }),
  updatePhoneNumber: (headers?: Record<string, string>) =>
    client.PATCH('/agents/phone-numbers/{id}', { params: { path: { id } }, body: { agent_id: agentId }, headers }),
  deletePhoneNumber: (headers?: Record<string, string>) => client.DELETE('/agents/phone-numbers/{id}', { params: { path: { id } }, headers }),
  provisionPhoneNumber: (headers?: Record<string, string>) =>
    client.POST('/agents/phone-numbers/provision', { body: { label: 'Front desk', agent_id: agentId }, headers }),
  listProviders: (headers?: Record<string, string>) => client.GET('/agents/phone-numbers/providers', { params: { query: { type: 'sip_trunk' } }, headers }),
  createProvider: (headers?: Record<string, string>) =>
    client.POST('/agents/phone-numbers/providers', {
      body: {
        type: 'twilio',
        account_sid: 'AC5f3a9c2e7b1d4068a9e2c7b5d1f3a8e6',
        api_key_sid: 'SK7d2e5a1c9b3f4e6d8a0c2b4e6f8a4b9c',
        api_key_secret: 'example-twilio-api-key-secret-0001',
        region: 'ie1',
      },
      headers,
    }),
  getProvider: (headers?: Record<string, string>) => client.GET('/agents/phone-numbers/providers/{id}', { params: { path: { id: providerId } }, headers }),
  updateProvider: (headers?: Record<string, string>) =>
    client.PATCH('/agents/phone-numbers/providers/{id}', {
      params: { path: { id: providerId } },
      body: { type: 'sip_trunk', inbound: { allowed_addresses: ['203.0.113.0/24', '198.51.100.7'] } },
      headers,
    }),
  deleteProvider: (headers?: Record<string, string>) =>
    client.DELETE('/agents/phone-numbers/providers/{id}', { params: { path: { id: providerId } }, headers }),
});
const calls = callsOf(client);

describe('Cartesia client against the Prism mock', () => {
  test('exercises every operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations('cartesia')
        .map((op) => op.operationId)
        .sort(),
    );
  });

  test.each(['importPhoneNumber', 'getPhoneNumber', 'updatePhoneNumber'] as const)('%s returns a phone number with its provider', async (operation) => {
    const { data } = await calls[operation]();
    expectTypeOf(data).branded.toEqualTypeOf<Schemas['PhoneNumber']>();
    expect(data).toMatchObject({ ...phoneNumber, provider: { type: expect.toSatisfy((type) => PROVIDER_TYPES.includes(type as string)) } });
  });

  test('provisionPhoneNumber returns the common fields only, and takes an outbound-only number without an agent', async () => {
    const { data, response } = await calls.provisionPhoneNumber();
    expectTypeOf(data).branded.toEqualTypeOf<Schemas['PhoneNumberBase']>();
    expect(response.status).toBe(201);
    expect(data).toMatchObject(phoneNumber);
    const outboundOnly = await client.POST('/agents/phone-numbers/provision', { body: { label: 'Reminder calls' } });
    expect(outboundOnly.data).toMatchObject(phoneNumber);
  });

  test('importPhoneNumber takes a Twilio account by SID and region instead of a provider id, and an agent', async () => {
    const { data } = await client.POST('/agents/phone-numbers', {
      body: {
        label: 'Carrier line',
        number: '+13125550147',
        provider: { type: 'twilio', account_sid: 'AC5f3a9c2e7b1d4068a9e2c7b5d1f3a8e6', region: 'ie1' },
        agent_id: agentId,
      },
    });
    expect(data).toMatchObject(phoneNumber);
  });

  test('listPhoneNumbers pages by id: the last id of a page with more is the next starting_after', async () => {
    const { data } = await calls.listPhoneNumbers();
    expectTypeOf(data).branded.toEqualTypeOf<Schemas['PhoneNumberPage']>();
    expect(data).toMatchObject({ data: expect.any(Array), has_more: false });
    for (const item of data.data) expect(item).toMatchObject(phoneNumber);
    const first = await calls.listPhoneNumbers({ Prefer: 'example=firstPage' });
    expect(first.data.has_more).toBe(true);
    const next = await client.GET('/agents/phone-numbers', { params: { query: { limit: 2, starting_after: first.data.data.at(-1)!.id } } });
    expect(next.data.data.length).toBeGreaterThan(0);
  });

  test('updatePhoneNumber unassigns the agent with null, relabels, and moves the number to another Twilio account', async () => {
    const bodies: Schemas['UpdatePhoneNumberRequest'][] = [
      { agent_id: null },
      { label: 'London reception' },
      { provider: { type: 'twilio', account_sid: 'AC9e1b7d3f5a2c4e6089b1d3f5a7c9e2b4', region: 'us1' } },
    ];
    for (const body of bodies) {
      const { data } = await client.PATCH('/agents/phone-numbers/{id}', { params: { path: { id } }, body });
      expect(data).toMatchObject(phoneNumber);
    }
  });

  test.each(['deletePhoneNumber', 'deleteProvider'] as const)('%s answers 204 without a body', async (operation) => {
    const { data, response } = await calls[operation]();
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });

  test('the providers: Twilio accounts and SIP trunks, linked, read, changed and listed, never with a secret', async () => {
    const sipTrunk = await client.POST('/agents/phone-numbers/providers', {
      body: {
        type: 'sip_trunk',
        label: 'Primary carrier trunk',
        inbound: { allowed_addresses: ['203.0.113.0/24'], credentials: { username: 'acme-inbound', password: 'example-inbound-password-0001' } },
        outbound: { address: 'sip.carrier.example.com', transport: 'tls', destination_country: 'US' },
      },
    });
    const twilio = await calls.createProvider();
    const rotated = await client.PATCH('/agents/phone-numbers/providers/{id}', {
      params: { path: { id: 'prov_2Vh7Kq9Lm3Xc' } },
      body: { type: 'twilio', api_key_sid: 'SK1b8c4f2a6d0e3b5c7a9d1f3e5b7c0e2a', api_key_secret: 'example-twilio-api-key-secret-0002' },
    });
    const read = await calls.getProvider();
    const listed = await calls.listProviders();
    expectTypeOf(listed.data).branded.toEqualTypeOf<Schemas['ProviderAccount'][]>();
    for (const { data } of [sipTrunk, twilio, rotated, read])
      expect(data).toMatchObject({ type: expect.stringMatching(/^(twilio|sip_trunk)$/), id: expect.any(String) });
    expect(JSON.stringify([sipTrunk.data, twilio.data, rotated.data, read.data, listed.data])).not.toMatch(/example-.*-000\d/);
  });

  test('the client checks the spec before sending: a number without +, a page of 101, a SIP trunk with neither direction', async () => {
    await expect(client.POST('/agents/phone-numbers', { body: { label: 'x', number: '442079460958', provider: { id: providerId } } })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'number',
      rule: 'pattern',
    });
    await expect(client.GET('/agents/phone-numbers', { params: { query: { limit: 101 } } })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'limit',
      rule: 'maximum',
    });
    await expect(client.POST('/agents/phone-numbers/providers', { body: { type: 'sip_trunk', label: 'Trunk' } as never })).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });

  test.each(declaredErrors('cartesia'))('%s: a declared %i becomes its typed error', async (operation, status, expected) => {
    await expect(calls[operation as keyof typeof calls]({ Prefer: `code=${status}` })).rejects.toMatchObject(expected);
  });
});

describe('Cartesia-Version', () => {
  const spec = parse(readFileSync(specPath('cartesia'), 'utf8')) as {
    info: { version: string };
    components: { parameters: { CartesiaVersion: { schema: { enum: string[] } } } };
  };

  test('every call carries the version the spec describes, and the mock refuses a request without it', async () => {
    const { client, sent } = recorded();
    for (const call of Object.values(callsOf(client))) await call();
    // A call with middleware goes through openapi-fetch's own request building.
    await client.GET('/agents/phone-numbers/{id}', { params: { path: { id } }, middleware: [{ onRequest: ({ request }) => request }] });
    expect(spec.components.parameters.CartesiaVersion.schema.enum).toEqual([spec.info.version]);
    expect(sent).toHaveLength(specOperations('cartesia').length + 1);
    expect(new Set(sent.map(({ version }) => version))).toEqual(new Set([spec.info.version]));

    const unversioned = await fetch(`${prismUrl('cartesia')}/agents/phone-numbers`, { headers: { authorization: 'Bearer test-key' } });
    expect(unversioned.status).toBe(422);
  });

  test.each([
    ['headers', { headers: { 'cartesia-version': '2024-06-10' } }, 'headers.Cartesia-Version'],
    ['headers, with the same value', { headers: new Headers({ 'CARTESIA-VERSION': '2026-08-14' }) }, 'headers.Cartesia-Version'],
    ['params.header, past the types', { params: { header: { 'Cartesia-Version': '2024-06-10' } } }, 'params.header.Cartesia-Version'],
  ])('a call that sets it in %s is refused before anything is sent', async (_, init, field) => {
    const { client, sent } = recorded();
    await expect(client.GET('/agents/phone-numbers', init as never)).rejects.toMatchObject({
      name: 'ValidationError',
      field,
      rule: 'reserved',
      message: expect.stringContaining('Cartesia-Version 2026-08-14'),
    });
    expect(sent).toEqual([]);
  });
});

describe('secrets of the providers', () => {
  test('a Twilio API key secret and SIP passwords echoed back in an error are redacted', async () => {
    const server = await startFaultServer({
      upstream: prismUrl('cartesia'),
      faults: [
        { kind: 'echo', status: 400 },
        { kind: 'echo', status: 400 },
      ],
    });
    try {
      const echoing = createCartesiaClient({ apiKey: 'sk_car_CANARY-key-4e1d', baseUrl: server.url, maxRetries: 0 });
      const errors = await Promise.all([
        echoing
          .POST('/agents/phone-numbers/providers', {
            body: {
              type: 'twilio',
              account_sid: 'AC5f3a9c2e7b1d4068a9e2c7b5d1f3a8e6',
              api_key_sid: 'SK7d2e5a1c9b3f4e6d8a0c2b4e6f8a4b9c',
              api_key_secret: 'CANARY-twilio-secret-9b2c',
            },
          })
          .catch((error: unknown) => error),
        echoing
          .PATCH('/agents/phone-numbers/providers/{id}', {
            params: { path: { id: providerId } },
            body: { type: 'sip_trunk', inbound: { credentials: { username: 'acme-inbound', password: 'CANARY-sip-password-71fe' } } },
          })
          .catch((error: unknown) => error),
      ]);
      for (const error of errors) {
        expect(error).toMatchObject({ name: 'BadRequestError', status: 400 });
        expect(JSON.stringify(error)).toContain('[REDACTED]');
        expect(`${JSON.stringify(error)} ${String(error)}`).not.toContain('CANARY');
      }
      // The secrets did go out, so what came back could carry them.
      expect(server.requests.map((request) => request.body).join()).toMatch(
        /CANARY-twilio-secret-9b2c.*CANARY-sip-password-71fe|CANARY-sip-password-71fe.*CANARY-twilio-secret-9b2c/,
      );
    } finally {
      await server.close();
    }
  });
});
