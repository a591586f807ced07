// The diff engine of the spec reports: the classified, described changes between two versions of
// a spec. api-smart-diff finds and classifies the changes; this module corrects its classes where
// they are wrong for OpenAPI 3.1, drops its duplicate reports, and names each change's operations.
import { apiCompare, type CompareRules, combinaryCompareResolver, type Diff, openapi3Rules, transformComapreRules } from 'api-smart-diff';
import type { OpenApiDocument } from '../openapi/types.js';
import { describe } from './describe.js';
import { type JsonPath, wholeEnumChange } from './merged.js';
import { keyOf, type Operation, touchedOperations } from './operations.js';

/** The classes of change, most serious first. */
export const KINDS = ['breaking', 'deprecated', 'non-breaking', 'unclassified', 'annotation'] as const;
export type Kind = (typeof KINDS)[number];
// Component sections whose content operations embed through `$ref`s (see dedupeComponentDiffs).
const REFERENCED_SECTIONS = new Set(['schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'examples', 'links', 'callbacks', 'pathItems']);

export interface Change {
  type: Kind;
  action: Diff['action'];
  /** JSON pointer of the change in the spec. */
  path: string;
  /** One line for people. */
  description: string;
  /** The operations it touches. */
  operations: Operation[];
}

/**
 * The classified changes between two parsed specs (undefined = spec absent on that side). An
 * absent side becomes the other side emptied of paths and components (but its security schemes,
 * whose mere addition the library calls breaking), so a new spec reads as "added operation ..."
 * lines (non-breaking) and a deleted one as removals (breaking).
 */
export function diffSpecs(before: OpenApiDocument | undefined, after: OpenApiDocument | undefined): Change[] {
  const empty = (spec: OpenApiDocument): OpenApiDocument => ({ ...spec, paths: {}, components: { securitySchemes: spec.components?.securitySchemes ?? {} } });
  const [from, to] = before ? [before, after ?? empty(before)] : after ? [empty(after), after] : [];
  if (!from || !to) return [];
  // The library resolves internal `$ref`s itself and reports a change inside a component under
  // every operation that uses it, classified for that place (request or response).
  const { diffs, merged } = apiCompare(from, to, { rules: compareRules() });
  // Several JSON paths can read the same (one field in several `oneOf` variants): keep one each,
  // with the operations of all.
  const unique = new Map<string, Change>();
  for (const diff of dedupeComponentDiffs(diffs)) {
    const change: Change = {
      type: reclassify(diff, merged),
      action: diff.action,
      path: `/${diff.path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
      description: describe(diff, merged),
      operations: touchedOperations(diff.path, before, after),
    };
    const key = `${change.type} ${change.description}`;
    const kept = unique.get(key);
    if (!kept) unique.set(key, change);
    else for (const op of change.operations) if (!kept.operations.some((known) => keyOf(known) === keyOf(op))) kept.operations.push(op);
  }
  return [...unique.values()];
}

/**
 * The library's OpenAPI rules, except that the entries of `oneOf` / `anyOf` / `allOf` are paired by
 * position. api-smart-diff 1.0.6 pairs them by trying every before/after combination, and records
 * each `$ref` it meets on the way; in the real pairing it then takes those `$ref`s for cycles and
 * compares `{ $ref }` with `{ $ref }` (equal), so changes inside variants go unreported (a field
 * made required in one variant of Vapi's create body did). Pairing by position needs no trials.
 * The cost: reordered variants read as changed variants (a false alarm, not a silent pass).
 * The rules keep a `$ref` cache, so every comparison needs new ones.
 */
function compareRules(): CompareRules {
  return transformComapreRules(openapi3Rules(), (rule) => {
    if (rule.compare !== combinaryCompareResolver) return rule;
    const { compare, ...byPosition } = rule;
    return byPosition;
  });
}

/**
 * Drops a change inside a component when the same change is already reported under an operation
 * (the library reports it in the component, in every component that embeds it, and in every
 * operation that uses it). The component copy is classified as if the schema were used in both
 * directions (a narrowed enum of a response comes out "breaking"), so only the in-context copies
 * are trusted. Kept: whole components added or removed (they are exports of the generated -types
 * package), and changes no operation reports (in unused components, or missed by the library).
 */
function dedupeComponentDiffs(diffs: Diff[]): Diff[] {
  const inOperations = diffs.filter((d) => d.path[0] === 'paths');
  const same = (a: Diff, b: Diff) =>
    a.action === b.action && JSON.stringify(a.before) === JSON.stringify(b.before) && JSON.stringify(a.after) === JSON.stringify(b.after);
  // The library wraps a schema in `allOf` wherever it has siblings, at an index that varies from
  // place to place, so positions are compared without the `allOf/<n>` steps.
  const steps = (path: JsonPath) => path.filter((key, i) => key !== 'allOf' && path[i - 1] !== 'allOf').map(String);
  const endsWith = (path: string[], tail: string[]) => tail.every((key, i) => path[path.length - tail.length + i] === key);
  return diffs.filter((diff) => {
    const [root, section, , ...rest] = diff.path;
    if (root !== 'components' || !REFERENCED_SECTIONS.has(String(section)) || rest.length === 0) return true;
    const tail = steps(rest);
    return !inOperations.some((other) => same(diff, other) && endsWith(steps(other.path), tail));
  });
}

/** Where a change sits: 'input' (request), 'output' (response) or undefined (elsewhere). */
function direction(path: JsonPath): 'input' | 'output' | undefined {
  if (path[0] !== 'paths') return undefined;
  if (path[3] === 'requestBody' || path[3] === 'parameters') return 'input';
  if (path[3] === 'responses') return 'output';
  return undefined;
}

type Types = 'any' | unknown[];

/**
 * Fixes the library's classes where they are wrong for OpenAPI 3.1:
 * - `type` changes: the library calls any replaced `type` breaking in a request and non-breaking
 *   in a response, so `string` -> `[string, 'null']` is "breaking" for a request (it only widens
 *   what is accepted) and `integer` -> `string` is "non-breaking" for a response. Compare the sets
 *   of allowed types instead: a request may widen, a response may narrow.
 * - a whole `enum` added or dropped: the library compares it with an empty list, so restricting a
 *   request field to a set of values reads as values "added" (non-breaking), and the reverse.
 * - example values are documentation; the library leaves them "unclassified".
 */
function reclassify(diff: Diff, merged: unknown): Kind {
  const { path } = diff;
  const whole = wholeEnumChange(diff, merged);
  if (whole && direction(path)) {
    const restricted = whole === 'added';
    return (direction(path) === 'input') === restricted ? 'breaking' : 'non-breaking';
  }
  const last = path.at(-1);
  // `type` as a keyword, or one entry of a `type` array; not a property that is named "type".
  const typeKeyword = last === 'type' && path.at(-2) !== 'properties' ? 'keyword' : path.at(-2) === 'type' && typeof last === 'number' ? 'item' : undefined;
  if (typeKeyword && isInSchema(path)) {
    const types = (value: unknown): Types => (value === undefined ? (typeKeyword === 'keyword' ? 'any' : []) : [value].flat());
    const widened = allows(types(diff.after), types(diff.before));
    const narrowed = allows(types(diff.before), types(diff.after));
    const dir = direction(path);
    if (dir === 'input') return widened ? 'non-breaking' : 'breaking';
    if (dir === 'output') return narrowed ? 'non-breaking' : 'breaking';
    return widened && narrowed ? 'non-breaking' : 'breaking';
  }
  if (diff.type === 'unclassified' && path.some((key) => key === 'examples' || key === 'example')) return 'annotation';
  return diff.type;
}

/** Whether a set of JSON Schema types accepts every value of another ('any' = no `type`). */
function allows(wider: Types, narrower: Types): boolean {
  if (wider === 'any') return true;
  if (narrower === 'any') return false;
  return narrower.every((t) => wider.includes(t) || (t === 'integer' && wider.includes('number')));
}

function isInSchema(path: JsonPath): boolean {
  return path.includes('schema') || (path[0] === 'components' && path[1] === 'schemas');
}
