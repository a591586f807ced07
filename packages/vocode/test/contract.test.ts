import { declaredErrors, prismUrl, specOperations } from '@switchboard/testing';
import { type components, createVocodeClient } from '@switchboard/vocode';
import { describe, expect, expectTypeOf, test } from 'vitest';

type PhoneNumber = components['schemas']['PhoneNumber'];
type NormalizedPhoneNumber = components['schemas']['NormalizedPhoneNumber'];
type Agent = components['schemas']['Agent'];

const client = createVocodeClient({ apiKey: 'test-key', baseUrl: prismUrl('vocode'), maxRetries: 0 });
/** Vocode addresses numbers by the number itself: country code and digits, no leading '+'. */
const phone_number = '14155550123';
const agentId = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';
const accountConnectionId = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';
const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
/** Vocode's documented number form: digits with the country code, no '+'. */
const digits = expect.stringMatching(/^[1-9]\d{1,14}$/);
const phoneNumber = { id: uuid, user_id: uuid, number: digits };
const agent = { id: uuid, user_id: uuid, actions: expect.any(Array), voice: expect.objectContaining({ type: expect.any(String) }) };

/** One valid call per operation; `headers` lets a test ask Prism for a declared error. */
const calls = {
  listNumbers: (headers?: Record<string, string>) =>
    client.GET('/numbers/list', { params: { query: { page: 1, size: 10, sort_column: 'number', sort_desc: false } }, headers }),
  getNumber: (headers?: Record<string, string>) => client.GET('/numbers', { params: { query: { phone_number } }, headers }),
  buyNumber: (headers?: Record<string, string>) => client.POST('/numbers/buy', { headers }),
  linkNumber: (headers?: Record<string, string>) =>
    client.POST('/numbers/link', {
      body: { phone_number: '14155550142', telephony_account_connection: accountConnectionId, outbound_only: true },
      headers,
    }),
  updateNumber: (headers?: Record<string, string>) =>
    client.POST('/numbers/update', { params: { query: { phone_number } }, body: { label: 'Front desk' }, headers }),
  cancelNumber: (headers?: Record<string, string>) => client.POST('/numbers/cancel', { params: { query: { phone_number } }, headers }),
};

describe('Vocode client against the Prism mock', () => {
  test('exercises every operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations('vocode')
        .map((op) => op.operationId)
        .sort(),
    );
  });

  test('listNumbers returns a page of normalized numbers', async () => {
    const { data } = await calls.listNumbers();
    expectTypeOf(data).branded.toEqualTypeOf<components['schemas']['PhoneNumberPage']>();
    expectTypeOf(data.items).branded.toEqualTypeOf<NormalizedPhoneNumber[]>();
    expect(data).toMatchObject({ page: 1, size: 10, has_more: expect.any(Boolean), total: expect.any(Number), total_is_estimated: expect.any(Boolean) });
    expect(data.items.length).toBeGreaterThan(0);
    for (const item of data.items) {
      expect(item).toMatchObject(phoneNumber);
      // List items are "normalized": the agent is a UUID, not an object (here the account connection is too).
      expectTypeOf(item.inbound_agent).toEqualTypeOf<string | null | undefined>();
      expect([uuid, null]).toContainEqual(item.inbound_agent);
      expect([uuid, null]).toContainEqual(item.telephony_account_connection);
    }
  });

  test.each(['getNumber', 'buyNumber', 'linkNumber', 'updateNumber', 'cancelNumber'] as const)('%s returns a phone number', async (operation) => {
    const { data } = await calls[operation]();
    expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
    expect(data).toMatchObject(phoneNumber);
  });

  test('getNumber returns the number asked for, with its inbound agent expanded', async () => {
    const { data } = await calls.getNumber();
    expectTypeOf(data.inbound_agent).branded.toEqualTypeOf<Agent | null | undefined>();
    expect(data).toMatchObject({ number: phone_number, inbound_agent: agent });
    // Vocode's Agent.prompt is always a Prompt object, never a plain string.
    expect(data.inbound_agent?.prompt).toMatchObject({ id: uuid, user_id: uuid, content: expect.any(String) });
  });

  test('buyNumber takes no body, or { area_code, telephony_provider }', async () => {
    const bare = await client.POST('/numbers/buy');
    const vonage = await client.POST('/numbers/buy', { body: { area_code: '415', telephony_provider: 'vonage' } });
    const twilio = await client.POST('/numbers/buy', { body: { area_code: '415', telephony_provider: 'twilio' } });
    for (const { data } of [bare, vonage, twilio]) {
      expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
      expect(data).toMatchObject({ ...phoneNumber, inbound_agent: agent });
    }
  });

  test('buyNumber takes each inbound_agent shape', async () => {
    const newAgent: components['schemas']['AgentParams'] = {
      name: 'Receptionist',
      prompt: { content: 'You are the receptionist of Acme Dental.' },
      voice: { type: 'voice_azure', voice_name: 'en-US-SteffanNeural', pitch: 0, rate: 15 },
      actions: [{ type: 'action_end_conversation' }, { type: 'action_transfer_call', config: { phone_number: '14155550199' } }],
      webhook: { subscriptions: ['event_phone_call_ended', 'event_transcript'], url: 'https://example.com/vocode/events', method: 'POST' },
      initial_message: 'Hello, thanks for calling Acme Dental.',
      // Vocode's definition allows null boost values on a new agent.
      deepgram_keywords: { Acme: 2, Dental: null },
    };
    const shapes: components['schemas']['InboundAgentParam'][] = [newAgent, agentId, 'default'];
    expectTypeOf<null>().not.toMatchTypeOf<components['schemas']['InboundAgentParam']>();
    for (const inbound_agent of shapes) {
      const { data } = await client.POST('/numbers/buy', { body: { area_code: '415', telephony_provider: 'vonage', inbound_agent } });
      expect(data).toMatchObject(phoneNumber);
    }
  });

  test('linkNumber takes a number with an existing agent, and expands its account connection', async () => {
    const { data } = await client.POST('/numbers/link', {
      body: { phone_number: '14155550143', telephony_account_connection: accountConnectionId, inbound_agent: agentId },
    });
    expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
    expect(data).toMatchObject({
      ...phoneNumber,
      telephony_provider: 'twilio',
      telephony_account_connection: { id: uuid, type: 'account_connection_twilio', credentials: { twilio_account_sid: expect.any(String) } },
    });
  });

  test('updateNumber takes each inbound_agent shape: an agent ID or an agent object, never null', async () => {
    const byId = await client.POST('/numbers/update', { params: { query: { phone_number } }, body: { inbound_agent: agentId } });
    const partial = await client.POST('/numbers/update', {
      params: { query: { phone_number } },
      body: { inbound_agent: { prompt: { content: 'I want you to act as Yoda. Respond as Yoda would.' }, initial_message: 'Hello, I am Yoda.' } },
    });
    const full = await client.POST('/numbers/update', {
      params: { query: { phone_number } },
      body: {
        label: 'Front desk',
        outbound_only: false,
        example_context: { customer_name: 'Jane' },
        inbound_agent: {
          prompt: '2a3b4c5d-6e7f-4801-9a2b-3c4d5e6f7081',
          voice: { type: 'voice_eleven_labs', voice_id: '21m00Tcm4TlvDq8ikWAM', stability: 0.5, similarity_boost: 0.75 },
          actions: ['8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d', { type: 'action_dtmf', config: {} }],
          webhook: '9c0d1e2f-3a4b-4c5d-9e6f-7a8b9c0d1e2f',
          deepgram_keywords: { Acme: 2 },
          language: 'en',
          interrupt_sensitivity: 'high',
        },
      },
    });
    for (const { data } of [byId, partial, full]) {
      expectTypeOf(data).branded.toEqualTypeOf<PhoneNumber>();
      expect(data).toMatchObject({ ...phoneNumber, number: phone_number, inbound_agent: agent });
    }
  });

  test("a Rime voice's model_id may be Vocode's Undefined sentinel {}, as Vocode's definition returns it", async () => {
    // Vocode's RimeVoice (its answer form) types model_id as 'mist' | 'v1' | Undefined (an empty object).
    expectTypeOf<Record<string, never>>().toMatchTypeOf<NonNullable<components['schemas']['Voice']['model_id']>>();
    const { data } = await client.POST('/numbers/buy', {
      body: { inbound_agent: { prompt: { content: 'You are the receptionist.' }, voice: { type: 'voice_rime', speaker: 'cove', model_id: {} } } },
    });
    expect(data).toMatchObject(phoneNumber);
  });

  test('updateNumber rejects inbound_agent: null (Vocode documents no way to unlink an agent)', async () => {
    type UpdateBody = components['schemas']['UpdateNumberRequest'];
    expectTypeOf<null>().not.toMatchTypeOf<UpdateBody['inbound_agent']>();
    const body = { inbound_agent: null } as unknown as UpdateBody;
    // The client refuses it from the spec before sending; the mock would too.
    await expect(client.POST('/numbers/update', { params: { query: { phone_number } }, body })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'inbound_agent',
    });
    const direct = await fetch(`${prismUrl('vocode')}/numbers/update?phone_number=${phone_number}`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(direct.status).toBe(422);
  });

  test.each(declaredErrors('vocode'))('%s: a declared %i becomes its typed error', async (operation, status, expected) => {
    await expect(calls[operation as keyof typeof calls]({ Prefer: `code=${status}` })).rejects.toMatchObject(expected);
  });
});
