/**
 * The CLI on a shared machine, against hostile vendors (issue 21): secrets kept off the command
 * line, vendor text that would drive the terminal, Ctrl-C while the embedded mocks start, and what
 * a broken or echoing server sends back. Every run is the built binary; the vendor is the fault
 * server in front of the Prism mock of Vapi's spec (the run's global setup starts it), so what
 * passes is answered by the spec and the rest by the fault programmed.
 */
import { createServer } from 'node:net';
import { type FaultServer, prismUrl, startFaultServer } from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { assertFreshBuild, CANARY, childrenOf, cleanEnv, expectNoCanary, expectOneLineError, isAlive, MOCK_NOTICE, run, tableRows } from './helpers.js';

const KEY = `vapi-key-${CANARY}`;
const NUMBER_ID = '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f';

let vapi: FaultServer;

beforeAll(async () => {
  assertFreshBuild();
  vapi = await startFaultServer({ upstream: prismUrl('vapi') });
});
afterAll(async () => {
  await vapi?.close();
  expectNoCanary();
});
// Every request passes to the mock unless a test programs a fault.
beforeEach(() => vapi.program([]));

const vapiEnv = (extra: Record<string, string> = {}) => cleanEnv({ VAPI_API_KEY: KEY, SWITCHBOARD_VAPI_BASE_URL: vapi.url, ...extra });

describe('secrets come from a variable or standard input; on the command line they warn', () => {
  const sipUri = [
    'numbers',
    'create',
    '--vendor',
    'vapi',
    '--type',
    'sip-uri',
    '--sip-uri',
    'sip:switchboard-demo@sip.vapi.ai',
    '--username',
    'switchboard-demo-user-1',
  ];
  const twilio = [
    'numbers',
    'create',
    '--vendor',
    'vapi',
    '--type',
    'twilio-import',
    '--number',
    '+14155550123',
    '--twilio-account-sid',
    'AC0123456789abcdef0123456789abcdef',
  ];

  test.each([
    ['--password <value>', 'SWITCHBOARD_PASSWORD', [...sipUri, '--password', CANARY], { authentication: { password: CANARY } }],
    ['--password=<value>', 'SWITCHBOARD_PASSWORD', [...sipUri, `--password=${CANARY}`], { authentication: { password: CANARY } }],
    ['--twilio-auth-token <value>', 'SWITCHBOARD_TWILIO_AUTH_TOKEN', [...twilio, '--twilio-auth-token', CANARY], { twilioAuthToken: CANARY }],
    [
      '--twilio-api-secret <value>',
      'SWITCHBOARD_TWILIO_API_SECRET',
      [...twilio, '--twilio-api-key', 'SK0123456789abcdef0123456789abcdef', '--twilio-api-secret', CANARY],
      { twilioApiSecret: CANARY },
    ],
  ])('%s still works (over %s), with a warning naming the variable and the -stdin flag', async (given, variable, args, sent) => {
    const flag = given.split(/[ =]/)[0]!;
    const result = await run(args, { env: vapiEnv({ [variable]: 'not-this-one' }) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      `switchboard: warning: ${flag} is visible to other users of this machine (ps) and kept in the shell's history: set ${variable} or pass ${flag}-stdin instead\n`,
    );
    expect(JSON.parse(vapi.requests[0]!.body)).toMatchObject(sent);
  });

  test('--password-stdin reads the secret from standard input, without its last line break, over the variable', async () => {
    const result = await run([...sipUri, '--password-stdin'], { env: vapiEnv({ SWITCHBOARD_PASSWORD: 'not-this-one' }), stdin: `${CANARY}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(vapi.requests).toHaveLength(1);
    expect(JSON.parse(vapi.requests[0]!.body)).toMatchObject({ provider: 'vapi', authentication: { username: 'switchboard-demo-user-1', password: CANARY } });
  });

  test("a secret's variable is read by the create types that take that field, and only by them", async () => {
    const result = await run(twilio, { env: vapiEnv({ SWITCHBOARD_TWILIO_AUTH_TOKEN: CANARY, SWITCHBOARD_PASSWORD: 'a-sip-password' }) });
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(vapi.requests[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ provider: 'twilio', twilioAuthToken: CANARY });
    expect(JSON.stringify(body)).not.toContain('a-sip-password');
  });

  test.each([
    ['empty standard input', [...sipUri, '--password-stdin'], '\n', /^switchboard: --password-stdin: standard input is empty /],
    [
      'two secrets from one standard input',
      [...twilio, '--twilio-auth-token-stdin', '--twilio-api-secret-stdin'],
      CANARY,
      /^switchboard: standard input holds one secret: pass one of --twilio-auth-token-stdin, --twilio-api-secret-stdin and set the others' variables /,
    ],
    [
      'one secret from both its flag and standard input',
      [...sipUri, '--password', 'from-the-flag', '--password-stdin'],
      CANARY,
      /^switchboard: --password and --password-stdin both give the secret: pass one /,
    ],
    [
      'a secret the create type does not take',
      ['numbers', 'create', '--vendor', 'vapi', '--type', 'purchase', '--password-stdin'],
      CANARY,
      /^switchboard: --password-stdin does not apply to a "purchase" create /,
    ],
  ] as const)('%s is a usage error, and nothing is sent', async (_, args, stdin, message) => {
    const result = await run([...args], { env: vapiEnv(), stdin });
    expectOneLineError(result, 2, message);
    expect(vapi.requests).toHaveLength(0);
  });

  test('a missing secret is named by its variable', async () => {
    const result = await run([
      'numbers',
      'create',
      '--vendor',
      'vogent',
      '--type',
      'sip-username',
      '--sip-prefix',
      'acme',
      '--username',
      'acme-user',
      '--mock',
    ]);
    expectOneLineError(result, 1, /^switchboard: SWITCHBOARD_PASSWORD: is required for a "sip-username" create$/);
  });

  test('--help says where each secret comes from', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toContain('Secrets (passwords, auth tokens) do not belong on the command line');
    for (const [flag, variable] of [
      ['--password-stdin', 'SWITCHBOARD_PASSWORD'],
      ['--twilio-auth-token-stdin', 'SWITCHBOARD_TWILIO_AUTH_TOKEN'],
      ['--twilio-api-secret-stdin', 'SWITCHBOARD_TWILIO_API_SECRET'],
    ]) {
      expect(stdout).toMatch(new RegExp(`^ {2}${flag} +or ${variable}$`, 'm'));
    }
    expect(stdout).toMatch(/^ {2}sip-uri +--sip-uri \[--username\] \[--password-stdin\] \[--realm\] \(vapi\)$/m);
  });
});

describe('vendor text cannot drive the terminal', () => {
  /** What must never reach a terminal raw: C0 and C1 controls, DEL, format characters (bidi, zero-width, …), line and paragraph separators. */
  const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
  /** An escape sequence, a bell, C1 NEL and CSI, DEL, a right-to-left override, an isolate, zero-width characters, a BOM, a line separator, a tag character, a line break. */
  const SPOOF = 'a\u001b[31mred\u0007\u0085\u009b2J\u007f\u202egnp.exe\u2066iso\u2069\u200b\u200e\ufeff\u2028\u{e0041}\r\nz';
  /** SPOOF as the table and error lines write it. */
  const SPOOF_ESCAPED = 'a\\u001b[31mred\\u0007\\u0085\\u009b2J\\u007f\\u202egnp.exe\\u2066iso\\u2069\\u200b\\u200e\\ufeff\\u2028\\udb40\\udc41\\u000d\\u000az';
  const page = {
    results: [
      {
        id: `pn-${SPOOF}`,
        orgId: 'org-1',
        provider: 'vapi',
        number: '+14155550100',
        name: SPOOF,
        assistantId: `asst-${SPOOF}`,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
    ],
    metadata: { itemsPerPage: 100, totalItems: 1, currentPage: 1 },
  };
  const list = ['numbers', 'list', '--vendor', 'vapi'];
  /** Output without the line breaks it is made of. */
  const inert = (output: string) => output.replaceAll('\n', '');

  test('a table writes them as \\uXXXX escapes, one row per number', async () => {
    vapi.program(() => ({ kind: 'status', status: 200, body: page }));
    const result = await run(list, { env: vapiEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(inert(result.stdout)).not.toMatch(UNSAFE);
    expect(tableRows(result.stdout)).toEqual([['vapi', `pn-${SPOOF_ESCAPED}`, '+14155550100', 'pstn', `asst-${SPOOF_ESCAPED}`, SPOOF_ESCAPED]]);
  });

  test('--json escapes them too, and parses back to exactly what the vendor sent', async () => {
    vapi.program(() => ({ kind: 'status', status: 200, body: page }));
    const result = await run([...list, '--json'], { env: vapiEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(inert(result.stdout)).not.toMatch(UNSAFE);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ id: `pn-${SPOOF}`, name: SPOOF, agentId: `asst-${SPOOF}` })]);
  });

  test('an error line quoting the vendor escapes them, and stays one line', async () => {
    vapi.program(() => ({ kind: 'status', status: 400, body: { message: SPOOF, statusCode: 400 } }));
    const result = await run(['numbers', 'get', NUMBER_ID, '--vendor', 'vapi'], { env: vapiEnv() });
    expectOneLineError(result, 1);
    expect(inert(result.stderr)).not.toMatch(UNSAFE);
    expect(result.stderr).toContain('a\\u001b[31mred\\u0007\\u0085\\u009b2J\\u007f\\u202egnp.exe');
  });

  test('--verbose escapes a request id that carries C1 controls', async () => {
    // A header value can carry bytes 0x80–0xFF, which arrive as U+0080–U+00FF: C1 CSI and NEL among
    // them (Node sends this one UTF-8 encoded, so each arrives after an "Â").
    vapi.program(() => ({ kind: 'status', status: 200, body: page, headers: { 'x-request-id': 'req-\u009b2J\u0085' } }));
    const result = await run([...list, '--verbose'], { env: vapiEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(inert(result.stderr)).not.toMatch(UNSAFE);
    expect(result.stderr).toMatch(/, request id req-\S*\\u009b2J\S*\\u0085$/m);
  });
});

describe('Ctrl-C while --mock starts the mocks', () => {
  const signals = [
    ['SIGINT', 130, ['numbers', 'list', '--mock']],
    ['SIGTERM', 143, ['numbers', 'get', '--vendor', 'vogent', '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40', '--mock']],
  ] as const;
  // One Prism process serves the mocks of every vendor a start asks for.
  const mocks = 1;

  // A terminal's Ctrl-C signals the whole foreground process group: the CLI and the Prism
  // process it is starting, which dies of it. Prism's start-up timeout is 60 s: a CLI that waits
  // it out fails here by the test's timeout (nothing here measures time).
  test.runIf(process.platform === 'linux').each(signals)(
    '%s to the process group once Prism runs: exit %i, no Prism left',
    { timeout: 30_000 },
    async (signal, code, args) => {
      let signalled: number[] = [];
      const result = await run([...args], {
        processGroup: true,
        onSpawn(child) {
          const watch = setInterval(() => {
            const prisms = childrenOf(child.pid!);
            if (prisms.length < mocks) return;
            clearInterval(watch);
            signalled = prisms;
            process.kill(-child.pid!, signal);
          }, 20);
          child.once('exit', () => clearInterval(watch));
        },
      });
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`${MOCK_NOTICE}switchboard: interrupted\n`);
      expect(signalled).toHaveLength(mocks);
      for (const pid of signalled) expect(isAlive(pid), `prism ${pid} left running`).toBe(false);
    },
  );
});

describe('what a broken or echoing server sends back', () => {
  test('a refused connection names its cause, ECONNREFUSED', async () => {
    const result = await run(['numbers', 'get', NUMBER_ID, '--vendor', 'vapi'], {
      env: vapiEnv({ SWITCHBOARD_VAPI_BASE_URL: `http://127.0.0.1:${await closedPort()}` }),
    });
    expectOneLineError(result, 1, /ECONNREFUSED/);
  });

  test.each([
    ['an error answer', 401, ['numbers', 'get', NUMBER_ID, '--vendor', 'vapi', '--verbose'], 1],
    ['a listing', 200, ['numbers', 'list', '--vendor', 'vapi', '--verbose'], 0],
  ] as const)('the API key echoed in x-request-id of %s reaches neither stdout nor stderr, --verbose included', async (_, status, args, code) => {
    vapi.program((request) => ({
      kind: 'status',
      status,
      headers: { 'x-request-id': String(request.headers.authorization) },
      body: status === 200 ? { results: [], metadata: { itemsPerPage: 100, totalItems: 0, currentPage: 1 } } : { message: 'Unauthorized', statusCode: 401 },
    }));
    const result = await run([...args], { env: vapiEnv() });
    expect(result.code, result.stderr).toBe(code);
    expect(vapi.requests.length).toBeGreaterThan(0);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  test('a base URL with credentials is refused naming its variable, its password printed nowhere, nothing sent', async () => {
    const withCredentials = new URL(vapi.url);
    withCredentials.username = 'proxy-user';
    withCredentials.password = CANARY;
    const result = await run(['numbers', 'list', '--vendor', 'vapi', '--verbose'], { env: vapiEnv({ SWITCHBOARD_VAPI_BASE_URL: withCredentials.href }) });
    expectOneLineError(result, 1, /^switchboard: SWITCHBOARD_VAPI_BASE_URL: /);
    expect(vapi.requests).toHaveLength(0);
  });
});

/** A loopback port nothing listens on: one the OS just handed out and that was closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
