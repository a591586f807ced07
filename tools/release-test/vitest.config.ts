import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// A publish and npm installs take tens of seconds, minutes on a loaded machine: generous limits
// for every test and hook (nothing here is timed).
export default mergeConfig(shared, defineProject({ test: { testTimeout: 120_000, hookTimeout: 300_000 } }));
