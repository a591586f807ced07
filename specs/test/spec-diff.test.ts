// The breaking-change gate (scripts/spec-diff.mjs), run for real: a temporary git repository holds
// the committed specs as its baseline, each test edits (and sometimes commits) specs and changesets
// in it, then runs the repo's script there. The script works on the repository of its working
// directory and loads its libraries from this repo's specs/node_modules, so the temporary
// repository needs no install.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const script = join(repo, 'scripts/spec-diff.mjs');
const TEST_TIMEOUT = 20_000;

let work = '';
let baseline = '';

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Runs the gate in the temporary repository; `out` is stdout and stderr together. */
function specDiff(...args: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: work, encoding: 'utf8', timeout: TEST_TIMEOUT - 2_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

// biome-ignore lint/suspicious/noExplicitAny: tests edit arbitrary corners of a parsed spec.
type Spec = Record<string, any>;

function editSpec(vendor: string, edit: (spec: Spec) => void): void {
  const file = join(work, 'specs', vendor, 'openapi.yaml');
  const spec = parse(readFileSync(file, 'utf8')) as Spec;
  edit(spec);
  writeFileSync(file, stringify(spec));
}

/** A component schema, found through the `$ref` an operation's JSON request body points at. */
function requestSchema(spec: Spec, path: string, method: string): Spec {
  const ref: string = spec.paths[path][method].requestBody.content['application/json'].schema.$ref;
  const schema = spec.components.schemas[ref.replace('#/components/schemas/', '')];
  expect(schema, `${method} ${path} has a $ref'd request schema`).toBeDefined();
  return schema;
}

function addChangeset(name: string, releases: Record<string, 'major' | 'minor' | 'patch'>): void {
  const frontMatter = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  writeFileSync(join(work, '.changeset', `${name}.md`), ['---', ...frontMatter, '---', '', 'Test change.', ''].join('\n'));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  // The baseline: this repo's committed specs and changesets config, and no pending changeset
  // (a README.md too, which the gate must not read as a changeset).
  const committed = (path: string) => execFileSync('git', ['show', `HEAD:${path}`], { cwd: repo, encoding: 'utf8' });
  const specFiles = execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD', '--', 'specs'], { cwd: repo, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /^specs\/[^/]+\/openapi\.yaml$/.test(file));
  expect(specFiles.length).toBeGreaterThanOrEqual(3);
  for (const file of [...specFiles, '.changeset/config.json']) {
    mkdirSync(join(work, file, '..'), { recursive: true });
    writeFileSync(join(work, file), committed(file));
  }
  writeFileSync(join(work, '.changeset/README.md'), '# Changesets\n\nNot a changeset: no front matter.\n');
  git('init', '-q');
  git('config', 'user.name', 'Spec Diff Test');
  git('config', 'user.email', 'spec-diff-test@example.com');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'baseline');
  baseline = git('rev-parse', 'HEAD');
});

beforeEach(() => {
  // Back to the baseline: no later commit, no edit, no new changeset, no tag.
  git('reset', '-q', '--hard', baseline);
  git('clean', '-q', '-fd');
  for (const tag of git('tag', '--list').split('\n').filter(Boolean)) git('tag', '-d', tag);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('spec-diff gate', { timeout: TEST_TIMEOUT }, () => {
  test('no changes: exit 0 and "no changes" per vendor', () => {
    const { code, out } = specDiff('--base', baseline);
    expect(out).toContain('vogent: no changes');
    expect(out).toContain('vocode: no changes');
    expect(out).toContain('vapi: no changes');
    expect(code).toBe(0);
  });

  test('a removed operation is breaking and needs a major changeset for both vendor packages', () => {
    editSpec('vogent', (spec) => {
      delete spec.paths['/phone_numbers/{id}'].delete;
    });

    let { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/breaking +removed operation DELETE \/phone_numbers\/\{id\}/);
    expect(out).toContain('pnpm changeset');
    expect(code).toBe(1);

    // A minor bump, or a major bump of one of the two packages, is not enough.
    addChangeset('drop-delete', { '@switchboard/vogent-types': 'major', '@switchboard/vogent': 'minor' });
    ({ code, out } = specDiff('--base', baseline));
    expect(out).toMatch(
      /vogent: the change is breaking and needs a major changeset for @switchboard\/vogent-types and @switchboard\/vogent \(not major: @switchboard\/vogent\)/,
    );
    expect(code).toBe(1);

    addChangeset('drop-delete', { '@switchboard/vogent-types': 'major', '@switchboard/vogent': 'major' });
    ({ code, out } = specDiff('--base', baseline));
    expect(out).toContain('removed operation DELETE /phone_numbers/{id}');
    expect(out).toContain('specs:diff: passed');
    expect(code).toBe(0);
  });

  test('an added optional field with a minor changeset passes and is reported as non-breaking', () => {
    editSpec('vogent', (spec) => {
      requestSchema(spec, '/phone_numbers/{id}', 'put').properties.label = { type: 'string', description: 'A label.' };
    });
    addChangeset('label', { '@switchboard/vogent-types': 'minor' });
    const { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/non-breaking +added optional request field label \(PUT \/phone_numbers\/\{id\}\)/);
    expect(out).not.toMatch(/^ +breaking/m);
    expect(code).toBe(0);
  });

  test('a changed spec without a changeset fails and says to run pnpm changeset', () => {
    editSpec('vogent', (spec) => {
      requestSchema(spec, '/phone_numbers/{id}', 'put').properties.label = { type: 'string' };
    });
    // A changeset for another vendor does not count.
    addChangeset('vapi-only', { '@switchboard/vapi': 'patch' });
    const { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/vogent: the spec changed but no pending changeset bumps @switchboard\/vogent-types or @switchboard\/vogent; run `pnpm changeset`/);
    expect(code).toBe(1);
  });

  test('a description-only change is an annotation that still needs a (patch) changeset', () => {
    editSpec('vogent', (spec) => {
      spec.paths['/phone_numbers'].get.description = 'Lists the phone numbers, reworded.';
    });
    let { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/annotation +changed description of operation \(GET \/phone_numbers\)/);
    expect(code).toBe(1);

    addChangeset('wording', { '@switchboard/vogent': 'patch' });
    ({ code, out } = specDiff('--base', baseline));
    expect(code).toBe(0);
  });

  test('an optional request field made required is breaking (through the $ref)', () => {
    editSpec('vogent', (spec) => {
      const update = requestSchema(spec, '/phone_numbers/{id}', 'put');
      expect(update.properties.agentId).toBeDefined();
      update.required = [...(update.required ?? []), 'agentId'];
    });
    addChangeset('agent', { '@switchboard/vogent-types': 'minor', '@switchboard/vogent': 'minor' });
    const { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/breaking +request field agentId became required \(PUT \/phone_numbers\/\{id\}\)/);
    expect(out).toContain('needs a major changeset');
    expect(code).toBe(1);
  });

  test('a change inside one oneOf variant is found while a schema shared by every variant changed too', () => {
    // api-smart-diff's own oneOf matching loses the first change in this situation (see the script).
    editSpec('vapi', (spec) => {
      const variants = requestSchema(spec, '/phone-number', 'post').oneOf.map((variant: Spec) => spec.components.schemas[variant.$ref.split('/').at(-1)]);
      const twilio = variants.find((variant: Spec) => variant?.properties?.twilioAuthToken);
      expect(twilio?.required).not.toContain('twilioAuthToken');
      twilio.required.push('twilioAuthToken');
      spec.components.schemas.Server.properties.url.description = 'Reworded.';
    });
    addChangeset('twilio', { '@switchboard/vapi-types': 'minor', '@switchboard/vapi': 'minor' });
    const { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/breaking +request field twilioAuthToken became required \(POST \/phone-number\)/);
    expect(out).toMatch(/annotation +changed description of request field server\.url \(POST \/phone-number\)/);
    expect(code).toBe(1);
  });

  test('a narrowed request enum is breaking; a narrowed response enum is not', () => {
    editSpec('vocode', (spec) => {
      const provider = requestSchema(spec, '/numbers/buy', 'post').properties.telephony_provider;
      expect(provider.enum).toContain('twilio');
      provider.enum = provider.enum.filter((value: string) => value !== 'twilio');
    });
    editSpec('vogent', (spec) => {
      const type = spec.components.schemas.PhoneNumber.properties.type;
      expect(type.enum).toContain('SIP_USERNAME');
      type.enum = type.enum.filter((value: string) => value !== 'SIP_USERNAME');
    });
    const { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/breaking +narrowed enum of request field telephony_provider: removed twilio \(POST \/numbers\/buy\)/);
    expect(out).toMatch(/non-breaking +narrowed enum of response field data\[\]\.type: removed SIP_USERNAME \(GET \/phone_numbers -> 200\)/);
    expect(out).not.toMatch(/^ +breaking .*SIP_USERNAME/m);
    expect(code).toBe(1);
  });

  test("OpenAPI 3.1 type arrays: adding 'null' widens a request (non-breaking) but breaks a response", () => {
    editSpec('vogent', (spec) => {
      requestSchema(spec, '/phone_numbers/{id}', 'put').properties.agentId.type = ['string', 'null'];
      spec.components.schemas.PhoneNumber.properties.number.type = ['string', 'null'];
    });
    addChangeset('nullable', { '@switchboard/vogent-types': 'minor', '@switchboard/vogent': 'minor' });
    const { code, out } = specDiff('--base', baseline);
    expect(out).toMatch(/non-breaking +changed type of request field agentId: string -> string\|null \(PUT \/phone_numbers\/\{id\}\)/);
    expect(out).toMatch(/breaking +changed type of response field data\[\]\.number: string -> string\|null \(GET \/phone_numbers -> 200\)/);
    expect(code).toBe(1);
  });

  test('--json prints the machine-readable result', () => {
    editSpec('vogent', (spec) => {
      delete spec.paths['/phone_numbers/{id}'].delete;
    });
    const { code, out } = specDiff('--base', baseline, '--json');
    const result = JSON.parse(out) as {
      ok: boolean;
      baseCommit: string;
      vendors: { vendor: string; changes: { type: string; path: string; description: string }[]; failures: string[] }[];
    };
    expect(result.ok).toBe(false);
    expect(result.baseCommit).toBe(baseline);
    const vogent = result.vendors.find((v) => v.vendor === 'vogent');
    expect(vogent?.changes).toEqual([
      { type: 'breaking', action: 'remove', path: '/paths/~1phone_numbers~1{id}/delete', description: 'removed operation DELETE /phone_numbers/{id}' },
    ]);
    expect(vogent?.failures).toHaveLength(1);
    expect(result.vendors.find((v) => v.vendor === 'vapi')?.changes).toEqual([]);
    expect(code).toBe(1);
  });

  test('usage errors exit 2 with a one-line message', () => {
    for (const args of [[], ['--base'], ['--base', 'no-such-ref'], ['--bogus']]) {
      const { code, out } = specDiff(...args);
      expect(out.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(out).toMatch(/^specs:diff: /);
      expect(code).toBe(2);
    }
    expect(specDiff('--base', 'no-such-ref').out).toContain('unknown git ref no-such-ref');
  });

  test('--latest-release without a release tag is skipped', () => {
    git('tag', 'not-a-release');
    const { code, out } = specDiff('--latest-release');
    expect(out.trim()).toBe('specs:diff: no release tag yet, skipped');
    expect(code).toBe(0);
  });

  test('--latest-release compares against the newest changesets release tag', () => {
    git('tag', '@switchboard/vogent@1.0.0');
    // A committed change after the release, with a non-release tag that must not be taken as base.
    editSpec('vogent', (spec) => {
      delete spec.paths['/phone_numbers/{id}'].delete;
    });
    git('commit', '-q', '-am', 'drop DELETE');
    git('tag', 'v-not-a-release');

    let { code, out } = specDiff('--latest-release');
    expect(out).toContain('specs:diff against @switchboard/vogent@1.0.0');
    expect(out).toMatch(/breaking +removed operation DELETE \/phone_numbers\/\{id\}/);
    expect(code).toBe(1);

    // Once that change is released, the newer tag is the base and nothing has changed since.
    git('tag', '@switchboard/vogent@2.0.0');
    ({ code, out } = specDiff('--latest-release'));
    expect(out).toContain('specs:diff against @switchboard/vogent@2.0.0');
    expect(out).toContain('vogent: no changes');
    expect(code).toBe(0);
  });
});
