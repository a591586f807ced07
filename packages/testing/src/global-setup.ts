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
  const mocks = await startMocks(vendors, specPath);
  project.provide('prismUrls', mocks.urls);
  return mocks.stop;
}
