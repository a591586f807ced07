/**
 * Type-level tests of the Vapi client, run by vitest's typecheck mode (nothing here executes):
 * what the generated types accept and refuse.
 */
import { type components, createVapiClient } from '@switchboard/vapi';
import { describe, expectTypeOf, test } from 'vitest';

type Schemas = components['schemas'];
type Provider = Schemas['PhoneNumber']['provider'];

const client = createVapiClient({ apiKey: 'test-key' });
const id = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';
const credentialId = '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b';

describe('Vapi client types', () => {
  test('request bodies are exact per provider', () => {
    expectTypeOf<Schemas['UpdatePhoneNumberRequest']['provider']>().toEqualTypeOf<Provider>();
    // Bodies are exact: no variant takes another's fields, and updating a vapi number takes no area code.
    const wrongCreate = () =>
      // @ts-expect-error twilioAuthToken belongs to the twilio variant only
      client.POST('/phone-number', { body: { provider: 'telnyx', number: '+14155550188', credentialId, twilioAuthToken: 'x' } });
    const areaCodeUpdate = () =>
      // @ts-expect-error numberDesiredAreaCode is accepted only when creating a vapi number
      client.PATCH('/phone-number/{id}', { params: { path: { id } }, body: { provider: 'vapi', numberDesiredAreaCode: '415' } });
    const missingProvider = () =>
      // @ts-expect-error provider is required to pick the update variant
      client.PATCH('/phone-number/{id}', { params: { path: { id } }, body: { name: 'No provider' } });
    const serverSecret = () =>
      client.PATCH('/phone-number/{id}', {
        params: { path: { id } },
        // @ts-expect-error Vapi removed `secret` from its Server schema (May 2025)
        body: { provider: 'twilio', server: { url: 'https://hooks.example.com/vapi', secret: 'x' } },
      });
    const endingHookList = () =>
      client.PATCH('/phone-number/{id}', {
        params: { path: { id } },
        // @ts-expect-error a call.ending hook takes one action, not a list
        body: { provider: 'vapi', hooks: [{ on: 'call.ending', do: [{ type: 'say', exact: 'Goodbye.' }] }] },
      });
    expectTypeOf([wrongCreate, areaCodeUpdate, missingProvider, serverSecret, endingHookList]).toBeArray();
  });
});
