import { mayHaveApplied, mayRepeat } from '@switchboard/core';
import { describe, expect, test } from 'vitest';

describe('mayRepeat', () => {
  test.each([
    ['GET', undefined, true],
    ['HEAD', undefined, true],
    ['OPTIONS', undefined, true],
    ['get', undefined, true],
    ['POST', undefined, false],
    ['POST', false, false],
    ['POST', true, true],
    ['put', true, true],
    ['PATCH', undefined, false],
    ['DELETE', true, true],
  ] as const)('%s marked %s: %s', (method, mark, expected) => {
    expect(mayRepeat(method, mark)).toBe(expected);
  });
});

describe('mayHaveApplied', () => {
  test.each(['GET', 'HEAD', 'OPTIONS', 'head'])('%s never applied anything', (method) => {
    for (const status of [undefined, 200, 201, 301, 303, 307, 400, 408, 500, 503]) expect(mayHaveApplied(method, status)).toBe(false);
  });

  test.each([
    [undefined, true],
    [200, true],
    [204, true],
    [301, true],
    [302, true],
    [303, true],
    [307, false],
    [308, false],
    [400, false],
    [404, false],
    [408, true],
    [409, false],
    [429, false],
    [500, true],
    [503, true],
  ] as const)('a write answered %s: %s', (status, expected) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) expect(mayHaveApplied(method, status)).toBe(expected);
  });
});
