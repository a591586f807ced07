import type { RunningMocks } from '@switchboard/mocks';
import type { VendorName } from '@switchboard/phone-numbers';

/** Where mocked clients point until the mocks run; never resolved (`.invalid` is reserved). */
export const MOCK_BASE_URL = 'http://embedded-mock.invalid';

/** The embedded mocks could not start: reported as such, not as a vendor's connection error. */
export class MockStartError extends Error {
  /** The signal that killed a Prism process while it started, when that is what stopped the start. */
  readonly killedBy: NodeJS.Signals | null;

  constructor(message: string, killedBy: NodeJS.Signals | null = null) {
    super(message);
    this.killedBy = killedBy;
  }
}

export interface LazyMocks {
  /** A `fetch` for a vendor's client that sends each request to that vendor's mock. */
  fetchFor(vendor: VendorName): (request: Request) => Promise<Response>;
  /** Stop the mocks if they were started; mocks still starting are given up at once. */
  stop(): Promise<void>;
}

/**
 * The mock server package, loaded only when asked for: it brings Prism (tens of MB), which a
 * production install of the CLI does without (`@switchboard/mocks` is an optional peer).
 */
async function loadMocks(): Promise<typeof import('@switchboard/mocks')> {
  try {
    return await import('@switchboard/mocks');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw new MockStartError(messageOf(error));
    throw new MockStartError('--mock needs the @switchboard/mocks package: install it beside the CLI (npm install @switchboard/mocks)');
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Prism mocks started on the first request, all `vendors` at once (one start, in parallel,
 * also when a listing walks vendor after vendor). Input the facade rejects before any request
 * then fails at once instead of after the seconds Prism takes to start.
 */
export function lazyMocks(vendors: readonly VendorName[], onStart: () => void): LazyMocks {
  let running: Promise<RunningMocks> | undefined;
  const starting = new AbortController();
  const start = () => {
    if (!running) {
      onStart();
      running = loadMocks().then(({ startMocks, PrismExitError }) =>
        startMocks(vendors, { signal: starting.signal }).catch((error: unknown) => {
          throw new MockStartError(messageOf(error), error instanceof PrismExitError ? error.signal : null);
        }),
      );
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
      starting.abort();
      const mocks = await running?.catch(() => undefined);
      await mocks?.stop();
    },
  };
}
