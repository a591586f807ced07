/**
 * The transport under hostile answers and careless callers: Retry-After read strictly.
 */
import { parseRetryAfter, type RequestEvent } from '@switchboard/core';
import { afterEach, describe, expect, test } from 'vitest';
import { clientOn, closeServers, hostile } from './hostile.js';

afterEach(closeServers);

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

  test('delta-seconds and the three HTTP-date forms are read', () => {
    const now = Date.parse('1994-11-06T08:49:30Z');
    const wait = (value: string) => parseRetryAfter(new Headers({ 'retry-after': value }), now);
    expect(wait('7')).toBe(7_000);
    expect(wait('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(7_000);
    expect(wait('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(7_000);
    expect(wait('Sun Nov  6 08:49:37 1994')).toBe(7_000);
  });
});
