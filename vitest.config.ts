import { defineConfig } from 'vitest/config';

// One vitest process for the whole repo: every workspace package is a project, and one set of
// Prism mocks (one per spec) serves them all.
export default defineConfig({
  test: {
    globalSetup: ['./packages/testing/src/global-setup.ts'],
    projects: ['specs', 'packages/*', 'bench'],
  },
});
