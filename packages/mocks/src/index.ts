import { type PrismMockOptions, startPrismHost, warmUp } from './prism.js';
import { specFile } from './specs.js';

export interface RunningMocks {
  /** Base URL of each vendor's mock, to pass as a client's `baseUrl`. */
  urls: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface MocksOptions extends PrismMockOptions {
  /** Where a vendor's spec is: the copies shipped with this package by default. */
  specFor?: (vendor: string) => string;
}

/**
 * Start a Prism mock of each vendor on a free loopback port, all in one process (one load of
 * Prism's modules). Requests are validated against the spec; answers are the spec's examples. If
 * any fails to start (or `signal` aborts), none is left running.
 */
export async function startMocks(vendors: readonly string[], { specFor = specFile, signal, warmUp: warm }: MocksOptions = {}): Promise<RunningMocks> {
  const specs = vendors.map(specFor);
  const host = await startPrismHost(
    specs.map((spec) => ({ mode: 'mock', spec })),
    signal,
  );
  try {
    if (warm) await Promise.all(host.urls.map((url, i) => warmUp(url, specs[i]!, signal ?? new AbortController().signal)));
    return { urls: Object.fromEntries(vendors.map((vendor, i) => [vendor, host.urls[i]!])), stop: host.stop };
  } catch (error) {
    await host.stop();
    throw error;
  }
}

export { PrismExitError, type PrismMock, type PrismMockOptions, startPrismMock, startPrismProxy } from './prism.js';
export type { PageFacts, Paging, SandboxContext, SandboxDescriptor, SandboxOperation, SandboxRequest, SandboxTools, SeedFacts } from './sandbox/descriptor.js';
export { type RunningSandbox, type SandboxOptions, serve, startSandbox } from './sandbox/index.js';
export { loadDescriptors } from './sandbox/load.js';
export { createSandboxVendor, type SandboxAnswer, type SandboxCall, type SandboxVendor, type SandboxVendorOptions } from './sandbox/vendor.js';
export { specFile };
