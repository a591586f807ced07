import { ValidationError } from './errors.js';

/** What an E.164 number looks like once normalised: `+`, a non-zero digit, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** Separators people write inside numbers; removed before checking. */
const SEPARATORS = /[\s\-.()/]/g;
/** Anything but printable ASCII and plain spaces: zero-width joiners, bidi marks, full-width digits. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * Normalise a phone number to E.164 or throw a `ValidationError` naming `field`.
 * `' +1 (415) 555-0123 '` → `'+14155550123'`. Deliberately strict and small: no national formats
 * (a number must carry its `+` and country code), no libphonenumber.
 */
export function normalizeE164(input: unknown, field = 'number'): string {
  if (typeof input !== 'string') throw new ValidationError(field, 'type', 'must be a string');
  const trimmed = input.trim();
  if (trimmed === '') throw new ValidationError(field, 'required', 'must not be empty');
  if (NOT_PRINTABLE_ASCII.test(trimmed)) {
    throw new ValidationError(field, 'ascii', 'must hold only ASCII digits, "+" and common separators (found an invisible or non-ASCII character)');
  }
  const compact = trimmed.replace(SEPARATORS, '');
  if (!E164_PATTERN.test(compact)) {
    throw new ValidationError(field, 'e164', 'must be an E.164 number: "+", country code and subscriber number, at most 15 digits (e.g. +14155550123)');
  }
  return compact;
}
