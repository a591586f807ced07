import { VENDOR_CAPABILITIES, VENDOR_NAMES } from '@switchboard/phone-numbers';
import { E164, type ENTRY_KEYS, ID, MAX_NAME } from './file.js';

/**
 * The JSON Schema of `switchboard.yaml` (draft-07, which editors' YAML support reads), from the
 * registry: the vendors, and which of them have no names. `parseNumbersFile` checks the same rules
 * and more (duplicates); the schema is for editors.
 */
export function numbersFileSchema(): Record<string, unknown> {
  const withoutNames = VENDOR_NAMES.filter((vendor) => VENDOR_CAPABILITIES[vendor].names === false);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'switchboard.yaml',
    description: 'Which agent answers which number, at every vendor: `switchboard plan` shows what differs, `switchboard apply` makes it so.',
    type: 'object',
    additionalProperties: false,
    required: ['numbers'],
    properties: {
      numbers: {
        type: 'array',
        description: 'The numbers to manage; numbers the vendors hold that are not listed are left alone.',
        items: { $ref: '#/definitions/number' },
      },
    },
    definitions: {
      number: {
        type: 'object',
        additionalProperties: false,
        required: ['vendor', 'agent'],
        properties: {
          vendor: { enum: [...VENDOR_NAMES], description: 'The vendor that holds the number.' },
          number: { type: 'string', pattern: E164.source, description: "The E.164 number, quoted: '+14155550101'." },
          id: { type: 'string', pattern: ID.source, description: 'The id the vendor gives the number, for a number without an E.164 number (SIP).' },
          agent: { type: ['string', 'null'], pattern: ID.source, description: 'The agent that answers the number; null: none.' },
          name: {
            type: ['string', 'null'],
            minLength: 1,
            maxLength: MAX_NAME,
            description: 'Its name (where the vendor has names); null clears it; left out: not managed.',
          },
        } satisfies Record<(typeof ENTRY_KEYS)[number], unknown>,
        oneOf: [{ required: ['number'] }, { required: ['id'] }],
        // Refused together: a vendor without names, and a name.
        ...(withoutNames.length > 0 ? { not: { required: ['vendor', 'name'], properties: { vendor: { enum: withoutNames } } } } : {}),
      },
    },
  };
}
