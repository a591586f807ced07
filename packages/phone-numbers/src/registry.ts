import { cartesiaProvider } from '@switchboard/cartesia';
import { elevenLabsProvider } from '@switchboard/elevenlabs';
import type { PhoneNumber as NeutralPhoneNumber, ProviderCapabilities, ProviderDefinition, ProviderRaw, ProviderVendorOptions } from '@switchboard/provider';
import { retellProvider } from '@switchboard/retell';
import { vapiProvider } from '@switchboard/vapi';
import { vocodeProvider } from '@switchboard/vocode';
import { vogentProvider } from '@switchboard/vogent';

/**
 * The vendors this package ships: the one list of vendors in the repo. The CLI, the docs and the
 * tests read it (or the providers it names); adding a vendor is one line here.
 */
const DEFINITIONS = [
  vapiProvider,
  vocodeProvider,
  vogentProvider,
  retellProvider,
  cartesiaProvider,
  elevenLabsProvider,
] as const satisfies readonly ProviderDefinition[];

type Definitions = (typeof DEFINITIONS)[number];
export type VendorName = Definitions['vendor'];
/** The provider each vendor name builds. */
export type Providers = { [V in VendorName]: ReturnType<Extract<Definitions, { vendor: V }>['createProvider']> };

export const PROVIDERS = Object.fromEntries(DEFINITIONS.map((definition) => [definition.vendor, definition])) as unknown as {
  readonly [V in VendorName]: ProviderDefinition<Providers[V]>;
};
export const VENDOR_NAMES: readonly VendorName[] = DEFINITIONS.map((definition) => definition.vendor);

/** Each vendor's capabilities, as literal types: the compiler knows what a vendor lacks. */
export type VendorCapabilities = { [V in VendorName]: ProviderCapabilities<Providers[V]> };
/** What each vendor supports, without building a provider (the same object as `numbers.capabilities`). */
export const VENDOR_CAPABILITIES = Object.fromEntries(DEFINITIONS.map((definition) => [definition.vendor, definition.capabilities])) as VendorCapabilities;

/** Each vendor's own phone-number object, typed from its spec. */
export type RawPhoneNumbers = { [V in VendorName]: ProviderRaw<Providers[V]> };
/** Fields only one vendor has, passed through on create (keyed by vendor, like the AI SDK's providerOptions). */
export type VendorOptions = { [V in VendorName]: ProviderVendorOptions<Providers[V]> };

/** @deprecated Use `PhoneNumber<V>`, the same type for one vendor (and for several, a union discriminated by `vendor`). */
export type PhoneNumberOf<V extends VendorName> = NeutralPhoneNumber<V, RawPhoneNumbers[V]>;
