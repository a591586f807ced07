/**
 * What the two transports (`TRANSPORTS` of `@switchboard/testing`) must do alike beyond the fault
 * suites: put the same request on the wire, decode an answer the same way, refuse the same answers.
 * And on Node, a client given no fetch of its own sends through node:http on kept connections.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { type ClientOptions, ConnectionError, createApiClient, InvalidResponseError } from '@switchboard/core';
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer, TRANSPORTS } from '@switchboard/testing';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type AcmePaths, API_KEY, rejection, spec } from './hostile.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
});

async function clientFor(handler: LoopbackHandler, options: Partial<ClientOptions> = {}) {
  server = await startLoopbackServer(handler);
  return createApiClient<AcmePaths>(spec, { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, ...options });
}

const MIB = 1024 * 1024;
const THINGS = [{ id: 't1', name: 'naïve — ✓' }];
const JSON_TEXT = JSON.stringify(THINGS);
/** Each `content-encoding` fetch decodes, with the body so encoded (`a, b`: a applied first, so undone last). */
const ENCODED: [string, Buffer][] = [
  ['gzip', gzipSync(JSON_TEXT)],
  ['x-gzip', gzipSync(JSON_TEXT)],
  // HTTP's deflate is zlib-wrapped; some servers send it raw.
  ['deflate', deflateSync(JSON_TEXT)],
  ['deflate', deflateRawSync(JSON_TEXT)],
  ['br', brotliCompressSync(JSON_TEXT)],
  ['gzip, br', brotliCompressSync(gzipSync(JSON_TEXT))],
  ['identity', Buffer.from(JSON_TEXT)],
];

describe.for(TRANSPORTS)('over $name', (transport) => {
  test('an answer in every content coding fetch decodes reads the same', async () => {
    const answers = [...ENCODED];
    const client = await clientFor((_request, response) => {
      const [coding, body] = answers.shift()!;
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding, 'content-length': body.byteLength }).end(body);
    }, transport.options);
    for (const [coding] of ENCODED) expect((await client.GET('/things')).data, coding).toEqual(THINGS);
  });

  test('a body in any coding that inflates past maxResponseBytes is refused: the limit counts it decoded', async () => {
    // 4 MiB of JSON (an empty array, padded) that compresses to a few kB in every coding.
    const inflated = `[${' '.repeat(4 * MIB - 2)}]`;
    const bombs: [string, Buffer][] = [
      ['gzip', gzipSync(inflated)],
      ['deflate', deflateSync(inflated)],
      ['deflate', deflateRawSync(inflated)],
      ['br', brotliCompressSync(inflated)],
    ];
    const answers = [...bombs];
    const client = await clientFor(
      (_request, response) => {
        const [coding, body] = answers.shift()!;
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding, 'content-length': body.byteLength }).end(body);
      },
      { ...transport.options, maxResponseBytes: MIB },
    );
    for (const [coding, body] of bombs) {
      expect(body.byteLength, coding).toBeLessThan(MIB);
      expect(await rejection(client.GET('/things')), coding).toMatchObject({ name: 'ResponseTooLargeError', status: 200, maxResponseBytes: MIB });
    }
  });

  test('a coding it does not know leaves the body as sent: here not JSON', async () => {
    const client = await clientFor((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip, zstd' }).end(gzipSync(JSON_TEXT));
    }, transport.options);
    expect(await rejection(client.GET('/things'))).toMatchObject({ name: 'InvalidResponseError', message: expect.stringMatching(/malformed JSON/) });
  });

  test('more than five codings are not undone: the exchange fails as a network error does', async () => {
    const client = await clientFor((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': Array(6).fill('gzip').join(', ') }).end('[]');
    }, transport.options);
    const error = await rejection(client.GET('/things'));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/too many content-encodings/);
  });

  test('a byte order mark is dropped, and a character split between two chunks arrives whole', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON_TEXT)]);
    const split = bytes.indexOf(Buffer.from('ï')) + 1;
    const client = await clientFor((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 20);
    }, transport.options);
    expect((await client.GET('/things')).data).toEqual(THINGS);
  });

  test.for([600, 999])('a status HTTP does not define (%i): InvalidResponseError, not retried, outcome unknown for a create', async (status) => {
    const client = await clientFor((_request, response) => sendJson(response, status, { message: 'odd' }), { ...transport.options, maxRetries: 2 });
    const created = await rejection(client.POST('/things', { body: { name: 'n' } }));
    expect(created).toBeInstanceOf(InvalidResponseError);
    expect(created).toMatchObject({ status, operation: 'createThing', outcomeUnknown: true });
    expect(created.message).toMatch(
      new RegExp(`^acme createThing answered ${status} with an unreadable body: a status past 599, which HTTP does not define\\.`),
    );
    expect(await rejection(client.GET('/things'))).toMatchObject({ name: 'InvalidResponseError', status, outcomeUnknown: false });
    expect(server!.requests).toHaveLength(2);
  });

  test('interim answers (102 Processing, 103 Early Hints) before the answer are skipped', async () => {
    const client = await clientFor((_request, response) => {
      response.writeProcessing();
      response.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      sendJson(response, 200, THINGS);
    }, transport.options);
    expect((await client.GET('/things')).data).toEqual(THINGS);
  });

  test.for([
    ['101 Switching Protocols, which no request asks for', 'HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n'],
    ['a status under 100', 'HTTP/1.1 099 Odd\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n[]'],
  ] as const)('%s fails the connection: ConnectionError, outcome unknown for a create, sent once', async ([, answer]) => {
    const client = await clientFor((_request, response) => void response.socket!.end(answer), { ...transport.options, maxRetries: 2 });
    const error = await rejection(client.POST('/things', { body: { name: 'n' } }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ operation: 'createThing', outcomeUnknown: true });
    expect(server!.requests).toHaveLength(1);
  });
});

describe('the request on the wire', () => {
  /** What a vendor sees of a request: everything but what only one platform adds (fetch's `sec-fetch-mode`, `accept-language`). */
  const seen = ({ method, url, headers, body }: { method: string; url: string; headers: IncomingHttpHeaders; body: string }) => {
    const { 'sec-fetch-mode': _mode, 'accept-language': _language, host: _host, ...rest } = headers;
    return { method, url, body, headers: rest };
  };

  test('is the same over both transports: method, path and query, headers and body', async () => {
    const requests: unknown[][] = [];
    for (const transport of TRANSPORTS) {
      const client = await clientFor(
        (request, response) => (request.method === 'POST' ? sendJson(response, 201, { id: 't1', name: 'n' }) : sendJson(response, 200, [])),
        transport.options,
      );
      await client.GET('/things', { params: { query: { q: 'a b' } }, headers: { 'x-trace-id': 'trace-1' } });
      await client.POST('/things', { body: { name: 'naïve' } });
      requests.push(server!.requests.map(seen));
      await server!.close();
    }
    const [overNode, overFetch] = requests;
    expect(overNode).toEqual(overFetch);
    expect(overNode![1]).toMatchObject({ headers: { accept: '*/*', 'accept-encoding': 'gzip, deflate', 'content-length': '17' } });
  });
});

describe('on Node, a client given no fetch', () => {
  test('sends through node:http, not the global fetch, and keeps its connection from one call to the next', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new Error('the global fetch was called')));
    const ports: number[] = [];
    const plain = createServer((request, response) => {
      ports.push(request.socket.remotePort!);
      response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const client = createApiClient<AcmePaths>(spec, { apiKey: API_KEY, baseUrl: `http://127.0.0.1:${(plain.address() as AddressInfo).port}` });
      for (let call = 0; call < 3; call++) expect((await client.GET('/things')).data).toEqual([]);
      expect(ports).toHaveLength(3);
      expect(new Set(ports).size).toBe(1);
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});

describe('on Node, a client given a fetch of its own', () => {
  test('sends every request through it, not node:http, and reads the answer it gives', async () => {
    const seen: { method: string; url: string; authorization: string | null; body: string }[] = [];
    const fetch = async (request: Request) => {
      seen.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization'), body: await request.text() });
      const body = request.method === 'POST' ? { id: 't1', name: 'n' } : THINGS;
      return new Response(JSON.stringify(body), { status: request.method === 'POST' ? 201 : 200, headers: { 'content-type': 'application/json' } });
    };
    const client = await clientFor(() => undefined, { fetch });
    expect((await client.GET('/things', { params: { query: { q: 'a' } } })).data).toEqual(THINGS);
    expect((await client.POST('/things', { body: { name: 'n' } })).data).toEqual({ id: 't1', name: 'n' });
    expect(seen).toEqual([
      { method: 'GET', url: `${server!.url}/things?q=a`, authorization: `Bearer ${API_KEY}`, body: '' },
      { method: 'POST', url: `${server!.url}/things`, authorization: `Bearer ${API_KEY}`, body: '{"name":"n"}' },
    ]);
    expect(server!.requests).toEqual([]);
  });
});
