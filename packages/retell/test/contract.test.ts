import { type components, createRetellClient } from '@switchboard/retell';
import { declaredErrors, prismUrl, specOperations } from '@switchboard/testing';
import { describe, expect, expectTypeOf, test } from 'vitest';

type Schemas = components['schemas'];
type PhoneNumber = Schemas['PhoneNumber'];

const client = createRetellClient({ apiKey: 'test-key', baseUrl: prismUrl('retell'), maxRetries: 0 });
/** Retell addresses a number by the number itself, E.164 with its '+'. */
const phone_number = '+14155550123';
const importedNumber = '+14155550177';
const agentId = 'agent_5b7d4e2a9c610d8e4b7a1f20';
const otherAgentId = 'agent_9a7b6c5d4e3f4a1b8c2d1e0f';

const E164 = expect.stringMatching(/^\+[1-9]\d{1,14}$/);
const phoneNumber = {
  phone_number: E164,
  phone_number_type: expect.stringMatching(/^(retell-twilio|retell-telnyx|custom)$/),
  last_modification_timestamp: expect.any(Number),
};

/** One valid call per operation; `headers` lets a test ask Prism for a declared error (or an example). */
const calls = {
  createPhoneNumber: (headers?: Record<string, string>) =>
    client.POST('/create-phone-number', { body: { area_code: 415, nickname: 'Front desk', inbound_agents: [{ agent_id: agentId, weight: 1 }] }, headers }),
  importPhoneNumber: (headers?: Record<string, string>) =>
    client.POST('/import-phone-number', {
      body: {
        phone_number: importedNumber,
        termination_uri: 'acme-trunk.pstn.twilio.com',
        sip_trunk_auth_username: 'acme-trunk-user',
        sip_trunk_auth_password: 'example-trunk-password-0001',
      },
      headers,
    }),
  getPhoneNumber: (headers?: Record<string, string>) => client.GET('/get-phone-number/{phone_number}', { params: { path: { phone_number } }, headers }),
  listPhoneNumbers: (headers?: Record<string, string>) =>
    client.GET('/v2/list-phone-numbers', { params: { query: { limit: 50, sort_order: 'descending' } }, headers }),
  updatePhoneNumber: (headers?: Record<string, string>) =>
    client.PATCH('/update-phone-number/{phone_number}', { params: { path: { phone_number } }, body: { nickname: 'Lobby' }, headers }),
  deletePhoneNumber: (headers?: Record<string, string>) =>
    client.DELETE('/delete-phone-number/{phone_number}', { params: { path: { phone_number } }, headers }),
};

describe('Retell client against the Prism mock', () => {
  test('exercises every operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations('retell')
        .map((op) => op.operationId)
        .sort(),
    );
  });

  test.each(['createPhoneNumber', 'importPhoneNumber', 'getPhoneNumber', 'updatePhoneNumber'] as const)('%s returns a phone number', async (operation) => {
    const { data } = await calls[operation]();
    expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
    expect(data).toMatchObject(phoneNumber);
  });

  test('createPhoneNumber takes an empty body (Retell picks a US number), an exact number, or toll_free', async () => {
    const bodies: Schemas['CreatePhoneNumberRequest'][] = [
      {},
      {
        phone_number,
        number_provider: 'telnyx',
        country_code: 'US',
        inbound_agents: [
          { agent_id: agentId, agent_version: 'latest_published', weight: 0.7 },
          { agent_id: otherAgentId, agent_version: 2, weight: 0.3 },
        ],
        fallback_number: '+14155550199',
      },
      { toll_free: true, allowed_inbound_country_list: ['US', 'CA'], inbound_webhook_url: 'https://hooks.example.com/retell/inbound', transport: 'TLS' },
    ];
    for (const body of bodies) {
      const { data, response } = await client.POST('/create-phone-number', { body });
      expect(response.status).toBe(201);
      expect(data).toMatchObject(phoneNumber);
    }
  });

  test('importPhoneNumber answers with the trunk but never its password', async () => {
    const { data } = await calls.importPhoneNumber();
    expect(data).toMatchObject({ ...phoneNumber, phone_number_type: 'custom', sip_outbound_trunk_config: { termination_uri: expect.any(String) } });
    expect(JSON.stringify(data)).not.toContain('example-trunk-password-0001');
  });

  test('getPhoneNumber returns the number asked for with its weighted agents', async () => {
    const { data } = await calls.getPhoneNumber();
    expect(data).toMatchObject({ phone_number, inbound_agents: expect.any(Array) });
    for (const agent of data.inbound_agents ?? []) expect(agent).toMatchObject({ agent_id: expect.any(String), weight: expect.any(Number) });
  });

  test('listPhoneNumbers returns a page; the pagination_key of a page with more is passed back as given', async () => {
    const { data } = await calls.listPhoneNumbers();
    expectTypeOf(data).branded.toEqualTypeOf<Schemas['PhoneNumberPage']>();
    expect(data).toMatchObject({ items: expect.any(Array), has_more: false });
    for (const item of data.items) expect(item).toMatchObject(phoneNumber);
    const more = await calls.listPhoneNumbers({ Prefer: 'example=morePages' });
    expect(more.data).toMatchObject({ has_more: true, pagination_key: E164 });
    const next = await client.GET('/v2/list-phone-numbers', { params: { query: { limit: 50, pagination_key: more.data.pagination_key } } });
    expect(next.data.items.length).toBeGreaterThan(0);
  });

  test('updatePhoneNumber rebinds agents, and clears fields with null', async () => {
    const rebind = await client.PATCH('/update-phone-number/{phone_number}', {
      params: { path: { phone_number } },
      body: {
        inbound_agents: [
          { agent_id: agentId, weight: 0.5 },
          { agent_id: otherAgentId, agent_version: 4, weight: 0.5 },
        ],
        outbound_agents: [{ agent_id: agentId, weight: 1 }],
      },
    });
    const clear = await client.PATCH('/update-phone-number/{phone_number}', {
      params: { path: { phone_number } },
      body: { nickname: null, inbound_agents: null, fallback_number: null, transport: null },
    });
    const trunk = await client.PATCH('/update-phone-number/{phone_number}', {
      params: { path: { phone_number: importedNumber } },
      body: { termination_uri: 'acme-trunk-2.pstn.twilio.com', auth_username: 'acme-trunk-user-2', auth_password: 'example-trunk-password-0002' },
    });
    for (const { data } of [rebind, clear, trunk]) expect(data).toMatchObject(phoneNumber);
  });

  test('deletePhoneNumber answers 204 without a body', async () => {
    const { data, response } = await calls.deletePhoneNumber();
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });

  test('the client checks the spec before sending: a path number without +, a weight of 0, an area code of two digits', async () => {
    await expect(client.GET('/get-phone-number/{phone_number}', { params: { path: { phone_number: '14155550123' } } })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'phone_number',
      rule: 'pattern',
    });
    await expect(client.POST('/create-phone-number', { body: { inbound_agents: [{ agent_id: agentId, weight: 0 }] } })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'inbound_agents[0].weight',
    });
    await expect(client.POST('/create-phone-number', { body: { area_code: 41 } })).rejects.toMatchObject({ name: 'ValidationError', field: 'area_code' });
    // The mock refuses what the client refused (so the check follows the spec, not a rule of its own):
    // Prism answers an invalid request with the operation's declared 400.
    const direct = await fetch(`${prismUrl('retell')}/create-phone-number`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ area_code: 41 }),
    });
    expect(direct.status).toBe(400);
  });

  test.each(declaredErrors('retell'))('%s: a declared %i becomes its typed error', async (operation, status, expected) => {
    await expect(calls[operation as keyof typeof calls]({ Prefer: `code=${status}` })).rejects.toMatchObject(expected);
  });
});
