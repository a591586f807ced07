export {
  type ApiClient,
  type ApiMethod,
  type ApiResult,
  type CallerTerms,
  type CallOptions,
  type ClientOptions,
  callerFieldName,
  createApiClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  type OperationInfo,
  type SpecMetadata,
} from './client.js';
export { E164_PATTERN, normalizeE164 } from './e164.js';
export {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  apiErrorFor,
  BadRequestError,
  CancelledError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PaginationError,
  PartialFailureError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  type RedirectErrorInit,
  type RequestErrorInit,
  ResponseTooLargeError,
  ServerError,
  SwitchboardError,
  TimeoutError,
  UnprocessableEntityError,
  UnsupportedOperationError,
  ValidationError,
  type VendorFailure,
} from './errors.js';
// `paginate` and its types are deprecated (see paginate.ts): nothing uses them since the facade walks its pages itself.
export { type Page, type PaginateOptions, paginate } from './paginate.js';
export { createRedactor, REDACTED, type Redactor } from './redact.js';
export { mayHaveApplied, mayRepeat } from './repeat.js';
export { DEFAULT_RETRY_POLICY, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter, type RetryPolicy, retryDelayMs } from './retry.js';
export { type CheckOptions, checkSchema, codePointLength, type Schema, type SchemaIssue, type SchemaTable, type SchemaType } from './schema.js';
export { objectSchema, oneOfSchema } from './spec-table.js';
export type { RequestEvent } from './transport.js';
