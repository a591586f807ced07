import { createPhoneNumbers, InvalidResponseError, PaginationError, type VendorName } from '@switchboard/phone-numbers';
import { type LoopbackServer, type RecordedRequest, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { READ_AHEAD } from '../src/paging.js';
import { API_KEY, collect, collectUntilError } from './helpers.js';

/**
 * Loopback servers that page like each vendor, with bodies shaped by each spec's schemas:
 * - Vogent: `GET /phone_numbers?limit&cursor` → `PhoneNumberList { data, cursor }`, cursor opaque or null.
 * - Vocode: `GET /numbers/list?page&size` → `PhoneNumberPage { items, page, size, has_more, total, total_is_estimated }`.
 * - Vapi: `GET /v2/phone-number?page&limit` → `PhoneNumberPage { results, metadata: PaginationMeta }`, with
 *   `hasNextPage` or with only the required totals (`itemsPerPage`, `totalItems`, `currentPage`).
 * - Retell: `GET /v2/list-phone-numbers?limit&pagination_key` → `PhoneNumberPage { items, has_more, pagination_key }`,
 *   the key being the last number of the page (as in Retell's example), absent on the last page.
 */
type Style = 'vogent' | 'vocode' | 'vapi' | 'vapi-totals' | 'retell';
const STYLES: Style[] = ['vogent', 'vocode', 'vapi', 'vapi-totals', 'retell'];
const vendorOf = (style: Style): VendorName => (style === 'vapi-totals' ? 'vapi' : style);

const PAGE_SIZE = 5;
// Every test here is bounded three ways: the server refuses past MAX_REQUESTS, `collect` refuses
// past 1 000 items, and no test may take longer than this.
vi.setConfig({ testTimeout: 3_000 });
/** Any test that needs more requests than this is looping: the server refuses, and the test fails. */
const MAX_REQUESTS = 60;

const pad = (i: number, width: number) => String(i).padStart(width, '0');
const digits = (i: number) => `1415555${pad(i, 4)}`;
const ORG = '6b1e2f3a-9d4c-4c8e-a1b2-7f0e9d8c6b5a';
const USER = '0e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

/** The item with index `i`, as the vendor returns it. */
function rawItem(style: Style, i: number): Record<string, unknown> {
  switch (style) {
    case 'vogent':
      return { id: `pn-${pad(i, 3)}`, number: `+${digits(i)}`, type: 'PSTN', agentId: null };
    case 'vocode':
      return {
        id: `00000000-0000-4000-8000-${pad(i, 12)}`,
        user_id: USER,
        active: true,
        label: '',
        inbound_agent: null,
        outbound_only: false,
        example_context: null,
        number: digits(i),
        telephony_provider: 'vonage',
        telephony_account_connection: null,
      };
    case 'retell':
      return { phone_number: `+${digits(i)}`, phone_number_type: 'retell-twilio', inbound_agents: null, last_modification_timestamp: 1741365912330 };
    default:
      return {
        provider: 'vapi',
        id: `pn-${pad(i, 3)}`,
        orgId: ORG,
        createdAt: '2025-03-04T17:21:09.512Z',
        updatedAt: '2025-03-04T17:21:09.512Z',
        status: 'active',
        number: `+${digits(i)}`,
      };
  }
}

/** The facade id of item `i`: Vocode's and Retell's is the E.164 number. */
const facadeId = (style: Style, i: number) => (style === 'vocode' || style === 'retell' ? `+${digits(i)}` : `pn-${pad(i, 3)}`);
const facadeIds = (style: Style, n: number) => Array.from({ length: n }, (_, i) => facadeId(style, i));

interface Plan {
  n: number;
  /** Each page starts with the last item of the previous one (items shifting under the listing). */
  overlap?: boolean;
  /** The server's own maximum page size, below what the client asks for. */
  cap?: number;
}

/** Opaque Vogent cursors, with characters that must be percent-encoded to survive a query string. */
const cursorFor = (offset: number) => `c+${offset}/x==&y z`;

/** One response per request; a stateless pager over items 0..n-1, the way each vendor pages. */
function pager(style: Style, plan: Plan) {
  const cursors = new Map<string, number>();
  const window = (offset: number, size: number) => {
    const end = Math.min(offset + size, plan.n);
    const items = [] as Record<string, unknown>[];
    for (let i = offset; i < end; i++) items.push(rawItem(style, i));
    return { items, more: end < plan.n, next: offset + size - (plan.overlap ? 1 : 0) };
  };
  const size = (asked: string | null, fallback: number) => Math.min(asked === null ? fallback : Number(asked), plan.cap ?? Infinity);

  return (url: URL): [number, unknown] => {
    const q = url.searchParams;
    if (style === 'vogent') {
      if (url.pathname !== '/phone_numbers') return [404, { message: 'Not Found' }];
      const cursor = q.get('cursor');
      const offset = cursor === null ? 0 : cursors.get(cursor);
      if (offset === undefined) return [400, { message: `unknown cursor ${JSON.stringify(cursor)}` }];
      const page = window(offset, size(q.get('limit'), 100));
      const next = page.more ? cursorFor(page.next) : null;
      if (next !== null) cursors.set(next, page.next);
      return [200, { data: page.items, cursor: next }];
    }
    if (style === 'retell') {
      if (url.pathname !== '/v2/list-phone-numbers') return [404, { status: 'error', message: 'Not Found' }];
      const key = q.get('pagination_key');
      const offset = key === null ? 0 : cursors.get(key);
      if (offset === undefined) return [400, { status: 'error', message: `unknown pagination_key ${JSON.stringify(key)}` }];
      const page = window(offset, size(q.get('limit'), 50));
      if (!page.more) return [200, { items: page.items, has_more: false }];
      const last = page.items.at(-1)!.phone_number as string;
      cursors.set(last, page.next);
      return [200, { items: page.items, has_more: true, pagination_key: last }];
    }
    const pageNumber = Number(q.get('page') ?? '1');
    if (style === 'vocode') {
      if (url.pathname !== '/numbers/list') return [404, { detail: 'Not Found' }];
      const pageSize = size(q.get('size'), 10);
      const step = pageSize - (plan.overlap ? 1 : 0);
      const page = window((pageNumber - 1) * step, pageSize);
      return [200, { items: page.items, page: pageNumber, size: pageSize, has_more: page.more, total: plan.n, total_is_estimated: false }];
    }
    if (url.pathname !== '/v2/phone-number') return [404, { message: 'Not Found', statusCode: 404 }];
    const pageSize = size(q.get('limit'), 100);
    const step = pageSize - (plan.overlap ? 1 : 0);
    const page = window((pageNumber - 1) * step, pageSize);
    const metadata: Record<string, unknown> = { itemsPerPage: pageSize, totalItems: plan.n, currentPage: pageNumber };
    if (style === 'vapi') Object.assign(metadata, { totalPages: Math.ceil(plan.n / pageSize), hasNextPage: page.more, sortOrder: 'DESC' });
    return [200, { results: page.items, metadata }];
  };
}

type Answer = (url: URL, request: RecordedRequest, count: number) => [number, unknown];
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(answer: Answer): Promise<LoopbackServer> {
  let count = 0;
  const server = await startLoopbackServer((request, response) => {
    count += 1;
    if (count > MAX_REQUESTS) return sendJson(response, 400, { message: `more than ${MAX_REQUESTS} requests: the client is looping` });
    const [status, body] = answer(new URL(request.url, 'http://loopback'), request, count);
    sendJson(response, status, body);
  });
  servers.push(server);
  return server;
}

function clientOn(style: Style, server: LoopbackServer) {
  return createPhoneNumbers({ vendor: vendorOf(style), apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, timeoutMs: 2_000 });
}

const query = (request: RecordedRequest) => Object.fromEntries(new URL(request.url, 'http://loopback').searchParams);

/** How many pages a client must read: the server's pages advance by `step` items. */
function pagesFor(n: number, size: number, step: number): number {
  let pages = 1;
  for (let end = Math.min(size, n), offset = 0; end < n; pages++) {
    offset += step;
    end = Math.min(offset + size, n);
  }
  return pages;
}

/** What each request must ask for: Vogent passes its cursors back verbatim, the others count pages. */
function expectRequests(style: Style, requests: RecordedRequest[], pages: number, step: number) {
  expect(requests).toHaveLength(pages);
  // Numbered pages are asked for several at once (read ahead), so they may arrive in any order.
  const numbered = style !== 'vogent' && style !== 'retell';
  const inOrder = numbered ? requests.toSorted((a, b) => Number(query(a).page) - Number(query(b).page)) : requests;
  inOrder.forEach((request, k) => {
    if (style === 'vogent') {
      expect(query(request)).toEqual(k === 0 ? { limit: String(PAGE_SIZE) } : { limit: String(PAGE_SIZE), cursor: cursorFor(k * step) });
    } else if (style === 'retell') {
      // The key of a page is the last number of the (full) page before it.
      const key = `+${digits((k - 1) * step + PAGE_SIZE - 1)}`;
      expect(query(request)).toEqual(k === 0 ? { limit: String(PAGE_SIZE) } : { limit: String(PAGE_SIZE), pagination_key: key });
    } else if (style === 'vocode') {
      expect(query(request)).toEqual({ page: String(k + 1), size: String(PAGE_SIZE) });
    } else {
      expect(query(request)).toEqual({ page: String(k + 1), limit: String(PAGE_SIZE) });
    }
  });
}

const SIZES = [0, 1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 1];

describe.each(STYLES)('listAll over a %s-style pager', (style) => {
  test.each(SIZES)('N = %i: every id exactly once, one request per page', async (n) => {
    const server = await serve(pager(style, { n }));
    const items = await collect(clientOn(style, server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual(facadeIds(style, n));
    expect(items.every((item) => item.vendor === vendorOf(style))).toBe(true);
    expectRequests(style, server.requests, Math.max(1, Math.ceil(n / PAGE_SIZE)), PAGE_SIZE);
  });

  test('a server that pages by 3 when asked for 5 is still read to the end', async () => {
    const n = 3 * PAGE_SIZE + 1;
    const server = await serve(pager(style, { n, cap: 3 }));
    const items = await collect(clientOn(style, server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual(facadeIds(style, n));
    expect(server.requests).toHaveLength(Math.ceil(n / 3));
  });

  test('maxPages reached → PaginationError after yielding the pages read', async () => {
    const server = await serve(pager(style, { n: 3 * PAGE_SIZE + 1 }));
    const { items, error } = await collectUntilError(clientOn(style, server).listAll({ pageSize: PAGE_SIZE, maxPages: 2 }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: vendorOf(style), pages: 2 });
    expect(items.map((item) => item.id)).toEqual(facadeIds(style, 2 * PAGE_SIZE));
    expect(server.requests).toHaveLength(2);
  });

  test('maxPages equal to the pages needed is enough', async () => {
    const n = 3 * PAGE_SIZE + 1;
    const server = await serve(pager(style, { n }));
    const items = await collect(clientOn(style, server).listAll({ pageSize: PAGE_SIZE, maxPages: 4 }));
    expect(items.map((item) => item.id)).toEqual(facadeIds(style, n));
  });

  test('list returns one page and a cursor that list takes back', async () => {
    const server = await serve(pager(style, { n: PAGE_SIZE + 1 }));
    const numbers = clientOn(style, server);
    const first = await numbers.list({ limit: PAGE_SIZE });
    expect(first.items.map((item) => item.id)).toEqual(facadeIds(style, PAGE_SIZE));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await numbers.list({ limit: PAGE_SIZE, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual([facadeId(style, PAGE_SIZE)]);
    expect(second.nextCursor).toBeNull();
  });
});

describe.each(['vogent', 'vocode', 'vapi', 'retell'] as const)('items repeated on two pages (%s)', (style) => {
  test.each([PAGE_SIZE + 1, 3 * PAGE_SIZE + 1])('N = %i: each page repeats the last item of the one before; every id is yielded once', async (n) => {
    const server = await serve(pager(style, { n, overlap: true }));
    const items = await collect(clientOn(style, server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual(facadeIds(style, n));
    expectRequests(style, server.requests, pagesFor(n, PAGE_SIZE, PAGE_SIZE - 1), PAGE_SIZE - 1);
  });

  /** A pager over 3 full pages whose page `at` (counting from 1) starts with the items of the given indexes again. */
  async function serveRepeating(at: number, repeated: number[]) {
    const inner = pager(style, { n: 3 * PAGE_SIZE });
    return serve((url, _request, count) => {
      const [status, body] = inner(url);
      // Numbered pages are asked for several at once (read ahead): the page is its number, not its place in arrival order.
      const page = url.searchParams.has('page') ? Number(url.searchParams.get('page')) : count;
      if (page === at) {
        const record = body as Record<string, unknown[]>;
        const key = style === 'vogent' ? 'data' : style === 'vocode' || style === 'retell' ? 'items' : 'results';
        record[key] = [...repeated.map((i) => rawItem(style, i)), ...record[key]!];
      }
      return [status, body];
    });
  }

  test('an item repeated within one page is yielded once', async () => {
    const server = await serveRepeating(2, [PAGE_SIZE, PAGE_SIZE]);
    const items = await collect(clientOn(style, server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual(facadeIds(style, 3 * PAGE_SIZE));
  });

  test('ids are kept for one page only: an item two pages back is yielded again (memory holds two pages of ids)', async () => {
    const server = await serveRepeating(3, [0, PAGE_SIZE]);
    const items = await collect(clientOn(style, server).listAll({ pageSize: PAGE_SIZE }));
    const ids = facadeIds(style, 3 * PAGE_SIZE);
    // Item 5 was on the page before: skipped. Item 0 was two pages back: a shift that far is not caught.
    expect(items.map((item) => item.id)).toEqual([...ids.slice(0, 2 * PAGE_SIZE), ids[0], ...ids.slice(2 * PAGE_SIZE)]);
  });
});

describe('servers that would make listAll loop', () => {
  /**
   * The listing ended on page 2. The totals promised more pages, so the pages after it were asked
   * for with it, READ_AHEAD requests at once (arriving in any order); those the walk then aborted
   * may not have reached the server.
   */
  function expectPageTwoAndItsReadAhead(server: LoopbackServer) {
    const pages = server.requests.map((request) => Number(query(request).page));
    expect(pages[0]).toBe(1);
    expect(pages).toContain(2);
    expect(pages.length).toBeLessThanOrEqual(1 + READ_AHEAD);
    expect(Math.max(...pages)).toBeLessThanOrEqual(1 + READ_AHEAD);
  }

  test('vogent repeats its cursor → PaginationError on the second page', async () => {
    const server = await serve((_url, _request, count) => [200, { data: [rawItem('vogent', count)], cursor: 'same-cursor' }]);
    const { items, error } = await collectUntilError(clientOn('vogent', server).listAll({ pageSize: PAGE_SIZE }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'vogent', pages: 2 });
    // The cursor is vendor text (it could echo a secret): the message names the page that gave it instead.
    expect((error as Error).message).toContain('the vendor repeated the cursor it gave on page 1');
    expect((error as Error).message).not.toContain('same-cursor');
    expect(items.map((item) => item.id)).toEqual([facadeId('vogent', 1), facadeId('vogent', 2)]);
    expect(server.requests.map((request) => query(request).cursor)).toEqual([undefined, 'same-cursor']);
  });

  test('vogent cursors that cycle A → B → A → PaginationError on the third page', async () => {
    const cycle = ['cursor-A', 'cursor-B'];
    const server = await serve((_url, _request, count) => [200, { data: [rawItem('vogent', count)], cursor: cycle[(count - 1) % 2] }]);
    const { error } = await collectUntilError(clientOn('vogent', server).listAll());
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'vogent', pages: 3 });
    expect(server.requests).toHaveLength(3);
  });

  test.each([
    ['hasNextPage always true', { hasNextPage: true }],
    ['totals that promise more', {}],
  ])('vapi stuck on page 1 (%s) → PaginationError on the second page', async (_, extra) => {
    const server = await serve(() => [
      200,
      { results: [rawItem('vapi', 0)], metadata: { itemsPerPage: PAGE_SIZE, totalItems: 100, currentPage: 1, ...extra } },
    ]);
    const { items, error } = await collectUntilError(clientOn('vapi', server).listAll({ pageSize: PAGE_SIZE }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'vapi', pages: 2 });
    expect(items).toHaveLength(1);
    expectPageTwoAndItsReadAhead(server);
  });

  test('vapi: an empty page that still claims more ends the listing', async () => {
    const server = await serve((url) => {
      const page = Number(url.searchParams.get('page'));
      const results = page === 1 ? [rawItem('vapi', 0)] : [];
      return [200, { results, metadata: { itemsPerPage: PAGE_SIZE, totalItems: 100, currentPage: page, hasNextPage: true } }];
    });
    const items = await collect(clientOn('vapi', server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual([facadeId('vapi', 0)]);
    expectPageTwoAndItsReadAhead(server);
  });

  test('vocode: an empty page that still claims has_more ends the listing', async () => {
    const server = await serve((url) => {
      const page = Number(url.searchParams.get('page'));
      const items = page === 1 ? [rawItem('vocode', 0)] : [];
      return [200, { items, page, size: PAGE_SIZE, has_more: true, total: 100, total_is_estimated: true }];
    });
    const items = await collect(clientOn('vocode', server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual([facadeId('vocode', 0)]);
    expectPageTwoAndItsReadAhead(server);
  });

  test('vocode stuck on page 1 (ignores `page`, always has_more) → PaginationError, like vapi', async () => {
    // The server answers `page: 1` whatever page was asked for. After 25 requests it gives up
    // (has_more: false) so that the test ends either way; the default page cap is 10 000.
    const server = await serve((_url, _request, count) => [
      200,
      { items: [rawItem('vocode', 0), rawItem('vocode', 1)], page: 1, size: PAGE_SIZE, has_more: count < 25, total: 100, total_is_estimated: false },
    ]);
    const { items, error } = await collectUntilError(clientOn('vocode', server).listAll({ pageSize: PAGE_SIZE }));
    expect(items).toHaveLength(2);
    expect(error).toBeInstanceOf(PaginationError);
    expectPageTwoAndItsReadAhead(server);
  });

  test('retell repeats its pagination_key → PaginationError on the second page', async () => {
    const server = await serve((_url, _request, count) => [200, { items: [rawItem('retell', count)], has_more: true, pagination_key: '+14155550177' }]);
    const { items, error } = await collectUntilError(clientOn('retell', server).listAll({ pageSize: PAGE_SIZE }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'retell', pages: 2 });
    expect(items.map((item) => item.id)).toEqual([facadeId('retell', 1), facadeId('retell', 2)]);
    expect(server.requests.map((request) => query(request).pagination_key)).toEqual([undefined, '+14155550177']);
  });

  test('retell: an empty page that still claims has_more is followed by its key, like any cursor', async () => {
    const pages: Record<string, [number, unknown]> = {
      first: [200, { items: [rawItem('retell', 0)], has_more: true, pagination_key: 'key-1' }],
      'key-1': [200, { items: [], has_more: true, pagination_key: 'key-2' }],
      'key-2': [200, { items: [rawItem('retell', 1)], has_more: false }],
    };
    const server = await serve((url) => pages[url.searchParams.get('pagination_key') ?? 'first'] ?? [400, { message: 'unknown key' }]);
    const items = await collect(clientOn('retell', server).listAll({ pageSize: PAGE_SIZE }));
    expect(items.map((item) => item.id)).toEqual([facadeId('retell', 0), facadeId('retell', 1)]);
    expect(server.requests.map((request) => query(request).pagination_key)).toEqual([undefined, 'key-1', 'key-2']);
  });

  test('retell: empty pages that claim has_more with the same key → PaginationError, not a silent end', async () => {
    const server = await serve((url) => {
      const first = url.searchParams.get('pagination_key') === null;
      return [200, { items: first ? [rawItem('retell', 0)] : [], has_more: true, pagination_key: first ? `+${digits(0)}` : `+${digits(1)}` }];
    });
    const { items, error } = await collectUntilError(clientOn('retell', server).listAll({ pageSize: PAGE_SIZE }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'retell', pages: 3 });
    expect(items.map((item) => item.id)).toEqual([facadeId('retell', 0)]);
    expect(server.requests).toHaveLength(3);
  });

  test('retell: has_more without a pagination_key is an InvalidResponseError, not a silent end', async () => {
    const server = await serve(() => [200, { items: [rawItem('retell', 0)], has_more: true }]);
    const { items, error } = await collectUntilError(clientOn('retell', server).listAll({ pageSize: PAGE_SIZE }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ vendor: 'retell', operation: 'listPhoneNumbers' });
    expect(items).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  test('a vendor whose cursors never end is stopped by maxPages', async () => {
    let next = 0;
    const server = await serve(() => [200, { data: [rawItem('vogent', next)], cursor: `cursor-${++next}` }]);
    const { items, error } = await collectUntilError(clientOn('vogent', server).listAll({ maxPages: 20 }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ pages: 20 });
    expect(items).toHaveLength(20);
    expect(server.requests).toHaveLength(20);
  });
});
