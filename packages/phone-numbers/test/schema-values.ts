/**
 * Values for the differential test of core's `checkSchema`, generated from a spec schema as
 * written: valid instances of it, and broken ones — a valid instance with one defect placed
 * anywhere in it, at any depth (a missing required property, a wrong type, a length, number or
 * count out of range, a pattern or enum missed, an extra property, an unknown or missing tag).
 */
import fc, { type Arbitrary } from 'fast-check';
import { discriminatorOf, type OpenApi, ownProperties, resolve, type SpecSchema } from './schema-oracle.js';

/** Levels of properties values are generated to: past the two the tables keep (D1), so that departure is exercised. */
const MAX_DEPTH = 3;
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];
/** One value of each JSON type, for a wrong type. */
const OF_EACH_TYPE: readonly unknown[] = ['x', 1.5, 7, true, null, {}, []];
/** Characters for free strings: mostly plain, some beyond the BMP, so that lengths are counted in code points. */
const CHARACTER = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...'abcXYZ019 -_.') }, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const codePoints = (text: string) => [...text].length;

export interface SchemaValues {
  valid: Arbitrary<unknown>;
  broken: Arbitrary<unknown>;
}

/** Valid and broken values of the spec schema `root`, which sits at `depth` levels of properties. */
export function schemaValues(spec: OpenApi, root: SpecSchema, depth: number): SchemaValues {
  const validCache = new Map<string, Arbitrary<unknown>>();
  const brokenCache = new Map<string, Arbitrary<unknown>>();
  const ids = new Map<SpecSchema, number>();
  const keyOf = (schema: SpecSchema, level: number) => `${ids.get(schema) ?? ids.set(schema, ids.size).get(schema)}@${Math.min(level, MAX_DEPTH)}`;

  function cached(cache: Map<string, Arbitrary<unknown>>, schema: SpecSchema, level: number, make: () => Arbitrary<unknown>): Arbitrary<unknown> {
    const key = keyOf(schema, level);
    let made = cache.get(key);
    if (made) return made;
    // A schema that holds itself without a property in between (an array of itself) would never end.
    cache.set(
      key,
      fc.constant(undefined).map(() => {
        throw new Error('a schema cycle with no property between');
      }),
    );
    made = make();
    cache.set(key, made);
    return made;
  }

  function valid(input: SpecSchema, level: number): Arbitrary<unknown> {
    const schema = flatten(spec, input);
    return cached(validCache, schema, level, () => {
      const variants = schema.oneOf ?? schema.anyOf;
      if (variants) return fc.oneof(...variants.map((variant) => valid(merge(spec, withoutUnion(schema), variant), level)));
      if (schema.const !== undefined) return fc.constant(schema.const);
      if (schema.enum) return fc.constantFrom(...schema.enum);
      return fc.oneof(...typesOf(schema).map((type) => validOfType(schema, type, level)));
    });
  }

  function validOfType(schema: SpecSchema, type: string, level: number): Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return validInteger(schema);
      case 'number':
        return fc.oneof(validInteger(schema), validDouble(schema));
      case 'string':
        return validString(schema);
      case 'array': {
        const minLength = schema.minItems ?? 0;
        const item = schema.items ? valid(schema.items, level) : fc.jsonValue({ maxDepth: 1 });
        return fc.array(item, { minLength, maxLength: Math.min(schema.maxItems ?? minLength + 3, minLength + 3) });
      }
      default:
        return validObject(schema, level);
    }
  }

  function validObject(schema: SpecSchema, level: number): Arbitrary<Record<string, unknown>> {
    const properties = schema.properties ?? {};
    const required = schema.required ?? [];
    // Deep down, only what must be there, so that a value stays small.
    const names = Object.keys(properties).filter((name) => required.includes(name) || level < MAX_DEPTH);
    const own = fc.record(Object.fromEntries(names.map((name) => [name, valid(properties[name]!, level + 1)])), {
      requiredKeys: required.filter((name) => names.includes(name)),
    });
    const unnamed = required.filter((name) => !(name in properties));
    const unnamedValues = fc.record(Object.fromEntries(unnamed.map((name) => [name, fc.jsonValue({ maxDepth: 1 })])));
    const extra = extraProperties(schema, level);
    return fc.tuple(extra, unnamedValues, own).map(([more, values, named]) => ({ ...more, ...values, ...named }));
  }

  /** Properties a schema does not name: none when it is closed, values of its `additionalProperties` schema, or any. */
  function extraProperties(schema: SpecSchema, level: number): Arbitrary<Record<string, unknown>> {
    if (schema.additionalProperties === false) return fc.constant({});
    const value = typeof schema.additionalProperties === 'object' ? valid(schema.additionalProperties, level + 1) : fc.jsonValue({ maxDepth: 1 });
    return fc.dictionary(unknownName(schema), value, { maxKeys: 2 });
  }

  function broken(input: SpecSchema, level: number): Arbitrary<unknown> {
    const schema = flatten(spec, input);
    return cached(brokenCache, schema, level, () => {
      const defects: Arbitrary<unknown>[] = [];
      const variants = schema.oneOf ?? schema.anyOf;
      if (variants) {
        defects.push(...variants.map((variant) => broken(merge(spec, withoutUnion(schema), variant), level)));
        const tagged = discriminatorOf(spec, schema);
        if (tagged) {
          const tagless = valid(schema, level).filter(isObject);
          defects.push(tagless.map((value) => ({ ...value, [tagged.property]: 'no-such-kind' })));
          defects.push(tagless.map((value) => omit(value, tagged.property)));
        }
      }
      // A union's values have its variants' types; the variants hold its other rules too (merged above).
      const types = variants ? variants.flatMap((variant) => typesOf(flatten(spec, variant))) : typesOf(schema);
      const wrong = OF_EACH_TYPE.filter((value) => !types.some((type) => hasType(value, type)));
      if (wrong.length > 0) defects.push(fc.constantFrom(...wrong));
      if (!variants) {
        if (schema.const !== undefined) defects.push(fc.constant(`${String(schema.const)}-not`));
        if (schema.enum) defects.push(fc.string({ maxLength: 8 }).filter((value) => !schema.enum!.includes(value)));
        if (types.includes('string')) defects.push(...brokenStrings(schema));
        if (types.includes('number') || types.includes('integer')) defects.push(...brokenNumbers(schema, !types.includes('number')));
        if (types.includes('array')) defects.push(...brokenArrays(schema, level));
        if (types.includes('object')) defects.push(...brokenObjects(schema, level));
      }
      // A schema that allows anything (no type, no limit) has no defect of its own: only its valid values.
      return defects.length > 0 ? fc.oneof(...defects) : valid(schema, level);
    });
  }

  function brokenStrings(schema: SpecSchema): Arbitrary<unknown>[] {
    const defects: Arbitrary<unknown>[] = [];
    const { minLength, maxLength, pattern, format } = schema;
    if (minLength !== undefined && minLength > 0) defects.push(fc.string({ unit: CHARACTER, maxLength: minLength - 1 }));
    if (maxLength !== undefined) defects.push(fc.string({ unit: CHARACTER, minLength: maxLength + 1, maxLength: maxLength + 4 }));
    if (pattern !== undefined) {
      const regex = new RegExp(pattern, 'u');
      const near = validString(schema);
      defects.push(
        fc
          .oneof(
            fc.string({ unit: CHARACTER, maxLength: 12 }),
            near.map((text) => `${text}!`),
            near.map((text) => ` ${text}`),
          )
          .filter((text) => !regex.test(text)),
      );
    }
    if (format !== undefined) {
      // Near misses of a UUID (the one format checked, D3), and any string.
      const uuid = fc.uuid();
      defects.push(
        fc.oneof(
          uuid.map((text) => text.slice(1)),
          uuid.map((text) => text.replaceAll('-', '')),
          uuid.map((text) => `{${text}}`),
          uuid.map((text) => `${text.slice(0, 9)}g${text.slice(10)}`),
          fc.string({ maxLength: 12 }),
        ),
      );
    }
    return defects;
  }

  function validString(schema: SpecSchema): Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
    const fits = (text: string) => codePoints(text) >= min && codePoints(text) <= max;
    const regex = schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u');
    let text: Arbitrary<string>;
    if (schema.format === 'uuid') text = fc.uuid().chain((uuid) => fc.constantFrom(uuid, uuid.toUpperCase()));
    else if (schema.format === 'date-time')
      text = fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4102444800000) }).map((date) => date.toISOString());
    else if (regex) text = fc.stringMatching(new RegExp(withoutLookarounds(schema.pattern!), 'u'));
    else return fc.string({ unit: CHARACTER, minLength: min, maxLength: Math.min(max, min + 12) });
    return text.filter((candidate) => fits(candidate) && (regex?.test(candidate) ?? true));
  }

  function brokenArrays(schema: SpecSchema, level: number): Arbitrary<unknown>[] {
    const defects: Arbitrary<unknown>[] = [];
    const item = schema.items ? valid(schema.items, level) : fc.jsonValue({ maxDepth: 1 });
    if (schema.minItems !== undefined && schema.minItems > 0) defects.push(fc.array(item, { maxLength: schema.minItems - 1 }));
    if (schema.maxItems !== undefined) defects.push(fc.array(item, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 2 }));
    if (schema.items) {
      const items = fc.array(item, { maxLength: Math.max(0, (schema.maxItems ?? 3) - 1) });
      defects.push(fc.tuple(items, broken(schema.items, level), fc.nat()).map(([others, bad, at]) => others.toSpliced(at % (others.length + 1), 0, bad)));
    }
    return defects;
  }

  function brokenObjects(schema: SpecSchema, level: number): Arbitrary<unknown>[] {
    const defects: Arbitrary<unknown>[] = [];
    const whole = validObject(schema, level);
    for (const name of schema.required ?? []) defects.push(whole.map((value) => omit(value, name)));
    defects.push(fc.tuple(whole, unknownName(schema), fc.jsonValue({ maxDepth: 1 })).map(([value, name, extra]) => ({ ...value, [name]: extra })));
    if (typeof schema.additionalProperties === 'object') {
      const bad = broken(schema.additionalProperties, level + 1);
      defects.push(fc.tuple(whole, unknownName(schema), bad).map(([value, name, extra]) => ({ ...value, [name]: extra })));
    }
    if (level < MAX_DEPTH) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        defects.push(fc.tuple(whole, broken(property, level + 1)).map(([value, bad]) => ({ ...value, [name]: bad })));
      }
    }
    return defects;
  }

  return { valid: valid(root, depth), broken: broken(root, depth) };
}

function validInteger(schema: SpecSchema): Arbitrary<number> {
  const { low, high } = bounds(schema);
  const min = low === undefined ? -1_000_000 : Math.floor(low.value) + 1 - (low.inclusive && Number.isInteger(low.value) ? 1 : 0);
  const max = high === undefined ? min + 2_000_000 : Math.ceil(high.value) - 1 + (high.inclusive && Number.isInteger(high.value) ? 1 : 0);
  return fc.integer({ min, max });
}

function validDouble(schema: SpecSchema): Arbitrary<number> {
  const { low, high } = bounds(schema);
  const min = low?.value ?? (high ? high.value - 1_000_000 : -1_000_000);
  const max = high?.value ?? min + 2_000_000;
  return fc.double({ min, max, minExcluded: low?.inclusive === false, maxExcluded: high?.inclusive === false, noNaN: true, noDefaultInfinity: true });
}

function brokenNumbers(schema: SpecSchema, integer: boolean): Arbitrary<unknown>[] {
  const { low, high } = bounds(schema);
  const defects: Arbitrary<unknown>[] = [];
  if (low) defects.push(low.inclusive ? fc.constantFrom(low.value - 1, low.value - 0.5) : fc.constantFrom(low.value, low.value - 1));
  if (high) defects.push(high.inclusive ? fc.constantFrom(high.value + 1, high.value + 0.5) : fc.constantFrom(high.value, high.value + 1));
  if (integer) defects.push(validInteger(schema).map((value) => value + 0.5));
  return defects;
}

/** A number schema's bounds, each with whether it is allowed itself. */
function bounds(schema: SpecSchema) {
  const low =
    schema.exclusiveMinimum !== undefined
      ? { value: schema.exclusiveMinimum, inclusive: false }
      : schema.minimum !== undefined
        ? { value: schema.minimum, inclusive: true }
        : undefined;
  const high =
    schema.exclusiveMaximum !== undefined
      ? { value: schema.exclusiveMaximum, inclusive: false }
      : schema.maximum !== undefined
        ? { value: schema.maximum, inclusive: true }
        : undefined;
  return { low, high };
}

/** The types a schema's values may have: its `type`, else what its keywords imply, else any. */
function typesOf(schema: SpecSchema): string[] {
  if (schema.type !== undefined) return [...[schema.type].flat(), ...(schema.nullable === true ? ['null'] : [])];
  if (schema.properties || schema.required || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items || schema.minItems !== undefined || schema.maxItems !== undefined) return ['array'];
  if (schema.pattern !== undefined || schema.format !== undefined || schema.minLength !== undefined || schema.maxLength !== undefined) return ['string'];
  if (schema.minimum !== undefined || schema.maximum !== undefined || schema.exclusiveMinimum !== undefined || schema.exclusiveMaximum !== undefined)
    return ['number'];
  return JSON_TYPES;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'null') return value === null;
  if (type === 'object') return isObject(value);
  return typeof value === type;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function omit(value: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _, ...rest } = value;
  return rest;
}

/** A property name the schema does not declare. */
function unknownName(schema: SpecSchema): Arbitrary<string> {
  return fc.string({ minLength: 1, maxLength: 8 }).filter((name) => !(name in (schema.properties ?? {})) && name !== '__proto__');
}

/** A schema with its `allOf` parts merged into it: one object schema to generate values of. */
function flatten(spec: OpenApi, input: SpecSchema): SpecSchema {
  const schema = resolve(spec, input);
  if (!schema.allOf) return schema;
  const { allOf, ...own } = schema;
  return allOf.reduce<SpecSchema>((merged, part) => merge(spec, merged, part), own);
}

/** Two schemas a value must both match, as one (what either says, their properties and requirements together). */
function merge(spec: OpenApi, base: SpecSchema, input: SpecSchema): SpecSchema {
  const other = flatten(spec, input);
  const merged: SpecSchema = { ...other, ...base };
  if (base.properties || other.properties) merged.properties = ownProperties(spec, { allOf: [other, base] });
  if (base.required || other.required) merged.required = [...new Set([...(other.required ?? []), ...(base.required ?? [])])];
  if (base.additionalProperties === false || other.additionalProperties === false) merged.additionalProperties = false;
  const variants = other.oneOf ?? other.anyOf ?? base.oneOf ?? base.anyOf;
  if (variants) merged.oneOf = variants;
  return merged;
}

function withoutUnion(schema: SpecSchema): SpecSchema {
  const { oneOf: _, anyOf: __, discriminator: ___, ...rest } = schema;
  return rest;
}

/**
 * A pattern without its lookaround groups (`(?!…)`, `(?=…)`, `(?<!…)`, `(?<=…)`), which
 * fast-check's `stringMatching` cannot generate: strings of it are then filtered by the whole pattern.
 */
function withoutLookarounds(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (!/^\(\?<?[=!]/.test(pattern.slice(i))) {
      const escaped = pattern[i] === '\\';
      out += pattern.slice(i, i + (escaped ? 2 : 1));
      if (escaped) i++;
      continue;
    }
    // Skip to the parenthesis that closes the group, past escapes and character classes.
    let open = 0;
    let inClass = false;
    for (; i < pattern.length; i++) {
      const char = pattern[i];
      if (char === '\\') i++;
      else if (inClass) inClass = char !== ']';
      else if (char === '[') inClass = true;
      else if (char === '(') open++;
      else if (char === ')' && --open === 0) break;
    }
  }
  return out;
}
