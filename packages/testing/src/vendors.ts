// Imported so the `ProvidedContext` augmentation below resolves.
import type {} from 'vitest';
import type { MockedVendor } from '@switchboard/mocks';

/** The vendors whose specs live in `specs/<vendor>/openapi.yaml` (the ones the mocks serve). */
export { MOCKED_VENDORS as VENDORS, type MockedVendor as Vendor } from '@switchboard/mocks';

/** The spec of one vendor, from the repo root. */
export function specPath(vendor: MockedVendor): string {
  return new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url).pathname;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving each vendor's spec (set by the global setup). */
    prismUrls: Record<MockedVendor, string>;
  }
}
