// The tests of the commands drive the built bin, as the root scripts and CI do.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(packageDir, 'dist/bin.js');

/** This repository's root. */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A fixture file of these tests. */
export const fixture = (path: string): string => join(packageDir, 'test/fixtures', path);

/** Fails early, with the fix, when `dist/` is missing or older than `src/`, rather than testing stale code. */
export function assertFreshBuild(): void {
  let built: number;
  try {
    built = statSync(BIN).mtimeMs;
  } catch {
    throw new Error('tools/spec-tools/dist/bin.js is missing: run `pnpm exec turbo run build --filter=@switchboard/spec-tools` first');
  }
  const sources = readdirSync(join(packageDir, 'src'), { recursive: true, encoding: 'utf8' }).map((file) => statSync(join(packageDir, 'src', file)).mtimeMs);
  if (Math.max(...sources) > built)
    throw new Error('tools/spec-tools/dist is older than src: run `pnpm exec turbo run build --filter=@switchboard/spec-tools` first');
}

/**
 * A temporary folder for one test file, made before its tests and removed after them: `write`
 * puts a file there (a drift.yaml under review, a document) and gives its path.
 */
export function scratchFolder(prefix: string): { write(name: string, text: string): string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    write(name, text) {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
