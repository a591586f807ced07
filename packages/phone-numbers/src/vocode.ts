import type { ClientOptions } from '@switchboard/core';
import { createVocodeAdapter } from './adapters/vocode.js';
import { createFacade, type PhoneNumbers } from './facade.js';

/** Vocode's phone numbers; this entry point bundles Vocode's adapter only (smaller than `createPhoneNumbers`). */
export function createVocodePhoneNumbers(options: ClientOptions): PhoneNumbers<'vocode'> {
  return createFacade(createVocodeAdapter(options));
}
