import { inspect } from 'node:util';
import { createPhoneNumbers, type PhoneNumbers, type PhoneNumbersOptions, SwitchboardError, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { type Fault, type FaultProgram, type FaultRequest, type FaultServer, startFaultServer } from '@switchboard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createThrough, FIXTURES, prismUrl } from './helpers.js';

// No secret ever reaches an error or the console. Canary values stand for the API key and for
// the fields the specs mark `x-secret` that each vendor's fixture sends; each error path is
// provoked by a fault server in front of the vendor's Prism mock, and every way an error is
// usually shown (message, String, JSON, util.inspect, stack, console/stdout/stderr) is searched
// for them. Every vendor of the registry, with the calls its conformance fixture names.

const API_KEY = 'sk-CANARY-apikey-4f1c9e7a2b';

type Numbers = PhoneNumbers<VendorName>;
type Options = Omit<PhoneNumbersOptions<VendorName>, 'vendor' | 'apiKey' | 'baseUrl'>;
type FixtureCreate = (typeof FIXTURES)[VendorName]['creates'][number];

interface SecretCall {
  name: string;
  /** The canaries this call sends in its body (the API key is always sent). */
  secrets: readonly string[];
  call: (numbers: Numbers) => Promise<unknown>;
}

const sending = (vendor: VendorName, create: FixtureCreate): SecretCall => ({
  name: create.name,
  secrets: create.secrets,
  call: (numbers) => createThrough(numbers, vendor, create),
});

/**
 * Per vendor: its fixture's creates that carry secrets; a vendor whose creates carry none (its
 * credentials are linked through operations of their own) has every create searched for the API key.
 */
const CALLS = Object.fromEntries(
  VENDOR_NAMES.map((vendor) => {
    const { creates } = FIXTURES[vendor];
    const withSecrets = creates.filter((create) => create.secrets.length > 0);
    return [vendor, (withSecrets.length > 0 ? withSecrets : creates).map((create) => sending(vendor, create))];
  }),
) as Record<VendorName, SecretCall[]>;

/** Per vendor: the reads, which carry only the API key. */
const READS = Object.fromEntries(
  VENDOR_NAMES.map((vendor): [VendorName, SecretCall[]] => [
    vendor,
    [
      { name: 'get', secrets: [], call: (n) => n.get(FIXTURES[vendor].get.id) },
      { name: 'list', secrets: [], call: (n) => n.list() },
    ],
  ]),
) as Record<VendorName, SecretCall[]>;

/** `value` with every string equal to `from` replaced by `to`, at any depth. */
function replaced<T>(value: T, from: string, to: string): T {
  if (value === from) return to as T;
  if (Array.isArray(value)) return value.map((item) => replaced(item, from, to)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaced(item, from, to)])) as T;
  return value;
}

/** The vendor's first create that carries a secret, with `secret` in place of its first canary. */
function carrying(vendor: VendorName, secret: string): SecretCall | undefined {
  const create = FIXTURES[vendor].creates.find((candidate) => candidate.secrets.length > 0);
  if (create === undefined) return undefined;
  const canary = create.secrets[0]!;
  return sending(vendor, {
    ...create,
    input: replaced(create.input, canary, secret),
    vendorOptions: replaced(create.vendorOptions, canary, secret),
    secrets: [secret],
  });
}
/** The vendors that send a secret field on some create. */
const WITH_SECRETS = VENDOR_NAMES.filter((vendor) => FIXTURES[vendor].creates.some((create) => create.secrets.length > 0));

/** Every canary of a call in free text, as a vendor might quote it back. */
const quoted = (secrets: readonly string[]) => [API_KEY, ...secrets].join(' / ');

/**
 * Error answers that quote the request back: under the secrets' own keys, in free text, in the
 * echoed headers, and the raw request body as text. Each is made from the request it answers.
 */
function errorFaults(secrets: readonly string[]): [string, (request: FaultRequest) => Fault][] {
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
      // The secrets did go out (the key in whichever header the vendor's spec names), so the echo really carried them back.
      const [request] = server.requests;
      expect(Object.values(request?.headers ?? {}).join('\n')).toContain(API_KEY);
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
// Secrets a vendor quotes back in another form: JSON-escaped (a password with `"` or `\`), or as
// an object key
// -------------------------------------------------------------------------------------------------

describe('secrets quoted back in another form', () => {
  test.for(WITH_SECRETS)('%s: a secret with quotes and backslashes, echoed parsed, as raw JSON text, and as plain text', { timeout: 5_000 }, async (vendor) => {
    const secret = `CANARY"${vendor}\\pw-quote-91`;
    const call = carrying(vendor, secret)!;
    const answers: [string, (request: FaultRequest) => Fault][] = [
      ['echo 400 (parsed)', () => ({ kind: 'echo', status: 400, extra: { message: `bad secret ${secret}` } })],
      ['400 quoting the raw body in JSON', (request) => ({ kind: 'status', status: 400, body: { message: 'could not parse the body', raw: request.body } })],
      ['400 quoting the raw body as text', (request) => ({ kind: 'status', status: 400, body: `could not parse the body: ${request.body}` })],
    ];
    const found: string[] = [];
    for (const [name, answer] of answers) {
      await fresh(vendor, (request, index) => (index === 0 ? answer(request) : undefined));
      try {
        await expectNoLeak(`${vendor} special-character secret, ${name}`, [API_KEY, secret], () => call.call(facade(vendor)));
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
  test.for(WITH_SECRETS)('%s: the secret comes back \\u-escaped in a text body and as UTF-8 bytes in a header', { timeout: 5_000 }, async (vendor) => {
    const secret = `CANARY-${vendor}-tökén-Ω-51d7`;
    const escaped = JSON.stringify(secret).replace(/[^\u0000-\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const server = await fresh(vendor, [
      {
        kind: 'status',
        status: 500,
        headers: { 'x-request-id': Buffer.from(secret).toString('latin1') },
        body: `Traceback (most recent call last): ValueError: {"value": ${escaped}}`,
      },
    ]);
    const error = await expectNoLeak(
      `${vendor}, non-ASCII secret echoed`,
      [API_KEY, secret, escaped.slice(1, -1), Buffer.from(secret).toString('latin1')],
      () => carrying(vendor, secret)!.call(facade(vendor)),
    );
    expect((error as Error).message).toContain('{"value": "[REDACTED]"}');
    expect(server.requests[0]?.body).toContain(secret);
  });
});

test('leak count over every path is 0', () => {
  console.info(`[redaction] ${pathsChecked} error paths checked, ${leaks.length} leaks${leaks.length ? `:\n${leaks.join('\n')}` : ''}`);
  expect(pathsChecked).toBeGreaterThan(100);
  expect(leaks).toEqual([]);
});
