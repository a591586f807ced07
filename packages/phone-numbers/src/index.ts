export { type CreateInputOf, type CreateTypeOf, type PhoneNumbers, type VendorCapabilities } from './facade.js';
export { createPhoneNumbers, VENDOR_CAPABILITIES, VENDOR_NAMES } from './phone-numbers.js';
export { CREATE_TYPES } from './validate.js';
export { createSwitchboard, type Switchboard, type SwitchboardOptions } from './switchboard.js';
export type {
  AvailableNumber,
  Capabilities,
  CreateOptions,
  CreatePhoneNumberInput,
  CreateType,
  ListAllOptions,
  ListOptions,
  PhoneNumber,
  PhoneNumberOf,
  PhoneNumberPage,
  PhoneNumbersOptions,
  RawPhoneNumbers,
  SearchAvailableQuery,
  UpdatePhoneNumberInput,
  VendorName,
  VendorOptions,
} from './types.js';
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  SwitchboardError,
  TimeoutError,
  UnprocessableEntityError,
  UnsupportedOperationError,
  ValidationError,
  type ClientOptions,
} from '@switchboard/core';
