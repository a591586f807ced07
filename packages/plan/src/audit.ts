import type { CallOptions, VendorFailure } from '@switchboard/core';
import { type HeldNumber, takeInventory } from './inventory.js';
import type { PlanSwitchboard } from './plan.js';

export interface AuditReport {
  /** Numbers no agent answers. */
  withoutAgent: HeldNumber[];
  /** The same number held at more than one vendor: only one of them gets its calls. */
  heldAtSeveralVendors: { number: string; holders: HeldNumber[] }[];
  /** Agents (by id) that answer numbers at more than one vendor. */
  agentsAtSeveralVendors: { agentId: string; numbers: HeldNumber[] }[];
  /** Vendors that could not be listed: the findings leave their numbers out. */
  failures: VendorFailure[];
}

/** What deserves a look in the numbers the vendors hold, whatever any file says. Reads only. */
export async function audit(switchboard: PlanSwitchboard, call?: CallOptions): Promise<AuditReport> {
  const { numbers, failures } = await takeInventory(switchboard, call);
  const spread = (key: (number: HeldNumber) => string | null) =>
    [...groupBy(numbers, key)].filter(([, group]) => new Set(group.map(({ vendor }) => vendor)).size > 1);
  return {
    withoutAgent: numbers.filter((number) => number.agentId === null),
    heldAtSeveralVendors: spread((number) => number.number).map(([number, holders]) => ({ number, holders })),
    agentsAtSeveralVendors: spread((number) => number.agentId).map(([agentId, group]) => ({ agentId, numbers: group })),
    failures,
  };
}

/** The numbers by `key`, in first-seen order; those without one are left out. */
function groupBy(numbers: readonly HeldNumber[], key: (number: HeldNumber) => string | null): Map<string, HeldNumber[]> {
  const groups = new Map<string, HeldNumber[]>();
  for (const number of numbers) {
    const value = key(number);
    if (value !== null) groups.set(value, [...(groups.get(value) ?? []), number]);
  }
  return groups;
}
