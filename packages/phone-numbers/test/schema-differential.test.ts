/**
 * Core's `checkSchema`, run on the tables generated from each vendor's spec, against Ajv (JSON
 * Schema draft 2020-12) run on the spec itself: over every schema a table holds for an operation
 * (path and query parameters, body, answer), in both of the checker's modes, on valid and broken
 * values generated from the spec, both must give the same verdict, and a refusal's issue must point
 * at a location Ajv flags. The spec is first rewritten by the departures listed at the top of
 * packages/core/src/schema.ts (schema-oracle.ts): those and nothing else may tell them apart.
 *
 * It lives here because this package depends on core and on every vendor package, so it reaches
 * every vendor's table without core importing a vendor; vendors are the spec folders (a new vendor
 * is covered as soon as its spec and its package exist). The tables are loaded from their source
 * files, as spec-change.test.ts loads generated code: the packages do not export them.
 */
import { checkSchema, type Schema, type SchemaType, type SpecMetadata } from '@switchboard/core';
import { VENDORS } from '@switchboard/testing';
import { Ajv2020, type SchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type CheckedSchema, checkedSchemas, flaggedPaths, MODES, oracleAjv, oracleSchema, RFC_4122_UUID, readSpec } from './schema-oracle.js';
import { schemaValues } from './schema-values.js';

/** Keywords that describe a schema without constraining its values. */
const ANNOTATIONS = new Set(['title', 'description', 'example', 'examples', 'deprecated']);
/** Fixed, so every run checks the same values; fast-check prints it, with the failing value's path, on a failure. */
const SEED = 20_260_611;
/** Values per schema: more for a larger schema (its count of schema objects), a few seconds in all. */
const runsFor = (size: number) => Math.min(400, 100 + 3 * size);

const tables: Record<string, SpecMetadata> = Object.fromEntries(
  await Promise.all(
    VENDORS.map(async (vendor) => {
      const generated = new URL(`../../${vendor}/src/generated/spec.ts`, import.meta.url);
      const { spec } = (await import(generated.href)) as { spec: SpecMetadata };
      return [vendor, spec] as const;
    }),
  ),
);

describe.each(VENDORS)('%s: the generated checks agree with Ajv on the spec, but for the listed departures', (vendor) => {
  const spec = readSpec(vendor);
  const table = tables[vendor]!;
  const checked = checkedSchemas(spec);
  const ajv = oracleAjv();
  const asWritten = specAjv();
  // Ajv caches a compiled schema by object, not by content: for about half the schemas the two
  // modes' oracles are the same (an answer keeps no limits, D2), compiled once here.
  const compiledOracles = new Map<string, ValidateFunction>();
  const compileOracle = (oracle: SchemaObject): ValidateFunction => {
    const text = JSON.stringify(oracle);
    let validate = compiledOracles.get(text);
    if (validate === undefined) {
      validate = ajv.compile(oracle);
      compiledOracles.set(text, validate);
    }
    return validate;
  };

  test('the table holds a schema for each parameter location, body and answer the spec declares, and no other', () => {
    const held = Object.entries(table.operations).flatMap(([operation, info]) =>
      (['path', 'query', 'body', 'response'] as const).filter((location) => info[location] !== undefined).map((location) => `${operation} ${location}`),
    );
    expect(held.sort()).toEqual(checked.map(({ operation, location }) => `${operation} ${location}`).sort());
  });

  test('every named schema of the table is one an operation holds, so the operations cover them all', () => {
    const reached = new Set<Schema>();
    const visit = (schema: Schema | SchemaType | undefined): void => {
      if (schema === undefined || typeof schema === 'string' || reached.has(schema)) return;
      reached.add(schema);
      if (schema.$ref !== undefined) visit(table.schemas[schema.$ref]);
      for (const child of [...Object.values(schema.properties ?? {}), schema.items, ...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])])
        visit(child);
    };
    for (const info of Object.values(table.operations)) for (const schema of [info.path, info.query, info.body, info.response]) visit(schema);
    expect(Object.keys(table.schemas).filter((name) => !reached.has(table.schemas[name]!))).toEqual([]);
  });

  // Operations that share one schema of the table (every answer that is a phone number) check it once.
  const distinct = new Map<Schema, CheckedSchema[]>();
  for (const entry of checked) {
    const schema = table.operations[entry.operation]![entry.location]!;
    distinct.set(schema, [...(distinct.get(schema) ?? []), entry]);
  }
  const cases = [...distinct].map(([schema, [entry, ...same]]) => [`${entry!.operation}, ${entry!.location}${also(same)}`, schema, entry!] as const);

  test.each(cases)('%s', (_, schema, entry) => {
    const oracles = MODES.map((mode) => ({ mode, oracle: oracleSchema(spec, entry.spec, entry.depth, entry.side, mode) }));
    const validators = oracles.map(({ mode, oracle }) => ({ mode, validate: compileOracle(oracle) }));
    const isValidAsWritten = asWritten.compile({ ...entry.spec, components: spec.components });
    const { valid, broken } = schemaValues(spec, entry.spec, entry.depth);
    const verdicts = Object.fromEntries(MODES.map((mode) => [mode, { accepted: 0, rejected: 0 }]));
    const values = fc.oneof(
      valid.map((value) => ({ value, intact: true })),
      broken.map((value) => ({ value, intact: false })),
    );
    fc.assert(
      // Plain throws, each message built only for a value that fails: over the thousands of values
      // that pass, vitest's expect and the messages cost about a second of CPU a run.
      fc.property(values, ({ value, intact }) => {
        if (intact && !isValidAsWritten(value)) throw new Error(`a value generated as valid is not (${asWritten.errorsText(isValidAsWritten.errors)})`);
        for (const { mode, validate } of validators) {
          const issue = checkSchema(value, schema, table.schemas, { structural: mode === 'structural' });
          const accepted = validate(value);
          const both = () =>
            `${mode} mode, checker: ${issue ? `"${issue.path}" ${issue.reason}` : 'accepts'}; Ajv: ${accepted ? 'accepts' : ajv.errorsText(validate.errors)}`;
          if ((issue === undefined) !== accepted) throw new Error(`${both()}: the verdicts differ`);
          if (issue && !flaggedPaths(validate.errors ?? [], value).has(issue.path)) throw new Error(`${both()}: Ajv flags no such location`);
          verdicts[mode]![accepted ? 'accepted' : 'rejected']++;
        }
      }),
      { seed: SEED, numRuns: runsFor(countNodes(oracles[0]!.oracle)) },
    );
    // Both verdicts in both modes: the values reach both sides of the checks. A schema of
    // annotations alone (an answer of no documented shape) allows every value: none is refused.
    const allowsAnything = Object.keys(entry.spec).every((keyword) => ANNOTATIONS.has(keyword) || keyword.startsWith('x-'));
    for (const mode of MODES) {
      expect(verdicts[mode]!.accepted, `values accepted in ${mode} mode`).toBeGreaterThan(0);
      if (!allowsAnything) expect(verdicts[mode]!.rejected, `values refused in ${mode} mode`).toBeGreaterThan(0);
    }
  });
});

function also(same: CheckedSchema[]): string {
  return same.length === 0 ? '' : ` (also ${same.map(({ operation, location }) => `${operation}, ${location}`).join('; ')})`;
}

/** Ajv on the spec as written (OpenAPI's own keywords ignored), to prove that values generated as valid are. */
function specAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uuid', RFC_4122_UUID);
  // RFC 3339's date-time, as the values generated for one are written.
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
  return ajv;
}

/** The schema objects in a JSON Schema: what the values it needs grow with. */
function countNodes(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  return (Array.isArray(node) ? 0 : 1) + Object.values(node).reduce<number>((sum, child) => sum + countNodes(child), 0);
}
