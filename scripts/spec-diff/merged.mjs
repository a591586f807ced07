// Reading api-smart-diff's merged document: both sides of a comparison in one tree, every changed
// value marked under the library's meta key.
import { requireSpecsDependency } from './dependencies.mjs';

const { DIFF_META_KEY } = requireSpecsDependency('api-smart-diff');

/** The node at a JSON path (undefined when it is not there). */
export const at = (object, path) => path.reduce((node, key) => node?.[key], object);

/** 'added' / 'dropped' when an enum value diff is part of adding or dropping the whole `enum`. */
export function wholeEnumChange(diff, merged) {
  if (diff.path.at(-2) !== 'enum' || typeof diff.path.at(-1) !== 'number') return undefined;
  // The merged document keeps every value of both sides, with the changed ones marked.
  const schema = at(merged, diff.path.slice(0, -2));
  const marks = schema?.[DIFF_META_KEY]?.enum?.array ?? {};
  const all = (action) => Array.isArray(schema?.enum) && schema.enum.every((_, i) => marks[i]?.action === action);
  return all('add') ? 'added' : all('remove') ? 'dropped' : undefined;
}
