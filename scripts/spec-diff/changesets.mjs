// The changeset rule of the spec gate. Only changesets added since the base count: one that was
// already pending there belongs to an earlier change, so a major bump queued for another reason
// cannot wave a new breaking change through.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireSpecsDependency } from './dependencies.mjs';
import { CannotRun, filesAtCommit } from './repo.mjs';

const YAML = requireSpecsDependency('yaml');

const RANK = { none: 0, patch: 1, minor: 2, major: 3 };
/** How many breaking changes a failure names before it says how many more there are. */
const NAMED_CHANGES = 3;

/** @typedef {{ file: string, releases: Record<string, string> }} Changeset a file and its bumps by package */

/**
 * @typedef {object} Gate one vendor's verdict
 * @property {'nothing' | 'changeset' | 'major'} needs what its changes need: no changeset, any, or a major one for both packages
 * @property {string[]} packages the vendor's two packages
 * @property {{ file: string, bumps: Record<string, string> }[]} changesets the added changesets that bump them
 * @property {boolean} covered whether those changesets meet the need
 * @property {string[]} failures one message per unmet need (empty = pass)
 */

/**
 * The changesets added since a commit: `.changeset/*.md` files (but README.md) of the working tree
 * that do not exist at the commit — committed since, staged or untracked alike.
 * @returns {Changeset[]}
 */
export function addedChangesets(root, commit) {
  const dir = join(root, '.changeset');
  const atCommit = new Set(filesAtCommit(root, commit, '.changeset'));
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md')
        .map((entry) => entry.name)
    : [];
  return names
    .filter((name) => !atCommit.has(`.changeset/${name}`))
    .sort()
    .map((name) => ({ file: `.changeset/${name}`, releases: releasesOf(readFileSync(join(dir, name), 'utf8'), `.changeset/${name}`) }));
}

/** The package → bump map of a changeset's YAML front matter (none without one). */
function releasesOf(text, file) {
  const frontMatter = /^---\r?\n([\s\S]*?)^---[ \t]*\r?$/m.exec(text);
  if (frontMatter?.index !== 0) return {};
  try {
    return YAML.parse(frontMatter[1]) ?? {};
  } catch (error) {
    throw new CannotRun(`cannot parse the front matter of ${file}: ${error.message.split('\n')[0]}`);
  }
}

const rank = (bump) => RANK[bump] ?? 0;

/**
 * The gate for one vendor: a changed spec needs an added changeset bumping
 * `@switchboard/<vendor>-types` or `@switchboard/<vendor>`; a breaking change needs added
 * changesets bumping both by `major`.
 * @param {string} vendor
 * @param {import('./engine.mjs').Change[]} changes
 * @param {Changeset[]} changesets the changesets added since the base
 * @param {string} base the base as the user named it, for messages
 * @returns {Gate}
 */
export function gateVendor(vendor, changes, changesets, base) {
  const packages = [`@switchboard/${vendor}-types`, `@switchboard/${vendor}`];
  const covering = changesets
    .map(({ file, releases }) => ({ file, bumps: Object.fromEntries(packages.filter((pkg) => rank(releases[pkg]) > 0).map((pkg) => [pkg, releases[pkg]])) }))
    .filter(({ bumps }) => Object.keys(bumps).length > 0);
  const breaking = changes.filter((change) => change.type === 'breaking');
  const needs = changes.length === 0 ? 'nothing' : breaking.length > 0 ? 'major' : 'changeset';
  const notMajor = packages.filter((pkg) => !covering.some(({ bumps }) => bumps[pkg] === 'major'));
  const failures = [];
  if (needs === 'major' && notMajor.length > 0) {
    failures.push(
      `${vendor}: the change is breaking (${named(breaking)}) and needs a major changeset for ${packages.join(' and ')} added since ${base} ` +
        `(not major: ${notMajor.join(', ')}); run \`pnpm changeset\``,
    );
  } else if (needs === 'changeset' && covering.length === 0) {
    failures.push(`${vendor}: the spec changed but no changeset added since ${base} bumps ${packages.join(' or ')}; run \`pnpm changeset\``);
  }
  return { needs, packages, changesets: covering, covered: failures.length === 0, failures };
}

/** The first few changes' descriptions, and how many more there are. */
function named(changes) {
  const shown = changes.slice(0, NAMED_CHANGES).map((change) => change.description);
  const more = changes.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
