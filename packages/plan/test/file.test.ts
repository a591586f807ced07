import { ValidationError, VENDOR_CAPABILITIES, VENDOR_NAMES } from '@switchboard/phone-numbers';
import { describe, expect, test } from 'vitest';
import { type FileProblem, NumbersFileError, parseNumbersFile } from '../src/index.js';

/** The problems `text` is refused with. */
function problems(text: string): FileProblem[] {
  try {
    parseNumbersFile(text, 'switchboard.yaml');
  } catch (error) {
    if (error instanceof NumbersFileError) return [...error.problems];
    throw error;
  }
  throw new Error('the file was accepted');
}

const withoutNames = VENDOR_NAMES.find((vendor) => VENDOR_CAPABILITIES[vendor].names === false);
const withNames = VENDOR_NAMES.find((vendor) => VENDOR_CAPABILITIES[vendor].names === true)!;

describe('parseNumbersFile', () => {
  test('reads each number with its line', () => {
    const file = parseNumbersFile(
      `# yaml-language-server: $schema=./node_modules/@switchboard/cli/schema/switchboard.schema.json
numbers:
  - vendor: ${withNames}
    number: '+14155550101'
    agent: asst-1
    name: Support
  - vendor: ${withNames}
    id: sip-7
    agent: null
`,
      'switchboard.yaml',
    );
    expect(file).toEqual({
      file: 'switchboard.yaml',
      numbers: [
        { vendor: withNames, number: '+14155550101', agent: 'asst-1', name: 'Support', line: 3 },
        { vendor: withNames, id: 'sip-7', agent: null, line: 7 },
      ],
    });
  });

  test('names the line, the column and the field of every problem, and the rule each breaks', () => {
    const text = `numbers:
  - vendor: acme
    number: '+14155550101'
    agent: a
  - vendor: ${withNames}
    number: +14155550102
    agent: a
  - vendor: ${withNames}
    number: '415 555 0103'
    agent: a
  - vendor: ${withNames}
    number: '+14155550104'
  - vendor: ${withNames}
    number: '+14155550105'
    id: pn-5
    agent: a
  - vendor: ${withNames}
    number: '+14155550104'
    agent: a
    colour: blue
`;
    expect(problems(text)).toEqual([
      { line: 2, column: 13, field: 'numbers[0].vendor', rule: 'enum', reason: `must be one of ${VENDOR_NAMES.join(', ')}` },
      {
        line: 6,
        column: 13,
        field: 'numbers[1].number',
        rule: 'type',
        reason: "must be a quoted string: '+14155550101' (YAML reads an unquoted number as an integer)",
      },
      { line: 9, column: 13, field: 'numbers[2].number', rule: 'e164', reason: 'must be an E.164 number: + and 2 to 15 digits, no spaces' },
      { line: 11, column: 5, field: 'numbers[3].agent', rule: 'required', reason: 'is required: the agent that answers the number, or null for none' },
      { line: 15, column: 9, field: 'numbers[4].number', rule: 'conflict', reason: 'give exactly one of number (E.164) and id' },
      { line: 20, column: 5, field: 'numbers[5].colour', rule: 'unknown', reason: 'is not a key of a number (vendor, number, id, agent, name)' },
    ]);
  });

  test('a number listed twice for one vendor names both lines', () => {
    const text = `numbers:
  - { vendor: ${withNames}, number: '+14155550101', agent: a }
  - { vendor: ${withNames}, number: '+14155550101', agent: b }
`;
    const column = text.split('\n')[2]!.indexOf("'") + 1;
    expect(problems(text)).toEqual([
      { line: 3, column, field: 'numbers[1].number', rule: 'duplicate', reason: `is listed twice for ${withNames} (also on line 2)` },
    ]);
  });

  test.runIf(withoutNames)('a name for a vendor without names is refused, from the registry', () => {
    const text = `numbers:\n  - vendor: ${withoutNames}\n    number: '+14155550101'\n    agent: a\n    name: Support\n`;
    expect(problems(text)).toEqual([
      { line: 5, column: 11, field: 'numbers[0].name', rule: 'unsupported', reason: `${withoutNames} numbers have no name: leave name out` },
    ]);
  });

  test('YAML that does not parse, or is not a list of numbers, is refused with its line', () => {
    expect(problems('numbers:\n  - vendor: vapi\n   agent: [\n')[0]).toMatchObject({ line: 3, field: '(yaml)', rule: 'syntax' });
    expect(problems('numbers: {}\n')).toEqual([{ line: 1, column: 10, field: 'numbers', rule: 'type', reason: 'must be a list of numbers' }]);
    expect(problems('number:\n  - x\n')).toEqual([
      { line: 1, column: 1, field: 'number', rule: 'unknown', reason: 'is not a key of the file (only `numbers`)' },
      { line: 1, column: 1, field: 'numbers', rule: 'required', reason: 'must be a list of numbers' },
    ]);
  });

  test('the error is a ValidationError whose message leads with the file and line, and counts the rest', () => {
    const error = (() => {
      try {
        return parseNumbersFile("numbers:\n  - vendor: acme\n    number: '1'\n    agent: a\n", 'ops/numbers.yaml');
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file: 'ops/numbers.yaml', field: 'numbers[0].vendor', rule: 'enum' });
    expect((error as Error).message).toBe(`ops/numbers.yaml:2:13: numbers[0].vendor: must be one of ${VENDOR_NAMES.join(', ')} (and 1 more problem)`);
  });
});
