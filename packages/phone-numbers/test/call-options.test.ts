/**
 * `listAll` takes its call options last, like every other method, and still in its first argument
 * (deprecated): both forms reach every page's request, one option given both ways is refused, and
 * misspelt keys are refused in either place. Every vendor of the registry, on a loopback server
 * that pages like it (its fixture's pager).
 */
import {
  CancelledError,
  type ClientOptions,
  createPhoneNumbers,
  createSwitchboard,
  type ListAllOptions,
  ValidationError,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { type LoopbackServer, type RecordedRequest, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { READ_AHEAD } from '../src/paging.js';
import { API_KEY, caught, collect, FIXTURES, LOOKS_UP } from './helpers.js';

const COUNT = 5;
const PAGE_SIZE = 2;
const PAGES = Math.ceil(COUNT / PAGE_SIZE);
const TRACE = { 'x-trace-id': 'trace-42' };

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const traceIds = (requests: RecordedRequest[]) => requests.map((request) => request.headers['x-trace-id']);

/** A loopback server paging like the vendor over COUNT numbers. */
async function serveLike(vendor: VendorName): Promise<LoopbackServer> {
  const answer = FIXTURES[vendor].paging.pager(COUNT);
  const server = await startLoopbackServer((request, response) => {
    const [status, body] = answer(new URL(request.url, 'http://loopback'));
    sendJson(response, status, body);
  });
  servers.push(server);
  return server;
}
const clientOn = (vendor: VendorName, server: LoopbackServer) => createPhoneNumbers({ vendor, apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 });

describe.each(VENDOR_NAMES)('%s', (vendor) => {
  const IDS = Array.from({ length: COUNT }, (_, i) => FIXTURES[vendor].paging.idOf(i));
  const pagerServer = () => serveLike(vendor);

  describe('listAll call options', () => {
    test("given last, they reach every page's request", async () => {
      const server = await pagerServer();
      const numbers = await collect(clientOn(vendor, server).listAll({ pageSize: PAGE_SIZE }, { headers: TRACE }));
      expect(numbers.map((number) => number.id)).toEqual(IDS);
      expect(traceIds(server.requests)).toEqual(Array(PAGES).fill('trace-42'));
    });

    test("given in the options (deprecated), they still reach every page's request", async () => {
      const server = await pagerServer();
      const numbers = await collect(clientOn(vendor, server).listAll({ pageSize: PAGE_SIZE, headers: TRACE }));
      expect(numbers.map((number) => number.id)).toEqual(IDS);
      expect(traceIds(server.requests)).toEqual(Array(PAGES).fill('trace-42'));
    });

    test('different options given each way are all applied', async () => {
      const server = await pagerServer();
      const controller = new AbortController();
      const listing = clientOn(vendor, server).listAll({ pageSize: PAGE_SIZE, headers: TRACE }, { signal: controller.signal });
      const seen: string[] = [];
      const error = await caught(async () => {
        for await (const number of listing) {
          seen.push(number.id);
          // Cancelled during the first page, while the pages after it are asked for: the listing stops there.
          controller.abort();
        }
      });
      expect(CancelledError.isInstance(error)).toBe(true);
      expect(seen).toEqual(IDS.slice(0, PAGE_SIZE));
      // The requests of the pages after it (the next, and numbered pages read ahead), if they
      // arrived before they were cancelled, carried the headers too.
      expect(traceIds(server.requests)).toEqual(Array(server.requests.length).fill('trace-42'));
      expect(server.requests.length).toBeLessThanOrEqual(1 + READ_AHEAD);
    });

    test.each<[string, ListAllOptions, Record<string, unknown>]>([
      ['signal', { signal: new AbortController().signal }, { signal: new AbortController().signal }],
      ['timeoutMs', { timeoutMs: 1_000 }, { timeoutMs: 2_000 }],
      ['headers', { headers: TRACE }, { headers: TRACE }],
    ])('%s given both ways is a ValidationError, before any request', async (field, options, call) => {
      const server = await pagerServer();
      const error = await caught(() => clientOn(vendor, server).listAll(options, call));
      expect(ValidationError.isInstance(error) && { field: error.field, rule: error.rule }).toEqual({ field, rule: 'conflict' });
      expect(server.requests).toHaveLength(0);
    });

    test('unknown keys are refused in either argument, before any request', async () => {
      const server = await pagerServer();
      const numbers = clientOn(vendor, server);
      const inOptions = await caught(() => numbers.listAll({ pageSize: PAGE_SIZE, limit: 3 } as ListAllOptions));
      expect(ValidationError.isInstance(inOptions) && { field: inOptions.field, rule: inOptions.rule }).toEqual({ field: 'limit', rule: 'unknown' });
      // listAll's own options are not call options: `pageSize` in the last argument is a misplaced key.
      const inCall = await caught(() => numbers.listAll({}, { pageSize: PAGE_SIZE } as never));
      expect(ValidationError.isInstance(inCall) && { field: inCall.field, rule: inCall.rule, reason: inCall.reason }).toEqual({
        field: 'pageSize',
        rule: 'unknown',
        reason: 'is not a call option (signal, timeoutMs, headers)',
      });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe("the switchboard's listAll", () => {
    const boardOn = (server: LoopbackServer) =>
      createSwitchboard({ [vendor]: { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 } } as Record<VendorName, ClientOptions>);

    test('takes the call options last, or in the options (deprecated)', async () => {
      const server = await pagerServer();
      const board = boardOn(server);
      expect((await collect(board.listAll({ pageSize: PAGE_SIZE }, { headers: TRACE }))).map((number) => number.id)).toEqual(IDS);
      expect((await collect(board.listAll({ pageSize: PAGE_SIZE, headers: TRACE }))).map((number) => number.id)).toEqual(IDS);
      expect(traceIds(server.requests)).toEqual(Array(2 * PAGES).fill('trace-42'));
    });

    test('refuses an option given both ways, before any request', async () => {
      const server = await pagerServer();
      const error = await caught(() => collect(boardOn(server).listAll({ headers: TRACE }, { headers: TRACE })));
      expect(ValidationError.isInstance(error) && { field: error.field, rule: error.rule }).toEqual({ field: 'headers', rule: 'conflict' });
      expect(server.requests).toHaveLength(0);
    });
  });
});

// A vendor that looks a number up directly sends it one request, with the call's options (facade.test.ts).
describe.each(VENDOR_NAMES.filter((vendor) => !LOOKS_UP[vendor]))('%s: find', (vendor) => {
  test('walks the listing with its call options', async () => {
    const server = await serveLike(vendor);
    const listed = await collect(clientOn(vendor, server).listAll({ pageSize: PAGE_SIZE }));
    const last = listed.at(-1)!;
    // The pagers' numbers all have one.
    expect(last.number).toEqual(expect.any(String));
    const walked = server.requests.length;
    expect((await clientOn(vendor, server).find(last.number as string, { headers: TRACE }))?.id).toBe(last.id);
    expect(server.requests.length).toBeGreaterThan(walked);
    expect(traceIds(server.requests.slice(walked))).toEqual(Array(server.requests.length - walked).fill('trace-42'));
  });
});
