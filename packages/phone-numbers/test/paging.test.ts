/**
 * listAll: every vendor of the registry walked through a loopback server that pages like it (its
 * fixture's pager), then the facade's own rules of a walk (de-duplication, repeated cursors, the
 * page cap, a vendor cursor that is not one) against a fake provider's pages. How each vendor reads
 * its pages, broken ones included, is its own package's tests.
 */
import { createPhoneNumbers, InvalidResponseError, PaginationError, type ProviderPhoneNumberPage, VENDOR_NAMES } from '@switchboard/phone-numbers';
import { type LoopbackServer, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { READ_AHEAD } from '../src/paging.js';
import { FAKE_NUMBERS, type FakeProvider, fakeNumber, fakeProvider } from './fake-provider.js';
import { API_KEY, caught, collect, collectUntilError, FIXTURES, facadeOf } from './helpers.js';

const PAGE_SIZE = 5;
// Every test here is bounded three ways: the server refuses past MAX_REQUESTS, `collect` refuses
// past 1 000 items, and no test may take longer than this.
vi.setConfig({ testTimeout: 3_000 });
/** Any test that needs more requests than this is looping: the server refuses, and the test fails. */
const MAX_REQUESTS = 60;

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(answer: (url: URL) => [number, unknown]): Promise<LoopbackServer> {
  const server = await startLoopbackServer((request, response) => {
    if (server.requests.length > MAX_REQUESTS) return sendJson(response, 400, { message: `more than ${MAX_REQUESTS} requests: the client is looping` });
    const [status, body] = answer(new URL(request.url, 'http://loopback'));
    sendJson(response, status, body);
  });
  servers.push(server);
  return server;
}

describe.each(VENDOR_NAMES)('listAll over a loopback server that pages like %s', (vendor) => {
  const { pager, idOf } = FIXTURES[vendor].paging;
  const ids = (n: number, from = 0) => Array.from({ length: n - from }, (_, i) => idOf(from + i));
  const clientOn = (server: LoopbackServer) => createPhoneNumbers({ vendor, apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, timeoutMs: 2_000 });

  test.each([0, 1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 1])('N = %i: every id exactly once, one request per page', async (n) => {
    const server = await serve(pager(n));
    const items = await collect(clientOn(server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual(ids(n));
    expect(items.every((item) => item.vendor === vendor)).toBe(true);
    expect(server.requests).toHaveLength(Math.max(1, Math.ceil(n / PAGE_SIZE)));
  });

  test('a server that pages by 3 when asked for 5 is still read to the end', async () => {
    const n = 3 * PAGE_SIZE + 1;
    const server = await serve(pager(n, 3));
    expect((await collect(clientOn(server).listAll({ pageSize: PAGE_SIZE }))).map((item) => item.id)).toEqual(ids(n));
    expect(server.requests).toHaveLength(Math.ceil(n / 3));
  });

  test('maxPages reached → PaginationError after yielding the pages read; maxPages equal to the pages needed is enough', async () => {
    const n = 3 * PAGE_SIZE + 1;
    const server = await serve(pager(n));
    const { items, error } = await collectUntilError(clientOn(server).listAll({ pageSize: PAGE_SIZE, maxPages: 2 }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor, pages: 2 });
    expect(items.map((item) => item.id)).toEqual(ids(2 * PAGE_SIZE));
    expect(server.requests).toHaveLength(2);
    expect((await collect(clientOn(server).listAll({ pageSize: PAGE_SIZE, maxPages: 4 }))).map((item) => item.id)).toEqual(ids(n));
  });

  test('list returns one page and a cursor that list takes back', async () => {
    const numbers = clientOn(await serve(pager(PAGE_SIZE + 1)));
    const first = await numbers.list({ limit: PAGE_SIZE });
    expect(first.items.map((item) => item.id)).toEqual(ids(PAGE_SIZE));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await numbers.list({ limit: PAGE_SIZE, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual(ids(PAGE_SIZE + 1, PAGE_SIZE));
    expect(second.nextCursor).toBeNull();
  });
});

/**
 * A fake whose listing answers its `k`-th request (from 0) with the numbers of `pages[k]` and the
 * cursor `cursors(k)`, whatever cursor it was asked for.
 */
function paged(pages: number[][], cursors: (k: number) => string | null = (k) => (k + 1 < pages.length ? String(k + 1) : null)): FakeProvider {
  let k = 0;
  const page = (): ProviderPhoneNumberPage<FakeProvider> => {
    const items = (pages[k] ?? []).map((i) => fakeNumber('fake', { id: `pn-${i}`, number: `+1415555${String(i).padStart(4, '0')}` }));
    return { items, nextCursor: cursors(k++) };
  };
  return fakeProvider({ page });
}
const idsOf = (...indexes: number[]) => indexes.map((i) => `pn-${i}`);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("the facade's walk", () => {
  test('each page repeating the last item of the one before (items shifting under the listing): every id is yielded once', async () => {
    const numbers = facadeOf(paged([range(0, 5), range(4, 9), range(8, 13)]));
    expect((await collect(numbers.listAll())).map((item) => item.id)).toEqual(idsOf(...range(0, 13)));
  });

  test('an item repeated within one page is yielded once', async () => {
    const numbers = facadeOf(paged([range(0, 5), [5, 5, ...range(5, 10)], range(10, 15)]));
    expect((await collect(numbers.listAll())).map((item) => item.id)).toEqual(idsOf(...range(0, 15)));
  });

  test('ids are kept for one page only: an item two pages back is yielded again (memory holds two pages of ids)', async () => {
    const numbers = facadeOf(paged([range(0, 5), range(5, 10), [0, 5, ...range(10, 15)]]));
    expect((await collect(numbers.listAll())).map((item) => item.id)).toEqual(idsOf(...range(0, 10), 0, ...range(10, 15)));
  });

  test('an empty page that still gives a cursor is followed', async () => {
    const numbers = facadeOf(paged([[0], [], [1]]));
    expect((await collect(numbers.listAll())).map((item) => item.id)).toEqual(idsOf(0, 1));
  });

  test('a repeated cursor → PaginationError on the second page, naming the page that gave it, never the cursor', async () => {
    const provider = paged([[1], [2], [3]], () => 'same-cursor');
    const { items, error } = await collectUntilError(facadeOf(provider).listAll());
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'fake', pages: 2 });
    // The cursor is vendor text (it could echo a secret): the message names the page that gave it instead.
    expect((error as Error).message).toContain('the vendor repeated the cursor it gave on page 1');
    expect((error as Error).message).not.toContain('same-cursor');
    expect(items.map((item) => item.id)).toEqual(idsOf(1, 2));
    expect(provider.calls.map(({ args }) => (args[0] as { cursor?: string }).cursor)).toEqual([undefined, 'same-cursor']);
  });

  test('cursors that cycle A → B → A → PaginationError on the third page', async () => {
    const provider = paged([[0], [1], [2], [3]], (k) => ['A', 'B'][k % 2]!);
    const { error } = await collectUntilError(facadeOf(provider).listAll());
    expect(error).toMatchObject({ name: 'PaginationError', vendor: 'fake', pages: 3 });
    expect(provider.calls).toHaveLength(3);
  });

  // Numbered pages that say which is the last are asked for ahead of their turn (READ_AHEAD at a
  // time, inventory.test.ts): the rules above hold all the same.
  test('numbered pages stuck on page 1 → PaginationError on the second page, the pages read ahead of it given up', async () => {
    const provider = fakeProvider({ page: () => ({ items: [fakeNumber('fake', FAKE_NUMBERS[0]!)], nextCursor: '2', lastPage: 20 }) });
    const { items, error } = await collectUntilError(facadeOf(provider).listAll());
    expect(error).toMatchObject({ name: 'PaginationError', vendor: 'fake', pages: 2 });
    expect(items.map((item) => item.id)).toEqual([FAKE_NUMBERS[0]!.id]);
    expect(provider.calls.length).toBeLessThanOrEqual(1 + READ_AHEAD);
  });

  test('a numbered page that ends the listing ends it, whatever the pages read ahead of it hold', async () => {
    const provider = fakeProvider({
      page: (cursor) => {
        // Page 1 promises 20 pages; page 2, empty, ends the listing; the pages after it hold a number.
        if (cursor === undefined) return { items: [fakeNumber('fake', FAKE_NUMBERS[0]!)], nextCursor: '2', lastPage: 20 };
        if (cursor === '2') return { items: [], nextCursor: null, lastPage: 20 };
        return { items: [fakeNumber('fake', FAKE_NUMBERS[1]!)], nextCursor: String(Number(cursor) + 1), lastPage: 20 };
      },
    });
    expect((await collect(facadeOf(provider).listAll())).map((item) => item.id)).toEqual([FAKE_NUMBERS[0]!.id]);
    expect(provider.calls.length).toBeLessThanOrEqual(1 + READ_AHEAD);
  });

  test('a vendor whose cursors never end is stopped by maxPages', async () => {
    const provider = fakeProvider({
      page: (cursor) => ({ items: [fakeNumber('fake', { id: `pn-${cursor ?? 0}`, number: '+14155550100' })], nextCursor: `${Number(cursor ?? 0) + 1}` }),
    });
    const { items, error } = await collectUntilError(facadeOf(provider).listAll({ maxPages: 20 }));
    expect(error).toMatchObject({ name: 'PaginationError', pages: 20 });
    expect(items).toHaveLength(20);
    expect(provider.calls).toHaveLength(20);
  });

  test.each([
    ['an empty cursor', ''],
    ['a cursor of 100 kB', 'c'.repeat(100_000)],
  ])("%s from the vendor is the vendor's failure (InvalidResponseError), not the caller's cursor", async (_, cursor) => {
    const numbers = facadeOf(paged([[0], [1]], () => cursor));
    expect(await caught(() => numbers.list())).toMatchObject({ name: 'InvalidResponseError', vendor: 'fake', outcomeUnknown: false });
    const { error } = await collectUntilError(numbers.listAll());
    expect(error).toBeInstanceOf(InvalidResponseError);
  });
});
