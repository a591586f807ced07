import type { ClientOptions } from '@switchboard/core';
import { createVapiProvider } from '@switchboard/vapi';
import { createProviderPhoneNumbers } from './facade.js';
import type { PhoneNumbers } from './phone-numbers.js';

/** Vapi's phone numbers; this entry point bundles Vapi's provider only (kept for compatibility: `createPhoneNumbers({ provider })` does the same for any vendor). */
export function createVapiPhoneNumbers(options: ClientOptions): PhoneNumbers<'vapi'> {
  return createProviderPhoneNumbers(createVapiProvider(options));
}
