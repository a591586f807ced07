// The vendors of this repo: every specs/<vendor>/ folder that holds an openapi.yaml. The one
// place that reads the layout: the scripts, the test harness (@switchboard/testing), the spec
// tools, the benchmarks and the spec tests all ask here. Plain JavaScript, so that node runs it
// without a build step; vendors.d.mts types it for TypeScript.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = new URL('../', import.meta.url);

/** The vendors of a specs folder: its folders that hold an openapi.yaml, sorted; none when there is no such folder. */
export function vendorsIn(specsDir) {
  if (!existsSync(specsDir)) return [];
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specsDir, entry.name, 'openapi.yaml')))
    .map((entry) => entry.name)
    .sort();
}

/** The vendors of this repo. */
export function vendors() {
  return vendorsIn(fileURLToPath(new URL('specs/', repoRoot)));
}

/** The spec of one vendor, as a file path. */
export function specPath(vendor) {
  return fileURLToPath(new URL(`specs/${vendor}/openapi.yaml`, repoRoot));
}
