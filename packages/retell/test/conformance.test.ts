import { runProviderConformance } from '@switchboard/testing/conformance';
import { retellFixture } from './fixture.js';

runProviderConformance(retellFixture);
