import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The global setup's tests run vitest over a fixture project of their own: no shared mocks here.
export default mergeConfig(shared, defineProject({}));
