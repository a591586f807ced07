/**
 * Type-level tests of `vendorOptions`, run by vitest's typecheck mode (nothing here executes): each
 * vendor's type is its provider's pick list, the list its run-time check reads, over the spec's
 * generated schema types. Code that must not compile sits in functions that are never run.
 */
import { createPhoneNumbers, type VendorOptions } from '@switchboard/phone-numbers';
import type { PickedVendorOptions, VendorOptionPicks } from '@switchboard/provider';
import type { components as RetellComponents } from '@switchboard/retell';
import type { components as VapiComponents } from '@switchboard/vapi';
import type { components as VocodeComponents } from '@switchboard/vocode';
import type { components as VogentComponents } from '@switchboard/vogent';
import { describe, expectTypeOf, test } from 'vitest';

type Vapi = VapiComponents['schemas'];
type Vocode = VocodeComponents['schemas'];
type Retell = RetellComponents['schemas'];
type Vogent = VogentComponents['schemas'];
const never = (_: () => unknown) => undefined;

describe("each vendor's VendorOptions come from its pick list", () => {
  // The types each vendor package wrote out by hand before they were derived from the list.
  test('the same types as the hand-written ones they replace', () => {
    expectTypeOf<VendorOptions['vapi']>().toEqualTypeOf<
      Partial<Pick<Vapi['CreateVapiPhoneNumber'], 'name' | 'assistantId' | 'workflowId' | 'squadId' | 'server' | 'fallbackDestination' | 'hooks'>> &
        Partial<Pick<Vapi['CreateTwilioPhoneNumber'], 'smsEnabled'>> &
        Partial<Pick<Vapi['CreateByoPhoneNumber'], 'numberE164CheckEnabled'>>
    >();
    expectTypeOf<VendorOptions['vocode']>().toEqualTypeOf<
      Partial<Pick<Vocode['BuyPhoneNumberRequest'], 'telephony_provider' | 'telephony_account_connection' | 'inbound_agent'>> &
        Partial<Pick<Vocode['LinkPhoneNumberRequest'], 'outbound_only'>>
    >();
    expectTypeOf<VendorOptions['retell']>().toEqualTypeOf<
      Partial<
        Pick<
          Retell['CreatePhoneNumberRequest'],
          | 'toll_free'
          | 'country_code'
          | 'number_provider'
          | 'nickname'
          | 'inbound_agents'
          | 'outbound_agents'
          | 'inbound_webhook_url'
          | 'allowed_inbound_country_list'
          | 'allowed_outbound_country_list'
          | 'transport'
          | 'fallback_number'
        >
      > &
        Partial<Pick<Retell['ImportPhoneNumberRequest'], 'ignore_e164_validation'>>
    >();
    expectTypeOf<VendorOptions['vogent']>().toEqualTypeOf<Record<string, never>>();
  });

  test("a key that is not in the vendor's list does not compile", () => {
    const vapi = createPhoneNumbers({ vendor: 'vapi', apiKey: 'test-key' });
    const vogent = createPhoneNumbers({ vendor: 'vogent', apiKey: 'test-key' });
    never(() => vapi.create({ type: 'purchase' }, { vendorOptions: { vapi: { squadId: 'squad_1', smsEnabled: true } } }));
    never(() =>
      // @ts-expect-error numberDesiredAreaCode is in Vapi's create schema, but not in its pick list (it is the neutral areaCode)
      vapi.create({ type: 'purchase' }, { vendorOptions: { vapi: { numberDesiredAreaCode: '415' } } }),
    );
    never(() =>
      // @ts-expect-error Vogent's list is empty
      vogent.create({ type: 'purchase', number: '+14155550123' }, { vendorOptions: { vogent: { label: 'x' } } }),
    );
  });
});

describe('PickedVendorOptions, the type of a pick list', () => {
  type One = PickedVendorOptions<Vapi, { CreateVapiPhoneNumber: ['name'] }>;
  type Two = PickedVendorOptions<Vapi, { CreateVapiPhoneNumber: ['name', 'squadId'] }>;

  test('a key added to the list is added to the type, optional and typed as in its schema', () => {
    expectTypeOf<keyof One>().toEqualTypeOf<'name'>();
    expectTypeOf<keyof Two>().toEqualTypeOf<'name' | 'squadId'>();
    expectTypeOf<Two>().toEqualTypeOf<Partial<Pick<Vapi['CreateVapiPhoneNumber'], 'name' | 'squadId'>>>();
  });

  test('keys picked from several schemas make one type', () => {
    type Both = PickedVendorOptions<Vapi, { CreateVapiPhoneNumber: ['name']; CreateTwilioPhoneNumber: ['smsEnabled'] }>;
    expectTypeOf<Both>().toEqualTypeOf<Partial<Pick<Vapi['CreateVapiPhoneNumber'], 'name'>> & Partial<Pick<Vapi['CreateTwilioPhoneNumber'], 'smsEnabled'>>>();
    expectTypeOf<Both>().toExtend<One>();
  });

  test('a list of nothing takes nothing', () => {
    expectTypeOf<PickedVendorOptions<Vogent, Record<never, never>>>().toEqualTypeOf<Record<string, never>>();
  });

  test('a key the list lacks does not compile', () => {
    const listed: One = { name: 'Front desk' };
    // @ts-expect-error squadId is not in the list
    const unlisted: One = { name: 'Front desk', squadId: 'squad_1' };
    never(() => [listed, unlisted]);
  });

  test('a list naming a schema or property the spec lacks does not compile', () => {
    never(() => ({ CreateVapiPhoneNumber: ['name', 'assistantId'] }) as const satisfies VendorOptionPicks<Vapi>);
    // @ts-expect-error assistantID: the spec's property is assistantId
    never(() => ({ CreateVapiPhoneNumber: ['name', 'assistantID'] }) as const satisfies VendorOptionPicks<Vapi>);
    // @ts-expect-error the spec has no schema CreatePhoneNumber
    never(() => ({ CreatePhoneNumber: ['name'] }) as const satisfies VendorOptionPicks<Vapi>);
  });
});
