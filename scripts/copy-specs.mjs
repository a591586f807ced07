#!/usr/bin/env node
// Copies every vendor spec into a package's build output (as <vendor>.yaml), so a published
// package can serve them without the repo. Usage: node scripts/copy-specs.mjs <destination dir>
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const destination = resolve(process.argv[2] ?? '');
const specs = new URL('../specs/', import.meta.url);
mkdirSync(destination, { recursive: true });
for (const entry of readdirSync(specs, { withFileTypes: true })) {
  if (entry.isDirectory() && entry.name !== 'test' && entry.name !== 'node_modules') {
    copyFileSync(new URL(`${entry.name}/openapi.yaml`, specs), join(destination, `${entry.name}.yaml`));
  }
}
