import { describeCapabilities } from './capabilities.js';
import { describeFaults } from './faults.js';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { describePaging } from './paging.js';
import { describeRedaction } from './redaction.js';
import { describeValidation } from './validation.js';

export type {
  ConformanceClientOptions,
  ConformanceNumber,
  ConformanceProvider,
  CreateCall,
  ProviderCall,
  ProviderFixture,
  SpecExpectations,
  ValidationCase,
} from './fixture.js';

/**
 * The provider conformance suite: what every vendor's provider must do behind the facade, run by
 * the vendor package on itself (`runProviderConformance(fixture)` in its own test file), against
 * the Prism mock of its spec behind the fault server and against loopback pagers.
 */
export function runProviderConformance<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  describeCapabilities(fixture);
  describeValidation(fixture);
  describePaging(fixture);
  describeFaults(fixture);
  describeRedaction(fixture);
}
