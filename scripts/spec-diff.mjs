#!/usr/bin/env node
// Breaking-change gate for the vendor specs (`pnpm specs:diff --base <ref>`).
//
// For every vendor, diffs specs/<vendor>/openapi.yaml at <ref> against the working tree (see
// scripts/spec-diff/engine.mjs), prints what changed (breaking / non-breaking / ...), then checks
// the changesets added since <ref> (see scripts/spec-diff/changesets.mjs): a changed spec needs one
// bumping @switchboard/<vendor>-types or @switchboard/<vendor>, and a breaking change needs a
// `major` bump of both. Changesets that were already pending at <ref> do not count.
//
//   node scripts/spec-diff.mjs --base <git-ref> [--json]
//   node scripts/spec-diff.mjs --latest-release [--json]
//
// Exit codes: 0 pass, 1 gate failed, 2 could not run (bad usage, unknown ref, unreadable spec).
// It works on the git repository of the current directory, so it can be pointed at any clone.
import { compareWithBase } from './spec-diff/compare.mjs';
import { KINDS } from './spec-diff/engine.mjs';
import { CannotRun, latestReleaseTag, repoRoot } from './spec-diff/repo.mjs';

const USAGE = 'usage: spec-diff --base <git-ref> | --latest-release [--json]';

function parseArgs(argv) {
  const args = { base: undefined, latestRelease: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
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

/** @param {ReturnType<typeof compareWithBase>} comparison */
function printReport({ base, baseCommit, vendors, failures }) {
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

function main() {
  const args = parseArgs(process.argv.slice(2));
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

try {
  process.exitCode = main();
} catch (error) {
  // Exit 1 means "the gate found a problem", so a crash must not exit 1 too.
  console.error(error instanceof CannotRun ? `specs:diff: ${error.message}` : error);
  process.exitCode = 2;
}
