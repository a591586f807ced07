export { createApiClient, type ApiClient, type ApiMethod, type ApiResult, type ClientOptions, type OperationInfo, type SpecMetadata } from './client.js';
export { E164_PATTERN, normalizeE164 } from './e164.js';
export {
  ApiError,
  apiErrorFor,
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
  type ApiErrorInit,
  type RequestErrorInit,
} from './errors.js';
export { paginate, type Page, type PaginateOptions } from './paginate.js';
export { createRedactor, REDACTED, type Redactor } from './redact.js';
export { DEFAULT_RETRY_POLICY, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry.js';
export { checkSchema, codePointLength, type CheckOptions, type Schema, type SchemaIssue, type SchemaTable, type SchemaType } from './schema.js';
