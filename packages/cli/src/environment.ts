import {
  type ClientOptions,
  createPhoneNumbers,
  createSwitchboard,
  type Switchboard,
  type SwitchboardOptions,
  ValidationError,
  type VendorName,
} from '@switchboard/phone-numbers';
import { VENDORS } from './args.js';
import { lazyMocks, MOCK_BASE_URL } from './mocks.js';

const keyVariable = (vendor: VendorName) => `${vendor.toUpperCase()}_API_KEY`;
const baseUrlVariable = (vendor: VendorName) => `SWITCHBOARD_${vendor.toUpperCase()}_BASE_URL`;

/** The environment does not allow the command (a missing key, a bad base URL): exit status 1. */
export class ConfigError extends Error {}

const KEY_VARIABLES = VENDORS.map((vendor) => keyVariable(vendor));
export const MOCK_NOTICE = `No ${KEY_VARIABLES.slice(0, -1).join(', ')} or ${KEY_VARIABLES.at(-1)} set: using the embedded Prism mocks of Switchboard's specs.`;

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
}

/**
 * The vendors to talk to and how. With any API key set, only the vendors with a key, against
 * their real APIs (or `SWITCHBOARD_<VENDOR>_BASE_URL`); with none, the embedded mocks of the
 * vendors needed, so the CLI can be tried without an account. Synchronous, so a signal handler
 * can always reach `close`.
 */
export function openSession(vendor: VendorName | undefined, env: NodeJS.ProcessEnv, hooks: SessionHooks): Session {
  // An empty variable counts as unset (`VAPI_API_KEY= switchboard …`).
  const keyed = VENDORS.filter((candidate) => (env[keyVariable(candidate)] ?? '') !== '');
  const options: SwitchboardOptions = {};

  if (keyed.length === 0) {
    const vendors = vendor === undefined ? [...VENDORS] : [vendor];
    const mocks = lazyMocks(vendors, () => {
      hooks.notice(MOCK_NOTICE);
      hooks.progress('Starting mocks…');
    });
    for (const mocked of vendors) options[mocked] = { apiKey: MOCK_API_KEY, baseUrl: MOCK_BASE_URL, fetch: mocks.fetchFor(mocked) };
    return { switchboard: createSwitchboard(options), close: mocks.stop };
  }

  if (vendor !== undefined && !keyed.includes(vendor)) {
    throw new ConfigError(`--vendor ${vendor} needs ${keyVariable(vendor)} (set: ${keyed.map(keyVariable).join(', ')})`);
  }
  for (const configured of vendor === undefined ? keyed : [vendor]) options[configured] = clientOptions(configured, env);
  return { switchboard: createSwitchboard(options), close: async () => {} };
}

function clientOptions(vendor: VendorName, env: NodeJS.ProcessEnv): ClientOptions {
  const baseUrl = env[baseUrlVariable(vendor)];
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
