#!/usr/bin/env node
// The generator's former entry point, kept for the callers that run it by path
// (packages/phone-numbers/test/spec-change.test.ts): `node scripts/generate-client-metadata.mjs
// <vendor> <output.ts> [spec.yaml]` is `switchboard-spec-tools generate <vendor> <output.ts>
// [spec.yaml]` (tools/spec-tools/src/generate/).
import { runSpecTools } from './spec-tools.mjs';

process.exitCode = runSpecTools(['generate', ...process.argv.slice(2)]);
