#!/usr/bin/env node
// A published package's `prepack` (npm and pnpm run it before packing and publishing): refuse to
// pack when a file the manifest points at — an export, a `bin`, `types` — is missing, so a package
// never ships without its build. It builds nothing itself: a package's build needs its workspace
// dependencies built first, which `pnpm release` (turbo) does in order.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file path a manifest points consumers at (export conditions other than our source one). */
export function manifestTargets(manifest) {
  const targets = new Set();
  const visit = (value, condition) => {
    if (typeof value === 'string') {
      if (condition !== '@switchboard/source') targets.add(value);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, key);
    }
  };
  visit(manifest.exports);
  visit(manifest.bin);
  for (const field of ['main', 'module', 'types']) if (manifest[field]) targets.add(manifest[field]);
  return [...targets].filter((target) => !target.includes('*'));
}

/** The targets missing under `dir`. */
export function missingTargets(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { name: manifest.name, missing: manifestTargets(manifest).filter((target) => !existsSync(join(dir, target))) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { name, missing } = missingTargets(process.cwd());
  if (missing.length > 0) {
    console.error(`${name} is not built: ${missing.join(', ')} missing. Run \`pnpm build\` at the repo root (or \`pnpm release\`, which builds first).`);
    process.exit(1);
  }
}
