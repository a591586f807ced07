/**
 * Every vendor of the repository is the four things CONTRIBUTING.md names, and each of the four
 * knows every vendor: a spec (`specs/<vendor>/openapi.yaml`), a types package
 * (`packages/<vendor>-types`), a vendor package (`packages/<vendor>`, which exports its sandbox
 * descriptor and runs the conformance suite on its fixture) and one line of the registry
 * (`VENDOR_NAMES`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VENDOR_NAMES } from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { vendors } from '../../../scripts/vendors.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = (dir: string) =>
  JSON.parse(readFileSync(`${ROOT}${dir}/package.json`, 'utf8')) as { name: string; exports: Record<string, unknown>; dependencies?: Record<string, string> };

test('the registry lists exactly the vendors that have a spec', () => {
  expect([...VENDOR_NAMES].sort()).toEqual(vendors());
});

describe.each(vendors())('%s', (vendor) => {
  test('has a types package and a vendor package of its name, and the facade depends on the vendor package', () => {
    expect(manifest(`packages/${vendor}-types`).name).toBe(`@switchboard/${vendor}-types`);
    expect(manifest(`packages/${vendor}`).name).toBe(`@switchboard/${vendor}`);
    expect(manifest(`packages/${vendor}`).dependencies).toHaveProperty(`@switchboard/${vendor}-types`);
    expect(manifest('packages/phone-numbers').dependencies).toHaveProperty(`@switchboard/${vendor}`);
  });

  test('its package exports its sandbox descriptor (./sandbox), which the sandbox and the stateful test vendor read', () => {
    expect(manifest(`packages/${vendor}`).exports).toHaveProperty('./sandbox');
    expect(existsSync(`${ROOT}packages/${vendor}/src/sandbox.ts`)).toBe(true);
  });

  test('its package runs the conformance suite on its fixture', () => {
    expect(existsSync(`${ROOT}packages/${vendor}/test/fixture.ts`)).toBe(true);
    expect(readFileSync(`${ROOT}packages/${vendor}/test/conformance.test.ts`, 'utf8')).toMatch(/runProviderConformance\(\w+\)/);
  });
});
