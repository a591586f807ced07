import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Switchboard, VendorName } from '@switchboard/phone-numbers';
import {
  type ApplyResult,
  apply,
  audit,
  describeProblem,
  type HeldNumber,
  type NumbersFile,
  NumbersFileError,
  type Plan,
  parseNumbersFile,
  plan,
} from '@switchboard/plan';
import { type FileCommand, UsageError } from './args.js';
import { ConfigError, keyVariable } from './environment.js';
import { describeError, EXIT_FAILURE } from './errors.js';
import { NO_NUMBER, summary, table } from './output.js';
import { terminalJson } from './terminal.js';

/** With `--detailed-exitcode`: changes are pending (0: none, 1: an error). */
const EXIT_CHANGES = 2;

export interface FileCommandIo {
  json: boolean;
  /** To stdout (the plan, the results). */
  write(text: string): void;
  /** One line to stderr. */
  say(line: string): void;
  progress(text: string): void;
  /** Standard input, to ask before applying. */
  stdin: NodeJS.ReadStream;
}

/**
 * What a numbers-as-code command needs before any vendor is asked: the file, read and checked
 * (a `NumbersFileError` names every problem's line), and, for `apply` without `--yes`, a terminal
 * to ask on. Nothing is sent when this throws.
 */
export function prepareFileCommand(command: FileCommand, stdin: NodeJS.ReadStream): NumbersFile | undefined {
  if (command.name === 'apply' && !command.yes && !stdin.isTTY) {
    throw new UsageError('apply asks before it changes anything, and standard input is not a terminal: pass --yes to apply without asking');
  }
  if (command.name === 'audit') return undefined;
  let text: string;
  try {
    text = readFileSync(command.file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${command.file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return parseNumbersFile(text, command.file);
}

/** Each problem of a file error on its own line (`switchboard.yaml:7:13: numbers[2].number: …`); undefined for any other error. */
export function fileProblemLines(error: unknown): string[] | undefined {
  return NumbersFileError.isInstance(error) ? error.problems.map((problem) => describeProblem(error.file, problem)) : undefined;
}

/** Run `plan`, `apply` or `audit`; resolves with the exit status. */
export async function runFileCommand(command: FileCommand, desired: NumbersFile | undefined, switchboard: Switchboard, io: FileCommandIo): Promise<number> {
  if (command.name === 'audit') {
    io.progress(`Auditing ${switchboard.vendors.join(', ')}…`);
    const report = await audit(switchboard);
    io.write(io.json ? `${terminalJson({ ...numbersJson(report), failures: failuresJson(report.failures) })}\n` : auditTable(report));
    for (const { vendor, error } of report.failures) io.say(`${vendor}: ${describeError(error).message}`);
    return report.failures.length > 0 ? EXIT_FAILURE : 0;
  }

  io.progress(`Planning ${desired!.file} against ${switchboard.vendors.join(', ')}…`);
  const planned = await plan(desired!, switchboard);
  const problems = planProblems(planned);
  if (command.name === 'plan' || problems.length > 0 || planned.changes.length === 0) {
    io.write(
      io.json ? `${terminalJson(command.name === 'plan' ? planJson(planned) : { plan: planJson(planned), applied: [], failed: [] })}\n` : planTable(planned),
    );
    for (const line of problems) io.say(line);
    if (problems.length > 0) return EXIT_FAILURE;
    return command.name === 'plan' && command.detailedExitcode && planned.changes.length > 0 ? EXIT_CHANGES : 0;
  }

  if (!io.json) io.write(planTable(planned));
  if (!command.yes && !(await confirm(io))) {
    io.say('apply cancelled: nothing was changed');
    return EXIT_FAILURE;
  }
  io.progress(`Applying ${planned.changes.length} change${planned.changes.length === 1 ? '' : 's'}…`);
  const result = await apply(planned, switchboard);
  // A blank line after the plan shown above.
  io.write(io.json ? `${terminalJson({ plan: planJson(planned), ...resultJson(result) })}\n` : `\n${resultTable(result)}`);
  for (const { change, error } of result.failed)
    io.say(`${change.vendor} ${change.number ?? NO_NUMBER} (${desired!.file}:${change.line}): ${describeError(error).message}`);
  return result.failed.length > 0 ? EXIT_FAILURE : 0;
}

/** Ask on the terminal (the plan is on screen); only `yes` applies, as Terraform asks. */
async function confirm(io: FileCommandIo): Promise<boolean> {
  const terminal = createInterface({ input: io.stdin, output: process.stderr });
  try {
    const answer = await terminal.question('Apply these changes at the vendors? Only "yes" applies: ');
    return answer.trim() === 'yes';
  } finally {
    terminal.close();
  }
}

/** One stderr line per plan error and per vendor that could not be listed. */
function planProblems(planned: Plan): string[] {
  const errors = planned.errors.map(({ vendor, line, rule, message }) =>
    // The CLI configures the vendors that have a key: name the variable rather than the switchboard.
    rule === 'not-configured' ? `${planned.file}:${line}: ${keyVariable(vendor as VendorName)} is not set: the file lists ${vendor} numbers` : message,
  );
  return [...errors, ...planned.failures.map(({ vendor, error }) => `${vendor}: ${describeError(error).message}`)];
}

const arrow = (change: { from: string | null; to: string | null }) => `${change.from ?? '-'} → ${change.to ?? '-'}`;

function planTable(planned: Plan): string {
  const changes =
    planned.changes.length === 0
      ? `No changes: the vendors match ${planned.file}.\n`
      : table(
          ['CHANGE', 'VENDOR', 'NUMBER', 'ID', 'LINE', 'AGENT', 'NAME'],
          planned.changes.map((change) => [
            change.actions.join(', '),
            change.vendor,
            change.number ?? NO_NUMBER,
            change.id,
            String(change.line),
            change.agent ? arrow(change.agent) : null,
            change.name ? arrow(change.name) : null,
          ]),
          `${summary(planned.changes.length)} to change`,
        );
  const unmanaged =
    planned.unmanaged.length === 0
      ? ''
      : `\n${numbersTable(planned.unmanaged, `${summary(planned.unmanaged.length)} not in ${planned.file} (unmanaged: left alone)`)}`;
  return changes + unmanaged;
}

function resultTable({ applied, failed }: ApplyResult): string {
  const rows = [...applied.map((change) => ['applied', change] as const), ...failed.map(({ change }) => ['failed', change] as const)].map(
    ([result, change]) => [result, change.vendor, change.number ?? NO_NUMBER, change.id, change.actions.join(', ')],
  );
  return table(['RESULT', 'VENDOR', 'NUMBER', 'ID', 'CHANGE'], rows, `${summary(applied.length)} changed, ${failed.length} failed`);
}

function auditTable(report: Awaited<ReturnType<typeof audit>>): string {
  const held = (number: HeldNumber) => `${number.vendor} ${number.number ?? NO_NUMBER} (${number.id})`;
  return [
    numbersTable(report.withoutAgent, `${summary(report.withoutAgent.length)} without an agent`),
    table(
      ['NUMBER', 'HELD BY'],
      report.heldAtSeveralVendors.map(({ number, holders }) => [number, holders.map(held).join(', ')]),
      `${summary(report.heldAtSeveralVendors.length)} held at several vendors`,
    ),
    table(
      ['AGENT', 'ANSWERS'],
      report.agentsAtSeveralVendors.map(({ agentId, numbers }) => [agentId, numbers.map(held).join(', ')]),
      `${report.agentsAtSeveralVendors.length} agent${report.agentsAtSeveralVendors.length === 1 ? '' : 's'} answering at several vendors`,
    ),
  ].join('\n');
}

function numbersTable(numbers: readonly HeldNumber[], footer: string): string {
  return table(
    ['VENDOR', 'NUMBER', 'ID', 'AGENT', 'NAME'],
    numbers.map((number) => [number.vendor, number.number ?? NO_NUMBER, number.id, number.agentId, number.name]),
    footer,
  );
}

// JSON: the neutral fields only, as `numbers list --json` (a vendor's `raw` can hold secrets); errors by their message.

function planJson(planned: Plan) {
  return {
    file: planned.file,
    changes: planned.changes,
    errors: planned.errors,
    unmanaged: planned.unmanaged.map(neutral),
    failures: failuresJson(planned.failures),
  };
}

function resultJson({ applied, failed }: ApplyResult) {
  return { applied, failed: failed.map(({ change, error }) => ({ ...change, error: describeError(error).message })) };
}

function numbersJson(report: Awaited<ReturnType<typeof audit>>) {
  return {
    withoutAgent: report.withoutAgent.map(neutral),
    heldAtSeveralVendors: report.heldAtSeveralVendors.map(({ number, holders }) => ({ number, holders: holders.map(neutral) })),
    agentsAtSeveralVendors: report.agentsAtSeveralVendors.map(({ agentId, numbers }) => ({ agentId, numbers: numbers.map(neutral) })),
  };
}

function failuresJson(failures: Plan['failures']) {
  return failures.map(({ vendor, error }) => ({ vendor, error: describeError(error).message }));
}

function neutral({ raw: _raw, ...number }: HeldNumber): Omit<HeldNumber, 'raw'> {
  return number;
}
