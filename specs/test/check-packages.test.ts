// scripts/check-packages.mjs on small packages written to a temp folder and packed by the real npm:
// each rule the package-check gate enforces fails the package it should, and only that one.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-packages.mjs', import.meta.url));

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-check-packages-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const INDEX_JS = 'export const answer = 42;\n';
const INDEX_D_TS = 'export declare const answer: number;\n';
const TYPED_ROOT = { types: './dist/index.d.ts', default: './dist/index.js' };
const TYPED_FILES = { 'dist/index.js': INDEX_JS, 'dist/index.d.ts': INDEX_D_TS };

/** Writes an ESM package named `name` (its manifest `fields`, then `files` by path) and returns its folder. */
function writePackage(name: string, fields: Record<string, unknown>, files: Record<string, string> = TYPED_FILES): string {
  const dir = join(scratch, name);
  const manifest = { name, version: '1.0.0', type: 'module', files: ['dist'], ...fields };
  for (const [path, text] of Object.entries({ 'package.json': JSON.stringify(manifest, null, 2), ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Run {
  code: number;
  /** Each package's summary line, by package name. */
  lines: Map<string, string>;
  stdout: string;
  stderr: string;
}

function checkPackages(dirs: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...dirs], (error, stdout, stderr) => {
      const lines = new Map<string, string>();
      for (const line of stdout.split('\n')) {
        const name = /^[✓✗] (\S+)/.exec(line)?.[1];
        if (name !== undefined) lines.set(name, line);
      }
      resolve({ code: error === null ? 0 : Number(error.code), lines, stdout, stderr });
    });
  });
}

let passing: Run;
let failing: Run;

// Two runs of the script side by side, each one npm pack per core and one TypeScript load: seconds
// on a loaded machine (nothing here is timed).
beforeAll(async () => {
  const good = writePackage('good', { exports: { '.': TYPED_ROOT } });
  // No `require` target: the CommonJS resolutions (node10, node16 from CJS) find nothing, which
  // attw's esm-only profile ignores.
  const esmOnly = writePackage('esm-only', { exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } } });
  const exportMissing = writePackage('export-missing', { exports: { '.': { ...TYPED_ROOT, default: './dist/missing.js' } } });
  // publint only warns about a repository string that is not a shorthand; --strict fails it.
  const publintWarning = writePackage('publint-warning', { repository: 'https://github.com/example/publint-warning', exports: { '.': TYPED_ROOT } });
  // A CommonJS declaration file (.d.cts) for an ESM implementation: attw's "masquerading as CJS".
  const falseCjs = writePackage(
    'false-cjs',
    { exports: { '.': { ...TYPED_ROOT, types: './dist/index.d.cts' } } },
    { 'dist/index.js': INDEX_JS, 'dist/index.d.cts': INDEX_D_TS },
  );
  // The root's `types` names a file that was never written; another entry point keeps the package typed.
  const typesMissing = writePackage(
    'types-missing',
    { exports: { '.': { ...TYPED_ROOT, types: './dist/missing.d.ts' }, './other': { types: './dist/other.d.ts', default: './dist/other.js' } } },
    { 'dist/index.js': INDEX_JS, 'dist/other.js': INDEX_JS, 'dist/other.d.ts': INDEX_D_TS },
  );
  const filesMissing = writePackage('files-missing', { files: ['dist', 'schema'], exports: { '.': TYPED_ROOT } });
  [passing, failing] = await Promise.all([
    checkPackages([good, esmOnly]),
    checkPackages([good, exportMissing, publintWarning, falseCjs, typesMissing, filesMissing]),
  ]);
}, 180_000);

describe('packages npm would ship correctly pass', () => {
  test('a typed ESM package passes publint and attw, and the run exits 0', () => {
    expect(passing.code).toBe(0);
    expect(passing.lines.get('good')).toMatch(/^✓ good +publint ok, attw \(esm-only\) ok/);
    expect(passing.stdout).toContain('2 of 2 published packages pass');
    expect(passing.stderr).toBe('');
  });

  test("attw's esm-only profile: an entry point with no CommonJS target passes", () => {
    expect(passing.lines.get('esm-only')).toMatch(/^✓ esm-only +publint ok, attw \(esm-only\) ok/);
  });
});

describe('each rule fails the package that breaks it, one line a package', () => {
  test('the run exits 1 and still passes the good package beside them', () => {
    expect(failing.code).toBe(1);
    expect([...failing.lines.keys()].sort()).toEqual(['export-missing', 'false-cjs', 'files-missing', 'good', 'publint-warning', 'types-missing']);
    expect(failing.lines.get('good')).toMatch(/^✓ good +publint ok, attw \(esm-only\) ok/);
    expect(failing.stdout).toContain('1 of 6 published packages pass');
  });

  test.each([
    {
      rule: 'publint: an export pointing at a file the tarball lacks',
      name: 'export-missing',
      summary: 'publint FAILED, attw (esm-only) ok',
      messages: ['pkg.exports["."].default is ./dist/missing.js but the file does not exist.'],
    },
    {
      rule: 'publint --strict: a warning fails like an error',
      name: 'publint-warning',
      summary: 'publint FAILED, attw (esm-only) ok',
      messages: ["pkg.repository is https://github.com/example/publint-warning which isn't a valid shorthand value"],
    },
    {
      rule: 'attw: types of the other module format than the implementation (false CJS)',
      name: 'false-cjs',
      summary: 'publint ok, attw (esm-only) FAILED',
      messages: [
        '/dist/index.d.cts for /node_modules/false-cjs/dist/index.js: Import resolved to a CommonJS type declaration file, but an ESM JavaScript file.',
      ],
    },
    {
      rule: 'publint and attw: a `types` entry naming a declaration file that does not exist',
      name: 'types-missing',
      summary: 'publint FAILED, attw (esm-only) FAILED',
      messages: [
        'pkg.exports["."].types is ./dist/missing.d.ts but the file does not exist.',
        '"types-missing" (bundler): Import resolved to JavaScript files, but no type declarations were found.',
      ],
    },
    {
      rule: 'a `files` entry that is not there fails before packing, saying to build',
      name: 'files-missing',
      summary: 'schema missing: run `pnpm build` first',
      messages: [],
    },
  ])('$rule', ({ name, summary, messages }) => {
    const line = failing.lines.get(name) ?? '';
    expect(line.startsWith(`✗ ${name} `)).toBe(true);
    expect(line).toContain(summary);
    for (const message of messages) expect(failing.stderr).toContain(message);
  });
});
