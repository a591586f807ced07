import { readFileSync } from 'node:fs';
import { loadFixtures } from '@switchboard/testing/conformance';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { vendors } from '../../scripts/vendors.mjs';

/**
 * The operations each spec must describe: the vendors' whole phone-number surfaces, as each vendor
 * package's conformance fixture (`packages/<vendor>/test/fixture.ts`) states them.
 */
const expectedOperations = Object.fromEntries(Object.entries(await loadFixtures(vendors())).map(([vendor, fixture]) => [vendor, fixture.spec]));

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const E164_PATTERN = String.raw`^\+[1-9]\d{1,14}$`;

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  deprecated?: boolean;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown; examples?: object; example?: unknown }>; $ref?: string }>;
}

function loadSpec(vendor: string) {
  const url = new URL(`../${vendor}/openapi.yaml`, import.meta.url);
  return parse(readFileSync(url, 'utf8')) as {
    openapi: string;
    servers: { url: string }[];
    security?: unknown[];
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string }>; responses?: Record<string, Operation['responses'][string]> };
  };
}

function operationsOf(spec: ReturnType<typeof loadSpec>) {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );
}

/** Every schema property in the document, with its JSON path, found by walking the tree. */
function* properties(node: unknown, path = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* properties(child, `${path}/${i}`);
  } else if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      if (key === 'properties' && child && typeof child === 'object') {
        for (const [name, schema] of Object.entries(child)) yield [`${path}/properties/${name}`, schema as Record<string, unknown>];
      }
      yield* properties(child, `${path}/${key}`);
    }
  }
}

/** Every object in the document that carries `key`, with its JSON path. */
function* carrying(node: unknown, key: string, path = '#'): Generator<[string, Record<string, unknown>]> {
  if (!node || typeof node !== 'object') return;
  if (!Array.isArray(node) && key in node) yield [path, node as Record<string, unknown>];
  for (const [name, child] of Object.entries(node)) yield* carrying(child, key, `${path}/${name}`);
}

describe.each(Object.entries(expectedOperations))('%s spec', (vendor, expected) => {
  const spec = loadSpec(vendor);
  const operations = operationsOf(spec);

  test('is OpenAPI 3.1 served from the vendor base URL (the first server; the others are named regions)', () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(spec.servers[0]?.url).toBe(expected.server);
  });

  test('describes exactly the expected operations', () => {
    const actual = Object.fromEntries(operations.map(({ key, op }) => [key, op.operationId]));
    expect(actual).toEqual(expected.operations);
  });

  test('marks exactly the expected operations deprecated', () => {
    const deprecated = operations.filter(({ op }) => op.deprecated).map(({ op }) => op.operationId);
    expect(deprecated).toEqual(expected.deprecated);
  });

  test('requires one auth scheme everywhere, one the client sends: a bearer token or an API key in a header', () => {
    const schemes = spec.components.securitySchemes;
    const sendable = Object.keys(schemes).filter((name) => {
      const scheme = schemes[name];
      return (scheme?.type === 'http' && scheme.scheme === 'bearer') || (scheme?.type === 'apiKey' && scheme.in === 'header');
    });
    expect(sendable).toHaveLength(1);
    for (const { op } of operations) {
      expect(op.security ?? spec.security).toEqual([{ [sendable[0]!]: [] }]);
    }
  });

  test.each(operations.map(({ key, op }) => [key, op] as const))('%s is summarised, tagged and has examples and a 4xx', (_key, op) => {
    expect(op.summary).toBeTruthy();
    expect(op.tags?.length).toBeGreaterThan(0);
    const statuses = Object.keys(op.responses);
    const success = statuses.filter((s) => s.startsWith('2'));
    expect(success).toHaveLength(1);
    // A 204 answers without a body, so there is nothing to show an example of.
    if (success[0] === '204') expect(op.responses['204']?.content).toBeUndefined();
    else {
      const content = op.responses[success[0]!]?.content?.['application/json'];
      expect(content?.schema).toBeDefined();
      expect(Object.keys(content?.examples ?? {}).length).toBeGreaterThan(0);
    }
    expect(statuses.some((s) => s.startsWith('4'))).toBe(true);
  });

  test('puts the E.164 pattern on the fields the vendor documents as E.164', () => {
    const e164 = [...properties(spec)]
      .filter(([, schema]) => schema.pattern === E164_PATTERN)
      .map(([path]) => path.replace(/^#\/components\/schemas\/|\/properties/g, '').replaceAll('/', '.'));
    expect(e164.sort()).toEqual([...expected.e164Fields].sort());
  });

  test('marks exactly the secret fields with x-secret, never with format: password', () => {
    const props = [...properties(spec)];
    expect(props.filter(([, schema]) => schema.format === 'password')).toEqual([]);
    const secret = props.filter(([, schema]) => schema['x-secret'] === true).map(([path]) => path.split('/').at(-1));
    expect([...new Set(secret)].sort()).toEqual(expected.secretFields);
  });

  test("marks the constraints taken only from the vendor's prose with x-source: prose, and says which", () => {
    const marked = [...carrying(spec, 'x-source')];
    for (const [path, schema] of marked) {
      expect(schema['x-source'], path).toBe('prose');
      expect(schema.description, path).toMatch(/prose/);
    }
    const names = marked.map(([path]) => path.replace(/^#\/components\/schemas\/|\/properties/g, '').replaceAll('/', '.'));
    expect(names.sort()).toEqual([...expected.proseConstraints].sort());
  });
});
