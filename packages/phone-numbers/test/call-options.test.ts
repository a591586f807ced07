/**
 * `listAll` takes its call options last, like every other method, and still in its first argument
 * (deprecated): both forms reach every page's request, one option given both ways is refused, and
 * misspelt keys are refused in either place. Against a Vogent-style pager on a loopback server.
 */
import { CancelledError, createPhoneNumbers, createSwitchboard, type ListAllOptions, ValidationError } from '@switchboard/phone-numbers';
import { type LoopbackServer, type RecordedRequest, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { API_KEY, caught, collect } from './helpers.js';

const NUMBERS = ['+14155550100', '+14155550101', '+14155550102', '+14155550103', '+14155550104'];
const PAGE_SIZE = 2;
const TRACE = { 'x-trace-id': 'trace-42' };

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Vogent's `GET /phone_numbers`: pages of `limit` numbers, the next page's offset as the cursor. */
async function vogentPager(): Promise<LoopbackServer> {
  const server = await startLoopbackServer((request, response) => {
    const url = new URL(request.url, 'http://loopback');
    if (url.pathname !== '/phone_numbers') return sendJson(response, 404, { message: 'Not Found' });
    const offset = Number(url.searchParams.get('cursor') ?? '0');
    const end = offset + Number(url.searchParams.get('limit') ?? '100');
    const data = NUMBERS.slice(offset, end).map((number, i) => ({ id: `pn-${offset + i}`, number, type: 'PSTN', agentId: null }));
    sendJson(response, 200, { data, cursor: end < NUMBERS.length ? String(end) : null });
  });
  servers.push(server);
  return server;
}

const vogentOn = (server: LoopbackServer) => createPhoneNumbers({ vendor: 'vogent', apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 });
const traceIds = (requests: RecordedRequest[]) => requests.map((request) => request.headers['x-trace-id']);
const pages = Math.ceil(NUMBERS.length / PAGE_SIZE);

describe('listAll call options', () => {
  test("given last, they reach every page's request", async () => {
    const server = await vogentPager();
    const numbers = await collect(vogentOn(server).listAll({ pageSize: PAGE_SIZE }, { headers: TRACE }));
    expect(numbers.map((number) => number.number)).toEqual(NUMBERS);
    expect(traceIds(server.requests)).toEqual(Array(pages).fill('trace-42'));
  });

  test("given in the options (deprecated), they still reach every page's request", async () => {
    const server = await vogentPager();
    const numbers = await collect(vogentOn(server).listAll({ pageSize: PAGE_SIZE, headers: TRACE }));
    expect(numbers.map((number) => number.number)).toEqual(NUMBERS);
    expect(traceIds(server.requests)).toEqual(Array(pages).fill('trace-42'));
  });

  test('different options given each way are all applied', async () => {
    const server = await vogentPager();
    const controller = new AbortController();
    const listing = vogentOn(server).listAll({ pageSize: PAGE_SIZE, headers: TRACE }, { signal: controller.signal });
    const seen: (string | null)[] = [];
    const error = await caught(async () => {
      for await (const number of listing) {
        seen.push(number.number);
        // Cancelled during the first page, while the second is asked for: the listing stops there.
        controller.abort();
      }
    });
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(seen).toEqual(NUMBERS.slice(0, PAGE_SIZE));
    // The second page's request, if it arrived before it was cancelled, carried the headers too.
    expect(traceIds(server.requests)).toEqual(Array(server.requests.length).fill('trace-42'));
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  test.each<[string, ListAllOptions, Record<string, unknown>]>([
    ['signal', { signal: new AbortController().signal }, { signal: new AbortController().signal }],
    ['timeoutMs', { timeoutMs: 1_000 }, { timeoutMs: 2_000 }],
    ['headers', { headers: TRACE }, { headers: TRACE }],
  ])('%s given both ways is a ValidationError, before any request', async (field, options, call) => {
    const server = await vogentPager();
    const error = await caught(() => vogentOn(server).listAll(options, call));
    expect(ValidationError.isInstance(error) && { field: error.field, rule: error.rule }).toEqual({ field, rule: 'conflict' });
    expect(server.requests).toHaveLength(0);
  });

  test('unknown keys are refused in either argument, before any request', async () => {
    const server = await vogentPager();
    const vogent = vogentOn(server);
    const inOptions = await caught(() => vogent.listAll({ pageSize: PAGE_SIZE, limit: 3 } as ListAllOptions));
    expect(ValidationError.isInstance(inOptions) && { field: inOptions.field, rule: inOptions.rule }).toEqual({ field: 'limit', rule: 'unknown' });
    // listAll's own options are not call options: `pageSize` in the last argument is a misplaced key.
    const inCall = await caught(() => vogent.listAll({}, { pageSize: PAGE_SIZE } as never));
    expect(ValidationError.isInstance(inCall) && { field: inCall.field, rule: inCall.rule, reason: inCall.reason }).toEqual({
      field: 'pageSize',
      rule: 'unknown',
      reason: 'is not a call option (signal, timeoutMs, headers)',
    });
    expect(server.requests).toHaveLength(0);
  });

  test('find walks the listing with its call options', async () => {
    const server = await vogentPager();
    const found = await vogentOn(server).find(NUMBERS.at(-1)!, { headers: TRACE });
    expect(found?.id).toBe(`pn-${NUMBERS.length - 1}`);
    expect(traceIds(server.requests)).toEqual(['trace-42']);
  });
});

describe("the switchboard's listAll", () => {
  const boardOn = (server: LoopbackServer) => createSwitchboard({ vogent: { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 } });

  test('takes the call options last, or in the options (deprecated)', async () => {
    const server = await vogentPager();
    const board = boardOn(server);
    expect((await collect(board.listAll({ pageSize: PAGE_SIZE }, { headers: TRACE }))).map((number) => number.number)).toEqual(NUMBERS);
    expect((await collect(board.listAll({ pageSize: PAGE_SIZE, headers: TRACE }))).map((number) => number.number)).toEqual(NUMBERS);
    expect(traceIds(server.requests)).toEqual(Array(2 * pages).fill('trace-42'));
  });

  test('refuses an option given both ways, before any request', async () => {
    const server = await vogentPager();
    const error = await caught(() => collect(boardOn(server).listAll({ headers: TRACE }, { headers: TRACE })));
    expect(ValidationError.isInstance(error) && { field: error.field, rule: error.rule }).toEqual({ field: 'headers', rule: 'conflict' });
    expect(server.requests).toHaveLength(0);
  });
});
