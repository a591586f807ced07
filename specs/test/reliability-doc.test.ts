import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { mayRepeat } from '../../packages/core/src/repeat.js';
import { vendors } from '../../scripts/vendors.mjs';

const repo = new URL('../../', import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** What the specs say: `vendor METHOD path` → repeatable, by core's own rule. */
function retryTableFromSpecs(): Record<string, boolean> {
  const table: Record<string, boolean> = {};
  for (const vendor of vendors()) {
    const spec = parse(readFileSync(new URL(`specs/${vendor}/openapi.yaml`, repo), 'utf8')) as {
      paths: Record<string, Record<string, { 'x-idempotent'?: boolean }>>;
    };
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        table[`${vendor} ${method.toUpperCase()} ${path}`] = mayRepeat(method, item[method]!['x-idempotent']);
      }
    }
  }
  return table;
}

test('the retry table in docs/reliability.md matches the specs', () => {
  const doc = readFileSync(new URL('docs/reliability.md', repo), 'utf8');
  const rows = [...doc.matchAll(/^\| (\w+) \| `(\w+ [^`]+)` \| .* \| (yes|\*\*never\*\*)[^|]* \|$/gm)];
  const documented = Object.fromEntries(rows.map(([, vendor, operation, retried]) => [`${vendor} ${operation}`, retried === 'yes']));
  expect(documented).toEqual(retryTableFromSpecs());
});
