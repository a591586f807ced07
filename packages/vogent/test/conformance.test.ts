import { runProviderConformance } from '@switchboard/testing/conformance';
import { vogentFixture } from './fixture.js';

runProviderConformance(vogentFixture);
