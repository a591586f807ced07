import { type PrismMock, type PrismMockOptions, startPrismMock } from './prism.js';

export interface RunningMocks {
  /** Base URL of each vendor's mock, to pass as a client's `baseUrl`. */
  urls: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** The spec shipped with this package for a vendor (copied from the repo's `specs/` at build). */
export function specFile(vendor: string): string {
  return new URL(`./specs/${vendor}.yaml`, import.meta.url).pathname;
}

export interface MocksOptions extends PrismMockOptions {
  /** Where a vendor's spec is: the copies shipped with this package by default. */
  specFor?: (vendor: string) => string;
}

/**
 * Start one Prism mock per vendor, in parallel, on free loopback ports. Requests are validated
 * against the spec; answers are the spec's examples. If any fails to start (or `signal` aborts),
 * the others' start-up is given up at once and all are stopped.
 */
export async function startMocks(vendors: readonly string[], { specFor = specFile, signal, ...options }: MocksOptions = {}): Promise<RunningMocks> {
  const failed = new AbortController();
  const starting = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
  const started = await Promise.allSettled(
    vendors.map((vendor) =>
      startPrismMock(specFor(vendor), { ...options, signal: starting }).catch((error: unknown) => {
        failed.abort(error);
        throw error;
      }),
    ),
  );
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => void (await Promise.all(mocks.map((mock) => mock.stop())));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const urls = Object.fromEntries(vendors.map((vendor, i) => [vendor, (mocks[i] as PrismMock).url]));
  return { urls, stop };
}

export { PrismExitError, type PrismMock, type PrismMockOptions, startPrismMock } from './prism.js';
