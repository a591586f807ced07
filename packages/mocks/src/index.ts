import { startPrismMock, type PrismMock } from './prism.js';

export const MOCKED_VENDORS = ['vogent', 'vocode', 'vapi'] as const;
export type MockedVendor = (typeof MOCKED_VENDORS)[number];

export interface RunningMocks<V extends MockedVendor> {
  /** Base URL of each vendor's mock, to pass as a client's `baseUrl`. */
  urls: Record<V, string>;
  stop(): Promise<void>;
}

/** The spec shipped with this package for a vendor. */
export function specFile(vendor: MockedVendor): string {
  return new URL(`./specs/${vendor}.yaml`, import.meta.url).pathname;
}

/**
 * Start one Prism mock per vendor, in parallel, on free loopback ports. Requests are validated
 * against the spec; answers are the spec's examples. If any fails to start, all are stopped.
 */
export async function startMocks<V extends MockedVendor>(vendors: readonly V[] = MOCKED_VENDORS as unknown as V[]): Promise<RunningMocks<V>> {
  const started = await Promise.allSettled(vendors.map((vendor) => startPrismMock(specFile(vendor))));
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => void (await Promise.all(mocks.map((mock) => mock.stop())));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const urls = Object.fromEntries(vendors.map((vendor, i) => [vendor, (mocks[i] as PrismMock).url])) as Record<V, string>;
  return { urls, stop };
}

export { startPrismMock, type PrismMock } from './prism.js';
