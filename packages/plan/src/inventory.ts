import { type CallOptions, PartialFailureError, type VendorFailure } from '@switchboard/core';
import type { AnyPhoneNumberProvider, ProviderPhoneNumber, ProviderSwitchboard } from '@switchboard/phone-numbers';

/** A number a vendor holds, in the neutral model. */
export type HeldNumber = ProviderPhoneNumber<AnyPhoneNumberProvider>;

/** Every number of every configured vendor, and the vendors that could not be listed (their own typed errors). */
export async function takeInventory(
  switchboard: ProviderSwitchboard<AnyPhoneNumberProvider>,
  call?: CallOptions,
): Promise<{ numbers: HeldNumber[]; failures: VendorFailure[] }> {
  const numbers: HeldNumber[] = [];
  try {
    for await (const number of switchboard.listAll({}, call)) numbers.push(number);
  } catch (error) {
    // The switchboard yields every working vendor's numbers, then names the ones that failed.
    if (!PartialFailureError.isInstance(error)) throw error;
    return { numbers, failures: [...error.failures] };
  }
  return { numbers, failures: [] };
}
