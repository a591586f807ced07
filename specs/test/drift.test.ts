// The drift report (scripts/spec-drift.mjs): our spec held against a vendor's own OpenAPI document.
// Each comparison feature has a small pair of documents under fixtures/drift/ (written for these
// tests: <feature>.ours.yaml, 3.1 like our specs, and <feature>.theirs.*, mostly 3.0 like vendors'),
// compared through `runDrift`; the CLI itself (exit codes, --json, --check, drift.yaml, URLs) runs
// as a real child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDriftFile } from '../../scripts/drift/review.mjs';
import { runDrift } from '../../scripts/spec-drift.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const script = join(repo, 'scripts/spec-drift.mjs');
const fixtures = join(repo, 'specs/test/fixtures/drift');
const fixture = (name: string) => join(fixtures, name);
const TIMEOUT = 20_000;

interface Difference {
  id: string;
  path: string;
  kind: string;
  class: 'ours-rejects' | 'ours-accepts' | 'docs';
  message: string;
  reviewed?: string;
}

/** Compares a fixture pair; no drift.yaml unless given. */
async function drift(name: string, theirs: string, reviewed = join(tmpdir(), 'no-such-drift.yaml')) {
  return runDrift({ ours: fixture(`${name}.ours.yaml`), against: fixture(theirs), reviewed });
}

/** Every difference as "class id", sorted: the whole verdict in one comparable list. */
async function verdict(name: string, theirs: string): Promise<string[]> {
  const result = await drift(name, theirs);
  return result.operations.flatMap((op: { differences: Difference[] }) => op.differences.map((d) => `${d.class} ${d.id}`)).sort();
}

/** Runs the CLI as a child process (asynchronously, so a server in this process can answer it). */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: repo, timeout: TIMEOUT - 2_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'spec-drift-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function reviewedFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
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
    const pets = result.operations.find((op: { operation: string }) => op.operation === 'POST /pets');
    expect(pets.differences.map((d: Difference) => `${d.class} ${d.kind} ${d.id}`).sort()).toEqual([
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
    const contacts = result.operations.find((op: { operation: string }) => op.operation === 'POST /contacts');
    // Theirs lists the object first and the string second; ours the other way round.
    expect(contacts.differences.map((d: Difference) => `${d.class} ${d.id}`)).toEqual([
      'ours-rejects POST /contacts request body .contact<object>.phone: maxLength 15 vs none',
      // No variant of theirs shares a type with ours: one line, not one per variant.
      'ours-rejects POST /contacts request body .then: type array vs object',
    ]);
  });

  test('operations match by method and path: parameter names ignored, base paths joined', async () => {
    const result = await drift('paths', 'paths.theirs.yaml');
    expect(result.operations.map((op: { operation: string; theirs: string | null }) => [op.operation, op.theirs])).toEqual([
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
    const result = await runDrift({ ours: fixture('fields.ours.yaml'), against: fixture('broken.theirs.yaml'), reviewed: join(work, 'none.yaml') });
    expect(result.warnings).toEqual(['theirs: $ref #/components/schemas/Order points at nothing; what is behind it is not compared']);
    const responses = result.operations[0].differences.filter((d: Difference) => d.path.includes(' response '));
    expect(responses).toEqual([]);
  });
});

describe('the CLI', () => {
  test(
    'prints a text report grouped per operation, folding the same difference across variants',
    async () => {
      const { code, stdout } = await cli('--ours', fixture('variants.ours.yaml'), '--against', fixture('variants.theirs.yaml'));
      expect(code).toBe(0);
      expect(stdout).toContain('POST /pets  (theirs: POST /pets)');
      expect(stdout).toContain('ours-rejects  POST /pets request body <kind=*>.name: maxLength 10 vs 20  (maxLength, 2×: kind=cat|dog)');
      expect(stdout).toContain('2 of 2 operations matched; 7 differences: 6 ours-rejects, 1 ours-accepts, 0 docs');
    },
    TIMEOUT,
  );

  test(
    '--json: every difference with its id, path, kind, class and message, and the counts',
    async () => {
      const { code, stdout } = await cli('--ours', fixture('fields.ours.yaml'), '--against', fixture('fields.theirs.yaml'), '--json');
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(Object.keys(result)).toEqual(['vendor', 'ours', 'theirs', 'reviewedFile', 'ok', 'summary', 'warnings', 'operations', 'stale']);
      expect(result.ours).toEqual({ source: 'specs/test/fixtures/drift/fields.ours.yaml', version: '3.1.0' });
      expect(result.theirs.version).toBe('3.0.3');
      expect(result.summary).toEqual({
        operations: 1,
        matched: 1,
        differences: 10,
        'ours-rejects': 7,
        'ours-accepts': 3,
        docs: 0,
        reviewed: 0,
        unreviewed: 10,
        stale: 0,
      });
      expect(result.ok).toBe(false);
      const [operation] = result.operations;
      expect(operation).toMatchObject({ operation: 'POST /orders', theirs: 'POST /orders' });
      expect(operation.differences).toContainEqual({
        id: 'POST /orders request body .b: required vs optional',
        path: 'POST /orders request body .b',
        kind: 'required',
        class: 'ours-rejects',
        message: 'required vs optional',
      });
    },
    TIMEOUT,
  );

  test(
    '--check fails on unreviewed differences, passes once drift.yaml lists them all (with globs)',
    async () => {
      const args = ['--ours', fixture('variants.ours.yaml'), '--against', fixture('variants.theirs.yaml'), '--check'];
      const unreviewed = await cli(...args, '--reviewed', reviewedFile('empty.yaml', '# nothing reviewed yet\nreviewed: []\n'));
      expect(unreviewed.code).toBe(1);
      expect(unreviewed.stdout).toContain('specs:drift --check: FAILED (7 unreviewed differences, 0 stale entries)');

      const reviewed = reviewedFile(
        'all.yaml',
        [
          'reviewed:',
          "- path: 'POST /pets request body <kind=*>.name'",
          '  kind: maxLength',
          '  reason: Our clients cap pet names at 10 characters.',
          "- path: 'POST /pets request body <kind=dog>.bark'",
          '  kind: enum',
          '  reason: Silent dogs are not supported yet.',
          "- path: 'POST /pets request body <kind=*>'",
          '  kind: missing',
          '  reason: Fish are out of scope.',
          "- path: 'POST /pets request body <kind=bird>'",
          '  kind: extra',
          '  reason: Birds are documented elsewhere.',
          "- path: 'POST /contacts request body .contact<object>.phone'",
          '  kind: maxLength',
          '  reason: E.164 numbers have at most 15 digits.',
          "- path: 'POST /contacts request body .then'",
          '  kind: type',
          '  reason: We send a list of steps; their document shows one.',
          '',
        ].join('\n'),
      );
      const passed = await cli(...args, '--reviewed', reviewed);
      expect(passed.code).toBe(0);
      expect(passed.stdout).toContain('specs:drift --check: passed (7 reviewed differences)');
      expect(passed.stdout).toContain('[reviewed] POST /pets request body <kind=dog>.bark: enum lacks silent');
      expect(passed.stdout).toContain('reason: Silent dogs are not supported yet.');
    },
    TIMEOUT,
  );

  test(
    'a reviewed entry that matches nothing is stale: reported always, and --check fails',
    async () => {
      const file = reviewedFile(
        'stale.yaml',
        [
          'reviewed:',
          '- path: GET /numbers/legacy',
          '  kind: operation',
          '  reason: Still served, only undocumented.',
          '- path: GET /numbers/{id} response 200 body .number',
          '  kind: pattern',
          '  reason: An old difference, since fixed.',
          '',
        ].join('\n'),
      );
      const args = ['--ours', fixture('paths.ours.yaml'), '--against', fixture('paths.theirs.yaml'), '--reviewed', file];
      const report = await cli(...args);
      expect(report.code).toBe(0);
      expect(report.stdout).toContain('GET /numbers/{id} response 200 body .number  (pattern)');
      const check = await cli(...args, '--check', '--json');
      expect(check.code).toBe(1);
      const result = JSON.parse(check.stdout);
      expect(result.summary).toMatchObject({ reviewed: 1, unreviewed: 0, stale: 1 });
      expect(result.stale).toEqual([{ path: 'GET /numbers/{id} response 200 body .number', kind: 'pattern', reason: 'An old difference, since fixed.' }]);
    },
    TIMEOUT,
  );

  test(
    'a drift.yaml entry without a reason, bad arguments and unreadable documents exit 2',
    async () => {
      const noReason = reviewedFile('no-reason.yaml', "reviewed:\n- path: 'GET /numbers/legacy'\n  kind: operation\n  reason: ''\n");
      const bad = await cli('--ours', fixture('paths.ours.yaml'), '--against', fixture('paths.theirs.yaml'), '--reviewed', noReason);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('reviewed entry 1 needs a non-empty reason');
      expect((await cli('--vendor', 'vapi')).code).toBe(2);
      const missing = await cli('--vendor', 'no-such-vendor', '--against', fixture('paths.theirs.yaml'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no spec for vendor no-such-vendor');
      const notOpenApi = await cli('--ours', fixture('paths.ours.yaml'), '--against', join(fixtures, 'nonexistent.yaml'));
      expect(notOpenApi.code).toBe(2);
    },
    TIMEOUT,
  );

  test(
    '--vendor reads specs/<vendor>/openapi.yaml and the drift.yaml beside it',
    async () => {
      const { code, stdout } = await cli('--vendor', 'vapi', '--against', fixture('paths.theirs.yaml'), '--json');
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(result).toMatchObject({ vendor: 'vapi', ours: { source: 'specs/vapi/openapi.yaml' }, reviewedFile: 'specs/vapi/drift.yaml' });
      // None of Vapi's paths is in this document: every operation is reported missing from theirs.
      expect(result.summary.matched).toBe(0);
      expect(result.operations.every((op: { differences: Difference[] }) => op.differences.map((d) => d.kind).join() === 'operation')).toBe(true);
    },
    TIMEOUT,
  );

  test(
    '--against takes an http URL',
    async () => {
      const server: Server = createServer((_, response) => {
        response.setHeader('content-type', 'application/yaml');
        response.end(`openapi: 3.0.3
info: { title: theirs, version: '1' }
paths:
  /v1/numbers/{numberId}:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, properties: { number: { type: string, maxLength: 3 } } } } } }
`);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const { code, stdout } = await cli('--ours', fixture('paths.ours.yaml'), '--against', `http://127.0.0.1:${port}/openapi.yaml`);
        expect(code).toBe(0);
        expect(stdout).toContain('ours-accepts  GET /numbers/{id} response 200 body .number: maxLength none vs 3  (maxLength)');
      } finally {
        server.close();
      }
    },
    TIMEOUT,
  );
});

describe('drift.yaml', () => {
  const load = (name: string, text: string) => () => loadDriftFile(reviewedFile(name, text));

  test('a source (a URL, or why there is none) and the reviewed entries', () => {
    expect(load('url.yaml', 'source:\n  url: https://example.test/openapi.json\nreviewed: []\n')()).toEqual({
      source: { url: 'https://example.test/openapi.json' },
      reviewed: [],
    });
    expect(load('none.yaml', "source:\n  notWatched: '  Only rendered pages. '\n")()).toEqual({ source: { notWatched: 'Only rendered pages.' }, reviewed: [] });
  });

  test('the old bare list, a source with both or neither, a URL that is not http(s) and unknown keys are refused', () => {
    expect(load('list.yaml', '- path: GET /a\n  kind: operation\n  reason: Old format.\n')).toThrow('must be a mapping { source, reviewed }');
    expect(load('both.yaml', 'source:\n  url: https://example.test/a.json\n  notWatched: Both.\n')).toThrow('source needs exactly one of url and notWatched');
    expect(load('neither.yaml', 'source: {}\n')).toThrow('source needs exactly one of url and notWatched');
    expect(load('ftp.yaml', 'source:\n  url: ftp://example.test/a.json\n')).toThrow('source url must be an http(s) URL');
    expect(load('empty-reason.yaml', "source:\n  notWatched: ' '\n")).toThrow('notWatched needs a non-empty reason');
    expect(load('extra.yaml', 'source:\n  url: https://example.test/a.json\nreviewd: []\n')).toThrow('has unknown keys: reviewd');
  });

  test('each vendor has one, valid, naming its source', () => {
    const files = readdirSync(join(repo, 'specs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(join(repo, 'specs', entry.name)).includes('openapi.yaml'))
      .map((entry) => join(repo, 'specs', entry.name, 'drift.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      // Loading checks every entry; the drift watch fetches the URL, or lists the vendor as not watched with the reason.
      const { source } = loadDriftFile(file);
      expect(source?.url ?? source?.notWatched, file).toBeTruthy();
    }
  });
});
