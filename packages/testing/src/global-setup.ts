import type { TestProject } from 'vitest/node';
import { startPrismMock, type PrismMock } from './prism.js';
import { specPath, VENDORS, type Vendor } from './vendors.js';

/** vitest globalSetup: one Prism mock per spec, started in parallel, stopped after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await Promise.allSettled(VENDORS.map((vendor) => startPrismMock(specPath(vendor))));
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = async () => void (await Promise.all(mocks.map((mock) => mock.stop())));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stopAll();
    throw failure.reason;
  }
  const urls = Object.fromEntries(VENDORS.map((vendor, i) => [vendor, (mocks[i] as PrismMock).url])) as Record<Vendor, string>;
  project.provide('prismUrls', urls);
  return stopAll;
}
