import type {
  AvailableNumber,
  Capabilities,
  CreatePhoneNumberInput,
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
