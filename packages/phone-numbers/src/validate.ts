import { type CallOptions, codePointLength, normalizeE164, ValidationError } from '@switchboard/core';
import type { CreatePhoneNumberInput, CreateType } from '@switchboard/provider';

const MAX_FIELD_LENGTH = 512;
/** Half of a surrogate pair on its own: not text, and `encodeURIComponent` throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MAX_ID_LENGTH = 256;
/**
 * The most digits of an area code or a number's leading digits (without country code): a national
 * number has 10 in North America. The vendor's spec narrows it (Vapi's area code has 3).
 */
const MAX_LEADING_DIGITS = 10;
/** Create fields that hold an area code, in every create type that has one. */
const DIGIT_FIELDS: readonly string[] = ['areaCode'];

/** The fields of each create type: which are required, and which hold an E.164 number. */
export const CREATE_FIELDS: Readonly<Record<CreateType, { required: string[]; optional: string[]; e164: string[] }>> = {
  purchase: { required: [], optional: ['number', 'areaCode'], e164: ['number'] },
  'sip-import': { required: ['number', 'terminationUri', 'username', 'password'], optional: [], e164: ['number'] },
  'sip-username': { required: ['sipPrefix', 'username', 'password'], optional: [], e164: [] },
  'sip-uri': { required: ['sipUri'], optional: ['username', 'password', 'realm'], e164: [] },
  'twilio-import': { required: ['number', 'twilioAccountSid'], optional: ['twilioAuthToken', 'twilioApiKey', 'twilioApiSecret'], e164: ['number'] },
  'vonage-import': { required: ['number', 'credentialId'], optional: [], e164: ['number'] },
  'telnyx-import': { required: ['number', 'credentialId'], optional: [], e164: ['number'] },
  // A bring-your-own number may be a SIP extension, not E.164: the provider's spec says what it takes.
  'byo-import': { required: ['credentialId'], optional: ['number'], e164: [] },
  link: { required: ['number', 'telephonyAccountConnection'], optional: [], e164: ['number'] },
};

/** A non-empty string of sane length. The value itself never appears in the error (it may be a secret). */
export function requireText(value: unknown, field: string, maxLength = MAX_FIELD_LENGTH): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'type', 'must be a string');
  if (value.trim() === '') throw new ValidationError(field, 'required', 'must not be empty');
  if (LONE_SURROGATE.test(value)) throw new ValidationError(field, 'characters', 'must be well-formed Unicode (no lone surrogates)');
  if (codePointLength(value) > maxLength) throw new ValidationError(field, 'max-length', `must be at most ${maxLength} characters`);
  return value;
}

/**
 * A vendor id that is safe in a URL path: openapi-fetch percent-encodes path parameters, but
 * `.`/`..` would still be resolved as path segments and `/` is decoded by some servers.
 */
export function requireId(value: unknown, field = 'id'): string {
  const id = requireText(value, field, MAX_ID_LENGTH);
  if (id !== id.trim()) throw new ValidationError(field, 'whitespace', 'must not start or end with whitespace');
  if (id === '.' || id === '..') throw new ValidationError(field, 'path-segment', 'must not be "." or ".."');
  if (/[/\\\u0000-\u001f\u007f-\u009f]/.test(id)) throw new ValidationError(field, 'characters', 'must not contain "/", "\\" or control characters');
  return id;
}

/**
 * An area code or the leading digits of a number, the one rule wherever the neutral input has one:
 * ASCII digits (no full-width digits, spaces or line breaks) and at most `MAX_LEADING_DIGITS`.
 */
export function requireDigits(value: unknown, field: string): string {
  const digits = requireText(value, field, MAX_LEADING_DIGITS);
  if (!/^[0-9]+$/.test(digits)) throw new ValidationError(field, 'digits', 'must be digits only (0-9), without country code');
  return digits;
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(field, 'type', 'must be an object');
  return value as Record<string, unknown>;
}

/**
 * An object whose every key is one of `known`: a misspelt option or field is refused rather than
 * silently ignored. The unknown key is named as the caller wrote it, after `path` when the object
 * is nested (`vendorOptions.`), and `what` says what the keys are (`a list option`).
 */
export function requireKnownKeys(value: unknown, field: string, known: readonly string[], what: string, path = ''): Record<string, unknown> {
  const record = requireObject(value, field);
  // Own keys in `Object.keys` order, without building its array on every call.
  for (const key in record) {
    if (!known.includes(key) && Object.hasOwn(record, key)) throw new ValidationError(path + key, 'unknown', `is not ${what} (${known.join(', ')})`);
  }
  return record;
}

export function optionalInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, 'range', `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Check a create input's shape and normalise its E.164 fields; vendor support is checked by the caller. */
export function validateCreateInput(input: unknown): CreatePhoneNumberInput {
  const record = requireObject(input, 'input');
  const type = record.type;
  if (typeof type !== 'string' || !Object.hasOwn(CREATE_FIELDS, type)) {
    throw new ValidationError('type', 'enum', `must be one of ${Object.keys(CREATE_FIELDS).join(', ')}`);
  }
  const fields = CREATE_FIELDS[type as CreateType];
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !fields.required.includes(key) && !fields.optional.includes(key))
      throw new ValidationError(key, 'unknown', `is not a field of a "${type}" create`);
  }

  const normalised: Record<string, unknown> = { type };
  for (const field of [...fields.required, ...fields.optional]) {
    const value = record[field];
    if (value === undefined) {
      if (fields.required.includes(field)) throw new ValidationError(field, 'required', `is required for a "${type}" create`);
      continue;
    }
    normalised[field] = fields.e164.includes(field)
      ? normalizeE164(value, field)
      : DIGIT_FIELDS.includes(field)
        ? requireDigits(value, field)
        : requireText(value, field);
  }
  return normalised as CreatePhoneNumberInput;
}

/** The options every method takes last, beside its own. */
export const CALL_OPTIONS = ['signal', 'timeoutMs', 'headers'] as const;

/** A call's options (`signal`, `timeoutMs`, `headers`), checked; nothing else may ride along. */
export function callOptions(value: unknown): CallOptions | undefined {
  if (value === undefined) return undefined;
  return checkCallOptions(requireKnownKeys(value, 'options', CALL_OPTIONS, 'a call option'));
}

/**
 * The call options among a method's options whose keys are already checked (`create`'s), in a new
 * object the caller may add to: the others are left out, not refused.
 */
export function checkCallOptions({ signal, timeoutMs, headers }: CallOptions): CallOptions {
  if (
    signal !== undefined &&
    !(typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function')
  ) {
    throw new ValidationError('signal', 'type', 'must be an AbortSignal');
  }
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    throw new ValidationError('timeoutMs', 'positive', 'must be a positive number of milliseconds');
  }
  if (headers !== undefined && !Object.values(requireObject(headers, 'headers')).every((header) => typeof header === 'string')) {
    throw new ValidationError('headers', 'type', 'must map header names to strings');
  }
  const checked: CallOptions = {};
  if (signal !== undefined) checked.signal = signal;
  if (timeoutMs !== undefined) checked.timeoutMs = timeoutMs;
  if (headers !== undefined) checked.headers = headers;
  return checked;
}

/**
 * The call options of a method that also took them, now deprecated, among its own options
 * (`listAll`): each may come either way, and one given both ways is refused rather than one of
 * the two silently winning.
 */
export function mergeCallOptions(deprecated: unknown, call: unknown, method: string): CallOptions | undefined {
  const fromOptions = callOptions(deprecated);
  const trailing = callOptions(call);
  if (fromOptions === undefined || trailing === undefined) return fromOptions ?? trailing;
  const twice = CALL_OPTIONS.find((key) => fromOptions[key] !== undefined && trailing[key] !== undefined);
  if (twice !== undefined) {
    throw new ValidationError(
      twice,
      'conflict',
      `is given both in the ${method} options (deprecated) and in the call options: give it only in the call options`,
    );
  }
  return { ...fromOptions, ...trailing };
}
