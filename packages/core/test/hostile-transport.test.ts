/**
 * The transport under hostile answers and careless callers: Retry-After read strictly, hooks that
 * reject, one signal shared by many calls, and connection failures that say what failed.
 */
import { getEventListeners } from 'node:events';
import { CancelledError, ConnectionError, createApiClient, parseRetryAfter, type RequestEvent } from '@switchboard/core';
import { type Fault, TRANSPORTS } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { type AcmePaths, API_KEY, clientOver, closeServers, hostile, rejection, spec, surfaces } from './hostile.js';

afterEach(closeServers);

/** How each transport's platform names a connection closed halfway through an answer. */
const DROPPED_MID_ANSWER = { 'node:http': 'ECONNRESET: aborted', fetch: 'UND_ERR_SOCKET: other side closed' };

describe.for(TRANSPORTS)('over $name', (transport) => {
  const clientOn = clientOver(transport);

  describe('Retry-After', () => {
    test('-1, +5, 1.5, 5s, soon or an ISO date is not a wait: the retry backs off as usual (0.5 s less jitter)', async () => {
      const delays = await Promise.all(
        ['-1', '+5', '1.5', '5s', 'soon', '2026-11-23'].map(async (retryAfter) => {
          const events: RequestEvent[] = [];
          const answers = [503];
          const server = await hostile(() => {
            const status = answers.shift();
            return status
              ? { kind: 'status', status, headers: { 'retry-after': retryAfter }, body: { message: 'busy' } }
              : { kind: 'status', status: 200, body: [] };
          });
          await clientOn(server, { maxRetries: 1, onEvent: (event) => events.push(event) }).GET('/things');
          const retry = events.find((event) => event.type === 'retry');
          expect(retry, retryAfter).toMatchObject({ reason: 'status 503' });
          // The delay the transport chose, not a time measured.
          return [retryAfter, (retry as { delayMs: number }).delayMs] as const;
        }),
      );
      for (const [retryAfter, delayMs] of delays) {
        expect(delayMs, retryAfter).toBeGreaterThanOrEqual(375);
        expect(delayMs, retryAfter).toBeLessThanOrEqual(500);
      }
    });
  });

  describe('onEvent', () => {
    test('an async hook that rejects changes nothing, and leaves no unhandled rejection', async () => {
      const unhandled: unknown[] = [];
      const record = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', record);
      try {
        const server = await hostile(() => ({ kind: 'status', status: 200, body: [{ id: 't1', name: 'n' }] }));
        const onEvent = async () => {
          throw new Error('observer bug');
        };
        expect((await clientOn(server, { onEvent }).GET('/things')).data).toEqual([{ id: 't1', name: 'n' }]);
        // Rejections are reported after the microtasks of the turn: give them one.
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', record);
      }
    });
  });

  describe('one AbortSignal shared by many calls', () => {
    test('25 calls in flight hold one listener on it; Node warns of no leak; aborting cancels them all, and no listener is left', async () => {
      const warnings: Error[] = [];
      const record = (warning: Error) => warnings.push(warning);
      process.on('warning', record);
      try {
        const server = await hostile(() => ({ kind: 'hang' }));
        const controller = new AbortController();
        const client = clientOn(server);
        const calls = Array.from({ length: 25 }, () => rejection(client.GET('/things', { signal: controller.signal })));
        await server.seen('GET /things', 25, 2_000);
        expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
        controller.abort();
        const errors = await Promise.all(calls);
        expect(errors.every((error) => CancelledError.isInstance(error))).toBe(true);
        expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
        // Warnings are emitted on the next tick.
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
      } finally {
        process.off('warning', record);
      }
    });

    test('calls that end let go of the signal', async () => {
      const server = await hostile(() => ({ kind: 'status', status: 200, body: [] }));
      const controller = new AbortController();
      const client = clientOn(server);
      await Promise.all(Array.from({ length: 25 }, () => client.GET('/things', { signal: controller.signal })));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('retries', () => {
    /** Faults a read is retried through, and what a create, never retried, ends in. */
    const FAULTS: [Fault, string, boolean][] = [
      ['drop', 'ConnectionError', true],
      [{ kind: 'status', status: 503, headers: { 'retry-after-ms': '1' } }, 'ServerError', true],
      [{ kind: 'status', status: 502, headers: { 'retry-after-ms': '1' } }, 'ServerError', true],
      [{ kind: 'status', status: 429, headers: { 'retry-after-ms': '1' } }, 'RateLimitError', false],
    ];

    test('a read is retried through a dropped connection, 503, 502 and 429, then succeeds; a create is sent once through each', async () => {
      const reads = FAULTS.map(([fault]) => fault);
      const server = await hostile((request) =>
        request.method === 'GET' ? (reads.shift() ?? { kind: 'status', status: 200, body: [] }) : FAULTS[request.index]![0],
      );
      const client = clientOn(server, { maxRetries: FAULTS.length });
      expect((await client.GET('/things')).data).toEqual([]);
      expect(server.count('GET /things')).toBe(FAULTS.length + 1);
      server.reset();
      for (const [index, [, name, outcomeUnknown]] of FAULTS.entries()) {
        expect(await rejection(client.POST('/things', { body: { name: 'n' } }))).toMatchObject({ name, outcomeUnknown });
        expect(server.count('POST /things')).toBe(index + 1);
      }
    });
  });

  describe('connection failures say what failed', () => {
    test('a refused connection names the code and the origin; nothing was sent, so the outcome is known', async () => {
      const server = await hostile(() => ({ kind: 'status', status: 200, body: [] }));
      const client = clientOn(server);
      await closeServers();
      const error = await rejection(client.POST('/things', { body: { name: 'n' } }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toBe(`acme createThing: connection to ${server.url} failed (ECONNREFUSED).`);
      expect(error).toMatchObject({ outcomeUnknown: false });
    });

    test('a connection dropped mid-answer names the code and the reason', async () => {
      const server = await hostile(() => ({ kind: 'truncated', then: 'destroy' }));
      const error = await rejection(clientOn(server).GET('/things'));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toBe(`acme listThings: connection to ${server.url} failed (${DROPPED_MID_ANSWER[transport.name]}).`);
    });
  });
});

describe('Retry-After', () => {
  test('delta-seconds and the three HTTP-date forms are read', () => {
    const now = Date.parse('1994-11-06T08:49:30Z');
    const wait = (value: string) => parseRetryAfter(new Headers({ 'retry-after': value }), now);
    expect(wait('7')).toBe(7_000);
    expect(wait('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(7_000);
    expect(wait('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(7_000);
    expect(wait('Sun Nov  6 08:49:37 1994')).toBe(7_000);
  });
});

describe("a caller's own fetch", () => {
  test('its failure is quoted redacted', async () => {
    const server = await hostile(() => ({ kind: 'status', status: 200, body: [] }));
    const fetch = async () => {
      throw new TypeError(`proxy refused key ${API_KEY}`);
    };
    const client = createApiClient<AcmePaths>(spec, { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, fetch });
    const error = await rejection(client.GET('/things'));
    expect(error.message).toBe(`acme listThings: connection to ${server.url} failed (proxy refused key [REDACTED]).`);
    for (const view of surfaces(error)) expect(view).not.toContain(API_KEY);
  });
});
