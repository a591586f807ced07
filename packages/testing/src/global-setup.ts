import { startMocks } from '@switchboard/mocks';
import type { TestProject } from 'vitest/node';

/** vitest globalSetup: one Prism mock per spec, started in parallel, stopped after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mocks = await startMocks();
  project.provide('prismUrls', mocks.urls);
  return mocks.stop;
}
