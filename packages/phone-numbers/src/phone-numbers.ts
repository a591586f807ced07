import { ValidationError } from '@switchboard/core';
import type { VendorAdapter } from './adapter.js';
import { createVapiAdapter, vapiCapabilities } from './adapters/vapi.js';
import { createVocodeAdapter, vocodeCapabilities } from './adapters/vocode.js';
import { createVogentAdapter, vogentCapabilities } from './adapters/vogent.js';
import { createFacade, type PhoneNumbers, type VendorCapabilities } from './facade.js';
import type { PhoneNumbersOptions, VendorName } from './types.js';
import { requireObject } from './validate.js';

const ADAPTERS: { [V in VendorName]: (options: PhoneNumbersOptions<V>) => VendorAdapter<V> } = {
  vapi: createVapiAdapter,
  vocode: createVocodeAdapter,
  vogent: createVogentAdapter,
};

export const VENDOR_NAMES = Object.keys(ADAPTERS) as VendorName[];

/** What each vendor supports, without building a client (the same object as `numbers.capabilities`). */
export const VENDOR_CAPABILITIES: VendorCapabilities = { vapi: vapiCapabilities, vocode: vocodeCapabilities, vogent: vogentCapabilities };

/**
 * One vendor's phone numbers behind the vendor-neutral API, the vendor chosen at run time. This
 * entry bundles every adapter; `@switchboard/phone-numbers/<vendor>` bundles one.
 */
export function createPhoneNumbers<V extends VendorName>(options: PhoneNumbersOptions<V>): PhoneNumbers<V> {
  const { vendor, ...clientOptions } = requireObject(options, 'options') as unknown as PhoneNumbersOptions<V>;
  if (!VENDOR_NAMES.includes(vendor)) throw new ValidationError('vendor', 'enum', `must be one of ${VENDOR_NAMES.join(', ')}`);
  return createFacade((ADAPTERS[vendor] as (options: PhoneNumbersOptions<V>) => VendorAdapter<V>)({ vendor, ...clientOptions }));
}
