import { type components, createElevenLabsClient } from '@switchboard/elevenlabs';
import { declaredErrors, prismUrl, specOperations } from '@switchboard/testing';
import { describe, expect, expectTypeOf, test } from 'vitest';

type Schemas = components['schemas'];
type PhoneNumber = Schemas['PhoneNumber'];

const client = createElevenLabsClient({ apiKey: 'test-key', baseUrl: prismUrl('elevenlabs'), maxRetries: 0 });
const phone_number_id = 'phnum_8Kd2Wq7ZrT5vXy3LmN9p';
const agentId = 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c';

const phoneNumber = {
  provider: expect.stringMatching(/^(twilio|sip_trunk|exotel)$/),
  phone_number_id: expect.any(String),
  phone_number: expect.any(String),
  label: expect.any(String),
};

/** One valid call per operation; `headers` lets a test ask Prism for a declared error (or an example). */
const calls = {
  listPhoneNumbers: (headers?: Record<string, string>) =>
    client.GET('/v1/convai/phone-numbers', { params: { query: { provider: 'twilio', agent_id: agentId } }, headers }),
  importPhoneNumber: (headers?: Record<string, string>) =>
    client.POST('/v1/convai/phone-numbers', {
      body: {
        provider: 'twilio',
        phone_number: '+14155550123',
        label: 'Front desk',
        sid: 'AC5f3c1e9a7b2d4f6e8a0c1b3d5e7f9a2b',
        token: 'example-twilio-auth-token-0001',
      },
      headers,
    }),
  listPhoneNumbersPaginated: (headers?: Record<string, string>) =>
    client.GET('/v1/convai/v2/phone-numbers', { params: { query: { page_size: 1000, sort_by: 'label', sort_direction: 'asc' } }, headers }),
  getPhoneNumber: (headers?: Record<string, string>) =>
    client.GET('/v1/convai/phone-numbers/{phone_number_id}', { params: { path: { phone_number_id } }, headers }),
  updatePhoneNumber: (headers?: Record<string, string>) =>
    client.PATCH('/v1/convai/phone-numbers/{phone_number_id}', { params: { path: { phone_number_id } }, body: { label: 'Lobby' }, headers }),
  deletePhoneNumber: (headers?: Record<string, string>) =>
    client.DELETE('/v1/convai/phone-numbers/{phone_number_id}', { params: { path: { phone_number_id } }, headers }),
  listSipMessages: (headers?: Record<string, string>) =>
    client.GET('/v1/convai/phone-numbers/{phone_number_id}/sip-messages', { params: { path: { phone_number_id }, query: { page_size: 20 } }, headers }),
};

describe('ElevenLabs client against the Prism mock', () => {
  test('exercises every operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations('elevenlabs')
        .map((op) => op.operationId)
        .sort(),
    );
  });

  test('the mock holds every request to the xi-api-key header, which the client sends', async () => {
    const url = `${prismUrl('elevenlabs')}/v1/convai/phone-numbers/${phone_number_id}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer test-key' } })).status).toBe(401);
    expect((await fetch(url, { headers: { 'xi-api-key': 'test-key' } })).status).toBe(200);
    await expect(calls.getPhoneNumber()).resolves.toMatchObject({ response: { status: 200 } });
  });

  test('importPhoneNumber takes a Twilio number (auth token or API key), a SIP-trunk number and an Exotel number, and answers only the id', async () => {
    const bodies: Schemas['ImportPhoneNumberRequest'][] = [
      {
        provider: 'twilio',
        phone_number: '+353861234567',
        label: 'Dublin sales',
        sid: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f',
        token: 'example-twilio-api-key-secret-0001',
        account_auth_token: 'example-twilio-account-auth-token-0001',
        region_config: { region_id: 'ie1', token: 'example-twilio-ie1-auth-token-0001', edge_location: 'dublin' },
        agent_id: agentId,
        enable_sms: false,
      },
      {
        provider: 'sip_trunk',
        phone_number: '+14155550188',
        label: 'Carrier trunk line',
        inbound_trunk_config: { allowed_addresses: ['203.0.113.0/24'], media_encryption: 'allowed' },
        outbound_trunk_config: {
          address: 'sip.carrier.example.com',
          transport: 'tls',
          media_encryption: 'required',
          credentials: { username: 'acme-trunk', password: 'example-trunk-password-0001' },
          enabled_codecs: ['PCMU/8000'],
        },
      },
      {
        provider: 'exotel',
        phone_number: '+918047112345',
        label: 'Bengaluru support',
        account_sid: 'acmeindia1',
        api_key: 'example-exotel-api-key-0001',
        api_token: 'example-exotel-api-token-0001',
        api_subdomain: 'api.in.exotel.com',
        app_id: '1234567',
      },
    ];
    for (const body of bodies) {
      const { data, response } = await client.POST('/v1/convai/phone-numbers', { body });
      expectTypeOf(data).toEqualTypeOf<Schemas['ImportPhoneNumberResponse']>();
      expect(response.status).toBe(200);
      expect(data).toEqual({ phone_number_id: expect.any(String) });
    }
  });

  test('getPhoneNumber returns a number of each provider; a SIP-trunk number with its trunks but never the password', async () => {
    for (const example of ['twilio', 'sipTrunk', 'exotel']) {
      const { data } = await calls.getPhoneNumber({ Prefer: `example=${example}` });
      expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
      expect(data).toMatchObject(phoneNumber);
      if (data.provider === 'sip_trunk') {
        expect(data).toMatchObject({ livekit_stack: 'standard', outbound_trunk: { has_auth_credentials: true, username: 'acme-trunk' } });
        expect(JSON.stringify(data)).not.toMatch(/password/);
      }
    }
  });

  test('listPhoneNumbers answers every number at once; listPhoneNumbersPaginated a page whose next_cursor is passed back as given', async () => {
    const { data: all } = await calls.listPhoneNumbers();
    expect(all.map((number) => number.provider)).toEqual(['twilio', 'sip_trunk', 'exotel']);
    const { data: one } = await calls.listPhoneNumbersPaginated();
    expect(one).toMatchObject({ has_more: false, next_cursor: null });
    const { data: first } = await calls.listPhoneNumbersPaginated({ Prefer: 'example=firstPage' });
    expectTypeOf(first).branded.toEqualTypeOf<Schemas['PhoneNumberPage']>();
    expect(first).toMatchObject({ phone_numbers: expect.any(Array), has_more: true, next_cursor: expect.any(String) });
    for (const number of first.phone_numbers) expect(number).toMatchObject(phoneNumber);
    const { data: last } = await client.GET('/v1/convai/v2/phone-numbers', {
      params: { query: { page_size: 1000, cursor: first.next_cursor! } },
      headers: { Prefer: 'example=lastPage' },
    });
    expect(last).toMatchObject({ has_more: false, next_cursor: null });
  });

  test('updatePhoneNumber assigns an agent on a branch, unassigns with null, renames, and rotates trunk credentials', async () => {
    const bodies: Schemas['UpdatePhoneNumberRequest'][] = [
      { agent_id: agentId, branch_id: 'agtbrch_2Fk8Vq4Xr7Mt3Wz9Lp5n', environment: 'staging' },
      { agent_id: null },
      { label: 'Front desk (after hours)' },
      {
        outbound_trunk_config: { address: 'sip2.carrier.example.com', credentials: { username: 'acme-trunk-2', password: 'example-trunk-password-0002' } },
        store_sip_messages: false,
      },
    ];
    for (const body of bodies) {
      const { data } = await client.PATCH('/v1/convai/phone-numbers/{phone_number_id}', { params: { path: { phone_number_id } }, body });
      expect(data).toMatchObject(phoneNumber);
    }
  });

  test('deletePhoneNumber answers a JSON body of no documented shape', async () => {
    const { data, response } = await calls.deletePhoneNumber();
    expect(response.status).toBe(200);
    expect(data).toEqual({});
  });

  test("listSipMessages answers a page of a number's SIP messages", async () => {
    const { data } = await calls.listSipMessages();
    expect(data.sip_messages[0]).toMatchObject({ call_id: expect.any(String), direction: 'in', created_at_unix_micro: expect.any(Number) });
    expect(data).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
  });

  test('the client checks the spec before sending: page sizes, a Twilio number without +, a missing label, an unknown provider', async () => {
    await expect(client.GET('/v1/convai/v2/phone-numbers', { params: { query: { page_size: 1001 } } })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'page_size',
      rule: 'maximum',
    });
    await expect(
      client.GET('/v1/convai/phone-numbers/{phone_number_id}/sip-messages', { params: { path: { phone_number_id }, query: { page_size: 21 } } }),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'page_size', rule: 'maximum' });
    const twilio = {
      provider: 'twilio',
      phone_number: '+14155550123',
      label: 'Front desk',
      sid: 'AC5f3c1e9a7b2d4f6e8a0c1b3d5e7f9a2b',
      token: 'example-token',
    } as const;
    await expect(client.POST('/v1/convai/phone-numbers', { body: { ...twilio, phone_number: '14155550123' } })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'phone_number',
      rule: 'pattern',
    });
    const { label: _, ...unlabelled } = twilio;
    await expect(client.POST('/v1/convai/phone-numbers', { body: unlabelled as never })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'label',
      rule: 'required',
    });
    await expect(client.POST('/v1/convai/phone-numbers', { body: { ...twilio, provider: 'vonage' } as never })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'provider',
    });
    // The mock refuses what the client refused (so the check follows the spec, not a rule of its own):
    // Prism answers an invalid request with the operation's declared 422.
    const direct = await fetch(`${prismUrl('elevenlabs')}/v1/convai/phone-numbers`, {
      method: 'POST',
      headers: { 'xi-api-key': 'test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ ...twilio, phone_number: '14155550123' }),
    });
    expect(direct.status).toBe(422);
  });

  test.each(declaredErrors('elevenlabs'))('%s: a declared %i becomes its typed error', async (operation, status, expected) => {
    await expect(calls[operation as keyof typeof calls]({ Prefer: `code=${status}` })).rejects.toMatchObject(expected);
  });
});
