/**
 * Type-level tests, run by vitest's typecheck mode (nothing here executes): `expectTypeOf` and
 * `// @ts-expect-error` are checked by the compiler, and an unused `@ts-expect-error` is itself
 * an error. Calls that must not compile sit in functions that are never run.
 */
import {
  type AvailableNumber,
  type CreateInputOf,
  type CreatePhoneNumberInput,
  type CreateType,
  type CreateTypeOf,
  createPhoneNumbers,
  createSwitchboard,
  type PhoneNumber,
  type PhoneNumberOf,
  type PhoneNumberPage,
  type PhoneNumbers,
  type ProviderPhoneNumber,
  type ProviderPhoneNumberPage,
  type Providers,
  type Switchboard,
  type VendorName,
} from '@switchboard/phone-numbers';
import type { PhoneNumber as NeutralPhoneNumber, PhoneNumberPage as NeutralPhoneNumberPage, PhoneNumberPageOf, PhoneNumberRecord } from '@switchboard/provider';
import type { components as RetellComponents } from '@switchboard/retell';
import type { components as VapiComponents } from '@switchboard/vapi';
import type { components as VocodeComponents } from '@switchboard/vocode';
import type { components as VogentComponents } from '@switchboard/vogent';
import { describe, expectTypeOf, test } from 'vitest';

const client = { apiKey: 'test-key', baseUrl: 'http://127.0.0.1:9' };
const vapi = createPhoneNumbers({ vendor: 'vapi', ...client });
const vocode = createPhoneNumbers({ vendor: 'vocode', ...client });
const vogent = createPhoneNumbers({ vendor: 'vogent', ...client });
const retell = createPhoneNumbers({ vendor: 'retell', ...client });
const never = (_: () => unknown) => undefined;

const sipImport = { type: 'sip-import', number: '+14155550142', terminationUri: 'trunk.example.com', username: 'user1', password: 'pass1' } as const;
const link = { type: 'link', number: '+14155550142', telephonyAccountConnection: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8' } as const;

describe('createPhoneNumbers is typed by its literal vendor', () => {
  test('the client and its results carry the vendor', () => {
    expectTypeOf(vapi).toEqualTypeOf<PhoneNumbers<'vapi'>>();
    expectTypeOf(vapi.vendor).toEqualTypeOf<'vapi'>();
    expectTypeOf(vocode.get).returns.resolves.toEqualTypeOf<PhoneNumber<'vocode'>>();
    expectTypeOf(vogent.list).returns.resolves.toEqualTypeOf<PhoneNumberPage<'vogent'>>();
    expectTypeOf(vogent.find).returns.resolves.toEqualTypeOf<PhoneNumber<'vogent'> | null>();
    expectTypeOf(vapi.listAll()).toEqualTypeOf<AsyncIterable<PhoneNumber<'vapi'>>>();
  });

  test('an unknown vendor does not compile', () => {
    never(() =>
      // @ts-expect-error 'twilio' is not a vendor
      createPhoneNumbers({ vendor: 'twilio', apiKey: 'k' }),
    );
    never(() =>
      // @ts-expect-error the API key is required
      createPhoneNumbers({ vendor: 'vapi' }),
    );
  });
});

describe('one name for a number and one for a page; the deprecated names are the same types', () => {
  type VapiRaw = VapiComponents['schemas']['PhoneNumber'];

  test('by vendor name, by provider type, and in the provider package', () => {
    expectTypeOf<ProviderPhoneNumber<Providers['vapi']>>().toEqualTypeOf<PhoneNumber<'vapi'>>();
    expectTypeOf<NeutralPhoneNumber<'vapi', VapiRaw>>().toEqualTypeOf<PhoneNumber<'vapi'>>();
    expectTypeOf<ProviderPhoneNumberPage<Providers['vogent']>>().toEqualTypeOf<PhoneNumberPage<'vogent'>>();
    expectTypeOf<NeutralPhoneNumberPage<'vapi', VapiRaw>>().toEqualTypeOf<PhoneNumberPage<'vapi'>>();
  });

  test('PhoneNumberOf, PhoneNumberRecord and PhoneNumberPageOf', () => {
    expectTypeOf<PhoneNumberOf<'vapi'>>().toEqualTypeOf<PhoneNumber<'vapi'>>();
    expectTypeOf<PhoneNumberRecord<'vapi', VapiRaw>>().toEqualTypeOf<NeutralPhoneNumber<'vapi', VapiRaw>>();
    expectTypeOf<PhoneNumberPageOf<PhoneNumber<'vogent'>>>().toEqualTypeOf<PhoneNumberPage<'vogent'>>();
  });
});

describe('listAll takes its call options last, and still in its options (deprecated)', () => {
  const signal = new AbortController().signal;

  test('both forms compile; its own options are not call options', () => {
    never(() => vapi.listAll({ pageSize: 10 }, { signal, timeoutMs: 1_000 }));
    never(() => vapi.listAll({ pageSize: 10, signal, timeoutMs: 1_000 }));
    never(() => createSwitchboard({ vapi: client }).listAll(undefined, { headers: { 'x-trace-id': 't' } }));
    never(() =>
      // @ts-expect-error pageSize belongs in the first argument
      vapi.listAll({}, { pageSize: 10 }),
    );
  });
});

describe('searchAvailable exists only where the vendor has it', () => {
  test('vapi, vocode and retell: calling it does not compile, and the type names the vendor and the method', () => {
    // `this` is the message the compiler quotes: "… is not assignable to method's 'this' of type '<message>'".
    expectTypeOf(vapi.searchAvailable).thisParameter.toEqualTypeOf<'vapi has no searchAvailable: see capabilities'>();
    expectTypeOf(vocode.searchAvailable).thisParameter.toEqualTypeOf<'vocode has no searchAvailable: see capabilities'>();
    expectTypeOf(retell.searchAvailable).thisParameter.toEqualTypeOf<'retell has no searchAvailable: see capabilities'>();
    expectTypeOf(vapi.searchAvailable).returns.toBeNever();
    never(() =>
      // @ts-expect-error Retell has no number search
      retell.searchAvailable({ areaCode: '415' }),
    );
    never(() =>
      // @ts-expect-error Vapi has no number search
      vapi.searchAvailable({ prefix: '415' }),
    );
    never(() =>
      // @ts-expect-error Vocode has no number search
      vocode.searchAvailable({ areaCode: '415' }),
    );
  });

  test('vogent: callable, resolving to available numbers', () => {
    expectTypeOf(vogent.searchAvailable).toBeFunction();
    expectTypeOf(vogent.searchAvailable).returns.resolves.toEqualTypeOf<AvailableNumber[]>();
    never(() => vogent.searchAvailable({ prefix: '415', country: 'US', limit: 5 }));
    never(() =>
      // @ts-expect-error not a search field
      vogent.searchAvailable({ prefix: '415', type: 'local' }),
    );
  });
});

describe('a client of one vendor is a client of several', () => {
  test('PhoneNumbers<V> and Switchboard<V> fit the wider types, whatever V lacks', () => {
    expectTypeOf(vapi).toExtend<PhoneNumbers>();
    expectTypeOf(vogent).toExtend<PhoneNumbers<'vapi' | 'vogent'>>();
    expectTypeOf<Switchboard<'vapi' | 'retell'>>().toExtend<Switchboard>();
    // The CLI builds its switchboard from a `SwitchboardOptions` value, typed `Switchboard<never>`.
    expectTypeOf<Switchboard<never>>().toExtend<Switchboard>();
  });
});

describe('capabilities are literal types', () => {
  test('searchAvailable is the literal false for vapi and vocode, true for vogent', () => {
    expectTypeOf(vapi.capabilities.searchAvailable).toEqualTypeOf<false>();
    expectTypeOf(vocode.capabilities.searchAvailable).toEqualTypeOf<false>();
    expectTypeOf(vogent.capabilities.searchAvailable).toEqualTypeOf<true>();
    expectTypeOf(retell.capabilities.searchAvailable).toEqualTypeOf<false>();
  });

  test('create capabilities are literal per type', () => {
    expectTypeOf(vapi.capabilities.create['sip-import']).toEqualTypeOf<false>();
    expectTypeOf(vapi.capabilities.create['twilio-import']).toEqualTypeOf<true>();
    expectTypeOf(vocode.capabilities.create.link).toEqualTypeOf<true>();
    expectTypeOf(vogent.capabilities.create.link).toEqualTypeOf<false>();
  });
});

describe('create takes only the types the vendor supports', () => {
  test('the create types of each vendor', () => {
    expectTypeOf<CreateTypeOf<'vapi'>>().toEqualTypeOf<'purchase' | 'sip-uri' | 'twilio-import' | 'vonage-import' | 'telnyx-import' | 'byo-import'>();
    expectTypeOf<CreateTypeOf<'vocode'>>().toEqualTypeOf<'purchase' | 'link'>();
    expectTypeOf<CreateTypeOf<'vogent'>>().toEqualTypeOf<'purchase' | 'sip-import' | 'sip-username'>();
    expectTypeOf<CreateTypeOf<'retell'>>().toEqualTypeOf<'purchase' | 'sip-import'>();
    expectTypeOf<CreateInputOf<'vocode'>>().toEqualTypeOf<Extract<CreatePhoneNumberInput, { type: 'purchase' | 'link' }>>();
  });

  test('sip-import does not compile on vapi or vocode, compiles on vogent', () => {
    never(() =>
      // @ts-expect-error Vapi cannot import through a SIP trunk
      vapi.create({ type: 'sip-import', number: '+14155550142', terminationUri: 'trunk.example.com', username: 'user1', password: 'pass1' }),
    );
    never(() =>
      // @ts-expect-error Vocode cannot import through a SIP trunk
      vocode.create(sipImport),
    );
    never(() => vogent.create(sipImport));
    never(() => retell.create(sipImport));
    never(() =>
      // @ts-expect-error Retell has no SIP usernames of its own
      retell.create({ type: 'sip-username', sipPrefix: 'p', username: 'user1', password: 'pass1' }),
    );
  });

  test('link compiles only on vocode', () => {
    never(() => vocode.create(link));
    never(() =>
      // @ts-expect-error Vapi has no link
      vapi.create(link),
    );
    never(() =>
      // @ts-expect-error Vogent has no link
      vogent.create({ type: 'link', number: '+14155550142', telephonyAccountConnection: 'c' }),
    );
  });

  test("each vendor's own create types compile", () => {
    never(() => vapi.create({ type: 'sip-uri', sipUri: 'sip:a@sip.vapi.ai' }));
    never(() => vapi.create({ type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0', twilioApiKey: 'SK0', twilioApiSecret: 's' }));
    never(() => vapi.create({ type: 'byo-import', credentialId: 'c' }));
    never(() => vogent.create({ type: 'sip-username', sipPrefix: 'p', username: 'user1', password: 'pass1' }));
    never(() =>
      // @ts-expect-error sip-username needs a password
      vogent.create({ type: 'sip-username', sipPrefix: 'p', username: 'user1' }),
    );
  });

  test('vendorOptions are typed per vendor', () => {
    never(() => vapi.create({ type: 'purchase', areaCode: '415' }, { vendorOptions: { vapi: { assistantId: 'a', name: 'Front desk' } } }));
    never(() => vocode.create(link, { vendorOptions: { vocode: { outbound_only: true } } }));
    never(() =>
      retell.create(
        { type: 'purchase', areaCode: '415' },
        {
          vendorOptions: {
            retell: { toll_free: false, number_provider: 'telnyx', inbound_agents: [{ agent_id: 'agent_1', agent_version: 'latest', weight: 1 }] },
          },
        },
      ),
    );
    never(() =>
      // @ts-expect-error Retell buys from twilio or telnyx only
      retell.create({ type: 'purchase' }, { vendorOptions: { retell: { number_provider: 'vonage' } } }),
    );
    never(() =>
      // @ts-expect-error not a Vapi option
      vapi.create({ type: 'purchase' }, { vendorOptions: { vapi: { assistantID: 'a' } } }),
    );
    never(() =>
      // @ts-expect-error outbound_only is a boolean
      vocode.create(link, { vendorOptions: { vocode: { outbound_only: 'yes' } } }),
    );
    never(() =>
      // @ts-expect-error not a vendor
      vapi.create({ type: 'purchase' }, { vendorOptions: { twilio: {} } }),
    );
  });
});

describe("raw is the vendor's own generated type", () => {
  test('PhoneNumber<V>["raw"]', () => {
    expectTypeOf<PhoneNumber<'vapi'>['raw']>().toEqualTypeOf<VapiComponents['schemas']['PhoneNumber']>();
    // Vocode answers a single number expanded, and lists numbers normalized (agent as its UUID).
    expectTypeOf<PhoneNumber<'vocode'>['raw']>().toEqualTypeOf<
      VocodeComponents['schemas']['PhoneNumber'] | VocodeComponents['schemas']['NormalizedPhoneNumber']
    >();
    expectTypeOf<PhoneNumber<'vogent'>['raw']>().toEqualTypeOf<VogentComponents['schemas']['PhoneNumber']>();
    expectTypeOf<PhoneNumber<'retell'>['raw']>().toEqualTypeOf<RetellComponents['schemas']['PhoneNumber']>();
  });

  test('PhoneNumber over several vendors is a union discriminated by vendor', () => {
    expectTypeOf<PhoneNumber>().toEqualTypeOf<{ [V in VendorName]: PhoneNumber<V> }[VendorName]>();
    const narrow = (number: PhoneNumber<'vapi' | 'vogent'>) => {
      if (number.vendor === 'vapi') expectTypeOf(number.raw).toEqualTypeOf<VapiComponents['schemas']['PhoneNumber']>();
      else expectTypeOf(number.raw).toEqualTypeOf<VogentComponents['schemas']['PhoneNumber']>();
    };
    expectTypeOf(narrow).toBeFunction();
    expectTypeOf<PhoneNumber<'vapi'>['kind']>().toEqualTypeOf<'pstn' | 'sip'>();
  });
});

describe('a client typed with the union vendor', () => {
  const vendor = 'vogent' as VendorName;
  const anyVendor = createPhoneNumbers({ vendor, ...client });

  test('accepts every create type and exposes searchAvailable', () => {
    expectTypeOf(anyVendor).toEqualTypeOf<PhoneNumbers<VendorName>>();
    expectTypeOf<CreateTypeOf<VendorName>>().toEqualTypeOf<CreateType>();
    expectTypeOf<CreateInputOf<VendorName>>().toEqualTypeOf<CreatePhoneNumberInput>();
    never(() => anyVendor.create(sipImport));
    never(() => anyVendor.create(link));
    never(() => anyVendor.create({ type: 'sip-uri', sipUri: 'sip:a@b' }));
    never(() => anyVendor.create({ type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0', twilioAuthToken: 't' }));
    never(() => anyVendor.searchAvailable({ prefix: '415' }));
    expectTypeOf(anyVendor.capabilities.searchAvailable).toEqualTypeOf<boolean>();
  });

  test('every create input is one of the known shapes', () => {
    never(() =>
      // @ts-expect-error an unknown create type
      anyVendor.create({ type: 'port-in', number: '+14155550142' }),
    );
  });
});

describe('createSwitchboard is typed by the vendors it is given', () => {
  const board = createSwitchboard({ vapi: client, vogent: client });

  test('vendors, for, listAll and find', () => {
    expectTypeOf(board).toEqualTypeOf<Switchboard<'vapi' | 'vogent'>>();
    expectTypeOf(board.vendors).toEqualTypeOf<readonly ('vapi' | 'vogent')[]>();
    expectTypeOf(board.for('vapi')).toEqualTypeOf<PhoneNumbers<'vapi'>>();
    expectTypeOf(board.for('vogent').searchAvailable).returns.resolves.toEqualTypeOf<AvailableNumber[]>();
    expectTypeOf(board.listAll()).toEqualTypeOf<AsyncIterable<PhoneNumber<'vapi' | 'vogent'>>>();
    expectTypeOf(board.find).returns.resolves.toEqualTypeOf<PhoneNumber<'vapi' | 'vogent'> | null>();
  });

  test('for on an unconfigured vendor does not compile', () => {
    never(() =>
      // @ts-expect-error Vocode was not configured
      board.for('vocode'),
    );
    never(() =>
      // @ts-expect-error not a vendor at all
      board.for('twilio'),
    );
  });

  test('an unknown vendor key does not compile', () => {
    never(() =>
      // @ts-expect-error 'twilio' is not a vendor
      createSwitchboard({ twilio: client }),
    );
  });

  test('a single-vendor board', () => {
    const one = createSwitchboard({ vocode: client });
    expectTypeOf(one.vendors).toEqualTypeOf<readonly 'vocode'[]>();
    never(() =>
      // @ts-expect-error only Vocode was configured
      one.for('vapi'),
    );
  });
});
