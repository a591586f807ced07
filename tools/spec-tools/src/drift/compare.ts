// The comparison: our spec against the vendor's document, operation by operation, field by field.
//
// Every difference is `{ id, path, kind, class, message }`:
//   path     where it is: `POST /phone-number request body <provider=twilio>.hooks[]<on=call.ending>.do`
//            (`.name` a property, `[]` array items, `{}` additionalProperties, `<prop=value>` the
//            oneOf/anyOf variant with that discriminator value, `<string>` / `<#2>` one paired by
//            structure: by its type, else by its position in our spec, `<theirs#2>` in theirs);
//   kind     what differs: type, nullable, required, missing, extra, enum, format, pattern,
//            minLength, maxLength, minItems, maxItems, minimum, maximum, additionalProperties,
//            status, media-type, deprecated, default, operation;
//   class    ours-rejects (ours accepts less than theirs: real requests or real answers fail our
//            checks), ours-accepts (ours accepts more), docs (annotations only);
//   id       `${path}: ${message}`, e.g. `... .do: type array vs object` (ours first, theirs second).
// Requests and responses are classified alike: a narrower request schema refuses requests the
// vendor takes, a narrower response schema refuses answers the vendor sends.
import type { LoadedOpenApi } from '../openapi/document.js';
import type { MediaTypeObject, ParameterObject, RequestBodyObject, ResponseObject, SchemaNode } from '../openapi/types.js';
import { type Bound, createNormaliser, type Normaliser, type Shape, sameValue, sortedTypes } from './normalise.js';
import { type DriftOperation, driftOperations, matchOperations, operationName } from './operations.js';

export const CLASSES = ['ours-rejects', 'ours-accepts', 'docs'] as const;
export type DifferenceClass = (typeof CLASSES)[number];
const REJECTS = 'ours-rejects';
const ACCEPTS = 'ours-accepts';
const DOCS = 'docs';
const MAX_DEPTH = 48;

export interface Difference {
  id: string;
  path: string;
  kind: string;
  class: DifferenceClass;
  message: string;
  /** The reason of the drift.yaml entry that reviewed it (./drift-file.ts). */
  reviewed?: string;
}

export interface OperationComparison {
  /** Ours: `GET /numbers/{id}`. */
  operation: string;
  /** Theirs, or null when they have no such operation. */
  theirs: string | null;
  differences: Difference[];
}

// Formats a validator checks (ajv-formats, which Prism uses); any other format only annotates.
const ASSERTED_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
]);
// Headers that security schemes and content negotiation cover, not parameters to compare.
const IGNORED_HEADERS = new Set(['authorization', 'content-type', 'accept']);

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const showTypes = (shape: Shape) => (shape.types === undefined ? 'any' : shape.types.size === 0 ? 'null' : sortedTypes(shape.types).join('|'));
const joinPath = (area: string, at: string) => (at ? `${area} ${at}` : area);

/** Two type sets share no value (undefined = any, which shares every one). */
function disjoint(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (!a || !b || a.size === 0 || b.size === 0) return false;
  return ![...a].some((t) => b.has(t) || (t === 'integer' && b.has('number')) || (t === 'number' && b.has('integer')));
}

/** A type set accepts every value of another (integer is a kind of number). */
function covers(wider: Set<string>, narrower: Set<string>): boolean {
  return [...narrower].every((t) => wider.has(t) || (t === 'integer' && wider.has('number')));
}

class Differences {
  readonly list: Difference[] = [];
  private readonly seen = new Set<string>();

  add(path: string, kind: string, cls: DifferenceClass, message: string): void {
    const id = `${path}: ${message}`;
    if (this.seen.has(`${id}\n${kind}`)) return;
    this.seen.add(`${id}\n${kind}`);
    this.list.push({ id, path, kind, class: cls, message });
  }
}

/** What every step of a comparison knows. */
interface Context {
  ours: LoadedOpenApi;
  theirs: LoadedOpenApi;
  normaliseOurs: Normaliser;
  normaliseTheirs: Normaliser;
  /** Requests hide readOnly properties, responses writeOnly ones. */
  direction?: 'request' | 'response';
  /** The pairs of `$ref`s on the way here, so recursive schemas end. */
  stack?: string[];
  /** Where a variant's discriminator values were compared already. */
  skipEnumAt?: string;
}
type WalkContext = Context & { stack: string[] };

/** Compares two loaded documents. */
export function compareDocuments(oursDoc: LoadedOpenApi, theirsDoc: LoadedOpenApi): { operations: OperationComparison[] } {
  const ctx: Context = { ours: oursDoc, theirs: theirsDoc, normaliseOurs: createNormaliser(oursDoc), normaliseTheirs: createNormaliser(theirsDoc) };
  const pairs = matchOperations(driftOperations(oursDoc), driftOperations(theirsDoc));
  const operations = pairs.map(({ ours, theirs }) => {
    const out = new Differences();
    const name = operationName(ours);
    if (!theirs) out.add(name, 'operation', ACCEPTS, 'operation not in theirs');
    else compareOperation(ours, theirs, name, out, ctx);
    return { operation: name, theirs: theirs ? operationName(theirs) : null, differences: out.list };
  });
  return { operations };
}

function compareOperation(ours: DriftOperation, theirs: DriftOperation, name: string, out: Differences, ctx: Context): void {
  const deprecated = (op: DriftOperation) => op.operation.deprecated === true;
  if (deprecated(ours) !== deprecated(theirs))
    out.add(name, 'deprecated', DOCS, deprecated(ours) ? 'deprecated vs not deprecated' : 'not deprecated vs deprecated');
  compareParameters(ours, theirs, name, out, ctx);
  compareRequestBody(ours.operation.requestBody, theirs.operation.requestBody, name, out, ctx);
  compareResponses(ours.operation.responses ?? {}, theirs.operation.responses ?? {}, name, out, ctx);
}

// ---- Parameters ---------------------------------------------------------------------------------

/** Path-level and operation-level parameters (the operation's win), `$ref`s resolved. */
function parametersOf(op: DriftOperation, loaded: LoadedOpenApi): Map<string, ParameterObject> {
  const byKey = new Map<string, ParameterObject>();
  for (const raw of [...op.parameters, ...(op.operation.parameters ?? [])]) {
    const { node } = loaded.deref(raw);
    if (!node?.name || !node.in) continue;
    const name = node.in === 'header' ? node.name.toLowerCase() : node.name;
    if (node.in === 'header' && IGNORED_HEADERS.has(name)) continue;
    byKey.set(`${node.in} ${name}`, node);
  }
  return byKey;
}

/** Names of the `{...}` segments of a path template, in order. */
const templateNames = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);

function compareParameters(ours: DriftOperation, theirs: DriftOperation, name: string, out: Differences, ctx: Context): void {
  const oursParams = parametersOf(ours, ctx.ours);
  const theirsParams = parametersOf(theirs, ctx.theirs);
  // Path parameters pair by position in the template: their names may differ.
  const oursNames = templateNames(ours.path);
  const theirsNames = templateNames(theirs.path);
  const counterpart = (key: string, param: ParameterObject) => {
    if (param.in !== 'path') return key;
    const index = oursNames.indexOf(param.name);
    return index >= 0 && theirsNames[index] !== undefined ? `path ${theirsNames[index]}` : key;
  };
  const paired = new Set<string>();
  for (const [key, param] of oursParams) {
    const area = `${name} ${param.in} parameter ${param.name}`;
    const otherKey = counterpart(key, param);
    const other = theirsParams.get(otherKey);
    if (!other) {
      out.add(area, 'extra', param.required ? REJECTS : ACCEPTS, param.required ? 'not in theirs (required in ours)' : 'not in theirs');
      continue;
    }
    paired.add(otherKey);
    const required = param.in === 'path' || param.required === true;
    const theirsRequired = other.in === 'path' || other.required === true;
    if (required !== theirsRequired) out.add(area, 'required', required ? REJECTS : ACCEPTS, required ? 'required vs optional' : 'optional vs required');
    if (Boolean(param.deprecated) !== Boolean(other.deprecated)) {
      out.add(area, 'deprecated', DOCS, param.deprecated ? 'deprecated vs not deprecated' : 'not deprecated vs deprecated');
    }
    compareSchema(param.schema ?? parameterContentSchema(param), other.schema ?? parameterContentSchema(other), area, '', out, {
      ...ctx,
      direction: 'request',
    });
  }
  for (const [key, param] of theirsParams) {
    if (paired.has(key)) continue;
    const area = `${name} ${param.in} parameter ${param.name}`;
    out.add(area, 'missing', ACCEPTS, param.required ? 'missing in ours (required in theirs)' : 'missing in ours');
  }
}

const parameterContentSchema = (param: ParameterObject) => Object.values(param.content ?? {})[0]?.schema;

// ---- Bodies -------------------------------------------------------------------------------------

/** The media type whose schema is compared: a JSON one where there is one. */
const pickMediaType = (types: string[]) => types.find((t) => /json/i.test(t)) ?? types[0]!;

function compareContent(
  oursContent: Record<string, MediaTypeObject> | undefined,
  theirsContent: Record<string, MediaTypeObject> | undefined,
  area: string,
  out: Differences,
  ctx: Context,
) {
  const oursTypes = Object.keys(oursContent ?? {});
  const theirsTypes = Object.keys(theirsContent ?? {});
  if (oursTypes.length === 0 && theirsTypes.length === 0) return;
  if (theirsTypes.length === 0) return out.add(area, 'extra', ACCEPTS, 'body not in theirs');
  if (oursTypes.length === 0) return out.add(area, 'missing', ACCEPTS, `body missing in ours (theirs: ${theirsTypes.join(', ')})`);
  const theirsOnly = theirsTypes.filter((t) => !oursTypes.includes(t));
  const oursOnly = oursTypes.filter((t) => !theirsTypes.includes(t));
  if (theirsOnly.length) out.add(area, 'media-type', REJECTS, `media types lack ${theirsOnly.join(', ')}`);
  if (oursOnly.length) out.add(area, 'media-type', ACCEPTS, `media types add ${oursOnly.join(', ')}`);
  const common = oursTypes.filter((t) => theirsTypes.includes(t));
  const oursType = pickMediaType(common.length ? common : oursTypes);
  const theirsType = common.length ? oursType : pickMediaType(theirsTypes);
  compareSchema(oursContent?.[oursType]?.schema, theirsContent?.[theirsType]?.schema, area, '', out, ctx);
}

function compareRequestBody(oursRaw: RequestBodyObject | undefined, theirsRaw: RequestBodyObject | undefined, name: string, out: Differences, ctx: Context) {
  const area = `${name} request body`;
  const ours = oursRaw ? ctx.ours.deref(oursRaw).node : undefined;
  const theirs = theirsRaw ? ctx.theirs.deref(theirsRaw).node : undefined;
  if (!ours && !theirs) return;
  if (!theirs) return out.add(area, 'extra', ours!.required ? REJECTS : ACCEPTS, ours!.required ? 'not in theirs (required in ours)' : 'not in theirs');
  if (!ours) return out.add(area, 'missing', ACCEPTS, theirs.required ? 'missing in ours (required in theirs)' : 'missing in ours');
  if (Boolean(ours.required) !== Boolean(theirs.required)) {
    out.add(area, 'required', ours.required ? REJECTS : ACCEPTS, ours.required ? 'required vs optional' : 'optional vs required');
  }
  compareContent(ours.content, theirs.content, area, out, { ...ctx, direction: 'request' });
}

const isSuccess = (code: string) => /^2(\d\d|XX)$/i.test(code);

function compareResponses(
  oursResponses: Record<string, ResponseObject>,
  theirsResponses: Record<string, ResponseObject>,
  name: string,
  out: Differences,
  ctx: Context,
): void {
  const oursCodes = Object.keys(oursResponses).filter(isSuccess);
  const theirsCodes = Object.keys(theirsResponses).filter(isSuccess);
  const pairs = oursCodes.filter((c) => theirsCodes.includes(c)).map((c) => [c, c] as const);
  const oursLeft = oursCodes.filter((c) => !theirsCodes.includes(c));
  const theirsLeft = theirsCodes.filter((c) => !oursCodes.includes(c));
  // One success status each, but different ones (201 vs 200): the same answer, another status.
  const [oursOnly] = oursLeft;
  const [theirsOnly] = theirsLeft;
  if (oursLeft.length === 1 && theirsLeft.length === 1 && oursOnly !== undefined && theirsOnly !== undefined) {
    out.add(`${name} response`, 'status', REJECTS, `success status ${oursOnly} vs ${theirsOnly}`);
    pairs.push([oursOnly, theirsOnly]);
  } else {
    for (const code of oursLeft) out.add(`${name} response ${code}`, 'extra', ACCEPTS, 'success status not in theirs');
    for (const code of theirsLeft) out.add(`${name} response ${code}`, 'missing', REJECTS, 'success status missing in ours');
  }
  for (const [oursCode, theirsCode] of pairs) {
    const ours = ctx.ours.deref(oursResponses[oursCode]).node ?? {};
    const theirs = ctx.theirs.deref(theirsResponses[theirsCode]).node ?? {};
    compareContent(ours.content, theirs.content, `${name} response ${oursCode} body`, out, { ...ctx, direction: 'response' });
  }
}

// ---- Schemas ------------------------------------------------------------------------------------

/** Compares two raw schemas at `area` + `at` (the field path inside the schema). */
function compareSchema(oursRaw: SchemaNode | undefined, theirsRaw: SchemaNode | undefined, area: string, at: string, out: Differences, ctx: Context): void {
  compareShapes(ctx.normaliseOurs(oursRaw), ctx.normaliseTheirs(theirsRaw), area, at, out, { ...ctx, stack: ctx.stack ?? [] });
}

function compareShapes(ours: Shape, theirs: Shape, area: string, at: string, out: Differences, ctx: WalkContext, skipNull = false) {
  // Behind a `$ref` to nothing there is nothing to compare (the run lists such `$ref`s).
  if (ours.unresolved || theirs.unresolved) return;
  // Both sides recursive (a schema holding itself): stop when the same pair of $refs comes again.
  const key = ours.refs.length && theirs.refs.length ? `${ours.refs.join(',')}|${theirs.refs.join(',')}` : undefined;
  if ((key && ctx.stack.includes(key)) || ctx.stack.length > MAX_DEPTH) return;
  const inner = { ...ctx, stack: [...ctx.stack, key ?? ''] };
  // Of two schemas with no type in common (an array vs one object or another), one line says it all.
  if (disjoint(ours.types, theirs.types)) return compareTypes(ours, theirs, area, at, out, skipNull);
  if (ours.variants || theirs.variants) {
    if (!skipNull) compareNullable(ours, theirs, area, at, out);
    compareVariants(ours, theirs, area, at, out, inner);
    return;
  }
  compareTypes(ours, theirs, area, at, out, skipNull);
  if (at !== ctx.skipEnumAt) compareEnums(ours, theirs, area, at, out);
  compareFormats(ours, theirs, area, at, out);
  const [oursLive, theirsLive] = [withoutInertKeywords(ours), withoutInertKeywords(theirs)];
  comparePatterns(oursLive, theirsLive, area, at, out);
  compareBounds(oursLive, theirsLive, area, at, out);
  compareAnnotations(ours, theirs, area, at, out);
  compareObjects(ours, theirs, area, at, out, inner);
  if (ours.items !== undefined || theirs.items !== undefined) {
    compareSchema(ours.items, theirs.items, area, `${at}[]`, out, inner);
  }
}

function compareNullable(ours: Shape, theirs: Shape, area: string, at: string, out: Differences): void {
  if (!ours.types || !theirs.types || ours.nullable === theirs.nullable) return;
  const path = joinPath(area, at);
  if (theirs.nullable) out.add(path, 'nullable', REJECTS, 'null rejected (theirs allows null)');
  else out.add(path, 'nullable', ACCEPTS, 'null allowed (theirs rejects null)');
}

function compareTypes(ours: Shape, theirs: Shape, area: string, at: string, out: Differences, skipNull: boolean): void {
  const path = joinPath(area, at);
  if (!ours.types && !theirs.types) return;
  if (!ours.types || !theirs.types) {
    out.add(path, 'type', ours.types ? REJECTS : ACCEPTS, `type ${showTypes(ours)} vs ${showTypes(theirs)}`);
    return;
  }
  const wider = covers(ours.types, theirs.types);
  const narrower = covers(theirs.types, ours.types);
  if (!(wider && narrower)) out.add(path, 'type', wider ? ACCEPTS : REJECTS, `type ${showTypes(ours)} vs ${showTypes(theirs)}`);
  if (!skipNull) compareNullable(ours, theirs, area, at, out);
}

function compareEnums(ours: Shape, theirs: Shape, area: string, at: string, out: Differences) {
  if (!ours.enum && !theirs.enum) return;
  const path = joinPath(area, at);
  const list = (values: unknown[]) => values.map(show).join('|');
  if (!theirs.enum) return out.add(path, 'enum', REJECTS, `enum ${list(ours.enum!)} vs any value`);
  if (!ours.enum) return out.add(path, 'enum', ACCEPTS, `enum any value vs ${list(theirs.enum)}`);
  const oursEnum = ours.enum;
  const theirsEnum = theirs.enum;
  const lacks = theirsEnum.filter((v) => !oursEnum.some((w) => sameValue(v, w)));
  const adds = oursEnum.filter((v) => !theirsEnum.some((w) => sameValue(v, w)));
  if (lacks.length) out.add(path, 'enum', REJECTS, `enum lacks ${lacks.map(show).join(', ')}${adds.length ? `; adds ${adds.map(show).join(', ')}` : ''}`);
  else if (adds.length) out.add(path, 'enum', ACCEPTS, `enum adds ${adds.map(show).join(', ')}`);
}

function compareFormats(ours: Shape, theirs: Shape, area: string, at: string, out: Differences): void {
  if (ours.format === theirs.format) return;
  const checked = (format: string | undefined) => format !== undefined && ASSERTED_FORMATS.has(format);
  const message = `format ${ours.format ?? 'none'} vs ${theirs.format ?? 'none'}`;
  const path = joinPath(area, at);
  // Only a format a validator checks narrows; if ours checks one, theirs checks none or another.
  if (checked(ours.format)) out.add(path, 'format', REJECTS, message);
  else if (checked(theirs.format)) out.add(path, 'format', ACCEPTS, message);
  else out.add(path, 'format', DOCS, message);
}

function comparePatterns(ours: Shape, theirs: Shape, area: string, at: string, out: Differences) {
  if (ours.pattern === theirs.pattern) return;
  const path = joinPath(area, at);
  const message = `pattern ${ours.pattern === undefined ? 'none' : `'${ours.pattern}'`} vs ${theirs.pattern === undefined ? 'none' : `'${theirs.pattern}'`}`;
  // Two different patterns cannot be ordered in general: the safe verdict is that ours rejects,
  // unless every value their enum allows matches our pattern anyway.
  if (ours.pattern !== undefined && !enumPasses(theirs, passesPattern(ours.pattern))) return out.add(path, 'pattern', REJECTS, message);
  if (theirs.pattern !== undefined && !enumPasses(ours, passesPattern(theirs.pattern))) out.add(path, 'pattern', ACCEPTS, message);
}

// ---- Keywords that cannot narrow ----------------------------------------------------------------

// Keywords that constrain values of one JSON type only (JSON Schema validation, section 6): on a
// schema whose types exclude that one they constrain nothing (Vapi puts `maxLength` on an array).
const TYPE_KEYWORDS: { type: string; keys: (keyof Shape)[] }[] = [
  { type: 'string', keys: ['minLength', 'maxLength', 'pattern'] },
  { type: 'array', keys: ['minItems', 'maxItems'] },
  { type: 'number', keys: ['lower', 'upper'] },
];

/** The shape without the keywords its own types make inert. */
function withoutInertKeywords(shape: Shape): Shape {
  if (!shape.types || shape.types.size === 0) return shape;
  let live = shape;
  for (const { type, keys } of TYPE_KEYWORDS) {
    const applies = shape.types.has(type) || (type === 'number' && shape.types.has('integer'));
    if (applies || keys.every((key) => shape[key] === undefined)) continue;
    if (live === shape) live = { ...shape };
    for (const key of keys) Object.assign(live, { [key]: undefined });
  }
  return live;
}

/**
 * Whether a side with an enum only allows values that pass `test` (null, never in `enum`, passes
 * every length, pattern and bound). Then the other side's bound or pattern refuses none of them:
 * `const: call.ringing` against `enum: [call.ringing], maxLength: 1000` is no difference.
 */
const enumPasses = (shape: Shape, test: (value: unknown) => boolean) => Array.isArray(shape.enum) && shape.enum.every(test);

type LengthKind = 'minLength' | 'maxLength' | 'minItems' | 'maxItems';
const codePoints = (value: string) => [...value].length;
const LENGTH_TESTS: Record<LengthKind, (n: number) => (value: unknown) => boolean> = {
  minLength: (n) => (v) => typeof v !== 'string' || codePoints(v) >= n,
  maxLength: (n) => (v) => typeof v !== 'string' || codePoints(v) <= n,
  minItems: (n) => (v) => !Array.isArray(v) || v.length >= n,
  maxItems: (n) => (v) => !Array.isArray(v) || v.length <= n,
};

function passesPattern(pattern: string): (value: unknown) => boolean {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return () => false; // A pattern we cannot read: keep the difference.
  }
  return (v) => typeof v !== 'string' || regex.test(v);
}

const passesBound = (bound: Bound, lower: boolean) => (v: unknown) => {
  if (typeof v !== 'number') return true;
  if (lower) return bound.exclusive ? v > bound.value : v >= bound.value;
  return bound.exclusive ? v < bound.value : v <= bound.value;
};

// Lower bounds narrow as they grow, upper bounds as they shrink.
const LENGTH_BOUNDS: { kind: LengthKind; lower: boolean }[] = [
  { kind: 'minLength', lower: true },
  { kind: 'maxLength', lower: false },
  { kind: 'minItems', lower: true },
  { kind: 'maxItems', lower: false },
];

function compareBounds(ours: Shape, theirs: Shape, area: string, at: string, out: Differences): void {
  const path = joinPath(area, at);
  for (const { kind, lower } of LENGTH_BOUNDS) {
    const a = ours[kind];
    const b = theirs[kind];
    if (a === b) continue;
    const narrower = a !== undefined && (b === undefined || (lower ? a > b : a < b));
    // The narrower bound refuses nothing when the other side's enum only holds values within it.
    if (enumPasses(narrower ? theirs : ours, LENGTH_TESTS[kind]((narrower ? a : b)!))) continue;
    out.add(path, kind, narrower ? REJECTS : ACCEPTS, `${kind} ${a ?? 'none'} vs ${b ?? 'none'}`);
  }
  // Numeric bounds are `{ value, exclusive }` (see ./normalise.ts): at the same value, exclusive is narrower.
  const showBound = (bound: Bound | undefined, lower: boolean) => (bound ? `${bound.exclusive ? (lower ? '> ' : '< ') : ''}${bound.value}` : 'none');
  for (const { kind, lower } of [
    { kind: 'minimum', lower: true },
    { kind: 'maximum', lower: false },
  ]) {
    const a = lower ? ours.lower : ours.upper;
    const b = lower ? theirs.lower : theirs.upper;
    if (sameValue(a, b)) continue;
    let narrower = Boolean(a) && !b;
    if (a && b) narrower = a.value !== b.value ? (lower ? a.value > b.value : a.value < b.value) : a.exclusive && !b.exclusive;
    if (enumPasses(narrower ? theirs : ours, passesBound((narrower ? a : b)!, lower))) continue;
    out.add(path, kind, narrower ? REJECTS : ACCEPTS, `${kind} ${showBound(a, lower)} vs ${showBound(b, lower)}`);
  }
}

function compareAnnotations(ours: Shape, theirs: Shape, area: string, at: string, out: Differences): void {
  const path = joinPath(area, at);
  if (ours.deprecated !== theirs.deprecated)
    out.add(path, 'deprecated', DOCS, ours.deprecated ? 'deprecated vs not deprecated' : 'not deprecated vs deprecated');
  // Only a conflict: our specs often state defaults in prose (see the specs' info.description).
  if (ours.default && theirs.default && !sameValue(ours.default.value, theirs.default.value)) {
    out.add(path, 'default', DOCS, `default ${show(ours.default.value)} vs ${show(theirs.default.value)}`);
  }
}

/** Properties each side has in this direction (readOnly ones exist in answers only, writeOnly in requests). */
function fieldNames(shape: Shape, direction: Context['direction']): string[] {
  const names = new Set([...shape.properties.keys(), ...shape.required]);
  const hidden = direction === 'request' ? shape.readOnly : direction === 'response' ? shape.writeOnly : new Set<string>();
  return [...names].filter((name) => !hidden.has(name));
}

function compareObjects(ours: Shape, theirs: Shape, area: string, at: string, out: Differences, ctx: WalkContext): void {
  const oursNames = fieldNames(ours, ctx.direction);
  const theirsNames = fieldNames(theirs, ctx.direction);
  const isObject = (shape: Shape) => shape.properties.size > 0 || shape.additionalProperties !== true || Boolean(shape.types?.has('object'));
  if (!isObject(ours) && !isObject(theirs)) return;
  for (const name of oursNames) {
    const path = joinPath(area, `${at}.${name}`);
    const required = ours.required.has(name);
    if (!theirsNames.includes(name)) {
      out.add(path, 'extra', required ? REJECTS : ACCEPTS, required ? 'not in theirs (required in ours)' : 'not in theirs');
      continue;
    }
    const theirsRequired = theirs.required.has(name);
    if (required !== theirsRequired) out.add(path, 'required', required ? REJECTS : ACCEPTS, required ? 'required vs optional' : 'optional vs required');
    compareSchema(ours.properties.get(name), theirs.properties.get(name), area, `${at}.${name}`, out, ctx);
  }
  for (const name of theirsNames) {
    if (oursNames.includes(name)) continue;
    const path = joinPath(area, `${at}.${name}`);
    const required = theirs.required.has(name) ? ', required in theirs' : '';
    const type = showTypes(ctx.normaliseTheirs(theirs.properties.get(name)));
    if (ours.additionalProperties === false) out.add(path, 'missing', REJECTS, `missing in ours, which forbids it (theirs: ${type}${required})`);
    else out.add(path, 'missing', ACCEPTS, `missing in ours (theirs: ${type}${required})`);
  }
  const oursClosed = ours.additionalProperties === false;
  const theirsClosed = theirs.additionalProperties === false;
  if (oursClosed !== theirsClosed) {
    const path = joinPath(area, at);
    if (oursClosed) out.add(path, 'additionalProperties', REJECTS, 'additionalProperties false vs allowed');
    else out.add(path, 'additionalProperties', ACCEPTS, 'additionalProperties allowed vs false');
  } else if (!oursClosed && (ours.additionalProperties !== true || theirs.additionalProperties !== true)) {
    // Both open, at least one with a schema for the values of unlisted keys (`true` = any value).
    compareSchema(ours.additionalProperties, theirs.additionalProperties, area, `${at}{}`, out, ctx);
  }
}

// ---- Variants (oneOf / anyOf) -------------------------------------------------------------------
// Variants pair, never by position:
//   1. by the value of a discriminator property (declared, or one whose const/enum gives values
//      on both sides and tells variants apart on one, like `provider`, `type` or `on`); one
//      variant of ours with `type: number | sip` pairs with two of theirs;
//   2. what is left, one to one by structure: the same type, then the most shared property names;
//   3. a variant still left is held against the most similar variant of the other side (one of
//      ours may stand for several of theirs: an open object against each hook type), a leftover
//      of theirs for the values it adds only; only one with no compatible counterpart, or with a
//      discriminator value the other side lacks, is reported missing in ours (ours-rejects) or
//      not in theirs (ours-accepts).
// A schema without variants is one variant; a type union without them (`[string, object]`)
// splits into one per type.

/** The discriminator values a variant stands for: its property's `const`/`enum`, else the mapping. */
function discriminatorValues(shape: Shape, property: string, mapping: Record<string, string> | undefined, normalise: Normaliser): string[] | undefined {
  const raw = shape.properties.get(property);
  const values = raw === undefined ? undefined : normalise(raw).enum;
  if (values?.length) return values.map(String);
  const mapped = Object.entries(mapping ?? {})
    .filter(([, ref]) => shape.refs.includes(ref))
    .map(([value]) => value);
  return mapped.length ? mapped : undefined;
}

/** One side of a variant comparison, before its discriminator is known. */
interface Variants {
  shape: Shape;
  variants: Shape[];
  normalise: Normaliser;
}

/**
 * How many variants `property` gives values of their own (0: it does not tell them apart, as two
 * share a value or one has the property without values). A variant without the property at all
 * abstains (Vocode's update bodies add an empty `Undefined` object to every union, and a union
 * may add an ID string beside the object); it is paired by structure instead.
 */
function valuedBy(side: Variants, property: string): number {
  const seen = new Set<string>();
  let valued = 0;
  for (const variant of side.variants) {
    const values = discriminatorValues(variant, property, side.shape.discriminator?.mapping, side.normalise);
    if (!values && !variant.properties.has(property)) continue;
    if (!values || values.some((value) => seen.has(value))) return 0;
    for (const value of values) seen.add(value);
    valued += 1;
  }
  return valued;
}

/**
 * The discriminator property of the given sides, if any: one that gives values to at least one
 * variant of every side and tells at least two apart on one (our one voice object with `type` in
 * five values, beside an ID string, against their voice per type).
 */
function findDiscriminator(sides: Variants[]): string | undefined {
  const declared = sides.map((side) => side.shape.discriminator?.propertyName).find(Boolean);
  if (declared) return declared;
  const candidates = new Set(sides[0]!.variants.flatMap((variant) => [...variant.properties.keys()]));
  return [...candidates].find((property) => {
    const counts = sides.map((side) => valuedBy(side, property));
    return counts.every((n) => n >= 1) && Math.max(...counts) >= 2;
  });
}

/** How similar two variants are (0 = cannot be the same): shared types, then shared property names. */
function similarity(a: Shape, b: Shape): number {
  if (disjoint(a.types, b.types)) return 0;
  const names = new Set([...a.properties.keys(), ...b.properties.keys()]);
  if (names.size === 0) return 1;
  const shared = [...a.properties.keys()].filter((n) => b.properties.has(n)).length;
  return 0.1 + shared / names.size;
}

/** A type union without variants (`type: [string, object]`) as one variant per type, to pair with variants. */
function splitUnion(shape: Shape): Shape[] | undefined {
  if (shape.variants || !shape.types || shape.types.size < 2) return undefined;
  return sortedTypes(shape.types).map((type) => ({
    ...shape,
    types: new Set([type]),
    enum: shape.enum?.filter((value) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value) === (type === 'integer' ? 'number' : type)),
    ...(type === 'object' ? {} : { properties: new Map(), required: new Set<string>(), additionalProperties: true }),
    ...(type === 'array' ? {} : { items: undefined }),
  }));
}

/** A label telling a variant apart by its type, where no other variant of its side has that type. */
function typeLabel(variants: Shape[], i: number): string | undefined {
  const single = (v: Shape) => (v.types?.size === 1 ? [...v.types][0] : undefined);
  const type = single(variants[i]!);
  return type && variants.filter((v) => single(v) === type).length === 1 ? `<${type}>` : undefined;
}

/** One side of a variant comparison, with each variant's discriminator values (of `property`). */
interface VariantSide extends Variants {
  property: string | undefined;
  values: (string[] | undefined)[];
  valueLabel(i: number): string | undefined;
}

function variantSide(shape: Shape, normalise: Normaliser, property: string | undefined): VariantSide {
  const variants = shape.variants ?? splitUnion(shape) ?? [shape];
  const own = property ?? findDiscriminator([{ shape, variants, normalise }]);
  const values = variants.map((v) => (own ? discriminatorValues(v, own, shape.discriminator?.mapping, normalise) : undefined));
  return {
    shape,
    variants,
    normalise,
    property: own,
    values,
    valueLabel: (i) => {
      const of = values[i];
      return of ? `<${own}=${[...of].sort().join('|')}>` : undefined;
    },
  };
}

function compareVariants(ours: Shape, theirs: Shape, area: string, at: string, out: Differences, ctx: WalkContext): void {
  const joint = findDiscriminator([
    { shape: ours, variants: ours.variants ?? splitUnion(ours) ?? [ours], normalise: ctx.normaliseOurs },
    { shape: theirs, variants: theirs.variants ?? splitUnion(theirs) ?? [theirs], normalise: ctx.normaliseTheirs },
  ]);
  const o = variantSide(ours, ctx.normaliseOurs, joint);
  const t = variantSide(theirs, ctx.normaliseTheirs, joint);
  const pairs: { i: number; j: number; label: string; only?: DifferenceClass }[] = [];
  const pair = (i: number, j: number, label: string, only?: DifferenceClass) => pairs.push({ i, j, label, only });
  const oursLeft = new Set(o.variants.keys());
  const theirsLeft = new Set(t.variants.keys());
  const oursLabel = (i: number) => o.valueLabel(i) ?? typeLabel(o.variants, i) ?? `<#${i + 1}>`;
  const theirsLabel = (j: number) => t.valueLabel(j) ?? typeLabel(t.variants, j) ?? `<theirs#${j + 1}>`;

  // 1. By discriminator value.
  if (joint) {
    for (let i = 0; i < o.variants.length; i++) {
      for (let j = 0; j < t.variants.length; j++) {
        const shared = o.values[i]?.filter((value) => t.values[j]?.includes(value)) ?? [];
        if (shared.length === 0) continue;
        pair(i, j, `<${joint}=${shared.sort().join('|')}>`);
        oursLeft.delete(i);
        theirsLeft.delete(j);
      }
    }
  }
  // Two variants whose discriminator values are known, and differ, are never the same.
  const known = (i: number, j: number) => Boolean(joint && o.values[i] && t.values[j]);
  // 2. One to one by structure, the most similar first.
  const candidates: [number, number, number][] = [];
  for (const i of oursLeft) for (const j of theirsLeft) if (!known(i, j)) candidates.push([similarity(o.variants[i]!, t.variants[j]!), i, j]);
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  for (const [score, i, j] of candidates) {
    if (score <= 0 || !oursLeft.has(i) || !theirsLeft.has(j)) continue;
    pair(i, j, t.valueLabel(j) ?? o.valueLabel(i) ?? typeLabel(o.variants, i) ?? `<#${i + 1}>`);
    oursLeft.delete(i);
    theirsLeft.delete(j);
  }
  // 3. Each variant left against the most similar one of the other side (which already has its
  //    own counterpart). A variant of theirs left over is compared for what it adds only, the
  //    values it accepts that ours rejects: what ours accepts beyond it was judged against our
  //    variant's own counterpart, and judged again here it is noise (Vocode's empty `Undefined`
  //    held against our agent object would call every agent field unknown to Vocode). A variant
  //    of ours left over is compared in full: nothing else compares its values.
  const best = (variant: Shape, others: Shape[], skip: (k: number) => boolean) => {
    let found: { k: number; score: number } | undefined;
    others.forEach((other, k) => {
      const score = skip(k) ? 0 : similarity(variant, other);
      if (score > 0 && (!found || score > found.score)) found = { k, score };
    });
    return found?.k;
  };
  for (const j of theirsLeft) {
    const i = best(t.variants[j]!, o.variants, (k) => known(k, j));
    if (i === undefined)
      out.add(joinPath(area, `${at}${theirsLabel(j)}`), 'missing', REJECTS, `variant missing in ours (theirs: ${showTypes(t.variants[j]!)})`);
    else pair(i, j, theirsLabel(j), REJECTS);
  }
  for (const i of oursLeft) {
    if (pairs.some((p) => p.i === i)) continue;
    const j = best(o.variants[i]!, t.variants, (k) => known(i, k));
    if (j === undefined) out.add(joinPath(area, `${at}${oursLabel(i)}`), 'extra', ACCEPTS, `variant not in theirs (ours: ${showTypes(o.variants[i]!)})`);
    else pair(i, j, oursLabel(i));
  }

  for (const { i, j, label, only } of pairs) {
    // Where ours lists every discriminator value of their variant, the values are not compared
    // again: one variant of ours may well hold more values than one of theirs.
    const property = t.property ?? o.property;
    const oursValues = property ? discriminatorValues(o.variants[i]!, property, ours.discriminator?.mapping, ctx.normaliseOurs) : undefined;
    const theirsValues = property ? discriminatorValues(t.variants[j]!, property, theirs.discriminator?.mapping, ctx.normaliseTheirs) : undefined;
    const covered = oursValues && theirsValues?.every((value) => oursValues.includes(value));
    const skipEnumAt = covered ? `${at}${label}.${property}` : ctx.skipEnumAt;
    const into = only ? new Differences() : out;
    compareShapes(o.variants[i]!, t.variants[j]!, area, `${at}${label}`, into, { ...ctx, skipEnumAt }, true);
    if (only) for (const d of into.list) if (d.class === only) out.add(d.path, d.kind, d.class, d.message);
  }
}
