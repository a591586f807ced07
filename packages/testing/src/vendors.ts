// Imported so the `ProvidedContext` augmentation below resolves.
import { inject } from 'vitest';
import { specPath, vendors } from '../../../scripts/vendors.mjs';

/** The vendors with a spec in the repo (`specs/<vendor>/openapi.yaml`): the ones the mocks serve. */
export const VENDORS: readonly string[] = vendors();

export { specPath };

/** Base URL of the Prism mock serving `vendor`'s spec in this test project. */
export function prismUrl(vendor: string): string {
  const url = inject('prismUrls')[vendor];
  if (url === undefined) throw new Error(`no Prism mock of ${vendor} runs for this test project (see @switchboard/testing's global setup)`);
  return url;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving each vendor's spec (set by the global setup). */
    prismUrls: Readonly<Record<string, string>>;
  }
}
