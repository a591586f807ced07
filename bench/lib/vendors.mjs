// The vendors the benchmarks cover: every vendor of the registry (a spec in specs/ is a vendor).
import { existsSync, readdirSync } from 'node:fs';

const SPECS = new URL('../../specs/', import.meta.url);

export const VENDORS = readdirSync(SPECS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/openapi.yaml`, SPECS)))
  .map((entry) => entry.name)
  .sort();
