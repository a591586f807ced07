import { type Recorder, recorder } from './recorder.js';
import { prismUrl } from './vendors.js';

/** A vendor's facade (`PhoneNumbers` of `@switchboard/phone-numbers`) as plain JavaScript callers see it: every argument `unknown`. */
export interface LooseFacade {
  get(id: unknown): Promise<unknown>;
  create(input: unknown, options?: unknown): Promise<unknown>;
  update(id: unknown, changes: unknown): Promise<unknown>;
  release(id: unknown): Promise<unknown>;
  searchAvailable(query: unknown): Promise<unknown>;
  find(number: unknown): Promise<unknown>;
}

/** The options of `createPhoneNumbers` that `facadeOptions` sets (this package cannot depend on the facade). */
export interface FacadeOptions<V extends string> {
  vendor: V;
  apiKey: string;
  baseUrl: string;
  maxRetries: number;
  fetch: Recorder['fetch'];
}

/** The API key `facadeOptions` gives a client unless told another. */
export const FACADE_TEST_KEY = 'sk-test-0f3a9c1e7b2d4e68';

/**
 * How a test that goes over every vendor builds each one's facade client,
 * `createPhoneNumbers(facadeOptions(vendor))`: on the vendor's mock (the Prism mock of its spec,
 * unless `baseUrl` names another, a sandbox's say), without retries, every request seen by `rec`.
 */
export function facadeOptions<V extends string>(
  vendor: V,
  { apiKey = FACADE_TEST_KEY, baseUrl = prismUrl(vendor), rec = recorder() }: { apiKey?: string; baseUrl?: string; rec?: Recorder } = {},
): FacadeOptions<V> {
  return { vendor, apiKey, baseUrl, maxRetries: 0, fetch: rec.fetch };
}
