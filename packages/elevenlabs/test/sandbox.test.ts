import { UnprocessableEntityError } from '@switchboard/core';
import { createElevenLabsClient, createElevenLabsProvider } from '@switchboard/elevenlabs';
import { type RunningSandbox, startSandbox } from '@switchboard/mocks';
import { specPath } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// What `./sandbox` makes of ElevenLabs, through Prism checking both directions against the spec: the
// behaviour its descriptor adds to what every vendor's sandbox does (packages/mocks/test).

const AGENT = 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c';
const TRUNK_PASSWORD = 'sandbox-trunk-password-1';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ vendors: ['elevenlabs'], specFor: specPath });
}, 120_000);
afterAll(() => sandbox?.stop());

const options = () => ({ apiKey: 'sandbox-key', baseUrl: sandbox.urls.elevenlabs!, maxRetries: 0 });

describe('the ElevenLabs sandbox', { timeout: 60_000 }, () => {
  test('requires the key in xi-api-key, as the spec does; the client sends it there', async () => {
    const bearer = await fetch(`${sandbox.urls.elevenlabs}/v1/convai/phone-numbers`, { headers: { authorization: 'Bearer sandbox-key' } });
    expect(bearer.status).toBe(401);

    const { data } = await createElevenLabsClient(options()).GET('/v1/convai/phone-numbers', {});
    // The numbers of the spec's list examples.
    expect(data.slice(0, 3).map(({ phone_number_id }) => phone_number_id)).toEqual([
      'phnum_8Kd2Wq7ZrT5vXy3LmN9p',
      'phnum_3Vn7Lx2Qp9Rk4Wt8Zm6b',
      'phnum_6Ht2Yp8Bc4Mw9Qs3Xf7k',
    ]);
  });

  test('an import answers its id alone; the number keeps its trunk username and never its password', async () => {
    const client = createElevenLabsClient(options());
    const { data: imported } = await client.POST('/v1/convai/phone-numbers', {
      body: {
        provider: 'sip_trunk',
        phone_number: '+16285550140',
        label: 'Lab trunk',
        outbound_trunk_config: { address: 'sip.lab.example.com', transport: 'tls', credentials: { username: 'lab', password: TRUNK_PASSWORD } },
      },
    });
    expect(imported).toEqual({ phone_number_id: expect.stringMatching(/^phnum_\w{20}$/) });

    const { data: held } = await client.GET('/v1/convai/phone-numbers/{phone_number_id}', {
      params: { path: { phone_number_id: imported.phone_number_id } },
    });
    expect(JSON.stringify(held)).not.toContain(TRUNK_PASSWORD);
    expect(held).toMatchObject({
      provider: 'sip_trunk',
      label: 'Lab trunk',
      assigned_agent: null,
      livekit_stack: 'standard',
      inbound_trunk: null,
      outbound_trunk: { address: 'sip.lab.example.com', transport: 'tls', media_encryption: 'allowed', has_auth_credentials: true, username: 'lab' },
    });
  });

  test("the facade's sip-import reads the number back; clearing its name labels it with its number, which reads as no name", async () => {
    const provider = createElevenLabsProvider(options());
    const input = { type: 'sip-import', number: '+16285550141', terminationUri: 'sip.lab.example.com', username: 'lab', password: TRUNK_PASSWORD } as const;
    const imported = await provider.create(input, { label: 'Lab line' });
    expect(imported).toMatchObject({ number: '+16285550141', name: 'Lab line', agentId: null, canReceiveCalls: true, canPlaceCalls: true });

    const cleared = await provider.update(imported.id, { agentId: AGENT, name: null });
    expect(cleared).toMatchObject({ name: null, agentId: AGENT, raw: { label: '+16285550141' } });
    expect(await provider.update(imported.id, { agentId: null })).toMatchObject({ agentId: null, raw: { assigned_agent: null } });
  });

  test('both lists filter by provider and agent', async () => {
    const client = createElevenLabsClient(options());
    const { data: twilio } = await client.GET('/v1/convai/phone-numbers', { params: { query: { provider: 'twilio' } } });
    expect(twilio.length).toBeGreaterThan(0);
    for (const number of twilio) expect(number.provider).toBe('twilio');

    const { data: page } = await client.GET('/v1/convai/v2/phone-numbers', { params: { query: { agent_id: AGENT } } });
    expect(page.phone_numbers.map(({ phone_number_id }) => phone_number_id)).toEqual(['phnum_8Kd2Wq7ZrT5vXy3LmN9p']);
    expect(page).toMatchObject({ next_cursor: null, has_more: false });
  });

  test("a number's SIP message log is empty (no call is ever made); an unknown number's is the spec's 422", async () => {
    const client = createElevenLabsClient(options());
    const log = (phone_number_id: string) => client.GET('/v1/convai/phone-numbers/{phone_number_id}/sip-messages', { params: { path: { phone_number_id } } });
    expect((await log('phnum_8Kd2Wq7ZrT5vXy3LmN9p')).data).toEqual({ sip_messages: [], next_cursor: null, has_more: false });
    await expect(log('phnum_unknown')).rejects.toSatisfy((error) => UnprocessableEntityError.isInstance(error));
  });
});
