import type { AnyProviderFixture } from './fixture.js';

const PACKAGES = new URL('../../../', import.meta.url);

/**
 * A vendor's conformance fixture, as its package exports it from `packages/<vendor>/test/fixture.ts`
 * (the export whose definition names the vendor). The neutral packages' tests read every vendor's
 * this way, so that a new vendor brings its own cases along.
 */
export async function loadFixture(vendor: string): Promise<AnyProviderFixture> {
  const module: Record<string, unknown> = await import(new URL(`${vendor}/test/fixture.ts`, PACKAGES).href);
  const fixture = Object.values(module).find((value) => (value as AnyProviderFixture | undefined)?.definition?.vendor === vendor);
  if (fixture === undefined) throw new Error(`packages/${vendor}/test/fixture.ts exports no conformance fixture of ${vendor}`);
  return fixture as AnyProviderFixture;
}

/** The fixtures of `vendors`, by vendor. */
export async function loadFixtures<V extends string>(vendors: readonly V[]): Promise<Record<V, AnyProviderFixture>> {
  return Object.fromEntries(await Promise.all(vendors.map(async (vendor) => [vendor, await loadFixture(vendor)] as const))) as Record<V, AnyProviderFixture>;
}
