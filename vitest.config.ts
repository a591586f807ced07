import { defineConfig } from 'vitest/config';

// One run over every project: each package with tests has its own vitest.config.ts (also what its
// `test` script runs), and only the projects that need Prism start it.
export default defineConfig({
  test: {
    projects: ['specs/vitest.config.ts', 'packages/*/vitest.config.ts', 'bench/vitest.config.ts', 'tools/*/vitest.config.ts'],
  },
});
