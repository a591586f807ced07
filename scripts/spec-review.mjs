#!/usr/bin/env node
// The one report a spec pull request needs (`pnpm specs:review --base <ref>`): for each vendor
// whose spec changed since <ref>, its lint (scripts/spec-review/lint.mjs), its changes with the
// operations and facade methods they touch (scripts/spec-diff/engine.mjs,
// scripts/spec-review/facade.mjs), whether the changesets added since <ref> cover them (the
// specs:diff gate, scripts/spec-diff/changesets.mjs) and the diff of its generated types
// (scripts/spec-review/types.mjs).
//
//   node scripts/spec-review.mjs --base <git-ref> [--format markdown|json]
//
// Markdown (the default) is meant for a GitHub job summary and a sticky pull-request comment.
// Exit codes: 0 pass, 1 failed (a breaking change without its major changeset, a spec change
// without any changeset, lint errors), 2 could not run (bad usage, unknown ref, unreadable spec).
// It works on the git repository of the current directory, so it can be pointed at any clone.
import { CannotRun, repoRoot } from './spec-diff/repo.mjs';
import { formatMarkdown } from './spec-review/markdown.mjs';
import { buildReview } from './spec-review/review.mjs';

const USAGE = 'usage: spec-review --base <git-ref> [--format markdown|json]';
const FORMATS = ['markdown', 'json'];

function parseArgs(argv) {
  const args = { base: undefined, format: 'markdown' };
  const valued = { '--base': 'base', '--format': 'format' };
  for (let i = 0; i < argv.length; i++) {
    const equals = argv[i].startsWith('--') ? argv[i].indexOf('=') : -1;
    const [flag, inline] = equals > 0 ? [argv[i].slice(0, equals), argv[i].slice(equals + 1)] : [argv[i], undefined];
    if (!valued[flag]) throw new CannotRun(`unknown argument ${argv[i]}; ${USAGE}`);
    const value = inline ?? argv[++i];
    if (!value || value.startsWith('-')) throw new CannotRun(`${flag} needs a value; ${USAGE}`);
    args[valued[flag]] = value;
  }
  if (!args.base) throw new CannotRun(`missing --base <git-ref>; ${USAGE}`);
  if (!FORMATS.includes(args.format)) throw new CannotRun(`--format must be markdown or json, got ${args.format}; ${USAGE}`);
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const review = await buildReview(repoRoot(), args.base);
  process.stdout.write(args.format === 'json' ? `${JSON.stringify(review, null, 2)}\n` : formatMarkdown(review));
  return review.ok ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  // Exit 1 means "the review found a problem", so a crash must not exit 1 too.
  console.error(error instanceof CannotRun ? `specs:review: ${error.message}` : error);
  process.exitCode = 2;
}
