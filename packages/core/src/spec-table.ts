import type { Schema, SchemaType } from './schema.js';

/**
 * An object schema as the generated tables (`packages/<vendor>/src/generated/spec.ts`) write it:
 * its properties in order, each required one with a `$` after its name (`{ id$: 'string', note:
 * 'string' }` is `properties: { id, note }, required: ['id']`), `closed` for
 * `additionalProperties: false`, and the rest of the schema. Marking required properties in place
 * spares a bundle a second list of their names: a minifier never shortens a property's name.
 */
export function objectSchema(marked: Readonly<Record<string, Schema | SchemaType>>, closed?: boolean, rest?: Schema): Schema {
  const properties: Record<string, Schema | SchemaType> = {};
  const required: string[] = [];
  for (const key in marked) {
    const name = key.endsWith('$') ? key.slice(0, -1) : key;
    properties[name] = marked[key]!;
    if (name !== key) required.push(name);
  }
  const schema: Schema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  if (closed) schema.additionalProperties = false;
  return Object.assign(schema, rest);
}

/** A `oneOf` as the generated tables write it: the variants, and the property whose value (`tags[i]` for variant i) picks one. */
export function oneOfSchema(oneOf: (Schema | SchemaType)[], discriminator: string, tags: unknown[]): Schema {
  return { oneOf, discriminator, tags };
}
