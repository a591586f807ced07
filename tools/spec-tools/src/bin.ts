#!/usr/bin/env node
// switchboard-spec-tools <generate|diff|drift|review|watch|reliability-doc> …: the spec tools of this
// repository. The root scripts run it (`pnpm specs:diff`, `specs:review`, `specs:drift`, `specs:watch`,
// `docs:reliability`, and `generate:code`, the generate step of `pnpm generate`). Each command's
// flags and exit codes are in its cli.ts.
import { runCommand } from './command.js';

type Main = (argv: string[]) => Promise<number>;

/**
 * Each command: the name its messages start with, its exit code when it cannot run, and its
 * module, loaded alone (the review's TypeScript compiler is no cost of a diff).
 */
const COMMANDS: Record<string, { name: string; failure: number; load: () => Promise<Main> }> = {
  // The generator has no verdict: any failure is 1, as `node scripts/generate-client-metadata.mjs` had it.
  generate: { name: 'generate', failure: 1, load: async () => (await import('./generate/cli.js')).generateCommand },
  diff: { name: 'specs:diff', failure: 2, load: async () => (await import('./diff/cli.js')).diffCommand },
  drift: { name: 'specs:drift', failure: 2, load: async () => (await import('./drift/cli.js')).driftCommand },
  review: { name: 'specs:review', failure: 2, load: async () => (await import('./review/cli.js')).reviewCommand },
  watch: { name: 'specs:watch', failure: 2, load: async () => (await import('./watch/cli.js')).watchCommand },
  'reliability-doc': { name: 'docs:reliability', failure: 2, load: async () => (await import('./reliability/cli.js')).reliabilityDocCommand },
};

const [command = '', ...argv] = process.argv.slice(2);
const chosen = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
if (chosen) {
  const main = await chosen.load();
  process.exitCode = await runCommand(chosen.name, () => main(argv), chosen.failure);
} else {
  console.error(`usage: switchboard-spec-tools <${Object.keys(COMMANDS).join('|')}> …`);
  process.exitCode = 2;
}
