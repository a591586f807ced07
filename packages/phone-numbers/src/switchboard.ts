import {
  type CallOptions,
  CancelledError,
  normalizeE164,
  PartialFailureError,
  SwitchboardError,
  UnsupportedOperationError,
  ValidationError,
  type VendorFailure,
} from '@switchboard/core';
import type { AnyPhoneNumberProvider, ProviderPhoneNumber } from '@switchboard/provider';
import type { ListAllOptions, ProviderPhoneNumbers } from './facade.js';

/** Several providers' phone numbers as one inventory. */
export interface ProviderSwitchboard<P extends AnyPhoneNumberProvider> {
  /** The configured vendors, in a stable order. */
  readonly vendors: readonly P['vendor'][];
  /** One vendor's phone numbers. */
  for<One extends P['vendor']>(vendor: One): ProviderPhoneNumbers<Extract<P, { vendor: One }>>;
  /**
   * One inventory: every number of every configured vendor. The vendors are listed at the same
   * time, each through its own `listAll`: each vendor's numbers come in that vendor's order, and
   * the vendors' numbers interleave as their pages arrive (`for(vendor).listAll()` lists one
   * vendor). A vendor that fails does not hide the others: the listing goes on, and ends with a
   * `PartialFailureError` holding each failed vendor's error, in the order of `vendors` (the
   * numbers it did list were yielded). Bad input, a cancellation or a bug end the listing at once,
   * and every vendor's walk with it. The options and call options are each vendor's `listAll`'s.
   */
  listAll(options?: ListAllOptions, call?: CallOptions): AsyncIterable<ProviderPhoneNumber<P>>;
  /**
   * Which vendor holds this E.164 number (and the number), or null when none does. When it is not
   * found and some vendor could not be asked, a `PartialFailureError` says which, instead of null.
   */
  find(number: string, call?: CallOptions): Promise<ProviderPhoneNumber<P> | null>;
}

/** What the switchboard uses of each vendor's phone numbers. */
interface Inventory {
  readonly vendor: string;
  listAll(options?: ListAllOptions, call?: CallOptions): AsyncIterable<unknown>;
  find(number: string, call?: CallOptions): Promise<unknown>;
}

/** A switchboard over phone numbers already built, one per vendor, in the order given. */
export function createProviderSwitchboard<P extends AnyPhoneNumberProvider>(numbers: readonly ProviderPhoneNumbers<P>[]): ProviderSwitchboard<P>;
export function createProviderSwitchboard(numbers: readonly Inventory[]): ProviderSwitchboard<AnyPhoneNumberProvider> {
  if (numbers.length === 0) throw new ValidationError('options', 'required', 'configure at least one vendor');
  const byVendor = new Map(numbers.map((one) => [one.vendor, one]));
  const vendors = numbers.map((one) => one.vendor);

  const client = (vendor: string) => {
    const found = byVendor.get(vendor);
    if (!found) throw new ValidationError('vendor', 'configured', `${String(vendor)} is not configured (configured: ${vendors.join(', ')})`);
    return found;
  };

  return {
    vendors,
    for: client as ProviderSwitchboard<AnyPhoneNumberProvider>['for'],
    listAll(listAllOptions, call) {
      return inventory(vendors, (vendor) => client(vendor).listAll(listAllOptions, call)[Symbol.asyncIterator]());
    },
    async find(number, call) {
      const e164 = normalizeE164(number, 'number');
      const failures: VendorFailure[] = [];
      for (const vendor of vendors) {
        try {
          const found = await client(vendor).find(e164, call);
          if (found) return found as never;
        } catch (error) {
          failures.push(vendorFailure(vendor, error));
        }
      }
      if (failures.length > 0) throw new PartialFailureError(failures, vendors.length);
      return null;
    },
  };
}

/** What one vendor's listing gave: a number, its end, or its failure. */
type Step = { index: number; result: IteratorResult<unknown> } | { index: number; error: unknown };

/**
 * The vendors' listings at the same time: each is asked for its next number as soon as it gave
 * one, so every vendor walks its pages (its requests in flight) while the others do, and numbers
 * are yielded as they come. A vendor failure is noted and the others go on; any other error stops
 * the listings still running.
 */
async function* inventory(vendors: readonly string[], listingOf: (vendor: string) => AsyncIterator<unknown>): AsyncGenerator<never> {
  // Every vendor checks the options before any vendor's first request.
  const iterators = vendors.map(listingOf);
  const steps: Step[] = [];
  let wake: (() => void) | undefined;
  const arrive = (step: Step) => {
    steps.push(step);
    wake?.();
  };
  const pull = (index: number) => {
    iterators[index]!.next().then(
      (result) => arrive({ index, result }),
      (error: unknown) => arrive({ index, error }),
    );
  };
  const running = new Set(iterators.keys());
  const failures: VendorFailure[] = [];
  try {
    for (const index of running) pull(index);
    while (running.size > 0) {
      if (steps.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const step = steps.shift()!;
      if ('error' in step) {
        running.delete(step.index);
        failures.push(vendorFailure(vendors[step.index]!, step.error));
      } else if (step.result.done) {
        running.delete(step.index);
      } else {
        pull(step.index);
        yield step.result.value as never;
      }
    }
  } finally {
    // Stopped early (a consumer's break, bad input, a cancellation): end the other listings too.
    for (const index of running) iterators[index]!.return?.().catch(() => {});
  }
  if (failures.length > 0) {
    failures.sort((a, b) => vendors.indexOf(a.vendor) - vendors.indexOf(b.vendor));
    throw new PartialFailureError(failures, vendors.length);
  }
}

/**
 * A vendor's own failure (its API, its connection), to note and go on past in a multi-vendor
 * call; bad input, an unsupported operation, a cancellation or a bug stop everything instead.
 */
export function isVendorFailure(error: unknown): error is SwitchboardError {
  return (
    SwitchboardError.isInstance(error) &&
    !ValidationError.isInstance(error) &&
    !UnsupportedOperationError.isInstance(error) &&
    !CancelledError.isInstance(error)
  );
}

function vendorFailure(vendor: string, error: unknown): VendorFailure {
  if (!isVendorFailure(error)) throw error;
  return { vendor, error };
}
