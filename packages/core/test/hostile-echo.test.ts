/**
 * Secrets a vendor (or a proxy) sends back anywhere in its answer — headers included, in the
 * usual encodings — never reach an error or an event, and a vendor's text is quoted cut.
 */
import { InvalidResponseError, type RequestEvent } from '@switchboard/core';
import { type FaultRequest, TRANSPORTS } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { API_KEY, clientOver, closeServers, hostile, PASSWORD, rejection, surfaces } from './hostile.js';

afterEach(closeServers);

/** How much of a vendor's text a message quotes. */
const QUOTED = 500;
const passwordOf = (request: FaultRequest) => (JSON.parse(request.body) as { password: string }).password;

describe.for(TRANSPORTS)('over $name', (transport) => {
  const clientOn = clientOver(transport);

  describe('secrets echoed in headers', () => {
    test('an API key or a secret of the body echoed in x-request-id or request-id reaches no message, stack, JSON, inspect or event', async () => {
      const events: RequestEvent[] = [];
      const echoes: [(request: FaultRequest) => Record<string, string>, string][] = [
        [(request) => ({ 'x-request-id': `req-${request.headers.authorization}` }), 'req-Bearer [REDACTED]'],
        [(request) => ({ 'request-id': `req-${passwordOf(request)}` }), 'req-[REDACTED]'],
      ];
      for (const [echo, requestId] of echoes) {
        const server = await hostile((request) => ({ kind: 'status', status: 400, headers: echo(request), body: { message: 'rejected' } }));
        const client = clientOn(server, { onEvent: (event) => events.push(event) });
        const error = await rejection(client.POST('/things', { body: { name: 'n', password: PASSWORD } }));
        expect(error).toMatchObject({ name: 'BadRequestError', requestId });
        for (const view of [...surfaces(error), JSON.stringify(events)]) {
          expect(view).not.toContain(API_KEY);
          expect(view).not.toContain(PASSWORD);
        }
        expect(server.requests[0]?.body).toContain(PASSWORD);
        events.length = 0;
        await closeServers();
      }
    });

    test("a successful answer's echoed request id is redacted in its event too", async () => {
      const events: RequestEvent[] = [];
      const server = await hostile(() => ({ kind: 'status', status: 200, headers: { 'x-request-id': `id ${API_KEY}` }, body: [] }));
      const { data } = await clientOn(server, { onEvent: (event) => events.push(event) }).GET('/things');
      expect(data).toEqual([]);
      expect(events.find((event) => event.type === 'response')).toMatchObject({ requestId: 'id [REDACTED]' });
    });

    test('a content type echoing the API key reaches no InvalidResponseError', async () => {
      const server = await hostile(() => ({ kind: 'status', status: 200, headers: { 'content-type': `text/plain; key=${API_KEY}` }, body: 'ok' }));
      const error = await rejection(clientOn(server).GET('/things'));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error.message).toContain('text/plain; key=[REDACTED]');
      for (const view of surfaces(error)) expect(view).not.toContain(API_KEY);
    });
  });

  describe('secrets echoed in other encodings', () => {
    // A password beyond ASCII, as vendors written in Python quote it back: `json.dumps` escapes it
    // (`\u00e4`), and a header carries its UTF-8 bytes.
    const UNICODE_PASSWORD = 'canary-pässwörd-Ω-91c2e8';
    const asciiJson = (text: string) => JSON.stringify(text).replace(/[^\u0000-\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

    test('a non-ASCII secret echoed \\u-escaped in a text body, or as UTF-8 bytes in a header, is redacted', async () => {
      const server = await hostile((request) => ({
        kind: 'status',
        status: 500,
        headers: { 'x-request-id': Buffer.from(passwordOf(request)).toString('latin1') },
        body: `Traceback: ValueError: bad credentials {"password": ${asciiJson(passwordOf(request))}}`,
      }));
      const error = await rejection(clientOn(server).POST('/things', { body: { name: 'n', password: UNICODE_PASSWORD } }));
      expect(error).toMatchObject({ name: 'ServerError', requestId: '[REDACTED]' });
      expect(error.message).toContain('{"password": "[REDACTED]"}');
      for (const view of surfaces(error)) expect(view).not.toMatch(/p\\u00e4ssw|pÃ¤ssw|pässw/);
    });
  });

  describe("a vendor's text", () => {
    test('a 1 MB error message is cut in the message (saying how much is left out); the body keeps it, redacted', async () => {
      const message = `${'a'.repeat(QUOTED - 5)}${API_KEY}${'b'.repeat(1_000_000)}`;
      const server = await hostile(() => ({ kind: 'status', status: 400, body: { message } }));
      const error = await rejection(clientOn(server).GET('/things'));
      expect(error.message.length).toBeLessThan(QUOTED + 200);
      expect(error.message).toMatch(/… \(1000005 more characters\)$/);
      // Redacted before the cut: no prefix of the key is left at the edge.
      expect(error.message).not.toContain(API_KEY.slice(0, 5));
      expect((error.body as { message: string }).message).toBe(`${'a'.repeat(QUOTED - 5)}[REDACTED]${'b'.repeat(1_000_000)}`);
    });
  });
});
