import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { specPath } from '../vendors.js';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { API_KEY, createType } from './harness.js';

/** The property names a spec marks `x-secret: true`, found by walking the whole document. */
function specSecretFields(vendor: string): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'properties' && child && typeof child === 'object') {
        for (const [name, schema] of Object.entries(child)) if ((schema as Record<string, unknown>)?.['x-secret'] === true) found.add(name);
      }
      walk(child);
    }
  };
  walk(parse(readFileSync(specPath(vendor), 'utf8')));
  return [...found].sort();
}

/** What the provider declares it can do matches what the fixture says it refuses, and what it implements. */
export function describeCapabilities<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor, capabilities } = fixture.definition;
  const provider = fixture.definition.createProvider({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' });

  describe(`${vendor}: capabilities`, () => {
    test('the provider is the one its declaration describes', () => {
      expect(provider.vendor).toBe(vendor);
      expect(provider.capabilities).toEqual(capabilities);
    });

    test('the create types it refuses are exactly the fixture’s, and every other one is exercised by a create', () => {
      const refused = Object.keys(capabilities.create).filter((type) => !capabilities.create[type]);
      expect(refused.sort()).toEqual([...fixture.refuses.createTypes].sort());
      const supported = Object.keys(capabilities.create).filter((type) => capabilities.create[type]);
      expect([...new Set(fixture.creates.map((create) => createType(create)))].sort()).toEqual(supported.sort());
    });

    test('the operations it refuses are exactly the fixture’s; searchAvailable is implemented where it is claimed', () => {
      const operations = ['list', 'get', 'update', 'release', 'searchAvailable'] as const;
      expect(operations.filter((operation) => !capabilities[operation])).toEqual([...fixture.refuses.operations]);
      expect(typeof provider.searchAvailable === 'function').toBe(capabilities.searchAvailable);
    });

    test('it redacts every field its spec marks x-secret', () => {
      expect([...(provider.secretFields ?? [])].sort()).toEqual(specSecretFields(vendor));
    });
  });
}
