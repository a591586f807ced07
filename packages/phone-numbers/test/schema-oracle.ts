/**
 * The oracle of the differential test of core's `checkSchema` (schema-differential.test.ts): a
 * vendor's spec schema, read from `specs/<vendor>/openapi.yaml`, rewritten by the departures listed
 * at the top of `packages/core/src/schema.ts` into JSON Schema draft 2020-12 for Ajv. Each rewrite
 * names its departure (D1…D11); everywhere else the checker must agree with Ajv on the spec as written.
 */
import { readFileSync } from 'node:fs';
import { specPath } from '@switchboard/testing';
import { Ajv2020, type ErrorObject, type SchemaObject } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

/** A schema as a spec writes it: JSON Schema with OpenAPI's `discriminator` (annotations are not listed). */
export interface SpecSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, SpecSchema>;
  required?: string[];
  additionalProperties?: boolean | SpecSchema;
  items?: SpecSchema;
  oneOf?: SpecSchema[];
  anyOf?: SpecSchema[];
  allOf?: SpecSchema[];
  discriminator?: { propertyName: string };
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema?: SpecSchema;
}

interface Content {
  $ref?: string;
  required?: boolean;
  content?: Record<string, { schema?: SpecSchema }>;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: Content;
  responses?: Record<string, Content>;
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }>;
  components?: Record<string, unknown>;
}

/** Which tables a schema is generated into: a request's (every limit), or an answer's (D2). */
export type Side = 'request' | 'answer';
/** The checker's modes: every rule, or `{ structural: true }` (D10). */
export type Mode = 'full' | 'structural';
export const MODES: readonly Mode[] = ['full', 'structural'];

/** One schema the generated table holds for an operation, with the spec schema it came from. */
export interface CheckedSchema {
  /** The table's key: `POST /phone-number`. */
  operation: string;
  location: 'path' | 'query' | 'body' | 'response';
  side: Side;
  spec: SpecSchema;
  /** The depth of `spec` itself: 0 for a body or an answer, -1 for a location's parameters (D1). */
  depth: number;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** How many levels of properties the tables keep (D1). */
const DEPTH = 2;
/** What the tables keep of a request's limits on values (D3); `format` only when it is `uuid`. */
const LIMITS = [
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
] as const;

export function readSpec(vendor: string): OpenApi {
  return parse(readFileSync(specPath(vendor), 'utf8')) as OpenApi;
}

/** The node a local `$ref` (`#/components/schemas/X`) points to, followed until it is not a reference. */
export function resolve<T extends { $ref?: string }>(spec: OpenApi, node: T): T {
  if (node.$ref === undefined) return node;
  if (!node.$ref.startsWith('#/')) throw new Error(`only local references are resolved, not ${node.$ref}`);
  const target = node.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  if (target === undefined) throw new Error(`${node.$ref} points to nothing`);
  return resolve(spec, target as T);
}

/** Every schema the client checks: each operation's path and query parameters, JSON body and JSON success answer. */
export function checkedSchemas(spec: OpenApi): CheckedSchema[] {
  const found: CheckedSchema[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS.filter((name) => item[name])) {
      const operation = item[method]!;
      const key = `${method.toUpperCase()} ${path}`;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolve(spec, parameter));
      for (const location of ['path', 'query'] as const) {
        const here = parameters.filter((parameter) => parameter.in === location);
        if (here.length === 0) continue;
        // A location's parameters as the one object a caller passes, open to others like any object.
        const object: SpecSchema = {
          type: 'object',
          properties: Object.fromEntries(here.map((parameter) => [parameter.name, parameter.schema ?? {}])),
          required: here.filter((parameter) => parameter.required).map((parameter) => parameter.name),
        };
        found.push({ operation: key, location, side: 'request', spec: object, depth: -1 });
      }
      const body = jsonSchema(spec, operation.requestBody);
      if (body) found.push({ operation: key, location: 'body', side: 'request', spec: body, depth: 0 });
      const answers = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (answers.length > 1) throw new Error(`${key} has ${answers.length} success answers; the tables hold one per operation`);
      const answer = answers[0] && jsonSchema(spec, answers[0][1]);
      if (answer) found.push({ operation: key, location: 'response', side: 'answer', spec: answer, depth: 0 });
    }
  }
  return found;
}

function jsonSchema(spec: OpenApi, content: Content | undefined): SpecSchema | undefined {
  return content && resolve(spec, content).content?.['application/json']?.schema;
}

/**
 * The spec schema `node` (at `depth`) as the generated tables and the checker read it, written as
 * JSON Schema: what Ajv must agree with the checker on, for a table of `side` checked in `mode`.
 */
export function oracleSchema(spec: OpenApi, node: SpecSchema, depth: number, side: Side, mode: Mode): SchemaObject {
  const limits = side === 'request' && mode === 'full';
  // Each named schema is written once per level it is met at (all alike from the second down) and
  // referred to, as the tables share it: inlined everywhere, Ajv would take seconds to compile Vapi's.
  const $defs: Record<string, SchemaObject> = {};
  const defined = new Map<string, string>();
  const rewrite = (input: SpecSchema, level: number): SchemaObject => {
    if (input.$ref === undefined) return rewriteInPlace(input, level);
    const key = `${input.$ref} ${Math.min(level, DEPTH)}`;
    let name = defined.get(key);
    if (name === undefined) {
      name = `s${defined.size}`;
      defined.set(key, name);
      $defs[name] = rewriteInPlace(resolve(spec, input), level);
    }
    return { $ref: `#/$defs/${name}` };
  };
  const rewriteInPlace = (schema: SpecSchema, level: number): SchemaObject => {
    refuseUnencoded(schema);
    const out: SchemaObject = {};
    // D6: OpenAPI 3.0's `nullable` adds `null` to the types.
    const types = schema.type === undefined ? undefined : [...[schema.type].flat(), ...(schema.nullable === true ? ['null'] : [])];
    if (types) out.type = types;
    if (schema.properties) {
      if (level < DEPTH) {
        // D2: an answer's table holds its required properties only.
        const names = Object.keys(schema.properties).filter((name) => side === 'request' || schema.required?.includes(name));
        out.properties = Object.fromEntries(names.map((name) => [name, rewrite(schema.properties![name]!, level + 1)]));
        // D5: `required` is read beside `properties` only.
        if (schema.required) out.required = schema.required;
        // D4, D10: `additionalProperties: false` beside `properties`, in a request's table, checked in full.
        if (limits && schema.additionalProperties === false) out.additionalProperties = false;
      } else if (!types) {
        // D1: below two levels of properties, an object is only checked to be one.
        out.type = 'object';
      }
    }
    if (schema.items) out.items = rewrite(schema.items, level);
    if (schema.allOf) out.allOf = schema.allOf.map((part) => rewrite(part, level));
    const variants = schema.oneOf ?? schema.anyOf;
    if (variants)
      Object.assign(
        out,
        union(
          spec,
          schema,
          variants.map((variant) => rewrite(variant, level)),
          mode,
        ),
      );
    if (limits) {
      // D3: the limits a request's table keeps; D10: read in full mode only.
      for (const key of LIMITS) if (schema[key] !== undefined) out[key] = schema[key];
      if (schema.format === 'uuid') out.format = 'uuid';
    }
    return nullPasses(out);
  };
  const root = rewrite(node, depth);
  return defined.size === 0 ? root : { ...root, $defs };
}

/**
 * D7, D8: a union whose variants each fix one property to their own value is checked by that
 * property; any other `oneOf` is an `anyOf`.
 */
function union(spec: OpenApi, schema: SpecSchema, variants: SchemaObject[], mode: Mode): SchemaObject {
  const tagged = discriminatorOf(spec, schema);
  if (!tagged) return { anyOf: variants };
  const { property, tags } = tagged;
  return {
    if: { type: 'object' },
    then: {
      required: [property],
      // D10: in structural mode a value no variant has (a vendor's new kind) passes unchecked.
      ...(mode === 'full' ? { properties: { [property]: { enum: tags } } } : {}),
      allOf: tags.map((tag, i) => ({ if: { properties: { [property]: { const: tag } } }, then: variants[i] })),
    },
    else: { anyOf: variants },
  };
}

/**
 * D7: the property that tells a union's variants apart, and each variant's value of it: the one the
 * spec's `discriminator` names, else the first property of the first variant that every variant
 * fixes (by `const` or a one-value `enum`) to a value of its own.
 */
export function discriminatorOf(spec: OpenApi, schema: SpecSchema): { property: string; tags: unknown[] } | undefined {
  const variants = (schema.oneOf ?? schema.anyOf ?? []).map((variant) => ownProperties(spec, variant));
  const candidates = schema.discriminator ? [schema.discriminator.propertyName] : Object.keys(variants[0] ?? {});
  for (const property of candidates) {
    const tags = variants.map((properties) => fixedValue(spec, properties[property]));
    if (tags.every((tag) => tag !== undefined) && new Set(tags).size === tags.length) return { property, tags };
  }
  return undefined;
}

/** A schema's properties with those of its `allOf` parts. */
export function ownProperties(spec: OpenApi, node: SpecSchema): Record<string, SpecSchema> {
  const schema = resolve(spec, node);
  return Object.assign({}, ...(schema.allOf ?? []).map((part) => ownProperties(spec, part)), schema.properties);
}

function fixedValue(spec: OpenApi, node: SpecSchema | undefined): unknown {
  const schema = node && resolve(spec, node);
  return schema?.const ?? (schema?.enum?.length === 1 ? schema.enum[0] : undefined);
}

/** D9: `null`, where a schema's type allows it, passes that schema's other rules. */
function nullPasses(schema: SchemaObject): SchemaObject {
  const types = schema.type as string[] | undefined;
  if (!types?.includes('null') || Object.keys(schema).length === 1) return schema;
  const others = types.filter((type) => type !== 'null');
  return others.length === 0 ? { type: 'null' } : { anyOf: [{ type: 'null' }, { ...schema, type: others }] };
}

/** D11: what the checker reads unlike JSON Schema and no spec has; a spec that starts to fails here, not silently. */
function refuseUnencoded(schema: SpecSchema): void {
  if (schema.oneOf && schema.anyOf) throw new Error('a schema with both oneOf and anyOf: the checker reads the oneOf only');
  for (const value of [schema.const, ...(schema.enum ?? [])]) {
    if (value !== null && typeof value === 'object') throw new Error(`a non-scalar enum or const (${JSON.stringify(value)}): the checker compares with ===`);
  }
}

/** A UUID in RFC 4122's string representation (its ABNF: hex digits, either case, 8-4-4-4-12). */
export const RFC_4122_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Ajv the oracle schemas are compiled with: draft 2020-12, every error, `format: uuid` asserted. */
export function oracleAjv(): Ajv2020 {
  // strictTypes off: JSON Schema applies `properties` or `minLength` to values of their type only,
  // whether or not the schema names one, and the oracle keeps the spec's schemas as written.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  ajv.addFormat('uuid', RFC_4122_UUID);
  return ajv;
}

/**
 * Every location Ajv flags in `value`, written as the checker writes an issue's path (`a.b[0]`):
 * where a value fails, and for a missing or unknown property, that property.
 */
export function flaggedPaths(errors: readonly ErrorObject[], value: unknown): Set<string> {
  const paths = new Set<string>();
  for (const error of errors) {
    const segments = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
    const property = (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? error.params.additionalProperty;
    if (typeof property === 'string') segments.push(property);
    let path = '';
    let at: unknown = value;
    for (const segment of segments) {
      path = Array.isArray(at) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`;
      at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[segment] : undefined;
    }
    paths.add(path);
  }
  return paths;
}
