/*
 * Where the generated checks depart from JSON Schema (draft 2020-12). The tables are the specs'
 * schemas as the generator prunes them (tools/spec-tools/src/generate/tables.ts); `checkSchema`
 * reads them. Elsewhere a verdict is Ajv's on the spec itself: the differential test
 * (packages/phone-numbers/test/schema-differential.test.ts) checks every vendor's tables, in both
 * modes, against Ajv on each spec rewritten by exactly these departures (its schema-oracle.ts names
 * each one where it applies it).
 *
 * What the tables keep of a spec's schema:
 * D1. Two levels of properties. `properties`, `required` and `additionalProperties: false` are read
 *     in a body, an answer or a parameter, and in the objects directly in it; an object below is only
 *     checked to be one (the values at the second level keep their type, limits, items and unions).
 *     Why: the vendor checks the rest, and each level multiplies the tables a bundle ships.
 * D2. An answer keeps its required properties only, and no limits. Why: a reader counts on what is
 *     required, and a vendor that adds a field or widens an enum or a length must not break readers.
 * D3. Of the limits, `enum`, `const`, `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`,
 *     `exclusiveMinimum`, `exclusiveMaximum`, `minItems`, `maxItems` and `format: uuid` are read.
 *     Other formats (`date-time`, `uri`, …) stay annotations, as 2020-12 has them by default, and the
 *     other keywords (`multipleOf`, `uniqueItems`, `not`, `if`, `patternProperties`, …) are dropped.
 *     Why: these are what the specs use; a keyword is added to the generator when a spec needs it.
 * D4. `additionalProperties` is read only as `false` beside `properties`: the values of a map
 *     (`additionalProperties: { type: string }`) are not checked. Why: a closed body is what a
 *     vendor enforces (Vapi refuses unknown fields); a map's values, like the levels below D1, are
 *     left to the vendor.
 * D5. `required` is read only beside `properties`. Why: the generator reads them together; the one
 *     schema that writes `required` beside an `allOf` instead (Vocode's `Webhook`) is below D1.
 * D6. OpenAPI 3.0's `nullable: true` adds `null` to the types. Why: a 3.0 spec then reads as 3.1.
 *
 * How `checkSchema` reads the tables:
 * D7. A union whose variants each fix one property to a value of their own (the spec's
 *     `discriminator`, else the first such property of the first variant) is checked by it: an
 *     object must carry it, with one of those values, and is checked against that variant alone;
 *     any other value as in D8. Why: one variant's issue, not every variant's, found in one look-up.
 * D8. Any other `oneOf` is an `anyOf`: the first variant that matches wins, and a value that matches
 *     several is not refused. Why: one pass; and in every spec's other unions no value matches two
 *     variants (a UUID or an object, an integer or a string), where the two agree.
 * D9. `null`, where a schema's type allows it, passes that schema's other rules (`enum`, `oneOf`, …).
 *     Why: `type: [T, 'null']` is how a spec says "a T, or null", as 3.0's `nullable` did.
 * D10. In structural mode (answers), limits and `additionalProperties: false` are not checked, and
 *     a tag no variant has passes unchecked. Why: answers are read for their shape, and a vendor's new
 *     kind of number must not break a list.
 * D11. In no spec, and refused by the test if one appears: a schema with both `oneOf` and `anyOf` is
 *     read by its `oneOf`; `enum` and `const` compare with `===`, so only their scalar values work.
 *
 * As in JSON Schema: lengths count code points, patterns are unanchored ECMAScript `u` regular
 * expressions, `integer` means a whole number, and a property whose value is `undefined` is absent.
 */

/**
 * The subset of JSON Schema that the generated run-time checks use: what a spec says about a
 * request or a response, with descriptions and examples stripped (`scripts/generate-client-metadata.mjs`).
 * `$ref` names an entry of the same table; a schema that only names a type may be written as
 * that type (`'string'` for `{ type: 'string' }`).
 */
export interface Schema {
  $ref?: string;
  type?: SchemaType | SchemaType[];
  properties?: Record<string, Schema | SchemaType>;
  required?: string[];
  /** Only `false` is kept: unknown properties are then rejected. */
  additionalProperties?: false;
  items?: Schema | SchemaType;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  /** Only formats with a fixed meaning are checked (`uuid`). */
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  oneOf?: (Schema | SchemaType)[];
  anyOf?: (Schema | SchemaType)[];
  allOf?: (Schema | SchemaType)[];
  /** The property whose value picks the `oneOf`/`anyOf` variant… */
  discriminator?: string;
  /** …and that value for each variant, in order. */
  tags?: unknown[];
}

export type SchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
export type SchemaTable = Readonly<Record<string, Schema>>;

/** Why a value does not match: where (`authentication.username`, `hooks[0].do`), which rule, and what it asks. */
export interface SchemaIssue {
  path: string;
  rule: string;
  reason: string;
}

export interface CheckOptions {
  /**
   * Check structure only (types, required properties, variants) and not the limits on values:
   * how answers are read, so a vendor that widens an enum or a length does not break its readers.
   */
  structural?: boolean;
}

const UUID = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;
const patterns = new Map<string, RegExp>();

/** A schema compiled for one table and one mode: the first issue of a value, or undefined. */
type Check = (value: unknown) => SchemaIssue | undefined;
/** Per table, each schema object compiled once per mode (0: every rule, 1: structural). */
const compiled = new WeakMap<SchemaTable, WeakMap<Schema, Check>[]>();

/**
 * The first way `value` breaks `schema`, or undefined when it matches. Reasons never quote the
 * value (it may be a secret), and lengths count code points, as JSON Schema does.
 *
 * A schema is compiled into closures on its first check (what a `$ref` names, on the first value
 * that reaches it): a value then meets only the tests its schema has.
 */
export function checkSchema(value: unknown, schema: Schema | SchemaType, table: SchemaTable, options: CheckOptions = {}): SchemaIssue | undefined {
  const structural = options.structural === true;
  let caches = compiled.get(table);
  if (!caches) {
    caches = [new WeakMap(), new WeakMap()];
    compiled.set(table, caches);
  }
  const found = compile(schema, table, caches[+structural]!, structural)(value);
  // A copy: compiled checks share their issue objects.
  return found && { ...found };
}

// Paths are built on the way out, from a failure only: a value that matches costs no strings.
function compile(schema: Schema | SchemaType, table: SchemaTable, cache: WeakMap<Schema, Check>, structural: boolean): Check {
  if (typeof schema === 'string') return TYPE_CHECKS[schema];
  let check = cache.get(schema);
  if (check) return check;
  const sub = (child: Schema | SchemaType) => compile(child, table, cache, structural);
  const { $ref, type, items, properties, required = [], allOf, discriminator, tags } = schema;
  if ($ref !== undefined) {
    // Resolved on first use: tables refer to themselves (a hook holding hooks).
    let target: Check | undefined;
    check = (value) => {
      target ??= sub(table[$ref] ?? missing($ref));
      return target(value);
    };
  } else {
    const types = type === undefined ? undefined : [type].flat();
    const typeFailure = types && typeIssue(types);
    const closed = !structural && schema.additionalProperties === false;
    const itemCheck = items && sub(items);
    // A null prototype: a value's `constructor` or `__proto__` key finds no schema by accident.
    const propertyChecks: Record<string, Check | undefined> = Object.create(null);
    for (const name in properties) propertyChecks[name] = sub(properties[name]!);
    const unknown = `is not a known field (${Object.keys(propertyChecks).join(', ')})`;
    const parts = allOf?.map(sub);
    const variants = (schema.oneOf ?? schema.anyOf)?.map(sub);
    check = (value) => {
      if (types) {
        if (!ofType(value, types)) return typeFailure;
        if (value === null) return undefined;
      }
      const limit = structural ? undefined : checkLimits(value, schema);
      if (limit) return limit;
      if (Array.isArray(value)) {
        for (let i = 0; itemCheck && i < value.length; i++) {
          const found = itemCheck(value[i]);
          if (found) return within(`[${i}]`, found);
        }
      } else if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        for (const name of required) if (record[name] === undefined) return issue(name, 'required', 'is required');
        // An object schema with neither properties nor `additionalProperties: false` has no keys to visit.
        if (properties || closed) {
          for (const name in record) {
            const property = propertyChecks[name];
            if (property) {
              const child = record[name];
              const found = child === undefined ? undefined : property(child);
              if (found) return within(name, found);
            } else if (closed && Object.hasOwn(record, name)) {
              return issue(name, 'unknown', unknown);
            }
          }
        }
      }
      for (const part of parts ?? NONE) {
        const found = part(value);
        if (found) return found;
      }
      return variants && checkVariants(value, variants, structural, discriminator, tags);
    };
  }
  cache.set(schema, check);
  return check;
}

/** The limits on a value itself rather than on its parts: what answers are not held to. */
function checkLimits(value: unknown, schema: Schema): SchemaIssue | undefined {
  if (schema.const !== undefined && value !== schema.const) return must('enum', `be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) return must('enum', `be one of ${quote(schema.enum)}`);
  if (typeof value === 'number') return outOfBounds(value, 'imum', 'be', '', schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum);
  if (Array.isArray(value)) return outOfBounds(value.length, '-items', 'hold', ' items', schema.minItems, schema.maxItems);
  if (typeof value !== 'string') return undefined;
  const { minLength, maxLength, pattern } = schema;
  const found =
    (minLength !== undefined || maxLength !== undefined) && outOfBounds(codePointLength(value), '-length', 'be', ' characters', minLength, maxLength);
  if (found) return found;
  if (pattern !== undefined && !compilePattern(pattern).test(value)) return must('pattern', `match ${pattern}`);
  return schema.format === 'uuid' && !UUID.test(value) ? must('format', 'be a UUID') : undefined;
}

/**
 * A `oneOf`/`anyOf`: the variant the discriminator names, else the first that matches. When none
 * does, the issue reported is the variant the value came closest to: the one whose issue was found
 * deepest and, as deep, one whose type the value has (a string that is not a UUID fails the UUID
 * variant on its format, closer than an object variant on its type: "must be a UUID").
 */
function checkVariants(value: unknown, variants: Check[], structural: boolean, discriminator?: string, tags?: unknown[]): SchemaIssue | undefined {
  // An array has no tag: it meets the variants below and is refused as not an object.
  if (discriminator !== undefined && tags && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tag = (value as Record<string, unknown>)[discriminator];
    const index = tags.indexOf(tag);
    if (index !== -1) return variants[index]!(value);
    if (tag === undefined) return issue(discriminator, 'required', 'is required');
    // An answer of a variant we do not know yet (a vendor's new provider, say) is not refused.
    return structural ? undefined : issue(discriminator, 'enum', `must be one of ${quote(tags)}`);
  }
  let closest: SchemaIssue | undefined;
  for (const variant of variants) {
    const found = variant(value);
    if (!found) return undefined;
    if (!closest || closeness(found) > closeness(closest)) closest = found;
  }
  return closest;
}

function missing(name: string): never {
  throw new Error(`generated schema table has no "${name}"`);
}

const issue = (path: string, rule: string, reason: string): SchemaIssue => ({ path, rule, reason });
/** An issue of the value itself, whose reason is what it must do. */
const must = (rule: string, words: string) => issue('', rule, `must ${words}`);
const typeIssue = (types: SchemaType[]) => must('type', `be ${types.map(typeName).join(' or ')}`);
const typeName = (type: SchemaType) => (type === 'boolean' ? 'true or false' : type === 'null' ? type : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`);
const quote = (options: unknown[]) => options.map((option) => JSON.stringify(option)).join(', ');
/** How close a variant came: 2 for each path segment above its issue, 1 more when the issue is a limit rather than a type. */
const closeness = ({ path, rule }: SchemaIssue) => (path === '' ? 0 : 2 * path.split(/[.[]/).length) + (rule === 'type' ? 0 : 1);

/** The issue of a child (`name` or `[i]`), as seen from its parent. */
function within(segment: string, found: SchemaIssue): SchemaIssue {
  const { path } = found;
  return { ...found, path: path === '' || path[0] === '[' ? segment + path : `${segment}.${path}` };
}

/**
 * A measure (a length in code points, a number, a count of items) against its bounds, named `min`
 * or `max` and `rule` (`min-length`, `minimum`, `max-items`). A bound the schema does not set
 * compares false (`x < undefined`), so it never fails.
 */
function outOfBounds(measure: number, rule: string, verb: string, unit: string, min?: number, max?: number, above?: number, below?: number) {
  if (measure < min!) return must(`min${rule}`, `${verb} at least ${min}${unit}`);
  if (measure > max!) return must(`max${rule}`, `${verb} at most ${max}${unit}`);
  if (measure <= above!) return must(`min${rule}`, `${verb} more than ${above}${unit}`);
  return measure >= below! ? must(`max${rule}`, `${verb} less than ${below}${unit}`) : undefined;
}

function typeCheck(type: SchemaType): Check {
  const failure = typeIssue([type]);
  return (value) => (hasType(value, type) ? undefined : failure);
}

/** The checks of schemas that only name a type (`'string'`), the most common leaf: one per type. */
const TYPE_CHECKS = Object.fromEntries(
  (['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const).map((type) => [type, typeCheck(type)]),
) as Record<SchemaType, Check>;
const NONE: Check[] = [];

function ofType(value: unknown, types: SchemaType[]): boolean {
  for (const type of types) if (hasType(value, type)) return true;
  return false;
}

function hasType(value: unknown, type: SchemaType): boolean {
  if (Array.isArray(value)) return type === 'array';
  if (value === null) return type === 'null';
  return type === 'integer' ? Number.isInteger(value) : type === 'number' ? Number.isFinite(value) : typeof value === type;
}

/** Length as JSON Schema counts it: in code points, so an emoji is one character. */
export function codePointLength(value: string): number {
  let length = 0;
  for (const _ of value) length++;
  return length;
}

function compilePattern(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  return regex;
}
