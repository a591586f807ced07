// `switchboard-spec-tools drift` (`pnpm specs:drift`): holds our hand-written spec against the
// vendor's own published OpenAPI document.
//
// Only the operations of our spec are compared, matched by method and path (./operations.ts);
// parameters, request bodies and success responses are compared field by field and every
// difference is classified ours-rejects / ours-accepts / docs (./compare.ts). Reviewed, intended
// differences are listed with a reason in specs/<vendor>/drift.yaml (./drift-file.ts).
//
//   switchboard-spec-tools drift --vendor <v> --against <file|url> [--json] [--check]
//                                [--ours <spec file>] [--reviewed <drift.yaml>]
//
// Exit codes: 0 report printed (with --check: every difference reviewed, no stale entry),
// 1 --check failed, 2 could not run (bad usage, unreadable document, malformed drift.yaml).
import { CannotRun } from '../cannot-run.js';
import { splitFlag } from '../command.js';
import { formatJson, formatText } from './report.js';
import { type DriftOptions, runDrift } from './run.js';

const USAGE = 'usage: spec-drift --vendor <vendor> --against <file|url> [--json] [--check] [--ours <spec>] [--reviewed <drift.yaml>]';
const VALUED = { '--vendor': 'vendor', '--against': 'against', '--ours': 'ours', '--reviewed': 'reviewed' } as const;

const isValued = (flag: string): flag is keyof typeof VALUED => Object.hasOwn(VALUED, flag);

function parseArgs(argv: string[]): DriftOptions & { json: boolean; check: boolean } {
  const values: Partial<Record<(typeof VALUED)[keyof typeof VALUED], string>> = {};
  let json = false;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]!);
    if (flag === '--json') json = true;
    else if (flag === '--check') check = true;
    else if (isValued(flag)) {
      const value = inline ?? argv[++i];
      if (!value || value.startsWith('--')) throw new CannotRun(`${flag} needs a value; ${USAGE}`);
      values[VALUED[flag]] = value;
    } else throw new CannotRun(`unknown argument ${argv[i]}; ${USAGE}`);
  }
  const { vendor, against, ours, reviewed } = values;
  if (!against) throw new CannotRun(`missing --against <file|url>; ${USAGE}`);
  if (!vendor && !ours) throw new CannotRun(`missing --vendor <vendor>; ${USAGE}`);
  if (vendor && !/^[a-z0-9-]+$/.test(vendor)) throw new CannotRun(`--vendor must be a folder name of specs/, got ${vendor}`);
  return { vendor, against, ours, reviewed, json, check };
}

export async function driftCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const result = await runDrift(args);
  console.log(args.json ? formatJson(result) : formatText(result, { check: args.check }));
  return args.check && !result.ok ? 1 : 0;
}
