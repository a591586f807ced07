// Reading api-smart-diff's merged document: both sides of a comparison in one tree, every changed
// value marked under the library's meta key.
import { DIFF_META_KEY, type Diff } from 'api-smart-diff';

export type JsonPath = Diff['path'];

/** The node at a JSON path (undefined when it is not there). */
export const at = (object: unknown, path: JsonPath): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), object);

interface EnumMarks {
  [DIFF_META_KEY]?: { enum?: { array?: Record<number, { action?: string }> } };
  enum?: unknown;
}

/** 'added' / 'dropped' when an enum value diff is part of adding or dropping the whole `enum`. */
export function wholeEnumChange(diff: Diff, merged: unknown): 'added' | 'dropped' | undefined {
  if (diff.path.at(-2) !== 'enum' || typeof diff.path.at(-1) !== 'number') return undefined;
  // The merged document keeps every value of both sides, with the changed ones marked.
  const schema = at(merged, diff.path.slice(0, -2)) as EnumMarks | undefined;
  const marks = schema?.[DIFF_META_KEY]?.enum?.array ?? {};
  const values = schema?.enum;
  const all = (action: string) => Array.isArray(values) && values.every((_, i) => marks[i]?.action === action);
  return all('add') ? 'added' : all('remove') ? 'dropped' : undefined;
}
