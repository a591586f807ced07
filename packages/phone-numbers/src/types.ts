import type { ClientOptions } from '@switchboard/core';
import type { components as VapiComponents } from '@switchboard/vapi';
import type { components as VocodeComponents } from '@switchboard/vocode';
import type { components as VogentComponents } from '@switchboard/vogent';

export type VendorName = 'vapi' | 'vocode' | 'vogent';

/** Each vendor's own phone-number object, typed from its spec. */
export interface RawPhoneNumbers {
  vapi: VapiComponents['schemas']['PhoneNumber'];
  vocode: VocodeComponents['schemas']['PhoneNumber'];
  vogent: VogentComponents['schemas']['PhoneNumber'];
}

/** A phone number, whichever vendor holds it. */
export interface PhoneNumberOf<V extends VendorName> {
  vendor: V;
  /** What the vendor addresses the number by (for Vocode: the E.164 number itself). */
  id: string;
  /** E.164 for PSTN numbers; the SIP identity (username or URI) otherwise. */
  number: string;
  kind: 'pstn' | 'sip';
  agentId: string | null;
  name: string | null;
  createdAt: string | null;
  /** The vendor's own object, as it answered. */
  raw: RawPhoneNumbers[V];
}

/** A discriminated union over `vendor` when `V` is several vendors. */
export type PhoneNumber<V extends VendorName = VendorName> = V extends VendorName ? PhoneNumberOf<V> : never;

export interface ListOptions {
  /** Page size, 1–1000 (the vendor's default when left out). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListAllOptions {
  /** Page size used while walking every page. */
  pageSize?: number;
  /** Stop with a `PaginationError` after this many pages. Default 10 000. */
  maxPages?: number;
}

export interface PhoneNumberPage<V extends VendorName = VendorName> {
  items: PhoneNumber<V>[];
  nextCursor: string | null;
}

/** Every way a number can come into an account, across vendors; `capabilities.create` says which a vendor has. */
export type CreatePhoneNumberInput =
  /** Buy a number: Vogent needs `number` (from `searchAvailable`), Vocode and Vapi take `areaCode`. */
  | { type: 'purchase'; number?: string; areaCode?: string }
  /** Vogent: bring a number you own through your SIP trunk. */
  | { type: 'sip-import'; number: string; terminationUri: string; username: string; password: string }
  /** Vogent: a Vogent SIP username. */
  | { type: 'sip-username'; sipPrefix: string; username: string; password: string }
  /** Vapi: a free Vapi SIP number at `sipUri`, optionally with digest authentication. */
  | { type: 'sip-uri'; sipUri: string; username?: string; password?: string; realm?: string }
  /** Vapi: import a Twilio number (auth token, or API key and secret). */
  | { type: 'twilio-import'; number: string; twilioAccountSid: string; twilioAuthToken?: string; twilioApiKey?: string; twilioApiSecret?: string }
  /** Vapi: import a Vonage number through a stored credential. */
  | { type: 'vonage-import'; number: string; credentialId: string }
  /** Vapi: import a Telnyx number through a stored credential. */
  | { type: 'telnyx-import'; number: string; credentialId: string }
  /** Vapi: bring your own number through a SIP trunk credential. */
  | { type: 'byo-import'; credentialId: string; number?: string }
  /** Vocode: link a number held in your own Twilio/Vonage account. */
  | { type: 'link'; number: string; telephonyAccountConnection: string };

export type CreateType = CreatePhoneNumberInput['type'];

export interface UpdatePhoneNumberInput {
  /** Link an agent (Vapi: assistant); `null` unlinks. */
  agentId?: string | null;
  /** Rename; `null` clears the name. */
  name?: string | null;
}

export interface SearchAvailableQuery {
  /** Digits the number starts with, without country code (`areaCode` is the same for North America). */
  prefix?: string;
  areaCode?: string;
  /** ISO 3166 alpha-2, default US. */
  country?: string;
  limit?: number;
}

export interface AvailableNumber {
  vendor: VendorName;
  number: string;
}

/** What a vendor supports: the facade's methods and create types, as booleans. */
export interface Capabilities {
  list: boolean;
  get: boolean;
  update: boolean;
  release: boolean;
  searchAvailable: boolean;
  create: Record<CreateType, boolean>;
}

type VapiCreateCommon = VapiComponents['schemas']['CreateVapiPhoneNumber'];

/** Fields only one vendor has, passed through on create (keyed by vendor, like the AI SDK's providerOptions). */
export interface VendorOptions {
  vapi: Partial<Pick<VapiCreateCommon, 'name' | 'assistantId' | 'workflowId' | 'squadId' | 'server' | 'fallbackDestination' | 'hooks'>> &
    Partial<Pick<VapiComponents['schemas']['CreateTwilioPhoneNumber'], 'smsEnabled'>> &
    Partial<Pick<VapiComponents['schemas']['CreateByoPhoneNumber'], 'numberE164CheckEnabled'>>;
  vocode: Partial<Pick<VocodeComponents['schemas']['BuyPhoneNumberRequest'], 'telephony_provider' | 'telephony_account_connection' | 'inbound_agent'>> &
    Partial<Pick<VocodeComponents['schemas']['LinkPhoneNumberRequest'], 'outbound_only'>>;
  vogent: Record<string, never>;
}

export interface CreateOptions {
  vendorOptions?: { [V in VendorName]?: VendorOptions[V] };
}

export interface PhoneNumbersOptions<V extends VendorName> extends ClientOptions {
  vendor: V;
}
