// The spec review (`switchboard-spec-tools review`), run for real in a throwaway git repository
// (../fixtures/spec-repo.ts) holding this repo's committed specs, lint config, providers and
// facade: each test edits specs and changesets there and runs the bin in it, once per format at
// most (a review generates the types of a changed spec twice).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { vendorsIn } from '../../src/vendors.js';
import { assertFreshBuild } from '../bin.js';
import { createSpecRepo, type SpecRepo } from '../fixtures/spec-repo.js';

const TEST_TIMEOUT = 90_000;
const MARKER = '<!-- switchboard-spec-review -->';
const BOTH_VAPI_MAJOR = { '@switchboard/vapi-types': 'major', '@switchboard/vapi': 'major' } as const;
/** The vendors of the throwaway repository (this repo's specs) but `changed`, as the review lists them. */
const unchangedBut = (changed?: string) => vendorsIn(join(fixture.dir, 'specs')).filter((vendor) => vendor !== changed);

interface Operation {
  method: string;
  path: string;
  operationId?: string;
  facade: string[];
}
interface Review {
  ok: boolean;
  verdict: string;
  base: string;
  baseCommit: string;
  changesets: { file: string; releases: Record<string, string> }[];
  vendors: {
    vendor: string;
    changed: boolean;
    counts: Record<string, number>;
    changes: { type: string; description: string; operations: Operation[] }[];
    facade: string[];
    changesets: { needs: string; covered: boolean; files: { file: string; bumps: Record<string, string> }[] } | null;
    lint: { errors: number; warnings: number; problems: { severity: string; rule: string; file: string; line: number; column: number }[] } | null;
    types: {
      package: string;
      error: string | null;
      schemas: Record<string, string[]>;
      operations: Record<string, { name: string; method: string; path: string }[]>;
    } | null;
    failures: string[];
  }[];
  failures: string[];
}

let fixture: SpecRepo;

const specReview = (...args: string[]) => fixture.run('review', args, TEST_TIMEOUT - 5_000);

function reviewJson(...args: string[]): { code: number | null; review: Review } {
  const { code, stdout } = specReview(...args, '--format', 'json');
  return { code, review: JSON.parse(stdout) as Review };
}

/** A markdown table row, cells trimmed, for rows whose first cell matches. */
function rows(markdown: string, firstCell: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith(`| ${firstCell} |`))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The facts of a JSON review the markdown must state too. */
function factsOf(review: Review): string[] {
  return [
    review.verdict.replace(/^(pass|fail): /, ''),
    review.base,
    ...review.failures.map((failure) => failure.split(' (')[0]!),
    ...review.vendors.flatMap((v) => [
      v.vendor,
      ...v.changes.flatMap((change) => [
        `| ${change.type} | ${change.description} |`,
        ...change.operations.flatMap((op) => [`\`${op.method} ${op.path}\``, `\`${op.operationId}\``, ...op.facade.map((method) => `\`${method}\``)]),
      ]),
      ...(v.changesets?.files ?? []).map((file) => `| \`${file.file}\` |`),
      ...(v.lint?.problems ?? []).map((problem) => `\`${problem.file}:${problem.line}:${problem.column}\``),
      ...Object.values(v.types?.schemas ?? {}).flatMap((names) => names.map((name) => `\`${name}\``)),
      ...Object.values(v.types?.operations ?? {}).flatMap((ops) => ops.map((op) => `\`${op.name}\``)),
    ]),
  ];
}

beforeAll(() => {
  assertFreshBuild();
  fixture = createSpecRepo('spec-review-');
});

beforeEach(() => fixture.reset());

afterAll(() => fixture?.remove());

describe('spec review', { timeout: TEST_TIMEOUT }, () => {
  test('unchanged specs need nothing', () => {
    const { code, out } = specReview('--base', fixture.baseline);
    expect(out.startsWith(`${MARKER}\n## Spec review\n`)).toBe(true);
    expect(out).toContain(`**✅ Pass** — no spec changes since ${fixture.baseline}`);
    expect(out).toContain(`No spec changes: ${unchangedBut().join(', ')}.`);
    expect(code).toBe(0);
  });

  test('a breaking change is not covered by a major changeset already pending at the base (the issue case)', () => {
    fixture.addChangeset('earlier-vapi-break', BOTH_VAPI_MAJOR);
    const base = fixture.commit('an earlier breaking change of vapi, not released yet');
    fixture.editSpec('vapi', (spec) => {
      delete spec.paths['/phone-number/{id}'].delete;
    });

    const { code, out: markdown } = specReview('--base', base);
    expect(markdown.startsWith(MARKER)).toBe(true);
    expect(markdown).toContain('**❌ Fail** — vapi: 1 breaking change without a major changeset');
    expect(markdown).toContain(
      `- vapi: the change is breaking (removed operation DELETE /phone-number/{id}) and needs a major changeset for @switchboard/vapi-types and @switchboard/vapi added since ${base}`,
    );
    expect(rows(markdown, 'breaking')).toEqual([
      ['breaking', 'removed operation DELETE /phone-number/{id}', '`DELETE /phone-number/{id}` `deletePhoneNumber`', '`release`'],
    ]);
    expect(rows(markdown, 'operations')).toEqual([['operations', '—', '`deletePhoneNumber` (`DELETE /phone-number/{id}`)', '—', '—']]);
    expect(markdown).toContain('None bumps these packages.');
    expect(markdown).toContain(`No spec changes: ${unchangedBut('vapi').join(', ')}.`);
    expect(code).toBe(1);

    const { code: jsonCode, review } = reviewJson('--base', base);
    expect(jsonCode).toBe(1);
    expect(review).toMatchObject({ ok: false, base, verdict: 'fail: vapi: 1 breaking change without a major changeset', changesets: [] });
    const vapi = review.vendors.find((v) => v.vendor === 'vapi')!;
    expect(vapi.changes).toEqual([
      {
        type: 'breaking',
        action: 'remove',
        path: '/paths/~1phone-number~1{id}/delete',
        description: 'removed operation DELETE /phone-number/{id}',
        operations: [{ method: 'DELETE', path: '/phone-number/{id}', operationId: 'deletePhoneNumber', facade: ['release'] }],
      },
    ]);
    expect(vapi.facade).toEqual(['release']);
    expect(vapi.changesets).toMatchObject({ needs: 'major', covered: false, files: [] });
    expect(vapi.types?.operations.removed).toEqual([{ name: 'deletePhoneNumber', method: 'DELETE', path: '/phone-number/{id}' }]);
    expect(review.vendors.filter((v) => !v.changed).map((v) => v.vendor)).toEqual(unchangedBut('vapi'));
    for (const fact of factsOf(review)) expect(markdown).toContain(fact);

    // Its own major changeset for both packages passes.
    fixture.addChangeset('drop-vapi-delete', BOTH_VAPI_MAJOR);
    const passed = specReview('--base', base);
    expect(passed.out).toContain(`**✅ Pass** — vapi changed, covered by changesets added since ${base}, lint clean`);
    expect(rows(passed.out, '`.changeset/drop-vapi-delete.md`')).toEqual([
      ['`.changeset/drop-vapi-delete.md`', '`@switchboard/vapi-types`: major, `@switchboard/vapi`: major'],
    ]);
    expect(passed.code).toBe(0);
  });

  test('a non-breaking addition with a minor changeset passes; its new schema is an added type', () => {
    let updateSchema = '';
    fixture.editSpec('vogent', (spec) => {
      updateSchema = spec.paths['/phone_numbers/{id}'].put.requestBody.content['application/json'].schema.$ref.split('/').at(-1);
      spec.components.schemas.PhoneNumberLabel = { type: 'string', maxLength: 40, description: 'A label for people.' };
      spec.components.schemas[updateSchema].properties.label = { $ref: '#/components/schemas/PhoneNumberLabel' };
    });
    fixture.addChangeset('vogent-label', { '@switchboard/vogent-types': 'minor', '@switchboard/vogent': 'minor' });

    const { code, review } = reviewJson('--base', fixture.baseline);
    const vogent = review.vendors.find((v) => v.vendor === 'vogent')!;
    expect(vogent.counts).toEqual({ breaking: 0, deprecated: 0, 'non-breaking': 2, unclassified: 0, annotation: 0 });
    const update = { method: 'PUT', path: '/phone_numbers/{id}', operationId: 'updatePhoneNumber', facade: ['update'] };
    expect(vogent.changes.map(({ description, operations }) => ({ description, operations }))).toEqual([
      { description: 'added optional request field label (PUT /phone_numbers/{id})', operations: [update] },
      { description: 'added component schemas/PhoneNumberLabel', operations: [update] },
    ]);
    expect(vogent.changesets).toMatchObject({ needs: 'changeset', covered: true, files: [{ file: '.changeset/vogent-label.md' }] });
    expect(vogent.types?.schemas.added).toEqual(['PhoneNumberLabel']);
    expect(vogent.types?.schemas.changed).toEqual([updateSchema]);
    expect(vogent.types?.operations).toEqual({ added: [], removed: [], changed: [], documented: [] });
    expect(review).toMatchObject({ ok: true, verdict: `pass: vogent changed, covered by changesets added since ${fixture.baseline}, lint clean` });
    expect(code).toBe(0);
  });

  test('lint errors fail the review and are listed with their location', () => {
    fixture.editSpec('vapi', (spec) => {
      spec.paths['/phone-number/{id}'].delete.operationId = 'delete_phone_number';
    });
    fixture.addChangeset('vapi-rename', BOTH_VAPI_MAJOR);
    const spec = readFileSync(join(fixture.dir, 'specs/vapi/openapi.yaml'), 'utf8').split('\n');
    const line = spec.findIndex((text) => text.includes('operationId: delete_phone_number')) + 1;
    const column = spec[line - 1]!.indexOf('delete_phone_number') + 1;

    const { code, out } = specReview('--base', fixture.baseline);
    expect(out).toContain('**❌ Fail** — vapi: 1 lint error');
    expect(rows(out, 'error')).toEqual([
      [
        'error',
        '`rule/operation-id-camel-case`',
        `\`specs/vapi/openapi.yaml:${line}:${column}\` \`#/paths/~1phone-number~1{id}/delete/operationId\``,
        'operationId must be camelCase, verb first (listPhoneNumbers).',
      ],
    ]);
    // A renamed operationId renames the exported operation type.
    expect(rows(out, 'operations')).toEqual([
      ['operations', '`delete_phone_number` (`DELETE /phone-number/{id}`)', '`deletePhoneNumber` (`DELETE /phone-number/{id}`)', '—', '—'],
    ]);
    expect(code).toBe(1);
  });

  test('a spec whose types cannot be generated fails the review and says why', () => {
    fixture.editSpec('vogent', (spec) => {
      spec.paths['/phone_numbers'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Missing' };
    });
    fixture.addChangeset('vogent-list', { '@switchboard/vogent': 'patch' });
    const { code, review } = reviewJson('--base', fixture.baseline);
    const vogent = review.vendors.find((v) => v.vendor === 'vogent')!;
    expect(vogent.types).toMatchObject({
      error: expect.stringMatching(/^openapi-typescript cannot generate @switchboard\/vogent-types from specs\/vogent\/openapi\.yaml: Can't resolve \$ref/),
    });
    expect(vogent.lint?.problems.map((problem) => problem.rule)).toContain('no-unresolved-refs');
    expect(review.verdict).toContain('vogent: types cannot be generated');
    expect(code).toBe(1);
  });

  test('bad arguments exit 2 with a one-line message', () => {
    for (const args of [[], ['--base'], ['--base', 'no-such-ref'], ['--base', 'HEAD', '--format', 'html'], ['--bogus'], ['--base', 'HEAD', '--format']]) {
      const { code, out } = specReview(...args);
      expect(out.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(out, args.join(' ')).toMatch(/^specs:review: /);
      expect(code, args.join(' ')).toBe(2);
    }
    expect(specReview('--base', 'no-such-ref').out).toContain('unknown git ref no-such-ref');
    expect(specReview('--base=HEAD', '--format=html').out).toContain('--format must be markdown or json, got html');
  });
});
