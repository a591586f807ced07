/**
 * The CLI as a service or a deploy script uses it: real keys, real (here: loopback and Prism)
 * servers, `--verbose`, a vendor that fails, and a production install without the mocks package.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { type LoopbackServer, prismUrl, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, CANARY, cleanEnv, escapeRegExp, expectNoCanary, expectOneLineError, listingOf, run, tableRows } from './helpers.js';

// Two vendors of the registry, any two: one on its Prism mock, the other failing where a test says.
const [WORKING, FAILING] = VENDOR_NAMES as [VendorName, VendorName];
const upper = (vendor: VendorName) => vendor.toUpperCase();
const WORKING_ENV = { [`${upper(WORKING)}_API_KEY`]: CANARY, [`SWITCHBOARD_${upper(WORKING)}_BASE_URL`]: prismUrl(WORKING) };
const failingEnv = () => ({ [`${upper(FAILING)}_API_KEY`]: CANARY, [`SWITCHBOARD_${upper(FAILING)}_BASE_URL`]: failing.url });
let failing: LoopbackServer;

beforeAll(async () => {
  assertFreshBuild();
  failing = await startLoopbackServer((_request, response) => sendJson(response, 500, { message: 'internal error' }));
});
afterAll(async () => {
  await failing.close();
  expectNoCanary();
});

describe('--verbose', () => {
  test('prints each request and its answer on stderr, with no key or secret, and the output unchanged', async () => {
    const result = await run(['numbers', 'list', '--vendor', WORKING, '--verbose'], { env: cleanEnv(WORKING_ENV) });
    expect(result.code, result.stderr).toBe(0);
    const events = result.stderr.trimEnd().split('\n');
    const { method, path, operation } = listingOf(WORKING);
    // The listing asks for the largest page: the vendor's documented maximum, else the facade's own, 1000.
    const size = PROVIDERS[WORKING].createProvider({ apiKey: CANARY }).listing?.maxPageSize ?? 1000;
    expect(events[0]).toMatch(
      new RegExp(
        `^switchboard: → ${WORKING} ${operation} ${method} http://127\\.0\\.0\\.1:\\d+${escapeRegExp(path)}\\?(\\S+&)?\\w+=${size}(&\\S+)? \\(attempt 1\\)$`,
      ),
    );
    expect(events[1]).toMatch(new RegExp(`^switchboard: ← ${WORKING} ${operation} ${method} .* \\(attempt 1\\): 200 in \\d+ ms`));
    expect(tableRows(result.stdout).length).toBeGreaterThan(0);
  });

  test('shows retries with their reason and delay', async () => {
    const result = await run(['numbers', 'list', '--vendor', FAILING, '--verbose'], { env: cleanEnv(failingEnv()) });
    expect(result.code).toBe(1);
    const { method, operation } = listingOf(FAILING);
    expect(result.stderr).toMatch(new RegExp(`↻ ${FAILING} ${operation} ${method} .* \\(attempt 1\\): status 500; retrying in \\d+ ms`));
    expect(result.stderr).toMatch(/\(attempt 3\): 500 in \d+ ms/);
  });

  test('says when the deadline, not the retries left, ended a call', async () => {
    // 60 s, the longest Retry-After honoured, cannot fit in the default deadline of 60 s from the first request.
    const patient = await startLoopbackServer((_request, response) => sendJson(response, 503, { message: 'busy' }, { 'retry-after': '60' }));
    try {
      const env = cleanEnv({ [`${upper(FAILING)}_API_KEY`]: CANARY, [`SWITCHBOARD_${upper(FAILING)}_BASE_URL`]: patient.url });
      const result = await run(['numbers', 'list', '--vendor', FAILING, '--verbose'], { env });
      expect(result.code).toBe(1);
      const { method, operation } = listingOf(FAILING);
      expect(result.stderr).toMatch(
        new RegExp(`⌛ ${FAILING} ${operation} ${method} .* \\(attempt 1\\): a retry in 60000 ms would pass the deadline; giving up$`, 'm'),
      );
      expect(result.stderr).not.toContain('↻');
    } finally {
      await patient.close();
    }
  });
});

describe('one failing vendor does not hide the others', () => {
  test('numbers list prints the partial inventory, then one line per failed vendor, and exits 1', async () => {
    const result = await run(['numbers', 'list'], { env: cleanEnv({ ...WORKING_ENV, ...failingEnv() }) });
    expect(result.code).toBe(1);
    const rows = tableRows(result.stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set([WORKING]));
    expect(result.stderr).toMatch(
      new RegExp(`^switchboard: ${FAILING}: ${FAILING} ${listingOf(FAILING).operation} failed with status 500: internal error\\n$`),
    );
  });

  test('with --limit too', async () => {
    const result = await run(['numbers', 'list', '--limit', '5', '--json'], {
      env: cleanEnv({ ...WORKING_ENV, ...failingEnv() }),
    });
    expect(result.code).toBe(1);
    const numbers = JSON.parse(result.stdout) as { vendor: string }[];
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((number) => number.vendor === WORKING)).toBe(true);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^switchboard: ${FAILING}: .*status 500`))]);
  });
});

describe('a production install, without @switchboard/mocks', () => {
  const dir = `${tmpdir()}/switchboard-cli-without-mocks-${process.pid}/`;
  const packages = fileURLToPath(new URL('../../', import.meta.url));

  beforeAll(() => {
    // The CLI's files and its runtime dependencies, outside the repo so that nothing finds the mocks.
    mkdirSync(`${dir}node_modules/@switchboard`, { recursive: true });
    cpSync(`${packages}cli/dist`, `${dir}dist`, { recursive: true });
    cpSync(`${packages}cli/package.json`, `${dir}package.json`);
    const { dependencies } = JSON.parse(readFileSync(`${packages}cli/package.json`, 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(dependencies)) symlinkSync(`${packages}${name.replace('@switchboard/', '')}`, `${dir}node_modules/${name}`, 'dir');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('works against a real API', async () => {
    const result = await run(['numbers', 'list', '--vendor', WORKING], { env: cleanEnv(WORKING_ENV), bin: `${dir}dist/bin.js` });
    expect(result.code, result.stderr).toBe(0);
  });

  test('--mock says how to get the mocks', async () => {
    const result = await run(['numbers', 'list', '--mock'], { bin: `${dir}dist/bin.js` });
    expectOneLineError(
      result,
      1,
      /^switchboard: could not start the embedded mocks: --mock needs the @switchboard\/mocks package: install it beside the CLI \(npm install @switchboard\/mocks\)$/,
    );
  });
});
