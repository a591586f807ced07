import { readFileSync } from 'node:fs';
import { CREATE_FIELDS, CREATE_TYPES, PROVIDERS, VENDOR_CAPABILITIES, VENDOR_NAMES } from '@switchboard/phone-numbers';
import { CREATE_FIELD_FLAGS, type CreateField, SECRET_FIELDS, secretVariable, stdinFlag } from './args.js';
import { MOCK_VARIABLE } from './environment.js';

/** The vendors (from the registry) that have `can`. */
const vendorsWith = (can: (capabilities: (typeof VENDOR_CAPABILITIES)[keyof typeof VENDOR_CAPABILITIES]) => boolean) =>
  VENDOR_NAMES.filter((vendor) => can(VENDOR_CAPABILITIES[vendor])).join(', ');

/** One line per create type: its flags (optional ones in brackets) and the vendors that have it. */
function createTypes(): string {
  return CREATE_TYPES.map((type) => {
    const { required, optional } = CREATE_FIELDS[type];
    const flags = [...required.map((field) => `--${flagOf(field)}`), ...optional.map((field) => `[--${flagOf(field)}]`)].join(' ');
    return `  ${type.padEnd(15)} ${flags} (${vendorsWith((capabilities) => capabilities.create[type])})`;
  }).join('\n');
}

/** The flag a create field is given with: a secret's reads standard input (or the variable is set instead, see `secrets`). */
const flagOf = (field: string) => {
  const created = field as CreateField;
  return CREATE_FIELD_FLAGS[created].secret ? stdinFlag(created) : CREATE_FIELD_FLAGS[created].flag;
};

/** Each secret's flag and variable, aligned. */
function secrets(): string {
  const width = Math.max(...SECRET_FIELDS.map((field) => stdinFlag(field).length)) + 2;
  return SECRET_FIELDS.map((field) => `  --${stdinFlag(field).padEnd(width)} or ${secretVariable(field)}`).join('\n');
}

const upper = (vendor: string) => vendor.toUpperCase();

/** The regions each vendor names besides `default` (from the registry), as `vapi: eu`. */
const regions = () =>
  VENDOR_NAMES.flatMap((vendor) => {
    const names = Object.keys(PROVIDERS[vendor].baseUrls).filter((name) => name !== 'default');
    return names.length > 0 ? [`${vendor}: ${names.join(', ')}`] : [];
  }).join('; ');

/** The help text, from the registry: every vendor, what each supports, and the variables it reads. */
export function usage(): string {
  return `Usage: switchboard numbers <command> [options]
       switchboard plan -f FILE [--json] [--detailed-exitcode]
       switchboard apply -f FILE [--yes] [--json]
       switchboard audit [--json]
       switchboard sandbox [--vendor V]

Phone numbers at ${VENDOR_NAMES.join(', ')} through one interface.

Commands:
  list     [--vendor V] [--limit N]            every number; without --vendor, of every vendor
  get      <id> --vendor V                     one number
  create   --vendor V --type T [fields]        buy, import or link a number (types below)
  link     <id> --vendor V --agent AGENT_ID    send the number's calls to an agent
  unlink   <id> --vendor V                     take the agent off the number
  release  <id> --vendor V                     release the number (it leaves the account)
  search   --vendor V (--prefix D | --area-code D) [--country US] [--limit N]
                                               numbers available to buy (${vendorsWith((capabilities) => capabilities.searchAvailable)})

Numbers as code (FILE: a switchboard.yaml, which agent answers which number at which vendor;
its JSON Schema ships in @switchboard/cli/schema/switchboard.schema.json):
  plan     what would change at the vendors: links, unlinks, renames; a listed number a
           vendor does not hold is an error (numbers are never bought or released); numbers
           the file does not list are shown as unmanaged and never touched
  apply    plan again, show it, ask (on a terminal; --yes to skip, required when standard
           input is not one), then make the changes vendor by vendor
  audit    numbers without an agent, one number held at two vendors, agents answering
           numbers at several vendors

Sandbox:
  sandbox  run the embedded sandbox (below) until Ctrl-C and print the variables that point
           other runs of switchboard at it, so they share its numbers

Options:
  --vendor <${VENDOR_NAMES.join('|')}>   the vendor (required except for list)
  --region <name>                 the vendor's base URL by region (needs --vendor): default, or ${regions()}
  --limit <n>                     list: one page of n per vendor; search: at most n
  --json                          JSON on stdout instead of a table
  --mock                          use the embedded Prism mocks of the specs (no real API, no key
                                  needed; needs the @switchboard/mocks package): every answer is
                                  a fixed example, so nothing you do shows in the next answer
  --sandbox                       use the embedded sandbox: every vendor in memory, starting from
                                  the specs' examples, keeping what you create, link, unlink,
                                  rename and release until the command ends; requests and answers
                                  checked against the specs (needs @switchboard/mocks)
  --verbose                       every request, answer, retry and failure on stderr (redacted)
  -f, --file <file>               plan, apply: the switchboard.yaml
  --detailed-exitcode             plan: exit 2 when changes are pending (every error is then 1)
  --yes                           apply: without asking
  -h, --help                      this help
  -v, --version                   the version

Create types, their fields and the vendors that have them (<id> is what the vendor addresses a
number by: for some vendors the E.164 number itself):
${createTypes()}

Secrets (passwords, auth tokens) do not belong on the command line, where other users of the
machine can read them (ps) and the shell's history keeps them. Each comes from standard input
with its --<field>-stdin (a pipe or a file; the last line break is dropped; one per command), or
from its variable (an empty one counts as unset):
${secrets()}
The flags that take the secret itself (${SECRET_FIELDS.map((field) => `--${CREATE_FIELD_FLAGS[field].flag}`).join(', ')})
still work, with a warning on stderr.

Environment:
  ${VENDOR_NAMES.map((vendor) => `${upper(vendor)}_API_KEY`).join(', ')}
      API keys: only the vendors with a key are used. A command for a vendor without a key
      fails (exit status 2) naming the variable to set; it never falls back to mocks.
  ${MOCK_VARIABLE}=1
      the same as --mock, for scripts.
  ${VENDOR_NAMES.map((vendor) => `SWITCHBOARD_${upper(vendor)}_BASE_URL`).join(', ')}
      another base URL for a vendor with a key (a proxy, a test server).

Exit status: 0 done, 1 failed (invalid input, unsupported operation, API error; a listing
that some vendor failed prints the others' numbers, then one line per failed vendor),
2 usage error (a missing key included), 130 interrupted. plan and apply: 1 when the file
lists a number a vendor does not hold, a vendor cannot be listed or a change failed; plan
--detailed-exitcode: 0 no changes, 2 changes pending, 1 error.
`;
}

/** Read at run time from the package's own package.json (published with dist/). */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
