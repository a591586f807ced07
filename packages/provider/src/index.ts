export {
  type AvailableNumber,
  type AvailableNumberQuery,
  type Capabilities,
  CREATE_TYPES,
  type CreatePhoneNumberInput,
  type CreateType,
  type PhoneNumber,
  type PhoneNumberPage,
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
  ProviderPhoneNumberPage,
  ProviderRaw,
  ProviderVendor,
  ProviderVendorOptions,
} from './provider.js';
export { callerError, createCapabilities, type FieldNames, inCallerTerms, nextPageCursor, pageNumber, pickVendorOptions, unsupportedField } from './utils.js';
