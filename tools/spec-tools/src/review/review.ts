// The data of `pnpm specs:review`: the specs:diff comparison (changes and changeset gate), and for
// each vendor whose spec changed its lint, the operations and facade methods each change
// touches, and the diff of its generated types. The markdown and JSON formats both print it.
import { firstLine } from '../cannot-run.js';
import type { Changeset } from '../diff/changesets.js';
import { compareWithBase } from '../diff/compare.js';
import { type Change, KINDS, type Kind } from '../diff/engine.js';
import { fileAtCommit, fileInWorkingTree } from '../diff/git.js';
import { keyOf, type Operation } from '../diff/operations.js';
import { facadeMethodsByOperation } from './facade.js';
import { type LintResult, lintSpec } from './lint.js';
import { diffTypes, generateTypes, type MemberChanges, type NamedType, summariseTypes } from './types.js';

/** An operation a change touches, with the facade methods that reach it. */
export interface ReviewedOperation extends Operation {
  facade: string[];
}

export interface ReviewedChange extends Omit<Change, 'operations'> {
  operations: ReviewedOperation[];
}

type ChangeLists<T> = Record<keyof MemberChanges, T[]>;

/** The diff of a vendor's generated types, members added, removed, changed, or `documented` (only their doc comments changed). */
export interface TypesReview {
  package: string;
  error: string | null;
  schemas: ChangeLists<string>;
  operations: ChangeLists<{ name: string; method: string; path: string }>;
}

interface VendorReviewFields {
  vendor: string;
  /** Changes per class (every class of KINDS). */
  counts: Record<Kind, number>;
  changes: ReviewedChange[];
  /** Every facade method the changes touch. */
  facade: string[];
  /** Null when not linted (unchanged, or the spec was deleted). */
  lint: LintResult | null;
  /** Why it fails, briefly (empty = pass). */
  problems: string[];
  /** Why it fails, in full. */
  failures: string[];
}

/** A vendor whose spec changed since the base. */
export interface ChangedVendorReview extends VendorReviewFields {
  changed: true;
  changesets: { needs: string; packages: string[]; covered: boolean; files: { file: string; bumps: Record<string, string> }[] };
  types: TypesReview;
}

export interface UnchangedVendorReview extends VendorReviewFields {
  changed: false;
  changesets: null;
  lint: null;
  types: null;
}

export type VendorReview = ChangedVendorReview | UnchangedVendorReview;

export interface Review {
  ok: boolean;
  verdict: string;
  base: string;
  baseCommit: string;
  changesets: Changeset[];
  vendors: VendorReview[];
  failures: string[];
}

/** The review of the repository at `root` against `base`, a git ref. */
export async function buildReview(root: string, base: string): Promise<Review> {
  const comparison = compareWithBase(root, base);
  const read = {
    base: (path: string) => fileAtCommit(root, comparison.baseCommit, path),
    workingTree: (path: string) => fileInWorkingTree(root, path),
  };
  const vendors: VendorReview[] = [];
  for (const { vendor, beforeText, afterText, changes, gate } of comparison.vendors) {
    const counts = Object.fromEntries(KINDS.map((kind) => [kind, changes.filter((change) => change.type === kind).length])) as Record<Kind, number>;
    if (changes.length === 0) {
      vendors.push({ vendor, changed: false, counts, changes: [], facade: [], changesets: null, lint: null, types: null, problems: [], failures: [] });
      continue;
    }
    const lint = afterText === undefined ? null : lintSpec(root, vendor);
    // An operation a change removes was reached through the code at the base; one it adds, through the new code.
    const facadeAt = [facadeMethodsByOperation(vendor, read.workingTree), facadeMethodsByOperation(vendor, read.base)];
    const facadeOf = (operation: Operation) => unique(facadeAt.flatMap((byOperation) => byOperation.get(keyOf(operation)) ?? []));
    const reviewed = changes.map((change) => ({ ...change, operations: change.operations.map((op) => ({ ...op, facade: facadeOf(op) })) }));
    const types = await typesReview(vendor, beforeText, afterText);
    const problems: string[] = [];
    const failures = [...gate.failures];
    if (!gate.covered) {
      problems.push(
        gate.needs === 'major'
          ? `${vendor}: ${plural(counts.breaking, 'breaking change')} without a major changeset`
          : `${vendor}: spec change without a changeset`,
      );
    }
    if (lint?.errors) {
      problems.push(`${vendor}: ${plural(lint.errors, 'lint error')}`);
      failures.push(`${vendor}: specs/${vendor}/openapi.yaml has ${plural(lint.errors, 'lint error')}; run \`pnpm specs:lint\``);
    }
    if (types.error) {
      problems.push(`${vendor}: types cannot be generated`);
      failures.push(`${vendor}: ${types.error}`);
    }
    vendors.push({
      vendor,
      changed: true,
      counts,
      changes: reviewed,
      facade: unique(reviewed.flatMap((change) => change.operations.flatMap((op) => op.facade))),
      changesets: { needs: gate.needs, packages: gate.packages, covered: gate.covered, files: gate.changesets },
      lint,
      types,
      problems,
      failures,
    });
  }
  const problems = vendors.flatMap((v) => v.problems);
  const changed = vendors.filter((v) => v.changed).map((v) => v.vendor);
  const verdict =
    problems.length > 0
      ? `fail: ${problems.join('; ')}`
      : changed.length === 0
        ? `pass: no spec changes since ${base}`
        : `pass: ${changed.join(', ')} changed, covered by changesets added since ${base}, lint clean`;
  return {
    ok: problems.length === 0,
    verdict,
    base,
    baseCommit: comparison.baseCommit,
    changesets: comparison.changesets,
    vendors,
    failures: vendors.flatMap((v) => v.failures),
  };
}

/**
 * The diff of the vendor's generated types by name, in stable lists; `error` when openapi-typescript
 * cannot generate them from one of the two specs (the lint says why, as a rule).
 */
async function typesReview(vendor: string, beforeText: string | undefined, afterText: string | undefined): Promise<TypesReview> {
  const review: TypesReview = { package: `@switchboard/${vendor}-types`, error: null, schemas: changeLists(), operations: changeLists() };
  const generate = (text: string | undefined, where: string) =>
    generateTypes(text).catch((error: unknown) => {
      throw new Error(`openapi-typescript cannot generate ${review.package} from ${where}: ${firstLine(error)}`);
    });
  let diff: ReturnType<typeof diffTypes>;
  try {
    const [before, after] = await Promise.all([generate(beforeText, 'its spec at the base'), generate(afterText, `specs/${vendor}/openapi.yaml`)]);
    diff = diffTypes(summariseTypes(before), summariseTypes(after));
  } catch (error) {
    return { ...review, error: error instanceof Error ? error.message : String(error) };
  }
  return {
    ...review,
    schemas: changeLists(diff.schemas, (member) => member.name),
    operations: changeLists(diff.operations, ({ name, method, path }) => ({ name, method, path })),
  };
}

/** Added, removed, changed and docs-only members (empty lists without a diff). */
function changeLists<T, Member extends NamedType = NamedType>(changes?: MemberChanges<Member>, pick?: (member: Member) => T): ChangeLists<T> {
  const list = (kind: keyof MemberChanges) => (changes && pick ? changes[kind].map(pick) : []);
  return { added: list('added'), removed: list('removed'), changed: list('changed'), documented: list('documented') };
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
