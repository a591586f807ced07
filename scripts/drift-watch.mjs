#!/usr/bin/env node
// The drift watch (`pnpm specs:watch`, run daily by .github/workflows/drift-watch.yml): for each
// vendor, fetch the OpenAPI document it publishes (the `source` in specs/<vendor>/drift.yaml),
// compare our spec with it as `specs:drift --check` does, and report every vendor as clean,
// drift, unreachable or not watched (see scripts/drift/watch.mjs).
//
//   node scripts/drift-watch.mjs [--vendor <v>] [--source <v>=<url>]... [--out <dir>]
//                                [--specs <dir>] [--max-bytes <n>] [--timeout-ms <n>]
//
// --source replaces a vendor's document URL (a mirror, a local server); --out keeps the
// downloaded documents, each drift report and summary.md; --specs is the folder of vendor specs
// (default specs/). The Markdown summary goes to stdout and, in GitHub Actions, to
// $GITHUB_STEP_SUMMARY. With GITHUB_TOKEN and GITHUB_REPOSITORY set, each vendor's issue is
// opened, updated or closed through the REST API at GITHUB_API_URL (scripts/drift/github-issues.mjs).
//
// Exit codes: 0 every watched vendor clean, 1 a vendor drifted or its document was unreachable,
// 2 could not run (bad usage, a malformed drift.yaml, the issues could not be updated).
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIssueTracker, GitHubError } from './drift/github-issues.mjs';
import { CannotRun } from './drift/load.mjs';
import { DOWNLOAD_LIMITS, watchVendor } from './drift/watch.mjs';
import { summaryMarkdown } from './drift/watch-markdown.mjs';

const USAGE = 'usage: specs:watch [--vendor <vendor>] [--source <vendor>=<url>]... [--out <dir>] [--specs <dir>] [--max-bytes <n>] [--timeout-ms <n>]';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function positiveInteger(flag, value) {
  if (!/^[1-9]\d*$/.test(value)) throw new CannotRun(`${flag} must be a positive integer, got ${value}`);
  return Number(value);
}

function parseArgs(argv) {
  const args = { vendor: undefined, sources: new Map(), out: undefined, specs: join(ROOT, 'specs'), limits: { ...DOWNLOAD_LIMITS } };
  for (let i = 0; i < argv.length; i++) {
    const equals = argv[i].startsWith('--') ? argv[i].indexOf('=') : -1;
    const [flag, inline] = equals > 0 ? [argv[i].slice(0, equals), argv[i].slice(equals + 1)] : [argv[i], undefined];
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
      args.sources.set(match[1], match[2]);
    } else throw new CannotRun(`unknown argument ${argv[i]}; ${USAGE}`);
  }
  return args;
}

/** The vendor folders of `specs` (each holds an openapi.yaml), sorted. */
function listVendors(specs) {
  if (!existsSync(specs)) throw new CannotRun(`no specs folder at ${specs}`);
  return readdirSync(specs, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(specs, entry.name, 'openapi.yaml')))
    .map((entry) => entry.name)
    .sort();
}

/** Where the issues are, when this runs with a token for them (GitHub Actions sets all but the token). */
function issueContext(env) {
  if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) return undefined;
  const runUrl = env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return {
    tracker: createIssueTracker({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', repository: env.GITHUB_REPOSITORY, token: env.GITHUB_TOKEN }),
    context: { checkedAt: new Date().toISOString(), runUrl },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const known = listVendors(args.specs);
  for (const vendor of [args.vendor, ...args.sources.keys()].filter(Boolean)) {
    if (!known.includes(vendor)) throw new CannotRun(`no vendor ${vendor} in ${args.specs} (vendors: ${known.join(', ')})`);
  }
  const vendors = args.vendor ? [args.vendor] : known;
  const outDir = args.out ?? mkdtempSync(join(tmpdir(), 'drift-watch-'));
  mkdirSync(outDir, { recursive: true });
  try {
    const results = [];
    for (const vendor of vendors) {
      results.push(await watchVendor(vendor, { specsDir: args.specs, url: args.sources.get(vendor), outDir, limits: args.limits }));
    }

    const github = issueContext(process.env);
    let issues;
    let problem;
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

try {
  process.exitCode = await main();
} catch (error) {
  // Exit 1 means "a vendor needs a look", so a crash must not exit 1 too.
  console.error(error instanceof CannotRun ? `specs:watch: ${error.message}` : error);
  process.exitCode = 2;
}
