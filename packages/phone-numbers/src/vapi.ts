import type { ClientOptions } from '@switchboard/core';
import { createVapiAdapter } from './adapters/vapi.js';
import { createFacade, type PhoneNumbers } from './facade.js';

/** Vapi's phone numbers; this entry point bundles Vapi's adapter only (smaller than `createPhoneNumbers`). */
export function createVapiPhoneNumbers(options: ClientOptions): PhoneNumbers<'vapi'> {
  return createFacade(createVapiAdapter(options));
}
