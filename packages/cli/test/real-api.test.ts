import { type LoopbackServer, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { assertFreshBuild, CANARY, cleanEnv, expectNoCanary, expectOneLineError, run, tableRows } from './helpers.js';

// With a key set the CLI talks to the real API; SWITCHBOARD_VAPI_BASE_URL points it at a
// loopback server of ours instead, which records what arrives.
const KEY = `vapi-key-${CANARY}`;

const vapiNumber = {
  id: 'pn-1',
  orgId: 'org-1',
  provider: 'vapi',
  number: '+14155550100',
  name: 'Loopback line',
  assistantId: 'assistant-1',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  // Vapi sends server credentials back: they must not reach the output.
  server: { url: 'https://hooks.example.com', secret: CANARY },
};

/** A number Vapi lists while it is still being provisioned: no `number`, no `sipUri`. */
const provisioning = {
  id: 'pn-2',
  orgId: 'org-1',
  provider: 'vapi',
  status: 'activating',
  name: 'New York line',
  createdAt: '2025-01-02T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
};

let server: LoopbackServer;
let answer: 'ok' | 'unauthorized' | 'with-provisioning' = 'ok';

beforeAll(async () => {
  assertFreshBuild();
  server = await startLoopbackServer((_request, response) => {
    if (answer === 'unauthorized') return sendJson(response, 401, { message: `Invalid key ${KEY}`, statusCode: 401 });
    const results = answer === 'with-provisioning' ? [vapiNumber, provisioning] : [vapiNumber];
    sendJson(response, 200, { results, metadata: { itemsPerPage: 100, totalItems: results.length, currentPage: 1 } });
  });
});
afterAll(async () => {
  await server?.close();
  expectNoCanary();
});
beforeEach(() => {
  server.requests.length = 0;
  answer = 'ok';
});

const env = () => cleanEnv({ VAPI_API_KEY: KEY, SWITCHBOARD_VAPI_BASE_URL: server.url });

test('list without --vendor uses only the vendors with a key, with the key as a bearer token', async () => {
  const result = await run(['numbers', 'list'], { env: env() });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  expect(tableRows(result.stdout)).toEqual([['vapi', 'pn-1', '+14155550100', 'pstn', 'assistant-1', 'Loopback line']]);
  expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 number');
  expect(server.requests).toHaveLength(1);
  expect(server.requests[0]).toMatchObject({ method: 'GET', url: expect.stringMatching(/^\/v2\/phone-number\?/) });
  expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
});

test('--json leaves out the vendor object, and the secrets it can hold', async () => {
  const result = await run(['numbers', 'list', '--json'], { env: env() });
  expect(JSON.parse(result.stdout)).toEqual([
    {
      vendor: 'vapi',
      id: 'pn-1',
      number: '+14155550100',
      kind: 'pstn',
      canReceiveCalls: null,
      canPlaceCalls: false,
      agentId: 'assistant-1',
      name: 'Loopback line',
      createdAt: vapiNumber.createdAt,
    },
  ]);
});

test('a listed number without one says "(no number)" in the table, and is null in --json', async () => {
  answer = 'with-provisioning';
  const table = await run(['numbers', 'list', '--vendor', 'vapi'], { env: env() });
  expect(table.code, table.stderr).toBe(0);
  expect(tableRows(table.stdout)).toEqual([
    ['vapi', 'pn-1', '+14155550100', 'pstn', 'assistant-1', 'Loopback line'],
    ['vapi', 'pn-2', '(no number)', 'pstn', '-', 'New York line'],
  ]);
  const json = await run(['numbers', 'list', '--vendor', 'vapi', '--json'], { env: env() });
  const [, withoutNumber] = JSON.parse(json.stdout) as Record<string, unknown>[];
  expect(withoutNumber).toMatchObject({ id: 'pn-2', number: null, kind: 'pstn', canPlaceCalls: false });
});

test('an API error is one redacted line and exit 1', async () => {
  answer = 'unauthorized';
  const result = await run(['numbers', 'get', 'pn-1', '--vendor', 'vapi'], { env: env() });
  expectOneLineError(result, 1, /^switchboard: vapi \S+ failed with status 401: Invalid key \[REDACTED\]$/);
  expect(server.requests).toHaveLength(1);
});
