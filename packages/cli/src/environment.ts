import {
  type ClientOptions,
  createPhoneNumbers,
  createSwitchboard,
  type RequestEvent,
  type Switchboard,
  type SwitchboardOptions,
  ValidationError,
  type VendorName,
} from '@switchboard/phone-numbers';
import { UsageError, VENDORS } from './args.js';
import { type Embedded, lazyMocks, MOCK_BASE_URL } from './mocks.js';

export const keyVariable = (vendor: VendorName) => `${vendor.toUpperCase()}_API_KEY`;
export const baseUrlVariable = (vendor: VendorName) => `SWITCHBOARD_${vendor.toUpperCase()}_BASE_URL`;
/** Scripts select the embedded mocks with this variable, as people do with `--mock`. */
export const MOCK_VARIABLE = 'SWITCHBOARD_MOCK';

/** The environment does not allow the command (a bad key, a bad base URL): exit status 1. */
export class ConfigError extends Error {}

/** Said once per run, so nobody mistakes the mocks' canned answers for a change that did not stick. */
export const NOTICES: Record<Embedded, string> = {
  mock: "Using the embedded Prism mocks of Switchboard's specs: no real API is called, and every answer is a fixed example from the spec (nothing is created, changed or released; --sandbox gives answers that follow your changes).",
  sandbox:
    "Using the embedded sandbox of Switchboard's specs: no real API is called; it starts from the specs' examples and keeps your changes until this command ends (`switchboard sandbox` keeps one running).",
};

/** Prism checks that a key is sent, not which. */
const MOCK_API_KEY = 'switchboard-embedded-mock';

export interface Session {
  switchboard: Switchboard;
  /** Release what the session holds (the mocks); safe to call more than once. */
  close(): Promise<void>;
}

export interface SessionHooks {
  /** A line the user must see (on stderr), TTY or not. */
  notice(line: string): void;
  /** Transient progress (shown on a TTY only). */
  progress(text: string): void;
  /** Every request event, for `--verbose` (none when left out). */
  event?: (event: RequestEvent) => void;
}

export interface SessionChoice {
  /** The one vendor the command is for; every configured vendor when left out. */
  vendor: VendorName | undefined;
  /** `--mock` or `--sandbox`: the embedded mocks or sandbox, whatever keys are set. */
  embedded: Embedded | null;
  /** The base URL `--region` names (of `vendor`), when given. */
  regionUrl: string | undefined;
}

/**
 * The vendors to talk to and how. With `--mock` (or SWITCHBOARD_MOCK=1), the embedded mocks of
 * the vendors needed, with `--sandbox` their embedded sandbox; otherwise only the vendors with a
 * key, against their real APIs (or `SWITCHBOARD_<VENDOR>_BASE_URL`). A missing key is a usage error naming the variable to set:
 * the CLI never falls back to mocks on its own. Synchronous, so a signal handler can always reach `close`.
 */
export function openSession({ vendor, embedded, regionUrl }: SessionChoice, env: NodeJS.ProcessEnv, hooks: SessionHooks): Session {
  const observe = hooks.event ? { onEvent: hooks.event } : {};
  const options: SwitchboardOptions = {};

  const standIn = embedded ?? (/^(1|true|yes)$/i.test(env[MOCK_VARIABLE] ?? '') ? 'mock' : null);
  if (standIn !== null) {
    const vendors = vendor === undefined ? [...VENDORS] : [vendor];
    const mocks = lazyMocks(standIn, vendors, () => {
      hooks.notice(NOTICES[standIn]);
      hooks.progress(standIn === 'mock' ? 'Starting mocks…' : 'Starting the sandbox…');
    });
    // The mocks answer whatever URL the client addresses, the region's too: `--verbose` shows it.
    for (const mocked of vendors) options[mocked] = { apiKey: MOCK_API_KEY, baseUrl: regionUrl ?? MOCK_BASE_URL, fetch: mocks.fetchFor(mocked), ...observe };
    return { switchboard: createSwitchboard(options), close: mocks.stop };
  }

  // An empty variable counts as unset (`VAPI_API_KEY= switchboard …`).
  const keyed = VENDORS.filter((candidate) => (env[keyVariable(candidate)] ?? '') !== '');
  if (vendor !== undefined && !keyed.includes(vendor)) {
    throw new UsageError(`${keyVariable(vendor)} is not set: set it for --vendor ${vendor}, or pass --mock for the embedded mocks`);
  }
  if (keyed.length === 0) {
    throw new UsageError(`no API key is set: set ${VENDORS.map(keyVariable).join(', ')} (any of them), or pass --mock for the embedded mocks`);
  }
  for (const configured of vendor === undefined ? keyed : [vendor]) options[configured] = { ...clientOptions(configured, env, regionUrl), ...observe };
  return { switchboard: createSwitchboard(options), close: async () => {} };
}

function clientOptions(vendor: VendorName, env: NodeJS.ProcessEnv, regionUrl: string | undefined): ClientOptions {
  const variableUrl = env[baseUrlVariable(vendor)];
  if (variableUrl && regionUrl !== undefined) {
    throw new UsageError(`--region and ${baseUrlVariable(vendor)} both say where ${vendor}'s requests go: give one`);
  }
  const baseUrl = variableUrl || regionUrl;
  const options: ClientOptions = { apiKey: env[keyVariable(vendor)]!, ...(baseUrl ? { baseUrl } : {}) };
  try {
    // Building a client checks the key and the URL; name the variable at fault, not the SDK field.
    createPhoneNumbers({ vendor, ...options });
  } catch (error) {
    if (ValidationError.isInstance(error) && (error.field === 'apiKey' || error.field === 'baseUrl')) {
      const variable = error.field === 'apiKey' ? keyVariable(vendor) : baseUrlVariable(vendor);
      throw new ConfigError(`${variable}: ${error.reason}`);
    }
    throw error;
  }
  return options;
}
