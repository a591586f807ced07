import { inspect } from 'node:util';
import {
  type CreateInputOf,
  type CreateOptions,
  createPhoneNumbers,
  type PhoneNumbers,
  type PhoneNumbersOptions,
  SwitchboardError,
  ValidationError,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { type Fault, type FaultProgram, type FaultRequest, type FaultServer, startFaultServer } from '@switchboard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { prismUrl } from './helpers.js';

// No secret ever reaches an error or the console. Canary values stand for the API key and for
// every field the specs mark `x-secret` that the facade can send; each error path is provoked by
// a fault server in front of the vendor's Prism mock, and every way an error is usually shown
// (message, String, JSON, util.inspect, stack, console/stdout/stderr) is searched for them.

const API_KEY = 'sk-CANARY-apikey-4f1c9e7a2b';

const C = {
  vapiTwilioAuthToken: 'CANARY-vapi-twilio-token-19bf',
  vapiTwilioApiSecret: 'CANARY-vapi-twilio-secret-77c0',
  vapiSipPassword: 'CANARY-vapi-sip-pw-2e6d90',
  vapiServerSecret: 'CANARY-vapi-server-secret-a41b',
  vapiServerHeader: 'CANARY-vapi-server-header-6c3f',
  vogentImportPassword: 'CANARY-vogent-import-pw-83d1',
  vogentSipPassword: 'CANARY-vogent-sipuser-pw-5a2e',
  vocodeVoiceKey: 'CANARY-vocode-voice-key-0b7e',
  vocodeOpenAiKey: 'CANARY-vocode-openai-key-9d24',
  vocodePineconeKey: 'CANARY-vocode-pinecone-key-3a1c',
  vocodeSignatureSecret: 'CANARY-vocode-signature-5f08',
  retellTrunkPassword: 'CANARY-retell-trunk-pw-6e19',
};

type Numbers = PhoneNumbers<VendorName>;
type Options = Omit<PhoneNumbersOptions<VendorName>, 'vendor' | 'apiKey' | 'baseUrl'>;

interface SecretCall {
  name: string;
  /** The canaries this call sends in its body (the API key is always sent). */
  secrets: string[];
  call: (numbers: Numbers) => Promise<unknown>;
}

const vapiServer = { url: 'https://hooks.example.com/vapi', secret: C.vapiServerSecret, headers: { 'X-Api-Token': C.vapiServerHeader } };
const vocodeAgent = {
  prompt: { content: 'You answer the phone for Acme.' },
  voice: { type: 'voice_eleven_labs' as const, voice_id: 'EXAVITQu4vr4xnSDxMaL', api_key: C.vocodeVoiceKey },
  openai_account_connection: { type: 'account_connection_openai' as const, credentials: { openai_api_key: C.vocodeOpenAiKey } },
  vector_database: { type: 'vector_database_pinecone' as const, index: 'acme', api_key: C.vocodePineconeKey },
  actions: [
    { type: 'action_external' as const, config: { name: 'lookup', url: 'https://hooks.example.com/lookup', signature_secret: C.vocodeSignatureSecret } },
  ],
};

const create = (input: CreateInputOf<VendorName>, options?: CreateOptions) => (numbers: Numbers) => numbers.create(input, options);

/** Per vendor: the calls that carry secrets, and the reads (which carry only the API key). */
const CALLS: Record<VendorName, SecretCall[]> = {
  vapi: [
    {
      name: 'twilio-import (auth token) with a server secret and headers',
      secrets: [C.vapiTwilioAuthToken, C.vapiServerSecret, C.vapiServerHeader],
      call: create(
        { type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123456789abcdef0123456789abcdef', twilioAuthToken: C.vapiTwilioAuthToken },
        { vendorOptions: { vapi: { server: vapiServer } } },
      ),
    },
    {
      name: 'twilio-import (API key and secret)',
      secrets: [C.vapiTwilioApiSecret],
      call: create({
        type: 'twilio-import',
        number: '+14155550142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioApiKey: 'SK0123456789abcdef',
        twilioApiSecret: C.vapiTwilioApiSecret,
      }),
    },
    {
      name: 'sip-uri with digest credentials and a server secret',
      secrets: [C.vapiSipPassword, C.vapiServerSecret, C.vapiServerHeader],
      call: create(
        { type: 'sip-uri', sipUri: 'sip:front-desk@acme.sip.vapi.ai', username: 'acme-front-desk-user-01', password: C.vapiSipPassword },
        { vendorOptions: { vapi: { server: vapiServer } } },
      ),
    },
  ],
  vocode: [
    {
      name: 'purchase with an inline agent (voice, OpenAI, Pinecone, action secrets)',
      secrets: [C.vocodeVoiceKey, C.vocodeOpenAiKey, C.vocodePineconeKey, C.vocodeSignatureSecret],
      call: create({ type: 'purchase', areaCode: '415' }, { vendorOptions: { vocode: { inbound_agent: vocodeAgent } } }),
    },
    {
      name: 'link with an inline agent',
      secrets: [C.vocodeVoiceKey, C.vocodeOpenAiKey, C.vocodePineconeKey, C.vocodeSignatureSecret],
      call: create(
        { type: 'link', number: '+14155550142', telephonyAccountConnection: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8' },
        { vendorOptions: { vocode: { inbound_agent: vocodeAgent } } },
      ),
    },
  ],
  vogent: [
    {
      name: 'sip-import',
      secrets: [C.vogentImportPassword],
      call: create({
        type: 'sip-import',
        number: '+14155550142',
        terminationUri: 'acme-trunk.pstn.example.com',
        username: 'acme-trunk-user',
        password: C.vogentImportPassword,
      }),
    },
    {
      name: 'sip-username',
      secrets: [C.vogentSipPassword],
      call: create({ type: 'sip-username', sipPrefix: 'acme-support', username: 'acme-auth', password: C.vogentSipPassword }),
    },
  ],
  retell: [
    {
      name: 'sip-import (trunk password)',
      secrets: [C.retellTrunkPassword],
      call: create(
        {
          type: 'sip-import',
          number: '+14155550177',
          terminationUri: 'acme-trunk.pstn.twilio.com',
          username: 'acme-trunk-user',
          password: C.retellTrunkPassword,
        },
        { vendorOptions: { retell: { nickname: 'Carrier line', ignore_e164_validation: false } } },
      ),
    },
  ],
  // Cartesia's creates carry no secret field (its credentials are linked through its providers'
  // own operations): only the API key.
  cartesia: [
    { name: 'purchase', secrets: [], call: create({ type: 'purchase' }, { vendorOptions: { cartesia: { label: 'Front desk' } } }) },
    { name: 'link', secrets: [], call: create({ type: 'link', number: '+442079460958', telephonyAccountConnection: 'prov_2Vh7Kq9Lm3Xc' }) },
  ],
};

const READS: Record<VendorName, SecretCall[]> = {
  vapi: [
    { name: 'get', secrets: [], call: (n) => n.get('8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a') },
    { name: 'list', secrets: [], call: (n) => n.list() },
  ],
  vocode: [
    { name: 'get', secrets: [], call: (n) => n.get('+14155550123') },
    { name: 'list', secrets: [], call: (n) => n.list() },
  ],
  vogent: [
    { name: 'get', secrets: [], call: (n) => n.get('9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40') },
    { name: 'list', secrets: [], call: (n) => n.list() },
  ],
  retell: [
    { name: 'get', secrets: [], call: (n) => n.get('+14155550123') },
    { name: 'list', secrets: [], call: (n) => n.list() },
  ],
  cartesia: [
    { name: 'get', secrets: [], call: (n) => n.get('pn_2hG5jR8tY0uW') },
    { name: 'list', secrets: [], call: (n) => n.list() },
  ],
};

/** Every canary of a call in free text, as a vendor might quote it back. */
const quoted = (secrets: string[]) => [API_KEY, ...secrets].join(' / ');

/**
 * Error answers that quote the request back: under the secrets' own keys, in free text, in the
 * echoed headers, and the raw request body as text. Each is made from the request it answers.
 */
function errorFaults(secrets: string[]): [string, (request: FaultRequest) => Fault][] {
  const text = quoted(secrets);
  const ownKeys = {
    password: secrets[0] ?? API_KEY,
    twilioAuthToken: secrets[0] ?? API_KEY,
    api_key: secrets[0] ?? API_KEY,
    token: API_KEY,
    secret: secrets.at(-1) ?? API_KEY,
    headers: { Authorization: `Bearer ${API_KEY}` },
  };
  const faults: [string, Fault | ((request: FaultRequest) => Fault)][] = [
    ['echo 400 (message in free text)', { kind: 'echo', status: 400, extra: { message: `bad token ${text}`, ...ownKeys } }],
    ['echo 401 (FastAPI detail list)', { kind: 'echo', status: 401, extra: { detail: [{ loc: ['header', 'authorization'], msg: `invalid key ${text}` }] } }],
    [
      'echo 422 (NestJS message array)',
      { kind: 'echo', status: 422, extra: { message: secrets.map((s) => `field rejected: ${s}`).concat(`key ${API_KEY}`), error: 'Unprocessable Entity' } },
    ],
    ['echo 500 (error text)', { kind: 'echo', status: 500, extra: { error: `upstream said: ${text}`, request_id: 'req_1' } }],
    ['500 plain-text body', { kind: 'status', status: 500, body: `Internal error while using ${text}` }],
    ['502 HTML body', { kind: 'status', status: 502, headers: { 'content-type': 'text/html' }, body: `<html><body>proxy error ${text}</body></html>` }],
    ['429 with Retry-After over 60 s', { kind: 'status', status: 429, headers: { 'retry-after': '3600' }, body: { message: `slow down ${text}` } }],
    ['commit then 503', { kind: 'commit-then-status', status: 503, body: { message: `unavailable ${text}` } }],
    [
      '400 quoting the raw request body in JSON',
      (request) => ({ kind: 'status', status: 400, body: { message: 'could not parse the body', raw: request.body } }),
    ],
    ['400 quoting the raw request body as text', (request) => ({ kind: 'status', status: 400, body: `could not parse the body: ${request.body}` })],
  ];
  return faults.map(([name, fault]) => [name, typeof fault === 'function' ? fault : () => fault]);
}

const TRANSPORT_FAULTS: [string, Fault][] = [
  ['connection dropped', 'drop'],
  ['connection dropped after the commit', 'drop-after-commit'],
  ['timeout (no answer)', { kind: 'hang' }],
  ['timeout (body never finishes)', { kind: 'hang', afterHeaders: true }],
  ['non-JSON 200', 'garbage'],
  ['200 text/html', 'wrong-content-type'],
  ['truncated body', { kind: 'truncated', then: 'destroy' }],
];

// -------------------------------------------------------------------------------------------------
// Harness
// -------------------------------------------------------------------------------------------------

/** The fault server each vendor's facade talks to: a new one per call, so no late request of one call meets the next. */
const servers = new Map<VendorName, FaultServer>();
async function fresh(vendor: VendorName, faults: FaultProgram = []): Promise<FaultServer> {
  await servers.get(vendor)?.close();
  const server = await startFaultServer({ upstream: prismUrl(vendor), faults });
  servers.set(vendor, server);
  return server;
}
beforeAll(async () => {
  for (const vendor of VENDOR_NAMES) await fresh(vendor);
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
});
afterEach(() => vi.restoreAllMocks());

function facade(vendor: VendorName, options: Options = {}): Numbers {
  return createPhoneNumbers({ vendor, apiKey: API_KEY, baseUrl: servers.get(vendor)!.url, maxRetries: 0, timeoutMs: 2_000, ...options });
}

interface Observed {
  error: unknown;
  /** Everything written to console/stdout/stderr during the call. */
  output: string;
  hung: boolean;
}

/**
 * Run `fn` with console.* and process.stdout/stderr.write captured (and silenced), restoring them
 * after; `fn` may throw synchronously. A call still pending after `withinMs` counts as hung.
 */
async function observe(fn: () => unknown, withinMs = 5_000): Promise<Observed> {
  const chunks: string[] = [];
  const capture = (...args: unknown[]) => void chunks.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 10 }))).join(' '));
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const).map((method) => vi.spyOn(console, method).mockImplementation(capture)),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (capture(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (capture(String(chunk)), true)),
  ];
  let timer: NodeJS.Timeout | undefined;
  try {
    const hung = new Promise<'hung'>((resolve) => {
      timer = setTimeout(() => resolve('hung'), withinMs);
    });
    const run = (async () => fn())().then(
      () => ({ error: undefined }),
      (error: unknown) => ({ error }),
    );
    const outcome = await Promise.race([run, hung]);
    // Let anything logged asynchronously by the failure land in the capture too.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return outcome === 'hung' ? { error: undefined, output: chunks.join('\n'), hung: true } : { ...outcome, output: chunks.join('\n'), hung: false };
  } finally {
    clearTimeout(timer);
    for (const spy of spies) spy.mockRestore();
  }
}

/** The ways an error is usually shown. */
function surfaces(error: unknown, output: string): Record<string, string> {
  const err = error as Error;
  return {
    message: String(err?.message),
    String: String(err),
    'JSON.stringify': JSON.stringify(err) ?? '',
    'util.inspect': inspect(err, { depth: 10 }),
    stack: String(err?.stack),
    'console/stdout/stderr': output,
  };
}

/** Without quotes and backslashes: a secret shown JSON-escaped (once or more) is still found. */
const unescaped = (text: string) => text.replace(/[\\"'`]/g, '');

const leaks: string[] = [];
let pathsChecked = 0;

/** Provoke the error, then search every surface for every canary. Returns the error. */
async function expectNoLeak(label: string, canaries: string[], fn: () => unknown, withinMs?: number): Promise<unknown> {
  const { error, output, hung } = await observe(fn, withinMs);
  pathsChecked++;
  expect(hung, `${label}: the call never ended`).toBe(false);
  expect(error, `${label}: expected an error`).toBeDefined();
  const found: string[] = [];
  for (const [surface, text] of Object.entries(surfaces(error, output))) {
    for (const canary of canaries) if (unescaped(text).includes(unescaped(canary))) found.push(`${label}: ${canary} in ${surface}`);
  }
  leaks.push(...found);
  expect(found).toEqual([]);
  expect(error, `${label}: ${String(error)}`).toBeInstanceOf(SwitchboardError);
  return error;
}

// -------------------------------------------------------------------------------------------------
// Error answers and transport failures, for every call that carries a secret
// -------------------------------------------------------------------------------------------------

describe.each(VENDOR_NAMES)('%s: no secret in errors or output', (vendor) => {
  const calls = [...CALLS[vendor], ...READS[vendor]];

  test.for(calls.map((call) => [call.name, call] as const))('%s: vendor error answers that quote the secrets back', { timeout: 10_000 }, async ([, call]) => {
    for (const [name, fault] of errorFaults(call.secrets)) {
      const server = await fresh(vendor, (request, index) => (index === 0 ? fault(request) : undefined));
      const error = await expectNoLeak(`${vendor} ${call.name}, ${name}`, [API_KEY, ...call.secrets], () => call.call(facade(vendor)));
      // The secrets did go out, so the echo really carried them back.
      const [request] = server.requests;
      expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      for (const secret of call.secrets) expect(request?.body).toContain(secret);
      expect((error as { status?: number }).status).toBeGreaterThanOrEqual(400);
    }
  });

  test.for(calls.map((call) => [call.name, call] as const))(
    '%s: dropped connections, timeouts and unreadable bodies',
    { timeout: 10_000 },
    async ([, call]) => {
      for (const [name, fault] of TRANSPORT_FAULTS) {
        await fresh(vendor, [fault]);
        await expectNoLeak(`${vendor} ${call.name}, ${name}`, [API_KEY, ...call.secrets], () => call.call(facade(vendor, { timeoutMs: 100 })), 2_000);
      }
    },
  );

  test('a read retried through 500s ends in an error without secrets', { timeout: 5_000 }, async () => {
    // retry-after-ms: 1 keeps the retries fast.
    const server = await fresh(vendor, () => ({
      kind: 'status',
      status: 500,
      headers: { 'retry-after-ms': '1' },
      body: { message: `bad token ${API_KEY}`, headers: { authorization: `Bearer ${API_KEY}` } },
    }));
    await expectNoLeak(`${vendor} list, 500 × 3`, [API_KEY], () => READS[vendor][1]!.call(facade(vendor, { maxRetries: 2 })));
    expect(server.requests).toHaveLength(3);
  });
});

// -------------------------------------------------------------------------------------------------
// Validation errors, raised before anything is sent
// -------------------------------------------------------------------------------------------------

describe('validation errors carry no secret', () => {
  const everyCanary = [API_KEY, ...Object.values(C)];
  const cases: [string, VendorName, (numbers: Numbers) => Promise<unknown>][] = [
    [
      'vapi twilio-import with both an auth token and an API key pair',
      'vapi',
      create({
        type: 'twilio-import',
        number: '+14155550142',
        twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
        twilioAuthToken: C.vapiTwilioAuthToken,
        twilioApiKey: 'SK0123456789abcdef',
        twilioApiSecret: C.vapiTwilioApiSecret,
      }),
    ],
    [
      'vapi sip-uri whose password (the secret) is too long',
      'vapi',
      create({ type: 'sip-uri', sipUri: 'sip:a@acme.sip.vapi.ai', username: 'acme-front-desk-user-01', password: `${C.vapiSipPassword}-${C.vapiSipPassword}` }),
    ],
    ['vapi sip-uri with a password but no username', 'vapi', create({ type: 'sip-uri', sipUri: 'sip:a@acme.sip.vapi.ai', password: C.vapiSipPassword })],
    [
      'vapi smsEnabled on a sip-uri, with a server secret',
      'vapi',
      create(
        { type: 'sip-uri', sipUri: 'sip:a@acme.sip.vapi.ai', username: 'acme-front-desk-user-01', password: C.vapiSipPassword },
        { vendorOptions: { vapi: { server: vapiServer, smsEnabled: true } } },
      ),
    ],
    [
      'vogent sip-username whose username is too short',
      'vogent',
      create({ type: 'sip-username', sipPrefix: 'acme', username: 'ab', password: C.vogentSipPassword }),
    ],
    [
      'vogent sip-import with an unknown field',
      'vogent',
      create({
        type: 'sip-import',
        number: '+14155550142',
        terminationUri: 'x.example.com',
        username: 'u',
        password: C.vogentImportPassword,
        secret: C.vogentSipPassword,
      } as never),
    ],
    [
      'vogent sip-import whose password is far too long',
      'vogent',
      create({ type: 'sip-import', number: '+14155550142', terminationUri: 'x.example.com', username: 'u', password: C.vogentImportPassword.repeat(30) }),
    ],
    [
      'vocode link with a bad account connection and an inline agent',
      'vocode',
      create({ type: 'link', number: '+14155550142', telephonyAccountConnection: 'not-a-uuid' }, { vendorOptions: { vocode: { inbound_agent: vocodeAgent } } }),
    ],
    [
      'vocode purchase with an unknown vendor option next to an inline agent',
      'vocode',
      create({ type: 'purchase' }, { vendorOptions: { vocode: { inbound_agent: vocodeAgent, api_key: C.vocodeVoiceKey } as never } }),
    ],
    [
      'retell sip-import with a purchase-only vendor option, carrying the trunk password',
      'retell',
      create(
        {
          type: 'sip-import',
          number: '+14155550177',
          terminationUri: 'acme-trunk.pstn.twilio.com',
          username: 'acme-trunk-user',
          password: C.retellTrunkPassword,
        },
        { vendorOptions: { retell: { toll_free: true } } },
      ),
    ],
    [
      'retell sip-import whose password is not a string',
      'retell',
      create({
        type: 'sip-import',
        number: '+14155550177',
        terminationUri: 'acme-trunk.pstn.twilio.com',
        username: 'acme-trunk-user',
        password: [C.retellTrunkPassword] as never,
      }),
    ],
  ];

  test.for(cases)('%s', { timeout: 5_000 }, async ([label, vendor, call]) => {
    const server = await fresh(vendor);
    const error = await expectNoLeak(label, everyCanary, () => call(facade(vendor)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  test.for(VENDOR_NAMES)('%s: an API key a header cannot carry', { timeout: 5_000 }, async (vendor) => {
    const badKey = `${API_KEY} \n${API_KEY}`;
    const error = await expectNoLeak(`${vendor} bad API key`, [API_KEY], () =>
      createPhoneNumbers({ vendor, apiKey: badKey, baseUrl: servers.get(vendor)!.url }),
    );
    expect(error).toBeInstanceOf(ValidationError);
  });
});

// -------------------------------------------------------------------------------------------------
// Secrets a vendor quotes back in another form: JSON-escaped (a password with `"` or `\`), or as
// an object key
// -------------------------------------------------------------------------------------------------

describe('secrets quoted back in another form', () => {
  const SPECIAL = {
    vogent: 'CANARY"vogent\\sip-pw-quote-91',
    vapi: 'CANARY"vapi\\sip-pw-quote-4422',
    vocode: 'CANARY"vocode\\voice-key-quote-63',
    retell: 'CANARY"retell\\trunk-pw-quote-27',
  } as const;
  // The vendors whose creates carry a secret (Cartesia's carry none).
  type Special = keyof typeof SPECIAL;
  const SPECIALS = Object.keys(SPECIAL) as Special[];
  const specialCalls: Record<Special, (numbers: Numbers) => Promise<unknown>> = {
    vogent: create({ type: 'sip-username', sipPrefix: 'acme-support', username: 'acme-auth', password: SPECIAL.vogent }),
    vapi: create({ type: 'sip-uri', sipUri: 'sip:front-desk@acme.sip.vapi.ai', username: 'acme-front-desk-user-01', password: SPECIAL.vapi }),
    vocode: create(
      { type: 'purchase' },
      { vendorOptions: { vocode: { inbound_agent: { ...vocodeAgent, voice: { ...vocodeAgent.voice, api_key: SPECIAL.vocode } } } } },
    ),
    retell: create({
      type: 'sip-import',
      number: '+14155550177',
      terminationUri: 'acme-trunk.pstn.twilio.com',
      username: 'acme-trunk-user',
      password: SPECIAL.retell,
    }),
  };

  test.for(SPECIALS)('%s: a secret with quotes and backslashes, echoed parsed, as raw JSON text, and as plain text', { timeout: 5_000 }, async (vendor) => {
    const secret = SPECIAL[vendor];
    const answers: [string, (request: FaultRequest) => Fault][] = [
      ['echo 400 (parsed)', () => ({ kind: 'echo', status: 400, extra: { message: `bad secret ${secret}` } })],
      ['400 quoting the raw body in JSON', (request) => ({ kind: 'status', status: 400, body: { message: 'could not parse the body', raw: request.body } })],
      ['400 quoting the raw body as text', (request) => ({ kind: 'status', status: 400, body: `could not parse the body: ${request.body}` })],
    ];
    const found: string[] = [];
    for (const [name, answer] of answers) {
      await fresh(vendor, (request, index) => (index === 0 ? answer(request) : undefined));
      try {
        await expectNoLeak(`${vendor} special-character secret, ${name}`, [API_KEY, secret], () => specialCalls[vendor](facade(vendor)));
      } catch (error) {
        found.push(String(error instanceof Error ? error.message : error));
      }
    }
    expect(found).toEqual([]);
  });

  test.for(VENDOR_NAMES)('%s: secrets quoted back as object keys', { timeout: 5_000 }, async (vendor) => {
    const call = CALLS[vendor][0]!;
    await fresh(vendor, [
      {
        kind: 'status',
        status: 400,
        body: { message: 'invalid values', rejected: Object.fromEntries([API_KEY, ...call.secrets].map((s) => [s, 'not accepted'])) },
      },
    ]);
    await expectNoLeak(`${vendor} ${call.name}, secrets as keys`, [API_KEY, ...call.secrets], () => call.call(facade(vendor)));
  });
});

// -------------------------------------------------------------------------------------------------
// Secrets echoed in the answer's headers: a request id, a content type
// -------------------------------------------------------------------------------------------------

describe.each(VENDOR_NAMES)('%s: secrets echoed in headers', (vendor) => {
  // Events are printed, so the search covers them too (what the CLI's --verbose shows).
  const printEvents: Options = { onEvent: (event) => console.info(event) };

  test.for(CALLS[vendor].map((call) => [call.name, call] as const))(
    '%s: in x-request-id and request-id of an error, and of a 2xx whose content type echoes them too',
    { timeout: 10_000 },
    async ([, call]) => {
      const echoed = [API_KEY, ...call.secrets].join(' ');
      const answers: [string, Fault][] = [
        ['400', { kind: 'status', status: 400, headers: { 'x-request-id': echoed, 'request-id': `Bearer ${API_KEY}` }, body: { message: 'rejected' } }],
        [
          '200 text/html',
          { kind: 'status', status: 200, headers: { 'x-request-id': echoed, 'content-type': `text/html; charset="${echoed}"` }, body: '<html>' },
        ],
      ];
      for (const [name, answer] of answers) {
        const server = await fresh(vendor, [answer]);
        await expectNoLeak(`${vendor} ${call.name}, ${name} echoing the secrets in headers`, [API_KEY, ...call.secrets], () =>
          call.call(facade(vendor, printEvents)),
        );
        expect(server.requests).toHaveLength(1);
      }
    },
  );
});

describe('a secret beyond ASCII, echoed as ASCII-only JSON writes it and as a header carries it', () => {
  const token = 'CANARY-vapi-twilio-tökén-Ω-51d7';

  test('vapi twilio-import: the auth token comes back \\u-escaped in a text body and as UTF-8 bytes in a header', { timeout: 5_000 }, async () => {
    const escaped = JSON.stringify(token).replace(/[^\u0000-\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const server = await fresh('vapi', [
      {
        kind: 'status',
        status: 500,
        headers: { 'x-request-id': Buffer.from(token).toString('latin1') },
        body: `Traceback (most recent call last): ValueError: {"twilioAuthToken": ${escaped}}`,
      },
    ]);
    const call = create({ type: 'twilio-import', number: '+14155550142', twilioAccountSid: 'AC0123456789abcdef0123456789abcdef', twilioAuthToken: token });
    const error = await expectNoLeak(
      'vapi twilio-import, non-ASCII token echoed',
      [API_KEY, token, escaped.slice(1, -1), Buffer.from(token).toString('latin1')],
      () => call(facade('vapi')),
    );
    expect((error as Error).message).toContain('{"twilioAuthToken": "[REDACTED]"}');
    expect(server.requests[0]?.body).toContain(token);
  });
});

test('leak count over every path is 0', () => {
  console.info(`[redaction] ${pathsChecked} error paths checked, ${leaks.length} leaks${leaks.length ? `:\n${leaks.join('\n')}` : ''}`);
  expect(pathsChecked).toBeGreaterThan(100);
  expect(leaks).toEqual([]);
});
