import { declaredErrors, prismUrl, specOperations } from '@switchboard/testing';
import { type components, createVogentClient, type paths } from '@switchboard/vogent';
import { describe, expect, expectTypeOf, test } from 'vitest';

type PhoneNumber = components['schemas']['PhoneNumber'];

const client = createVogentClient({ apiKey: 'test-key', baseUrl: prismUrl('vogent'), maxRetries: 0 });
const id = '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40';
const phoneNumber = { id: expect.any(String), number: expect.any(String), type: expect.stringMatching(/^(PSTN|SIP_USERNAME)$/) };

/** One valid call per operation; `headers` lets a test ask Prism for a declared error. */
const calls = {
  listPhoneNumbers: (headers?: Record<string, string>) => client.GET('/phone_numbers', { params: { query: { limit: 10 } }, headers }),
  createPhoneNumber: (headers?: Record<string, string>) =>
    client.POST('/phone_numbers', { body: { type: 'purchase', purchase: { number: '+14155550123' } }, headers }),
  getPhoneNumber: (headers?: Record<string, string>) => client.GET('/phone_numbers/{id}', { params: { path: { id } }, headers }),
  updatePhoneNumber: (headers?: Record<string, string>) => client.PUT('/phone_numbers/{id}', { params: { path: { id } }, body: { agentId: '' }, headers }),
  deletePhoneNumber: (headers?: Record<string, string>) => client.DELETE('/phone_numbers/{id}', { params: { path: { id } }, headers }),
  searchAvailablePhoneNumbers: (headers?: Record<string, string>) =>
    client.POST('/phone_numbers/search', { body: { prefix: '415', country: 'US', limit: 5 }, headers }),
  purchasePhoneNumber: (headers?: Record<string, string>) => client.POST('/phone_numbers/purchase', { body: { number: '+14155550123' }, headers }),
};

describe('Vogent client against the Prism mock', () => {
  test('exercises every operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations('vogent')
        .map((op) => op.operationId)
        .sort(),
    );
  });

  test('listPhoneNumbers returns a page and its cursor', async () => {
    const { data } = await calls.listPhoneNumbers();
    expectTypeOf(data).toEqualTypeOf<components['schemas']['PhoneNumberList']>();
    expect(data.data.length).toBeGreaterThan(0);
    for (const item of data.data) expect(item).toMatchObject(phoneNumber);
    expect(data).toHaveProperty('cursor');
  });

  test.each(['createPhoneNumber', 'getPhoneNumber', 'updatePhoneNumber', 'deletePhoneNumber', 'purchasePhoneNumber'] as const)(
    '%s returns a phone number',
    async (operation) => {
      const { data } = await calls[operation]();
      expectTypeOf(data).toEqualTypeOf<PhoneNumber>();
      expect(data).toMatchObject(phoneNumber);
    },
  );

  test('createPhoneNumber takes each create type', async () => {
    const sip = await client.POST('/phone_numbers', {
      body: {
        type: 'sip_import',
        sipImport: { phoneNumber: '+14155550142', terminationUri: 'trunk.example.com', username: 'trunk-user', password: 'trunk-pass' },
      },
    });
    const vogentSip = await client.POST('/phone_numbers', {
      body: { type: 'vogent_sip', vogentSip: { sipPrefix: 'support', username: 'acme-auth', password: 'acme-pass' } },
    });
    expect([sip.data, vogentSip.data]).toEqual([expect.objectContaining(phoneNumber), expect.objectContaining(phoneNumber)]);
  });

  test('searchAvailablePhoneNumbers returns purchasable numbers', async () => {
    const { data } = await calls.searchAvailablePhoneNumbers();
    expect(data.length).toBeGreaterThan(0);
    for (const item of data) expect(item.number).toEqual(expect.any(String));
  });

  test("updatePhoneNumber requires a body, as Vogent's own document does", async () => {
    type UpdateBody = paths['/phone_numbers/{id}']['put']['requestBody'];
    expectTypeOf<undefined>().not.toMatchTypeOf<UpdateBody>();
    const bare = { params: { path: { id } } } as unknown as { params: { path: { id: string } }; body: { agentId?: string } };
    // The client refuses it from the spec before sending; the mock would too.
    await expect(client.PUT('/phone_numbers/{id}', bare)).rejects.toMatchObject({ name: 'ValidationError', field: 'body', rule: 'required' });
    const direct = await fetch(`${prismUrl('vogent')}/phone_numbers/${id}`, { method: 'PUT', headers: { authorization: 'Bearer test-key' } });
    expect(direct.status).toBe(422);
  });

  test('searchAvailablePhoneNumbers needs only a prefix (country and limit have defaults)', async () => {
    const body: components['schemas']['PhoneNumberSearchInput'] = { prefix: '415' };
    const { data } = await client.POST('/phone_numbers/search', { body });
    expect(data.length).toBeGreaterThan(0);
  });

  test.each(declaredErrors('vogent'))('%s: a declared %i becomes its typed error', async (operation, status, expected) => {
    await expect(calls[operation as keyof typeof calls]({ Prefer: `code=${status}` })).rejects.toMatchObject(expected);
  });
});
