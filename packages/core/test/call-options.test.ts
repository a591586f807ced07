/**
 * Per-call options (`signal`, `timeoutMs`, `headers`) and the `onEvent` hook, against real
 * loopback servers.
 */
import { CancelledError, type ClientOptions, createApiClient, type RequestEvent, type SpecMetadata, TimeoutError, ValidationError } from '@switchboard/core';
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer, TRANSPORTS } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';

interface Json<T> {
  headers: Record<string, unknown>;
  content: { 'application/json': T };
}
interface TestPaths {
  '/things': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: { parameters: { query?: { q?: string } }; responses: { 200: Json<{ id: string }[]> } };
    post: {
      parameters: { query?: never };
      requestBody: { content: { 'application/json': { name: string; password?: string } } };
      responses: { 201: Json<{ id: string }> };
    };
  };
}

const spec: SpecMetadata = {
  vendor: 'acme',
  defaultBaseUrl: 'https://api.acme.test',
  operations: { 'GET /things': { operationId: 'listThings', idempotent: true }, 'POST /things': { operationId: 'createThing', idempotent: false } },
  secretKeys: ['password'],
  schemas: {},
};
const API_KEY = 'sk-canary-events-key-0002';
const PASSWORD = 'canary-body-password-0003';

let server: LoopbackServer | undefined;
afterEach(async () => server?.close());

const hang: LoopbackHandler = () => new Promise(() => undefined);
/** Hangs, after aborting the call once its request has arrived: "in flight" without a timer to race. */
const abortOnArrival =
  (controller: AbortController): LoopbackHandler =>
  () => {
    controller.abort();
    return new Promise(() => undefined);
  };

describe.for(TRANSPORTS)('over $name', (transport) => {
  async function clientFor(handler: LoopbackHandler, options: Partial<ClientOptions> = {}) {
    server = await startLoopbackServer(handler);
    return createApiClient<TestPaths>(spec, { apiKey: API_KEY, baseUrl: server.url, ...transport.options, ...options });
  }

  describe('signal', () => {
    test('aborting a read in flight rejects with a CancelledError, outcome known (nothing changes)', async () => {
      const controller = new AbortController();
      const client = await clientFor(abortOnArrival(controller));
      const call = client.GET('/things', { signal: controller.signal });
      const error = await call.catch((e: unknown) => e);
      expect(CancelledError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ name: 'CancelledError', vendor: 'acme', operation: 'listThings', outcomeUnknown: false });
    });

    test('aborting a create in flight: outcome unknown, sent once', async () => {
      const controller = new AbortController();
      const client = await clientFor(abortOnArrival(controller));
      const call = client.POST('/things', { body: { name: 'n' }, signal: controller.signal });
      await expect(call).rejects.toMatchObject({ name: 'CancelledError', outcomeUnknown: true, message: expect.stringMatching(/look the resource up/) });
      expect(server?.requests).toHaveLength(1);
    });

    test('a signal already aborted sends nothing', async () => {
      const client = await clientFor((_req, res) => sendJson(res, 200, []));
      await expect(client.GET('/things', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'CancelledError', outcomeUnknown: false });
      expect(server?.requests).toHaveLength(0);
    });

    test('aborting the wait before a retry ends it at once', async () => {
      // Retry-After of a minute: without the abort the test would time out.
      const client = await clientFor((_req, res) => sendJson(res, 503, { message: 'busy' }, { 'retry-after': '60' }), { deadlineMs: 120_000 });
      const controller = new AbortController();
      const call = client.GET('/things', { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await expect(call).rejects.toBeInstanceOf(CancelledError);
      expect(server?.requests).toHaveLength(1);
    });
  });

  describe('timeoutMs and headers', () => {
    test("a call's timeoutMs replaces the client's", async () => {
      const client = await clientFor(hang, { timeoutMs: 30_000, maxRetries: 0 });
      await expect(client.GET('/things', { timeoutMs: 100 })).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 100 });
    });

    test('a bad timeoutMs is a ValidationError, and nothing is sent', async () => {
      const client = await clientFor((_req, res) => sendJson(res, 200, []));
      await expect(client.GET('/things', { timeoutMs: -1 })).rejects.toMatchObject({ name: 'ValidationError', field: 'timeoutMs' });
      expect(ValidationError.isInstance(await client.GET('/things', { timeoutMs: 0 }).catch((e: unknown) => e))).toBe(true);
      expect(server?.requests).toHaveLength(0);
    });

    test("a call's headers are sent with it", async () => {
      const client = await clientFor((_req, res) => sendJson(res, 200, []));
      await client.GET('/things', { headers: { 'x-trace-id': 'trace-42' } });
      expect(server?.requests[0]?.headers['x-trace-id']).toBe('trace-42');
    });

    test('TimeoutError is still what a hung attempt becomes without a signal', async () => {
      const client = await clientFor(hang, { timeoutMs: 100, maxRetries: 0 });
      expect(TimeoutError.isInstance(await client.GET('/things').catch((e: unknown) => e))).toBe(true);
    });
  });

  describe('onEvent', () => {
    test('a request, its retries and its answer, in order, with method, URL, status, attempt, duration and request id', async () => {
      const events: RequestEvent[] = [];
      const answers = [503];
      const client = await clientFor(
        (_req, res) => {
          const status = answers.shift();
          if (status) sendJson(res, status, { message: 'busy' }, { 'retry-after': '0' });
          else sendJson(res, 200, [], { 'x-request-id': 'req-7' });
        },
        { onEvent: (event) => events.push(event) },
      );
      await client.GET('/things', { params: { query: { q: 'a' } } });
      expect(events.map((event) => `${event.type} ${event.attempt}`)).toEqual(['request 1', 'response 1', 'retry 1', 'request 2', 'response 2']);
      expect(events[0]).toEqual({ type: 'request', vendor: 'acme', operation: 'listThings', method: 'GET', url: `${server?.url}/things?q=a`, attempt: 1 });
      expect(events[1]).toMatchObject({ type: 'response', status: 503, durationMs: expect.any(Number), requestId: undefined });
      expect(events[2]).toMatchObject({ type: 'retry', reason: 'status 503', delayMs: expect.any(Number) });
      expect(events[4]).toMatchObject({ type: 'response', status: 200, requestId: 'req-7' });
    });

    test('a retry that would pass the deadline is a deadline event with the wait it ruled out, and the call ends with the answer at hand', async () => {
      const events: RequestEvent[] = [];
      const client = await clientFor((_req, res) => sendJson(res, 503, { message: 'busy' }, { 'retry-after': '5' }), {
        maxRetries: 5,
        deadlineMs: 1_000,
        onEvent: (event) => events.push(event),
      });
      const error = await client.GET('/things').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ServerError', status: 503 });
      expect(events.map((event) => `${event.type} ${event.attempt}`)).toEqual(['request 1', 'response 1', 'deadline 1']);
      expect(events[2]).toMatchObject({ type: 'deadline', delayMs: 5_000 });
    });

    test('a failure is an error event with the redacted message', async () => {
      const events: RequestEvent[] = [];
      const client = await clientFor(hang, { timeoutMs: 50, maxRetries: 0, onEvent: (event) => events.push(event) });
      await client.GET('/things').catch(() => undefined);
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { name: 'TimeoutError', message: expect.stringMatching(/no complete response/) } });
    });

    test('no secret reaches the hook: not the API key, not a secret of the body, not one in the URL', async () => {
      const events: RequestEvent[] = [];
      const client = await clientFor((req, res) => sendJson(res, 400, { message: `bad ${req.body}` }), {
        maxRetries: 0,
        onEvent: (event) => events.push(event),
      });
      await client.POST('/things', { body: { name: 'n', password: PASSWORD } }).catch(() => undefined);
      // A secret that ends up in a URL (a caller's mistake) is removed too.
      await client.GET('/things', { params: { query: { q: API_KEY } } }).catch(() => undefined);
      const seen = JSON.stringify(events);
      expect(events.length).toBeGreaterThanOrEqual(4);
      expect(seen).not.toContain('canary');
    });

    test('a hook that throws does not change the outcome', async () => {
      const client = await clientFor((_req, res) => sendJson(res, 200, [{ id: 't1' }]), {
        onEvent: () => {
          throw new Error('observer bug');
        },
      });
      expect((await client.GET('/things')).data).toEqual([{ id: 't1' }]);
    });
  });
});
