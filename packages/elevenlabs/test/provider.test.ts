// What the ElevenLabs provider does beyond the conformance suite: the import bodies it builds from
// the neutral creates, the read-back an import needs (ElevenLabs answers it with the id alone),
// updates, and its cursor listing. Requests go through a fault server in front of the Prism mock,
// which records them.
import { type ClientOptions, InvalidResponseError, SwitchboardError } from '@switchboard/core';
import { createElevenLabsProvider } from '@switchboard/elevenlabs';
import { type FaultProgram, type FaultServer, prismUrl, sendJson, startFaultServer, startLoopbackServer } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';

const ID = 'phnum_8Kd2Wq7ZrT5vXy3LmN9p';
const IMPORTS = 'POST /v1/convai/phone-numbers';
const READ_BACK = `GET /v1/convai/phone-numbers/${ID}`;
const TWILIO = { type: 'twilio-import', number: '+14155550123', twilioAccountSid: 'AC5f3c1e9a7b2d4f6e8a0c1b3d5e7f9a2b' } as const;

let server: FaultServer | undefined;
afterEach(async () => server?.close());

async function providerBehind(faults: FaultProgram = [], options: Partial<ClientOptions> = {}) {
  server = await startFaultServer({ upstream: prismUrl('elevenlabs'), faults });
  return createElevenLabsProvider({ apiKey: 'test-key', baseUrl: server.url, ...options });
}
const bodyOf = (key: string) => JSON.parse(server!.requests.find((request) => request.key === key)?.body ?? 'null');

describe('imports', () => {
  test('a Twilio number with its auth token: the account SID and token as sid and token, labelled with the number, then read back', async () => {
    const provider = await providerBehind();
    const number = await provider.create({ ...TWILIO, twilioAuthToken: 'example-auth-token-0001' }, undefined);
    expect(bodyOf(IMPORTS)).toEqual({
      provider: 'twilio',
      phone_number: '+14155550123',
      label: '+14155550123',
      sid: 'AC5f3c1e9a7b2d4f6e8a0c1b3d5e7f9a2b',
      token: 'example-auth-token-0001',
    });
    // The import answered the id alone: the number is what reading it back answered.
    expect(server!.requests.map((request) => request.key)).toEqual([IMPORTS, READ_BACK]);
    expect(number).toMatchObject({
      vendor: 'elevenlabs',
      id: ID,
      number: '+14155550123',
      kind: 'pstn',
      agentId: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c',
      name: 'Front desk',
    });
  });

  test('a Twilio number with an API key: the key and its secret as sid and token, the account auth token beside them, no account SID', async () => {
    const provider = await providerBehind();
    await provider.create(
      { ...TWILIO, twilioApiKey: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f', twilioApiSecret: 'example-key-secret-0001', twilioAuthToken: 'example-auth-token-0001' },
      { label: 'Front desk', agent_id: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c', enable_sms: false },
    );
    expect(bodyOf(IMPORTS)).toEqual({
      provider: 'twilio',
      phone_number: '+14155550123',
      label: 'Front desk',
      sid: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f',
      token: 'example-key-secret-0001',
      account_auth_token: 'example-auth-token-0001',
      agent_id: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c',
      enable_sms: false,
    });
  });

  test('a SIP-trunk number: the termination URI and credentials become its outbound trunk', async () => {
    const provider = await providerBehind();
    await provider.create(
      {
        type: 'sip-import',
        number: '+14155550188',
        terminationUri: 'sip.carrier.example.com',
        username: 'acme-trunk',
        password: 'example-trunk-password-0001',
      },
      { inbound_trunk_config: { allowed_addresses: ['203.0.113.0/24'] } },
    );
    expect(bodyOf(IMPORTS)).toEqual({
      provider: 'sip_trunk',
      phone_number: '+14155550188',
      label: '+14155550188',
      outbound_trunk_config: { address: 'sip.carrier.example.com', credentials: { username: 'acme-trunk', password: 'example-trunk-password-0001' } },
      inbound_trunk_config: { allowed_addresses: ['203.0.113.0/24'] },
    });
  });

  test('an import whose read-back fails is not sent again, and its error says it was imported, with the id', async () => {
    const failing = { kind: 'status', status: 503, headers: { 'retry-after-ms': '1' }, body: { detail: 'unavailable' } } as const;
    const provider = await providerBehind((request) => (request.key === READ_BACK ? failing : undefined), { maxRetries: 1 });
    const error = await provider.create({ ...TWILIO, twilioAuthToken: 'example-auth-token-0001' }, undefined).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`^elevenlabs imported the number \\(phone_number_id ${ID}\\) but could not read it back \\(.*status 503`),
    );
    expect((error as Error).message).toMatch(new RegExp(`: get\\('${ID}'\\) reads it; do not import it again\\.$`));
    // The read's own typed error is the cause; the import, sent once, is not what failed.
    expect((error as Error).cause).toMatchObject({ name: 'ServerError', operation: 'getPhoneNumber', status: 503, outcomeUnknown: false });
    expect(server!.count()).toEqual({ [IMPORTS]: 1, [READ_BACK]: 2 });
  });
});

describe('updates', () => {
  test('an agent and a name go as agent_id and label; unlinking sends agent_id null, clearing the name an empty label', async () => {
    const provider = await providerBehind();
    const linked = await provider.update(ID, { agentId: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c', name: 'Lobby' });
    expect(linked).toMatchObject({ id: ID, agentId: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c' });
    await provider.update(ID, { agentId: null, name: null });
    const key = `PATCH /v1/convai/phone-numbers/${ID}`;
    expect(server!.requests.filter((request) => request.key === key).map((request) => JSON.parse(request.body))).toEqual([
      { agent_id: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c', label: 'Lobby' },
      { agent_id: null, label: '' },
    ]);
  });
});

describe('the listing', () => {
  test('asks for pages as large as the spec allows unless the caller names a size, and passes the cursor back', async () => {
    const provider = await providerBehind();
    const page = await provider.list({ limit: undefined, cursor: undefined }, { headers: { Prefer: 'example=firstPage' } });
    expect(page.nextCursor).toBe('eyJsYWJlbCI6IkNhcnJpZXIgdHJ1bmsgbGluZSJ9');
    await provider.list({ limit: 50, cursor: page.nextCursor! });
    expect(server!.requests.map((request) => request.url)).toEqual([
      '/v1/convai/v2/phone-numbers?page_size=1000',
      '/v1/convai/v2/phone-numbers?page_size=50&cursor=eyJsYWJlbCI6IkNhcnJpZXIgdHJ1bmsgbGluZSJ9',
    ]);
  });

  test("carries what ElevenLabs says of each number's call directions, and nothing where it says nothing", async () => {
    const provider = await providerBehind();
    const { items } = await provider.list({ limit: undefined, cursor: undefined });
    expect(items.map(({ raw, canReceiveCalls, canPlaceCalls }) => [raw.provider, canReceiveCalls, canPlaceCalls])).toEqual([
      ['twilio', true, true],
      ['sip_trunk', true, true],
      ['exotel', true, false],
    ]);
    const loopback = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, { phone_numbers: [{ provider: 'twilio', phone_number_id: 'phnum_1', phone_number: '+14155550100', label: '' }] }),
    );
    try {
      const [unsaid] = (await createElevenLabsProvider({ apiKey: 'test-key', baseUrl: loopback.url }).list({ limit: undefined, cursor: undefined })).items;
      expect(unsaid).toMatchObject({ canReceiveCalls: null, canPlaceCalls: null, agentId: null, name: null });
    } finally {
      await loopback.close();
    }
  });

  test.each([
    ['has_more without a cursor', { phone_numbers: [], has_more: true }, 'error'],
    ['has_more left out, with a cursor', { phone_numbers: [], next_cursor: 'c2' }, 'c2'],
    ['has_more false, with a cursor', { phone_numbers: [], next_cursor: 'c2', has_more: false }, null],
  ] as const)('a page with %s', async (_, body, expected) => {
    const loopback = await startLoopbackServer((_request, response) => sendJson(response, 200, body));
    try {
      const provider = createElevenLabsProvider({ apiKey: 'test-key', baseUrl: loopback.url });
      const listing = provider.list({ limit: undefined, cursor: undefined });
      if (expected === 'error') await expect(listing).rejects.toBeInstanceOf(InvalidResponseError);
      else expect((await listing).nextCursor).toBe(expected);
    } finally {
      await loopback.close();
    }
  });
});
