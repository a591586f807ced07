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
import { createRequire } from 'node:module';
import { CannotRun } from './load.mjs';

const require = createRequire(new URL('../../specs/package.json', import.meta.url));
const YAML = require('yaml');

const isMapping = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const nonEmpty = (value) => typeof value === 'string' && value.trim() !== '';

function unknownKeys(value, allowed, where) {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new CannotRun(`${where} has unknown keys: ${unknown.join(', ')}`);
}

/** `{ url }` or `{ notWatched }`: exactly one, a URL being http(s). */
function readSource(source, file) {
  const where = `${file} source`;
  if (!isMapping(source)) throw new CannotRun(`${where} must be a mapping with url or notWatched`);
  unknownKeys(source, ['url', 'notWatched'], where);
  if ('url' in source === 'notWatched' in source) throw new CannotRun(`${where} needs exactly one of url and notWatched`);
  if ('url' in source) {
    if (!nonEmpty(source.url) || !/^https?:\/\/\S+$/i.test(source.url)) throw new CannotRun(`${where} url must be an http(s) URL`);
    return { url: source.url };
  }
  if (!nonEmpty(source.notWatched)) throw new CannotRun(`${where} notWatched needs a non-empty reason`);
  return { notWatched: source.notWatched.trim() };
}

function readEntry(entry, where) {
  if (!isMapping(entry)) throw new CannotRun(`${where} is not a mapping`);
  for (const key of ['path', 'kind', 'reason']) {
    if (!nonEmpty(entry[key])) throw new CannotRun(`${where} needs a non-empty ${key}`);
  }
  unknownKeys(entry, ['path', 'kind', 'reason'], where);
  return { path: entry.path, kind: entry.kind, reason: entry.reason.trim() };
}

/**
 * The whole drift.yaml: `{ source, reviewed }`, `source` undefined when the file has none, and
 * nothing reviewed when the file does not exist. A malformed file stops the run.
 */
export function loadDriftFile(file) {
  if (!existsSync(file)) return { source: undefined, reviewed: [] };
  let parsed;
  try {
    parsed = YAML.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CannotRun(`cannot parse ${file}: ${error.message.split('\n')[0]}`);
  }
  if (parsed === null || parsed === undefined) return { source: undefined, reviewed: [] };
  if (!isMapping(parsed)) throw new CannotRun(`${file} must be a mapping { source, reviewed }, reviewed being a list of { path, kind, reason } entries`);
  unknownKeys(parsed, ['source', 'reviewed'], file);
  const reviewed = parsed.reviewed ?? [];
  if (!Array.isArray(reviewed)) throw new CannotRun(`${file} reviewed must be a list of { path, kind, reason } entries`);
  return {
    source: parsed.source === undefined ? undefined : readSource(parsed.source, file),
    reviewed: reviewed.map((entry, i) => readEntry(entry, `${file} reviewed entry ${i + 1}`)),
  };
}

/** The reviewed entries of a drift.yaml (none when the file does not exist). */
export function loadReviewed(file) {
  return loadDriftFile(file).reviewed;
}

function pathMatcher(pattern) {
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
export function applyReviewed(operations, entries) {
  const matchers = entries.map((entry) => ({ entry, test: pathMatcher(entry.path), used: false }));
  for (const { differences } of operations) {
    for (const difference of differences) {
      const matches = matchers.filter((m) => m.entry.kind === difference.kind && m.test.test(difference.path));
      for (const match of matches) match.used = true;
      if (matches.length) difference.reviewed = matches[0].entry.reason;
    }
  }
  return matchers.filter((m) => !m.used).map((m) => m.entry);
}
