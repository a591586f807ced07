import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  type ClientOptions,
  ConflictError,
  ConnectionError,
  createApiClient,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  type SpecMetadata,
  TimeoutError,
  UnprocessableEntityError,
  ValidationError,
} from '@switchboard/core';
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer, TRANSPORTS } from '@switchboard/testing';
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, test } from 'vitest';

/** A two-path API, typed the way openapi-typescript would type it. */
interface Json<T> {
  headers: Record<string, unknown>;
  content: { 'application/json': T };
}
interface Thing {
  id: string;
  name: string;
}
interface TestPaths {
  '/things': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: { parameters: { query?: { limit?: number } }; responses: { 200: Json<Thing[]> } };
    post: {
      parameters: { query?: never };
      requestBody: { content: { 'application/json': { name: string; password?: string } } };
      responses: { 201: Json<Thing> };
    };
  };
  '/things/{id}': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    put: {
      parameters: { path: { id: string } };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 200: Json<Thing> };
    };
  };
}

const spec: SpecMetadata = {
  vendor: 'acme',
  defaultBaseUrl: 'https://api.acme.test',
  operations: {
    'GET /things': { operationId: 'listThings', idempotent: true },
    'POST /things': { operationId: 'createThing', idempotent: false },
    'PUT /things/{id}': { operationId: 'renameThing', idempotent: true },
  },
  secretKeys: ['password'],
  schemas: {},
};

const API_KEY = 'sk-canary-api-key-0001';
let server: LoopbackServer | undefined;
afterEach(async () => server?.close());

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe.for(TRANSPORTS)('createApiClient over $name', (transport) => {
  async function clientFor(handler: LoopbackHandler, options: Partial<ClientOptions> = {}) {
    server = await startLoopbackServer(handler);
    return createApiClient<TestPaths>(spec, { apiKey: API_KEY, baseUrl: server.url, ...transport.options, ...options });
  }

  test('sends bearer auth and a user agent, and resolves with typed data', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, [{ id: 't1', name: 'one' }]));
    const { data } = await client.GET('/things', { params: { query: { limit: 5 } } });
    expect(data).toEqual([{ id: 't1', name: 'one' }]);
    expect(server?.requests[0]).toMatchObject({ url: '/things?limit=5' });
    expect(server?.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${API_KEY}`, 'user-agent': 'switchboard-typescript' });
  });

  test('middleware sees real Requests and readable Responses, per client and per call; after eject, calls go on', async () => {
    const client = await clientFor((req, res) =>
      req.method === 'POST' ? sendJson(res, 201, { id: 't2', name: 'two' }) : sendJson(res, 200, [{ id: 't1', name: 'one' }]),
    );
    const seen: unknown[] = [];
    const middleware: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set('x-trace', 'abc');
        seen.push(request instanceof Request);
        return request;
      },
      onResponse: async ({ response }) => void seen.push(response instanceof Response, await response.clone().json()),
    };
    client.use(middleware);
    const { data } = await client.GET('/things');
    expect(data).toEqual([{ id: 't1', name: 'one' }]);
    expect(seen).toEqual([true, true, [{ id: 't1', name: 'one' }]]);
    expect(server?.requests[0]?.headers['x-trace']).toBe('abc');

    client.eject(middleware);
    const created = await client.POST('/things', { body: { name: 'two' }, middleware: [middleware] });
    expect(created.data).toEqual({ id: 't2', name: 'two' });
    expect(seen).toHaveLength(6);
    expect(server?.requests[1]?.headers['x-trace']).toBe('abc');

    // No middleware: the transport read the body into data; the Response has none left to read.
    const plain = await client.POST('/things', { body: { name: 'two' } });
    expect(plain.data).toEqual({ id: 't2', name: 'two' });
    expect(plain.response.status).toBe(201);
    expect(plain.response.headers.get('content-type')).toBe('application/json');
    expect(plain.response.bodyUsed || plain.response.body === null).toBe(true);
    expect(seen).toHaveLength(6);
    expect(server?.requests[2]?.headers['x-trace']).toBeUndefined();
    expect(JSON.parse(server?.requests[2]?.body ?? '')).toEqual({ name: 'two' });
  });

  test("a middleware reads a compressed answer as decoded, with no header describing the vendor's encoding", async () => {
    const things = [{ id: 't1', name: 'one' }];
    const client = await clientFor((_req, res) => {
      const gzipped = gzipSync(JSON.stringify(things));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gzipped.byteLength }).end(gzipped);
    });
    const seen: unknown[] = [];
    client.use({
      onResponse: async ({ response }) =>
        void seen.push(response.headers.get('content-encoding'), response.headers.get('content-length'), await response.clone().json()),
    });
    expect((await client.GET('/things')).data).toEqual(things);
    expect(seen).toEqual([null, null, things]);
  });

  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, ServerError],
    [418, ApiError],
  ])('maps %i to %o with vendor, operation and request id', async (status, ErrorClass) => {
    const client = await clientFor((_req, res) => sendJson(res, status, { message: 'nope' }, { 'x-request-id': 'req-42' }), { maxRetries: 0 });
    const error = await rejection(client.PUT('/things/{id}', { params: { path: { id: 't1' } }, body: { name: 'x' } }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, vendor: 'acme', operation: 'renameThing', requestId: 'req-42', body: { message: 'nope' } });
    expect(error.message.startsWith(`acme renameThing failed with status ${status} (request id req-42): nope`)).toBe(true);
    // A write that may have reached the vendor says so.
    expect(error).toMatchObject({ outcomeUnknown: status >= 500 });
  });

  test('summarises NestJS and FastAPI error bodies', async () => {
    const bodies = [
      { message: ['number must be a string', 'credentialId should not be empty'], error: 'Bad Request', statusCode: 400 },
      { detail: [{ loc: ['body', 'phone_number'], msg: 'field required', type: 'value_error.missing' }] },
    ];
    const client = await clientFor((_req, res) => sendJson(res, 400, bodies.shift()));
    expect((await rejection(client.GET('/things'))).message).toMatch(/: number must be a string; credentialId should not be empty$/);
    expect((await rejection(client.GET('/things'))).message).toMatch(/: body\.phone_number: field required$/);
  });

  test('never lets the API key or a secret field of the request reach an error', async () => {
    const client = await clientFor((req, res) =>
      sendJson(res, 400, { message: `bad password ${JSON.parse(req.body).password} for key ${API_KEY}`, password: 'x', echo: req.headers }),
    );
    const error = await rejection(client.POST('/things', { body: { name: 'n', password: 'sip-canary-password' } }));
    for (const view of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 }), error.stack ?? '']) {
      expect(view).not.toContain('canary');
    }
    expect(error.message).toContain('[REDACTED]');
  });

  test('retries a read on 503 and 429 (honouring Retry-After), then succeeds', async () => {
    const answers = [503, 429];
    const client = await clientFor((_req, res) => {
      const status = answers.shift();
      if (status) sendJson(res, status, { message: 'busy' }, { 'retry-after': '0' });
      else sendJson(res, 200, []);
    });
    expect((await client.GET('/things')).data).toEqual([]);
    expect(server?.requests).toHaveLength(3);
  });

  test('stops after maxRetries and throws the last error', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 503, { message: 'down' }, { 'retry-after': '0' }), { maxRetries: 1 });
    expect(await rejection(client.GET('/things'))).toBeInstanceOf(ServerError);
    expect(server?.requests).toHaveLength(2);
  });

  test('retries an idempotent write but never a create', async () => {
    let put = 0;
    const client = await clientFor((req, res) => {
      if (req.method === 'PUT' && put++ === 0) return sendJson(res, 502, {}, { 'retry-after': '0' });
      if (req.method === 'PUT') return sendJson(res, 200, { id: 't1', name: 'x' });
      sendJson(res, 503, { message: 'committed?' }, { 'retry-after': '0' });
    });
    expect((await client.PUT('/things/{id}', { params: { path: { id: 't1' } }, body: { name: 'x' } })).data).toEqual({ id: 't1', name: 'x' });
    const error = await rejection(client.POST('/things', { body: { name: 'n' } }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(error.message).toMatch(/may have been applied/);
    expect(server?.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  test('a server that never answers becomes a TimeoutError', async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 100, maxRetries: 0 });
    const error = await rejection(client.GET('/things'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, operation: 'listThings', outcomeUnknown: false });
  });

  test('the timeout covers the body read', async () => {
    const client = await clientFor((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).write('[{"id":'), {
      timeoutMs: 150,
      maxRetries: 0,
    });
    expect(await rejection(client.GET('/things'))).toBeInstanceOf(TimeoutError);
  });

  test("a middleware's new Request keeps the call's own timeout, operation and retry rule", async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 30_000 });
    client.use({ onRequest: ({ request }) => new Request(request, { headers: { 'x-trace': 'abc' } }) });
    const error = await rejection(client.POST('/things', { body: { name: 'n' }, timeoutMs: 100 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, operation: 'createThing', outcomeUnknown: true });
    expect(server?.requests).toHaveLength(1);
    expect(server?.requests[0]?.headers['x-trace']).toBe('abc');
  });

  test('a create that times out is sent once and reported as outcome unknown', async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 100 });
    const error = await rejection(client.POST('/things', { body: { name: 'n' } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(server?.requests).toHaveLength(1);
  });

  test('garbage and dropped bodies become typed errors', async () => {
    const answers: LoopbackHandler[] = [
      (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'),
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": '),
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' }).write('[{"id"');
        res.destroy();
      },
    ];
    const client = await clientFor((req, res) => answers.shift()?.(req, res), { maxRetries: 0 });
    expect(await rejection(client.GET('/things'))).toMatchObject({ name: 'InvalidResponseError', message: expect.stringMatching(/text\/html/) });
    expect(await rejection(client.GET('/things'))).toBeInstanceOf(InvalidResponseError);
    expect(await rejection(client.GET('/things'))).toBeInstanceOf(ConnectionError);
  });

  test('a refused connection is a ConnectionError that was certainly not applied', async () => {
    const client = await clientFor(() => undefined);
    await server?.close();
    const error = await rejection(client.POST('/things', { body: { name: 'n' } }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: false });
  });
});

describe('createApiClient options', () => {
  test.each([
    [{ apiKey: '' }, 'apiKey'],
    [{ apiKey: 'has space' }, 'apiKey'],
    [{ apiKey: 'tab\tinside' }, 'apiKey'],
    [{ apiKey: 'del\u007f' }, 'apiKey'],
    [{ apiKey: 'clé' }, 'apiKey'],
    [{ baseUrl: 'ftp://x' }, 'baseUrl'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ maxRetries: -1 }, 'maxRetries'],
  ])('rejects bad options %o naming %s', (options, field) => {
    expect(() => createApiClient<TestPaths>(spec, { apiKey: 'k', ...options })).toThrow(ValidationError);
    expect(() => createApiClient<TestPaths>(spec, { apiKey: 'k', ...options })).toThrow(new RegExp(`^${field}: `));
  });
});

describe('an API key in the header the spec names (apiKeyHeader)', () => {
  const keyHeaderSpec: SpecMetadata = { ...spec, apiKeyHeader: 'xi-api-key' };
  async function keyHeaderClient(handler: LoopbackHandler) {
    server = await startLoopbackServer(handler);
    return createApiClient<TestPaths>(keyHeaderSpec, { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 });
  }

  test('goes in that header as it is, and no Authorization goes out', async () => {
    const client = await keyHeaderClient((_req, res) => sendJson(res, 200, []));
    await client.GET('/things');
    const { headers } = server!.requests[0]!;
    expect(headers['xi-api-key']).toBe(API_KEY);
    expect(headers.authorization).toBeUndefined();
  });

  test('a call may not set that header, whatever its case, nor Authorization: refused by name, nothing sent', async () => {
    const client = await keyHeaderClient((_req, res) => sendJson(res, 200, []));
    for (const name of ['xi-api-key', 'XI-API-KEY', 'Authorization']) {
      const error = await rejection(client.GET('/things', { headers: { [name]: 'another-key' } }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: `headers.${name}`, rule: 'reserved' });
    }
    expect(server?.requests).toHaveLength(0);
  });

  test('its name is a secret key: a vendor quoting the header back, even cut short, reaches no error', async () => {
    // Redacting the key's value cannot find a part of it: masking the header's name does.
    const client = await keyHeaderClient((req, res) =>
      sendJson(res, 401, {
        detail: { status: 'invalid_api_key', message: 'Invalid API key' },
        headers: { 'xi-api-key': String(req.headers['xi-api-key']).slice(0, 12) },
      }),
    );
    const error = await rejection(client.GET('/things'));
    expect(error).toMatchObject({ name: 'AuthenticationError', body: { headers: { 'xi-api-key': '[REDACTED]' } } });
    for (const view of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) expect(view).not.toContain(API_KEY.slice(0, 12));
  });
});
