// What both spec reports start from: each vendor's spec at the base against the working tree, the
// changes between them (engine.mjs), and the changeset gate (changesets.mjs).
import { addedChangesets, gateVendor } from './changesets.mjs';
import { requireSpecsDependency } from './dependencies.mjs';
import { diffSpecs } from './engine.mjs';
import { CannotRun, fileAtCommit, fileInWorkingTree, listVendors, resolveCommit } from './repo.mjs';

const YAML = requireSpecsDependency('yaml');

/**
 * @typedef {object} VendorComparison
 * @property {string} vendor
 * @property {string | undefined} beforeText the spec at the base (undefined: none there)
 * @property {string | undefined} afterText the spec in the working tree (undefined: deleted)
 * @property {import('./engine.mjs').Change[]} changes
 * @property {import('./changesets.mjs').Gate} gate
 */

/**
 * @param {string} root the repository
 * @param {string} base a git ref
 * @returns {{ base: string, baseCommit: string, changesets: import('./changesets.mjs').Changeset[], vendors: VendorComparison[], failures: string[] }}
 */
export function compareWithBase(root, base) {
  const baseCommit = resolveCommit(root, base);
  const changesets = addedChangesets(root, baseCommit);
  const vendors = listVendors(root, baseCommit).map((vendor) => {
    const file = `specs/${vendor}/openapi.yaml`;
    const beforeText = fileAtCommit(root, baseCommit, file);
    const afterText = fileInWorkingTree(root, file);
    const changes = beforeText === afterText ? [] : diffSpecs(parseSpec(beforeText, `${file} at ${base}`), parseSpec(afterText, file));
    return { vendor, beforeText, afterText, changes, gate: gateVendor(vendor, changes, changesets, base) };
  });
  return { base, baseCommit, changesets, vendors, failures: vendors.flatMap((v) => v.gate.failures) };
}

function parseSpec(text, where) {
  if (text === undefined) return undefined;
  try {
    return YAML.parse(text);
  } catch (error) {
    throw new CannotRun(`cannot parse ${where}: ${error.message.split('\n')[0]}`);
  }
}
