#!/usr/bin/env node
// switchboard-spec-tools <generate|diff|drift|review|watch> …: the spec tools of this repository.
// The root scripts run it (`pnpm specs:diff`, `specs:review`, `specs:drift`, `specs:watch`), and so
// does each vendor package's `generate`. Each command's flags and exit codes are in its cli.ts.
import { runCommand } from './command.js';
import { diffCommand } from './diff/cli.js';
import { driftCommand } from './drift/cli.js';
import { generateCommand } from './generate/cli.js';
import { reviewCommand } from './review/cli.js';
import { watchCommand } from './watch/cli.js';

/** Each command, with the name its messages start with and its exit code when it cannot run. */
const COMMANDS: Record<string, { name: string; main: (argv: string[]) => Promise<number>; failure: number }> = {
  // The generator has no verdict: any failure is 1, as `node scripts/generate-client-metadata.mjs` had it.
  generate: { name: 'generate', main: generateCommand, failure: 1 },
  diff: { name: 'specs:diff', main: diffCommand, failure: 2 },
  drift: { name: 'specs:drift', main: driftCommand, failure: 2 },
  review: { name: 'specs:review', main: reviewCommand, failure: 2 },
  watch: { name: 'specs:watch', main: watchCommand, failure: 2 },
};

const [command = '', ...argv] = process.argv.slice(2);
const chosen = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
if (chosen) {
  process.exitCode = await runCommand(chosen.name, () => chosen.main(argv), chosen.failure);
} else {
  console.error(`usage: switchboard-spec-tools <${Object.keys(COMMANDS).join('|')}> …`);
  process.exitCode = 2;
}
