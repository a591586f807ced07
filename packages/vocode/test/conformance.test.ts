import { runProviderConformance } from '@switchboard/testing/conformance';
import { vocodeFixture } from './fixture.js';

runProviderConformance(vocodeFixture);
