import { readFileSync } from 'node:fs';
import { VENDOR_CAPABILITIES, VENDOR_NAMES } from '@switchboard/phone-numbers';
import { NumbersFileError, numbersFileSchema, parseNumbersFile } from '@switchboard/plan';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

/** The schema editors read (`# yaml-language-server: $schema=…`), as shipped. */
const shipped = JSON.parse(readFileSync(new URL('../schema/switchboard.schema.json', import.meta.url), 'utf8'));

const named = VENDOR_NAMES.find((vendor) => VENDOR_CAPABILITIES[vendor].names !== false)!;
const unnamed = VENDOR_NAMES.find((vendor) => VENDOR_CAPABILITIES[vendor].names === false);

/** Files the parser accepts or refuses; the schema must agree on each (duplicates aside: a schema cannot see them). */
const FILES = [
  `numbers: []`,
  `numbers:\n  - { vendor: ${named}, number: '+14155550101', agent: asst-1, name: Support }`,
  `numbers:\n  - { vendor: ${named}, id: sip-1, agent: null, name: null }`,
  ...VENDOR_NAMES.map((vendor) => `numbers:\n  - { vendor: ${vendor}, number: '+14155550101', agent: a }`),
  ...(unnamed ? [`numbers:\n  - { vendor: ${unnamed}, number: '+14155550101', agent: a, name: Support }`] : []),
  `numbers:\n  - { vendor: acme, number: '+14155550101', agent: a }`,
  `numbers:\n  - { vendor: ${named}, number: +14155550101, agent: a }`,
  `numbers:\n  - { vendor: ${named}, number: '4155550101', agent: a }`,
  `numbers:\n  - { vendor: ${named}, number: '+14155550101' }`,
  `numbers:\n  - { vendor: ${named}, number: '+14155550101', id: x, agent: a }`,
  `numbers:\n  - { vendor: ${named}, agent: a }`,
  `numbers:\n  - { vendor: ${named}, number: '+14155550101', agent: 'two words' }`,
  `numbers:\n  - { vendor: ${named}, number: '+14155550101', agent: a, name: '' }`,
  `numbers:\n  - { vendor: ${named}, number: '+14155550101', agent: a, colour: blue }`,
  `numbers: {}`,
  `number: []`,
];

describe('schema/switchboard.schema.json', () => {
  test('is what the registry gives today (after adding a vendor: pnpm generate)', () => {
    expect(shipped).toEqual(numbersFileSchema());
  });

  test.each(FILES)('agrees with the parser: %s', (text) => {
    const validate = new Ajv({ allErrors: true }).compile(shipped);
    let accepted = true;
    try {
      parseNumbersFile(text, 'switchboard.yaml');
    } catch (error) {
      if (!(error instanceof NumbersFileError)) throw error;
      accepted = false;
    }
    expect(validate(parse(text))).toBe(accepted);
  });
});
