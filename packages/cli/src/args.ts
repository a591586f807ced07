import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  CREATE_FIELDS,
  CREATE_TYPES,
  type CreatePhoneNumberInput,
  type CreateType,
  PROVIDERS,
  type SearchAvailableQuery,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import type { Embedded } from './mocks.js';

/** Wrong use of the command line itself: exit status 2. Messages never hold a typed value. */
export class UsageError extends Error {}

export const VENDORS = VENDOR_NAMES;

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
export type CreateField = Exclude<KeysOfUnion<CreatePhoneNumberInput>, 'type'>;

/**
 * The facade's camelCase create fields, the kebab-case flag of each, and whether it holds a
 * credential. Every field says, because a secret does not belong on the command line (below).
 */
export const CREATE_FIELD_FLAGS: Record<CreateField, { flag: string; secret: boolean }> = {
  number: { flag: 'number', secret: false },
  areaCode: { flag: 'area-code', secret: false },
  terminationUri: { flag: 'termination-uri', secret: false },
  username: { flag: 'username', secret: false },
  password: { flag: 'password', secret: true },
  sipPrefix: { flag: 'sip-prefix', secret: false },
  sipUri: { flag: 'sip-uri', secret: false },
  realm: { flag: 'realm', secret: false },
  twilioAccountSid: { flag: 'twilio-account-sid', secret: false },
  twilioAuthToken: { flag: 'twilio-auth-token', secret: true },
  // The API key's SID names the key; `twilioApiSecret` is what authenticates.
  twilioApiKey: { flag: 'twilio-api-key', secret: false },
  twilioApiSecret: { flag: 'twilio-api-secret', secret: true },
  credentialId: { flag: 'credential-id', secret: false },
  telephonyAccountConnection: { flag: 'telephony-account-connection', secret: false },
};

const CREATE_FIELDS_IN_ORDER = Object.keys(CREATE_FIELD_FLAGS) as CreateField[];

/**
 * The secret create fields (passwords, auth tokens). Every user of the machine can read a command
 * line (`ps`), and shells keep it in their history, so each comes from its variable,
 * `SWITCHBOARD_<FLAG>` (`SWITCHBOARD_PASSWORD`), or, with `--<flag>-stdin`, from standard input
 * (see secrets.ts). Their own flags, part of 1.0, still take a value, with a warning.
 */
export const SECRET_FIELDS = CREATE_FIELDS_IN_ORDER.filter((field) => CREATE_FIELD_FLAGS[field].secret);
export const secretVariable = (field: CreateField) => `SWITCHBOARD_${CREATE_FIELD_FLAGS[field].flag.toUpperCase().replaceAll('-', '_')}`;
export const stdinFlag = (field: CreateField) => `${CREATE_FIELD_FLAGS[field].flag}-stdin`;

const SUBCOMMANDS = ['list', 'get', 'create', 'link', 'unlink', 'release', 'search'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** Flags each subcommand takes besides --vendor, --region, --json, --mock, --sandbox, --verbose, --help and --version. */
const SUBCOMMAND_FLAGS: Record<Subcommand, readonly string[]> = {
  list: ['limit'],
  get: [],
  create: ['type', ...CREATE_FIELDS_IN_ORDER.map((field) => CREATE_FIELD_FLAGS[field].flag), ...SECRET_FIELDS.map(stdinFlag)],
  link: ['agent'],
  unlink: [],
  release: [],
  search: ['prefix', 'area-code', 'country', 'limit'],
};

/** The numbers-as-code commands (`switchboard plan -f switchboard.yaml`), beside `switchboard numbers …`. */
const FILE_COMMANDS = ['plan', 'apply', 'audit'] as const;
type FileCommandName = (typeof FILE_COMMANDS)[number];

/** Flags each numbers-as-code command takes besides --json, --mock, --sandbox, --verbose, --help and --version. */
const FILE_COMMAND_FLAGS: Record<FileCommandName, readonly string[]> = {
  plan: ['file', 'detailed-exitcode'],
  apply: ['file', 'yes'],
  audit: [],
};

const OPTIONS = {
  vendor: { type: 'string' },
  file: { type: 'string', short: 'f' },
  yes: { type: 'boolean' },
  'detailed-exitcode': { type: 'boolean' },
  region: { type: 'string' },
  json: { type: 'boolean' },
  mock: { type: 'boolean' },
  sandbox: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  limit: { type: 'string' },
  type: { type: 'string' },
  agent: { type: 'string' },
  prefix: { type: 'string' },
  country: { type: 'string' },
  ...Object.fromEntries(CREATE_FIELDS_IN_ORDER.map((field) => [CREATE_FIELD_FLAGS[field].flag, { type: 'string' as const }])),
  ...Object.fromEntries(SECRET_FIELDS.map((field) => [stdinFlag(field), { type: 'boolean' as const }])),
} as const satisfies ParseArgsConfig['options'];

export type Command =
  | { name: 'list'; vendor: VendorName | undefined; limit: number | undefined }
  | { name: 'get' | 'unlink' | 'release'; vendor: VendorName; id: string }
  | { name: 'link'; vendor: VendorName; id: string; agentId: string }
  /**
   * `input` without the secrets from variables and standard input until `withSecrets` reads them;
   * `secretFromStdin`: the field `--<flag>-stdin` names; `warnings`: to print before running it.
   */
  | { name: 'create'; vendor: VendorName; input: CreatePhoneNumberInput; secretFromStdin: CreateField | undefined; warnings: string[] }
  | { name: 'search'; vendor: VendorName; query: SearchAvailableQuery }
  /** `--detailed-exitcode`: 2 when changes are pending, as Terraform's plan. */
  | { name: 'plan'; vendor: undefined; file: string; detailedExitcode: boolean }
  | { name: 'apply'; vendor: undefined; file: string; yes: boolean }
  | { name: 'audit'; vendor: undefined };

/** `switchboard plan`, `apply` and `audit`: numbers as code (plan-apply.ts). */
export type FileCommand = Extract<Command, { name: FileCommandName }>;

/** `embedded`: `--mock` or `--sandbox` (`null`: the real APIs). */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  /** `switchboard sandbox`: serve the sandbox until interrupted. */
  | { kind: 'sandbox'; vendor: VendorName | undefined }
  /** `regionUrl`: the base URL `--region` names, when given. */
  | { kind: 'run'; command: Command; json: boolean; embedded: Embedded | null; verbose: boolean; regionUrl: string | undefined };

type Values = Record<string, string | boolean | undefined>;

/** Turn argv into what to do; throws `UsageError` for anything malformed. Values are checked later, by the facade. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const { values, positionals } = parse(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [group, subcommand, ...rest] = positionals;
  if (group === undefined) throw new UsageError('missing command: switchboard numbers <command>');
  if (group === 'sandbox') return sandboxInvocation(values, positionals.slice(1));
  if (isFileCommandName(group)) return fileInvocation(group, values, positionals.slice(1));
  if (group !== 'numbers') throw new UsageError(`unknown command${quote(group)}`);
  if (subcommand === undefined) throw new UsageError(`missing subcommand: switchboard numbers <${SUBCOMMANDS.join('|')}>`);
  if (!isSubcommand(subcommand)) throw new UsageError(`unknown subcommand${quote(subcommand)} (one of ${SUBCOMMANDS.join(', ')})`);

  const allowed = new Set(['vendor', 'region', 'json', 'mock', 'sandbox', 'verbose', ...SUBCOMMAND_FLAGS[subcommand]]);
  const stray = Object.keys(values).find((flag) => !allowed.has(flag));
  if (stray !== undefined) throw new UsageError(`option --${stray} does not apply to numbers ${subcommand}`);

  const parsed = command(subcommand, values, rest);
  const regionUrl = regionBaseUrl(values.region as string | undefined, parsed.vendor);
  return { kind: 'run', command: parsed, json: values.json === true, embedded: embedded(values), verbose: values.verbose === true, regionUrl };
}

/** The base URL `--region` names: one of the vendor's named base URLs (its spec's servers), so it needs --vendor. */
function regionBaseUrl(region: string | undefined, vendor: VendorName | undefined): string | undefined {
  if (region === undefined) return undefined;
  if (vendor === undefined) throw new UsageError('--region needs --vendor: each vendor names its own regions');
  const { baseUrls } = PROVIDERS[vendor];
  if (!Object.hasOwn(baseUrls, region)) throw new UsageError(`--region must be one of ${Object.keys(baseUrls).join(', ')} for ${vendor}`);
  return baseUrls[region];
}

/** `--mock` or `--sandbox`, never both. */
function embedded(values: Values): Embedded | null {
  if (values.mock && values.sandbox) throw new UsageError('--mock and --sandbox both replace the real APIs: pass one');
  return values.mock ? 'mock' : values.sandbox ? 'sandbox' : null;
}

function sandboxInvocation(values: Values, positionals: string[]): Invocation {
  const stray = Object.keys(values).find((flag) => flag !== 'vendor');
  if (stray !== undefined) throw new UsageError(`option --${stray} does not apply to sandbox`);
  if (positionals.length > 0) throw new UsageError('sandbox takes no argument');
  return { kind: 'sandbox', vendor: optionalVendor(values.vendor as string | undefined) };
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
      const fromStdin = SECRET_FIELDS.filter((field) => values[stdinFlag(field)] === true);
      if (fromStdin.length > 1) {
        throw new UsageError(`standard input holds one secret: pass one of --${fromStdin.map(stdinFlag).join(', --')} and set the others' variables`);
      }
      const [secretFromStdin] = fromStdin;
      if (secretFromStdin !== undefined && !takesField(type as CreateType, secretFromStdin)) {
        throw new UsageError(`--${stdinFlag(secretFromStdin)} does not apply to a "${type}" create`);
      }
      const typed = SECRET_FIELDS.filter((field) => values[CREATE_FIELD_FLAGS[field].flag] !== undefined);
      if (secretFromStdin !== undefined && typed.includes(secretFromStdin)) {
        throw new UsageError(`--${CREATE_FIELD_FLAGS[secretFromStdin].flag} and --${stdinFlag(secretFromStdin)} both give the secret: pass one`);
      }
      const warnings = typed.map(
        (field) =>
          `warning: --${CREATE_FIELD_FLAGS[field].flag} is visible to other users of this machine (ps) and kept in the shell's history: set ${secretVariable(field)} or pass --${stdinFlag(field)} instead`,
      );
      const fields = CREATE_FIELDS_IN_ORDER.flatMap((field) => {
        const value = values[CREATE_FIELD_FLAGS[field].flag];
        return value === undefined ? [] : [[field, value]];
      });
      // The facade checks which fields the type takes and their values.
      const input = { type, ...Object.fromEntries(fields) } as CreatePhoneNumberInput;
      return { name, vendor: vendor(text('vendor'), name), input, secretFromStdin, warnings };
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

/** Whether a create type has `field`, required or optional (the facade's table). */
export function takesField(type: CreateType, field: CreateField): boolean {
  const { required, optional } = CREATE_FIELDS[type];
  return required.includes(field) || optional.includes(field);
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

function fileInvocation(name: FileCommandName, values: Values, positionals: string[]): Invocation {
  const allowed = new Set(['json', 'mock', 'sandbox', 'verbose', ...FILE_COMMAND_FLAGS[name]]);
  const stray = Object.keys(values).find((flag) => !allowed.has(flag));
  if (stray !== undefined) throw new UsageError(`option --${stray} does not apply to ${name}`);
  if (positionals.length > 0) throw new UsageError(`${name} takes no argument${name === 'audit' ? '' : ': give the file with -f FILE'}`);
  const file = values.file as string | undefined;
  if (name !== 'audit' && file === undefined) throw new UsageError(`${name} needs -f <file> (a switchboard.yaml)`);
  const command: Command =
    name === 'plan'
      ? { name, vendor: undefined, file: file!, detailedExitcode: values['detailed-exitcode'] === true }
      : name === 'apply'
        ? { name, vendor: undefined, file: file!, yes: values.yes === true }
        : { name, vendor: undefined };
  return { kind: 'run', command, json: values.json === true, embedded: embedded(values), verbose: values.verbose === true, regionUrl: undefined };
}

function isFileCommandName(value: string): value is FileCommandName {
  return (FILE_COMMANDS as readonly string[]).includes(value);
}

export function isFileCommand(command: Command): command is FileCommand {
  return isFileCommandName(command.name);
}

function isSubcommand(value: string): value is Subcommand {
  return (SUBCOMMANDS as readonly string[]).includes(value);
}

/** Echo a mistyped command word, but nothing that might be a value typed in the wrong place. */
function quote(word: string): string {
  return /^[a-z][a-z-]{0,29}$/.test(word) ? ` "${word}"` : '';
}
