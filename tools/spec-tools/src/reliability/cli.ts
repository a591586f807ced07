// switchboard-spec-tools reliability-doc [--check]: writes the retry table of docs/reliability.md
// (./table.ts) between its markers; with --check, writes nothing and exits 1 when the document's
// table is not the one the code makes. 2 when it cannot run (no markers, an unknown flag).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CannotRun } from '../cannot-run.js';
import { REPO_ROOT } from '../paths.js';
import { retryTable, TABLE_END, TABLE_START, withRetryTable } from './table.js';

const DOC = 'docs/reliability.md';

export async function reliabilityDocCommand(argv: string[]): Promise<number> {
  const unknown = argv.find((argument) => argument !== '--check');
  if (unknown !== undefined) throw new CannotRun(`unknown argument ${unknown} (usage: reliability-doc [--check])`);
  const file = join(REPO_ROOT, DOC);
  const doc = readFileSync(file, 'utf8');
  const updated = withRetryTable(doc, retryTable(REPO_ROOT));
  if (updated === undefined) throw new CannotRun(`${DOC} has no retry table between ${TABLE_START} and ${TABLE_END}`);
  if (argv.includes('--check')) {
    if (updated === doc) return 0;
    console.error(`${DOC}: the retry table is not the one the specs and the code make: run \`pnpm docs:reliability\``);
    return 1;
  }
  if (updated !== doc) writeFileSync(file, updated);
  console.log(updated === doc ? `${DOC}: the retry table is up to date` : `${DOC}: the retry table was rewritten`);
  return 0;
}
