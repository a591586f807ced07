// The changeset rule of the spec gate. Only changesets added since the base count: one that was
// already pending there belongs to an earlier change, so a major bump queued for another reason
// cannot wave a new breaking change through.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { CannotRun, firstLine } from '../cannot-run.js';
import type { Change } from './engine.js';
import { filesAtCommit } from './git.js';

const RANK: Record<string, number> = { none: 0, patch: 1, minor: 2, major: 3 };
/** How many breaking changes a failure names before it says how many more there are. */
const NAMED_CHANGES = 3;

/** A changeset file and its bumps by package. */
export interface Changeset {
  file: string;
  releases: Record<string, string>;
}

/** One vendor's verdict. */
export interface Gate {
  /** What its changes need: no changeset, any, or a major one for both packages. */
  needs: 'nothing' | 'changeset' | 'major';
  /** The vendor's two packages. */
  packages: string[];
  /** The added changesets that bump them. */
  changesets: { file: string; bumps: Record<string, string> }[];
  /** Whether those changesets meet the need. */
  covered: boolean;
  /** One message per unmet need (empty = pass). */
  failures: string[];
}

/**
 * The changesets added since a commit: `.changeset/*.md` files (but README.md) of the working tree
 * that do not exist at the commit — committed since, staged or untracked alike.
 */
export function addedChangesets(root: string, commit: string): Changeset[] {
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
function releasesOf(text: string, file: string): Record<string, string> {
  const frontMatter = /^---\r?\n([\s\S]*?)^---[ \t]*\r?$/m.exec(text);
  if (frontMatter?.index !== 0) return {};
  try {
    return (YAML.parse(frontMatter[1]!) as Record<string, string> | null) ?? {};
  } catch (error) {
    throw new CannotRun(`cannot parse the front matter of ${file}: ${firstLine(error)}`);
  }
}

const rank = (bump: string | undefined) => RANK[bump ?? 'none'] ?? 0;

/**
 * The gate for one vendor: a changed spec needs an added changeset bumping
 * `@switchboard/<vendor>-types` or `@switchboard/<vendor>`; a breaking change needs added
 * changesets bumping both by `major`. `base` is the base as the user named it, for messages.
 */
export function gateVendor(vendor: string, changes: Change[], changesets: Changeset[], base: string): Gate {
  const packages = [`@switchboard/${vendor}-types`, `@switchboard/${vendor}`];
  const covering = changesets
    .map(({ file, releases }) => ({
      file,
      bumps: Object.fromEntries(packages.filter((pkg) => rank(releases[pkg]) > 0).map((pkg) => [pkg, releases[pkg]!])),
    }))
    .filter(({ bumps }) => Object.keys(bumps).length > 0);
  const breaking = changes.filter((change) => change.type === 'breaking');
  const needs = changes.length === 0 ? 'nothing' : breaking.length > 0 ? 'major' : 'changeset';
  const notMajor = packages.filter((pkg) => !covering.some(({ bumps }) => bumps[pkg] === 'major'));
  const failures: string[] = [];
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
function named(changes: Change[]): string {
  const shown = changes.slice(0, NAMED_CHANGES).map((change) => change.description);
  const more = changes.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
