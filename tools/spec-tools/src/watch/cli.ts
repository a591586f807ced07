// `switchboard-spec-tools watch` (`pnpm specs:watch`, run daily by .github/workflows/drift-watch.yml):
// for each vendor, fetch the OpenAPI document it publishes (the `source` in
// specs/<vendor>/drift.yaml), compare our spec with it as `specs:drift --check` does, and report
// every vendor as clean, drift, unreachable or not watched (./watch.ts).
//
//   switchboard-spec-tools watch [--vendor <v>] [--source <v>=<url>]... [--out <dir>]
//                                [--specs <dir>] [--max-bytes <n>] [--timeout-ms <n>]
//
// --source replaces a vendor's document URL (a mirror, a local server); --out keeps the
// downloaded documents, each drift report and summary.md; --specs is the folder of vendor specs
// (default specs/). The Markdown summary goes to stdout and, in GitHub Actions, to
// $GITHUB_STEP_SUMMARY. With GITHUB_TOKEN and GITHUB_REPOSITORY set, each vendor's issue is
// opened, updated or closed through the REST API at GITHUB_API_URL (./github-issues.ts).
//
// Exit codes: 0 every watched vendor clean, 1 a vendor drifted or its document was unreachable,
// 2 could not run (bad usage, a malformed drift.yaml, the issues could not be updated).
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CannotRun } from '../cannot-run.js';
import { splitFlag } from '../command.js';
import { REPO_ROOT } from '../paths.js';
import { vendorsIn } from '../vendors.js';
import { createIssueTracker, GitHubError, type IssueTracker } from './github-issues.js';
import { type IssueNote, type RunContext, summaryMarkdown } from './markdown.js';
import { DOWNLOAD_LIMITS, type DownloadLimits, type WatchResult, watchVendor } from './watch.js';

const USAGE = 'usage: specs:watch [--vendor <vendor>] [--source <vendor>=<url>]... [--out <dir>] [--specs <dir>] [--max-bytes <n>] [--timeout-ms <n>]';

interface Args {
  vendor: string | undefined;
  sources: Map<string, string>;
  out: string | undefined;
  specs: string;
  limits: DownloadLimits;
}

function positiveInteger(flag: string, value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new CannotRun(`${flag} must be a positive integer, got ${value}`);
  return Number(value);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { vendor: undefined, sources: new Map(), out: undefined, specs: join(REPO_ROOT, 'specs'), limits: { ...DOWNLOAD_LIMITS } };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]!);
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v || v.startsWith('--')) throw new CannotRun(`${flag} needs a value; ${USAGE}`);
      return v;
    };
    if (flag === '--vendor') args.vendor = value();
    else if (flag === '--out') args.out = resolve(value());
    else if (flag === '--specs') args.specs = resolve(value());
    else if (flag === '--max-bytes') args.limits.maxBytes = positiveInteger(flag, value());
    else if (flag === '--timeout-ms') args.limits.timeoutMs = positiveInteger(flag, value());
    else if (flag === '--source') {
      const pair = value();
      const match = /^([a-z0-9-]+)=(https?:\/\/\S+)$/i.exec(pair);
      if (!match) throw new CannotRun(`--source must be <vendor>=<http(s) URL>, got ${pair}`);
      args.sources.set(match[1]!, match[2]!);
    } else throw new CannotRun(`unknown argument ${argv[i]}; ${USAGE}`);
  }
  return args;
}

/** Where the issues are, when this runs with a token for them (GitHub Actions sets all but the token). */
function issueContext(env: NodeJS.ProcessEnv): { tracker: IssueTracker; context: RunContext } | undefined {
  if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) return undefined;
  const runUrl = env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return {
    tracker: createIssueTracker({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', repository: env.GITHUB_REPOSITORY, token: env.GITHUB_TOKEN }),
    context: { checkedAt: new Date().toISOString(), runUrl },
  };
}

export async function watchCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!existsSync(args.specs)) throw new CannotRun(`no specs folder at ${args.specs}`);
  const known = vendorsIn(args.specs);
  for (const vendor of [args.vendor, ...args.sources.keys()]) {
    if (vendor && !known.includes(vendor)) throw new CannotRun(`no vendor ${vendor} in ${args.specs} (vendors: ${known.join(', ')})`);
  }
  const vendors = args.vendor ? [args.vendor] : known;
  const outDir = args.out ?? mkdtempSync(join(tmpdir(), 'drift-watch-'));
  mkdirSync(outDir, { recursive: true });
  try {
    const results: WatchResult[] = [];
    for (const vendor of vendors) {
      results.push(await watchVendor(vendor, { specsDir: args.specs, url: args.sources.get(vendor), outDir, limits: args.limits }));
    }

    const github = issueContext(process.env);
    let issues: Map<string, IssueNote> | undefined;
    let problem: string | undefined;
    if (github) {
      try {
        issues = await github.tracker.sync(results, github.context);
      } catch (error) {
        if (!(error instanceof GitHubError)) throw error;
        problem = error.message;
      }
    } else {
      console.error('specs:watch: GITHUB_TOKEN and GITHUB_REPOSITORY are not both set, so no issue is opened, updated or closed');
    }

    const summary = summaryMarkdown(results, { issues, problem });
    process.stdout.write(summary);
    writeFileSync(join(outDir, 'summary.md'), summary);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
    if (problem) {
      console.error(`specs:watch: the vendors' issues could not be updated: ${problem}`);
      return 2;
    }
    return results.some((r) => r.status === 'drift' || r.status === 'unreachable') ? 1 : 0;
  } finally {
    if (!args.out) rmSync(outDir, { recursive: true, force: true });
  }
}
