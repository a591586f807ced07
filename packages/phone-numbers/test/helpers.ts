import {
  type AnyPhoneNumberProvider,
  type CreateType,
  createPhoneNumbers,
  createProviderPhoneNumbers,
  type PhoneNumbers,
  PROVIDERS,
  type ProviderPhoneNumbers,
  revealEchoedSecrets,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { FACADE_TEST_KEY, facadeOptions, type Recorder, recorder, prismUrl as testingPrismUrl } from '@switchboard/testing';
import { type AnyProviderFixture, loadFixtures } from '@switchboard/testing/conformance';

export { pathPattern, type Recorder, recorder, type SeenRequest, specExample } from '@switchboard/testing';

/** The key of every facade client the tests here build. */
export const API_KEY = FACADE_TEST_KEY;

/** A well-formed input of each create type, as far as the facade's own rules go. */
export const VALID_CREATE_INPUTS: Record<CreateType, Record<string, unknown>> = {
  purchase: { type: 'purchase' },
  'sip-import': { type: 'sip-import', number: '+14155550142', terminationUri: 'trunk.example.com', username: 'user1', password: 'pass1' },
  'sip-username': { type: 'sip-username', sipPrefix: 'support', username: 'user1', password: 'pass1' },
  'sip-uri': { type: 'sip-uri', sipUri: 'sip:support@sip.example.com' },
  'twilio-import': { type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123', twilioAuthToken: 'token-0123' },
  'vonage-import': { type: 'vonage-import', number: '+14155550161', credentialId: 'c' },
  'telnyx-import': { type: 'telnyx-import', number: '+14155550188', credentialId: 'c' },
  'byo-import': { type: 'byo-import', credentialId: 'c' },
  link: { type: 'link', number: '+14155550142', telephonyAccountConnection: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8' },
};

/**
 * Every vendor of the registry's conformance fixture (`packages/<vendor>/test/fixture.ts`): what
 * the tests here check of each vendor comes from there, so a new vendor brings its own cases.
 */
export const FIXTURES: Record<VendorName, AnyProviderFixture> = await loadFixtures(VENDOR_NAMES);

/** How each vendor addresses a number (its provider's `idRule`), without a request. */
export const ID_RULES = Object.fromEntries(
  VENDOR_NAMES.map((vendor) => [vendor, PROVIDERS[vendor].createProvider({ apiKey: API_KEY }).idRule] as const),
) as Record<VendorName, 'opaque' | 'e164'>;

/** Whether each vendor's provider looks a number up directly (`findByNumber`) rather than the facade walking its listing. */
export const LOOKS_UP = Object.fromEntries(
  VENDOR_NAMES.map((vendor) => [vendor, PROVIDERS[vendor].createProvider({ apiKey: API_KEY }).findByNumber !== undefined] as const),
) as Record<VendorName, boolean>;

export function prismUrl(vendor: VendorName): string {
  return testingPrismUrl(vendor);
}

/** A facade client on the vendor's Prism mock, every request seen by `rec`. */
export function onPrism<V extends VendorName>(vendor: V, rec: Recorder = recorder()): PhoneNumbers<V> {
  return createPhoneNumbers<V>(facadeOptions(vendor, { rec }));
}

/** The facade over any provider object (a fake's, say). */
export function facadeOf<P extends AnyPhoneNumberProvider>(provider: P): ProviderPhoneNumbers<P> {
  return createProviderPhoneNumbers(provider);
}

/** A fixture's create, through the facade: its vendor options under the vendor's name. */
export function createThrough(numbers: PhoneNumbers, vendor: VendorName, create: AnyProviderFixture['creates'][number], options: object = {}) {
  const vendorOptions = create.vendorOptions === undefined ? {} : { vendorOptions: { [vendor]: create.vendorOptions } };
  return numbers.create(create.input as never, { ...vendorOptions, ...options });
}

/** The requests a fixture's create sends, in order: the create, once, then the read-back of a vendor that answers with an id alone. */
export function requestsOf(create: AnyProviderFixture['creates'][number]): string[] {
  return create.readBack === undefined ? [create.key] : [create.key, create.readBack];
}

/** Every item of an async iterable, failing instead of looping when there are more than `max`. */
export async function collect<T>(iterable: AsyncIterable<T>, max = 1_000): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length > max) throw new Error(`more than ${max} items: the listing does not end`);
  }
  return items;
}

/** Items yielded before the iterable failed, and the failure (undefined if it ended normally). */
export async function collectUntilError<T>(iterable: AsyncIterable<T>, max = 1_000): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) {
      items.push(item);
      if (items.length > max) return { items, error: new Error(`more than ${max} items: the listing does not end`) };
    }
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

/** Call `fn` and return what it threw (synchronously or as a rejection); fail if it did not throw. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call succeeded');
}

/** A returned number with `raw` as the vendor sent it (echoed secrets included): what the spec's example holds. */
export function asSent<N extends { raw: unknown }>(number: N): N {
  return { ...number, raw: revealEchoedSecrets(number) };
}
