import { startMocks } from '@switchboard/mocks';
import type { TestProject } from 'vitest/node';
import { specPath, VENDORS } from './vendors.js';

/**
 * vitest globalSetup of the projects that talk to Prism: one mock per spec the project needs,
 * started in parallel and stopped after the run. A vendor's own package (`@switchboard/<vendor>`)
 * needs its spec only; any other project gets every spec.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const own = /^@switchboard\/(.+)$/.exec(project.name)?.[1];
  const vendors = own !== undefined && VENDORS.includes(own) ? [own] : VENDORS;
  // Warmed up: the first request of each operation then takes milliseconds, not seconds, so
  // timeouts in tests measure the code under test rather than Prism compiling a large spec.
  const mocks = await startMocks(vendors, { specFor: specPath, warmUp: true });
  project.provide('prismUrls', mocks.urls);
  return mocks.stop;
}
