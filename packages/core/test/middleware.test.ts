/**
 * Middleware runs as openapi-fetch documents it: `onRequest` in the order added (a client's, then a
 * call's own), `onResponse` and `onError` in reverse; an `onRequest` may replace the Request or
 * answer in the vendor's place, an `onError` may turn a failure into an answer or another error, an
 * `onResponse` may replace the answer. It runs above the transport, so once here, over the
 * platform's (client.test.ts runs middleware over both transports).
 */
import { type ClientOptions, ConnectionError, createApiClient, NotFoundError, ServerError, ValidationError } from '@switchboard/core';
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer } from '@switchboard/testing';
import type { Middleware, MiddlewareCallbackParams } from 'openapi-fetch';
import { afterEach, describe, expect, test } from 'vitest';
import { type AcmePaths, API_KEY, rejection, spec } from './hostile.js';

let server: LoopbackServer | undefined;
afterEach(async () => server?.close());

async function clientFor(handler: LoopbackHandler, options: Partial<ClientOptions> = {}) {
  server = await startLoopbackServer(handler);
  return createApiClient<AcmePaths>(spec, { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, ...options });
}

const THING = { id: 't1', name: 'one' };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A middleware that notes each of its hooks as `name.hook` when it runs, and changes nothing. */
function tracer(name: string, trace: string[]): Middleware {
  return {
    onRequest: () => void trace.push(`${name}.onRequest`),
    onResponse: () => void trace.push(`${name}.onResponse`),
    onError: () => void trace.push(`${name}.onError`),
  };
}

describe('order', () => {
  test("onRequest runs in the order added, the client's before the call's; onResponse in reverse", async () => {
    const client = await clientFor((_request, response) => sendJson(response, 200, THING));
    const trace: string[] = [];
    client.use(tracer('a', trace), tracer('b', trace));
    await client.GET('/things/{id}', { params: { path: { id: 't1' } }, middleware: [tracer('call', trace)] });
    expect(trace).toEqual(['a.onRequest', 'b.onRequest', 'call.onRequest', 'call.onResponse', 'b.onResponse', 'a.onResponse']);
  });

  test('onError runs in reverse, each seeing the error the one before it left', async () => {
    const client = await clientFor(() => undefined);
    await server!.close();
    const seen: unknown[] = [];
    const replaced = new Error('replaced by b');
    client.use(
      { onError: ({ error }) => void seen.push(['a', error]) },
      {
        onError: ({ error }) => {
          seen.push(['b', error]);
          return replaced;
        },
      },
    );
    const error = await rejection(client.GET('/things'));
    expect(error).toBe(replaced);
    expect(seen).toEqual([
      ['b', expect.any(ConnectionError)],
      ['a', replaced],
    ]);
  });
});

describe('onRequest', () => {
  test('a Request it returns is the one sent, and the one the next middleware sees', async () => {
    const client = await clientFor((request, response) => sendJson(response, 200, request.url === '/things?q=moved' ? [THING] : []));
    const seen: string[] = [];
    client.use(
      { onRequest: ({ request }) => new Request(`${request.url}?q=moved`, request) },
      { onRequest: ({ request }) => void seen.push(new URL(request.url).search) },
    );
    expect((await client.GET('/things')).data).toEqual([THING]);
    expect(seen).toEqual(['?q=moved']);
    expect(server!.requests.map((request) => request.url)).toEqual(['/things?q=moved']);
  });

  test('a Response it returns is the answer: nothing is sent, and no later onRequest nor any onResponse runs', async () => {
    const client = await clientFor((_request, response) => sendJson(response, 200, []));
    const trace: string[] = [];
    client.use(tracer('a', trace), { onRequest: () => json([THING]) }, tracer('b', trace));
    expect((await client.GET('/things')).data).toEqual([THING]);
    expect(trace).toEqual(['a.onRequest']);
    expect(server!.requests).toEqual([]);
  });

  test("a Response it returns is held to the call's rules: a 404 is a NotFoundError of the operation", async () => {
    const client = await clientFor((_request, response) => sendJson(response, 200, THING));
    const error = await rejection(
      client.GET('/things/{id}', { params: { path: { id: 't1' } }, middleware: [{ onRequest: () => json({ message: 'cached miss' }, 404) }] }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operation: 'getThing', status: 404 });
    expect(server!.requests).toEqual([]);
  });
});

describe('onResponse', () => {
  test('a Response it returns replaces the answer: its data, or the typed error of its status', async () => {
    const client = await clientFor((_request, response) => sendJson(response, 200, []));
    const answers = [json([THING]), json({ message: 'down' }, 503)];
    client.use({ onResponse: () => answers.shift() });
    expect((await client.GET('/things')).data).toEqual([THING]);
    expect(await rejection(client.GET('/things'))).toBeInstanceOf(ServerError);
    // The transport retried nothing: the vendor answered 200 both times.
    expect(server!.requests).toHaveLength(2);
  });
});

describe('onError', () => {
  test("a Response it returns answers in the failed request's place, and onResponse runs on it", async () => {
    const client = await clientFor(() => undefined);
    await server!.close();
    const trace: string[] = [];
    client.use(tracer('a', trace), { onError: () => json([THING]) }, tracer('b', trace));
    expect((await client.GET('/things')).data).toEqual([THING]);
    expect(trace).toEqual(['a.onRequest', 'b.onRequest', 'b.onError', 'b.onResponse', 'a.onResponse']);
  });

  test('returning nothing leaves the error as it was', async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 50 });
    const trace: string[] = [];
    client.use(tracer('a', trace));
    expect(await rejection(client.POST('/things', { body: { name: 'n' } }))).toMatchObject({ name: 'TimeoutError', outcomeUnknown: true });
    expect(trace).toEqual(['a.onRequest', 'a.onError']);
  });
});

describe('what a hook is given', () => {
  test('the schema path, the parameters, an id per call, and the options: base URL, and a fetch that sends through the transport', async () => {
    const client = await clientFor((request, response) =>
      request.headers.authorization === `Bearer ${API_KEY}` && request.headers['x-retry'] === 'yes'
        ? sendJson(response, 200, THING)
        : sendJson(response, 401, {}),
    );
    const seen: Omit<MiddlewareCallbackParams, 'request' | 'options'>[] = [];
    client.use({
      onRequest: ({ schemaPath, params, id, options }) => {
        seen.push({ schemaPath, params, id });
        expect(options).toMatchObject({ baseUrl: server!.url, parseAs: 'text' });
        expect(Object.isFrozen(options)).toBe(true);
      },
      // What a middleware that refreshes a token does: on a 401, send the request again itself.
      onResponse: ({ request, response, options }) =>
        response.status === 401 ? options.fetch(new Request(request, { headers: { ...Object.fromEntries(request.headers), 'x-retry': 'yes' } })) : undefined,
    });
    expect((await client.GET('/things/{id}', { params: { path: { id: 't1' } } })).data).toEqual(THING);
    await client.GET('/things/{id}', { params: { path: { id: 't2' } } });
    expect(seen).toEqual([
      { schemaPath: '/things/{id}', params: { path: { id: 't1' } }, id: expect.stringMatching(/^[0-9a-z]+$/) },
      { schemaPath: '/things/{id}', params: { path: { id: 't2' } }, id: expect.stringMatching(/^[0-9a-z]+$/) },
    ]);
    expect(seen[0]!.id).not.toBe(seen[1]!.id);
    expect(server!.requests.map((request) => [request.url, request.headers['x-retry']])).toEqual([
      ['/things/t1', undefined],
      ['/things/t1', 'yes'],
      ['/things/t2', undefined],
      ['/things/t2', 'yes'],
    ]);
  });
});

describe('a hook that returns what it may not', () => {
  test.for([
    ['onRequest', { onRequest: () => 'a string' }, 'onRequest: must return new Request() or Response() when modifying the request'],
    ['onResponse', { onResponse: () => 'a string' }, 'onResponse: must return new Response() when modifying the response'],
    ['onError', { onError: () => 'a string' }, 'onError: must return new Response() or instance of Error'],
  ] as const)('%s fails the call, saying what it must return', async ([hook, middleware, message]) => {
    const client = await clientFor((_request, response) => sendJson(response, 200, []));
    if (hook === 'onError') await server!.close();
    const error = await rejection(client.GET('/things', { middleware: [middleware as unknown as Middleware] }));
    expect(error.message).toBe(message);
  });
});

describe('use, eject and a call’s middleware', () => {
  test.for([
    ['a string', 'a string'],
    ['null', null],
    ['an object without a hook', {}],
    ['a hook that is not a function', { onRequest: 'log' }],
  ])('%s is refused by use() and by a call, naming it, before anything is sent', async ([, entry]) => {
    const client = await clientFor((_request, response) => sendJson(response, 200, []));
    const used = (() => {
      try {
        client.use({ onRequest: () => undefined }, entry as Middleware);
      } catch (error) {
        return error;
      }
    })();
    expect(used).toBeInstanceOf(ValidationError);
    expect(used).toMatchObject({ field: 'middleware[1]', rule: 'type' });
    const called = await rejection(client.GET('/things', { middleware: [entry as Middleware] }));
    expect(called).toBeInstanceOf(ValidationError);
    expect(called).toMatchObject({ field: 'middleware[0]', rule: 'type' });
    expect(server!.requests).toEqual([]);
  });

  test("a call's middleware that is not an array is refused, before anything is sent", async () => {
    const client = await clientFor((_request, response) => sendJson(response, 200, []));
    const error = await rejection(client.GET('/things', { middleware: { onRequest: () => undefined } as unknown as Middleware[] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'middleware', rule: 'type' });
    expect(server!.requests).toEqual([]);
  });

  test('eject removes only the middleware named, and one never added is ignored', async () => {
    const client = await clientFor((_request, response) => sendJson(response, 200, []));
    const trace: string[] = [];
    const a = tracer('a', trace);
    client.use(a, tracer('b', trace));
    client.eject(a, tracer('never added', trace));
    await client.GET('/things');
    expect(trace).toEqual(['b.onRequest', 'b.onResponse']);
  });
});
