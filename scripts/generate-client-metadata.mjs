#!/usr/bin/env node
// Writes what a vendor client must know of its spec at run time (generated, never hand-edited):
// - each operation: its id, whether it is safe to repeat (GET or `x-idempotent: true`), and the
//   schemas of its parameters, request body and success response;
// - the property names the spec marks `x-secret`, so errors can be redacted;
// - a table of the component schemas those reference, stripped to what the run-time checker
//   (`checkSchema` in @switchboard/core) reads. Schemas reached from requests keep every limit;
//   those reached only from responses keep their structure only (answers are checked for shape).
// All of it is written as a module of constants, each shape once (see "The tables as a module").
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
const names = Object.keys(schemas).sort((a, b) => a.localeCompare(b));

/*
 * The tables as a module of constants. Every distinct sub-schema is written once and held by the
 * schemas that use it: in place (the checker reads it there), not by `$ref`, and under a constant
 * when it is used more than once, since a minifier shortens a constant's name but never a property's.
 * Object schemas are written through `objectSchema` (@switchboard/core), which reads a `$` after a
 * property's name as "required", and discriminated unions through `oneOfSchema`; a run of properties
 * that several object schemas share is written once and spread into each. Only a cycle of named
 * schemas would keep a `$ref`.
 */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/**
 * What the module declares, or writes in place when it is used once: each entity's `code` refers to
 * others as `\u0001<index>\u0002`, and is a schema (`typed` when a literal, to be declared as a
 * `Schema`), a run of properties (`run`) or a value (`value`). An object schema's properties stay a
 * list of `entries` (and the `tail` of its `objectSchema` call) until runs of them are shared (below).
 */
const entities = [];
const entityOf = new Map();
const reference = (id) => `\u0001${id}\u0002`;
function entity(identity, prefix, make) {
  if (!entityOf.has(identity)) {
    const id = entities.push({}) - 1;
    entityOf.set(identity, id);
    Object.assign(entities[id], { name: `${prefix}${id}` }, make());
  }
  return reference(entityOf.get(identity));
}

const typeConstant = (type) => entity(`type:${type}`, '', () => ({ code: JSON.stringify(type), name: `$${type}` }));
const literal = (value) =>
  value !== null && (typeof value === 'string' || typeof value === 'object')
    ? entity(`value:${JSON.stringify(value)}`, '$v', () => ({ code: JSON.stringify(value), value: true }))
    : JSON.stringify(value);

// A repeat of a named schema (a variant inlined in a list's answer) is that schema.
const sameAsNamed = new Map();
for (const name of names) if (!sameAsNamed.has(JSON.stringify(schemas[name]))) sameAsNamed.set(JSON.stringify(schemas[name]), name);
const building = new Set();

/** A sub-schema: the constant of its type when it only names one, else its entity. */
function sub(schema) {
  const keys = Object.keys(schema);
  return keys.length === 1 && typeof schema.type === 'string' ? typeConstant(schema.type) : node(schema);
}

/** Names the module declares itself (besides `$`-prefixed ones), which no named schema may take. */
const TAKEN = new Set(['Properties', 'Schema', 'SchemaType', 'SpecMetadata']);

/** The entity of a schema: a named one (the first of the same shape), or one written once for all its uses. */
function node(schema) {
  const name = sameAsNamed.get(JSON.stringify(schema.$ref === undefined ? schema : schemas[schema.$ref]));
  if (name === undefined) return entity(`schema:${JSON.stringify(schema)}`, '$', () => code(schema));
  if (building.has(name)) return `{ $ref: ${JSON.stringify(name)} }`;
  building.add(name);
  const id = entity(`named:${name}`, '$', () => ({ ...code(schemas[name]), ...(/^[A-Z]\w*$/.test(name) && !TAKEN.has(name) ? { name } : {}), named: true }));
  building.delete(name);
  return id;
}

/** A schema's code: through `objectSchema` when it can mark its required properties, else as it is. */
function code(schema) {
  const { type, properties, required = [], additionalProperties, ...rest } = schema;
  const parts = (object) =>
    Object.entries(object).map(([name, value]) => {
      if (name === 'items') return `items: ${sub(value)}`;
      if (name === 'oneOf' || name === 'anyOf' || name === 'allOf') return `${name}: [${value.map(sub).join(', ')}]`;
      return `${key(name)}: ${literal(value)}`;
    });
  // Marks need names without a `$` of their own, in the order they are written (no integer-like
  // name, which an object lists first), and `required` in the order of the properties.
  const keys = Object.keys(properties ?? {});
  const markable =
    type === 'object' &&
    properties &&
    keys.every((name) => !name.endsWith('$') && !/^\d+$/.test(name)) &&
    JSON.stringify(keys.filter((name) => required.includes(name))) === JSON.stringify(required);
  if (markable) {
    const entries = Object.entries(properties).map(([name, child]) => `${key(required.includes(name) ? `${name}$` : name)}: ${sub(child)}`);
    const restCode = parts(rest);
    const tail = restCode.length ? `, ${additionalProperties === false}, { ${restCode.join(', ')} }` : additionalProperties === false ? ', true' : '';
    return { entries, tail };
  }
  // A union its discriminator tells apart, through `oneOfSchema`.
  if (Object.keys(schema).join() === 'oneOf,discriminator,tags') {
    return { code: `oneOfSchema([${schema.oneOf.map(sub).join(', ')}], ${literal(schema.discriminator)}, ${literal(schema.tags)})` };
  }
  const out = [];
  if (type !== undefined) out.push(`type: ${typeof type === 'string' ? typeConstant(type) : `[${type.map(typeConstant).join(', ')}]`}`);
  if (properties)
    out.push(
      `properties: { ${Object.entries(properties)
        .map(([name, child]) => `${key(name)}: ${sub(child)}`)
        .join(', ')} }`,
    );
  if (schema.required) out.push(`required: ${literal(required)}`);
  if (additionalProperties === false) out.push('additionalProperties: false');
  const fields = [...out, ...parts(rest)];
  return { code: fields.length ? `{ ${fields.join(', ')} }` : '{}', typed: true };
}

for (const name of names) node({ $ref: name });
const operationCode = Object.entries(operations).map(([path, info]) => {
  const fields = [`operationId: ${JSON.stringify(info.operationId)}`, `idempotent: ${info.idempotent}`];
  if (info.bodyRequired) fields.push('bodyRequired: true');
  for (const where of ['path', 'query', 'body', 'response']) if (info[where]) fields.push(`${where}: ${node(info[where])}`);
  return `    ${JSON.stringify(path)}: { ${fields.join(', ')} },`;
});
const namedCode = names.map((name) => `    ${key(name)}: ${node({ $ref: name })},`);

/**
 * Schemas that differ only in how they were reached (a union that names its variants, and the same
 * union inlined with the variants' shapes) are written alike: entities of the same code are one.
 */
function mergeAlike() {
  for (;;) {
    const first = new Map();
    const same = new Map();
    // A named schema first, so that it is the one kept.
    const order = [...entities.keys()].sort((a, b) => Number(Boolean(entities[b].named)) - Number(Boolean(entities[a].named)) || a - b);
    for (const id of order) {
      const one = entities[id];
      const text = one.entries ? `${one.entries.join('\n')}\n${one.tail}` : one.code;
      if (!first.has(text)) first.set(text, id);
      else same.set(id, first.get(text));
    }
    if (same.size === 0) return;
    const redirect = (text) => text.replace(/\u0001(\d+)\u0002/g, (ref, id) => (same.has(+id) ? reference(same.get(+id)) : ref));
    for (const one of entities) {
      if (one.entries) one.entries = one.entries.map(redirect);
      else one.code = redirect(one.code);
    }
    for (let i = 0; i < operationCode.length; i++) operationCode[i] = redirect(operationCode[i]);
    for (let i = 0; i < namedCode.length; i++) namedCode[i] = redirect(namedCode[i]);
    // A merged entity is left with a code of its own that nothing refers to: it is never written.
    for (const id of same.keys()) entities[id] = { code: `\u0000${id}` };
  }
}
mergeAlike();

/**
 * Runs of properties written once: greedily, the run of two or more entries (in several object
 * schemas, or in runs already shared) whose sharing saves the most bytes becomes a constant, spread
 * into each schema that has it, until none saves any. A spread keeps the properties in their order.
 */
function shareRuns() {
  // Bytes once minified: a reference is a name of about two characters.
  const size = (entry) => entry.replace(/\u0001\d+\u0002/g, '..').length + 1;
  for (;;) {
    const lists = entities.filter((one) => one.entries);
    const counts = new Map();
    for (const { entries } of lists) {
      const seen = new Map();
      for (let start = 0; start < entries.length; start++) {
        for (let end = start + 2; end <= entries.length; end++) {
          const run = entries.slice(start, end).join('\n');
          if ((seen.get(run) ?? -1) >= start) continue;
          seen.set(run, end - 1);
          counts.set(run, (counts.get(run) ?? 0) + 1);
        }
      }
    }
    let best;
    let bestGain = 0;
    for (const [run, count] of counts) {
      const bytes = run.split('\n').reduce((sum, entry) => sum + size(entry), 0);
      const gain = count * (bytes - 6) - (bytes + 6);
      if (gain > bestGain) {
        best = run;
        bestGain = gain;
      }
    }
    if (best === undefined) return;
    const run = best.split('\n');
    const id = entities.push({ entries: run, name: `$p${entities.length}`, run: true }) - 1;
    for (const one of lists) {
      for (let i = 0; i + run.length <= one.entries.length; i++) {
        if (one.entries.slice(i, i + run.length).join('\n') === best) one.entries.splice(i, run.length, `...${reference(id)}`);
      }
    }
  }
}
shareRuns();
for (const one of entities) {
  if (one.run) one.code = `{ ${one.entries.join(', ')} }`;
  else if (one.entries) {
    const [only] = one.entries;
    // Properties that are one shared run are that run's object.
    const properties = one.entries.length === 1 && only.startsWith('...') ? only.slice(3) : `{ ${one.entries.join(', ')} }`;
    one.code = `objectSchema(${properties}${one.tail})`;
  }
}

// An entity used more than once becomes a constant (a value, when that is shorter), declared after
// what it uses; the others are written where they are used.
const uses = new Map();
for (const text of [...entities.map((one) => one.code), ...operationCode, ...namedCode]) {
  for (const [, id] of text.matchAll(/\u0001(\d+)\u0002/g)) uses.set(+id, (uses.get(+id) ?? 0) + 1);
}
const declared = new Set();
const declarations = [];
function render(text) {
  return text.replace(/\u0001(\d+)\u0002/g, (_, id) => {
    const one = entities[+id];
    const count = uses.get(+id);
    const constant = one.value ? one.code.length * count > one.code.length + 5 + count * 2 : count > 1;
    if (!constant) return render(one.code);
    if (!declared.has(+id)) {
      declared.add(+id);
      const value = render(one.code);
      const type = one.run ? ': Properties' : one.typed ? ': Schema' : '';
      declarations.push(`const ${one.name}${type} = ${value};`);
    }
    return one.name;
  });
}
const operationsText = operationCode.map(render).join('\n');
// A named schema under its own name is written as a shorthand property.
const namedText = namedCode
  .map(render)
  .map((line) => line.replace(/^(\s*)(\w+): \2,$/, '$1$2,'))
  .join('\n');
// So that a bundler drops the tables of a client nobody creates.
const pure = (text) => text.replace(/\b(objectSchema|oneOfSchema)\(/g, '/* @__PURE__ */ $1(');
const secretKeys = new Set();
(function walk(node) {
  if (!node || typeof node !== 'object') return;
  if (node.properties && typeof node.properties === 'object') {
    for (const [name, schema] of Object.entries(node.properties)) if (schema?.['x-secret'] === true) secretKeys.add(name);
  }
  for (const child of Object.values(node)) walk(child);
})(spec);

const body = `${declarations.map(pure).join('\n')}

export const spec: SpecMetadata = {
  vendor: ${JSON.stringify(vendor)},
  defaultBaseUrl: ${JSON.stringify(spec.servers[0].url)},
  operations: {
${pure(operationsText)}
  },
  secretKeys: ${JSON.stringify([...secretKeys].sort())},
  schemas: {
${pure(namedText)}
  },
};
`;
// Only what the tables use.
const used = (name) => new RegExp(`\\b${name}\\b`).test(body);
const properties = used('Properties');
const imports = [
  ...['objectSchema', 'oneOfSchema'].filter(used),
  ...['Schema', 'SchemaType'].filter((name) => properties || used(name)).map((name) => `type ${name}`),
  'type SpecMetadata',
];
writeFileSync(
  output,
  `// Generated by scripts/generate-client-metadata.mjs from ${specFile}. Do not edit: run \`pnpm generate\`.
// Each shape is written once, as a constant where it is used more than once; in \`objectSchema\`, a \`$\`
// after a property's name marks it required.
import { ${imports.join(', ')} } from '@switchboard/core';
${properties ? '\ntype Properties = Record<string, Schema | SchemaType>;\n' : ''}
${body}`,
);
