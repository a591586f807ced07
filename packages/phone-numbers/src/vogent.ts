import type { ClientOptions } from '@switchboard/core';
import { createVogentProvider } from '@switchboard/vogent';
import { createProviderPhoneNumbers } from './facade.js';
import type { PhoneNumbers } from './phone-numbers.js';

/** Vogent's phone numbers; this entry point bundles Vogent's provider only (kept for compatibility: `createPhoneNumbers({ provider })` does the same for any vendor). */
export function createVogentPhoneNumbers(options: ClientOptions): PhoneNumbers<'vogent'> {
  return createProviderPhoneNumbers(createVogentProvider(options));
}
