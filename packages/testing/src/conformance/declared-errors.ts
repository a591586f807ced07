import { describe, expect, test } from 'vitest';
import { expectedErrorName, operationOf, specOperations } from '../spec.js';
import type { ConformanceProvider, ProviderCall, ProviderFixture } from './fixture.js';
import { API_KEY, expectTypedError, failure, leaks, sendCreate, withFaults } from './harness.js';

/**
 * Every error answer the spec declares, asked of the Prism mock (`Prefer: code=<status>`) on the
 * one operation a call reaches: the provider rejects with its typed error, naming the vendor and
 * the operation, sends it once, and shows no API key. Every spec operation is reached by a call
 * of the fixture, or listed in `unreachable` with the reason.
 */
export function describeDeclaredErrors<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor } = fixture.definition;
  const calls: ProviderCall<P>[] = [
    fixture.get,
    fixture.list,
    ...fixture.creates.map((create) => ({ name: create.name, key: create.key, call: (provider: P) => sendCreate(provider, create) })),
    ...fixture.idempotentWrites,
  ];
  const reaching = new Map<string, ProviderCall<P>>();
  for (const call of calls) {
    const operation = operationOf(vendor, call.key);
    if (operation !== undefined && !reaching.has(operation.operationId)) reaching.set(operation.operationId, call);
  }

  describe(`${vendor}: declared errors`, () => {
    test('every spec operation is reached by a call of the fixture, or listed as unreachable with the reason', () => {
      const operations = specOperations(vendor).map((operation) => operation.operationId);
      expect([...reaching.keys(), ...Object.keys(fixture.unreachable)].sort()).toEqual([...operations].sort());
      for (const [operationId, reason] of Object.entries(fixture.unreachable)) expect(reason, operationId).toMatch(/\S/);
    });

    const cases = specOperations(vendor)
      .filter((operation) => reaching.has(operation.operationId))
      .flatMap((operation) => operation.errorStatuses.map((status) => [operation.operationId, status, operation] as const));

    test.for(cases)('%s: a declared %i rejects with its typed error', async ([operationId, status, operation]) => {
      const call = reaching.get(operationId)!;
      const key = call.key;
      await withFaults(
        vendor,
        (request) => (request.key === key ? { kind: 'forward', headers: { prefer: `code=${status}` } } : undefined),
        async (server) => {
          const error = await failure(() => call.call(fixture.definition.createProvider({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 })));
          const label = `${call.name} answered ${status}`;
          expectTypedError(error, expectedErrorName(status), label);
          // A write that failed with a 5xx may have happened; anything else did not.
          const outcomeUnknown = operation.method !== 'GET' && status >= 500;
          expect({ status: error.status, vendor: error.vendor, operation: error.operation, outcomeUnknown: error.outcomeUnknown }, label).toEqual({
            status,
            vendor,
            operation: operationId,
            outcomeUnknown,
          });
          expect(server.count(key), `${label}: sent once`).toBe(1);
          expect(leaks(error, [], [API_KEY]), label).toEqual([]);
        },
      );
    });
  });
}
