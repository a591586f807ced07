// `switchboard-spec-tools diff` (`pnpm specs:diff`), the breaking-change gate for the vendor specs.
//
// For every vendor, diffs specs/<vendor>/openapi.yaml at <ref> against the working tree (./engine.ts),
// prints what changed (breaking / non-breaking / ...), then checks the changesets added since <ref>
// (./changesets.ts): a changed spec needs one bumping @switchboard/<vendor>-types or
// @switchboard/<vendor>, and a breaking change needs a `major` bump of both. Changesets that were
// already pending at <ref> do not count.
//
//   switchboard-spec-tools diff --base <git-ref> [--json]
//   switchboard-spec-tools diff --latest-release [--json]
//
// Exit codes: 0 pass, 1 gate failed, 2 could not run (bad usage, unknown ref, unreadable spec).
// It works on the git repository of the current directory, so it can be pointed at any clone.
import { CannotRun } from '../cannot-run.js';
import { type Comparison, compareWithBase } from './compare.js';
import { KINDS } from './engine.js';
import { latestReleaseTag, repoRoot } from './git.js';

const USAGE = 'usage: spec-diff --base <git-ref> | --latest-release [--json]';

interface Args {
  base: string | undefined;
  latestRelease: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { base: undefined, latestRelease: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--latest-release') args.latestRelease = true;
    else if (arg === '--base') args.base = argv[++i] ?? '';
    else if (arg.startsWith('--base=')) args.base = arg.slice('--base='.length);
    else throw new CannotRun(`unknown argument ${arg}; ${USAGE}`);
  }
  if (args.base !== undefined && (!args.base || args.base.startsWith('-'))) throw new CannotRun(`--base needs a git ref; ${USAGE}`);
  if (args.latestRelease && args.base) throw new CannotRun(`give --base or --latest-release, not both; ${USAGE}`);
  if (!args.latestRelease && !args.base) throw new CannotRun(`missing --base <git-ref>; ${USAGE}`);
  return args;
}

function printReport({ base, baseCommit, vendors, failures }: Comparison): void {
  console.log(`specs:diff against ${base} (${baseCommit.slice(0, 12)})`);
  for (const { vendor, changes, gate } of vendors) {
    if (changes.length === 0) {
      console.log(`${vendor}: no changes`);
      continue;
    }
    const counts = KINDS.map((kind) => ({ kind, n: changes.filter((c) => c.type === kind).length })).filter(({ n }) => n > 0);
    console.log(`\n${vendor}: ${counts.map(({ kind, n }) => `${n} ${kind}`).join(', ')}`);
    for (const kind of KINDS) {
      for (const change of changes.filter((c) => c.type === kind)) console.log(`  ${kind.padEnd(13)} ${change.description}`);
    }
    const added = gate.changesets.map(
      ({ file, bumps }) =>
        `${file} (${Object.entries(bumps)
          .map(([pkg, bump]) => `${pkg}: ${bump}`)
          .join(', ')})`,
    );
    console.log(
      added.length > 0 ? `  changesets added since ${base}: ${added.join(', ')}` : `  no changeset added since ${base} bumps ${gate.packages.join(' or ')}`,
    );
  }
  console.log('');
  for (const failure of failures) console.error(`✗ ${failure}`);
  console.log(failures.length === 0 ? 'specs:diff: passed' : `specs:diff: FAILED (${failures.length} problem${failures.length === 1 ? '' : 's'})`);
}

export async function diffCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const root = repoRoot();
  const base = args.latestRelease ? latestReleaseTag(root) : args.base;
  if (base === undefined) {
    if (args.json) console.log(JSON.stringify({ ok: true, skipped: 'no release tag yet' }));
    else console.log('specs:diff: no release tag yet, skipped');
    return 0;
  }
  const comparison = compareWithBase(root, base);
  const ok = comparison.failures.length === 0;
  if (args.json) {
    const { baseCommit, changesets, vendors, failures } = comparison;
    const perVendor = vendors.map(({ vendor, changes, gate }) => ({
      vendor,
      changes,
      needs: gate.needs,
      changesets: gate.changesets,
      failures: gate.failures,
    }));
    console.log(JSON.stringify({ ok, base, baseCommit, changesets, vendors: perVendor, failures }, null, 2));
  } else printReport(comparison);
  return ok ? 0 : 1;
}
