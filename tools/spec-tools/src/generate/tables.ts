// What a vendor client must know of its spec at run time, as the value `SpecMetadata` of
// @switchboard/core types:
// - each operation: its id, whether it is safe to repeat (core's `mayRepeat`, the rule the client
//   retries by: a safe method, or `x-idempotent: true`), and the schemas of its parameters,
//   request body and success response;
// - the property names the spec marks `x-secret`, so errors can be redacted;
// - the header the API key goes in, when the spec's security scheme is an API key in a header
//   (core's default is a bearer token);
// - a table of the component schemas those reference, stripped to what the run-time checker
//   (`checkSchema` in @switchboard/core) reads. Schemas reached from requests keep every limit;
//   those reached only from responses keep their structure only (answers are checked for shape).
// Beside those, `fixedHeaders`: the header values the spec fixes on every operation (an API
// version), which the client sends itself.
import { mayRepeat, type OperationInfo, type Schema, type SchemaType, type SpecMetadata } from '@switchboard/core';
import { CannotRun } from '../cannot-run.js';
import { resolvePointer } from '../openapi/document.js';
import { listOperations } from '../openapi/operations.js';
import {
  isObject,
  isReference,
  type MediaTypeObject,
  type OpenApiDocument,
  type ParameterObject,
  type ReferenceObject,
  type SchemaNode,
  type SchemaObject,
  type SecurityRequirementObject,
} from '../openapi/types.js';

const COMPONENT = '#/components/schemas/';
/** The keywords on values, besides `enum` and `additionalProperties`, that only schemas reached from requests keep. */
const LIMITS = [
  'const',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
] as const;
/** The only formats with a fixed meaning the checker tests; the others are annotations. */
const CHECKED_FORMATS = new Set(['uuid']);
const SCHEMA_TYPES: readonly SchemaType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/**
 * How deep the checks go, in nested objects below a body or an answer. Requests are checked two
 * levels deep (a body's fields, and the fields of the objects it holds, such as `authentication`);
 * below that an object is checked for being one, and the vendor checks the rest. Answers are
 * checked two levels deep for their required fields: what a reader can count on.
 * Deeper checks would multiply the tables a bundle ships for little a caller gains.
 */
const DEPTH = { strict: 2, structural: 2 };

const componentName = (ref: string) => (ref.startsWith(COMPONENT) ? ref.slice(COMPONENT.length) : undefined);

/** A node, or what its chain of `$ref`s points at in `spec`; a `$ref` to nothing is the spec's mistake. */
function dereference<T>(spec: OpenApiDocument, node: T | ReferenceObject | undefined): T | undefined {
  const seen = new Set<string>();
  let current: unknown = node;
  while (isReference(current)) {
    if (seen.has(current.$ref)) throw new CannotRun(`$ref ${current.$ref} refers to itself`);
    seen.add(current.$ref);
    const target = resolvePointer(spec, current.$ref);
    if (target === undefined) throw new CannotRun(`$ref ${current.$ref} points at nothing`);
    current = target;
  }
  return current as T | undefined;
}

/** The spec's tables as @switchboard/core's `SpecMetadata`; `vendor` names the client. */
export function buildMetadata(spec: OpenApiDocument, vendor: string): SpecMetadata {
  const deref = <T>(node: T | ReferenceObject | undefined) => dereference<T>(spec, node);

  const schemaObject = (node: SchemaNode | undefined): SchemaObject | undefined => {
    const target = deref<SchemaNode>(node);
    return isObject(target) ? target : undefined;
  };

  /** Component schemas named by a body or an answer itself: from requests (`strict`), from responses only (`structural`). */
  const reached = { strict: new Set<string>(), structural: new Set<string>() };

  function schemaType(type: unknown): SchemaType {
    if (!SCHEMA_TYPES.includes(type as SchemaType)) throw new CannotRun(`type ${JSON.stringify(type)} is not a JSON Schema type (${SCHEMA_TYPES.join(', ')})`);
    return type as SchemaType;
  }

  /** A spec schema in the checker's subset; `strict` keeps the limits on values. */
  function prune(node: SchemaNode | undefined, strict: boolean, depth = 0): Schema {
    if (!isObject(node)) return {};
    if (node.$ref) {
      const name = componentName(node.$ref);
      if (depth > 0 || name === undefined) return prune(deref<SchemaNode>(node), strict, depth);
      (strict ? reached.strict : reached.structural).add(name);
      return { $ref: name };
    }
    const out: Schema = {};
    let type: SchemaType | SchemaType[] | undefined =
      node.type === undefined ? undefined : Array.isArray(node.type) ? node.type.map(schemaType) : schemaType(node.type);
    if (node.nullable === true && type !== undefined) type = [...[type].flat(), 'null'];
    if (type !== undefined) out.type = type;
    const required = node.required;
    if (node.properties && depth < DEPTH[strict ? 'strict' : 'structural']) {
      const kept = Object.entries(node.properties).filter(([name]) => strict || required?.includes(name));
      out.properties = Object.fromEntries(kept.map(([name, child]) => [name, prune(child, strict, depth + 1)]));
      if (required?.length) out.required = required;
      if (strict && node.additionalProperties === false) out.additionalProperties = false;
    } else if (node.properties && out.type === undefined) {
      out.type = 'object';
    }
    if (node.items) out.items = prune(node.items, strict, depth);
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const variants = node[key];
      if (variants) out[key] = variants.map((child) => prune(child, strict, depth));
    }
    const variants = node.oneOf ?? node.anyOf;
    const tagged = variants && discriminate(node, variants);
    if (tagged) Object.assign(out, tagged);
    if (strict) {
      if (node.enum?.length === 1) out.const = node.enum[0];
      else if (node.enum) out.enum = node.enum;
      for (const key of LIMITS) {
        const value = node[key];
        if (value === undefined) continue;
        if (key !== 'format' || CHECKED_FORMATS.has(value as string)) Object.assign(out, { [key]: value });
      }
    }
    return out;
  }

  /**
   * The property that tells a union's variants apart, with each variant's value, in variant order:
   * the spec's `discriminator`, or else a required property every variant fixes to its own value.
   */
  function discriminate(node: SchemaObject, variants: SchemaNode[]): { discriminator: string; tags: unknown[] } | undefined {
    const resolved = variants.map((variant) => flatten(schemaObject(variant)));
    const candidates = node.discriminator ? [node.discriminator.propertyName] : Object.keys(resolved[0]?.properties ?? {});
    for (const property of candidates) {
      const tags = resolved.map((variant) => {
        const schema = schemaObject(variant.properties?.[property]);
        return schema?.const ?? (schema?.enum?.length === 1 ? schema.enum[0] : undefined);
      });
      if (tags.every((tag) => tag !== undefined) && new Set(tags).size === tags.length) return { discriminator: property, tags };
    }
    return undefined;
  }

  /** A schema with its `allOf` parts merged, for reading the properties its variants fix. */
  function flatten(node: SchemaObject | undefined): SchemaObject {
    if (!node?.allOf) return node ?? {};
    const parts = node.allOf.map((part) => flatten(schemaObject(part)));
    return { ...node, properties: Object.assign({}, ...parts.map((part) => part.properties), node.properties) };
  }

  /** The parameters of one location as one object schema: `{ properties, required }`. */
  function parameters(list: ParameterObject[], location: string): Schema | undefined {
    const params = list.map((param) => deref<ParameterObject>(param)!).filter((param) => param.in === location);
    if (params.length === 0) return undefined;
    const required = params.filter((param) => param.required).map((param) => param.name);
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((param) => [param.name, prune(param.schema, true)])),
      ...(required.length ? { required } : {}),
    };
  }

  const jsonSchema = (content: Record<string, MediaTypeObject> | undefined) => content?.['application/json']?.schema;

  const operations: Record<string, OperationInfo> = {};
  /** The security scheme of the first operation, which every other must name too: the client sends its key one way. */
  let scheme: { name: string | undefined; where: string } | undefined;
  for (const { method, path, operationId, operation, parameters: shared } of listOperations(spec)) {
    const where = `${method.toUpperCase()} ${path}`;
    if (operationId === undefined) throw new CannotRun(`${where} has no operationId`);
    const name = schemeOf(operation.security ?? spec.security, where);
    scheme ??= { name, where };
    if (name !== scheme.name) {
      throw new CannotRun(
        `${where} names security scheme ${name ?? '(none)'} and ${scheme.where} ${scheme.name ?? '(none)'}: the client sends its API key one way`,
      );
    }
    const params = [...shared, ...(operation.parameters ?? [])];
    const requestBody = deref(operation.requestBody);
    const body = jsonSchema(requestBody?.content);
    const success = Object.entries(operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
    const response = jsonSchema(deref(success)?.content);
    const info: OperationInfo = { operationId, idempotent: mayRepeat(method, operation['x-idempotent'] === true) };
    for (const location of ['path', 'query'] as const) {
      const schema = parameters(params, location);
      if (schema) info[location] = schema;
    }
    if (body) info.body = prune(body, true);
    if (body && requestBody?.required === true) info.bodyRequired = true;
    if (response) info.response = prune(response, false);
    operations[where] = info;
  }

  /** Strict schemas first (a component reached both ways keeps its limits), then structural ones. */
  const schemas: Record<string, Schema> = {};
  const component = (name: string) => {
    const schema = spec.components?.schemas?.[name];
    if (schema === undefined) throw new CannotRun(`$ref ${COMPONENT}${name} points at nothing`);
    return schema;
  };
  // Pruning a named schema can name more (a union's variants), so go on until none is new.
  for (let done = 0; done < reached.strict.size + reached.structural.size; ) {
    done = reached.strict.size + reached.structural.size;
    for (const name of reached.strict) schemas[name] = prune(component(name), true);
    for (const name of reached.structural) if (!reached.strict.has(name)) schemas[name] = prune(component(name), false);
  }

  const server = spec.servers?.[0]?.url;
  if (server === undefined) throw new CannotRun('the spec names no server (servers[0].url): the client has no default base URL');
  const keyHeader = scheme?.name === undefined ? undefined : apiKeyHeader(spec, scheme.name);
  return { vendor, defaultBaseUrl: server, operations, secretKeys: secretKeys(spec), ...(keyHeader ? { apiKeyHeader: keyHeader } : {}), schemas };
}

/** The one scheme a security requirement list names (undefined when it names none). */
function schemeOf(security: SecurityRequirementObject[] | undefined, where: string): string | undefined {
  const names = (security ?? []).flatMap((requirement) => Object.keys(requirement));
  if (names.length > 1) throw new CannotRun(`${where} names ${names.length} security schemes (${names.join(', ')}): the client sends its API key one way`);
  return names[0];
}

/**
 * The header an `apiKey` scheme puts the key in, lower-case; undefined for an `http` bearer scheme,
 * which is how core sends a key by default. Any other scheme is refused: core cannot send it.
 */
function apiKeyHeader(spec: OpenApiDocument, name: string): string | undefined {
  const scheme = spec.components?.securitySchemes?.[name];
  if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') return undefined;
  if (scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name) return scheme.name.toLowerCase();
  throw new CannotRun(
    `security scheme ${name} is not one the client can send: a bearer token (type: http, scheme: bearer) or an API key in a header (type: apiKey, in: header)`,
  );
}

/** Every property name the spec marks `x-secret: true`, anywhere, sorted. */
function secretKeys(spec: OpenApiDocument): string[] {
  const names = new Set<string>();
  (function walk(node: unknown) {
    if (!node || typeof node !== 'object') return;
    if (isObject(node) && isObject(node.properties)) {
      for (const [name, schema] of Object.entries(node.properties)) if (isObject(schema) && schema['x-secret'] === true) names.add(name);
    }
    for (const child of Object.values(node)) walk(child);
  })(spec);
  return [...names].sort();
}

/**
 * The header values the spec fixes on every operation: its required header parameters of one value
 * (a `const`, or an `enum` of one), such as an API version. The client sends them on every call, so
 * a header fixed on some operations only, or to other values, is refused.
 */
export function fixedHeaders(spec: OpenApiDocument): Record<string, string> {
  let everywhere: Record<string, string> | undefined;
  for (const { method, path, operation, parameters } of listOperations(spec)) {
    const fixed: Record<string, string> = {};
    // The path item's parameters come first: an operation's own of the same name replaces them.
    for (const param of [...parameters, ...(operation.parameters ?? [])].map((entry) => dereference<ParameterObject>(spec, entry)!)) {
      if (param.in !== 'header') continue;
      const schema = dereference<SchemaNode>(spec, param.schema);
      const value = isObject(schema) ? (schema.const ?? (schema.enum?.length === 1 ? schema.enum[0] : undefined)) : undefined;
      if (param.required === true && typeof value === 'string') fixed[param.name] = value;
      else delete fixed[param.name];
    }
    everywhere ??= fixed;
    if (JSON.stringify(fixed) !== JSON.stringify(everywhere)) {
      throw new CannotRun(
        `${method.toUpperCase()} ${path} fixes the headers ${JSON.stringify(fixed)}, the operations before it ${JSON.stringify(everywhere)}: a client sends the same on every call`,
      );
    }
  }
  return everywhere ?? {};
}
