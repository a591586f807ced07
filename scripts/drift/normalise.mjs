// One comparable shape per schema, so that a 3.0 and a 3.1 document read the same:
//   - 3.0 `nullable: true`, 3.1 `type: [..., 'null']` and a `oneOf`/`anyOf` alternative
//     `{ type: 'null' }` all become `nullable: true`;
//   - `const` becomes a one-value `enum`; 3.0's boolean `exclusiveMinimum` and 3.1's numeric one
//     become one bound `{ value, exclusive }`;
//   - `allOf` members are merged into one shape; `oneOf`/`anyOf` alternatives become `variants`,
//     each with the rest of the schema merged in;
//   - a schema without `type` gets the type its keywords imply (`properties` -> object, ...), since
//     vendor documents often leave `type: object` out.
// Properties, items and additionalProperties stay raw (normalised when the comparison gets there),
// so cyclic schemas cost nothing until both sides are walked.

import { UNRESOLVED } from './load.mjs';

/**
 * @typedef {{ value: number, exclusive: boolean }} Bound
 * @typedef {object} Shape
 * @property {string[]} refs the `$ref`s this shape was read through (cycle detection, discriminator mappings)
 * @property {Set<string> | undefined} types JSON types other than null; undefined = any value
 * @property {boolean} nullable whether null is explicitly allowed
 * @property {unknown[] | undefined} enum the allowed values (without null)
 * @property {string | undefined} format
 * @property {string | undefined} pattern
 * @property {number | undefined} minLength
 * @property {number | undefined} maxLength
 * @property {number | undefined} minItems
 * @property {number | undefined} maxItems
 * @property {Bound | undefined} lower minimum / exclusiveMinimum
 * @property {Bound | undefined} upper maximum / exclusiveMaximum
 * @property {Map<string, unknown>} properties raw property schemas
 * @property {Set<string>} required
 * @property {true | false | object} additionalProperties true = anything, false = nothing, else a raw schema
 * @property {unknown} items raw item schema, or undefined
 * @property {Shape[] | undefined} variants the `oneOf`/`anyOf` alternatives (never a null one)
 * @property {{ propertyName: string, mapping?: Record<string, string> } | undefined} discriminator
 * @property {boolean} deprecated
 * @property {{ value: unknown } | undefined} default
 * @property {Set<string>} readOnly names of readOnly properties; writeOnly likewise
 * @property {Set<string>} writeOnly
 * @property {string | undefined} unresolved the `$ref` that pointed at nothing (the shape is unknown)
 */

const TYPE_ORDER = ['string', 'integer', 'number', 'boolean', 'object', 'array'];
const VARIANT_LIMIT = 64;

/** The shape of `true` / `{}`: anything. */
export function anyShape() {
  return {
    refs: [],
    types: undefined,
    nullable: false,
    enum: undefined,
    format: undefined,
    pattern: undefined,
    minLength: undefined,
    maxLength: undefined,
    minItems: undefined,
    maxItems: undefined,
    lower: undefined,
    upper: undefined,
    properties: new Map(),
    required: new Set(),
    additionalProperties: true,
    items: undefined,
    variants: undefined,
    discriminator: undefined,
    deprecated: false,
    default: undefined,
    readOnly: new Set(),
    writeOnly: new Set(),
    unresolved: undefined,
  };
}

/** Types sorted in a fixed order, for messages and stable labels. */
export function sortedTypes(types) {
  return [...types].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
const rank = (type) => (TYPE_ORDER.includes(type) ? TYPE_ORDER.indexOf(type) : TYPE_ORDER.length);

export const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The types a schema without `type` implies through its other keywords; undefined = none implied. */
function impliedTypes(node, values) {
  const implied = new Set();
  if (['properties', 'additionalProperties', 'required', 'minProperties', 'maxProperties'].some((k) => k in node)) implied.add('object');
  if (['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'].some((k) => k in node)) implied.add('array');
  if (['pattern', 'minLength', 'maxLength'].some((k) => k in node)) implied.add('string');
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in node)) implied.add('number');
  for (const value of values ?? []) if (value !== null) implied.add(jsonType(value));
  return implied.size ? implied : undefined;
}

const maxOf = (a, b) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minOf = (a, b) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

function stricterLower(a, b) {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.exclusive ? a : b;
}

function stricterUpper(a, b) {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return a.exclusive ? a : b;
}

/** Numeric bounds of a schema, from 3.0's boolean or 3.1's numeric `exclusiveMinimum` / `exclusiveMaximum`. */
function bounds(node) {
  const bound = (inclusive, exclusive, stricter) => {
    const candidates = [];
    if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: exclusive === true });
    if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true });
    return candidates.reduce((a, b) => stricter(a, b), undefined);
  };
  return { lower: bound(node.minimum, node.exclusiveMinimum, stricterLower), upper: bound(node.maximum, node.exclusiveMaximum, stricterUpper) };
}

/** The shape of one schema object's own keywords (not its allOf / oneOf / anyOf). */
function ownShape(node, refs) {
  const shape = anyShape();
  shape.refs = refs;
  const declared = node.type === undefined ? undefined : [node.type].flat();
  const values = 'const' in node ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  shape.nullable = node.nullable === true || Boolean(declared?.includes('null'));
  shape.types = declared ? new Set(declared.filter((t) => t !== 'null')) : impliedTypes(node, values);
  if (!declared && values?.length && values.every((v) => v === null)) {
    shape.types = new Set();
    shape.nullable = true;
  }
  if (values) shape.enum = values.filter((v) => v !== null);
  if (typeof node.format === 'string') shape.format = node.format;
  if (typeof node.pattern === 'string') shape.pattern = node.pattern;
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems']) if (typeof node[key] === 'number') shape[key] = node[key];
  Object.assign(shape, bounds(node));
  if (node.properties && typeof node.properties === 'object') shape.properties = new Map(Object.entries(node.properties));
  if (Array.isArray(node.required)) shape.required = new Set(node.required);
  // `additionalProperties: {}`, like `true` or no keyword at all, allows any value.
  const additional = node.additionalProperties;
  if (additional === false) shape.additionalProperties = false;
  else if (additional && typeof additional === 'object' && Object.keys(additional).length) shape.additionalProperties = additional;
  if (node.items !== undefined && node.items !== true) shape.items = node.items;
  if (node.discriminator?.propertyName) shape.discriminator = node.discriminator;
  shape.deprecated = node.deprecated === true;
  if ('default' in node) shape.default = { value: node.default };
  return shape;
}

function intersectTypes(a, b) {
  if (!a || !b) return a ?? b;
  const result = new Set();
  for (const t of a) {
    if (b.has(t)) result.add(t);
    else if (t === 'integer' && b.has('number')) result.add('integer');
    else if (t === 'number' && b.has('integer')) result.add('integer');
  }
  return result;
}

function unionTypes(shapes) {
  if (shapes.some((s) => !s.types)) return undefined;
  return new Set(shapes.flatMap((s) => [...s.types]));
}

const withoutVariants = (shape) => ({ ...shape, variants: undefined });

/** Both schemas at once (an `allOf`), without variants. */
function intersectFlat(a, b) {
  const properties = new Map(a.properties);
  for (const [name, schema] of b.properties) properties.set(name, properties.has(name) ? { allOf: [properties.get(name), schema] } : schema);
  const additional = (x, y) => (x === false || y === false ? false : x === true ? y : y === true ? x : { allOf: [x, y] });
  return {
    refs: [...a.refs, ...b.refs],
    types: intersectTypes(a.types, b.types),
    // An explicit null on either side wins: the 3.0 idiom `allOf: [$ref], nullable: true` means
    // "the referenced schema, or null", even though a strict reading would forbid null.
    nullable: a.nullable || b.nullable,
    enum: a.enum && b.enum ? a.enum.filter((v) => b.enum.some((w) => sameValue(v, w))) : (a.enum ?? b.enum),
    format: a.format ?? b.format,
    pattern: a.pattern ?? b.pattern,
    minLength: maxOf(a.minLength, b.minLength),
    maxLength: minOf(a.maxLength, b.maxLength),
    minItems: maxOf(a.minItems, b.minItems),
    maxItems: minOf(a.maxItems, b.maxItems),
    lower: stricterLower(a.lower, b.lower),
    upper: stricterUpper(a.upper, b.upper),
    properties,
    required: new Set([...a.required, ...b.required]),
    // A closed allOf member closes the merge (a strict reading would also reject the other members'
    // properties; no author means that).
    additionalProperties: additional(a.additionalProperties, b.additionalProperties),
    items: a.items !== undefined && b.items !== undefined ? { allOf: [a.items, b.items] } : (a.items ?? b.items),
    variants: undefined,
    discriminator: a.discriminator ?? b.discriminator,
    deprecated: a.deprecated || b.deprecated,
    default: a.default ?? b.default,
    readOnly: new Set([...a.readOnly, ...b.readOnly]),
    writeOnly: new Set([...a.writeOnly, ...b.writeOnly]),
    unresolved: a.unresolved ?? b.unresolved,
  };
}

/** Both schemas at once; variants multiply out (an allOf of two oneOfs is every combination). */
function intersect(a, b) {
  if (!a.variants && !b.variants) return intersectFlat(a, b);
  const base = intersectFlat(withoutVariants(a), withoutVariants(b));
  const variants = [];
  for (const x of a.variants ?? [withoutVariants(a)]) {
    for (const y of b.variants ?? [withoutVariants(b)]) {
      if (variants.length < VARIANT_LIMIT) variants.push(intersectFlat(x, y));
    }
  }
  return { ...base, variants, types: unionTypes(variants) };
}

/** Has nothing but types, an enum and annotations: alternatives like that are one union of types. */
function isPlain(shape) {
  return (
    shape.properties.size === 0 &&
    shape.items === undefined &&
    shape.additionalProperties === true &&
    !shape.variants &&
    shape.format === undefined &&
    shape.pattern === undefined &&
    shape.lower === undefined &&
    shape.upper === undefined &&
    [shape.minLength, shape.maxLength, shape.minItems, shape.maxItems].every((v) => v === undefined)
  );
}

/** Loose: a shape that only says "null" (`{ type: 'null' }`, `enum: [null]`). */
const isNullOnly = (shape) => shape.types?.size === 0 && shape.nullable && (!shape.variants || shape.variants.length === 0);

export function createNormaliser(loaded) {
  const memo = new WeakMap();
  const inProgress = new Set();

  /** @returns {Shape} */
  function normalise(raw) {
    if (raw === undefined || raw === true || raw === null) return anyShape();
    if (raw === false) return { ...anyShape(), types: new Set() };
    if (typeof raw !== 'object') return anyShape();
    if (memo.has(raw)) return memo.get(raw);
    // An allOf that reaches itself again adds nothing new: read the repeat as "anything".
    if (inProgress.has(raw)) return anyShape();
    inProgress.add(raw);
    try {
      const shape = build(raw);
      memo.set(raw, shape);
      return shape;
    } finally {
      inProgress.delete(raw);
    }
  }

  function build(raw) {
    const { node, refs } = loaded.deref(raw);
    if (!node || typeof node !== 'object') return { ...anyShape(), refs };
    if (node[UNRESOLVED]) return { ...anyShape(), refs, unresolved: node[UNRESOLVED] };
    let shape = ownShape(node, refs);
    shape.readOnly = flagged(node, 'readOnly');
    shape.writeOnly = flagged(node, 'writeOnly');
    for (const member of Array.isArray(node.allOf) ? node.allOf : []) shape = intersect(shape, normalise(member));
    const alternatives = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
    if (alternatives) shape = intersect(shape, alternativesShape(alternatives));
    if (node.discriminator?.propertyName) {
      shape.discriminator = node.discriminator;
      if (shape.variants) shape.variants = shape.variants.map((variant) => requiring(variant, node.discriminator.propertyName));
    }
    return shape;
  }

  /**
   * A variant of a union with a declared discriminator, its discriminator property required: the
   * property MUST be present in the payload (OpenAPI 3.0.3, Discriminator Object; 3.1 says it
   * should be required, and without it no variant can be chosen), even where a variant leaves it
   * out of `required` (Vapi's update DTOs). A variant that does not declare the property abstains.
   */
  function requiring(variant, property) {
    if (!variant.properties.has(property) || variant.required.has(property)) return variant;
    return { ...variant, required: new Set([...variant.required, property]) };
  }

  /** Properties marked readOnly / writeOnly (they exist in one direction only). */
  function flagged(node, keyword) {
    const names = new Set();
    for (const [name, schema] of Object.entries(node.properties ?? {})) {
      const { node: target } = loaded.deref(schema);
      if (target?.[keyword] === true) names.add(name);
    }
    return names;
  }

  /** One shape for `oneOf` / `anyOf` alternatives: null ones make it nullable, plain ones a type union. */
  function alternativesShape(alternatives) {
    const shapes = alternatives.map(normalise);
    const nullable = shapes.some((s) => s.nullable || isNullOnly(s));
    const rest = shapes.filter((s) => !isNullOnly(s)).flatMap((s) => s.variants ?? [s]);
    if (rest.length === 0) return { ...anyShape(), types: new Set(), nullable: true };
    if (rest.length === 1) return { ...rest[0], nullable: nullable || rest[0].nullable };
    if (rest.every(isPlain)) {
      const union = anyShape();
      union.types = unionTypes(rest);
      union.nullable = nullable;
      union.enum = rest.every((s) => s.enum) ? rest.flatMap((s) => s.enum) : undefined;
      return union;
    }
    return { ...anyShape(), variants: rest.slice(0, VARIANT_LIMIT), types: unionTypes(rest), nullable };
  }

  return normalise;
}
