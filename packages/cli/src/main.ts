import type { RequestEvent } from '@switchboard/phone-numbers';
import type { NumbersFile } from '@switchboard/plan';
import { type Command, isFileCommand, parseInvocation } from './args.js';
import { runCommand } from './commands.js';
import { openSession, type Session } from './environment.js';
import { describeError, EXIT_FAILURE, EXIT_USAGE, findCause } from './errors.js';
import { type Embedded, MockStartError } from './mocks.js';
import { render } from './output.js';
import { createProgress } from './progress.js';
import { serveSandbox } from './sandbox.js';
import { withSecrets } from './secrets.js';
import { terminalLine } from './terminal.js';
import { usage, version } from './usage.js';

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * plan-apply.ts brings the YAML parser, a quarter or more of the CPU a start of the CLI costs: only `plan`,
 * `apply` and `audit` load it, so every other command (and every usage error) starts without it.
 */
type FileCommands = typeof import('./plan-apply.js');

/** Run one command line; resolves with the exit status. Output goes to stdout, everything else to stderr. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const progress = createProgress(process.stderr);
  let interrupted = false;
  // Every stderr line goes through here: messages and events can quote what a vendor sent.
  const say = (line: string) => {
    progress.clear();
    process.stderr.write(`${terminalLine(line)}\n`);
  };
  // With --detailed-exitcode, 2 means "changes pending" (as Terraform's): every error is 1 then.
  const detailedExitcode = argv.includes('--detailed-exitcode');
  // Loaded for a file command only; a file's problems (one line each) can only come from it.
  let fileCommands: FileCommands | undefined;
  const fail = (error: unknown) => {
    const { message, exitCode } = describeError(error);
    if (!interrupted) for (const line of fileCommands?.fileProblemLines(error) ?? [message]) say(`switchboard: ${line}`);
    return exitCode === EXIT_USAGE && detailedExitcode ? EXIT_FAILURE : exitCode;
  };

  let command: Command;
  let json: boolean;
  let embedded: Embedded | null;
  let verbose: boolean;
  let desired: NumbersFile | undefined;
  let regionUrl: string | undefined;
  try {
    const invocation = parseInvocation(argv);
    if (invocation.kind === 'sandbox') return await serveSandbox(invocation.vendor, (line) => say(`switchboard: ${line}`));
    if (invocation.kind !== 'run') {
      process.stdout.write(invocation.kind === 'help' ? usage() : `${version()}\n`);
      return 0;
    }
    ({ command, json, embedded, verbose, regionUrl } = invocation);
    if (command.name === 'create') {
      for (const warning of command.warnings) say(`switchboard: ${warning}`);
      command = { ...command, input: await withSecrets(command.input, command.secretFromStdin, env, process.stdin) };
    }
    if (isFileCommand(command)) {
      fileCommands = await import('./plan-apply.js');
      desired = fileCommands.prepareFileCommand(command, process.stdin);
    }
  } catch (error) {
    return fail(error);
  }

  let session: Session | undefined;
  // Prism runs in child processes: stop them before leaving, also when interrupted (mocks still
  // starting are given up at once). A repeated signal does not cut that short: stopping is bounded.
  const interrupt = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say('switchboard: interrupted');
    void Promise.resolve(session?.close()).finally(() => process.exit(SIGNAL_EXIT[signal] ?? 1));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    session = openSession({ vendor: command.vendor, embedded, regionUrl }, env, {
      notice: say,
      progress: progress.show,
      ...(verbose ? { event: (event: RequestEvent) => say(`switchboard: ${describeEvent(event)}`) } : {}),
    });
    if (isFileCommand(command)) {
      const write = (text: string) => (progress.clear(), process.stdout.write(text));
      const io = { json, write, say: (line: string) => say(`switchboard: ${line}`), progress: progress.show, stdin: process.stdin };
      const exitCode = await fileCommands!.runFileCommand(command, desired, session.switchboard, io);
      return interrupted ? 1 : exitCode;
    }
    const outcome = await runCommand(command, session.switchboard, progress.show);
    progress.clear();
    if (interrupted) return 1;
    // The partial inventory is printed (when there is one); each vendor that failed gets its own line, and the run fails.
    const failures = outcome.kind === 'numbers' ? (outcome.failures ?? []) : [];
    if (failures.length === 0 || outcome.kind !== 'numbers' || outcome.numbers.length > 0) process.stdout.write(render(outcome, json));
    for (const { vendor, error } of failures) say(`switchboard: ${vendor}: ${describeError(error).message}`);
    return failures.length > 0 ? 1 : 0;
  } catch (error) {
    // Ctrl-C signals the whole process group: the Prism processes still starting die of it, and
    // their exit can be seen before this process's own handler runs. It is the same interruption.
    const killedBy = findCause(error, MockStartError)?.killedBy;
    if (killedBy === 'SIGINT' || killedBy === 'SIGTERM') interrupt(killedBy);
    return fail(error);
  } finally {
    await session?.close();
    progress.clear();
    // Once interrupted, the handler owns the exit.
    if (!interrupted) {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  }
}

/** One `--verbose` line: what went out and what came back (events carry no body, header or secret). */
function describeEvent(event: RequestEvent): string {
  const head = `${event.vendor} ${event.operation} ${event.method} ${event.url} (attempt ${event.attempt})`;
  switch (event.type) {
    case 'request':
      return `→ ${head}`;
    case 'response':
      return `← ${head}: ${event.status} in ${event.durationMs} ms${event.requestId === undefined ? '' : `, request id ${event.requestId}`}`;
    case 'retry':
      return `↻ ${head}: ${event.reason}; retrying in ${Math.round(event.delayMs)} ms`;
    case 'deadline':
      return `⌛ ${head}: a retry in ${Math.round(event.delayMs)} ms would pass the deadline; giving up`;
    case 'error':
      return `✗ ${head}: ${event.error.message} after ${event.durationMs} ms`;
  }
}
