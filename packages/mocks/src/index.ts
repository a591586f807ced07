import { type PrismMockOptions, startPrismMock } from './prism.js';
import { specFile } from './specs.js';
import { startAll } from './start.js';

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
 * Start one Prism mock per vendor, in parallel, on free loopback ports. Requests are validated
 * against the spec; answers are the spec's examples. If any fails to start (or `signal` aborts),
 * the others' start-up is given up at once and all are stopped.
 */
export function startMocks(vendors: readonly string[], { specFor = specFile, signal, ...options }: MocksOptions = {}): Promise<RunningMocks> {
  return startAll(vendors, (vendor, starting) => startPrismMock(specFor(vendor), { ...options, signal: starting }), signal);
}

export { PrismExitError, type PrismMock, type PrismMockOptions, startPrismMock, startPrismProxy } from './prism.js';
export type { PageFacts, Paging, SandboxContext, SandboxDescriptor, SandboxOperation, SandboxRequest, SandboxTools, SeedFacts } from './sandbox/descriptor.js';
export { type RunningSandbox, type SandboxOptions, serve, startSandbox } from './sandbox/index.js';
export { loadDescriptors } from './sandbox/load.js';
export { createSandboxVendor, type SandboxAnswer, type SandboxCall, type SandboxVendor, type SandboxVendorOptions } from './sandbox/vendor.js';
export { specFile };
