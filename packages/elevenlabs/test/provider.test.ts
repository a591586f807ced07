// What the ElevenLabs provider does beyond the conformance suite: the import bodies it builds from
// the neutral creates, the read-back an import needs (ElevenLabs answers it with the id alone),
// updates, and its cursor listing. Requests go through a fault server in front of the Prism mock,
// which records them.
import { InvalidResponseError, SwitchboardError } from '@switchboard/core';
import { type FaultServer, providerTestbed } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';
import { elevenLabsFixture } from './fixture.js';

const ID = 'phnum_8Kd2Wq7ZrT5vXy3LmN9p';
const SIP_TRUNK_ID = 'phnum_3Vn7Lx2Qp9Rk4Wt8Zm6b';
const IMPORTS = 'POST /v1/convai/phone-numbers';
const READ_BACK = `GET /v1/convai/phone-numbers/${ID}`;
const TWILIO = { type: 'twilio-import', number: '+14155550123', twilioAccountSid: 'AC5f3c1e9a7b2d4f6e8a0c1b3d5e7f9a2b' } as const;

const { behindFaults, serving } = providerTestbed(elevenLabsFixture);
const bodyOf = (server: FaultServer, key: string) => JSON.parse(server.requests.find((request) => request.key === key)?.body ?? 'null');

describe('imports', () => {
  test('a Twilio number with its auth token: the account SID and token as sid and token, labelled with the number, then read back', async () => {
    const { provider, server } = await behindFaults();
    const number = await provider.create({ ...TWILIO, twilioAuthToken: 'example-auth-token-0001' }, undefined);
    expect(bodyOf(server, IMPORTS)).toEqual({
      provider: 'twilio',
      phone_number: '+14155550123',
      label: '+14155550123',
      sid: 'AC5f3c1e9a7b2d4f6e8a0c1b3d5e7f9a2b',
      token: 'example-auth-token-0001',
    });
    // The import answered the id alone: the number is what reading it back answered.
    expect(server.requests.map((request) => request.key)).toEqual([IMPORTS, READ_BACK]);
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
    const { provider, server } = await behindFaults();
    await provider.create(
      { ...TWILIO, twilioApiKey: 'SK9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f', twilioApiSecret: 'example-key-secret-0001', twilioAuthToken: 'example-auth-token-0001' },
      { label: 'Front desk', agent_id: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c', enable_sms: false },
    );
    expect(bodyOf(server, IMPORTS)).toEqual({
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

  test('a SIP-trunk number: the termination URI and credentials become its outbound trunk, then it is read back', async () => {
    const { provider, server } = await behindFaults();
    // The mock's SIP-trunk examples: the import answers its id, the read its number.
    const number = await provider.create(
      {
        type: 'sip-import',
        number: '+14155550188',
        terminationUri: 'sip.carrier.example.com',
        username: 'acme-trunk',
        password: 'example-trunk-password-0001',
      },
      { inbound_trunk_config: { allowed_addresses: ['203.0.113.0/24'] } },
      { headers: { Prefer: 'example=sipTrunk' } },
    );
    expect(bodyOf(server, IMPORTS)).toEqual({
      provider: 'sip_trunk',
      phone_number: '+14155550188',
      label: '+14155550188',
      outbound_trunk_config: { address: 'sip.carrier.example.com', credentials: { username: 'acme-trunk', password: 'example-trunk-password-0001' } },
      inbound_trunk_config: { allowed_addresses: ['203.0.113.0/24'] },
    });
    expect(server.requests.map((request) => request.key)).toEqual([IMPORTS, `GET /v1/convai/phone-numbers/${SIP_TRUNK_ID}`]);
    expect(number).toMatchObject({ id: SIP_TRUNK_ID, number: '+14155550188', kind: 'pstn', agentId: null, name: 'Carrier trunk line' });
    expect(number.raw).toMatchObject({ provider: 'sip_trunk', outbound_trunk: { address: 'sip.carrier.example.com', username: 'acme-trunk' } });
  });

  test('an import whose read-back fails is not sent again, and its error says it was imported, with the id', async () => {
    const failing = { kind: 'status', status: 503, headers: { 'retry-after-ms': '1' }, body: { detail: 'unavailable' } } as const;
    const { provider, server } = await behindFaults((request) => (request.key === READ_BACK ? failing : undefined), { maxRetries: 1 });
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
    expect(server.count()).toEqual({ [IMPORTS]: 1, [READ_BACK]: 2 });
  });
});

describe('updates', () => {
  const PATCH = `PATCH /v1/convai/phone-numbers/${ID}`;
  const patches = (server: FaultServer) => server.requests.filter((request) => request.key === PATCH).map((request) => JSON.parse(request.body));

  test('an agent and a name go as agent_id and label, in one PATCH', async () => {
    const { provider, server } = await behindFaults();
    const linked = await provider.update(ID, { agentId: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c', name: 'Lobby' });
    expect(linked).toMatchObject({ id: ID, agentId: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c' });
    expect(server.requests.map((request) => request.key)).toEqual([PATCH]);
    expect(patches(server)).toEqual([{ agent_id: 'agent_4Jx9Tq2Wm8Lr6Vz3Np7c', label: 'Lobby' }]);
  });

  test('unlinking sends agent_id null; clearing the name reads the number and labels it with that, since every number needs a label', async () => {
    const { provider, server } = await behindFaults();
    await provider.update(ID, { agentId: null, name: null });
    expect(server.requests.map((request) => request.key)).toEqual([READ_BACK, PATCH]);
    // The mock's Twilio example is +14155550123.
    expect(patches(server)).toEqual([{ agent_id: null, label: '+14155550123' }]);
  });
});

describe('names', () => {
  test.each([
    ['its own text', 'Front desk', 'Front desk'],
    ['the number itself, as an import or update without a name labels it', '+14155550100', null],
    ['empty', '', null],
  ])('a label that is %s reads as the name %s', async (_, label, name) => {
    const provider = await serving(() => ({ provider: 'twilio', phone_number_id: 'phnum_1', phone_number: '+14155550100', label }));
    expect(await provider.get('phnum_1')).toMatchObject({ name });
  });
});

describe('the listing', () => {
  test('asks for pages as large as the spec allows unless the caller names a size, and passes the cursor back', async () => {
    const { provider, server } = await behindFaults();
    const page = await provider.list({ limit: undefined, cursor: undefined }, { headers: { Prefer: 'example=firstPage' } });
    expect(page.nextCursor).toBe('eyJsYWJlbCI6IkNhcnJpZXIgdHJ1bmsgbGluZSJ9');
    await provider.list({ limit: 50, cursor: page.nextCursor! });
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/convai/v2/phone-numbers?page_size=1000',
      '/v1/convai/v2/phone-numbers?page_size=50&cursor=eyJsYWJlbCI6IkNhcnJpZXIgdHJ1bmsgbGluZSJ9',
    ]);
  });

  test("carries what ElevenLabs says of each number's call directions, and nothing where it says nothing", async () => {
    const { provider } = await behindFaults();
    const { items } = await provider.list({ limit: undefined, cursor: undefined });
    expect(items.map(({ raw, canReceiveCalls, canPlaceCalls }) => [raw.provider, canReceiveCalls, canPlaceCalls])).toEqual([
      ['twilio', true, true],
      ['sip_trunk', true, true],
      ['exotel', true, false],
    ]);
    const silent = await serving(() => ({ phone_numbers: [{ provider: 'twilio', phone_number_id: 'phnum_1', phone_number: '+14155550100', label: '' }] }));
    const [unsaid] = (await silent.list({ limit: undefined, cursor: undefined })).items;
    expect(unsaid).toMatchObject({ canReceiveCalls: null, canPlaceCalls: null, agentId: null, name: null });
  });

  test.each([
    ['has_more without a cursor', { phone_numbers: [], has_more: true }, 'error'],
    ['has_more left out, with a cursor', { phone_numbers: [], next_cursor: 'c2' }, 'c2'],
    ['has_more false, with a cursor', { phone_numbers: [], next_cursor: 'c2', has_more: false }, null],
  ] as const)('a page with %s', async (_, body, expected) => {
    const listing = (await serving(() => body)).list({ limit: undefined, cursor: undefined });
    if (expected === 'error') await expect(listing).rejects.toBeInstanceOf(InvalidResponseError);
    else expect((await listing).nextCursor).toBe(expected);
  });
});
