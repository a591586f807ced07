#!/usr/bin/env node
// Copies every vendor spec into a package's build output (as <vendor>.yaml), so a published
// package can serve them without the repo. Usage: node scripts/copy-specs.mjs <destination dir>
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot, vendors } from './vendors.mjs';

const destination = resolve(process.argv[2] ?? '');
mkdirSync(destination, { recursive: true });
for (const vendor of vendors()) copyFileSync(new URL(`specs/${vendor}/openapi.yaml`, repoRoot), join(destination, `${vendor}.yaml`));
