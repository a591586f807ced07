// `specs/<vendor>/drift.yaml`, beside the spec: where the vendor publishes its OpenAPI document and
// the reviewed differences from it. A YAML mapping:
//   source:
//     url: https://…/openapi.json      # the published document `pnpm specs:watch` fetches, or
//     notWatched: Why there is no document to fetch (required, non-empty).
//   reviewed:
//   - path: 'POST /phone-number request body <provider=*>.name'   # `*` matches any characters
//     kind: maxLength
//     reason: Why the difference is intended (required, non-empty).
// An entry matches every difference with that kind whose path it matches. An entry that matches
// nothing is stale: the difference it excused is gone (or its path changed) and it must go too.
import { existsSync, readFileSync } from 'node:fs';
import YAML from 'yaml';
import { CannotRun, firstLine } from '../cannot-run.js';
import { isObject } from '../openapi/types.js';
import type { OperationComparison } from './compare.js';

export type Source = { url: string } | { notWatched: string };

export interface ReviewedEntry {
  path: string;
  kind: string;
  reason: string;
}

export interface DriftFile {
  /** Undefined when the file names none. */
  source: Source | undefined;
  reviewed: ReviewedEntry[];
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function unknownKeys(value: Record<string, unknown>, allowed: string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new CannotRun(`${where} has unknown keys: ${unknown.join(', ')}`);
}

/** `{ url }` or `{ notWatched }`: exactly one, a URL being http(s). */
function readSource(source: unknown, file: string): Source {
  const where = `${file} source`;
  if (!isObject(source)) throw new CannotRun(`${where} must be a mapping with url or notWatched`);
  unknownKeys(source, ['url', 'notWatched'], where);
  if ('url' in source === 'notWatched' in source) throw new CannotRun(`${where} needs exactly one of url and notWatched`);
  if ('url' in source) {
    if (!nonEmpty(source.url) || !/^https?:\/\/\S+$/i.test(source.url)) throw new CannotRun(`${where} url must be an http(s) URL`);
    return { url: source.url };
  }
  if (!nonEmpty(source.notWatched)) throw new CannotRun(`${where} notWatched needs a non-empty reason`);
  return { notWatched: source.notWatched.trim() };
}

function readEntry(entry: unknown, where: string): ReviewedEntry {
  if (!isObject(entry)) throw new CannotRun(`${where} is not a mapping`);
  const { path, kind, reason } = entry;
  for (const [key, value] of Object.entries({ path, kind, reason })) {
    if (!nonEmpty(value)) throw new CannotRun(`${where} needs a non-empty ${key}`);
  }
  unknownKeys(entry, ['path', 'kind', 'reason'], where);
  return { path: path as string, kind: kind as string, reason: (reason as string).trim() };
}

/**
 * The whole drift.yaml, `source` undefined when the file has none, and nothing reviewed when the
 * file does not exist. A malformed file stops the run.
 */
export function loadDriftFile(file: string): DriftFile {
  if (!existsSync(file)) return { source: undefined, reviewed: [] };
  let parsed: unknown;
  try {
    parsed = YAML.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CannotRun(`cannot parse ${file}: ${firstLine(error)}`);
  }
  if (parsed === null || parsed === undefined) return { source: undefined, reviewed: [] };
  if (!isObject(parsed)) throw new CannotRun(`${file} must be a mapping { source, reviewed }, reviewed being a list of { path, kind, reason } entries`);
  unknownKeys(parsed, ['source', 'reviewed'], file);
  const reviewed = parsed.reviewed ?? [];
  if (!Array.isArray(reviewed)) throw new CannotRun(`${file} reviewed must be a list of { path, kind, reason } entries`);
  return {
    source: parsed.source === undefined ? undefined : readSource(parsed.source, file),
    reviewed: reviewed.map((entry, i) => readEntry(entry, `${file} reviewed entry ${i + 1}`)),
  };
}

function pathMatcher(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/**
 * Marks the differences the entries cover (`reviewed: reason`) and returns the stale entries.
 * Mutates the differences of `operations` in place.
 */
export function applyReviewed(operations: OperationComparison[], entries: ReviewedEntry[]): ReviewedEntry[] {
  const matchers = entries.map((entry) => ({ entry, test: pathMatcher(entry.path), used: false }));
  for (const { differences } of operations) {
    for (const difference of differences) {
      const matches = matchers.filter((m) => m.entry.kind === difference.kind && m.test.test(difference.path));
      for (const match of matches) match.used = true;
      const [first] = matches;
      if (first) difference.reviewed = first.entry.reason;
    }
  }
  return matchers.filter((m) => !m.used).map((m) => m.entry);
}
