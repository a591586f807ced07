export {
  CREATE_TYPES,
  type AvailableNumber,
  type AvailableNumberQuery,
  type Capabilities,
  type CreatePhoneNumberInput,
  type CreateType,
  type PhoneNumberPageOf,
  type PhoneNumberRecord,
  type UpdatePhoneNumberInput,
} from './model.js';
export type {
  AnyPhoneNumberProvider,
  PhoneNumberProviderV1,
  ProviderCapabilities,
  ProviderDefinition,
  ProviderPhoneNumber,
  ProviderRaw,
  ProviderVendor,
  ProviderVendorOptions,
} from './provider.js';
export { callerError, createCapabilities, inCallerTerms, pageNumber, pickVendorOptions, unsupportedField, type FieldNames } from './utils.js';
