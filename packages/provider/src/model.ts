/**
 * A phone number, in the vendor-neutral model every provider maps its vendor's objects to. The
 * facade's `PhoneNumber<V>` is this with `Raw` filled in from vendor `V`'s spec.
 */
export interface PhoneNumber<Vendor extends string = string, Raw = unknown> {
  vendor: Vendor;
  /** What the vendor addresses the number by (its `idRule` says whether that is the E.164 number). */
  id: string;
  /**
   * E.164 for PSTN numbers; the SIP identity (username or URI) otherwise. `null` when the vendor's
   * object carries neither: a number still being provisioned, or a credential imported without one.
   */
  number: string | null;
  kind: 'pstn' | 'sip';
  /** Whether the number takes inbound calls, as far as the vendor says for this number; `null`: it does not say. */
  canReceiveCalls: boolean | null;
  /**
   * Whether the number can place outbound calls, as far as the vendor says for this number; `null`:
   * it does not say. Check for `false` before dialing out from a number: the vendor would refuse the call.
   */
  canPlaceCalls: boolean | null;
  agentId: string | null;
  name: string | null;
  createdAt: string | null;
  /** The vendor's own object, as it answered. */
  raw: Raw;
}

/** One page of a listing; pass `nextCursor` back for the next, null on the last. */
export interface PhoneNumberPage<Vendor extends string = string, Raw = unknown> {
  items: PhoneNumber<Vendor, Raw>[];
  nextCursor: string | null;
}

/** @deprecated Use `PhoneNumber`, the same type. */
export type PhoneNumberRecord<Vendor extends string = string, Raw = unknown> = PhoneNumber<Vendor, Raw>;

/** @deprecated Use `PhoneNumberPage<Vendor, Raw>`, or `ProviderPhoneNumberPage<P>` for a provider's page. */
export interface PhoneNumberPageOf<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** Every way a number can come into an account, across vendors; `capabilities.create` says which a vendor has. */
export type CreatePhoneNumberInput =
  /** Buy a number, by area code or (from `searchAvailable`) the exact number. */
  | { type: 'purchase'; number?: string; areaCode?: string }
  /** Bring a number you own through your SIP trunk. */
  | { type: 'sip-import'; number: string; terminationUri: string; username: string; password: string }
  /** A SIP username on the vendor's own SIP domain. */
  | { type: 'sip-username'; sipPrefix: string; username: string; password: string }
  /** A SIP number at `sipUri`, optionally with digest authentication. */
  | { type: 'sip-uri'; sipUri: string; username?: string; password?: string; realm?: string }
  /** Import a Twilio number (auth token, or API key and secret). */
  | { type: 'twilio-import'; number: string; twilioAccountSid: string; twilioAuthToken?: string; twilioApiKey?: string; twilioApiSecret?: string }
  /** Import a Vonage number through a stored credential. */
  | { type: 'vonage-import'; number: string; credentialId: string }
  /** Import a Telnyx number through a stored credential. */
  | { type: 'telnyx-import'; number: string; credentialId: string }
  /** Bring your own number through a SIP trunk credential. */
  | { type: 'byo-import'; credentialId: string; number?: string }
  /** Link a number held in your own telephony account. */
  | { type: 'link'; number: string; telephonyAccountConnection: string };

export type CreateType = CreatePhoneNumberInput['type'];

/** Every create type, in a stable order (the facade's validation table is keyed by the same). */
export const CREATE_TYPES = [
  'purchase',
  'sip-import',
  'sip-username',
  'sip-uri',
  'twilio-import',
  'vonage-import',
  'telnyx-import',
  'byo-import',
  'link',
] as const satisfies readonly CreateType[];

export interface UpdatePhoneNumberInput {
  /** Link an agent; `null` unlinks. */
  agentId?: string | null;
  /** Rename; `null` clears the name. */
  name?: string | null;
}

/** A search for numbers to buy, as a provider receives it: digits checked, country upper-cased. */
export interface AvailableNumberQuery {
  prefix: string;
  country?: string;
  limit?: number;
}

export interface AvailableNumber {
  vendor: string;
  number: string;
}

/** What a vendor supports: the facade's methods and create types, as booleans. */
export interface Capabilities {
  list: boolean;
  get: boolean;
  update: boolean;
  release: boolean;
  searchAvailable: boolean;
  /**
   * Whether the vendor's numbers have a name (`update`'s `name`); `false`: `name` is refused before
   * any request. Optional for providers written before it: absent means unknown, and the vendor decides.
   */
  names?: boolean;
  /** Whether an agent can be taken off a number (`update`'s `agentId: null`); `false`: refused before any request. Absent: unknown. */
  unlink?: boolean;
  create: Record<CreateType, boolean>;
}
