import { type RunningMocks, startMocks } from '@switchboard/mocks';
import type { VendorName } from '@switchboard/phone-numbers';

/** Where mocked clients point until the mocks run; never resolved (`.invalid` is reserved). */
export const MOCK_BASE_URL = 'http://embedded-mock.invalid';

/** The embedded mocks could not start: reported as such, not as a vendor's connection error. */
export class MockStartError extends Error {}

export interface LazyMocks {
  /** A `fetch` for a vendor's client that sends each request to that vendor's mock. */
  fetchFor(vendor: VendorName): (request: Request) => Promise<Response>;
  /** Stop the mocks if they were started (or are starting). */
  stop(): Promise<void>;
}

/**
 * Prism mocks started on the first request, all `vendors` at once (one start, in parallel,
 * also when a listing walks vendor after vendor). Input the facade rejects before any request
 * then fails at once instead of after the seconds Prism takes to start.
 */
export function lazyMocks(vendors: readonly VendorName[], onStart: () => void): LazyMocks {
  let running: Promise<RunningMocks> | undefined;
  const start = () => {
    if (!running) {
      onStart();
      running = startMocks(vendors).catch((error: unknown) => {
        throw new MockStartError(error instanceof Error ? error.message : String(error));
      });
    }
    return running;
  };

  return {
    fetchFor: (vendor) => async (request) => {
      const { urls } = await start();
      const url = new URL(request.url);
      const body = request.body ? await request.arrayBuffer() : null;
      return fetch(`${urls[vendor]}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body,
        signal: request.signal,
        redirect: request.redirect,
      });
    },
    async stop() {
      const mocks = await running?.catch(() => undefined);
      await mocks?.stop();
    },
  };
}
