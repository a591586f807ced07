// Reviewed differences: `specs/<vendor>/drift.yaml`, beside the spec. A YAML list of entries
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

/** The entries of a drift.yaml (none when the file does not exist). Malformed entries stop the run. */
export function loadReviewed(file) {
  if (!existsSync(file)) return [];
  let parsed;
  try {
    parsed = YAML.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CannotRun(`cannot parse ${file}: ${error.message.split('\n')[0]}`);
  }
  if (parsed === null || parsed === undefined) return [];
  if (!Array.isArray(parsed)) throw new CannotRun(`${file} must hold a YAML list of { path, kind, reason } entries`);
  return parsed.map((entry, i) => {
    const where = `${file} entry ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new CannotRun(`${where} is not a mapping`);
    for (const key of ['path', 'kind', 'reason']) {
      if (typeof entry[key] !== 'string' || !entry[key].trim()) throw new CannotRun(`${where} needs a non-empty ${key}`);
    }
    const unknown = Object.keys(entry).filter((key) => !['path', 'kind', 'reason'].includes(key));
    if (unknown.length) throw new CannotRun(`${where} has unknown keys: ${unknown.join(', ')}`);
    return { path: entry.path, kind: entry.kind, reason: entry.reason.trim() };
  });
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
