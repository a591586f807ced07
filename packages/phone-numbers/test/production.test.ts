/**
 * The facade as a service uses it: per-call options, one failing vendor among several, and the
 * secrets vendors echo back — against Prism mocks and real loopback servers.
 */
import { inspect } from 'node:util';
import {
  CancelledError,
  createPhoneNumbers,
  createSwitchboard,
  PartialFailureError,
  revealEchoedSecrets,
  ServerError,
  ValidationError,
} from '@switchboard/phone-numbers';
import { type LoopbackServer, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_KEY, collect, onPrism, prismUrl, recorder, specExample } from './helpers.js';

const VAPI_ID = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';
let failing: LoopbackServer;
let hanging: LoopbackServer;

beforeAll(async () => {
  failing = await startLoopbackServer((_request, response) => sendJson(response, 500, { message: 'internal error' }));
  hanging = await startLoopbackServer(() => new Promise(() => undefined));
});
afterAll(async () => {
  await failing.close();
  await hanging.close();
});

describe('per-call options, last argument of every method', () => {
  const onHanging = () => createPhoneNumbers({ vendor: 'vapi', apiKey: API_KEY, baseUrl: hanging.url, maxRetries: 0 });

  test('get(id, { signal }): cancelled, typed, nothing to reconcile', async () => {
    const controller = new AbortController();
    const call = onHanging().get(VAPI_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await call.catch((e: unknown) => e);
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ vendor: 'vapi', operation: 'getPhoneNumber', outcomeUnknown: false });
  });

  test('create(input, { vendorOptions, signal }): a cancelled purchase may have happened, and says how to reconcile', async () => {
    const controller = new AbortController();
    const call = onHanging().create({ type: 'purchase', areaCode: '415' }, { vendorOptions: { vapi: { name: 'Lobby' } }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({
      name: 'CancelledError',
      outcomeUnknown: true,
      message: expect.stringMatching(/To reconcile, list the numbers/),
    });
    expect(hanging.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  test('list({ limit }, { timeoutMs }) and listAll({ pageSize, timeoutMs })', async () => {
    await expect(onHanging().list({ limit: 5 }, { timeoutMs: 50 })).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 50 });
    await expect(collect(onHanging().listAll({ pageSize: 5, timeoutMs: 50 }))).rejects.toMatchObject({ name: 'TimeoutError', timeoutMs: 50 });
  });

  test('headers go out with the call; unknown call options are refused before any request', async () => {
    const rec = recorder();
    await onPrism('vogent', rec).release('3c7a9e2d-1b4f-4d6a-8e5c-7f0a2b9c1d38', { headers: { 'x-trace-id': 'trace-9' } });
    expect(rec.requests[0]?.headers.get('x-trace-id')).toBe('trace-9');
    const error = await onPrism('vogent', rec)
      .release('3c7a9e2d-1b4f-4d6a-8e5c-7f0a2b9c1d38', { retries: 3 } as never)
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'retries', rule: 'unknown' });
    expect(rec.requests).toHaveLength(1);
  });
});

describe('one failing vendor does not hide the others', () => {
  const board = () =>
    createSwitchboard({
      vapi: { apiKey: API_KEY, baseUrl: failing.url, maxRetries: 0 },
      vogent: { apiKey: API_KEY, baseUrl: prismUrl('vogent'), maxRetries: 0 },
    });

  test("listAll yields the working vendors' numbers, then ends with each failure, typed, per vendor", async () => {
    const seen: string[] = [];
    let failure: unknown;
    try {
      for await (const number of board().listAll()) seen.push(number.vendor);
    } catch (error) {
      failure = error;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['vogent']));
    expect(PartialFailureError.isInstance(failure)).toBe(true);
    const { failures } = failure as PartialFailureError;
    expect(failures.map(({ vendor }) => vendor)).toEqual(['vapi']);
    expect(ServerError.isInstance(failures[0]?.error)).toBe(true);
    expect((failure as Error).message).toMatch(/^1 of 2 vendors failed: vapi: vapi listPhoneNumbersPaginated failed with status 500/);
  });

  test('find answers from the vendors that work; not found anywhere it could look, it says where it could not', async () => {
    const listed = specExample('vogent', 'GET', '/phone_numbers', 200) as { data: { number: string }[] };
    const held = listed.data.find((number) => number.number.startsWith('+'))!.number;
    expect(await board().find(held)).toMatchObject({ vendor: 'vogent', number: held });
    await expect(board().find('+19995550100')).rejects.toMatchObject({ name: 'PartialFailureError', failures: [{ vendor: 'vapi' }] });
  });
});

describe('secrets a vendor echoes back are redacted in what the facade returns', () => {
  const SIP_PASSWORD = 'example-sip-password-0001';

  test('a Vapi SIP number: raw.authentication.password is redacted in every view; revealEchoedSecrets has it', async () => {
    const number = await onPrism('vapi').get(VAPI_ID);
    expect(number.raw).toMatchObject({ authentication: { password: '[REDACTED]' } });
    for (const view of [JSON.stringify(number), inspect(number, { depth: 10 }), String(number), JSON.stringify(number.raw)]) {
      expect(view).not.toContain(SIP_PASSWORD);
    }
    expect(revealEchoedSecrets(number)).toMatchObject({ authentication: { password: SIP_PASSWORD } });
  });

  test('listings and updates are redacted the same way', async () => {
    const page = await onPrism('vapi').list();
    const updated = await onPrism('vapi').update(VAPI_ID, { name: 'Lobby' });
    const text = JSON.stringify([page, updated]);
    expect(text).not.toContain(SIP_PASSWORD);
    expect(text).not.toMatch(/"twilioAuthToken":"(?!\[REDACTED\])/);
  });
});
