import type { ClientOptions } from '@switchboard/core';
import { createVocodeProvider } from '@switchboard/vocode';
import { createProviderPhoneNumbers } from './facade.js';
import type { PhoneNumbers } from './phone-numbers.js';

/** Vocode's phone numbers; this entry point bundles Vocode's provider only (kept for compatibility: `createPhoneNumbers({ provider })` does the same for any vendor). */
export function createVocodePhoneNumbers(options: ClientOptions): PhoneNumbers<'vocode'> {
  return createProviderPhoneNumbers(createVocodeProvider(options));
}
