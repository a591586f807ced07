import { normalizeE164, ValidationError, type ClientOptions } from '@switchboard/core';
import type { PhoneNumbers } from './facade.js';
import { createPhoneNumbers, VENDOR_NAMES } from './phone-numbers.js';
import type { ListAllOptions, PhoneNumber, VendorName } from './types.js';
import { requireObject } from './validate.js';

export type SwitchboardOptions = { [V in VendorName]?: ClientOptions };

/** The vendors present in a `SwitchboardOptions` type. */
type ConfiguredVendors<O extends SwitchboardOptions> = Extract<{ [V in keyof O]-?: O[V] extends ClientOptions ? V : never }[keyof O], VendorName>;

export interface Switchboard<V extends VendorName = VendorName> {
  /** The configured vendors, in a stable order. */
  readonly vendors: readonly V[];
  /** One vendor's phone numbers. */
  for<One extends V>(vendor: One): PhoneNumbers<One>;
  /** One inventory: every number of every configured vendor, vendor after vendor. */
  listAll(options?: ListAllOptions): AsyncIterable<PhoneNumber<V>>;
  /** Which vendor holds this E.164 number (and the number), or null when none does. */
  find(number: string): Promise<PhoneNumber<V> | null>;
}

/** Several vendors at once: `createSwitchboard({ vapi: { apiKey }, vogent: { apiKey } })`. */
export function createSwitchboard<const O extends SwitchboardOptions>(options: O): Switchboard<ConfiguredVendors<O>> {
  type V = ConfiguredVendors<O>;
  const record = requireObject(options, 'options');
  const unknown = Object.keys(record).find((key) => !VENDOR_NAMES.includes(key as VendorName));
  if (unknown !== undefined) throw new ValidationError(unknown, 'unknown', `is not a vendor (${VENDOR_NAMES.join(', ')})`);
  const vendors = VENDOR_NAMES.filter((vendor) => record[vendor] !== undefined) as V[];
  if (vendors.length === 0) throw new ValidationError('options', 'required', `configure at least one vendor (${VENDOR_NAMES.join(', ')})`);
  const clients = new Map(vendors.map((vendor) => [vendor, createPhoneNumbers({ ...(record[vendor] as ClientOptions), vendor })]));

  const client = <One extends V>(vendor: One): PhoneNumbers<One> => {
    const found = clients.get(vendor);
    if (!found) throw new ValidationError('vendor', 'configured', `${String(vendor)} is not configured (configured: ${vendors.join(', ')})`);
    return found as unknown as PhoneNumbers<One>;
  };

  return {
    vendors,
    for: client,
    async *listAll(listAllOptions) {
      for (const vendor of vendors) yield* client(vendor).listAll(listAllOptions) as AsyncIterable<PhoneNumber<V>>;
    },
    async find(number) {
      const e164 = normalizeE164(number, 'number');
      for (const vendor of vendors) {
        const found = await client(vendor).find(e164);
        if (found) return found as PhoneNumber<V>;
      }
      return null;
    },
  };
}
