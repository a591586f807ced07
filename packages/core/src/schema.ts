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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const patterns = new Map<string, RegExp>();
const TYPE_NAMES: Record<SchemaType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/**
 * The first way `value` breaks `schema`, or undefined when it matches. Reasons never quote the
 * value (it may be a secret), and lengths count code points, as JSON Schema does.
 */
export function checkSchema(value: unknown, schema: Schema | SchemaType, table: SchemaTable, options: CheckOptions = {}): SchemaIssue | undefined {
  return check(value, schema, table, options.structural === true);
}

// Paths are built on the way out, from a failure only: a value that matches costs no strings.
function check(value: unknown, node: Schema | SchemaType, table: SchemaTable, structural: boolean): SchemaIssue | undefined {
  if (typeof node === 'string') return hasType(value, node) ? undefined : typeIssue([node]);
  if (node.$ref !== undefined) {
    const target = table[node.$ref];
    if (!target) throw new Error(`generated schema table has no "${node.$ref}"`);
    return check(value, target, table, structural);
  }
  const schema = node;

  if (schema.type !== undefined) {
    const matches = typeof schema.type === 'string' ? hasType(value, schema.type) : schema.type.some((type) => hasType(value, type));
    if (!matches) return typeIssue(typeof schema.type === 'string' ? [schema.type] : schema.type);
    if (value === null) return undefined;
  }
  if (!structural) {
    if (schema.const !== undefined && value !== schema.const) return issue('', 'enum', `must be ${JSON.stringify(schema.const)}`);
    if (schema.enum && !schema.enum.includes(value))
      return issue('', 'enum', `must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`);
    const limits = typeof value === 'string' ? checkString(value, schema) : typeof value === 'number' ? checkNumber(value, schema) : undefined;
    if (limits) return issue('', limits.rule, limits.reason);
  }

  if (Array.isArray(value)) {
    if (!structural && schema.minItems !== undefined && value.length < schema.minItems)
      return issue('', 'min-items', `must hold at least ${schema.minItems} items`);
    if (!structural && schema.maxItems !== undefined && value.length > schema.maxItems)
      return issue('', 'max-items', `must hold at most ${schema.maxItems} items`);
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const found = check(value[i], schema.items, table, structural);
        if (found) return within(`[${i}]`, found);
      }
    }
  } else if (value !== null && typeof value === 'object') {
    const found = checkObject(value as Record<string, unknown>, schema, table, structural);
    if (found) return found;
  }

  if (schema.allOf) {
    for (const part of schema.allOf) {
      const found = check(value, part, table, structural);
      if (found) return found;
    }
  }
  const variants = schema.oneOf ?? schema.anyOf;
  return variants ? checkVariants(value, variants, schema.discriminator, schema.tags, table, structural) : undefined;
}

function checkObject(value: Record<string, unknown>, schema: Schema, table: SchemaTable, structural: boolean): SchemaIssue | undefined {
  if (schema.required) {
    for (const name of schema.required) if (value[name] === undefined) return issue(name, 'required', 'is required');
  }
  const properties = schema.properties;
  const closed = !structural && schema.additionalProperties === false;
  if (!properties && !closed) return undefined;
  for (const name in value) {
    const property = properties?.[name];
    if (property) {
      const child = value[name];
      if (child === undefined) continue;
      const found = check(child, property, table, structural);
      if (found) return within(name, found);
    } else if (closed && Object.hasOwn(value, name)) {
      return issue(name, 'unknown', `is not a known field (${Object.keys(properties ?? {}).join(', ')})`);
    }
  }
  return undefined;
}

/**
 * A `oneOf`/`anyOf`: the variant the discriminator names, else the first that matches. When none
 * does, the issue reported is the one found deepest: the variant the value came closest to.
 */
function checkVariants(
  value: unknown,
  variants: (Schema | SchemaType)[],
  discriminator: string | undefined,
  tags: unknown[] | undefined,
  table: SchemaTable,
  structural: boolean,
): SchemaIssue | undefined {
  if (discriminator !== undefined && tags !== undefined && value !== null && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[discriminator];
    const index = tags.indexOf(tag);
    if (index !== -1) return check(value, variants[index]!, table, structural);
    if (tag === undefined) return issue(discriminator, 'required', 'is required');
    // An answer of a variant we do not know yet (a vendor's new provider, say) is not refused.
    if (structural) return undefined;
    return issue(discriminator, 'enum', `must be one of ${tags.map((option) => JSON.stringify(option)).join(', ')}`);
  }
  let closest: SchemaIssue | undefined;
  for (const variant of variants) {
    const found = check(value, variant, table, structural);
    if (!found) return undefined;
    if (!closest || depth(found.path) > depth(closest.path)) closest = found;
  }
  return closest;
}

const issue = (path: string, rule: string, reason: string): SchemaIssue => ({ path, rule, reason });
const typeIssue = (types: readonly SchemaType[]) => issue('', 'type', `must be ${types.map((type) => TYPE_NAMES[type]).join(' or ')}`);

/** The issue of a child (`name` or `[i]`), as seen from its parent. */
function within(segment: string, found: SchemaIssue): SchemaIssue {
  const path = found.path === '' ? segment : found.path.startsWith('[') ? `${segment}${found.path}` : `${segment}.${found.path}`;
  return { ...found, path };
}

function checkString(value: string, schema: Schema): { rule: string; reason: string } | undefined {
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    const length = codePointLength(value);
    if (schema.minLength !== undefined && length < schema.minLength) return { rule: 'min-length', reason: `must be at least ${schema.minLength} characters` };
    if (schema.maxLength !== undefined && length > schema.maxLength) return { rule: 'max-length', reason: `must be at most ${schema.maxLength} characters` };
  }
  if (schema.pattern !== undefined && !compile(schema.pattern).test(value)) return { rule: 'pattern', reason: `must match ${schema.pattern}` };
  if (schema.format === 'uuid' && !UUID.test(value)) return { rule: 'format', reason: 'must be a UUID' };
  return undefined;
}

function checkNumber(value: number, schema: Schema): { rule: string; reason: string } | undefined {
  if (schema.minimum !== undefined && value < schema.minimum) return { rule: 'minimum', reason: `must be at least ${schema.minimum}` };
  if (schema.maximum !== undefined && value > schema.maximum) return { rule: 'maximum', reason: `must be at most ${schema.maximum}` };
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
    return { rule: 'minimum', reason: `must be more than ${schema.exclusiveMinimum}` };
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
    return { rule: 'maximum', reason: `must be less than ${schema.exclusiveMaximum}` };
  return undefined;
}

function hasType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

/** Length as JSON Schema counts it: in code points, so an emoji is one character. */
export function codePointLength(value: string): number {
  let length = 0;
  for (const _ of value) length++;
  return length;
}

function compile(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  return regex;
}

const depth = (path: string) => path.split(/[.[]/).length;
