import { defineProject, mergeConfig } from 'vitest/config';
import shared, { PRISM_SETUP } from '../../vitest.shared.js';

export default mergeConfig(shared, defineProject({ test: { globalSetup: [PRISM_SETUP] } }));
