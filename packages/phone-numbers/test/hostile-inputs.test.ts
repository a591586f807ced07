import {
  createPhoneNumbers,
  createProviderPhoneNumbers,
  createSwitchboard,
  InvalidResponseError,
  PartialFailureError,
  UnsupportedOperationError,
  ValidationError,
  type VendorName,
} from '@switchboard/phone-numbers';
import { type FaultProgram, type FaultServer, startFaultServer } from '@switchboard/testing';
import { createVapiProvider } from '@switchboard/vapi';
import { afterAll, describe, expect, test } from 'vitest';
import { API_KEY, caught, collectUntilError, onPrism, prismUrl, recorder, specExample } from './helpers.js';

// Issue 21's audit, the facade and provider layer: inputs a caller gets wrong, and answers a
// hostile or broken vendor sends. Inputs are tried against each vendor's Prism mock (nothing may
// be sent); answers come from a real fault server in front of the mock.

/** The facade as plain JavaScript callers see it: every argument `unknown`. */
interface Loose {
  list(options?: unknown): Promise<unknown>;
  listAll(options?: unknown): AsyncIterable<unknown>;
  create(input: unknown, options?: unknown): Promise<unknown>;
  update(id: unknown, changes: unknown): Promise<unknown>;
  searchAvailable(query: unknown): Promise<unknown>;
}
const loose = (numbers: unknown) => numbers as Loose;

/** The error of `call` on a fresh client of `vendor` on its mock, and the requests it sent. */
async function attempt(vendor: VendorName, call: (numbers: Loose) => unknown) {
  const rec = recorder();
  const error = await caught(() => call(loose(onPrism(vendor, rec))));
  return { error, sent: rec.requests.map((request) => `${request.method} ${request.path}`) };
}

const open = new Set<FaultServer>();
afterAll(async () => {
  await Promise.all([...open].map((server) => server.close()));
});

/** A fault server in front of the vendor's mock, closed after the file. */
async function faultServer(vendor: VendorName, faults: FaultProgram): Promise<FaultServer> {
  const server = await startFaultServer({ upstream: prismUrl(vendor), faults });
  open.add(server);
  return server;
}

type Change = (body: Record<string, unknown>) => void;

/** For the GETs of `path`: the vendor's mock answer (its spec's first example at `specPath`), changed by `change`. */
function answerWith(vendor: VendorName, path: string, specPath: string, change: Change): FaultProgram {
  return (request) => {
    if (request.method !== 'GET' || request.path !== path) return undefined;
    const body = structuredClone(specExample(vendor, 'GET', specPath, 200)) as Record<string, unknown>;
    change(body);
    return { kind: 'status', status: 200, body };
  };
}

const facadeOn = (vendor: VendorName, server: FaultServer) =>
  createPhoneNumbers({ vendor, apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, timeoutMs: 5_000 });

describe('an area code is ASCII digits wherever the neutral input has one, checked before any request', () => {
  test.each<[VendorName, string, string, string]>([
    ['vapi', 'full-width digits', 'digits', '４１５'],
    ['vapi', 'a line break', 'digits', '4\r\n'],
    ['vocode', 'full-width digits', 'digits', '４１５'],
    ['vocode', 'a line break', 'digits', '415\r\n'],
    ['vocode', 'a leading space', 'digits', ' 415'],
    ['vocode', '500 digits', 'max-length', '4'.repeat(500)],
    ['retell', 'full-width digits', 'digits', '４１５'],
    ['retell', '500 digits', 'max-length', '4'.repeat(500)],
    // Retell takes the area code as an integer: 0415 would buy in 415.
    ['retell', 'a leading zero', 'format', '0415'],
  ])('%s purchase, an area code of %s → areaCode: %s', async (vendor, _, rule, areaCode) => {
    const { error, sent } = await attempt(vendor, (n) => n.create({ type: 'purchase', areaCode }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'areaCode', rule });
    expect(sent).toEqual([]);
  });

  test.each([
    ['areaCode', '４１５'],
    ['prefix', '415\n'],
  ])('vogent searchAvailable by %s %j → digits, like a create', async (field, value) => {
    const { error, sent } = await attempt('vogent', (n) => n.searchAvailable({ [field]: value }));
    expect(error).toMatchObject({ name: 'ValidationError', field, rule: 'digits' });
    expect(sent).toEqual([]);
  });
});

describe('a misspelt option is refused before any request, naming it, not silently ignored', () => {
  test.each<[string, VendorName, (n: Loose) => unknown, string, string]>([
    ['list', 'vapi', (n) => n.list({ limt: 5 }), 'limt', 'a list option (limit, cursor)'],
    ['listAll', 'vocode', (n) => n.listAll({ pageSiz: 5 }), 'pageSiz', 'a listAll option (pageSize, maxPages, signal, timeoutMs, headers)'],
    [
      'create',
      'vapi',
      (n) => n.create({ type: 'purchase' }, { vendorOption: { vapi: { name: 'Support' } } }),
      'vendorOption',
      'a create option (vendorOptions, signal',
    ],
    [
      'vendorOptions',
      'vapi',
      (n) => n.create({ type: 'purchase' }, { vendorOptions: { vapl: { name: 'Support' } } }),
      'vendorOptions.vapl',
      'a vendor (vapi, vocode',
    ],
  ])('%s (%s)', async (_, vendor, call, field, reason) => {
    const { error, sent } = await attempt(vendor, call);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, rule: 'unknown' });
    expect((error as ValidationError).reason).toContain(`is not ${reason}`);
    expect(sent).toEqual([]);
  });

  test('another vendor this package ships may share the vendorOptions object; a facade of one provider knows only its own', async () => {
    const rec = recorder();
    const shared = { vendorOptions: { vapi: { name: 'Support' }, vocode: { telephony_provider: 'twilio' } } };
    await expect(loose(onPrism('vapi', rec)).create({ type: 'purchase' }, shared)).resolves.toMatchObject({ vendor: 'vapi' });
    expect(rec.requests.map((request) => request.body)).toEqual([{ provider: 'vapi', name: 'Support' }]);

    const alone = createProviderPhoneNumbers(createVapiProvider({ apiKey: API_KEY, baseUrl: prismUrl('vapi'), fetch: rec.fetch }));
    const error = await caught(() => loose(alone).create({ type: 'purchase' }, shared));
    expect(error).toMatchObject({ name: 'ValidationError', field: 'vendorOptions.vocode', rule: 'unknown' });
    expect(rec.requests).toHaveLength(1);
  });
});

type BrokenPage = [label: string, vendor: VendorName, path: string, change: Change];
const vapiPage =
  (currentPage: number): Change =>
  (body) =>
    Object.assign(body.metadata as object, { currentPage, hasNextPage: true });

/** How each vendor's list answer can carry a way on that is not one (each path is also its spec path). */
const BROKEN_PAGES: BrokenPage[] = [
  ...[-1, 0, 1_000_000_000].map(
    (page): BrokenPage => [`vocode page ${page}`, 'vocode', '/numbers/list', (body) => Object.assign(body, { page, has_more: true })],
  ),
  ...[1.5, -2, 0].map((page): BrokenPage => [`vapi currentPage ${page}`, 'vapi', '/v2/phone-number', vapiPage(page)]),
  ['vogent: an empty cursor', 'vogent', '/phone_numbers', (body) => Object.assign(body, { cursor: '' })],
  ['vogent: a cursor of 100 kB', 'vogent', '/phone_numbers', (body) => Object.assign(body, { cursor: 'c'.repeat(100_000) })],
  ['retell: an empty pagination_key', 'retell', '/v2/list-phone-numbers', (body) => Object.assign(body, { has_more: true, pagination_key: '' })],
];

describe("paging the vendor got wrong is the vendor's failure (InvalidResponseError), not the caller's cursor", () => {
  test.each(BROKEN_PAGES)('%s: list and listAll fail on that answer', async (_, vendor, path, change) => {
    const server = await faultServer(vendor, answerWith(vendor, path, path, change));
    const numbers = facadeOn(vendor, server);
    const listed = await caught(() => numbers.list());
    expect(listed).toBeInstanceOf(InvalidResponseError);
    expect(listed).toMatchObject({ vendor, outcomeUnknown: false });
    const { error } = await collectUntilError(numbers.listAll());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(2);
  });

  test('in a switchboard, the other vendors are still listed, and the failure is reported as theirs', async () => {
    const server = await faultServer('vapi', answerWith('vapi', '/v2/phone-number', '/v2/phone-number', vapiPage(1.5)));
    const board = createSwitchboard({
      vapi: { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 },
      vocode: { apiKey: API_KEY, baseUrl: prismUrl('vocode'), maxRetries: 0 },
    });
    const { items, error } = await collectUntilError(board.listAll());
    expect(items.map((number) => number.vendor)).toEqual(['vocode', 'vocode']);
    expect(error).toBeInstanceOf(PartialFailureError);
    const { failures } = error as PartialFailureError;
    expect(failures.map(({ vendor }) => vendor)).toEqual(['vapi']);
    expect(failures[0]!.error).toBeInstanceOf(InvalidResponseError);
  });
});

describe('a Vapi number under a provider this version does not know', () => {
  const id = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';

  test('update says to upgrade, blames neither the caller nor quotes the vendor, and sends no PATCH', async () => {
    const server = await faultServer(
      'vapi',
      answerWith('vapi', `/phone-number/${id}`, '/phone-number/{id}', (body) => Object.assign(body, { provider: 'plivo' })),
    );
    const numbers = facadeOn('vapi', server);
    // Reading it is fine: answers are read by their shape, and a new provider is let through.
    await expect(numbers.get(id)).resolves.toMatchObject({ raw: { provider: 'plivo' } });
    const error = await caught(() => numbers.update(id, { name: 'Lobby' }));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ vendor: 'vapi', operation: 'update' });
    expect((error as Error).message).toContain('upgrade @switchboard/vapi');
    expect((error as Error).message).not.toContain('plivo');
    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'GET']);
  });
});

describe('a string that is not a UUID, where the spec takes a UUID or an object: "must be a UUID"', () => {
  const connection = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';
  test.each<[string, (n: Loose) => unknown, string]>([
    ["vocode update (the CLI's link --agent)", (n) => n.update('+14155550123', { agentId: 'not-a-uuid' }), 'agentId'],
    [
      'vocode link with an inbound agent',
      (n) =>
        n.create(
          { type: 'link', number: '+14155550142', telephonyAccountConnection: connection },
          { vendorOptions: { vocode: { inbound_agent: 'not-a-uuid' } } },
        ),
      'vendorOptions.vocode.inbound_agent',
    ],
  ])('%s', async (_, call, field) => {
    const { error, sent } = await attempt('vocode', call);
    expect(error).toMatchObject({ name: 'ValidationError', field, rule: 'format', reason: 'must be a UUID' });
    expect(sent).toEqual([]);
  });
});
