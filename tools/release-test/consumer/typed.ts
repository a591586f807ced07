// A strict TypeScript consumer of the facade and of one vendor's client. The @ts-expect-error lines
// fail the compile if the published declarations stop carrying real types (an `any` accepts both).
import { createPhoneNumbers, type PhoneNumber, ValidationError } from '@switchboard/phone-numbers';
import { type components, createVapiClient } from '@switchboard/vapi';

const vapi = createPhoneNumbers({ vendor: 'vapi', apiKey: 'key' });
const client = createVapiClient({ apiKey: 'key' });

export async function firstNumber(): Promise<PhoneNumber<'vapi'> | undefined> {
  const page = await vapi.list({ limit: 1 });
  return page.items[0];
}

export async function vapiNumber(id: string): Promise<components['schemas']['VapiPhoneNumber']['number'] | undefined> {
  const { data } = await client.GET('/phone-number/{id}', { params: { path: { id } } });
  return data.provider === 'vapi' ? data.number : undefined;
}

export const isValidationError = (error: unknown): error is ValidationError => error instanceof ValidationError;

export function misuse(): void {
  // @ts-expect-error Vapi has no number search, and the facade's types say so.
  void vapi.searchAvailable({ areaCode: '415' });
  // @ts-expect-error Vapi's spec has no such path.
  void client.GET('/phone-numbers');
}
