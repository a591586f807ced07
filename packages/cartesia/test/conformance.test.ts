import { runProviderConformance } from '@switchboard/testing/conformance';
import { cartesiaFixture } from './fixture.js';

runProviderConformance(cartesiaFixture);
