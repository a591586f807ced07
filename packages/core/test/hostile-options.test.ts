/**
 * Options and per-call input are checked before anything is sent: a ValidationError naming the
 * field and the rule (never the value), and no request reaches the server.
 */
import { type ClientOptions, createApiClient, ValidationError } from '@switchboard/core';
import type { FaultServer } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { type AcmePaths, API_KEY, clientOn, closeServers, hostile, rejection, spec, surfaces } from './hostile.js';

afterEach(closeServers);

const MAX_TIMER_MS = 2 ** 31 - 1;
const ok = () =>
  hostile((request) => ({ kind: 'status', status: request.method === 'POST' ? 201 : 200, body: request.method === 'POST' ? { id: 't1', name: 'n' } : [] }));

/** The ValidationError that building a client with `options` throws. */
function constructionError(server: FaultServer, options: Partial<ClientOptions>): ValidationError {
  try {
    createApiClient<AcmePaths>(spec, { apiKey: API_KEY, baseUrl: server.url, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('timeouts a timer cannot hold', () => {
  test.for([
    ['timeoutMs', MAX_TIMER_MS + 1],
    ['deadlineMs', 2 ** 32],
    ['timeoutMs', Number.POSITIVE_INFINITY],
  ] as const)('%s: %s is refused at construction (Node would fire it after 1 ms)', async ([field, value]) => {
    const error = constructionError(await ok(), { [field]: value });
    expect(error).toMatchObject({ field, rule: 'maximum' });
  });

  test('the largest a timer holds is accepted, and a call asking for more is refused without sending', async () => {
    const server = await ok();
    const client = clientOn(server, { timeoutMs: MAX_TIMER_MS, deadlineMs: MAX_TIMER_MS });
    expect((await client.POST('/things', { body: { name: 'n' } })).data).toEqual({ id: 't1', name: 'n' });
    const error = await rejection(client.POST('/things', { body: { name: 'n' }, timeoutMs: MAX_TIMER_MS + 1 }));
    expect(error).toMatchObject({ name: 'ValidationError', field: 'timeoutMs', rule: 'maximum' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('baseUrl', () => {
  test.for([
    ['credentials', 'http://admin:hunter2-canary@127.0.0.1:9/api'],
    ['credentials', 'http://hunter2-canary@127.0.0.1:9/api'],
    ['url', 'http://127.0.0.1:9/api?tenant=hunter2-canary'],
    ['url', 'http://127.0.0.1:9/api#hunter2-canary'],
    ['url', 'http://127.0.0.1:9/api?'],
    ['url', 'ftp://127.0.0.1:9/api'],
  ] as const)('%s: %s is refused, without quoting it', async ([rule, baseUrl]) => {
    const error = constructionError(await ok(), { baseUrl });
    expect(error).toMatchObject({ field: 'baseUrl', rule });
    for (const view of surfaces(error)) expect(view).not.toContain('hunter2');
  });
});

describe('hooks and the options object', () => {
  test.for([
    ['fetch', 'https://proxy.example'],
    ['onEvent', { log: true }],
  ] as const)('%s that is not a function is refused', async ([field, value]) => {
    expect(constructionError(await ok(), { [field]: value })).toMatchObject({ field, rule: 'type' });
  });

  test('options that are not an object are refused', () => {
    expect(() => createApiClient<AcmePaths>(spec, undefined as never)).toThrow(ValidationError);
  });
});

describe("a call's headers", () => {
  test.for([
    ['x-trace', 'abc\r\nx-injected: 1', 'format'],
    ['x-trace', 'abc\u0000', 'format'],
    ['x-trace', 'price in €', 'format'],
    ['x-trace', 'abc\u007f', 'format'],
    ['x trace', 'abc', 'format'],
    ['x-trace\r\nx-injected', 'abc', 'format'],
    ['Transfer-Encoding', 'chunked', 'reserved'],
    ['content-length', '3', 'reserved'],
    ['host', 'elsewhere.example', 'reserved'],
    ['connection', 'close', 'reserved'],
    ['authorization', 'Bearer other-key', 'reserved'],
    ['x-trace', 42, 'type'],
  ] as const)('%j: %j is refused (%s) and nothing is sent', async ([name, value, rule]) => {
    const server = await ok();
    const error = await rejection(clientOn(server).POST('/things', { body: { name: 'n' }, headers: { [name]: value as string } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: `headers.${JSON.stringify(name).slice(1, -1)}`, rule });
    expect(server.requests).toHaveLength(0);
  });

  test('valid headers go out, Latin-1 included', async () => {
    const server = await ok();
    await clientOn(server).GET('/things', { headers: { 'x-trace-id': 'trace-42', 'x-note': 'café', 'x-tabbed': 'a\tb' } });
    expect(server.requests[0]?.headers).toMatchObject({ 'x-trace-id': 'trace-42', 'x-tabbed': 'a\tb' });
  });
});

describe('path parameters', () => {
  test.for(['..', '.', ''])('%j is refused: it would address another resource (DELETE /things/.. is DELETE /)', async (id) => {
    const server = await ok();
    const error = await rejection(clientOn(server).DELETE('/things/{id}', { params: { path: { id } } }));
    expect(error).toMatchObject({ name: 'ValidationError', field: 'id', rule: 'path-segment' });
    expect(server.requests).toHaveLength(0);
  });

  test('dots inside a segment, or encoded, stay in the segment', async () => {
    const server = await hostile(() => ({ kind: 'status', status: 204 }));
    for (const id of ['...', '.hidden', '%2e%2e', '../x']) await clientOn(server).DELETE('/things/{id}', { params: { path: { id } } });
    expect(server.requests.map((request) => request.url)).toEqual(['/things/...', '/things/.hidden', '/things/%252e%252e', '/things/..%2Fx']);
  });
});
