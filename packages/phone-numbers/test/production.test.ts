/**
 * The facade as a service uses it: per-call options, one failing vendor among several, and the
 * secrets vendors echo back — every vendor of the registry, against Prism mocks and real loopback
 * servers, with the calls its conformance fixture names.
 */
import {
  CancelledError,
  createPhoneNumbers,
  createSwitchboard,
  PartialFailureError,
  PROVIDERS,
  revealEchoedSecrets,
  ServerError,
  ValidationError,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { type LoopbackServer, operationOf, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, onTestFinished, test, vi } from 'vitest';
import { API_KEY, caught, collect, createThrough, FIXTURES, onPrism, prismUrl, recorder } from './helpers.js';

let failing: LoopbackServer;
let hanging: LoopbackServer;

/** A server that never answers. */
const startHanging = () => startLoopbackServer(() => new Promise(() => undefined));

beforeAll(async () => {
  failing = await startLoopbackServer((_request, response) => sendJson(response, 500, { message: 'internal error' }));
  hanging = await startHanging();
});
afterAll(async () => {
  await failing.close();
  await hanging.close();
});

describe.each(VENDOR_NAMES)('%s: per-call options, last argument of every method', (vendor) => {
  const fixture = FIXTURES[vendor];
  const onHanging = (server = hanging) => createPhoneNumbers({ vendor, apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 });

  test('get(id, { signal }): cancelled, typed, nothing to reconcile', async () => {
    const controller = new AbortController();
    const call = onHanging().get(fixture.get.id as never, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await caught(() => call);
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ vendor, operation: operationOf(vendor, fixture.get.key)!.operationId, outcomeUnknown: false });
  });

  test('create(input, { vendorOptions, signal }): a cancelled create may have happened, and says how to reconcile', async () => {
    const [create] = fixture.creates;
    // A server of its own: on a loaded machine, the request of a call an earlier test cancelled can
    // reach the shared one after this test has begun, and read as a second request of this create.
    const own = await startHanging();
    onTestFinished(() => own.close());
    const controller = new AbortController();
    const call = createThrough(onHanging(own), vendor, create!, { signal: controller.signal });
    // Cancelled once the request has reached the vendor: it may have been applied.
    await vi.waitFor(() => expect(own.requests.length).toBeGreaterThan(0));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'CancelledError', outcomeUnknown: true, message: expect.stringMatching(/To reconcile, /) });
    expect(own.requests.map((request) => `${request.method} ${request.url.split('?')[0]}`)).toEqual([create!.key]);
  });

  test('list({ limit }, { timeoutMs }) and listAll({ pageSize, timeoutMs })', async () => {
    await expect(onHanging().list({ limit: 5 }, { timeoutMs: 50 })).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 50 });
    await expect(collect(onHanging().listAll({ pageSize: 5, timeoutMs: 50 }))).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 50 });
  });

  test('headers go out with the call; unknown call options are refused before any request', async () => {
    const rec = recorder();
    await onPrism(vendor, rec).release(fixture.get.id as never, { headers: { 'x-trace-id': 'trace-9' } });
    expect(rec.requests.map((request) => request.headers.get('x-trace-id'))).toEqual(rec.requests.map(() => 'trace-9'));
    const sent = rec.requests.length;
    const error = await caught(() => onPrism(vendor, rec).release(fixture.get.id as never, { retries: 3 } as never));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'retries', rule: 'unknown' });
    expect(rec.requests).toHaveLength(sent);
  });
});

describe.each(VENDOR_NAMES)('one failing vendor (%s) does not hide another', (vendor) => {
  const other = VENDOR_NAMES[(VENDOR_NAMES.indexOf(vendor) + 1) % VENDOR_NAMES.length]!;
  const listOperation = operationOf(vendor, FIXTURES[vendor].list.key)!.operationId;
  const board = () =>
    createSwitchboard({
      [vendor]: { apiKey: API_KEY, baseUrl: failing.url, maxRetries: 0 },
      [other]: { apiKey: API_KEY, baseUrl: prismUrl(other), maxRetries: 0 },
    } as Record<VendorName, { apiKey: string; baseUrl: string; maxRetries: number }>);

  test("listAll yields the working vendor's numbers, then ends with the failure, typed, naming the vendor", async () => {
    const seen: string[] = [];
    const failure = await caught(async () => {
      for await (const number of board().listAll()) seen.push(number.vendor);
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([other]));
    expect(PartialFailureError.isInstance(failure)).toBe(true);
    const { failures } = failure as PartialFailureError;
    expect(failures.map((one) => one.vendor)).toEqual([vendor]);
    expect(ServerError.isInstance(failures[0]?.error)).toBe(true);
    expect((failure as Error).message).toMatch(new RegExp(`^1 of 2 vendors failed: ${vendor}: ${vendor} ${listOperation} failed with status 500`));
  });

  test('find answers from the vendor that works; not found anywhere it could look, it says where it could not', async () => {
    const listed = await collect(createPhoneNumbers({ vendor: other, apiKey: API_KEY, baseUrl: prismUrl(other) }).listAll());
    const held = listed.map((number) => number.number).find((number): number is string => number !== null && /^\+\d+$/.test(number))!;
    // The failing vendor comes first in the registry's order only sometimes: then it is noted, and the number is still found.
    expect(await board().find(held)).toMatchObject({ vendor: other, number: held });
    await expect(board().find('+19995550100')).rejects.toMatchObject({ name: 'PartialFailureError', failures: [{ vendor }] });
  });
});

describe.each(VENDOR_NAMES)('%s: secrets the vendor echoes back are redacted in what the facade returns', (vendor) => {
  const secretKeys = new Set(PROVIDERS[vendor].createProvider({ apiKey: API_KEY }).secretFields ?? []);
  /** Every value under a secret key, at any depth, that is not `[REDACTED]`. */
  const unredacted = (value: unknown): unknown[] =>
    Array.isArray(value)
      ? value.flatMap(unredacted)
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, child]) =>
            secretKeys.has(key) && typeof child === 'string' && child !== '[REDACTED]' ? [child] : unredacted(child),
          )
        : [];

  test('get, list and update: no secret field keeps its value, in the number or its JSON', async () => {
    const numbers = onPrism(vendor);
    const returned = [
      await numbers.get(FIXTURES[vendor].get.id as never),
      ...(await numbers.list()).items,
      await numbers.update(FIXTURES[vendor].get.id as never, { agentId: FIXTURES[vendor].agents.id }),
    ];
    for (const number of returned) {
      expect(unredacted(number.raw)).toEqual([]);
      expect(unredacted((JSON.parse(JSON.stringify(number)) as { raw: unknown }).raw)).toEqual([]);
    }
  });

  test('revealEchoedSecrets gives back the object as the vendor sent it', async () => {
    const id = FIXTURES[vendor].get.id;
    const sent = await PROVIDERS[vendor].createProvider({ apiKey: API_KEY, baseUrl: prismUrl(vendor) }).get(id);
    expect(revealEchoedSecrets(await onPrism(vendor).get(id as never))).toEqual(sent.raw);
  });
});
