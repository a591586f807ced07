import { CannotRun } from './cannot-run.js';

/**
 * Runs one command of the bin and gives its exit code. A `CannotRun` is printed as one line after
 * the command's name (`specs:diff: unknown git ref main~9`), anything else with its stack; both
 * exit `failure`, 2 for the commands whose 1 means "the check failed".
 */
export async function runCommand(name: string, main: () => Promise<number>, failure = 2): Promise<number> {
  try {
    return await main();
  } catch (error) {
    console.error(error instanceof CannotRun ? `${name}: ${error.message}` : error);
    return failure;
  }
}

/** `--flag=value` as `['--flag', 'value']`; any other argument as `[argument, undefined]`. */
export function splitFlag(argument: string): [string, string | undefined] {
  const equals = argument.startsWith('--') ? argument.indexOf('=') : -1;
  return equals > 0 ? [argument.slice(0, equals), argument.slice(equals + 1)] : [argument, undefined];
}
