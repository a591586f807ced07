import { readFileSync } from 'node:fs';
import { CREATE_FIELDS, type CreateType, PROVIDERS, VENDOR_CAPABILITIES, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CREATE_FIELD_FLAGS, type CreateField } from '../src/args.js';
import {
  assertFreshBuild,
  CANARY,
  cleanEnv,
  createArgs,
  escapeRegExp,
  expectNoCanary,
  expectOneLineError,
  FIXTURES,
  ID_RULES,
  KEY_VARIABLES,
  run,
} from './helpers.js';

beforeAll(assertFreshBuild);
afterAll(expectNoCanary);

interface Case {
  args: string[];
  code: 1 | 2;
  message: RegExp;
  env?: NodeJS.ProcessEnv;
}

// Where the vendor does not matter (the command line is refused before a vendor is asked), the
// registry's first vendor; where it does, every vendor, with what its capabilities, its idRule and
// its fixture say.
const [ANY] = VENDOR_NAMES as [VendorName];
const SEARCHABLE = VENDOR_NAMES.filter((vendor) => VENDOR_CAPABILITIES[vendor].searchAvailable);
const supported = (vendor: VendorName) => Object.entries(VENDOR_CAPABILITIES[vendor].create).flatMap(([type, on]) => (on ? [type] : []));
const keyOf = (vendor: VendorName) => `${vendor.toUpperCase()}_API_KEY`;

/** A create of the fixture's with a number the vendor reads as E.164, written as no E.164 number is. */
function withBadNumber(vendor: VendorName): [string, Case][] {
  const create = FIXTURES[vendor].creates.find((candidate) => typeof candidate.input.number === 'string' && candidate.input.number.startsWith('+'));
  if (create === undefined) return [];
  const { args, secrets } = createArgs({ ...create.input, number: '415-555-0123' });
  return [
    [
      `a number that is not E.164 (${vendor} ${create.name})`,
      {
        args: ['numbers', 'create', '--vendor', vendor, ...args, '--mock'],
        env: cleanEnv(Object.fromEntries(Object.keys(secrets).map((variable) => [variable, CANARY]))),
        code: 1,
        message: /^switchboard: --number: must be an E\.164 number/,
      },
    ],
  ];
}

function vendorCases(vendor: VendorName): [string, Case][] {
  const capabilities = VENDOR_CAPABILITIES[vendor];
  const refused = Object.entries(capabilities.create).find(([, on]) => !on)?.[0];
  const cases: [string, Case][] = [
    ...withBadNumber(vendor),
    [
      `an <id> ${vendor} does not take`,
      ID_RULES[vendor] === 'e164'
        ? { args: ['numbers', 'get', 'abc', '--vendor', vendor, '--mock'], code: 1, message: /^switchboard: <id>: must be an E\.164/ }
        : { args: ['numbers', 'get', '..', '--vendor', vendor, '--mock'], code: 1, message: /^switchboard: <id>: must not be "\." or "\.\."$/ },
    ],
    [
      `a --vendor ${vendor} without its key while another key is set`,
      {
        args: ['numbers', 'list', '--vendor', vendor],
        env: cleanEnv({ [keyOf(VENDOR_NAMES.find((other) => other !== vendor) ?? vendor)]: CANARY }),
        code: 2,
        message: new RegExp(`^switchboard: ${keyOf(vendor)} is not set: set it for --vendor ${vendor}, or pass --mock for the embedded mocks`),
      },
    ],
    // A deploy script with a missing secret must fail, not "release" a number on a mock.
    [
      `a ${vendor} release with no key and no --mock`,
      {
        args: ['numbers', 'release', FIXTURES[vendor].get.id, '--vendor', vendor],
        code: 2,
        message: new RegExp(`^switchboard: ${keyOf(vendor)} is not set: set it for --vendor ${vendor}, or pass --mock`),
      },
    ],
    [
      `a --region ${vendor} does not name`,
      {
        args: ['numbers', 'list', '--vendor', vendor, '--region', 'nowhere', '--mock'],
        code: 2,
        message: new RegExp(
          `^switchboard: --region must be one of ${escapeRegExp(Object.keys(PROVIDERS[vendor].baseUrls).join(', '))} for ${vendor} \\(see switchboard --help\\)$`,
        ),
      },
    ],
    [
      `a ${vendor} key a header cannot carry`,
      { args: ['numbers', 'list'], env: cleanEnv({ [keyOf(vendor)]: `${CANARY} x` }), code: 1, message: new RegExp(`^switchboard: ${keyOf(vendor)}: `) },
    ],
  ];
  if (refused !== undefined) {
    cases.push([
      `a create type ${vendor} lacks`,
      {
        args: ['numbers', 'create', '--vendor', vendor, ...createArgs({ type: refused }).args, '--mock'],
        code: 1,
        message: new RegExp(
          `^switchboard: ${vendor} cannot create a "${refused}" number \\(--type for ${vendor}: ${escapeRegExp(supported(vendor).join(', '))}\\)$`,
        ),
      },
    ]);
  }
  if (!capabilities.searchAvailable) {
    cases.push([
      `search on ${vendor}, which lacks it`,
      {
        args: ['numbers', 'search', '--vendor', vendor, '--prefix', '415', '--mock'],
        code: 1,
        message: new RegExp(
          `^switchboard: ${vendor} cannot search for numbers to buy \\(numbers search works with: ${escapeRegExp(SEARCHABLE.join(', '))}\\)$`,
        ),
      },
    ]);
  }
  // The facade's one rule for area codes (ASCII digits) runs before the vendor's own; it names the flag.
  if (capabilities.create.purchase) {
    cases.push([
      `a ${vendor} area code that is not digits`,
      {
        args: ['numbers', 'create', '--vendor', vendor, '--type', 'purchase', '--area-code', '41a', '--mock'],
        code: 1,
        message: /^switchboard: --area-code: must be digits only \(0-9\), without country code$/,
      },
    ]);
  }
  return cases;
}

/** A field of the first create type the vendor has that the type does not take. */
function strayField(vendor: VendorName): Case {
  const [type] = supported(vendor) as [CreateType];
  const field = Object.keys(CREATE_FIELD_FLAGS).find((candidate) => !createFields(type).includes(candidate)) as CreateField;
  const flag = CREATE_FIELD_FLAGS[field].flag;
  return {
    args: ['numbers', 'create', '--vendor', vendor, '--type', type, `--${flag}`, 'x', '--mock'],
    code: 1,
    message: new RegExp(`^switchboard: --${flag}: is not a field of a "${type}" create`),
  };
}
const createFields = (type: CreateType) => [...CREATE_FIELDS[type].required, ...CREATE_FIELDS[type].optional];

const CASES: Record<string, Case> = {
  ...Object.fromEntries(VENDOR_NAMES.flatMap(vendorCases)),
  'a missing --vendor': { args: ['numbers', 'get', 'abc'], code: 2, message: /needs --vendor/ },
  'an unknown subcommand': { args: ['numbers', 'lsit'], code: 2, message: /^switchboard: unknown subcommand "lsit"/ },
  'an unknown command': { args: ['phones', 'list'], code: 2, message: /^switchboard: unknown command "phones"/ },
  'no command': { args: [], code: 2, message: /^switchboard: missing command/ },
  'an unknown flag': { args: ['numbers', 'list', '--frobnicate'], code: 2, message: /^switchboard: unknown option --frobnicate/ },
  'a misspelt secret flag (its value is not echoed)': {
    args: ['numbers', 'create', '--vendor', ANY, '--type', 'sip-username', `--pasword=${CANARY}`],
    code: 2,
    message: /^switchboard: unknown option --pasword \(/,
  },
  'a flag of another subcommand': { args: ['numbers', 'list', '--agent', 'a1'], code: 2, message: /--agent does not apply to numbers list/ },
  'a flag without its value': { args: ['numbers', 'link', 'id-1', '--vendor', ANY, '--agent'], code: 2, message: /option --agent needs a value/ },
  'an unknown --vendor': {
    args: ['numbers', 'get', 'abc', '--vendor', 'twilio'],
    code: 2,
    message: new RegExp(`--vendor must be one of ${VENDOR_NAMES.join(', ')} \\(`),
  },
  'a --region without --vendor': { args: ['numbers', 'list', '--region', 'default', '--mock'], code: 2, message: /^switchboard: --region needs --vendor/ },
  'a --region and a base URL variable at once': {
    args: ['numbers', 'list', '--vendor', ANY, '--region', 'default'],
    env: cleanEnv({ [keyOf(ANY)]: CANARY, [`SWITCHBOARD_${ANY.toUpperCase()}_BASE_URL`]: 'http://127.0.0.1:9' }),
    code: 2,
    message: new RegExp(`^switchboard: --region and SWITCHBOARD_${ANY.toUpperCase()}_BASE_URL both say where ${ANY}'s requests go: give one`),
  },
  'a missing <id>': { args: ['numbers', 'release', '--vendor', ANY], code: 2, message: /numbers release needs <id>/ },
  'search without --prefix or --area-code': { args: ['numbers', 'search', '--vendor', ANY], code: 2, message: /needs one of --prefix/ },
  'a --limit out of range': {
    args: ['numbers', 'list', '--limit', '0', '--mock'],
    code: 1,
    message: /^switchboard: --limit: must be an integer from 1 to 1000/,
  },
  'a field the create type does not take': strayField(ANY),
  'a listing with no key at all and no --mock': {
    args: ['numbers', 'list'],
    code: 2,
    message: new RegExp(`^switchboard: no API key is set: set ${KEY_VARIABLES.join(', ')} \\(any of them\\), or pass --mock`),
  },
};

describe.concurrent.each(Object.entries(CASES))('%s', (_, { args, code, message, env }) => {
  test(`exits ${code} with one line on stderr, and no mocks started`, async () => {
    const result = await run(args, env === undefined ? {} : { env });
    expectOneLineError(result, code, message);
    expect(result.stderr).not.toContain('Prism');
  });
});

describe.concurrent('help and version', () => {
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

  test.each([[['--help']], [['numbers', '--help']], [['numbers', 'create', '-h']]])('%j prints the usage on stdout', async (args) => {
    const result = await run(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: switchboard numbers <command> \[options\]\n/);
    for (const word of ['list', 'get', 'create', 'link', 'unlink', 'release', 'search', '--telephony-account-connection', ...KEY_VARIABLES]) {
      expect(result.stdout).toContain(word);
    }
  });

  test('--version prints the package version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
