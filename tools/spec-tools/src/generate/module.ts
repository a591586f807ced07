/*
 * The tables as a module of constants. Every distinct sub-schema is written once and held by the
 * schemas that use it: in place (the checker reads it there), not by `$ref`, and under a constant
 * when it is used more than once, since a minifier shortens a constant's name but never a property's.
 * Object schemas are written through `objectSchema` (@switchboard/core), which reads a `$` after a
 * property's name as "required", and discriminated unions through `oneOfSchema`; a run of properties
 * that several object schemas share is written once and spread into each. Only a cycle of named
 * schemas would keep a `$ref`.
 */
import type { Schema, SchemaType, SpecMetadata } from '@switchboard/core';
import type { BaseUrls } from './base-urls.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/** Names the module declares itself (besides `$`-prefixed ones), which no named schema may take. */
const TAKEN = new Set(['Properties', 'Schema', 'SchemaType', 'SpecMetadata']);

/**
 * What the module declares, or writes in place when it is used once. Its `code` refers to other
 * entities as `\u0001<index>\u0002`. An object schema's properties stay a list of `entries` (and
 * the `tail` of its `objectSchema` call) until runs of them are shared (`shareRuns`).
 */
interface Entity {
  /** The constant's name, when it is declared. */
  name: string;
  code: string;
  entries?: string[];
  tail?: string;
  /** A schema literal, declared as a `Schema`. */
  typed?: boolean;
  /** A run of properties, declared as `Properties`. */
  run?: boolean;
  /** A value (a string, a list), declared only when that is shorter than writing it at each use. */
  value?: boolean;
  /** A named schema of the spec. */
  named?: boolean;
}

const reference = (id: number) => `\u0001${id}\u0002`;
const REFERENCES = /\u0001(\d+)\u0002/g;

/**
 * The text of `packages/<vendor>/src/generated/spec.ts` for the metadata, the spec's named base
 * URLs and the header values the spec fixes on every call (exported as `fixedHeaders` when there
 * are any); `header` names where it came from, in its first line.
 */
export function writeModule(metadata: SpecMetadata, baseUrls: BaseUrls, header: string, fixedHeaders: Readonly<Record<string, string>> = {}): string {
  const { schemas } = metadata;
  // Sorted, so the file's diff follows the spec's.
  const names = Object.keys(schemas).sort((a, b) => a.localeCompare(b));
  const named = (name: string): Schema => schemas[name]!;

  const entities: Entity[] = [];
  const entityOf = new Map<string, number>();
  function entity(identity: string, prefix: string, make: () => Omit<Entity, 'name'> & { name?: string }): string {
    if (!entityOf.has(identity)) {
      const id = entities.push({ name: '', code: '' }) - 1;
      entityOf.set(identity, id);
      Object.assign(entities[id]!, { name: `${prefix}${id}` }, make());
    }
    return reference(entityOf.get(identity)!);
  }

  const typeConstant = (type: SchemaType) => entity(`type:${type}`, '', () => ({ code: JSON.stringify(type), name: `$${type}` }));
  const literal = (value: unknown) =>
    value !== null && (typeof value === 'string' || typeof value === 'object')
      ? entity(`value:${JSON.stringify(value)}`, '$v', () => ({ code: JSON.stringify(value), value: true }))
      : JSON.stringify(value);

  // A repeat of a named schema (a variant inlined in a list's answer) is that schema.
  const sameAsNamed = new Map<string, string>();
  for (const name of names) if (!sameAsNamed.has(JSON.stringify(named(name)))) sameAsNamed.set(JSON.stringify(named(name)), name);
  const building = new Set<string>();

  /** A sub-schema: the constant of its type when it only names one, else its entity. */
  function sub(schema: Schema | SchemaType): string {
    if (typeof schema === 'string') return typeConstant(schema);
    const keys = Object.keys(schema);
    return keys.length === 1 && typeof schema.type === 'string' ? typeConstant(schema.type) : node(schema);
  }

  /** The entity of a schema: a named one (the first of the same shape), or one written once for all its uses. */
  function node(schema: Schema): string {
    const name = sameAsNamed.get(JSON.stringify(schema.$ref === undefined ? schema : named(schema.$ref)));
    if (name === undefined) return entity(`schema:${JSON.stringify(schema)}`, '$', () => code(schema));
    if (building.has(name)) return `{ $ref: ${JSON.stringify(name)} }`;
    building.add(name);
    const id = entity(`named:${name}`, '$', () => ({ ...code(named(name)), ...(/^[A-Z]\w*$/.test(name) && !TAKEN.has(name) ? { name } : {}), named: true }));
    building.delete(name);
    return id;
  }

  /** A schema's code: through `objectSchema` when it can mark its required properties, else as it is. */
  function code(schema: Schema): Omit<Entity, 'name'> {
    const { type, properties, required = [], additionalProperties, ...rest } = schema;
    const parts = (object: Record<string, unknown>) =>
      Object.entries(object).map(([name, value]) => {
        if (name === 'items') return `items: ${sub(value as Schema | SchemaType)}`;
        if (name === 'oneOf' || name === 'anyOf' || name === 'allOf') return `${name}: [${(value as (Schema | SchemaType)[]).map(sub).join(', ')}]`;
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
      return { code: '', entries, tail };
    }
    // A union its discriminator tells apart, through `oneOfSchema`.
    if (Object.keys(schema).join() === 'oneOf,discriminator,tags') {
      return { code: `oneOfSchema([${schema.oneOf!.map(sub).join(', ')}], ${literal(schema.discriminator)}, ${literal(schema.tags)})` };
    }
    const out: string[] = [];
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
  const operationCode = Object.entries(metadata.operations).map(([path, info]) => {
    const fields = [`operationId: ${JSON.stringify(info.operationId)}`, `idempotent: ${info.idempotent}`];
    if (info.bodyRequired) fields.push('bodyRequired: true');
    for (const where of ['path', 'query', 'body', 'response'] as const) {
      const schema = info[where];
      if (schema) fields.push(`${where}: ${node(schema)}`);
    }
    return `    ${JSON.stringify(path)}: { ${fields.join(', ')} },`;
  });
  const namedCode = names.map((name) => `    ${key(name)}: ${node({ $ref: name })},`);

  /**
   * Schemas that differ only in how they were reached (a union that names its variants, and the same
   * union inlined with the variants' shapes) are written alike: entities of the same code are one.
   */
  function mergeAlike(): void {
    for (;;) {
      const first = new Map<string, number>();
      const same = new Map<number, number>();
      // A named schema first, so that it is the one kept.
      const order = [...entities.keys()].sort((a, b) => Number(Boolean(entities[b]!.named)) - Number(Boolean(entities[a]!.named)) || a - b);
      for (const id of order) {
        const one = entities[id]!;
        const text = one.entries ? `${one.entries.join('\n')}\n${one.tail}` : one.code;
        if (!first.has(text)) first.set(text, id);
        else same.set(id, first.get(text)!);
      }
      if (same.size === 0) return;
      const redirect = (text: string) => text.replace(REFERENCES, (ref, id) => (same.has(+id) ? reference(same.get(+id)!) : ref));
      for (const one of entities) {
        if (one.entries) one.entries = one.entries.map(redirect);
        else one.code = redirect(one.code);
      }
      for (let i = 0; i < operationCode.length; i++) operationCode[i] = redirect(operationCode[i]!);
      for (let i = 0; i < namedCode.length; i++) namedCode[i] = redirect(namedCode[i]!);
      // A merged entity is left with a code of its own that nothing refers to: it is never written.
      for (const id of same.keys()) entities[id] = { name: '', code: `\u0000${id}` };
    }
  }
  mergeAlike();

  /**
   * Runs of properties written once: greedily, the run of two or more entries (in several object
   * schemas, or in runs already shared) whose sharing saves the most bytes becomes a constant, spread
   * into each schema that has it, until none saves any. A spread keeps the properties in their order.
   */
  function shareRuns(): void {
    // Bytes once minified: a reference is a name of about two characters.
    const size = (entry: string) => entry.replace(REFERENCES, '..').length + 1;
    for (;;) {
      const lists = entities.filter((one): one is Entity & { entries: string[] } => one.entries !== undefined);
      const counts = new Map<string, number>();
      for (const { entries } of lists) {
        const seen = new Map<string, number>();
        for (let start = 0; start < entries.length; start++) {
          for (let end = start + 2; end <= entries.length; end++) {
            const run = entries.slice(start, end).join('\n');
            if ((seen.get(run) ?? -1) >= start) continue;
            seen.set(run, end - 1);
            counts.set(run, (counts.get(run) ?? 0) + 1);
          }
        }
      }
      let best: string | undefined;
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
      const id = entities.push({ entries: run, name: `$p${entities.length}`, code: '', run: true }) - 1;
      for (const one of lists) {
        for (let i = 0; i + run.length <= one.entries.length; i++) {
          if (one.entries.slice(i, i + run.length).join('\n') === best) one.entries.splice(i, run.length, `...${reference(id)}`);
        }
      }
    }
  }
  shareRuns();
  for (const one of entities) {
    if (one.run) one.code = `{ ${one.entries!.join(', ')} }`;
    else if (one.entries) {
      const [only] = one.entries;
      // Properties that are one shared run are that run's object.
      const properties = one.entries.length === 1 && only!.startsWith('...') ? only!.slice(3) : `{ ${one.entries.join(', ')} }`;
      one.code = `objectSchema(${properties}${one.tail})`;
    }
  }

  // An entity used more than once becomes a constant (a value, when that is shorter), declared after
  // what it uses; the others are written where they are used.
  const uses = new Map<number, number>();
  for (const text of [...entities.map((one) => one.code), ...operationCode, ...namedCode]) {
    for (const [, id] of text.matchAll(REFERENCES)) uses.set(+id!, (uses.get(+id!) ?? 0) + 1);
  }
  const declared = new Set<number>();
  const declarations: string[] = [];
  function render(text: string): string {
    return text.replace(REFERENCES, (_, id: string) => {
      const one = entities[+id]!;
      const count = uses.get(+id)!;
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
  const pure = (text: string) => text.replace(/\b(objectSchema|oneOfSchema)\(/g, '/* @__PURE__ */ $1(');

  const body = `${declarations.map(pure).join('\n')}

export const spec: SpecMetadata = {
  vendor: ${JSON.stringify(metadata.vendor)},
  defaultBaseUrl: ${JSON.stringify(metadata.defaultBaseUrl)},
  operations: {
${pure(operationsText)}
  },
  secretKeys: ${JSON.stringify(metadata.secretKeys)},${metadata.apiKeyHeader ? `\n  apiKeyHeader: ${JSON.stringify(metadata.apiKeyHeader)},` : ''}
  schemas: {
${pure(namedText)}
  },
};

/**
 * The spec's servers by region name (\`default\` is the first), for a client's \`baseUrl\`. Kept out of
 * \`spec\`, which every client imports, so that a bundle that never names them drops them.
 */
export const baseUrls = ${JSON.stringify(baseUrls)} as const;
${
  Object.keys(fixedHeaders).length === 0
    ? ''
    : `
/** Header values the spec fixes on every operation (an API version): the client sends them on every call. */
export const fixedHeaders = ${JSON.stringify(fixedHeaders)} as const;
`
}`;
  // Only what the tables use.
  const used = (name: string) => new RegExp(`\\b${name}\\b`).test(body);
  const properties = used('Properties');
  const imports = [
    ...['objectSchema', 'oneOfSchema'].filter(used),
    ...['Schema', 'SchemaType'].filter((name) => properties || used(name)).map((name) => `type ${name}`),
    'type SpecMetadata',
  ];
  return `// ${header}
// Each shape is written once, as a constant where it is used more than once; in \`objectSchema\`, a \`$\`
// after a property's name marks it required.
import { ${imports.join(', ')} } from '@switchboard/core';
${properties ? '\ntype Properties = Record<string, Schema | SchemaType>;\n' : ''}
${body}`;
}
