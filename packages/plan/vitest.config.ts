import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Loopback servers only: no Prism.
export default mergeConfig(shared, defineProject({}));
