import type { PhoneNumber } from '@switchboard/phone-numbers';
import type { Outcome } from './commands.js';
import { terminalJson, terminalText } from './terminal.js';

/** What goes to stdout: JSON for scripts, or an aligned table and a summary line for people; vendor text made inert (terminal.ts). */
export function render(outcome: Outcome, json: boolean): string {
  return json ? `${terminalJson(toJson(outcome))}\n` : toTable(outcome);
}

function toJson(outcome: Outcome): unknown {
  switch (outcome.kind) {
    case 'numbers': {
      const numbers = outcome.numbers.map(withoutRaw);
      return outcome.single ? numbers[0] : numbers;
    }
    case 'available':
      return outcome.numbers;
    case 'released':
      return { vendor: outcome.vendor, id: outcome.id, released: true };
  }
}

/**
 * `raw` is the vendor's own object, which can hold credentials (Vapi sends back server secrets
 * and headers, Twilio tokens): the CLI prints only the vendor-neutral fields.
 */
function withoutRaw({ raw: _raw, ...number }: PhoneNumber): Omit<PhoneNumber, 'raw'> {
  return number;
}

/** What tables and messages say for a number the vendor holds without one (`--json` keeps `null`), rather than an empty-looking `-`. */
export const NO_NUMBER = '(no number)';

function toTable(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'numbers': {
      const rows = outcome.numbers.map((n) => [n.vendor, n.id, n.number ?? NO_NUMBER, n.kind, n.agentId, n.name]);
      return table(['VENDOR', 'ID', 'NUMBER', 'KIND', 'AGENT', 'NAME'], rows, summary(rows.length, outcome.verb));
    }
    case 'available': {
      const rows = outcome.numbers.map((n) => [n.vendor, n.number]);
      return table(['VENDOR', 'NUMBER'], rows, summary(rows.length, 'available'));
    }
    case 'released':
      return table(['VENDOR', 'ID'], [[outcome.vendor, outcome.id]], summary(1, 'released'));
  }
}

export function summary(count: number, verb?: string): string {
  return `${count} number${count === 1 ? '' : 's'}${verb === undefined ? '' : ` ${verb}`}`;
}

export function table(header: string[], rows: (string | null)[][], footer: string): string {
  if (rows.length === 0) return `${footer}\n`;
  const cells = [header, ...rows.map((row) => row.map((value) => (value === null || value === '' ? '-' : terminalText(value))))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  // No padding after the last column: no trailing spaces for `grep`/`awk` to trip on.
  const lines = cells.map((row) => row.map((value, column) => (column === row.length - 1 ? value : value.padEnd(widths[column]!))).join('  '));
  return `${lines.join('\n')}\n${footer}\n`;
}
