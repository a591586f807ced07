import { readFileSync } from 'node:fs';

export const USAGE = `Usage: switchboard numbers <command> [options]

Phone numbers at Vapi, Vocode and Vogent through one interface.

Commands:
  list     [--vendor V] [--limit N]            every number; without --vendor, of every vendor
  get      <id> --vendor V                     one number
  create   --vendor V --type T [fields]        buy, import or link a number (types below)
  link     <id> --vendor V --agent AGENT_ID    send the number's calls to an agent
  unlink   <id> --vendor V                     take the agent off the number
  release  <id> --vendor V                     release the number (it leaves the account)
  search   --vendor V (--prefix D | --area-code D) [--country US] [--limit N]
                                               numbers available to buy (vogent)

Options:
  --vendor <vapi|vocode|vogent>   the vendor (required except for list)
  --limit <n>                     list: one page of n per vendor; search: at most n
  --json                          JSON on stdout instead of a table
  -h, --help                      this help
  -v, --version                   the version

Create types and their fields (<id> of a Vocode number is the number itself):
  purchase        --area-code D (vapi, vocode) or --number E164 found by search (vogent)
  sip-import      --number --termination-uri --username --password (vogent)
  sip-username    --sip-prefix --username --password (vogent)
  sip-uri         --sip-uri [--username --password [--realm]] (vapi)
  twilio-import   --number --twilio-account-sid and --twilio-auth-token,
                  or --twilio-api-key with --twilio-api-secret (vapi)
  vonage-import   --number --credential-id (vapi)
  telnyx-import   --number --credential-id (vapi)
  byo-import      --credential-id [--number] (vapi)
  link            --number --telephony-account-connection (vocode)

Environment:
  VAPI_API_KEY, VOCODE_API_KEY, VOGENT_API_KEY
      API keys: only the vendors with a key are used. With none set, switchboard runs
      against embedded Prism mocks of its specs and no real API is called.
  SWITCHBOARD_VAPI_BASE_URL, SWITCHBOARD_VOCODE_BASE_URL, SWITCHBOARD_VOGENT_BASE_URL
      another base URL for a vendor with a key (a proxy, a test server).

Exit status: 0 done, 1 failed (invalid input, unsupported operation, API error),
2 usage error, 130 interrupted.
`;

/** Read at run time from the package's own package.json (published with dist/). */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
