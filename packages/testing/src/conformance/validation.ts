import { describe, expect, test } from 'vitest';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { API_KEY, expectTypedError, failure, leaks, withFaults } from './harness.js';

/**
 * The vendor's own rules: each bad input is a `ValidationError` naming the field and the rule,
 * with nothing sent, and showing no secret it carried.
 */
export function describeValidation<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor } = fixture.definition;
  describe(`${vendor}: validation`, () => {
    test.for(fixture.validation.map((entry) => [entry.name, entry] as const))('%s', async ([name, { call, field, rule, secrets = [] }]) => {
      await withFaults(vendor, [], async (server) => {
        const error = await failure(() => call(fixture.definition.createProvider({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 })));
        expectTypedError(error, 'ValidationError', name);
        expect({ field: error.field, rule: error.rule }, name).toEqual({ field, rule });
        expect(server.requests, `${name}: nothing is sent`).toEqual([]);
        expect(leaks(error, [], [API_KEY, ...secrets]), name).toEqual([]);
      });
    });
  });
}
