// What every published package promises the people who install it: a README, the Node range it
// runs on, where its source lives, and a `prepack` that refuses to pack it unbuilt.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { manifestTargets } from '../../scripts/require-build.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUARD = join(ROOT, 'scripts/require-build.mjs');
const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface Manifest {
  name: string;
  private?: boolean;
  version: string;
  engines?: { node?: string };
  repository?: { type: string; url: string; directory: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const published = readdirSync(join(ROOT, 'packages'))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as Manifest }))
  .filter(({ manifest }) => manifest.private !== true);

describe.each(published)('$manifest.name', ({ dir, manifest }) => {
  test('ships its licence, and a README that shows how to install it', () => {
    expect(readFileSync(join(ROOT, 'packages', dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    const readme = readFileSync(join(ROOT, 'packages', dir, 'README.md'), 'utf8');
    expect(readme).toMatch(new RegExp(`^# ${manifest.name}\\n`));
    expect(readme).toContain(`npm install`);
    expect(readme).toContain(manifest.name);
  });

  test('declares the Node range the repo is tested on, its repository folder and a build guard', () => {
    expect(manifest.engines?.node).toBe(rootManifest.engines.node);
    expect(manifest.repository).toMatchObject({ type: 'git', directory: `packages/${dir}` });
    expect(manifest.scripts?.prepack).toBe('node ../../scripts/require-build.mjs');
  });

  test('depends on its sibling packages by a caret range, so installs deduplicate them', () => {
    const internal = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((range) => range.startsWith('workspace:'));
    for (const range of internal) expect(range).toBe('workspace:^');
  });
});

describe('the prepack guard', () => {
  let scratch: string | undefined;
  afterEach(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  const guard = (manifest: object, files: string[]) => {
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-prepack-'));
    writeFileSync(join(scratch, 'package.json'), JSON.stringify(manifest));
    for (const file of files) {
      mkdirSync(join(scratch, file, '..'), { recursive: true });
      writeFileSync(join(scratch, file), '');
    }
    return spawnSync(process.execPath, [GUARD], { cwd: scratch, encoding: 'utf8' });
  };
  const manifest = {
    name: '@switchboard/example',
    exports: { '.': { '@switchboard/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
    bin: { example: './dist/bin.js' },
  };

  test('reads every export target, bin and types field, but not the source condition', () => {
    expect(manifestTargets(manifest).sort()).toEqual(['./dist/bin.js', './dist/index.d.ts', './dist/index.js']);
  });

  test('refuses an unbuilt package, naming what is missing and what to run', () => {
    const result = guard(manifest, ['src/index.ts', 'dist/index.js']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('@switchboard/example is not built: ./dist/index.d.ts, ./dist/bin.js missing');
    expect(result.stderr).toContain('pnpm build');
  });

  test('lets a built package through', () => {
    const result = guard(manifest, ['dist/index.js', 'dist/index.d.ts', 'dist/bin.js']);
    expect(result.status, result.stderr).toBe(0);
  });

  test('guards the real packages: npm pack refuses core without its dist', () => {
    // Against a copy, so the workspace's own build is never touched.
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-prepack-'));
    const copy = join(scratch, 'packages', 'core');
    mkdirSync(copy, { recursive: true });
    writeFileSync(join(copy, 'package.json'), readFileSync(join(ROOT, 'packages/core/package.json')));
    mkdirSync(join(scratch, 'scripts'));
    writeFileSync(join(scratch, 'scripts', 'require-build.mjs'), readFileSync(GUARD));
    const result = spawnSync('npm', ['pack', '--dry-run'], { cwd: copy, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('@switchboard/core is not built');
    expect(existsSync(join(copy, 'dist'))).toBe(false);
  });
});
