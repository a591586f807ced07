import { describe, expect, test } from 'vitest';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { API_KEY, expectTypedError, failure, withFaults } from './harness.js';

/** Linking an agent reaches the mock and is accepted; unlinking is too, or, where the vendor cannot, refused before sending. */
export function describeLinking<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor } = fixture.definition;
  const { agents, get } = fixture;
  const provider = (baseUrl: string) => fixture.definition.createProvider({ apiKey: API_KEY, baseUrl, maxRetries: 0 });

  describe(`${vendor}: linking an agent`, () => {
    test('update links the agent: the mock accepts the request', async () => {
      await withFaults(vendor, [], async (server) => {
        const number = await provider(server.url).update(get.id, { agentId: agents.id });
        expect(number.vendor).toBe(vendor);
        expect(server.requests.filter((request) => request.method !== 'GET').length).toBeGreaterThan(0);
      });
    });

    test(agents.canUnlink ? 'update unlinks the agent' : 'unlinking is refused, naming the vendor, before anything is sent', async () => {
      await withFaults(vendor, [], async (server) => {
        const unlink = () => provider(server.url).update(get.id, { agentId: null });
        if (agents.canUnlink) {
          expect((await unlink()).vendor).toBe(vendor);
          return;
        }
        const error = await failure(unlink);
        expectTypedError(error, 'UnsupportedOperationError', 'unlink');
        expect({ vendor: error.vendor, operation: error.operation }).toEqual({ vendor, operation: 'update' });
        expect(server.requests).toEqual([]);
      });
    });
  });
}
