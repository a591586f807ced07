import { createPhoneNumbers, type PhoneNumber, VENDOR_CAPABILITIES, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { prismUrl } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, cleanEnv, createArgs, expectNoCanary, FIXTURES, type Run, run, tableRows } from './helpers.js';

/**
 * Every subcommand on every vendor of the registry, against the Prism mocks the test run already
 * has (vitest's globalSetup), reached the way a user reaches a real API: the vendor's key and
 * SWITCHBOARD_<VENDOR>_BASE_URL. The ids, agents and creates are each vendor's conformance
 * fixture's. No run starts mocks of its own, so these are quick.
 */
function envFor(vendor: VendorName, secrets: Record<string, string> = {}): NodeJS.ProcessEnv {
  const upper = vendor.toUpperCase();
  return cleanEnv({ [`${upper}_API_KEY`]: 'test-key', [`SWITCHBOARD_${upper}_BASE_URL`]: prismUrl(vendor), ...secrets });
}

const runsByCommand = new Map<string, Promise<Run>>();

/**
 * `switchboard numbers …args` on `vendor`, run once per command line: the JSON shapes below assert
 * on the same `get`, `list` and `release --json` runs as the cases' `--json` test, so each of those
 * runs once and both tests read its output (the Prism mocks keep no state, so the order is free).
 */
function runNumbers(vendor: VendorName, args: string[], secrets: Record<string, string> = {}): Promise<Run> {
  const key = JSON.stringify([vendor, args, secrets]);
  if (!runsByCommand.has(key)) runsByCommand.set(key, run(['numbers', ...args], { env: envFor(vendor, secrets) }));
  return runsByCommand.get(key)!;
}

interface Case {
  vendor: VendorName;
  args: string[];
  /** The word after "N numbers" in the table's summary line. */
  verb?: string;
  /** Secret fields' variables (`SWITCHBOARD_PASSWORD`, the fixture's canaries): secrets are never flags, and no output shows them. */
  secrets?: Record<string, string>;
}

function casesOf(vendor: VendorName): [string, Case][] {
  const { get, creates, agents } = FIXTURES[vendor];
  const on = ['--vendor', vendor];
  const cases: [string, Case][] = [
    [`list (${vendor})`, { vendor, args: ['list', ...on] }],
    [`list --limit (${vendor}, one page)`, { vendor, args: ['list', ...on, '--limit', '2'] }],
    [`get (${vendor})`, { vendor, args: ['get', get.id, ...on] }],
    // The command line has no vendor options: each create goes out without them.
    ...creates.map((create): [string, Case] => {
      const { args, secrets } = createArgs(create.input);
      return [`create ${create.name} (${vendor})`, { vendor, args: ['create', ...on, ...args], secrets, verb: 'created' }];
    }),
    [`link (${vendor})`, { vendor, args: ['link', get.id, ...on, '--agent', agents.id], verb: 'linked' }],
    [`release (${vendor})`, { vendor, args: ['release', get.id, ...on], verb: 'released' }],
  ];
  if (agents.canUnlink) cases.push([`unlink (${vendor})`, { vendor, args: ['unlink', get.id, ...on], verb: 'unlinked' }]);
  if (VENDOR_CAPABILITIES[vendor].searchAvailable) {
    cases.push([`search (${vendor})`, { vendor, args: ['search', ...on, '--area-code', '415', '--country', 'US', '--limit', '5'], verb: 'available' }]);
  }
  return cases;
}

beforeAll(assertFreshBuild);
afterAll(expectNoCanary);

// Each test runs the binary as a child process, several at once, and the first request of an
// operation makes its Prism mock compile that route (seconds on a loaded 2-core machine): more
// than vitest's default 5 s. No test here measures time.
const RUN_TIMEOUT_MS = 20_000;

describe.concurrent.each(VENDOR_NAMES.flatMap(casesOf))('numbers %s', (_, { vendor, args, verb, secrets }) => {
  test('prints a table and a summary line, with nothing on stderr', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await runNumbers(vendor, args, secrets);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VENDOR {2}/);
    const rows = tableRows(result.stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe(`${rows.length} number${rows.length === 1 ? '' : 's'}${verb === undefined ? '' : ` ${verb}`}`);
    for (const row of rows) expect(row[0]).toBe(vendor);
    for (const secret of Object.values(secrets ?? {})) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  test('--json prints JSON only', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await runNumbers(vendor, [...args, '--json'], secrets);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout) as unknown;
    const items = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.vendor).toBe(vendor);
      expect(item).not.toHaveProperty('raw');
    }
    for (const secret of Object.values(secrets ?? {})) expect(result.stdout).not.toContain(secret);
  });
});

describe.concurrent.each(VENDOR_NAMES.filter((vendor) => !FIXTURES[vendor].agents.canUnlink))('numbers unlink on %s', (vendor) => {
  test('which cannot unlink, fails naming the vendor and sends nothing', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await run(['numbers', 'unlink', FIXTURES[vendor].get.id, '--vendor', vendor], { env: envFor(vendor) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^switchboard: .*${vendor}.*unlink.*\\n$`, 'i'));
  });
});

describe.concurrent.each(VENDOR_NAMES)('the JSON shapes of %s', (vendor) => {
  const { get } = FIXTURES[vendor];
  // What the CLI prints of a number is the facade's neutral number without the vendor's raw answer.
  const facade = createPhoneNumbers({ vendor, apiKey: 'test-key', baseUrl: prismUrl(vendor) });
  const printed = ({ raw: _raw, ...number }: PhoneNumber) => number;

  test('an object for one number, an array for a listing, a receipt for a release', { timeout: RUN_TIMEOUT_MS }, async () => {
    const [got, listed, released] = await Promise.all([
      runNumbers(vendor, ['get', get.id, '--vendor', vendor, '--json']),
      runNumbers(vendor, ['list', '--vendor', vendor, '--json']),
      runNumbers(vendor, ['release', get.id, '--vendor', vendor, '--json']),
    ]);
    expect(JSON.parse(got.stdout)).toEqual(printed(await facade.get(get.id)));
    const all: PhoneNumber[] = [];
    for await (const number of facade.listAll()) all.push(number);
    expect(all.length).toBeGreaterThan(0);
    expect(JSON.parse(listed.stdout)).toEqual(all.map(printed));
    expect(JSON.parse(released.stdout)).toEqual({ vendor, id: get.id, released: true });
  });

  if (VENDOR_CAPABILITIES[vendor].searchAvailable) {
    test('an array of numbers for a search', { timeout: RUN_TIMEOUT_MS }, async () => {
      const found = await run(['numbers', 'search', '--vendor', vendor, '--prefix', '415', '--json'], { env: envFor(vendor) });
      const available = JSON.parse(found.stdout) as unknown[];
      expect(available.length).toBeGreaterThan(0);
      for (const number of available) expect(number).toEqual({ vendor, number: expect.stringMatching(/^\+\d+$/) });
    });
  }
});
