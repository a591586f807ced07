import type { VendorName } from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { caught, onPrism, recorder } from './helpers.js';

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
