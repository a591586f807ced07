#!/usr/bin/env node
import { main } from './main.js';
import { terminalLine } from './terminal.js';

// `switchboard numbers list | head -1` closes the pipe early: not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.exitCode = 1;
});

try {
  process.exitCode = await main(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(`switchboard: ${terminalLine(error instanceof Error ? error.message.split('\n', 1)[0]! : String(error))}\n`);
  process.exitCode = 1;
}
