import { type PrismMock, startPrismMock } from './prism.js';

export interface RunningMocks {
  /** Base URL of each vendor's mock, to pass as a client's `baseUrl`. */
  urls: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** The spec shipped with this package for a vendor (copied from the repo's `specs/` at build). */
export function specFile(vendor: string): string {
  return new URL(`./specs/${vendor}.yaml`, import.meta.url).pathname;
}

/**
 * Start one Prism mock per vendor, in parallel, on free loopback ports. Requests are validated
 * against the spec; answers are the spec's examples. If any fails to start, all are stopped.
 * `specFor` says where a vendor's spec is (the copies shipped with this package by default).
 */
export async function startMocks(vendors: readonly string[], specFor: (vendor: string) => string = specFile): Promise<RunningMocks> {
  const started = await Promise.allSettled(vendors.map((vendor) => startPrismMock(specFor(vendor))));
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

export { type PrismMock, startPrismMock } from './prism.js';
