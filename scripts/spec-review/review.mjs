// The data of `pnpm specs:review`: the specs:diff comparison (changes and changeset gate), and for
// each vendor whose spec changed its lint, the operations and facade methods each change
// touches, and the diff of its generated types. The markdown and JSON formats both print it.
import { compareWithBase } from '../spec-diff/compare.mjs';
import { KINDS } from '../spec-diff/engine.mjs';
import { keyOf } from '../spec-diff/operations.mjs';
import { fileAtCommit, fileInWorkingTree } from '../spec-diff/repo.mjs';
import { facadeMethodsByOperation } from './facade.mjs';
import { lintSpec } from './lint.mjs';
import { diffTypes, generateTypes, summariseTypes } from './types.mjs';

/**
 * @typedef {object} VendorReview
 * @property {string} vendor
 * @property {boolean} changed whether its spec has any change since the base
 * @property {Record<string, number>} counts changes per class (every class of KINDS)
 * @property {(import('../spec-diff/engine.mjs').Change & { operations: (import('../spec-diff/operations.mjs').Operation & { facade: string[] })[] })[]} changes
 * @property {string[]} facade every facade method the changes touch
 * @property {{ needs: string, packages: string[], covered: boolean, files: { file: string, bumps: Record<string, string> }[] } | null} changesets
 * @property {ReturnType<typeof lintSpec> | null} lint null when not linted (unchanged, or the spec was deleted)
 * @property {{ package: string, error: string | null, schemas: Record<string, string[]>, operations: Record<string, { name: string, method: string, path: string }[]> } | null} types
 *   members added, removed, changed, or `documented` (only their doc comments changed)
 * @property {string[]} problems why it fails, briefly (empty = pass)
 * @property {string[]} failures why it fails, in full
 */

/**
 * @param {string} root the repository
 * @param {string} base a git ref
 */
export async function buildReview(root, base) {
  const comparison = compareWithBase(root, base);
  const read = {
    base: (path) => fileAtCommit(root, comparison.baseCommit, path),
    workingTree: (path) => fileInWorkingTree(root, path),
  };
  /** @type {VendorReview[]} */
  const vendors = [];
  for (const { vendor, beforeText, afterText, changes, gate } of comparison.vendors) {
    const counts = Object.fromEntries(KINDS.map((kind) => [kind, changes.filter((change) => change.type === kind).length]));
    if (changes.length === 0) {
      vendors.push({ vendor, changed: false, counts, changes: [], facade: [], changesets: null, lint: null, types: null, problems: [], failures: [] });
      continue;
    }
    const lint = afterText === undefined ? null : lintSpec(root, vendor);
    // An operation a change removes was reached through the code at the base; one it adds, through the new code.
    const facadeAt = [facadeMethodsByOperation(vendor, read.workingTree), facadeMethodsByOperation(vendor, read.base)];
    const facadeOf = (operation) => unique(facadeAt.flatMap((byOperation) => byOperation.get(keyOf(operation)) ?? []));
    const reviewed = changes.map((change) => ({ ...change, operations: change.operations.map((op) => ({ ...op, facade: facadeOf(op) })) }));
    const types = await typesReview(vendor, beforeText, afterText);
    const problems = [];
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
async function typesReview(vendor, beforeText, afterText) {
  const review = { package: `@switchboard/${vendor}-types`, error: null, schemas: changeLists(), operations: changeLists() };
  const generate = (text, where) =>
    generateTypes(text).catch((error) => {
      throw new Error(`openapi-typescript cannot generate ${review.package} from ${where}: ${error.message.split('\n')[0]}`);
    });
  let diff;
  try {
    const [before, after] = await Promise.all([generate(beforeText, `its spec at the base`), generate(afterText, `specs/${vendor}/openapi.yaml`)]);
    diff = diffTypes(summariseTypes(before), summariseTypes(after));
  } catch (error) {
    return { ...review, error: error.message };
  }
  const operation = ({ name, method, path }) => ({ name, method, path });
  return {
    ...review,
    schemas: changeLists(diff.schemas, (member) => member.name),
    operations: changeLists(diff.operations, operation),
  };
}

/** Added, removed, changed and docs-only members (empty lists without a diff). */
const changeLists = (changes, pick) =>
  Object.fromEntries(['added', 'removed', 'changed', 'documented'].map((kind) => [kind, changes ? changes[kind].map(pick) : []]));

const unique = (values) => [...new Set(values)];
export const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
