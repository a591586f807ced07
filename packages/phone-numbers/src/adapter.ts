import { InvalidResponseError } from '@switchboard/core';
import { CREATE_TYPES } from './validate.js';
import type {
  AvailableNumber,
  Capabilities,
  CreatePhoneNumberInput,
  CreateType,
  PhoneNumberOf,
  PhoneNumberPage,
  SearchAvailableQuery,
  UpdatePhoneNumberInput,
  VendorName,
  VendorOptions,
} from './types.js';

/**
 * The one interface a vendor implements (the AI SDK's provider-spec idea): the only code that
 * knows both the facade's model and a vendor's API. Inputs arrive validated and normalised
 * (E.164 numbers, checked ids, a create type the vendor supports); an adapter checks only what
 * is particular to its vendor.
 */
export interface VendorAdapter<V extends VendorName> {
  readonly vendor: V;
  readonly capabilities: Capabilities;
  /** The `vendorOptions` keys this vendor takes on create (typed by `VendorOptions[V]`). */
  readonly vendorOptionKeys: readonly string[];
  list(query: { limit: number | undefined; cursor: string | undefined }): Promise<PhoneNumberPage<V>>;
  get(id: string): Promise<PhoneNumberOf<V>>;
  create(input: CreatePhoneNumberInput, vendorOptions: VendorOptions[V] | undefined): Promise<PhoneNumberOf<V>>;
  update(id: string, changes: UpdatePhoneNumberInput): Promise<PhoneNumberOf<V>>;
  release(id: string): Promise<void>;
  searchAvailable?(query: SearchAvailableQuery & { prefix: string }): Promise<AvailableNumber[]>;
  /** A cheaper lookup by E.164 number than walking every page, where the vendor has one. */
  findByNumber?(number: string): Promise<PhoneNumberOf<V> | null>;
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const hasString = (value: unknown, key: string): boolean => isObject(value) && typeof value[key] === 'string';
export const isArrayOf = (value: unknown, item: (value: unknown) => boolean): boolean => Array.isArray(value) && value.every(item);

/**
 * The vendor's answer when it has the shape the facade reads; otherwise a typed error rather than
 * a TypeError later. A write whose answer is unreadable may still have happened: outcome unknown.
 */
export function expectShape<T>(value: T | undefined, valid: (value: unknown) => boolean, vendor: string, operation: string, write = false): T {
  if (valid(value)) return value as T;
  throw new InvalidResponseError(200, 'the body does not have the documented shape', { vendor, operation, outcomeUnknown: write });
}

/** `capabilities.create` from the create types a vendor supports, as literal `true`/`false` types. */
export function supportsCreate<const Supported extends CreateType>(...supported: Supported[]): { readonly [T in CreateType]: T extends Supported ? true : false } {
  return Object.fromEntries(CREATE_TYPES.map((type) => [type, (supported as CreateType[]).includes(type)])) as {
    readonly [T in CreateType]: T extends Supported ? true : false;
  };
}
