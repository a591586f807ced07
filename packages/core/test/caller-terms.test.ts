/**
 * `reconcile` and `fieldNames`, the call options of a package calling on its caller's behalf:
 * the client builds its errors with them, once, against real loopback servers.
 */
import { ConnectionError, createApiClient, type RequestEvent, ServerError, type SpecMetadata, ValidationError } from '@switchboard/core';
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';

interface Json<T> {
  headers: Record<string, unknown>;
  content: { 'application/json': T };
}
interface Thing {
  name: string;
  auth?: { user?: string; userAgent?: string };
  tags?: readonly string[];
}
interface TestPaths {
  '/things': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: { parameters: { query?: never }; responses: { 200: Json<Thing[]> } };
    post: { parameters: { query?: never }; requestBody: { content: { 'application/json': Thing } }; responses: { 201: Json<Thing> } };
  };
}

const spec: SpecMetadata = {
  vendor: 'acme',
  defaultBaseUrl: 'https://api.acme.test',
  operations: {
    'GET /things': { operationId: 'listThings', idempotent: true },
    'POST /things': {
      operationId: 'createThing',
      idempotent: false,
      body: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', maxLength: 5 },
          auth: { type: 'object', properties: { user: { type: 'string', maxLength: 3 }, userAgent: { type: 'string', maxLength: 3 } } },
          tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
        },
      },
    },
  },
  secretKeys: [],
  schemas: {},
};
const RECONCILE = "To reconcile, call find('+14155550100') before trying again.";
const GENERAL_ADVICE = ' The request may have been applied: look the resource up before you try again.';

let server: LoopbackServer | undefined;
afterEach(async () => server?.close());

async function clientFor(handler: LoopbackHandler, onEvent?: (event: RequestEvent) => void) {
  server = await startLoopbackServer(handler);
  return createApiClient<TestPaths>(spec, { apiKey: 'sk-caller-terms-0001', baseUrl: server.url, maxRetries: 0, onEvent });
}

describe('reconcile', () => {
  test('a write answered 500 says it after the general advice, in its message and its stack', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 500, { message: 'boom' }));
    const error = await client.POST('/things', { body: { name: 'n' }, reconcile: RECONCILE }).catch((e: unknown) => e);
    expect(ServerError.isInstance(error)).toBe(true);
    const { message, stack } = error as ServerError;
    expect(message).toBe(`acme createThing failed with status 500: boom${GENERAL_ADVICE} ${RECONCILE}`);
    expect(stack?.startsWith(`ServerError: ${message}\n`)).toBe(true);
  });

  test('a write whose connection drops says it too, and so does its error event', async () => {
    const events: RequestEvent[] = [];
    const client = await clientFor(
      (_req, res) => {
        res.socket?.destroy();
      },
      (event) => events.push(event),
    );
    const error = await client.POST('/things', { body: { name: 'n' }, reconcile: RECONCILE }).catch((e: unknown) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ outcomeUnknown: true, message: expect.stringMatching(/before you try again\. To reconcile, call find\('\+14155550100'\)/) });
    expect(events.find((event) => event.type === 'error')).toMatchObject({ error: { message: (error as Error).message } });
  });

  test('an error whose outcome is known leaves it out', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 500, { message: 'boom' }));
    const error = await client.GET('/things', { reconcile: RECONCILE }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServerError', outcomeUnknown: false, message: 'acme listThings failed with status 500: boom' });
  });

  test('one that is not a string is a ValidationError, and nothing is sent', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 201, { name: 'n' }));
    const error = await client.POST('/things', { body: { name: 'n' }, reconcile: 42 as never }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'reconcile', rule: 'type' });
    expect(server?.requests).toHaveLength(0);
  });
});

describe('fieldNames', () => {
  const fieldNames = { name: 'label', auth: 'vendorOptions.acme.auth', 'auth.user': 'username', tags: 'labels' };

  test.for([
    [{ name: 'too long' }, 'label', 'max-length'],
    // The longest path that starts the field's wins.
    [{ name: 'n', auth: { user: 'long' } }, 'username', 'max-length'],
    // A path starts a field only as a whole property: `auth.user` does not start `auth.userAgent`.
    [{ name: 'n', auth: { userAgent: 'long' } }, 'vendorOptions.acme.auth.userAgent', 'max-length'],
    // An item of a renamed array keeps its index.
    [{ name: 'n', tags: ['ok', 'long'] }, 'labels[1]', 'max-length'],
  ] as const)('a body of %j fails as %s (%s), before anything is sent', async ([body, field, rule]) => {
    const client = await clientFor((_req, res) => sendJson(res, 201, { name: 'n' }));
    const error = await client.POST('/things', { body, fieldNames }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field, rule });
    expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
    expect(server?.requests).toHaveLength(0);
  });

  test('a field no path starts keeps its own name', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 201, { name: 'n' }));
    await expect(client.POST('/things', { body: {} as Thing, fieldNames: { auth: 'credentials' } })).rejects.toMatchObject({ field: 'name', rule: 'required' });
  });

  test('one that is not a map is a ValidationError, and nothing is sent', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 201, { name: 'n' }));
    await expect(client.POST('/things', { body: { name: 'n' }, fieldNames: null as never })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'fieldNames',
      rule: 'type',
    });
    expect(server?.requests).toHaveLength(0);
  });

  test('a map that is not of strings is a ValidationError naming the entry', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 201, { name: 'n' }));
    await expect(client.POST('/things', { body: { name: 'n' }, fieldNames: { name: 1 } as never })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'fieldNames.name',
      rule: 'type',
    });
    expect(server?.requests).toHaveLength(0);
  });
});
