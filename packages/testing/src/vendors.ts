// Imported so the `ProvidedContext` augmentation below resolves.
import type {} from 'vitest';

/** The vendors whose specs live in `specs/<vendor>/openapi.yaml`. */
export const VENDORS = ['vogent', 'vocode', 'vapi'] as const;
export type Vendor = (typeof VENDORS)[number];

/** The spec of one vendor, from the repo root. */
export function specPath(vendor: Vendor): string {
  return new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url).pathname;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving each vendor's spec (set by the global setup). */
    prismUrls: Record<Vendor, string>;
  }
}
