import { defineConfig } from 'vitest/config';

/**
 * What every test project shares. Tests import workspace packages by name; the
 * `@switchboard/source` export condition resolves them to `src`, so a test never runs against a
 * stale build. vitest loads global setups through its own `__vitest__` environment, which needs
 * the condition too.
 */
const conditions = ['@switchboard/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  environments: { __vitest__: { resolve: { conditions } } },
});

/** The global setup of the projects that talk to Prism mocks of the specs. */
export const PRISM_SETUP = new URL('./packages/testing/src/global-setup.ts', import.meta.url).pathname;
