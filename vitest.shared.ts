import { availableParallelism } from 'node:os';
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
  test: {
    // vitest's default is one worker fewer than the cores, which on a 2-core machine runs the files
    // one at a time while the main process mostly waits.
    maxWorkers: availableParallelism(),
    // A hang guard, not a speed check: a test that spawns a CLI, Prism or a linter waits seconds for
    // a core while two packages' files run side by side on a loaded machine, past vitest's 5 s default.
    testTimeout: 30_000,
    // A package's run (its `test` script, turbo's `test` task) leaves its counts in a JSON report:
    // turbo caches it as the task's output and scripts/test.mjs totals them.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});

/** The global setup of the projects that talk to Prism mocks of the specs. */
export const PRISM_SETUP = new URL('./packages/testing/src/global-setup.ts', import.meta.url).pathname;
