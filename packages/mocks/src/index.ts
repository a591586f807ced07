import { type PrismMockOptions, startPrismMocks } from './prism.js';
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
 * any fails to start (or `signal` aborts), none is left running. A mock serves its spec as it was
 * when it started: a change to the file is not picked up.
 */
export async function startMocks(vendors: readonly string[], { specFor = specFile, ...options }: MocksOptions = {}): Promise<RunningMocks> {
  // One process rather than one per core: six vendors started in two processes of three cost 5.5 to
  // 5.8 s of CPU against 2.9 to 3.5 s in one (each process loads Prism's modules), and CPU is what a
  // test run's parallel tasks contend for. Wall times under load 17 to 32 were noise (11 to 46 s
  // either way); on two idle cores the split could at best overlap the second module load.
  const host = await startPrismMocks(
    vendors.map((vendor) => specFor(vendor)),
    options,
  );
  return { urls: Object.fromEntries(vendors.map((vendor, i) => [vendor, host.urls[i]!])), stop: host.stop };
}

export { PrismExitError, type PrismMock, type PrismMockOptions, startPrismMock, startPrismProxy } from './prism.js';
export type { PageFacts, Paging, SandboxContext, SandboxDescriptor, SandboxOperation, SandboxRequest, SandboxTools, SeedFacts } from './sandbox/descriptor.js';
export { type RunningSandbox, type SandboxOptions, serve, startSandbox } from './sandbox/index.js';
export { loadDescriptors } from './sandbox/load.js';
export { createSandboxVendor, type SandboxAnswer, type SandboxCall, type SandboxVendor, type SandboxVendorOptions } from './sandbox/vendor.js';
export { specFile };
