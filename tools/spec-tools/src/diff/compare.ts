// What both spec reports start from: each vendor's spec at the base against the working tree, the
// changes between them (./engine.ts), and the changeset gate (./changesets.ts).
import { parseOpenApi } from '../openapi/document.js';
import { addedChangesets, type Changeset, type Gate, gateVendor } from './changesets.js';
import { type Change, diffSpecs } from './engine.js';
import { fileAtCommit, fileInWorkingTree, listVendors, resolveCommit } from './git.js';

export interface VendorComparison {
  vendor: string;
  /** The spec at the base (undefined: none there). */
  beforeText: string | undefined;
  /** The spec in the working tree (undefined: deleted). */
  afterText: string | undefined;
  changes: Change[];
  gate: Gate;
}

export interface Comparison {
  base: string;
  baseCommit: string;
  changesets: Changeset[];
  vendors: VendorComparison[];
  failures: string[];
}

/** Every vendor's spec at `base` (a git ref) against the working tree of the repository at `root`. */
export function compareWithBase(root: string, base: string): Comparison {
  const baseCommit = resolveCommit(root, base);
  const changesets = addedChangesets(root, baseCommit);
  const vendors = listVendors(root, baseCommit).map((vendor) => {
    const file = `specs/${vendor}/openapi.yaml`;
    const beforeText = fileAtCommit(root, baseCommit, file);
    const afterText = fileInWorkingTree(root, file);
    const parse = (text: string | undefined, where: string) => (text === undefined ? undefined : parseOpenApi(text, where));
    const changes = beforeText === afterText ? [] : diffSpecs(parse(beforeText, `${file} at ${base}`), parse(afterText, file));
    return { vendor, beforeText, afterText, changes, gate: gateVendor(vendor, changes, changesets, base) };
  });
  return { base, baseCommit, changesets, vendors, failures: vendors.flatMap((v) => v.gate.failures) };
}
