import { normalizeE164, ValidationError } from '@switchboard/core';
import { describe, expect, test } from 'vitest';

describe('normalizeE164', () => {
  test.each([
    ['+14155550123', '+14155550123'],
    ['  +1 (415) 555-0123 ', '+14155550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1.415.555.0123', '+14155550123'],
    ['+49/30/1234567', '+49301234567'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeE164(input)).toBe(expected);
  });

  test.each([
    ['', 'required'],
    ['   ', 'required'],
    ['4155550123', 'e164'],
    ['+04155550123', 'e164'],
    ['+1415555012345678', 'e164'],
    ['+1', 'e164'],
    ['+1-800-FLOWERS', 'e164'],
    ['++14155550123', 'e164'],
    ['+1415\u200b5550123', 'ascii'],
    ['+1415\u202e5550123', 'ascii'],
    ['+１４１５５５５０１２３', 'ascii'],
    ['+1\t415\n5550123', 'ascii'],
  ])('%j is rejected (%s)', (input, rule) => {
    const error = (() => {
      try {
        normalizeE164(input, 'phoneNumber');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'phoneNumber', rule });
    expect((error as Error).message).toMatch(/^phoneNumber: /);
  });

  test('rejects non-strings with a typed error', () => {
    expect(() => normalizeE164(14155550123)).toThrow(ValidationError);
  });
});
