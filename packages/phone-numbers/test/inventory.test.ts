/**
 * A whole inventory in one round trip's time: `listAll` walks every vendor of a switchboard at
 * once, asks each for the largest page it documents, reads numbered pages ahead (a bounded number
 * at a time), keeps a page of ids per vendor, and stops every walk on a cancellation, while one
 * failing vendor still does not hide the others.
 *
 * Against every vendor of the registry (their Prism mocks, behind fault servers) and against a
 * made-up vendor (`fakeVendor`): a provider built on core's client, as the shipped ones are,
 * whose loopback API holds, fails or repeats the pages a test chooses.
 */
import { readFileSync } from 'node:fs';
import { createApiClient, objectSchema, type SpecMetadata, UnsupportedOperationError } from '@switchboard/core';
import {
  type AnyPhoneNumberProvider,
  CancelledError,
  type ClientOptions,
  createProviderPhoneNumbers,
  createProviderSwitchboard,
  createSwitchboard,
  PartialFailureError,
  ServerError,
  UnprocessableEntityError,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { createCapabilities, pickVendorOptions, specListing } from '@switchboard/provider';
import { type FaultServer, sendJson, specPath, startFaultServer, startLoopbackServer } from '@switchboard/testing';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { READ_AHEAD } from '../src/paging.js';
import { API_KEY, caught, collect, collectUntilError, pathPattern, prismUrl, recorder } from './helpers.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A fault server in front of the vendor's Prism mock, closed after the test. */
async function faultServer(vendor: VendorName, faults: Parameters<typeof startFaultServer>[0]['faults']): Promise<FaultServer> {
  const server = await startFaultServer({ upstream: prismUrl(vendor), faults });
  closers.push(() => server.close());
  return server;
}

const clientOptions = (baseUrl: string, fetch?: (request: Request) => Promise<Response>) => ({ apiKey: API_KEY, baseUrl, maxRetries: 0, fetch });

/** A switchboard over every vendor of the registry, each at the base URL `urlOf` gives it. */
function everyVendor(urlOf: (vendor: VendorName) => string) {
  return createSwitchboard(Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, clientOptions(urlOf(vendor))])) as Record<VendorName, ClientOptions>);
}

/** The number of the made-up vendors' item `i`. */
const numberOf = (i: number) => `+1415555${String(i).padStart(4, '0')}`;

interface FakePage {
  items: { id: string; number: string }[];
  next: string | null;
  lastPage?: number;
}
interface FakePaths {
  '/numbers': {
    get: {
      parameters: { query?: { page?: number; cursor?: string; limit?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': FakePage } } };
    };
  };
}

interface FakeVendorOptions {
  /** The item indexes of each page, in order. */
  pages: number[][];
  /** Page numbers (its pages then say which is the last), or cursors only a page gives. */
  cursors: 'page-number' | 'opaque';
  /** Numbered pages that do not say which is the last (a vendor that reports no total). */
  noLastPage?: true;
  /** The page-size maximum its spec documents (none when left out). */
  maxPageSize?: number;
  /** Pages from this one on are answered only once `release()` is called. */
  holdFrom?: number;
  /** The next page a page names, other than the one after it. */
  nextAfter?: (page: number) => number | undefined;
  /** A status other than 200 to answer a request with. */
  status?: (page: number, query: URLSearchParams) => number | undefined;
  /** The client's fetch (to watch its requests). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A made-up vendor `name`: a loopback API (`GET /numbers?limit&page`, or `?limit&cursor` with
 * opaque cursors, answering `{ items, next, lastPage }`) and its provider, whose listing comes
 * from its spec by `specListing`, as a shipped provider's does, and whose numbered pages give
 * `lastPage`.
 */
async function fakeVendor(name: string, options: FakeVendorOptions) {
  const { pages, cursors } = options;
  /** The page number of each request, in arrival order. */
  const asked: number[] = [];
  /** Requests the client gave up (closed) before they were answered. */
  const abandoned: number[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = await startLoopbackServer(async (request, response) => {
    const query = new URL(request.url, 'http://loopback').searchParams;
    const page = cursors === 'page-number' ? Number(query.get('page') ?? '1') : Number(query.get('cursor')?.replace('after-page-', '') ?? '0') + 1;
    asked.push(page);
    response.on('close', () => {
      if (!response.writableEnded) abandoned.push(page);
    });
    if (page >= (options.holdFrom ?? Infinity)) await released;
    const status = options.status?.(page, query);
    if (status !== undefined) return sendJson(response, status, { message: `status ${status}` });
    const following = options.nextAfter?.(page) ?? page + 1;
    const next = following > pages.length ? null : cursors === 'page-number' ? String(following) : `after-page-${following - 1}`;
    const items = (pages[page - 1] ?? []).map((i) => ({ id: `${name}-${i}`, number: numberOf(i) }));
    sendJson(response, 200, { items, next, lastPage: pages.length });
  });
  closers.push(() => server.close());

  const spec: SpecMetadata = {
    vendor: name,
    defaultBaseUrl: server.url,
    secretKeys: [],
    schemas: {},
    operations: {
      'GET /numbers': {
        operationId: 'listNumbers',
        idempotent: true,
        query: objectSchema({
          page: 'integer',
          cursor: 'string',
          limit: { type: 'integer', minimum: 1, ...(options.maxPageSize === undefined ? {} : { maximum: options.maxPageSize }) },
        }),
        response: objectSchema({ items$: { type: 'array', items: objectSchema({ id$: 'string', number$: 'string' }) }, next$: { type: ['string', 'null'] } }),
      },
    },
  };
  const client = createApiClient<FakePaths>(spec, { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, fetch: options.fetch });
  const lacks = (operation: string) => () => Promise.reject(new UnsupportedOperationError(name, operation));
  const provider: AnyPhoneNumberProvider = {
    specificationVersion: 'v1',
    vendor: name,
    capabilities: { list: true, get: false, update: false, release: false, searchAvailable: false, create: createCapabilities() },
    idRule: 'opaque',
    vendorOptions: pickVendorOptions({}, {}),
    listing: specListing(spec, 'GET /numbers', 'limit'),
    async list({ limit, cursor }, call) {
      const position = cursor === undefined ? {} : cursors === 'page-number' ? { page: Number(cursor) } : { cursor };
      const { data } = await client.GET('/numbers', { ...call, params: { query: { ...position, ...(limit === undefined ? {} : { limit }) } } });
      const items = data.items.map((item) => ({
        vendor: name,
        ...item,
        kind: 'pstn' as const,
        canReceiveCalls: null,
        canPlaceCalls: null,
        agentId: null,
        name: null,
        createdAt: null,
        raw: item,
      }));
      const numbered = cursors === 'page-number' && !options.noLastPage && data.lastPage !== undefined;
      return { items, nextCursor: data.next, ...(numbered ? { lastPage: data.lastPage } : {}) };
    },
    get: lacks('get'),
    create: lacks('create'),
    update: lacks('update'),
    release: lacks('release'),
  };
  return { provider, numbers: createProviderPhoneNumbers(provider), asked, abandoned, release, requests: server.requests };
}

/** The page numbers from `first` to `last`. */
const pageRange = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, k) => first + k);

/** `count` pages of `size` items, numbered from 0. */
const pagesOf = (count: number, size: number) => Array.from({ length: count }, (_, page) => Array.from({ length: size }, (_, k) => page * size + k));

/** A fetch that counts the requests in flight (sent, not yet answered) and the most at once. */
function inFlight() {
  const counts = { now: 0, most: 0 };
  const fetchAndCount = async (request: Request) => {
    counts.most = Math.max(counts.most, ++counts.now);
    try {
      return await fetch(request);
    } finally {
      counts.now--;
    }
  };
  return { counts, fetch: fetchAndCount };
}

describe('every vendor of a switchboard is listed at once', () => {
  test("every vendor's first request arrives before any vendor has answered; cancelling ends every walk", async () => {
    const servers = Object.fromEntries(
      await Promise.all(VENDOR_NAMES.map(async (vendor) => [vendor, await faultServer(vendor, () => ({ kind: 'hang' }))])),
    ) as Record<VendorName, FaultServer>;
    const controller = new AbortController();
    const listing = collectUntilError(everyVendor((vendor) => servers[vendor].url).listAll({}, { signal: controller.signal }));
    // Nothing is ever answered: a listing that waited for one vendor before asking the next would stop at the first.
    await vi.waitFor(() => expect(VENDOR_NAMES.filter((vendor) => servers[vendor].requests.length === 0)).toEqual([]), { timeout: 5_000 });
    controller.abort();
    const { items, error } = await listing;
    expect(items).toEqual([]);
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(VENDOR_NAMES.map((vendor) => servers[vendor].requests.length)).toEqual(VENDOR_NAMES.map(() => 1));
  });
});

describe('page size: the largest each vendor documents', () => {
  type SpecSchema = { maximum?: number; $ref?: string };
  type SpecParameter = { name: string; in: string; schema?: SpecSchema; $ref?: string };
  type Spec = {
    paths: Record<string, { get?: { parameters?: SpecParameter[] } }>;
    components?: { parameters?: Record<string, SpecParameter>; schemas?: Record<string, SpecSchema> };
  };

  /** The `maximum` the vendor's spec documents for `parameter` of the GET operation at `path`. */
  function documentedMaximum(vendor: VendorName, path: string, parameter: string): number | undefined {
    const spec = parse(readFileSync(specPath(vendor), 'utf8')) as Spec;
    const [, item] = Object.entries(spec.paths).find(([template, methods]) => methods.get && pathPattern(template).test(path))!;
    const component = (ref: string) => ref.split('/').at(-1)!;
    const resolve = (p: SpecParameter) => (p.$ref ? spec.components!.parameters![component(p.$ref)]! : p);
    const schema = item.get!.parameters!.map(resolve).find((p) => p.in === 'query' && p.name === parameter)!.schema;
    return (schema?.$ref ? spec.components!.schemas![component(schema.$ref)] : schema)?.maximum;
  }

  test.each(VENDOR_NAMES)("%s: listAll() asks for pages of its spec's maximum, or of 1000 where it documents none", async (vendor) => {
    const rec = recorder();
    const board = createSwitchboard({ [vendor]: clientOptions(prismUrl(vendor), rec.fetch) } as Record<VendorName, ClientOptions>);
    // Which query parameter is the page size: the one that carries a page size the caller chose.
    await collect(board.listAll({ pageSize: 7 }));
    const sizeParameter = Object.entries(rec.requests[0]!.query).find(([, value]) => value === '7')![0];
    await collect(board.listAll());
    const { path, query } = rec.requests.at(-1)!;
    // 1000 is the facade's own ceiling for a page.
    expect(query[sizeParameter]).toBe(String(documentedMaximum(vendor, path, sizeParameter) ?? 1000));
  });

  test('a vendor that documents no maximum and refuses 1000 is walked at its own default page size', async () => {
    const vendor = await fakeVendor('undocumented', {
      pages: pagesOf(3, 5),
      cursors: 'opaque',
      status: (_, query) => (Number(query.get('limit') ?? '5') > 100 ? 422 : undefined),
    });
    const numbers = await collect(vendor.numbers.listAll());
    expect(numbers.map((number) => number.number)).toEqual(pagesOf(3, 5).flat().map(numberOf));
    expect(vendor.requests.map((request) => new URL(request.url, 'http://loopback').searchParams.get('limit'))).toEqual(['1000', null, null, null]);
    // A page size the caller chose is the caller's: its refusal is the answer.
    const { error } = await collectUntilError(vendor.numbers.listAll({ pageSize: 500 }));
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
  });

  test('a documented maximum is asked for as it is', async () => {
    const vendor = await fakeVendor('documented', { pages: pagesOf(1, 3), cursors: 'opaque', maxPageSize: 250 });
    await collect(vendor.numbers.listAll());
    expect(new URL(vendor.requests[0]!.url, 'http://loopback').searchParams.get('limit')).toBe('250');
  });

  test("specListing reads the maximum of a spec's page-size parameter, and refuses a parameter the spec lacks", () => {
    const query = objectSchema({ limit: { type: 'integer', maximum: 250 }, size: 'integer' });
    const spec = { vendor: 'made-up', operations: { 'GET /numbers': { operationId: 'listNumbers', idempotent: true, query } } };
    expect(specListing(spec, 'GET /numbers', 'limit')).toEqual({ maxPageSize: 250 });
    expect(specListing(spec, 'GET /numbers', 'size').maxPageSize).toBeUndefined();
    expect(() => specListing(spec, 'GET /numbers', 'per_page')).toThrow("the made-up spec's GET /numbers has no query parameter per_page");
    expect(() => specListing(spec, 'GET /list', 'limit')).toThrow("the made-up spec's GET /list has no query parameter limit");
  });
});

describe('numbered pages are read ahead, a bounded number at a time', () => {
  test(`page n is asked for with the ${READ_AHEAD - 1} after it, never more in flight, each page once`, async () => {
    const watch = inFlight();
    const vendor = await fakeVendor('numbered', { pages: pagesOf(10, 5), cursors: 'page-number', holdFrom: 2, fetch: watch.fetch });
    const listing = collect(vendor.numbers.listAll());
    // Page 1 answered, the walk asks for page 2 and those after it, and waits: none of them is answered yet.
    await vi.waitFor(() => expect(vendor.asked.toSorted((a, b) => a - b)).toEqual(pageRange(1, 1 + READ_AHEAD)), { timeout: 5_000 });
    expect(watch.counts.now).toBe(READ_AHEAD);
    vendor.release();
    expect((await listing).map((number) => number.id)).toEqual(
      pagesOf(10, 5)
        .flat()
        .map((i) => `numbered-${i}`),
    );
    expect(vendor.asked.toSorted((a, b) => a - b)).toEqual(pageRange(1, 10));
    expect(watch.counts.most).toBe(READ_AHEAD);
  });

  test('the next page is asked for as soon as its cursor is known, while the numbers of the page before are read', async () => {
    const vendor = await fakeVendor('eager', { pages: pagesOf(3, 5), cursors: 'opaque', holdFrom: 2 });
    const listing = vendor.numbers.listAll()[Symbol.asyncIterator]();
    expect((await listing.next()).value).toMatchObject({ id: 'eager-0' });
    // One number of page 1 taken, four still to come: page 2 is already on its way.
    await vi.waitFor(() => expect(vendor.asked).toEqual([1, 2]), { timeout: 5_000 });
    vendor.release();
    const rest: string[] = [];
    for (let step = await listing.next(); !step.done; step = await listing.next()) rest.push(step.value.id);
    expect(rest).toEqual(
      pagesOf(3, 5)
        .flat()
        .slice(1)
        .map((i) => `eager-${i}`),
    );
  });

  test('opaque cursors are followed one page at a time', async () => {
    const watch = inFlight();
    const vendor = await fakeVendor('opaque', { pages: pagesOf(6, 5), cursors: 'opaque', fetch: watch.fetch });
    expect(await collect(vendor.numbers.listAll())).toHaveLength(30);
    expect(vendor.asked).toEqual([1, 2, 3, 4, 5, 6]);
    expect(watch.counts.most).toBe(1);
  });

  test('numbered pages that do not say which is the last are asked for one at a time', async () => {
    const watch = inFlight();
    const vendor = await fakeVendor('untotalled', { pages: pagesOf(6, 5), cursors: 'page-number', noLastPage: true, fetch: watch.fetch });
    expect(await collect(vendor.numbers.listAll())).toHaveLength(30);
    expect(vendor.asked).toEqual([1, 2, 3, 4, 5, 6]);
    expect(watch.counts.most).toBe(1);
  });

  test('a page naming another next page than the one after it: that cursor is followed, one page at a time from then on', async () => {
    // Page 2 names the first page past those asked for with it (3 to 1 + READ_AHEAD), which are dropped.
    const jump = 2 + READ_AHEAD;
    const pages = pagesOf(jump + 2, 2);
    const watch = inFlight();
    const vendor = await fakeVendor('jumping', { pages, cursors: 'page-number', nextAfter: (page) => (page === 2 ? jump : undefined), fetch: watch.fetch });
    const numbers = await collect(vendor.numbers.listAll());
    expect(numbers.map((number) => number.id)).toEqual([...pages[0]!, ...pages[1]!, ...pages.slice(jump - 1).flat()].map((i) => `jumping-${i}`));
    expect(vendor.asked.toSorted((a, b) => a - b)).toEqual(pageRange(1, jump + 2));
    expect(vendor.asked.filter((page) => page >= jump)).toEqual([jump, jump + 1, jump + 2]);
    expect(watch.counts.most).toBeLessThanOrEqual(READ_AHEAD);
  });

  test('nothing past the page cap is asked for', async () => {
    const vendor = await fakeVendor('capped', { pages: pagesOf(10, 5), cursors: 'page-number' });
    const { items, error } = await collectUntilError(vendor.numbers.listAll({ maxPages: 3 }));
    expect(items).toHaveLength(15);
    expect(error).toMatchObject({ name: 'PaginationError', pages: 3 });
    expect(vendor.asked.toSorted((a, b) => a - b)).toEqual([1, 2, 3]);
  });
});

describe('the ids kept: one page of them per vendor', () => {
  test('a number repeated from the page before is skipped, one from two pages back is listed again, read ahead or not', async () => {
    // Page 3 repeats item 9 (on page 2) and item 0 (on page 1, two pages back: no longer remembered).
    const pages = [...pagesOf(2, 5), [9, 0, 10, 11, 12]];
    const vendor = await fakeVendor('repeating', { pages, cursors: 'page-number' });
    expect((await collect(vendor.numbers.listAll())).map((number) => number.id)).toEqual([...pagesOf(2, 5).flat(), 0, 10, 11, 12].map((i) => `repeating-${i}`));
  });

  test("a vendor's phone numbers the facade did not build (a wrapper of them) are listed with the others", async () => {
    const [wrapped, plain] = await Promise.all(['wrapped', 'plain'].map((name) => fakeVendor(name, { pages: pagesOf(2, 3), cursors: 'opaque' })));
    const wrapper = { ...wrapped!.numbers, listAll: wrapped!.numbers.listAll };
    const numbers = await collect(createProviderSwitchboard([wrapper, plain!.numbers]).listAll());
    expect(numbers.filter((number) => number.vendor === 'wrapped').map((number) => number.id)).toEqual(
      pagesOf(2, 3)
        .flat()
        .map((i) => `wrapped-${i}`),
    );
    expect(numbers.filter((number) => number.vendor === 'plain')).toHaveLength(6);
  });

  test('ids are kept per vendor: two vendors may list the same id', async () => {
    const [left, right] = await Promise.all(['left', 'right'].map((name) => fakeVendor(name, { pages: pagesOf(2, 3), cursors: 'page-number' })));
    const board = createProviderSwitchboard([left!.numbers, right!.numbers]);
    const numbers = await collect(board.listAll());
    expect(numbers.filter((number) => number.vendor === 'left').map((number) => number.number)).toEqual(pagesOf(2, 3).flat().map(numberOf));
    expect(numbers.filter((number) => number.vendor === 'right').map((number) => number.number)).toEqual(pagesOf(2, 3).flat().map(numberOf));
  });
});

describe('cancellation', () => {
  test('aborting the signal cancels every request in flight, read ahead ones included, and asks for nothing more', async () => {
    const vendor = await fakeVendor('cancelled', { pages: pagesOf(10, 5), cursors: 'page-number', holdFrom: 2 });
    const controller = new AbortController();
    const listing = collectUntilError(vendor.numbers.listAll({}, { signal: controller.signal }));
    await vi.waitFor(() => expect(vendor.asked).toHaveLength(1 + READ_AHEAD), { timeout: 5_000 });
    controller.abort();
    const { items, error } = await listing;
    expect(items).toHaveLength(5);
    expect(CancelledError.isInstance(error)).toBe(true);
    await vi.waitFor(() => expect(vendor.abandoned.toSorted((a, b) => a - b)).toEqual(pageRange(2, 1 + READ_AHEAD)), { timeout: 5_000 });
    expect(vendor.asked).toHaveLength(1 + READ_AHEAD);
  });

  test('a consumer that stops early ends the walk: the pages read ahead are cancelled', async () => {
    const vendor = await fakeVendor('abandoned', { pages: pagesOf(10, 5), cursors: 'page-number', holdFrom: 3 });
    const seen: string[] = [];
    for await (const number of vendor.numbers.listAll()) {
      seen.push(number.id);
      if (seen.length < 6) continue;
      // Page 2 is being read: stop once its read-ahead requests have reached the server (a request
      // aborted before it connects never arrives, and would prove nothing).
      await vi.waitFor(() => expect(vendor.asked).toHaveLength(2 + READ_AHEAD), { timeout: 5_000 });
      break;
    }
    expect(seen).toHaveLength(6);
    // Page 2 was answered; the pages asked for once it had arrived were not.
    await vi.waitFor(() => expect(vendor.abandoned.toSorted((a, b) => a - b)).toEqual(pageRange(3, 2 + READ_AHEAD)), { timeout: 5_000 });
  });
});

describe('one failing vendor does not hide the others', () => {
  const serverError = () => ({ kind: 'status' as const, status: 500, body: { message: 'internal error' } });

  test.each(VENDOR_NAMES)('%s failing: every other vendor is listed in full, and the failure is reported as its own', async (failing) => {
    const everyNumber = await collect(everyVendor(prismUrl).listAll());
    const server = await faultServer(failing, serverError);
    const { items, error } = await collectUntilError(everyVendor((vendor) => (vendor === failing ? server.url : prismUrl(vendor))).listAll());
    for (const vendor of VENDOR_NAMES.filter((other) => other !== failing)) {
      expect(items.filter((number) => number.vendor === vendor)).toEqual(everyNumber.filter((number) => number.vendor === vendor));
    }
    expect(items.filter((number) => number.vendor === failing)).toEqual([]);
    expect(PartialFailureError.isInstance(error)).toBe(true);
    const { failures } = error as PartialFailureError;
    expect(failures.map(({ vendor, error: cause }) => [vendor, ServerError.isInstance(cause)])).toEqual([[failing, true]]);
  });

  test('several failing: the failures come in the order of the vendors, whichever failed first', async () => {
    const [working, ...failing] = [...VENDOR_NAMES].reverse();
    const servers = new Map(await Promise.all(failing.map(async (vendor) => [vendor, await faultServer(vendor, serverError)] as const)));
    const { error } = await collectUntilError(everyVendor((vendor) => servers.get(vendor)?.url ?? prismUrl(vendor)).listAll());
    expect(PartialFailureError.isInstance(error)).toBe(true);
    expect((error as PartialFailureError).failures.map(({ vendor }) => vendor)).toEqual(VENDOR_NAMES.filter((vendor) => vendor !== working));
  });

  test('a vendor failing after its first page keeps what it listed; the others go on to the end', async () => {
    const failing = await fakeVendor('failing', { pages: pagesOf(4, 5), cursors: 'page-number', status: (page) => (page === 3 ? 500 : undefined) });
    const working = await fakeVendor('working', { pages: pagesOf(4, 5), cursors: 'opaque' });
    const { items, error } = await collectUntilError(createProviderSwitchboard([failing.numbers, working.numbers]).listAll());
    expect(items.filter((number) => number.vendor === 'failing')).toHaveLength(10);
    expect(items.filter((number) => number.vendor === 'working')).toHaveLength(20);
    expect((error as PartialFailureError).failures.map(({ vendor, error: cause }) => [vendor, ServerError.isInstance(cause)])).toEqual([['failing', true]]);
  });

  test('bad input is refused before any vendor is asked', async () => {
    const servers = await Promise.all(VENDOR_NAMES.map((vendor) => faultServer(vendor, () => 'pass')));
    const error = await caught(() => collect(everyVendor((vendor) => servers[VENDOR_NAMES.indexOf(vendor)]!.url).listAll({ pageSize: 1001 })));
    expect(error).toMatchObject({ name: 'ValidationError', field: 'pageSize' });
    expect(servers.map((server) => server.requests.length)).toEqual(VENDOR_NAMES.map(() => 0));
  });
});
