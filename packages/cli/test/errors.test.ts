import { readFileSync } from 'node:fs';
import { VENDOR_NAMES } from '@switchboard/phone-numbers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, CANARY, cleanEnv, expectNoCanary, expectOneLineError, KEY_VARIABLES, run } from './helpers.js';

beforeAll(assertFreshBuild);
afterAll(expectNoCanary);

interface Case {
  args: string[];
  code: 1 | 2;
  message: RegExp;
  env?: NodeJS.ProcessEnv;
}

// No key is set; those that reach the facade pass --mock, yet none starts the mocks: the input is
// refused before any request.
const CASES: Record<string, Case> = {
  'a number that is not E.164': {
    args: [
      'numbers',
      'create',
      '--vendor',
      'vogent',
      '--type',
      'sip-import',
      '--number',
      '415-555-0123',
      '--termination-uri',
      'sip:t.example.com',
      '--username',
      'trunk-user',
      '--mock',
    ],
    env: cleanEnv({ SWITCHBOARD_PASSWORD: CANARY }),
    code: 1,
    message: /^switchboard: --number: must be an E\.164 number/,
  },
  'a missing --vendor': { args: ['numbers', 'get', 'abc'], code: 2, message: /needs --vendor/ },
  'an unknown subcommand': { args: ['numbers', 'lsit'], code: 2, message: /^switchboard: unknown subcommand "lsit"/ },
  'an unknown command': { args: ['phones', 'list'], code: 2, message: /^switchboard: unknown command "phones"/ },
  'no command': { args: [], code: 2, message: /^switchboard: missing command/ },
  'search on a vendor without it': {
    args: ['numbers', 'search', '--vendor', 'vapi', '--prefix', '415', '--mock'],
    code: 1,
    message: /^switchboard: vapi cannot search .*vogent/,
  },
  'a create type the vendor lacks': {
    args: ['numbers', 'create', '--vendor', 'vapi', '--type', 'sip-import', '--number', '+14155550123', '--mock'],
    env: cleanEnv({ SWITCHBOARD_PASSWORD: CANARY }),
    code: 1,
    message: /^switchboard: vapi cannot create a "sip-import" number \(--type for vapi: purchase, /,
  },
  'an unknown flag': { args: ['numbers', 'list', '--frobnicate'], code: 2, message: /^switchboard: unknown option --frobnicate/ },
  'a misspelt secret flag (its value is not echoed)': {
    args: ['numbers', 'create', '--vendor', 'vogent', '--type', 'sip-username', `--pasword=${CANARY}`],
    code: 2,
    message: /^switchboard: unknown option --pasword \(/,
  },
  'a flag of another subcommand': { args: ['numbers', 'list', '--agent', 'a1'], code: 2, message: /--agent does not apply to numbers list/ },
  'a flag without its value': { args: ['numbers', 'link', 'id-1', '--vendor', 'vapi', '--agent'], code: 2, message: /option --agent needs a value/ },
  'an unknown --vendor': {
    args: ['numbers', 'get', 'abc', '--vendor', 'twilio'],
    code: 2,
    message: new RegExp(`--vendor must be one of ${VENDOR_NAMES.join(', ')} \\(`),
  },
  'a --region the vendor does not name': {
    args: ['numbers', 'list', '--vendor', 'vogent', '--region', 'eu', '--mock'],
    code: 2,
    message: /^switchboard: --region must be one of default for vogent/,
  },
  'a --region without --vendor': { args: ['numbers', 'list', '--region', 'eu', '--mock'], code: 2, message: /^switchboard: --region needs --vendor/ },
  'a --region and a base URL variable at once': {
    args: ['numbers', 'list', '--vendor', 'vapi', '--region', 'eu'],
    env: cleanEnv({ VAPI_API_KEY: CANARY, SWITCHBOARD_VAPI_BASE_URL: 'http://127.0.0.1:9' }),
    code: 2,
    message: /^switchboard: --region and SWITCHBOARD_VAPI_BASE_URL both say where vapi's requests go: give one/,
  },
  'a missing <id>': { args: ['numbers', 'release', '--vendor', 'vogent'], code: 2, message: /numbers release needs <id>/ },
  'search without --prefix or --area-code': { args: ['numbers', 'search', '--vendor', 'vogent'], code: 2, message: /needs one of --prefix/ },
  'a --limit out of range': {
    args: ['numbers', 'list', '--limit', '0', '--mock'],
    code: 1,
    message: /^switchboard: --limit: must be an integer from 1 to 1000/,
  },
  'a field the create type does not take': {
    args: ['numbers', 'create', '--vendor', 'vogent', '--type', 'sip-username', '--sip-prefix', 'acme', '--username', 'acme-user', '--realm', 'x', '--mock'],
    env: cleanEnv({ SWITCHBOARD_PASSWORD: CANARY }),
    code: 1,
    message: /^switchboard: --realm: is not a field of a "sip-username" create/,
  },
  'a Vocode id that is not a number': {
    args: ['numbers', 'get', 'abc', '--vendor', 'vocode', '--mock'],
    code: 1,
    message: /^switchboard: <id>: must be an E\.164/,
  },
  'a Retell id that is not a number': {
    args: ['numbers', 'release', 'agent_5b7d4e2a9c610d8e4b7a1f20', '--vendor', 'retell', '--mock'],
    code: 1,
    message: /^switchboard: <id>: must be an E\.164/,
  },
  // The facade's one rule for area codes (ASCII digits) runs before Retell's spec check; it names the flag.
  'a Retell area code that is not digits': {
    args: ['numbers', 'create', '--vendor', 'retell', '--type', 'purchase', '--area-code', '41a', '--mock'],
    code: 1,
    message: /^switchboard: --area-code: must be digits only \(0-9\), without country code$/,
  },
  'a create type Retell lacks': {
    args: ['numbers', 'create', '--vendor', 'retell', '--type', 'sip-uri', '--sip-uri', 'sip:a@b.example.com', '--mock'],
    code: 1,
    message: /^switchboard: retell cannot create a "sip-uri" number \(--type for retell: purchase, sip-import\)$/,
  },
  'a --vendor without its key while another key is set': {
    args: ['numbers', 'list', '--vendor', 'vogent'],
    env: cleanEnv({ VAPI_API_KEY: CANARY }),
    code: 2,
    message: /^switchboard: VOGENT_API_KEY is not set: set it for --vendor vogent, or pass --mock for the embedded mocks/,
  },
  // A deploy script with a missing secret must fail, not "release" a number on a mock.
  'a release with no key and no --mock': {
    args: ['numbers', 'release', '3c7a9e2d-1b4f-4d6a-8e5c-7f0a2b9c1d38', '--vendor', 'vapi'],
    code: 2,
    message: /^switchboard: VAPI_API_KEY is not set: set it for --vendor vapi, or pass --mock/,
  },
  'a listing with no key at all and no --mock': {
    args: ['numbers', 'list'],
    code: 2,
    message: new RegExp(`^switchboard: no API key is set: set ${KEY_VARIABLES.join(', ')} \\(any of them\\), or pass --mock`),
  },
  'a key a header cannot carry': {
    args: ['numbers', 'list'],
    env: cleanEnv({ VOCODE_API_KEY: `${CANARY} x` }),
    code: 1,
    message: /^switchboard: VOCODE_API_KEY: /,
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
