#!/usr/bin/env node
// Writes schema/switchboard.schema.json, the JSON Schema of switchboard.yaml, from the registry
// (`numbersFileSchema` of @switchboard/plan, built). `pnpm generate` runs it (through `pnpm
// cli:schema`, which builds the plan package first), so a new vendor's name reaches the file; a test
// fails while the committed file differs.
import { writeFileSync } from 'node:fs';
import { numbersFileSchema } from '@switchboard/plan';

writeFileSync(new URL('../schema/switchboard.schema.json', import.meta.url), `${JSON.stringify(numbersFileSchema(), null, 2)}\n`);
