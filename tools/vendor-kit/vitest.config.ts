import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The proof installs, generates, type-checks and tests a copy of the repository: minutes on a
// loaded machine. Generous limits (nothing here is timed).
export default mergeConfig(shared, defineProject({ test: { testTimeout: 900_000, hookTimeout: 900_000 } }));
