import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  CREATE_TYPES,
  type CreatePhoneNumberInput,
  type CreateType,
  type SearchAvailableQuery,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';

/** Wrong use of the command line itself: exit status 2. Messages never hold a typed value. */
export class UsageError extends Error {}

export const VENDORS = VENDOR_NAMES;

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type CreateField = Exclude<KeysOfUnion<CreatePhoneNumberInput>, 'type'>;

/** The facade's camelCase create fields and the kebab-case flags that carry them (every field has one). */
export const CREATE_FIELD_FLAGS: Record<CreateField, string> = {
  number: 'number',
  areaCode: 'area-code',
  terminationUri: 'termination-uri',
  username: 'username',
  password: 'password',
  sipPrefix: 'sip-prefix',
  sipUri: 'sip-uri',
  realm: 'realm',
  twilioAccountSid: 'twilio-account-sid',
  twilioAuthToken: 'twilio-auth-token',
  twilioApiKey: 'twilio-api-key',
  twilioApiSecret: 'twilio-api-secret',
  credentialId: 'credential-id',
  telephonyAccountConnection: 'telephony-account-connection',
};

const SUBCOMMANDS = ['list', 'get', 'create', 'link', 'unlink', 'release', 'search'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** Flags each subcommand takes besides --vendor, --json, --mock, --verbose, --help and --version. */
const SUBCOMMAND_FLAGS: Record<Subcommand, readonly string[]> = {
  list: ['limit'],
  get: [],
  create: ['type', ...Object.values(CREATE_FIELD_FLAGS)],
  link: ['agent'],
  unlink: [],
  release: [],
  search: ['prefix', 'area-code', 'country', 'limit'],
};

const OPTIONS = {
  vendor: { type: 'string' },
  json: { type: 'boolean' },
  mock: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  limit: { type: 'string' },
  type: { type: 'string' },
  agent: { type: 'string' },
  prefix: { type: 'string' },
  country: { type: 'string' },
  ...Object.fromEntries(Object.values(CREATE_FIELD_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
} as const satisfies ParseArgsConfig['options'];

export type Command =
  | { name: 'list'; vendor: VendorName | undefined; limit: number | undefined }
  | { name: 'get' | 'unlink' | 'release'; vendor: VendorName; id: string }
  | { name: 'link'; vendor: VendorName; id: string; agentId: string }
  | { name: 'create'; vendor: VendorName; input: CreatePhoneNumberInput }
  | { name: 'search'; vendor: VendorName; query: SearchAvailableQuery };

export type Invocation = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; command: Command; json: boolean; mock: boolean; verbose: boolean };

type Values = Record<string, string | boolean | undefined>;

/** Turn argv into what to do; throws `UsageError` for anything malformed. Values are checked later, by the facade. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const { values, positionals } = parse(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [group, subcommand, ...rest] = positionals;
  if (group === undefined) throw new UsageError('missing command: switchboard numbers <command>');
  if (group !== 'numbers') throw new UsageError(`unknown command${quote(group)}`);
  if (subcommand === undefined) throw new UsageError(`missing subcommand: switchboard numbers <${SUBCOMMANDS.join('|')}>`);
  if (!isSubcommand(subcommand)) throw new UsageError(`unknown subcommand${quote(subcommand)} (one of ${SUBCOMMANDS.join(', ')})`);

  const allowed = new Set(['vendor', 'json', 'mock', 'verbose', ...SUBCOMMAND_FLAGS[subcommand]]);
  const stray = Object.keys(values).find((flag) => !allowed.has(flag));
  if (stray !== undefined) throw new UsageError(`option --${stray} does not apply to numbers ${subcommand}`);

  return { kind: 'run', command: command(subcommand, values, rest), json: values.json === true, mock: values.mock === true, verbose: values.verbose === true };
}

function parse(argv: readonly string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's own messages would echo what was typed (possibly a secret): say it in our words.
    const code = (error as { code?: unknown }).code;
    const flag = /'(--?[^'\s=<]+)/.exec((error as Error).message)?.[1] ?? 'an option';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(
        /does not take/.test((error as Error).message)
          ? `option ${flag} takes no value`
          : `option ${flag} needs a value (write ${flag}=<value> for one that starts with "-")`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError('unexpected argument');
    throw error;
  }
}

function command(name: Subcommand, values: Values, positionals: string[]): Command {
  const text = (flag: string) => values[flag] as string | undefined;
  switch (name) {
    case 'list':
      expectIds(name, positionals, 0);
      return { name, vendor: optionalVendor(text('vendor')), limit: integer(text('limit')) };
    case 'get':
    case 'unlink':
    case 'release':
      return { name, vendor: vendor(text('vendor'), name), id: expectIds(name, positionals, 1) };
    case 'link': {
      const id = expectIds(name, positionals, 1);
      const agentId = text('agent');
      if (agentId === undefined) throw new UsageError('numbers link needs --agent <agentId>');
      return { name, vendor: vendor(text('vendor'), name), id, agentId };
    }
    case 'create': {
      expectIds(name, positionals, 0);
      const type = text('type');
      if (type === undefined) throw new UsageError(`numbers create needs --type <${CREATE_TYPES.join('|')}>`);
      if (!CREATE_TYPES.includes(type as CreateType)) throw new UsageError(`--type must be one of ${CREATE_TYPES.join(', ')}`);
      const fields = Object.entries(CREATE_FIELD_FLAGS).flatMap(([field, flag]) => (values[flag] === undefined ? [] : [[field, values[flag]]]));
      // The facade checks which fields the type takes and their values.
      const input = { type, ...Object.fromEntries(fields) } as CreatePhoneNumberInput;
      return { name, vendor: vendor(text('vendor'), name), input };
    }
    case 'search': {
      expectIds(name, positionals, 0);
      if ((text('prefix') === undefined) === (text('area-code') === undefined)) {
        throw new UsageError('numbers search needs one of --prefix <digits> and --area-code <digits>');
      }
      const query: SearchAvailableQuery = {};
      if (text('prefix') !== undefined) query.prefix = text('prefix')!;
      if (text('area-code') !== undefined) query.areaCode = text('area-code')!;
      if (text('country') !== undefined) query.country = text('country')!;
      if (text('limit') !== undefined) query.limit = integer(text('limit'))!;
      return { name, vendor: vendor(text('vendor'), name), query };
    }
  }
}

/** The `<id>` positional, when the subcommand takes one (`count` 1), or nothing. */
function expectIds(name: Subcommand, positionals: string[], count: 0 | 1): string {
  if (positionals.length < count) throw new UsageError(`numbers ${name} needs <id>`);
  if (positionals.length > count) throw new UsageError(`numbers ${name} takes ${count === 0 ? 'no argument' : 'one <id>'}: unexpected extra argument`);
  return positionals[0] ?? '';
}

function vendor(value: string | undefined, name: Subcommand): VendorName {
  if (value === undefined) throw new UsageError(`numbers ${name} needs --vendor <${VENDORS.join('|')}>`);
  return optionalVendor(value)!;
}

function optionalVendor(value: string | undefined): VendorName | undefined {
  if (value !== undefined && !(VENDORS as readonly string[]).includes(value)) throw new UsageError(`--vendor must be one of ${VENDORS.join(', ')}`);
  return value as VendorName | undefined;
}

/** Digits become a number; anything else NaN, which the facade rejects with its range message. */
function integer(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}

function isSubcommand(value: string): value is Subcommand {
  return (SUBCOMMANDS as readonly string[]).includes(value);
}

/** Echo a mistyped command word, but nothing that might be a value typed in the wrong place. */
function quote(word: string): string {
  return /^[a-z][a-z-]{0,29}$/.test(word) ? ` "${word}"` : '';
}
