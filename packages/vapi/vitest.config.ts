import { defineProject, mergeConfig } from 'vitest/config';
import shared, { PRISM_SETUP } from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineProject({
    // Type-level tests (`*.test-d.ts`) are compiled, not run.
    test: { globalSetup: [PRISM_SETUP], typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] } },
  }),
);
