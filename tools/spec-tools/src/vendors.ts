import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The vendors of a specs folder (`specs/`): its folders that hold an openapi.yaml, sorted. None when there is no such folder. */
export function vendorsIn(specsDir: string): string[] {
  if (!existsSync(specsDir)) return [];
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specsDir, entry.name, 'openapi.yaml')))
    .map((entry) => entry.name)
    .sort();
}
