import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { vendors } from '../../scripts/vendors.mjs';
import { retryTable, withRetryTable } from '../../tools/spec-tools/src/reliability/table.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(`${repo}docs/reliability.md`, 'utf8');

test('the retry table in docs/reliability.md is the one the specs and the code make (`pnpm docs:reliability` writes it)', () => {
  expect(withRetryTable(doc, retryTable(repo))).toBe(doc);
});

test('every vendor has its rows, one per operation of its spec', () => {
  const rows = retryTable(repo).slice(2);
  for (const vendor of vendors()) expect(rows.filter((row) => row.startsWith(`| ${vendor} |`)).length, vendor).toBeGreaterThan(0);
  expect(new Set(rows.map((row) => row.split(' | ')[0]!.slice(2)))).toEqual(new Set(vendors()));
});
