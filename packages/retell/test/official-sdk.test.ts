import { prismUrl, recordSdkRequests, sendJson, startLoopbackServer } from '@switchboard/testing';
import Retell, { APIConnectionError, BadRequestError, InternalServerError, UnprocessableEntityError } from 'retell-sdk';
import { describe, expect, test } from 'vitest';

// Retell's official SDK against the Prism mock of specs/retell/openapi.yaml: every phone-number
// method must be accepted by the spec (Prism validates each request) and get back what the SDK's
// types require. Then the SDK's own retries on the buy endpoint, which our clients must not copy.

const { fetch: recordingFetch, sent, accepted } = recordSdkRequests();
const client = new Retell({ apiKey: 'test-key', baseURL: prismUrl('retell'), maxRetries: 0, fetch: recordingFetch });

const number = '+14155550123';
const importedNumber = '+14155550177';
const agentId = 'agent_5b7d4e2a9c610d8e4b7a1f20';
const otherAgentId = 'agent_9a7b6c5d4e3f4a1b8c2d1e0f';

const E164 = /^\+[1-9]\d{1,14}$/;
/** The fields `PhoneNumberResponse` requires in the SDK's types. */
const phoneNumberResponse = {
  phone_number: expect.stringMatching(E164),
  phone_number_type: expect.stringMatching(/^(retell-twilio|retell-telnyx|custom)$/),
  last_modification_timestamp: expect.any(Number),
};
const agentWeight = expect.objectContaining({ agent_id: expect.any(String), weight: expect.any(Number) });

function expectPhoneNumber(value: unknown): void {
  expect(value).toMatchObject(phoneNumberResponse);
  const { last_modification_timestamp, inbound_agents, outbound_agents } = value as Retell.PhoneNumberResponse;
  expect(Number.isInteger(last_modification_timestamp)).toBe(true);
  for (const agents of [inbound_agents, outbound_agents]) if (agents) for (const agent of agents) expect(agent).toEqual(agentWeight);
}

describe('retell-sdk phoneNumber methods against the mock', () => {
  const createBodies: [string, Retell.PhoneNumberCreateParams][] = [
    [
      'an area code',
      {
        area_code: 415,
        nickname: 'Front desk',
        inbound_agents: [{ agent_id: agentId, weight: 1 }],
        outbound_agents: [{ agent_id: agentId, agent_version: 3, weight: 1 }],
      },
    ],
    [
      'an exact number',
      {
        phone_number: number,
        number_provider: 'telnyx',
        country_code: 'US',
        inbound_agents: [
          { agent_id: agentId, agent_version: 'latest_published', weight: 0.7 },
          { agent_id: otherAgentId, weight: 0.3 },
        ],
        fallback_number: '+14155550199',
        transport: 'TCP',
      },
    ],
    ['toll-free', { toll_free: true, allowed_inbound_country_list: ['US', 'CA'], inbound_webhook_url: 'https://hooks.example.com/retell/inbound' }],
    ['no field at all', {}],
  ];

  test.each(createBodies)('create() buys a number by %s: POST /create-phone-number, 201', async (_, body) => {
    const { result, request } = await accepted(() => client.phoneNumber.create(body));
    expect(request).toMatchObject({ method: 'POST', path: '/create-phone-number', status: 201 });
    expectPhoneNumber(result);
  });

  test('import() attaches a number with SIP credentials: POST /import-phone-number, 201', async () => {
    const { result, request } = await accepted(() =>
      client.phoneNumber.import({
        phone_number: importedNumber,
        termination_uri: 'acme-trunk.pstn.twilio.com',
        sip_trunk_auth_username: 'acme-trunk-user',
        sip_trunk_auth_password: 'example-trunk-password-0001',
        ignore_e164_validation: false,
        nickname: 'Carrier line',
        transport: 'TLS',
        inbound_agents: [{ agent_id: agentId, weight: 1 }],
        outbound_agents: null,
      }),
    );
    expect(request).toMatchObject({ method: 'POST', path: '/import-phone-number', status: 201 });
    expectPhoneNumber(result);
    // Retell never returns the trunk password.
    expect(JSON.stringify(result)).not.toContain('example-trunk-password-0001');
  });

  test('retrieve() sends the E.164 number in the path: GET /get-phone-number/{phone_number}, 200', async () => {
    const { result, request } = await accepted(() => client.phoneNumber.retrieve(number));
    expect(request).toMatchObject({ method: 'GET', path: `/get-phone-number/${number}`, status: 200 });
    expectPhoneNumber(result);
  });

  test('list() calls the paginated GET /v2/list-phone-numbers', async () => {
    const { result, request } = await accepted(() => client.phoneNumber.list());
    expect(request).toMatchObject({ method: 'GET', path: '/v2/list-phone-numbers', status: 200 });
    expect(result).toMatchObject({ items: expect.any(Array), has_more: expect.any(Boolean) });
    for (const item of result.items) expectPhoneNumber(item);
  });

  test('list() passes limit, sort_order and pagination_key in the query', async () => {
    const { result, request } = await accepted(() => client.phoneNumber.list({ limit: 1000, sort_order: 'ascending', pagination_key: importedNumber }));
    const query = new URL(request.path, 'http://mock').searchParams;
    expect(request).toMatchObject({ method: 'GET', status: 200 });
    expect(Object.fromEntries(query)).toEqual({ limit: '1000', sort_order: 'ascending', pagination_key: importedNumber });
    expect(result).toMatchObject({ items: expect.any(Array), has_more: expect.any(Boolean) });
  });

  const updateBodies: [string, string, Retell.PhoneNumberUpdateParams][] = [
    [
      'rebinds agents and renames the number',
      number,
      {
        nickname: 'Front desk (after hours)',
        inbound_agents: [
          { agent_id: agentId, weight: 0.5 },
          { agent_id: otherAgentId, agent_version: 4, weight: 0.5 },
        ],
        outbound_agents: [{ agent_id: agentId, weight: 1 }],
        inbound_sms_agents: [{ agent_id: agentId, weight: 1 }],
      },
    ],
    [
      'clears the fallback number, the nickname and the agents with null',
      number,
      {
        fallback_number: null,
        nickname: null,
        inbound_agents: null,
        outbound_agents: null,
        inbound_sms_agents: null,
        outbound_sms_agents: null,
        inbound_webhook_url: null,
        inbound_sms_webhook_url: null,
        allowed_inbound_country_list: null,
        allowed_outbound_country_list: null,
        transport: null,
      },
    ],
    [
      'changes the SIP trunk credentials of an imported number',
      importedNumber,
      { termination_uri: 'acme-trunk-2.pstn.twilio.com', auth_username: 'acme-trunk-user-2', auth_password: 'example-trunk-password-0002' },
    ],
  ];

  test.each(updateBodies)('update() %s: PATCH /update-phone-number/{phone_number}, 200', async (_, target, body) => {
    const { result, request } = await accepted(() => client.phoneNumber.update(target, body));
    expect(request).toMatchObject({ method: 'PATCH', path: `/update-phone-number/${target}`, status: 200 });
    expectPhoneNumber(result);
  });

  test('delete() releases a number: DELETE /delete-phone-number/{phone_number}, 204 without a body', async () => {
    const { result, request } = await accepted(() => client.phoneNumber.delete(number));
    expect(request).toMatchObject({ method: 'DELETE', path: `/delete-phone-number/${number}`, status: 204 });
    expect(result ?? undefined).toBeUndefined();
  });

  // Controls: the mock really validates, so "accepted" above means something.
  test('the mock rejects a weight of 0 and a path number without +', async () => {
    const from = sent.length;
    await expect(client.phoneNumber.create({ inbound_agents: [{ agent_id: agentId, weight: 0 }] })).rejects.toBeInstanceOf(BadRequestError);
    await expect(client.phoneNumber.retrieve('4155550123')).rejects.toBeInstanceOf(UnprocessableEntityError);
    expect(sent.slice(from).map((request) => request.violations)).toEqual([expect.stringContaining('weight'), expect.stringContaining('phone_number')]);
  });
});

/** A loopback server that fails every POST /create-phone-number; `posts` are the buys it saw. */
async function startFailingServer(failure: 'status 500' | 'dropped connection') {
  const server = await startLoopbackServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/create-phone-number') return void response.writeHead(404).end();
    if (failure === 'dropped connection') return void response.socket?.destroy();
    sendJson(response, 500, { status: 'error', message: 'An unexpected server error occurred.' });
  });
  const posts = () => server.requests.filter((request) => request.method === 'POST').map((request) => request.headers);
  return { url: server.url, posts, close: server.close };
}

// Why our clients send a buy exactly once: with default options the official SDK repeats it, with
// no idempotency key, so each retry that reaches Retell can buy another number.
describe('retell-sdk retries POST /create-phone-number with default options', () => {
  test.each([
    ['status 500', InternalServerError],
    ['dropped connection', APIConnectionError],
  ] as const)('on a %s it sends the buy 3 times', async (failure, errorClass) => {
    const server = await startFailingServer(failure);
    try {
      const defaults = new Retell({ apiKey: 'test-key', baseURL: server.url, logLevel: 'off' });
      await expect(defaults.phoneNumber.create({ area_code: 415 })).rejects.toBeInstanceOf(errorClass);
      expect(server.posts().map((headers) => headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
      for (const headers of server.posts()) expect(Object.keys(headers).filter((name) => name.includes('idempotency'))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
