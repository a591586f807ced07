import { ValidationError } from '@switchboard/core';
import { VENDOR_CAPABILITIES, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';

/** One number as the file wants it. */
export interface DesiredNumber {
  vendor: VendorName;
  /** The E.164 number; or, for a number the vendor holds without one (SIP), its `id`. */
  number?: string;
  id?: string;
  /** The agent that answers it; null: none. */
  agent: string | null;
  /** Its name where the vendor has names; left out: the name is not managed. null clears it. */
  name?: string | null;
  /** Where it is written (1-based), for messages. */
  line: number;
}

/** A checked `switchboard.yaml`. */
export interface NumbersFile {
  /** The file's name, as messages give it. */
  file: string;
  numbers: DesiredNumber[];
}

/** One thing wrong in the file, where it is. */
export interface FileProblem {
  line: number;
  column: number;
  /** The path of the value at fault: `numbers[2].number`. */
  field: string;
  rule: string;
  reason: string;
}

/**
 * A `switchboard.yaml` that cannot be used: every problem found, each with its line. The first
 * problem is the error's `field`, `rule` and `reason`. Nothing was sent to any vendor.
 */
export class NumbersFileError extends ValidationError {
  static override readonly kind: string = 'NumbersFileError';
  readonly file: string;
  readonly problems: readonly FileProblem[];

  constructor(file: string, problems: readonly FileProblem[]) {
    const [first] = problems as [FileProblem];
    super(first.field, first.rule, first.reason);
    this.file = file;
    this.problems = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})` : '';
    // The location leads, as compilers and linters write it; the stack's headline follows.
    const headline = `${this.name}: ${this.message}`;
    this.message = `${describeProblem(file, first)}${more}`;
    if (this.stack?.startsWith(headline)) this.stack = `${this.name}: ${this.message}${this.stack.slice(headline.length)}`;
  }
}

/** `switchboard.yaml:7:13: numbers[2].number: must be …` */
export function describeProblem(file: string, problem: FileProblem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.field}: ${problem.reason}`;
}

// The rules of the file, shared with its JSON Schema (schema.ts).
export const E164 = /^\+[1-9]\d{1,14}$/;
/** What an id or an agent id may hold: visible ASCII, no spaces (every vendor's ids are such). */
export const ID = /^[\x21-\x7e]{1,200}$/;
/** The facade's limit on a name. */
export const MAX_NAME = 100;
export const ENTRY_KEYS = ['vendor', 'number', 'id', 'agent', 'name'] as const;

/**
 * Read and check a `switchboard.yaml`. The vendors and what each has (names, for one) come from
 * `@switchboard/phone-numbers`' registry. Throws `NumbersFileError` listing every problem, each
 * with its line: YAML syntax, an unknown vendor or key, an invalid or duplicate number, a name for
 * a vendor without names.
 */
export function parseNumbersFile(text: string, file: string): NumbersFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: FileProblem[] = [];
  const at = (node: Node | null | undefined, fallback: number) => lineCounter.linePos(node?.range?.[0] ?? fallback);
  const report = (node: Node | null | undefined, field: string, rule: string, reason: string, fallback = 0) => {
    const { line, col } = at(node, fallback);
    problems.push({ line, column: col, field, rule, reason });
  };

  for (const error of document.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push({ line, column: col, field: '(yaml)', rule: 'syntax', reason: error.message.split('\n', 1)[0]! });
  }
  if (problems.length > 0) throw new NumbersFileError(file, problems);

  const root = document.contents;
  const numbers: DesiredNumber[] = [];
  if (!isMap(root)) {
    report(root, 'numbers', 'required', 'the file must be a map with a `numbers:` list');
    throw new NumbersFileError(file, problems);
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'numbers') report(pair.key as Node, key || '(key)', 'unknown', 'is not a key of the file (only `numbers`)');
  }
  const list = root.get('numbers', true);
  if (!isSeq(list)) {
    report(list ?? root, 'numbers', list === undefined ? 'required' : 'type', 'must be a list of numbers');
    throw new NumbersFileError(file, problems);
  }

  const seen = new Map<string, number>();
  for (const [index, item] of list.items.entries()) {
    const path = `numbers[${index}]`;
    if (!isMap(item)) {
      report(item as Node, path, 'type', 'must be a map (vendor, number or id, agent, name)');
      continue;
    }
    const entry = readEntry(item as YAMLMap, path);
    if (!entry) continue;
    const key = `${entry.vendor} ${entry.number === undefined ? `id ${entry.id}` : entry.number}`;
    const earlier = seen.get(key);
    const field = entry.number === undefined ? 'id' : 'number';
    if (earlier !== undefined)
      report(item.get(field, true) as Node, `${path}.${field}`, 'duplicate', `is listed twice for ${entry.vendor} (also on line ${earlier})`);
    else seen.set(key, entry.line);
    numbers.push(entry);
  }
  if (problems.length > 0) throw new NumbersFileError(file, problems);
  return { file, numbers };

  /** One entry, checked; undefined when it has a problem (reported). */
  function readEntry(item: YAMLMap, path: string): DesiredNumber | undefined {
    const before = problems.length;
    const line = at(item, 0).line;
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(ENTRY_KEYS as readonly string[]).includes(key))
        report(pair.key as Node, `${path}.${key || '(key)'}`, 'unknown', `is not a key of a number (${ENTRY_KEYS.join(', ')})`);
    }
    const value = (key: string) => {
      const node = item.get(key, true) as Node | undefined;
      const resolved = isAlias(node) ? node.resolve(document) : node;
      return { node, present: item.has(key), value: isScalar(resolved) ? resolved.value : resolved === undefined ? undefined : (resolved as Node).toJSON() };
    };

    const vendor = value('vendor');
    if (!vendor.present) report(item, `${path}.vendor`, 'required', `is required (${VENDOR_NAMES.join(', ')})`);
    else if (!VENDOR_NAMES.includes(vendor.value as VendorName)) report(vendor.node, `${path}.vendor`, 'enum', `must be one of ${VENDOR_NAMES.join(', ')}`);
    const capabilities = VENDOR_NAMES.includes(vendor.value as VendorName) ? VENDOR_CAPABILITIES[vendor.value as VendorName] : undefined;

    const number = value('number');
    const id = value('id');
    if (number.present === id.present) {
      report(number.present ? id.node : item, `${path}.number`, number.present ? 'conflict' : 'required', 'give exactly one of number (E.164) and id');
    } else if (number.present && typeof number.value !== 'string') {
      // YAML reads +14155550101 unquoted as the integer 14155550101.
      report(number.node, `${path}.number`, 'type', "must be a quoted string: '+14155550101' (YAML reads an unquoted number as an integer)");
    } else if (number.present && !E164.test(number.value as string)) {
      report(number.node, `${path}.number`, 'e164', 'must be an E.164 number: + and 2 to 15 digits, no spaces');
    } else if (id.present && (typeof id.value !== 'string' || !ID.test(id.value))) {
      report(id.node, `${path}.id`, 'format', 'must be a quoted id: 1 to 200 visible characters, no spaces');
    }

    const agent = value('agent');
    if (!agent.present) report(item, `${path}.agent`, 'required', 'is required: the agent that answers the number, or null for none');
    else if (agent.value !== null && (typeof agent.value !== 'string' || !ID.test(agent.value))) {
      report(agent.node, `${path}.agent`, 'format', 'must be a quoted agent id (1 to 200 visible characters, no spaces) or null');
    }

    const name = value('name');
    if (name.present && capabilities?.names === false) {
      report(name.node, `${path}.name`, 'unsupported', `${vendor.value as string} numbers have no name: leave name out`);
    } else if (name.present && name.value !== null && (typeof name.value !== 'string' || name.value.length === 0 || [...name.value].length > MAX_NAME)) {
      report(name.node, `${path}.name`, 'format', `must be text of 1 to ${MAX_NAME} characters, or null to clear it`);
    }

    if (problems.length > before) return undefined;
    return {
      vendor: vendor.value as VendorName,
      ...(number.present ? { number: number.value as string } : { id: id.value as string }),
      agent: agent.value as string | null,
      ...(name.present ? { name: name.value as string | null } : {}),
      line,
    };
  }
}
