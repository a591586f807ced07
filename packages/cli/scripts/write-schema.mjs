#!/usr/bin/env node
// Writes schema/switchboard.schema.json, the JSON Schema of switchboard.yaml, from the registry
// (`numbersFileSchema` of @switchboard/plan, built). Run after adding a vendor; a test fails while
// the committed file differs.
import { writeFileSync } from 'node:fs';
import { numbersFileSchema } from '@switchboard/plan';

writeFileSync(new URL('../schema/switchboard.schema.json', import.meta.url), `${JSON.stringify(numbersFileSchema(), null, 2)}\n`);
