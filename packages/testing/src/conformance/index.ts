import { describeCapabilities } from './capabilities.js';
import { describeDeclaredErrors } from './declared-errors.js';
import { describeFaults } from './faults.js';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { describeLinking } from './linking.js';
import { describePaging } from './paging.js';
import { describeRedaction } from './redaction.js';
import { describeValidation } from './validation.js';

export type {
  AnyConformanceProvider,
  AnyProviderFixture,
  ConformanceClientOptions,
  ConformanceNumber,
  ConformanceProvider,
  CreateCase,
  CreateInputOf,
  ProviderCall,
  ProviderFixture,
  SpecExpectations,
  ValidationCase,
  VendorOptionsOf,
} from './fixture.js';
export { createType, sendCreate } from './harness.js';
export { loadFixture, loadFixtures } from './load.js';

/**
 * The provider conformance suite: what every vendor's provider must do behind the facade, run by
 * the vendor package on itself (`runProviderConformance(fixture)` in its own test file), against
 * the Prism mock of its spec behind the fault server and against loopback pagers.
 */
export function runProviderConformance<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  describeCapabilities(fixture);
  describeValidation(fixture);
  describePaging(fixture);
  describeLinking(fixture);
  describeDeclaredErrors(fixture);
  describeFaults(fixture);
  describeRedaction(fixture);
}
