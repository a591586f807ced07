import { type CallOptions, CancelledError, SwitchboardError, ValidationError, type VendorFailure } from '@switchboard/core';
import type { AnyPhoneNumberProvider, ProviderSwitchboard, UpdatePhoneNumberInput } from '@switchboard/phone-numbers';
import type { DesiredNumber, NumbersFile } from './file.js';
import { type HeldNumber, takeInventory } from './inventory.js';

/** The switchboard a plan reads and an apply writes through (`createSwitchboard(…)`). */
export type PlanSwitchboard = ProviderSwitchboard<AnyPhoneNumberProvider>;

/** What changes on one number the vendor holds: its agent (`link`, `unlink`), its name (`rename`), or both. */
export interface NumberChange {
  vendor: string;
  /** What the vendor addresses the number by. */
  id: string;
  /** `null` for a number the vendor holds without one yet (the file names it by `id`). */
  number: string | null;
  /** The line of the file that asks for it. */
  line: number;
  actions: ('link' | 'unlink' | 'rename')[];
  agent?: { from: string | null; to: string | null };
  name?: { from: string | null; to: string | null };
}

/** A number of the file that cannot be brought to what the file says; nothing is changed for it. */
export interface PlanError {
  vendor: string;
  line: number;
  /** `missing`: the vendor does not hold it (creating numbers is not a plan's job); `unsupported`: the vendor cannot make the change; `not-configured`: the switchboard has no such vendor. */
  rule: 'missing' | 'unsupported' | 'not-configured';
  message: string;
}

export interface Plan {
  file: string;
  changes: NumberChange[];
  errors: PlanError[];
  /** Numbers the vendors hold that the file does not list: reported, never touched. */
  unmanaged: HeldNumber[];
  /** Vendors that could not be listed: their numbers are neither planned nor reported unmanaged. */
  failures: VendorFailure[];
}

/**
 * What it takes to bring the vendors to the file: one change per number whose agent or name
 * differs, an error per number the vendor does not hold (a plan never buys or imports one) or
 * cannot change as asked, and the numbers the vendors hold that the file does not list. Reads
 * only: every configured vendor's numbers, through `listAll`.
 */
export async function plan(desired: NumbersFile, switchboard: PlanSwitchboard, call?: CallOptions): Promise<Plan> {
  const { numbers, failures } = await takeInventory(switchboard, call);
  const failed = new Set(failures.map(({ vendor }) => vendor));
  const claimed = new Set<HeldNumber>();
  const changes: NumberChange[] = [];
  const errors: PlanError[] = [];
  const where = (entry: DesiredNumber) => `${desired.file}:${entry.line}`;

  for (const entry of desired.numbers) {
    const { vendor } = entry;
    if (!switchboard.vendors.includes(vendor)) {
      errors.push({
        vendor,
        line: entry.line,
        rule: 'not-configured',
        message: `${where(entry)}: ${vendor} is not configured (configured: ${switchboard.vendors.join(', ')})`,
      });
      continue;
    }
    if (failed.has(vendor)) continue;
    const held = numbers.find(
      (candidate) => candidate.vendor === vendor && (entry.number === undefined ? candidate.id === entry.id : candidate.number === entry.number),
    );
    if (!held) {
      const what = entry.number === undefined ? `a number with id ${entry.id}` : `the number ${entry.number}`;
      errors.push({
        vendor,
        line: entry.line,
        rule: 'missing',
        message: `${where(entry)}: ${vendor} does not hold ${what}: buy or import it first (plan and apply never create numbers)`,
      });
      continue;
    }
    claimed.add(held);
    const change = changeOf(entry, held);
    if (!change) continue;
    if (change.actions.includes('unlink') && switchboard.for(vendor as string).capabilities.unlink === false) {
      errors.push({
        vendor,
        line: entry.line,
        rule: 'unsupported',
        message: `${where(entry)}: ${vendor} cannot take the agent off ${held.number ?? held.id} (agent: null)`,
      });
      continue;
    }
    changes.push(change);
  }
  const unmanaged = numbers.filter((number) => !claimed.has(number));
  return { file: desired.file, changes, errors, unmanaged, failures };
}

function changeOf(entry: DesiredNumber, held: HeldNumber): NumberChange | undefined {
  const actions: NumberChange['actions'] = [];
  const change: NumberChange = { vendor: held.vendor, id: held.id, number: held.number, line: entry.line, actions };
  if (entry.agent !== held.agentId) {
    actions.push(entry.agent === null ? 'unlink' : 'link');
    change.agent = { from: held.agentId, to: entry.agent };
  }
  if (entry.name !== undefined && entry.name !== held.name) {
    actions.push('rename');
    change.name = { from: held.name, to: entry.name };
  }
  return actions.length > 0 ? change : undefined;
}

export interface ApplyResult {
  applied: NumberChange[];
  /** The changes that failed, each with its vendor's typed error; the others were made. */
  failed: { change: NumberChange; error: SwitchboardError }[];
}

/**
 * Make a plan's changes: vendor after vendor, one update per number. A number that fails does not
 * stop the others (as a switchboard goes on past a failing vendor); each failure is reported with
 * its number. Every vendor's update is idempotent (`x-idempotent` in its spec), so running the
 * same file again after a partial failure is safe: a fresh plan holds only what is still to do.
 * Cancellation stops at once. A plan with errors or vendor failures is refused: nothing is sent.
 */
export async function apply(planned: Plan, switchboard: PlanSwitchboard, call?: CallOptions): Promise<ApplyResult> {
  const problems = planned.errors.length + planned.failures.length;
  if (problems > 0)
    throw new ValidationError('plan', 'errors', `has ${problems} error${problems === 1 ? '' : 's'}: fix them and plan again (nothing was applied)`);
  const result: ApplyResult = { applied: [], failed: [] };
  for (const vendor of switchboard.vendors) {
    for (const change of planned.changes.filter((candidate) => candidate.vendor === vendor)) {
      const update: UpdatePhoneNumberInput = {
        ...(change.agent ? { agentId: change.agent.to } : {}),
        ...(change.name ? { name: change.name.to } : {}),
      };
      try {
        await switchboard.for(vendor).update(change.id, update, call);
        result.applied.push(change);
      } catch (error) {
        if (CancelledError.isInstance(error) || !SwitchboardError.isInstance(error)) throw error;
        result.failed.push({ change, error });
      }
    }
  }
  return result;
}
