import { checkSchema, objectSchema, oneOfSchema, type Schema, type SchemaTable } from '@switchboard/core';
import { describe, expect, test } from 'vitest';

const table: SchemaTable = {
  Name: { type: 'string', minLength: 1, maxLength: 3 },
  Pet: oneOfSchema(
    [
      objectSchema({ kind$: { type: 'string', const: 'cat' }, lives: { type: 'integer', minimum: 1, maximum: 9 } }, true),
      objectSchema({ kind$: { type: 'string', const: 'dog' } }),
    ],
    'kind',
    ['cat', 'dog'],
  ),
};

describe('checkSchema', () => {
  test.each<[string, unknown, Schema | 'string', string, string, string]>([
    ['a type', 1, 'string', '', 'type', 'must be a string'],
    ['one of several types', 'x', { type: ['integer', 'null'] }, '', 'type', 'must be an integer or null'],
    ['a boolean', 0, { type: 'boolean' }, '', 'type', 'must be true or false'],
    ['a finite number', Number.POSITIVE_INFINITY, { type: 'number' }, '', 'type', 'must be a number'],
    ['an object, not an array', [], { type: 'object' }, '', 'type', 'must be an object'],
    ['a constant', 'b', { const: 'a' }, '', 'enum', 'must be "a"'],
    ['an enum', 3, { enum: [1, 'two'] }, '', 'enum', 'must be one of 1, "two"'],
    ['a length in code points', '😀😀😀😀', { $ref: 'Name' }, '', 'max-length', 'must be at most 3 characters'],
    ['a minimum length', '', { $ref: 'Name' }, '', 'min-length', 'must be at least 1 characters'],
    ['a pattern', '+0', { pattern: '^\\+[1-9]' }, '', 'pattern', 'must match ^\\+[1-9]'],
    ['a UUID', 'not-a-uuid', { format: 'uuid' }, '', 'format', 'must be a UUID'],
    ['a minimum', 0, { minimum: 1 }, '', 'minimum', 'must be at least 1'],
    ['a maximum', 2, { maximum: 1 }, '', 'maximum', 'must be at most 1'],
    ['an exclusive minimum', 0, { exclusiveMinimum: 0 }, '', 'minimum', 'must be more than 0'],
    ['an exclusive maximum', 1, { exclusiveMaximum: 1 }, '', 'maximum', 'must be less than 1'],
    ['a count of items', [], { minItems: 1 }, '', 'min-items', 'must hold at least 1 items'],
    ['at most so many items', [1, 2], { maxItems: 1 }, '', 'max-items', 'must hold at most 1 items'],
    ['an item, by its index', [{}, { a: 1 }], { items: objectSchema({ a$: 'string' }) }, '[0].a', 'required', 'is required'],
    ['a required property', {}, objectSchema({ a$: 'string' }), 'a', 'required', 'is required'],
    ['an unknown property, naming the known ones', { c: 1 }, objectSchema({ a: 'string', b: 'string' }, true), 'c', 'unknown', 'is not a known field (a, b)'],
    ['a nested property', { a: { b: [1] } }, objectSchema({ a: objectSchema({ b: { items: 'string' } }) }), 'a.b[0]', 'type', 'must be a string'],
    ['every part of an allOf', { a: 'x' }, { allOf: [objectSchema({ a: 'string' }), objectSchema({ b$: 'string' })] }, 'b', 'required', 'is required'],
    ['the variant a discriminator names', { kind: 'cat', lives: 10 }, { $ref: 'Pet' }, 'lives', 'maximum', 'must be at most 9'],
    ['a discriminator', {}, { $ref: 'Pet' }, 'kind', 'required', 'is required'],
    ['a known tag', { kind: 'cow' }, { $ref: 'Pet' }, 'kind', 'enum', 'must be one of "cat", "dog"'],
    ['an object, not an array, where a tagged union is expected', [], { $ref: 'Pet' }, '', 'type', 'must be an object'],
    [
      'the variant a value came closest to',
      { a: { b: 1 } },
      { anyOf: ['string', objectSchema({ a: objectSchema({ b: 'string' }) })] },
      'a.b',
      'type',
      'must be a string',
    ],
  ])('checks %s', (_, value, schema, path, rule, reason) => {
    expect(checkSchema(value, schema, table)).toEqual({ path, rule, reason });
  });

  test.each<[unknown, Schema | 'string']>([
    ['abc', { $ref: 'Name' }],
    [null, { type: ['string', 'null'], minLength: 1 }],
    [{ kind: 'cat', lives: 9 }, { $ref: 'Pet' }],
    [{ kind: 'dog', bark: 'loud' }, { $ref: 'Pet' }],
    [{ a: undefined }, objectSchema({ a: 'string' }, true)],
    ['3f9c2a1e-5b7d-4e2a-9c61-0d8e4b7a1f20', { format: 'uuid' }],
    [{ b: 2 }, { anyOf: [objectSchema({ a$: 'string' }), objectSchema({ b: 'number' })] }],
  ])('accepts %j', (value, schema) => {
    expect(checkSchema(value, schema, table)).toBeUndefined();
  });

  test('structurally, checks shapes and not limits, and lets an unknown variant through', () => {
    expect(checkSchema({ kind: 'cat', lives: 10, extra: true }, { $ref: 'Pet' }, table, { structural: true })).toBeUndefined();
    expect(checkSchema({ kind: 'cow' }, { $ref: 'Pet' }, table, { structural: true })).toBeUndefined();
    expect(checkSchema({ kind: 'cat', lives: 'many' }, { $ref: 'Pet' }, table, { structural: true })).toMatchObject({ path: 'lives', rule: 'type' });
  });

  test('names a reference its table lacks', () => {
    expect(() => checkSchema(1, { $ref: 'Missing' }, table)).toThrow('generated schema table has no "Missing"');
  });
});

describe('the helpers the generated tables are written with', () => {
  test('objectSchema reads a `$` after a name as required, and keeps the properties in order', () => {
    const name: Schema = { type: 'string', maxLength: 40 };
    expect(objectSchema({ id$: 'string', name, tags: { type: 'array', items: 'string' } }, true, { allOf: ['object'] })).toEqual({
      type: 'object',
      properties: { id: 'string', name, tags: { type: 'array', items: 'string' } },
      required: ['id'],
      additionalProperties: false,
      allOf: ['object'],
    });
    expect(Object.keys(objectSchema({ b: 'string', a$: 'string' }).properties ?? {})).toEqual(['b', 'a']);
    expect(objectSchema({ a: 'string' })).toEqual({ type: 'object', properties: { a: 'string' } });
  });

  test('oneOfSchema is a discriminated oneOf', () => {
    expect(oneOfSchema(['string', 'object'], 'kind', ['a', 'b'])).toEqual({ oneOf: ['string', 'object'], discriminator: 'kind', tags: ['a', 'b'] });
  });
});
