// The breaking-change gate (`switchboard-spec-tools diff`), run for real in a throwaway git
// repository (../fixtures/spec-repo.ts) holding this repo's committed specs as its baseline: each
// test edits (and sometimes commits) specs and changesets there, then runs the bin in it.
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { vendorsIn } from '../../src/vendors.js';
import { assertFreshBuild } from '../bin.js';
import { type Bumps, createSpecRepo, requestSchema, type Spec, type SpecRepo } from '../fixtures/spec-repo.js';

const TEST_TIMEOUT = 20_000;

let fixture: SpecRepo;
let baseline = '';

const specDiff = (...args: string[]) => fixture.run('diff', args, TEST_TIMEOUT - 2_000);
const editSpec = (vendor: string, edit: (spec: Spec) => void) => fixture.editSpec(vendor, edit);
const addChangeset = (name: string, releases: Bumps) => fixture.addChangeset(name, releases);
const git = (...args: string[]) => fixture.git(...args);

beforeAll(() => {
  assertFreshBuild();
  fixture = createSpecRepo('spec-diff-');
  baseline = fixture.baseline;
});

beforeEach(() => fixture.reset());

afterAll(() => fixture?.remove());

describe('spec-diff gate', { timeout: TEST_TIMEOUT }, () => {
  test('no changes: exit 0 and "no changes" per vendor', () => {
    const { code, out } = specDiff('--base', baseline);
    const vendors = vendorsIn(join(fixture.dir, 'specs'));
    expect(vendors.length).toBeGreaterThan(0);
    for (const vendor of vendors) expect(out).toContain(`${vendor}: no changes`);
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
    expect(out).toContain(
      `vogent: the change is breaking (removed operation DELETE /phone_numbers/{id}) and needs a major changeset for @switchboard/vogent-types and @switchboard/vogent added since ${baseline} (not major: @switchboard/vogent)`,
    );
    expect(code).toBe(1);

    addChangeset('drop-delete', { '@switchboard/vogent-types': 'major', '@switchboard/vogent': 'major' });
    ({ code, out } = specDiff('--base', baseline));
    expect(out).toContain('removed operation DELETE /phone_numbers/{id}');
    expect(out).toContain('specs:diff: passed');
    expect(code).toBe(0);
  });

  test('a major changeset already pending at the base does not cover a new breaking change (the issue case)', () => {
    // The base: an earlier, unreleased breaking change of Vapi with its major changeset.
    addChangeset('earlier-vapi-break', { '@switchboard/vapi-types': 'major', '@switchboard/vapi': 'major' });
    const base = fixture.commit('an earlier breaking change of vapi');
    editSpec('vapi', (spec) => {
      delete spec.paths['/phone-number/{id}'].delete;
    });

    let { code, out } = specDiff('--base', base);
    expect(out).toMatch(/breaking +removed operation DELETE \/phone-number\/\{id\}/);
    expect(out).toContain(
      `✗ vapi: the change is breaking (removed operation DELETE /phone-number/{id}) and needs a major changeset for @switchboard/vapi-types and @switchboard/vapi added since ${base} (not major: @switchboard/vapi-types, @switchboard/vapi)`,
    );
    expect(code).toBe(1);

    // Editing the pending changeset does not make it new.
    addChangeset('earlier-vapi-break', { '@switchboard/vapi-types': 'major', '@switchboard/vapi': 'major', '@switchboard/vogent': 'patch' });
    ({ code } = specDiff('--base', base));
    expect(code).toBe(1);

    addChangeset('drop-vapi-delete', { '@switchboard/vapi-types': 'major', '@switchboard/vapi': 'major' });
    ({ code, out } = specDiff('--base', base));
    expect(out).toContain(`changesets added since ${base}: .changeset/drop-vapi-delete.md (@switchboard/vapi-types: major, @switchboard/vapi: major)`);
    expect(out).toContain('specs:diff: passed');
    expect(code).toBe(0);
  });

  test('a changeset counts as added whether committed since the base, staged or untracked', () => {
    editSpec('vogent', (spec) => {
      requestSchema(spec, '/phone_numbers/{id}', 'put').properties.label = { type: 'string' };
    });
    addChangeset('label', { '@switchboard/vogent': 'minor' });
    expect(specDiff('--base', baseline).code).toBe(0);
    git('add', '.changeset/label.md');
    expect(specDiff('--base', baseline).code).toBe(0);
    fixture.commit('label');
    expect(specDiff('--base', baseline).code).toBe(0);
    // The same files against a base that already has the changeset: it is no longer new.
    expect(specDiff('--base', 'HEAD').out).toContain('vogent: no changes');
    editSpec('vogent', (spec) => {
      requestSchema(spec, '/phone_numbers/{id}', 'put').properties.note = { type: 'string' };
    });
    expect(specDiff('--base', 'HEAD').code).toBe(1);
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
    expect(out).toContain(
      `vogent: the spec changed but no changeset added since ${baseline} bumps @switchboard/vogent-types or @switchboard/vogent; run \`pnpm changeset\``,
    );
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
    // api-smart-diff's own oneOf matching loses the first change in this situation (see src/diff/engine.ts).
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
    addChangeset('not-enough', { '@switchboard/vogent': 'minor' });
    const { code, out } = specDiff('--base', baseline, '--json');
    const result = JSON.parse(out) as {
      ok: boolean;
      baseCommit: string;
      changesets: { file: string; releases: Bumps }[];
      vendors: {
        vendor: string;
        changes: { type: string; path: string; description: string }[];
        needs: string;
        changesets: { file: string; bumps: Bumps }[];
        failures: string[];
      }[];
    };
    expect(result.changesets).toEqual([{ file: '.changeset/not-enough.md', releases: { '@switchboard/vogent': 'minor' } }]);
    expect(result.ok).toBe(false);
    expect(result.baseCommit).toBe(baseline);
    const vogent = result.vendors.find((v) => v.vendor === 'vogent');
    expect(vogent?.changes).toEqual([
      {
        type: 'breaking',
        action: 'remove',
        path: '/paths/~1phone_numbers~1{id}/delete',
        description: 'removed operation DELETE /phone_numbers/{id}',
        operations: [{ method: 'DELETE', path: '/phone_numbers/{id}', operationId: 'deletePhoneNumber' }],
      },
    ]);
    expect(vogent?.needs).toBe('major');
    expect(vogent?.changesets).toEqual([{ file: '.changeset/not-enough.md', bumps: { '@switchboard/vogent': 'minor' } }]);
    expect(vogent?.failures).toHaveLength(1);
    const vapi = result.vendors.find((v) => v.vendor === 'vapi');
    expect(vapi).toMatchObject({ changes: [], needs: 'nothing', changesets: [], failures: [] });
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
