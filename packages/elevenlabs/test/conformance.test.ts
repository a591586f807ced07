import { runProviderConformance } from '@switchboard/testing/conformance';
import { elevenLabsFixture } from './fixture.js';

runProviderConformance(elevenLabsFixture);
