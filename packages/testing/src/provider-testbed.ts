import { onTestFinished } from 'vitest';
import type { ConformanceProvider, ProviderFixture } from './conformance/fixture.js';
import { type FaultProgram, type FaultServer, startFaultServer } from './fault-server.js';
import { serveJson } from './loopback.js';
import { type Recorder, recorder } from './recorder.js';
import { specExample } from './spec.js';
import { prismUrl } from './vendors.js';

/** The API key of every provider a testbed builds. */
export const PROVIDER_TEST_KEY = 'sk-test-provider-5e2c9a41';

/**
 * A vendor's provider as its own tests build it: on the Prism mock of its spec, on a loopback
 * server answering as a broken vendor would, or behind a fault server in front of the mock. Each
 * has no retries (unless asked for) and a timeout a loaded machine does not outrun.
 */
export interface ProviderTestbed<P> {
  /** On the vendor's Prism mock, every request seen by `rec`. */
  onPrism(rec?: Recorder): P;
  /** On a loopback server that answers every request with `answer(url)` as JSON, status 200; closed when the test ends. */
  serving(answer: (url: URL) => unknown): Promise<P>;
  /** Behind a fault server in front of the Prism mock, which records every request; closed when the test ends. */
  behindFaults(faults?: FaultProgram, options?: { maxRetries?: number }): Promise<{ provider: P; server: FaultServer }>;
  /** The first example of the spec's answer to the fixture's listing: what the mock lists. */
  readonly listExample: unknown;
}

const TIMEOUT_MS = 5_000;

/** The testbed of the provider a vendor's conformance fixture describes. */
export function providerTestbed<P extends ConformanceProvider>(fixture: ProviderFixture<P>): ProviderTestbed<P> {
  const { vendor } = fixture.definition;
  const on = (baseUrl: string, options: { maxRetries?: number; fetch?: Recorder['fetch'] } = {}) =>
    fixture.definition.createProvider({ apiKey: PROVIDER_TEST_KEY, baseUrl, maxRetries: 0, timeoutMs: TIMEOUT_MS, ...options });
  const [method = '', path = ''] = fixture.list.key.split(' ');
  return {
    onPrism: (rec = recorder()) => on(prismUrl(vendor), { fetch: rec.fetch }),
    serving: async (answer) => on((await serveJson(answer)).url),
    async behindFaults(faults = [], options = {}) {
      const server = await startFaultServer({ upstream: prismUrl(vendor), faults });
      onTestFinished(() => server.close());
      return { provider: on(server.url, options), server };
    },
    listExample: specExample(vendor, method, path, 200),
  };
}
