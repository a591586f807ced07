// The type diff of the review: openapi-typescript run as the -types packages run it, and the
// members of its output compared by name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, test } from 'vitest';
import { diffTypes, generateTypes, summariseTypes } from '../../src/review/types.js';
import { vendorsIn } from '../../src/vendors.js';
import { REPO } from '../bin.js';

test.each(vendorsIn(join(REPO, 'specs')))('its type generation reproduces the committed %s-types package', async (vendor) => {
  const spec = readFileSync(join(REPO, 'specs', vendor, 'openapi.yaml'), 'utf8');
  const committed = readFileSync(join(REPO, 'packages', `${vendor}-types`, 'src/generated/schema.ts'), 'utf8');
  expect(COMMENT_HEADER + (await generateTypes(spec))).toBe(committed);
});

describe('the members of two generations', () => {
  const spec = (label: string, extra = '') => `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
    ${extra}
components:
  schemas:
    Thing:
      type: object
      description: ${label}
      properties: { id: { type: string } }
`;
  const summary = async (text: string) => summariseTypes(await generateTypes(text));
  const names = (members: { name: string }[]) => members.map((member) => member.name);

  test('a doc comment alone is "documented"; a new operation without an operationId is named by its method and path', async () => {
    const before = await summary(spec('A thing.'));
    const after = await summary(spec('A thing, reworded.', "delete: { responses: { '204': { description: gone } } }"));
    const diff = diffTypes(before, after);
    expect(names(diff.schemas.documented)).toEqual(['Thing']);
    expect(diff.schemas.changed).toEqual([]);
    expect(diff.operations.added.map(({ name, method, path }) => ({ name, method, path }))).toEqual([
      { name: 'DELETE /things/{id}', method: 'DELETE', path: '/things/{id}' },
    ]);
    expect(names(diff.operations.changed)).toEqual([]);
  });
});
