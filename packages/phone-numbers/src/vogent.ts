import type { ClientOptions } from '@switchboard/core';
import { createVogentAdapter } from './adapters/vogent.js';
import { createFacade, type PhoneNumbers } from './facade.js';

/** Vogent's phone numbers; this entry point bundles Vogent's adapter only (smaller than `createPhoneNumbers`). */
export function createVogentPhoneNumbers(options: ClientOptions): PhoneNumbers<'vogent'> {
  return createFacade(createVogentAdapter(options));
}
