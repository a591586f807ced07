// `switchboard-spec-tools review` (`pnpm specs:review`), the one report a spec pull request needs:
// for each vendor whose spec changed since <ref>, its lint (./lint.ts), its changes with the
// operations and facade methods they touch (../diff/engine.ts, ./facade.ts), whether the
// changesets added since <ref> cover them (the specs:diff gate, ../diff/changesets.ts) and the
// diff of its generated types (./types.ts).
//
//   switchboard-spec-tools review --base <git-ref> [--format markdown|json]
//
// Markdown (the default) is meant for a GitHub job summary and a sticky pull-request comment.
// Exit codes: 0 pass, 1 failed (a breaking change without its major changeset, a spec change
// without any changeset, lint errors), 2 could not run (bad usage, unknown ref, unreadable spec).
// It works on the git repository of the current directory, so it can be pointed at any clone.
import { CannotRun } from '../cannot-run.js';
import { splitFlag } from '../command.js';
import { repoRoot } from '../diff/git.js';

const USAGE = 'usage: spec-review --base <git-ref> [--format markdown|json]';
const FORMATS = ['markdown', 'json'];

function parseArgs(argv: string[]): { base: string; format: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]!);
    if (flag !== '--base' && flag !== '--format') throw new CannotRun(`unknown argument ${argv[i]}; ${USAGE}`);
    const value = inline ?? argv[++i];
    if (!value || value.startsWith('-')) throw new CannotRun(`${flag} needs a value; ${USAGE}`);
    values.set(flag, value);
  }
  const base = values.get('--base');
  const format = values.get('--format') ?? 'markdown';
  if (!base) throw new CannotRun(`missing --base <git-ref>; ${USAGE}`);
  if (!FORMATS.includes(format)) throw new CannotRun(`--format must be markdown or json, got ${format}; ${USAGE}`);
  return { base, format };
}

export async function reviewCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  // The review's modules bring TypeScript's compiler and the linter (0.7 s of CPU): loaded only
  // once the arguments are known to be good, so a mistyped flag fails at once.
  const [{ buildReview }, { formatMarkdown }] = await Promise.all([import('./review.js'), import('./markdown.js')]);
  const review = await buildReview(repoRoot(), args.base);
  process.stdout.write(args.format === 'json' ? `${JSON.stringify(review, null, 2)}\n` : formatMarkdown(review));
  return review.ok ? 0 : 1;
}
