#!/usr/bin/env node
// Writes what a vendor client must know of its spec at run time (generated, never hand-edited):
// - each operation: its id, whether it is safe to repeat (GET or `x-idempotent: true`), and the
//   schemas of its parameters, request body and success response;
// - the property names the spec marks `x-secret`, so errors can be redacted;
// - a table of the component schemas those reference, stripped to what the run-time checker
//   (`checkSchema` in @switchboard/core) reads. Schemas reached from requests keep every limit;
//   those reached only from responses keep their structure only (answers are checked for shape).
// Usage: node scripts/generate-client-metadata.mjs <vendor> <output.ts> [spec.yaml]
// (the spec defaults to specs/<vendor>/openapi.yaml; tests pass an edited copy).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const [vendor, output, specArgument] = process.argv.slice(2);
if (!vendor || !output) throw new Error('usage: generate-client-metadata.mjs <vendor> <output.ts> [spec.yaml]');

const specFile = specArgument ?? `specs/${vendor}/openapi.yaml`;
const spec = parse(readFileSync(specArgument ?? fileURLToPath(new URL(`../${specFile}`, import.meta.url)), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const COMPONENT = '#/components/schemas/';
const LIMITS = [
  'additionalProperties',
  'enum',
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
];
/** The only formats with a fixed meaning the checker tests; the others are annotations. */
const CHECKED_FORMATS = new Set(['uuid']);

const pointer = (ref) =>
  ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
const deref = (node) => (node?.$ref ? deref(pointer(node.$ref)) : node);
const componentName = (ref) => (ref.startsWith(COMPONENT) ? ref.slice(COMPONENT.length) : undefined);

/** Component schemas named by a body or an answer itself: from requests (`strict`), from responses only (`structural`). */
const reached = { strict: new Set(), structural: new Set() };

/**
 * How deep the checks go, in nested objects below a body or an answer. Requests are checked two
 * levels deep (a body's fields, and the fields of the objects it holds, such as `authentication`);
 * below that an object is checked for being one, and the vendor checks the rest. Answers are
 * checked two levels deep for their required fields: what a reader can count on.
 * Deeper checks would multiply the tables a bundle ships for little a caller gains.
 */
const DEPTH = { strict: 2, structural: 2 };

/** A spec schema in the checker's subset; `strict` keeps the limits on values. */
function prune(node, strict, depth = 0) {
  if (!node || typeof node !== 'object') return {};
  if (node.$ref) {
    const name = componentName(node.$ref);
    if (depth > 0 || name === undefined) return prune(deref(node), strict, depth);
    (strict ? reached.strict : reached.structural).add(name);
    return { $ref: name };
  }
  const out = {};
  let type = node.type;
  if (node.nullable === true && type !== undefined) type = [...[type].flat(), 'null'];
  if (type !== undefined) out.type = type;
  if (node.properties && depth < DEPTH[strict ? 'strict' : 'structural']) {
    const kept = Object.entries(node.properties).filter(([name]) => strict || node.required?.includes(name));
    out.properties = Object.fromEntries(kept.map(([name, child]) => [name, prune(child, strict, depth + 1)]));
    if (node.required?.length) out.required = node.required;
    if (strict && node.additionalProperties === false) out.additionalProperties = false;
  } else if (node.properties && out.type === undefined) {
    out.type = 'object';
  }
  if (node.items) out.items = prune(node.items, strict, depth);
  for (const key of ['oneOf', 'anyOf', 'allOf']) if (node[key]) out[key] = node[key].map((child) => prune(child, strict, depth));
  const variants = node.oneOf ?? node.anyOf;
  const tagged = variants && discriminate(node, variants);
  if (tagged) Object.assign(out, tagged);
  if (strict) {
    if (node.enum?.length === 1) out.const = node.enum[0];
    else if (node.enum) out.enum = node.enum;
    for (const key of LIMITS) {
      if (key === 'additionalProperties' || key === 'enum' || node[key] === undefined) continue;
      if (key !== 'format' || CHECKED_FORMATS.has(node[key])) out[key] = node[key];
    }
  }
  return out;
}

/**
 * The property that tells a union's variants apart, with each variant's value, in variant order:
 * the spec's `discriminator`, or else a required property every variant fixes to its own value.
 */
function discriminate(node, variants) {
  const resolved = variants.map((variant) => flatten(deref(variant)));
  const candidates = node.discriminator ? [node.discriminator.propertyName] : Object.keys(resolved[0]?.properties ?? {});
  for (const property of candidates) {
    const tags = resolved.map((variant) => {
      const schema = deref(variant.properties?.[property]);
      return schema?.const ?? (schema?.enum?.length === 1 ? schema.enum[0] : undefined);
    });
    if (tags.every((tag) => tag !== undefined) && new Set(tags).size === tags.length) return { discriminator: property, tags };
  }
  return undefined;
}

/** A schema with its `allOf` parts merged, for reading the properties its variants fix. */
function flatten(node) {
  if (!node?.allOf) return node ?? {};
  const parts = node.allOf.map((part) => flatten(deref(part)));
  return { ...node, properties: Object.assign({}, ...parts.map((part) => part.properties), node.properties) };
}

/** The parameters of one location as one object schema: `{ properties, required }`. */
function parameters(list, location) {
  const params = list.map(deref).filter((param) => param.in === location);
  if (params.length === 0) return undefined;
  const required = params.filter((param) => param.required).map((param) => param.name);
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((param) => [param.name, prune(param.schema, true)])),
    ...(required.length ? { required } : {}),
  };
}

const jsonSchema = (content) => content?.['application/json']?.schema;

const operations = {};
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS.filter((m) => item[m])) {
    const operation = item[method];
    const params = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
    const body = jsonSchema(deref(operation.requestBody)?.content);
    const success = Object.entries(operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
    const response = jsonSchema(deref(success)?.content);
    const info = {
      operationId: operation.operationId,
      idempotent: method === 'get' || operation['x-idempotent'] === true,
    };
    for (const location of ['path', 'query']) {
      const schema = parameters(params, location);
      if (schema) info[location] = schema;
    }
    if (body) info.body = prune(body, true);
    if (body && deref(operation.requestBody).required === true) info.bodyRequired = true;
    if (response) info.response = prune(response, false);
    operations[`${method.toUpperCase()} ${path}`] = info;
  }
}

/** Strict schemas first (a component reached both ways keeps its limits), then structural ones. */
const schemas = {};
// Pruning a named schema can name more (a union's variants), so go on until none is new.
for (let done = 0; done < reached.strict.size + reached.structural.size; ) {
  done = reached.strict.size + reached.structural.size;
  for (const name of reached.strict) schemas[name] = prune(spec.components.schemas[name], true);
  for (const name of reached.structural) if (!reached.strict.has(name)) schemas[name] = prune(spec.components.schemas[name], false);
}
// Sorted, so the file's diff follows the spec's.
const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The same sub-schema written once: every schema that occurs more than once (a `{ type: 'string',
 * maxLength: 40 }` in five variants, say) moves into the table under a short key (`~1`, `~2`, …)
 * and is referred to by `$ref`. The checker reads both alike; the bundle ships each shape once.
 */
function shareRepeats(operations, schemas) {
  const key = (node) => JSON.stringify(node);
  const counts = new Map();
  const count = (node) => {
    if (!node || typeof node !== 'object') return;
    eachChild(node, count);
    const text = key(node);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  const roots = [...Object.values(operations).flatMap((op) => ['path', 'query', 'body', 'response'].map((where) => op[where])), ...Object.values(schemas)];
  roots.forEach(count);

  const shared = {};
  // A repeat of a named schema (a variant inlined in a list's answer) refers to it by its name.
  const ids = new Map(Object.entries(schemas).map(([name, schema]) => [key(schema), name]));
  const share = (node, isRoot = false) => {
    if (!node || typeof node !== 'object') return node;
    const original = key(node);
    const out = mapChildren(node, (child) => share(child));
    if (isRoot) return out;
    const name = ids.get(original);
    if (name !== undefined && !name.startsWith('~')) return { $ref: name };
    // Worth a `$ref` only when it is longer than one.
    if ((counts.get(original) ?? 0) < 2 || original.length <= 24) return out;
    let id = ids.get(original);
    if (id === undefined) {
      id = `~${Object.keys(shared).length + 1}`;
      ids.set(original, id);
      shared[id] = out;
    }
    return { $ref: id };
  };
  for (const op of Object.values(operations))
    for (const where of ['path', 'query', 'body', 'response']) if (op[where]) op[where] = mapChildren(share(op[where]), shorten);
  const named = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, share(schema, true)]));
  const table = { ...named, ...shared };
  return { schemas: Object.fromEntries(Object.entries(table).map(([name, schema]) => [name, mapChildren(schema, shorten)])) };
}

/** A schema that only names a type is written as that type (`'string'`), as the checker reads it. */
function shorten(node) {
  const out = mapChildren(node, shorten);
  const keys = Object.keys(out);
  return keys.length === 1 && keys[0] === 'type' && typeof out.type === 'string' ? out.type : out;
}

/** The sub-schemas of a schema: property schemas, `items`, and union or `allOf` members. */
function eachChild(node, visit) {
  for (const child of Object.values(node.properties ?? {})) visit(child);
  if (node.items) visit(node.items);
  for (const list of ['oneOf', 'anyOf', 'allOf']) for (const child of node[list] ?? []) visit(child);
}

function mapChildren(node, map) {
  const out = { ...node };
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, child]) => [name, map(child)]));
  if (node.items) out.items = map(node.items);
  for (const list of ['oneOf', 'anyOf', 'allOf']) if (node[list]) out[list] = node[list].map(map);
  return out;
}

const secretKeys = new Set();
(function walk(node) {
  if (!node || typeof node !== 'object') return;
  if (node.properties && typeof node.properties === 'object') {
    for (const [name, schema] of Object.entries(node.properties)) if (schema?.['x-secret'] === true) secretKeys.add(name);
  }
  for (const child of Object.values(node)) walk(child);
})(spec);

const metadata = { vendor, defaultBaseUrl: spec.servers[0].url, operations, secretKeys: [...secretKeys].sort(), ...shareRepeats(operations, sortedSchemas) };
writeFileSync(
  output,
  `// Generated by scripts/generate-client-metadata.mjs from ${specFile}. Do not edit: run \`pnpm generate\`.
import type { SpecMetadata } from '@switchboard/core';

export const spec: SpecMetadata = ${JSON.stringify(metadata, null, 2)};
`,
);
