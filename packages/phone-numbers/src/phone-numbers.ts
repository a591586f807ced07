import { type ClientOptions, ValidationError } from '@switchboard/core';
import type { AnyPhoneNumberProvider, ProviderPhoneNumber, ProviderPhoneNumberPage } from '@switchboard/provider';
import { type ProviderCreateInput, type ProviderCreateType, type ProviderPhoneNumbers, phoneNumbersOf } from './facade.js';
import { PROVIDERS, type Providers, VENDOR_NAMES, type VendorName, type VendorOptions } from './registry.js';
import { createProviderSwitchboard, type ProviderSwitchboard } from './switchboard.js';
import { requireObject } from './validate.js';

/** One vendor's phone numbers (several vendors' when `V` is a union). */
export type PhoneNumbers<V extends VendorName = VendorName> = ProviderPhoneNumbers<Providers[V]>;
/**
 * A phone number of vendor `V`, its `raw` typed from the vendor's spec; whichever vendor holds it,
 * a union discriminated by `vendor` when `V` is several.
 */
export type PhoneNumber<V extends VendorName = VendorName> = ProviderPhoneNumber<Providers[V]>;
/** One page of `list`: pass `nextCursor` back for the next, null on the last. */
export interface PhoneNumberPage<V extends VendorName = VendorName> extends ProviderPhoneNumberPage<Providers[V]> {}
export type CreateTypeOf<V extends VendorName> = ProviderCreateType<Providers[V]>;
export type CreateInputOf<V extends VendorName> = ProviderCreateInput<Providers[V]>;
export type CreateOptions = { vendorOptions?: { [V in VendorName]?: VendorOptions[V] } };
export type Switchboard<V extends VendorName = VendorName> = ProviderSwitchboard<Providers[V]>;

export interface PhoneNumbersOptions<V extends VendorName> extends ClientOptions {
  vendor: V;
}

/**
 * Phone numbers behind the vendor-neutral API: of a vendor this package ships, chosen by name at
 * run time (`{ vendor: 'vapi', apiKey }`), or of any provider object (`{ provider }`), such as one
 * written outside this repo. The `vendor` form bundles every shipped provider; for one vendor's
 * code only, pass its provider or use `@switchboard/phone-numbers/<vendor>`.
 */
export function createPhoneNumbers<V extends VendorName>(options: PhoneNumbersOptions<V>): PhoneNumbers<V>;
export function createPhoneNumbers<P extends AnyPhoneNumberProvider>(options: { provider: P }): ProviderPhoneNumbers<P>;
export function createPhoneNumbers(
  options: PhoneNumbersOptions<VendorName> | { provider: AnyPhoneNumberProvider },
): ProviderPhoneNumbers<AnyPhoneNumberProvider> {
  const record = requireObject(options, 'options');
  if ('provider' in record) return phoneNumbersOf(record.provider as AnyPhoneNumberProvider, VENDOR_NAMES);
  const { vendor, ...clientOptions } = record as unknown as PhoneNumbersOptions<VendorName>;
  if (!VENDOR_NAMES.includes(vendor)) throw new ValidationError('vendor', 'enum', `must be one of ${VENDOR_NAMES.join(', ')}`);
  return phoneNumbersOf(PROVIDERS[vendor].createProvider(clientOptions) as AnyPhoneNumberProvider, VENDOR_NAMES);
}

export type SwitchboardOptions = { [V in VendorName]?: ClientOptions };

/** The vendors present in a `SwitchboardOptions` type. */
type ConfiguredVendors<O extends SwitchboardOptions> = Extract<{ [V in keyof O]-?: O[V] extends ClientOptions ? V : never }[keyof O], VendorName>;

/** Several vendors at once: `createSwitchboard({ vapi: { apiKey }, vogent: { apiKey } })`. */
export function createSwitchboard<const O extends SwitchboardOptions>(options: O): Switchboard<ConfiguredVendors<O>> {
  const record = requireObject(options, 'options');
  const unknown = Object.keys(record).find((key) => !VENDOR_NAMES.includes(key as VendorName));
  if (unknown !== undefined) throw new ValidationError(unknown, 'unknown', `is not a vendor (${VENDOR_NAMES.join(', ')})`);
  const vendors = VENDOR_NAMES.filter((vendor) => record[vendor] !== undefined);
  if (vendors.length === 0) throw new ValidationError('options', 'required', `configure at least one vendor (${VENDOR_NAMES.join(', ')})`);
  const numbers = vendors.map((vendor) => createPhoneNumbers({ ...(record[vendor] as ClientOptions), vendor }));
  return createProviderSwitchboard(numbers as ProviderPhoneNumbers<AnyPhoneNumberProvider>[]) as unknown as Switchboard<ConfiguredVendors<O>>;
}
