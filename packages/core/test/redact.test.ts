import { createRedactor, REDACTED } from '@switchboard/core';
import { describe, expect, test } from 'vitest';

describe('createRedactor', () => {
  const redactor = createRedactor(['twilioAuthToken', 'password'], ['sk-live-canary-123', 'hunter2-canary']);

  test('masks secret keys at any depth, whatever their case', () => {
    expect(redactor.value({ a: { TwilioAuthToken: 'x', list: [{ password: 'y', name: 'ok' }] } })).toEqual({
      a: { TwilioAuthToken: REDACTED, list: [{ password: REDACTED, name: 'ok' }] },
    });
  });

  test('removes known secret values and bearer credentials from any text', () => {
    const text = redactor.text('bad key sk-live-canary-123; echo hunter2-canary; Authorization: Bearer abc.def');
    expect(text).not.toMatch(/canary|abc\.def/);
    expect(text).toContain(`Bearer ${REDACTED}`);
  });

  test('always masks credential headers', () => {
    expect(redactor.value({ authorization: 'Bearer t', 'x-api-key': 'k', cookie: 'c' })).toEqual({
      authorization: REDACTED,
      'x-api-key': REDACTED,
      cookie: REDACTED,
    });
  });
});

describe('maskSecretKeys', () => {
  const redactor = createRedactor(['twilioAuthToken'], []);

  test('masks secret keys at any depth and copies only the objects on their path', () => {
    const input = { id: 'n1', twilio: { twilioAuthToken: 't', sid: 's' }, server: { url: 'u' }, hooks: [{ on: 'x' }, { password: 'p' }] };
    const masked = redactor.maskSecretKeys(input);
    expect(masked).toEqual({ id: 'n1', twilio: { twilioAuthToken: REDACTED, sid: 's' }, server: { url: 'u' }, hooks: [{ on: 'x' }, { password: REDACTED }] });
    expect(input.twilio.twilioAuthToken).toBe('t');
    expect(masked.server).toBe(input.server);
    expect(masked.hooks[0]).toBe(input.hooks[0]);
  });

  test('returns the value itself when nothing is secret', () => {
    const input = { id: 'n1', nested: [{ name: 'Bearer text stays' }] };
    expect(redactor.maskSecretKeys(input)).toBe(input);
    expect(redactor.maskSecretKeys('plain')).toBe('plain');
  });
});

describe('overlapping secrets', () => {
  test('no part of either survives', () => {
    const redactor = createRedactor([], ['1234ABCDEFGHIJ', 'PASSWORD1234']);
    expect(redactor.text('x PASSWORD1234ABCDEFGHIJ y')).toBe(`x ${REDACTED} y`);
    expect(redactor.text('1234ABCDEFGHIJ and PASSWORD1234')).toBe(`${REDACTED} and ${REDACTED}`);
  });
});
