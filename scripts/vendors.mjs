// The vendors of this repo: every specs/<vendor>/ folder that holds an openapi.yaml.
import { existsSync, readdirSync } from 'node:fs';

export const repoRoot = new URL('../', import.meta.url);

export function vendors() {
  return readdirSync(new URL('specs/', repoRoot), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`specs/${entry.name}/openapi.yaml`, repoRoot)))
    .map((entry) => entry.name)
    .sort();
}
