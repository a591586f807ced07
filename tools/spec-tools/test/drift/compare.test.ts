// The drift comparison (src/drift/compare.ts, through `runDrift`): our spec held against a vendor's
// own OpenAPI document. Each comparison feature has a small pair of documents under
// ../fixtures/drift/ (written for these tests: <feature>.ours.yaml, 3.1 like our specs, and
// <feature>.theirs.*, mostly 3.0 like vendors').
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runDrift } from '../../src/drift/run.js';
import { fixture } from '../bin.js';

const drifts = (name: string) => fixture(`drift/${name}`);
/** A drift.yaml that does not exist: nothing reviewed. */
const NONE_REVIEWED = join(tmpdir(), 'no-such-drift.yaml');

/** Compares a fixture pair; no drift.yaml. */
async function drift(name: string, theirs: string) {
  return runDrift({ ours: drifts(`${name}.ours.yaml`), against: drifts(theirs), reviewed: NONE_REVIEWED });
}

/** Every difference as "class id", sorted: the whole verdict in one comparable list. */
async function verdict(name: string, theirs: string): Promise<string[]> {
  const result = await drift(name, theirs);
  return result.operations.flatMap((op) => op.differences.map((d) => `${d.class} ${d.id}`)).sort();
}

describe('comparison', () => {
  test('3.0 nullable, a 3.1 type list and a oneOf with null mean the same; a lost null is classified', async () => {
    expect(await verdict('nullable', 'nullable.theirs.json')).toEqual([
      'ours-accepts POST /things request body .oursAcceptsNull: null allowed (theirs rejects null)',
      'ours-rejects POST /things request body .oursRejectsNull: null rejected (theirs allows null)',
      // In a response a narrower schema is a defect too: a real answer would fail our checks.
      'ours-rejects POST /things response 200 body .note: null rejected (theirs allows null)',
    ]);
  });

  test('$ref chains (parameters, responses, schemas), allOf merging and recursive schemas', async () => {
    expect(await verdict('refs', 'refs.theirs.yaml')).toEqual(['ours-rejects GET /numbers/{id} response 200 body .owner.name: maxLength 20 vs 40']);
  });

  test('oneOf variants pair by discriminator value (const, enum or mapping), not by position', async () => {
    const result = await drift('variants', 'variants.theirs.yaml');
    const pets = result.operations.find((op) => op.operation === 'POST /pets');
    expect(pets!.differences.map((d) => `${d.class} ${d.kind} ${d.id}`).sort()).toEqual([
      'ours-accepts extra POST /pets request body <kind=bird>: variant not in theirs (ours: object)',
      'ours-rejects enum POST /pets request body <kind=dog>.bark: enum lacks silent',
      'ours-rejects maxLength POST /pets request body <kind=cat>.name: maxLength 10 vs 20',
      'ours-rejects maxLength POST /pets request body <kind=dog>.name: maxLength 10 vs 20',
      // Their fish variant has no const or enum on `kind`: the discriminator mapping names it.
      'ours-rejects missing POST /pets request body <kind=fish>: variant missing in ours (theirs: object)',
    ]);
  });

  test('variants without a discriminator pair by structure: the same type, then shared properties', async () => {
    const result = await drift('variants', 'variants.theirs.yaml');
    const contacts = result.operations.find((op) => op.operation === 'POST /contacts');
    // Theirs lists the object first and the string second; ours the other way round.
    expect(contacts!.differences.map((d) => `${d.class} ${d.id}`)).toEqual([
      'ours-rejects POST /contacts request body .contact<object>.phone: maxLength 15 vs none',
      // No variant of theirs shares a type with ours: one line, not one per variant.
      'ours-rejects POST /contacts request body .then: type array vs object',
    ]);
  });

  test('operations match by method and path: parameter names ignored, base paths joined', async () => {
    const result = await drift('paths', 'paths.theirs.yaml');
    expect(result.operations.map((op) => [op.operation, op.theirs])).toEqual([
      ['GET /numbers/{id}', 'GET /v1/numbers/{numberId}'],
      ['POST /numbers/buy', 'POST /v1/numbers/buy'],
      ['GET /numbers/legacy', null],
    ]);
    expect(await verdict('paths', 'paths.theirs.yaml')).toEqual(['ours-accepts GET /numbers/legacy: operation not in theirs']);
    expect(result.summary).toMatchObject({ operations: 3, matched: 2 });
  });

  test('parameters: presence, required, schema; the Authorization header is left to security', async () => {
    expect(await verdict('parameters', 'parameters.theirs.yaml')).toEqual([
      'ours-accepts GET /numbers header parameter X-Trace: not in theirs',
      'ours-accepts GET /numbers query parameter cursor: missing in ours',
      'ours-rejects GET /numbers query parameter limit: type integer vs number',
      'ours-rejects GET /numbers query parameter page: required vs optional',
    ]);
  });

  test('enums, lengths, patterns, formats, bounds, types and annotations, each in its direction', async () => {
    expect(await verdict('constraints', 'constraints.theirs.yaml')).toEqual([
      'docs POST /items request body .legacy: not deprecated vs deprecated',
      // `markdown` is no format a validator checks: an annotation only.
      'docs POST /items request body .note: format markdown vs none',
      'docs POST /items request body .size: default 10 vs 20',
      'ours-accepts POST /items request body .at: format none vs date-time',
      'ours-accepts POST /items request body .ratio: type number vs integer',
      "ours-accepts POST /items request body .ref: pattern none vs '^r_'",
      'ours-accepts POST /items request body .score: maximum 100 vs 10',
      'ours-accepts POST /items request body .tags: minItems none vs 1',
      'ours-accepts POST /items request body .tier: enum adds c',
      "ours-rejects POST /items request body .code: pattern '^[A-Z]{3}$' vs none",
      'ours-rejects POST /items request body .count: type integer vs number',
      'ours-rejects POST /items request body .id: format uuid vs none',
      'ours-rejects POST /items request body .name: maxLength 40 vs 80',
      'ours-rejects POST /items request body .name: minLength 1 vs none',
      'ours-rejects POST /items request body .status: enum lacks pending',
      'ours-rejects POST /items request body .tags: maxItems 5 vs 10',
      // Not listed: `score`'s 3.1 `exclusiveMinimum: 0` is 3.0's `minimum: 0, exclusiveMinimum: true`,
      // and `kind`'s `const: x` is `enum: [x]`.
    ]);
  });

  test("keywords that cannot narrow are no difference: another type's keyword, a bound the enum meets", async () => {
    expect(await verdict('inert', 'inert.theirs.yaml')).toEqual([
      // `number` is longer than their maxLength 3: their enum value fails it, ours passes.
      'ours-accepts POST /hooks request body .key: maxLength none vs 3',
      // 3 is in both enums, and over their maximum.
      'ours-accepts POST /hooks request body .level: maximum none vs 2',
      // Not listed: `maxLength` on their array and `minimum` on their string constrain nothing;
      // their `maxLength: 1000` beside `enum: [call.ringing]`, and our pattern beside an enum
      // whose values all match it, refuse no value the other side allows.
    ]);
  });

  test('unions: a declared discriminator is required, one object of ours pairs with their variant per type, a leftover variant of theirs counts only for what it adds', async () => {
    expect(await verdict('unions', 'unions.theirs.yaml')).toEqual([
      'ours-accepts PATCH /numbers/{id} request body .voice<type=voice_azure>.speaker: not in theirs',
      'ours-accepts PATCH /numbers/{id} request body .voice<type=voice_azure>.speed: not in theirs',
      'ours-accepts PATCH /numbers/{id} request body .voice<type=voice_rime>.speed: maximum none vs 2',
      'ours-accepts PATCH /numbers/{id} request body .voice<type=voice_rime>.voice_name: not in theirs',
      'ours-rejects PATCH /numbers/{id} request body .agent<object>.name: required vs optional',
      // Their empty `Undefined` object is a value ours refuses ({} lacks our required fields)...
      'ours-rejects PATCH /numbers/{id} request body .agent<theirs#3>.name: not in theirs (required in ours)',
      'ours-rejects PATCH /numbers/{id} request body .voice<theirs#4>.type: not in theirs (required in ours)',
      // ...but the fields ours accepts are their `Agent`'s and their voices', not extra ones.
      // Not listed: `update.provider`, optional in their variants, is their declared
      // discriminator, which a payload must carry (OpenAPI 3.0.3, Discriminator Object).
    ]);
  });

  test('missing and extra fields, required, additionalProperties, readOnly, the success status', async () => {
    expect(await verdict('fields', 'fields.theirs.yaml')).toEqual([
      'ours-accepts POST /orders request body .c: optional vs required',
      // An open object of ours accepts their field, unchecked.
      'ours-accepts POST /orders request body .meta.source: missing in ours (theirs: string)',
      'ours-accepts POST /orders request body .onlyOurs: not in theirs',
      'ours-rejects POST /orders request body .b: required vs optional',
      'ours-rejects POST /orders request body .labels{}: maxLength 5 vs none',
      'ours-rejects POST /orders request body .onlyOursRequired: not in theirs (required in ours)',
      // A closed object of ours refuses it: a valid request would fail our validation.
      'ours-rejects POST /orders request body .onlyTheirs: missing in ours, which forbids it (theirs: integer)',
      'ours-rejects POST /orders request body: additionalProperties false vs allowed',
      'ours-rejects POST /orders response 201 body .total: required vs optional',
      'ours-rejects POST /orders response: success status 201 vs 200',
      // Not listed: their readOnly `id` exists in answers only.
    ]);
  });

  test('a $ref to nothing in their document is a warning, and nothing behind it is compared', async () => {
    const result = await runDrift({ ours: drifts('fields.ours.yaml'), against: drifts('broken.theirs.yaml'), reviewed: NONE_REVIEWED });
    expect(result.warnings).toEqual(['theirs: $ref #/components/schemas/Order points at nothing; what is behind it is not compared']);
    const responses = result.operations[0]!.differences.filter((d) => d.path.includes(' response '));
    expect(responses).toEqual([]);
  });
});
