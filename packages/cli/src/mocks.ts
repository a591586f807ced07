import type { RunningMocks } from '@switchboard/mocks';
import type { VendorName } from '@switchboard/phone-numbers';

/**
 * What stands in for the vendors: `mock`, Prism answering the specs' fixed examples; `sandbox`,
 * in-memory vendors that keep what each request does, behind Prism checking both directions.
 */
export type Embedded = 'mock' | 'sandbox';

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
async function loadMocks(embedded: Embedded): Promise<typeof import('@switchboard/mocks')> {
  try {
    return await import('@switchboard/mocks');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw new MockStartError(messageOf(error));
    throw new MockStartError(`--${embedded} needs the @switchboard/mocks package: install it beside the CLI (npm install @switchboard/mocks)`);
  }
}

/** Start what `embedded` names for `vendors`; failures become a `MockStartError`. */
export async function startEmbedded(embedded: Embedded, vendors: readonly VendorName[], signal: AbortSignal): Promise<RunningMocks> {
  const { startMocks, startSandbox, PrismExitError } = await loadMocks(embedded);
  try {
    return await (embedded === 'mock' ? startMocks(vendors, { signal }) : startSandbox({ vendors, signal }));
  } catch (error) {
    throw new MockStartError(messageOf(error), error instanceof PrismExitError ? error.signal : null);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The mocks (or the sandbox) started on the first request, all `vendors` at once (one start, in
 * parallel, also when a listing walks vendor after vendor). Input the facade rejects before any
 * request then fails at once instead of after the seconds Prism takes to start. The sandbox's
 * numbers live as long as this: one command.
 */
export function lazyMocks(embedded: Embedded, vendors: readonly VendorName[], onStart: () => void): LazyMocks {
  let running: Promise<RunningMocks> | undefined;
  const starting = new AbortController();
  const start = () => {
    if (!running) {
      onStart();
      running = startEmbedded(embedded, vendors, starting.signal);
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
