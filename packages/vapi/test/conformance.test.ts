import { runProviderConformance } from '@switchboard/testing/conformance';
import { vapiFixture } from './fixture.js';

runProviderConformance(vapiFixture);
