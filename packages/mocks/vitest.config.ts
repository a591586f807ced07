import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The sandbox starts its own Prism processes: no shared mocks.
export default mergeConfig(shared, defineProject({}));
