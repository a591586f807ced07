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
import { type LoadedOpenApi, UNRESOLVED } from '../openapi/document.js';
import type { DiscriminatorObject, SchemaNode, SchemaObject } from '../openapi/types.js';

export interface Bound {
  value: number;
  exclusive: boolean;
}

export interface Shape {
  /** The `$ref`s this shape was read through (cycle detection, discriminator mappings). */
  refs: string[];
  /** JSON types other than null; undefined = any value. */
  types: Set<string> | undefined;
  /** Whether null is explicitly allowed. */
  nullable: boolean;
  /** The allowed values (without null). */
  enum: unknown[] | undefined;
  format: string | undefined;
  pattern: string | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  minItems: number | undefined;
  maxItems: number | undefined;
  /** minimum / exclusiveMinimum */
  lower: Bound | undefined;
  /** maximum / exclusiveMaximum */
  upper: Bound | undefined;
  /** Raw property schemas. */
  properties: Map<string, SchemaNode>;
  required: Set<string>;
  /** true = anything, false = nothing, else a raw schema. */
  additionalProperties: SchemaNode;
  /** Raw item schema, or undefined. */
  items: SchemaNode | undefined;
  /** The `oneOf`/`anyOf` alternatives (never a null one). */
  variants: Shape[] | undefined;
  discriminator: DiscriminatorObject | undefined;
  deprecated: boolean;
  default: { value: unknown } | undefined;
  /** Names of readOnly properties. */
  readOnly: Set<string>;
  /** Names of writeOnly properties. */
  writeOnly: Set<string>;
  /** The `$ref` that pointed at nothing (the shape is unknown). */
  unresolved: string | undefined;
}

/** A raw schema, as a document holds it, and shapes read from them. */
export type Normaliser = (raw: SchemaNode | undefined | null) => Shape;

const TYPE_ORDER = ['string', 'integer', 'number', 'boolean', 'object', 'array'];
const VARIANT_LIMIT = 64;

/** The shape of `true` / `{}`: anything. */
export function anyShape(): Shape {
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
export function sortedTypes(types: Set<string>): string[] {
  return [...types].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
const rank = (type: string) => (TYPE_ORDER.includes(type) ? TYPE_ORDER.indexOf(type) : TYPE_ORDER.length);

export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The types a schema without `type` implies through its other keywords; undefined = none implied. */
function impliedTypes(node: SchemaObject, values: unknown[] | undefined): Set<string> | undefined {
  const implied = new Set<string>();
  if (['properties', 'additionalProperties', 'required', 'minProperties', 'maxProperties'].some((k) => k in node)) implied.add('object');
  if (['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'].some((k) => k in node)) implied.add('array');
  if (['pattern', 'minLength', 'maxLength'].some((k) => k in node)) implied.add('string');
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in node)) implied.add('number');
  for (const value of values ?? []) if (value !== null) implied.add(jsonType(value));
  return implied.size ? implied : undefined;
}

const maxOf = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minOf = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

function stricterLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.exclusive ? a : b;
}

function stricterUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return a.exclusive ? a : b;
}

/** Numeric bounds of a schema, from 3.0's boolean or 3.1's numeric `exclusiveMinimum` / `exclusiveMaximum`. */
function bounds(node: SchemaObject): { lower: Bound | undefined; upper: Bound | undefined } {
  const bound = (inclusive: unknown, exclusive: unknown, stricter: (a: Bound | undefined, b: Bound | undefined) => Bound | undefined) => {
    const candidates: Bound[] = [];
    if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: exclusive === true });
    if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true });
    return candidates.reduce<Bound | undefined>((a, b) => stricter(a, b), undefined);
  };
  return { lower: bound(node.minimum, node.exclusiveMinimum, stricterLower), upper: bound(node.maximum, node.exclusiveMaximum, stricterUpper) };
}

/** The shape of one schema object's own keywords (not its allOf / oneOf / anyOf). */
function ownShape(node: SchemaObject, refs: string[]): Shape {
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
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    const value = node[key];
    if (typeof value === 'number') shape[key] = value;
  }
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

function intersectTypes(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a || !b) return a ?? b;
  const result = new Set<string>();
  for (const t of a) {
    if (b.has(t)) result.add(t);
    else if (t === 'integer' && b.has('number')) result.add('integer');
    else if (t === 'number' && b.has('integer')) result.add('integer');
  }
  return result;
}

function unionTypes(shapes: Shape[]): Set<string> | undefined {
  const types: string[] = [];
  for (const shape of shapes) {
    if (!shape.types) return undefined;
    types.push(...shape.types);
  }
  return new Set(types);
}

const withoutVariants = (shape: Shape): Shape => ({ ...shape, variants: undefined });

/** Both schemas at once (an `allOf`), without variants. */
function intersectFlat(a: Shape, b: Shape): Shape {
  const properties = new Map(a.properties);
  for (const [name, schema] of b.properties) properties.set(name, properties.has(name) ? { allOf: [properties.get(name)!, schema] } : schema);
  const additional = (x: SchemaNode, y: SchemaNode): SchemaNode => (x === false || y === false ? false : x === true ? y : y === true ? x : { allOf: [x, y] });
  return {
    refs: [...a.refs, ...b.refs],
    types: intersectTypes(a.types, b.types),
    // An explicit null on either side wins: the 3.0 idiom `allOf: [$ref], nullable: true` means
    // "the referenced schema, or null", even though a strict reading would forbid null.
    nullable: a.nullable || b.nullable,
    enum: a.enum && b.enum ? a.enum.filter((v) => b.enum!.some((w) => sameValue(v, w))) : (a.enum ?? b.enum),
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
function intersect(a: Shape, b: Shape): Shape {
  if (!a.variants && !b.variants) return intersectFlat(a, b);
  const base = intersectFlat(withoutVariants(a), withoutVariants(b));
  const variants: Shape[] = [];
  for (const x of a.variants ?? [withoutVariants(a)]) {
    for (const y of b.variants ?? [withoutVariants(b)]) {
      if (variants.length < VARIANT_LIMIT) variants.push(intersectFlat(x, y));
    }
  }
  return { ...base, variants, types: unionTypes(variants) };
}

/** Has nothing but types, an enum and annotations: alternatives like that are one union of types. */
function isPlain(shape: Shape): boolean {
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
const isNullOnly = (shape: Shape) => shape.types?.size === 0 && shape.nullable && (!shape.variants || shape.variants.length === 0);

/** Reads the schemas of one loaded document as shapes, each once. */
export function createNormaliser(loaded: LoadedOpenApi): Normaliser {
  const memo = new WeakMap<SchemaObject, Shape>();
  const inProgress = new Set<SchemaObject>();

  function normalise(raw: SchemaNode | undefined | null): Shape {
    if (raw === undefined || raw === true || raw === null) return anyShape();
    if (raw === false) return { ...anyShape(), types: new Set() };
    if (typeof raw !== 'object') return anyShape();
    const memoised = memo.get(raw);
    if (memoised) return memoised;
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

  function build(raw: SchemaObject): Shape {
    const { node, refs } = loaded.deref<SchemaObject>(raw);
    if (!node || typeof node !== 'object') return { ...anyShape(), refs };
    const unresolved = node[UNRESOLVED];
    if (typeof unresolved === 'string') return { ...anyShape(), refs, unresolved };
    let shape = ownShape(node, refs);
    shape.readOnly = flagged(node, 'readOnly');
    shape.writeOnly = flagged(node, 'writeOnly');
    for (const member of Array.isArray(node.allOf) ? node.allOf : []) shape = intersect(shape, normalise(member));
    const alternatives = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
    if (alternatives) shape = intersect(shape, alternativesShape(alternatives));
    if (node.discriminator?.propertyName) {
      const property = node.discriminator.propertyName;
      shape.discriminator = node.discriminator;
      if (shape.variants) shape.variants = shape.variants.map((variant) => requiring(variant, property));
    }
    return shape;
  }

  /**
   * A variant of a union with a declared discriminator, its discriminator property required: the
   * property MUST be present in the payload (OpenAPI 3.0.3, Discriminator Object; 3.1 says it
   * should be required, and without it no variant can be chosen), even where a variant leaves it
   * out of `required` (Vapi's update DTOs). A variant that does not declare the property abstains.
   */
  function requiring(variant: Shape, property: string): Shape {
    if (!variant.properties.has(property) || variant.required.has(property)) return variant;
    return { ...variant, required: new Set([...variant.required, property]) };
  }

  /** Properties marked readOnly / writeOnly (they exist in one direction only). */
  function flagged(node: SchemaObject, keyword: 'readOnly' | 'writeOnly'): Set<string> {
    const names = new Set<string>();
    for (const [name, schema] of Object.entries(node.properties ?? {})) {
      const { node: target } = loaded.deref(typeof schema === 'object' ? schema : undefined);
      if (target?.[keyword] === true) names.add(name);
    }
    return names;
  }

  /** One shape for `oneOf` / `anyOf` alternatives: null ones make it nullable, plain ones a type union. */
  function alternativesShape(alternatives: SchemaNode[]): Shape {
    const shapes = alternatives.map(normalise);
    const nullable = shapes.some((s) => s.nullable || isNullOnly(s));
    const rest = shapes.filter((s) => !isNullOnly(s)).flatMap((s) => s.variants ?? [s]);
    const [only] = rest;
    if (only === undefined) return { ...anyShape(), types: new Set(), nullable: true };
    if (rest.length === 1) return { ...only, nullable: nullable || only.nullable };
    if (rest.every(isPlain)) {
      const union = anyShape();
      union.types = unionTypes(rest);
      union.nullable = nullable;
      union.enum = rest.every((s) => s.enum) ? rest.flatMap((s) => s.enum!) : undefined;
      return union;
    }
    return { ...anyShape(), variants: rest.slice(0, VARIANT_LIMIT), types: unionTypes(rest), nullable };
  }

  return normalise;
}
