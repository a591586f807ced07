import { type CallOptions, PartialFailureError, type VendorFailure } from '@switchboard/core';
import type { AnyPhoneNumberProvider, ProviderPhoneNumber, ProviderSwitchboard } from '@switchboard/phone-numbers';

/** A number a vendor holds, in the neutral model. */
export type HeldNumber = ProviderPhoneNumber<AnyPhoneNumberProvider>;

/**
 * Every number of every configured vendor, and the vendors that could not be listed (their own
 * typed errors). The numbers come in the switchboard's vendor order, each vendor's in its own
 * listing order: the switchboard lists vendors at once and interleaves them as pages arrive, and a
 * report must not change with which vendor answered first.
 */
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
    return { numbers: inVendorOrder(numbers, switchboard.vendors), failures: [...error.failures] };
  }
  return { numbers: inVendorOrder(numbers, switchboard.vendors), failures: [] };
}

/** A stable sort by vendor: each vendor's numbers keep the order they were listed in. */
function inVendorOrder(numbers: HeldNumber[], vendors: readonly string[]): HeldNumber[] {
  return numbers.sort((a, b) => vendors.indexOf(a.vendor) - vendors.indexOf(b.vendor));
}
