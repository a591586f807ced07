import { createCartesiaProvider } from '@switchboard/cartesia';
import { type Fault, prismUrl, startFaultServer } from '@switchboard/testing';
import { describe, expect, test } from 'vitest';

// Cartesia's official SDK (@cartesia/cartesia-js 4.2.0) has no method for these operations, so a
// caller without Switchboard provisions with plain fetch. The same faults, side by side with the
// provider (docs/reliability.md, "Cartesia"): the figures of its table.

const PROVISION = 'POST /agents/phone-numbers/provision';
const body = JSON.stringify({ label: 'Front desk' });

async function underFault(fault: Fault, call: (baseUrl: string) => Promise<unknown>) {
  const server = await startFaultServer({ upstream: prismUrl('cartesia'), faults: [fault, fault, fault] });
  try {
    const outcome: { value?: unknown; error?: unknown } = await call(server.url).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return { ...outcome, sent: server.count(PROVISION), applied: server.forwarded(PROVISION) };
  } finally {
    await server.close();
  }
}

const plainFetch = (baseUrl: string) =>
  fetch(`${baseUrl}/agents/phone-numbers/provision`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_car_test', 'cartesia-version': '2026-08-14', 'content-type': 'application/json' },
    body,
  });
const switchboard = (baseUrl: string) => createCartesiaProvider({ apiKey: 'sk_car_test', baseUrl }).create({ type: 'purchase' }, { label: 'Front desk' });

describe('a provision answered 500 after Cartesia took the number', () => {
  const fault: Fault = { kind: 'commit-then-status', status: 500 };

  test('plain fetch: one request, resolved as a Response of status 500 that says nothing of the number', async () => {
    const { value, sent, applied } = await underFault(fault, plainFetch);
    expect(value).toBeInstanceOf(Response);
    expect((value as Response).status).toBe(500);
    expect({ sent, applied }).toEqual({ sent: 1, applied: 1 });
  });

  test('Switchboard: one request, a ServerError with outcomeUnknown, saying to look before trying again', async () => {
    const { error, sent, applied } = await underFault(fault, switchboard);
    expect(error).toMatchObject({ name: 'ServerError', status: 500, outcomeUnknown: true, message: expect.stringContaining('look the resource up') });
    expect({ sent, applied }).toEqual({ sent: 1, applied: 1 });
  });
});

describe('a provision whose connection drops after Cartesia took the number', () => {
  test('plain fetch: one request, a TypeError "fetch failed"', async () => {
    const { error, sent, applied } = await underFault('drop-after-commit', plainFetch);
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect({ sent, applied }).toEqual({ sent: 1, applied: 1 });
  });

  test('Switchboard: one request, a ConnectionError with outcomeUnknown', async () => {
    const { error, sent, applied } = await underFault('drop-after-commit', switchboard);
    expect(error).toMatchObject({ name: 'ConnectionError', outcomeUnknown: true });
    expect({ sent, applied }).toEqual({ sent: 1, applied: 1 });
  });
});
