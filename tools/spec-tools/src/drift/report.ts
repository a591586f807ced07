// The drift report: readable text grouped per operation, or JSON for scripts.
import { CLASSES, type Difference, type DifferenceClass, type OperationComparison } from './compare.js';
import type { ReviewedEntry } from './drift-file.js';

export type Summary = {
  operations: number;
  matched: number;
  differences: number;
  reviewed: number;
  unreviewed: number;
  stale: number;
} & Record<DifferenceClass, number>;

/** What `specs:drift --json` prints. */
export interface DriftResult {
  /** The vendor, or our spec's path when it was given instead. */
  vendor: string;
  ours: { source: string; version: string };
  theirs: { source: string; version: string };
  reviewedFile: string;
  /** Every difference reviewed, no entry stale. */
  ok: boolean;
  summary: Summary;
  warnings: string[];
  operations: OperationComparison[];
  stale: ReviewedEntry[];
}

/** Counts per class, reviewed and stale, for the summary line and the JSON. */
export function summarise(operations: OperationComparison[], stale: ReviewedEntry[]): Summary {
  const differences = operations.flatMap((op) => op.differences);
  const perClass = Object.fromEntries(CLASSES.map((cls) => [cls, differences.filter((d) => d.class === cls).length])) as Record<DifferenceClass, number>;
  return {
    operations: operations.length,
    matched: operations.filter((op) => op.theirs).length,
    differences: differences.length,
    ...perClass,
    reviewed: differences.filter((d) => d.reviewed).length,
    unreviewed: differences.filter((d) => !d.reviewed).length,
    stale: stale.length,
  };
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

const LABEL = /<([^=<>]+)=([^<>]*)>/g;

interface Group {
  first: Difference;
  path: string;
  members: Difference[];
  where?: string;
}

/**
 * Folds the differences that differ only in their variants' discriminator values (the same
 * field of every `provider` variant, say) into one line with `<provider=*>`: the text stays
 * readable while --json and drift.yaml keep one difference per variant (a `*` in a drift.yaml
 * path matches them all). Groups keep the order of classes, then of first appearance.
 */
function fold(differences: Difference[]): Required<Group>[] {
  const groups = new Map<string, Group>();
  for (const d of CLASSES.flatMap((cls) => differences.filter((x) => x.class === cls))) {
    const path = d.path.replace(LABEL, '<$1=*>');
    const key = `${d.class}\n${d.kind}\n${d.message}\n${path}\n${d.reviewed ?? ''}`;
    const group = groups.get(key) ?? { first: d, path, members: [] };
    groups.set(key, group);
    group.members.push(d);
  }
  return [...groups.values()].map((group) => {
    if (group.members.length === 1) return { ...group, path: group.first.path, where: '' };
    // The values seen at each folded label, in path order (two labels may share a name).
    const labels: { name: string; values: Set<string> }[] = [];
    for (const member of group.members) {
      [...member.path.matchAll(LABEL)].forEach(([, name, value], i) => {
        labels[i] ??= { name: name!, values: new Set() };
        labels[i].values.add(value!);
      });
    }
    const where = labels.map(({ name, values }) => `${name}=${[...values].join('|')}`).join('; ');
    return { ...group, where: `, ${group.members.length}×: ${where}` };
  });
}

export function formatText(result: DriftResult, { check }: { check: boolean }): string {
  const { summary } = result;
  const lines = [
    `specs:drift ${result.vendor}: ours ${result.ours.source} (OpenAPI ${result.ours.version}) vs theirs ${result.theirs.source} (OpenAPI ${result.theirs.version})`,
    `${summary.matched} of ${plural(summary.operations, 'operation')} matched; ${plural(summary.differences, 'difference')}: ` +
      `${CLASSES.map((cls) => `${summary[cls]} ${cls}`).join(', ')}; ${summary.reviewed} reviewed in ${result.reviewedFile}`,
  ];
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  const width = Math.max(...CLASSES.map((c) => c.length));
  for (const op of result.operations) {
    lines.push('', op.theirs ? `${op.operation}  (theirs: ${op.theirs})` : `${op.operation}  (not in theirs)`);
    if (op.differences.length === 0) lines.push('  no differences');
    for (const group of fold(op.differences)) {
      const d = group.first;
      const reviewed = group.members.every((m) => m.reviewed) ? '[reviewed] ' : group.members.some((m) => m.reviewed) ? '[partly reviewed] ' : '';
      lines.push(`  ${d.class.padEnd(width)}  ${reviewed}${group.path}: ${d.message}  (${d.kind}${group.where})`);
      if (d.reviewed) lines.push(`  ${' '.repeat(width)}  reason: ${d.reviewed}`);
    }
  }
  if (result.stale.length) {
    lines.push('', `Stale entries in ${result.reviewedFile} (they match no difference; remove or update them):`);
    for (const entry of result.stale) lines.push(`  ${entry.path}  (${entry.kind})`);
  }
  lines.push('');
  if (check) {
    lines.push(
      result.ok
        ? `specs:drift --check: passed (${summary.reviewed} reviewed differences)`
        : `specs:drift --check: FAILED (${plural(summary.unreviewed, 'unreviewed difference')}, ${plural(summary.stale, 'stale entry', 'stale entries')})`,
    );
  } else {
    const stale = summary.stale ? `, ${plural(summary.stale, 'stale entry', 'stale entries')}` : '';
    lines.push(`specs:drift: ${plural(summary.unreviewed, 'unreviewed difference')}${stale}`);
  }
  return lines.join('\n');
}

export function formatJson(result: DriftResult): string {
  return JSON.stringify(result, null, 2);
}
