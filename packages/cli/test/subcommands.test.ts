import type { VendorName } from '@switchboard/phone-numbers';
import { prismUrl } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, CANARY, cleanEnv, expectNoCanary, run, tableRows } from './helpers.js';

type Vendor = VendorName;

/**
 * Every subcommand against the Prism mocks the test run already has (vitest's globalSetup),
 * reached the way a user reaches a real API: the vendor's key and SWITCHBOARD_<VENDOR>_BASE_URL.
 * No run starts mocks of its own, so these are quick.
 */
function envFor(vendor: Vendor, secrets: Record<string, string> = {}): NodeJS.ProcessEnv {
  const upper = vendor.toUpperCase();
  return cleanEnv({ [`${upper}_API_KEY`]: 'test-key', [`SWITCHBOARD_${upper}_BASE_URL`]: prismUrl(vendor), ...secrets });
}

const IDS: Record<Vendor, string> = {
  vapi: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
  vocode: '+14155550123',
  vogent: '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40',
  retell: '+14155550123',
  cartesia: 'pn_2hG5jR8tY0uW',
};
const AGENT = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';

interface Case {
  vendor: Vendor;
  args: string[];
  /** The word after "N numbers" in the table's summary line. */
  verb?: string;
  /** Secret fields' variables (`SWITCHBOARD_PASSWORD`): secrets are never flags. */
  secrets?: Record<string, string>;
}

const CASES: Record<string, Case> = {
  'list --limit (one page)': { vendor: 'vocode', args: ['list', '--vendor', 'vocode', '--limit', '2'] },
  'get (vapi)': { vendor: 'vapi', args: ['get', IDS.vapi, '--vendor', 'vapi'] },
  'get (vocode, by its number)': { vendor: 'vocode', args: ['get', IDS.vocode, '--vendor', 'vocode'] },
  'create purchase (vapi, area code)': { vendor: 'vapi', args: ['create', '--vendor', 'vapi', '--type', 'purchase', '--area-code', '415'], verb: 'created' },
  'create purchase (vogent, number)': {
    vendor: 'vogent',
    args: ['create', '--vendor', 'vogent', '--type', 'purchase', '--number', '+1 (415) 555-0187'],
    verb: 'created',
  },
  'create sip-import (vogent)': {
    vendor: 'vogent',
    args: [
      'create',
      '--vendor',
      'vogent',
      '--type',
      'sip-import',
      '--number',
      '+14155550123',
      '--termination-uri',
      'sip:trunk.example.com',
      '--username',
      'trunk-user',
    ],
    secrets: { SWITCHBOARD_PASSWORD: CANARY },
    verb: 'created',
  },
  'create sip-uri (vapi)': {
    vendor: 'vapi',
    args: ['create', '--vendor', 'vapi', '--type', 'sip-uri', '--sip-uri', 'sip:switchboard-demo@sip.vapi.ai', '--username', 'switchboard-demo-user-1'],
    secrets: { SWITCHBOARD_PASSWORD: CANARY },
    verb: 'created',
  },
  'create twilio-import (vapi)': {
    vendor: 'vapi',
    args: ['create', '--vendor', 'vapi', '--type', 'twilio-import', '--number', '+14155550123', '--twilio-account-sid', 'AC0123456789abcdef0123456789abcdef'],
    secrets: { SWITCHBOARD_TWILIO_AUTH_TOKEN: CANARY },
    verb: 'created',
  },
  'create link (vocode)': {
    vendor: 'vocode',
    args: [
      'create',
      '--vendor',
      'vocode',
      '--type',
      'link',
      '--number',
      '+14155550123',
      '--telephony-account-connection',
      '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    ],
    verb: 'created',
  },
  'link (vogent)': { vendor: 'vogent', args: ['link', IDS.vogent, '--vendor', 'vogent', '--agent', AGENT], verb: 'linked' },
  'link (vapi)': { vendor: 'vapi', args: ['link', IDS.vapi, '--vendor', 'vapi', '--agent', AGENT], verb: 'linked' },
  'unlink (vapi)': { vendor: 'vapi', args: ['unlink', IDS.vapi, '--vendor', 'vapi'], verb: 'unlinked' },
  'unlink (vogent)': { vendor: 'vogent', args: ['unlink', IDS.vogent, '--vendor', 'vogent'], verb: 'unlinked' },
  'release (vogent)': { vendor: 'vogent', args: ['release', IDS.vogent, '--vendor', 'vogent'], verb: 'released' },
  'release (vocode)': { vendor: 'vocode', args: ['release', IDS.vocode, '--vendor', 'vocode'], verb: 'released' },
  'list (retell)': { vendor: 'retell', args: ['list', '--vendor', 'retell'] },
  'get (retell, by its number)': { vendor: 'retell', args: ['get', '+1 (415) 555-0123', '--vendor', 'retell'] },
  'create purchase (retell, area code)': {
    vendor: 'retell',
    args: ['create', '--vendor', 'retell', '--type', 'purchase', '--area-code', '415'],
    verb: 'created',
  },
  'create purchase (retell, number)': {
    vendor: 'retell',
    args: ['create', '--vendor', 'retell', '--type', 'purchase', '--number', '+1 415 555 0123'],
    verb: 'created',
  },
  'create sip-import (retell)': {
    vendor: 'retell',
    args: [
      'create',
      '--vendor',
      'retell',
      '--type',
      'sip-import',
      '--number',
      '+14155550177',
      '--termination-uri',
      'acme-trunk.pstn.twilio.com',
      '--username',
      'acme-trunk-user',
    ],
    secrets: { SWITCHBOARD_PASSWORD: CANARY },
    verb: 'created',
  },
  'link (retell)': { vendor: 'retell', args: ['link', IDS.retell, '--vendor', 'retell', '--agent', 'agent_5b7d4e2a9c610d8e4b7a1f20'], verb: 'linked' },
  'unlink (retell)': { vendor: 'retell', args: ['unlink', IDS.retell, '--vendor', 'retell'], verb: 'unlinked' },
  'release (retell)': { vendor: 'retell', args: ['release', IDS.retell, '--vendor', 'retell'], verb: 'released' },
  'search (vogent)': { vendor: 'vogent', args: ['search', '--vendor', 'vogent', '--area-code', '415', '--country', 'US', '--limit', '5'], verb: 'available' },
};

beforeAll(assertFreshBuild);
afterAll(expectNoCanary);

// Each test runs the binary as a child process, several at once, and the first request of an
// operation makes its Prism mock compile that route (seconds on a loaded 2-core machine): more
// than vitest's default 5 s. No test here measures time.
const RUN_TIMEOUT_MS = 20_000;

describe.concurrent.each(Object.entries(CASES))('numbers %s', (_, { vendor, args, verb, secrets }) => {
  test('prints a table and a summary line, with nothing on stderr', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await run(['numbers', ...args], { env: envFor(vendor, secrets) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VENDOR {2}/);
    const rows = tableRows(result.stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe(`${rows.length} number${rows.length === 1 ? '' : 's'}${verb === undefined ? '' : ` ${verb}`}`);
    for (const row of rows) expect(row[0]).toBe(vendor);
  });

  test('--json prints JSON only', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await run(['numbers', ...args, '--json'], { env: envFor(vendor, secrets) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout) as unknown;
    const items = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.vendor).toBe(vendor);
      expect(item).not.toHaveProperty('raw');
    }
  });
});

test('unlink on Vocode, which documents no way to unlink, fails naming the vendor and sends nothing', { timeout: RUN_TIMEOUT_MS }, async () => {
  const result = await run(['numbers', 'unlink', IDS.vocode, '--vendor', 'vocode'], { env: envFor('vocode') });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe('switchboard: Vocode documents no way to unlink the agent from a number\n');
});

test('the JSON shapes: an object for one number, an array for a listing, a receipt for a release', { timeout: RUN_TIMEOUT_MS }, async () => {
  const [got, listed, released, found, retell] = await Promise.all([
    run(['numbers', 'get', IDS.vogent, '--vendor', 'vogent', '--json'], { env: envFor('vogent') }),
    run(['numbers', 'list', '--vendor', 'vogent', '--json'], { env: envFor('vogent') }),
    run(['numbers', 'release', IDS.vapi, '--vendor', 'vapi', '--json'], { env: envFor('vapi') }),
    run(['numbers', 'search', '--vendor', 'vogent', '--prefix', '415', '--json'], { env: envFor('vogent') }),
    run(['numbers', 'get', IDS.retell, '--vendor', 'retell', '--json'], { env: envFor('retell') }),
  ]);
  expect(JSON.parse(got.stdout)).toEqual({
    vendor: 'vogent',
    id: expect.any(String),
    number: expect.any(String),
    kind: expect.stringMatching(/^(pstn|sip)$/),
    canReceiveCalls: null,
    canPlaceCalls: null,
    agentId: expect.toSatisfy((value) => value === null || typeof value === 'string'),
    name: null,
    createdAt: null,
  });
  expect(Array.isArray(JSON.parse(listed.stdout))).toBe(true);
  expect(JSON.parse(released.stdout)).toEqual({ vendor: 'vapi', id: IDS.vapi, released: true });
  const available = JSON.parse(found.stdout) as unknown[];
  expect(available.length).toBeGreaterThan(0);
  for (const number of available) expect(number).toEqual({ vendor: 'vogent', number: expect.stringMatching(/^\+\d+$/) });
  // Retell: the number is the id, the first inbound agent is the agent, the nickname the name; no creation time.
  expect(JSON.parse(retell.stdout)).toEqual({
    vendor: 'retell',
    id: IDS.retell,
    number: IDS.retell,
    kind: 'pstn',
    // Retell's inbound agents take its calls, and its outbound agents place them.
    canReceiveCalls: true,
    canPlaceCalls: true,
    agentId: 'agent_5b7d4e2a9c610d8e4b7a1f20',
    name: 'Front desk',
    createdAt: null,
  });
});
