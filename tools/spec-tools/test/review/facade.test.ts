// The facade methods the review names for each operation, read from this repo's providers and
// facade, against the table docs/reliability.md keeps by hand.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { facadeMethodsByOperation } from '../../src/review/facade.js';
import { REPO } from '../bin.js';

test('the facade methods it names for each operation are those of the table in docs/reliability.md', () => {
  const read = (path: string) => (existsSync(join(REPO, path)) ? readFileSync(join(REPO, path), 'utf8') : undefined);
  const doc = readFileSync(join(REPO, 'docs/reliability.md'), 'utf8');
  const documented = [...doc.matchAll(/^\| (\w+) \| `(\w+ [^`]+)` \| (.*?) \| (?:yes|\*\*never\*\*)/gm)].map(([, vendor, operation, facade]) => ({
    vendor,
    operation,
    // `create` (`purchase`) → create purchase; a cell that starts "—" (not used, and why) names none.
    facade: facade!.startsWith('—') ? '' : [...facade!.matchAll(/`([^`]+)`/g)].map(([, name]) => name).join(' '),
  }));
  expect(documented.length).toBeGreaterThanOrEqual(20);
  const derived = documented.map(({ vendor, operation }) => ({
    vendor,
    operation,
    facade: (facadeMethodsByOperation(vendor!, read).get(operation!) ?? []).flatMap((label) => label.match(/[\w-]+/g) ?? []).join(' '),
  }));
  expect(derived).toEqual(documented);
});
