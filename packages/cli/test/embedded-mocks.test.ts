import { PROVIDERS, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, cleanEnv, escapeRegExp, FIXTURES, isAlive, listingOf, MOCK_NOTICE, type Run, run, tableRows } from './helpers.js';

// Mocks asked for (`--mock`, or SWITCHBOARD_MOCK=1): every run here starts (and must stop) its own
// Prism mocks, seconds of CPU each, so there are few runs and the assertions share them.
const watchChildren = process.platform === 'linux';
/** The vendor of the interrupted run: any will do. */
const [ANY] = VENDOR_NAMES as [VendorName];
/** The registry's first base URL named besides a default (a vendor's regional host), else any vendor's default. */
const REGIONAL = VENDOR_NAMES.flatMap((vendor) =>
  Object.keys(PROVIDERS[vendor].baseUrls)
    .filter((region) => region !== 'default')
    .map((region) => ({ vendor, region })),
)[0] ?? { vendor: ANY, region: 'default' };

let table: Run;
let json: Run;
let interrupted: Run;
let regional: Run;

beforeAll(async () => {
  assertFreshBuild();
  // At once: the runs are independent, and each starts one Prism process (every vendor it needs in it).
  [table, json, regional, interrupted] = await Promise.all([
    run(['numbers', 'list', '--mock'], { watchChildren }),
    run(['numbers', 'list', '--json'], { env: cleanEnv({ SWITCHBOARD_MOCK: '1' }) }),
    run(['numbers', 'list', '--vendor', REGIONAL.vendor, '--region', REGIONAL.region, '--mock', '--verbose']),
    run(['numbers', 'get', '--vendor', ANY, FIXTURES[ANY].get.id, '--mock'], {
      watchChildren,
      onSpawn(child) {
        // Interrupt as soon as the mocks start starting: the hardest moment to clean up.
        let stderr = '';
        const onData = (chunk: string) => {
          stderr += chunk;
          if (!stderr.includes(MOCK_NOTICE)) return;
          child.stderr!.off('data', onData);
          child.kill('SIGINT');
        };
        child.stderr!.on('data', onData);
      },
    }),
  ]);
}, 180_000);

describe('the embedded mocks, when asked for', () => {
  test('numbers list says the mocks are used and prints one table of every vendor', () => {
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toBe(MOCK_NOTICE);
    const [header, ...rest] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^VENDOR +ID +NUMBER +KIND +AGENT +NAME$/);
    const rows = tableRows(table.stdout);
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(VENDOR_NAMES));
    expect(rest.at(-1)).toBe(`${rows.length} numbers`);
    // Aligned: every row's NUMBER column starts where the header's does.
    const numberColumn = header!.indexOf('NUMBER');
    for (const line of rest.slice(0, -1)) expect(line.slice(numberColumn - 2, numberColumn)).toBe('  ');
  });

  test.runIf(watchChildren)('the mocks started are stopped before the process exits', () => {
    // One Prism process serves every vendor's mock.
    expect(table.children).toHaveLength(1);
    for (const pid of table.children) expect(isAlive(pid), `prism ${pid} left running`).toBe(false);
  });

  test('numbers list --json is a JSON array with a vendor on each item, and nothing else on stdout', () => {
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe(MOCK_NOTICE);
    const numbers = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(numbers.length).toBeGreaterThanOrEqual(VENDOR_NAMES.length);
    for (const number of numbers) {
      expect(number).toMatchObject({
        vendor: expect.toSatisfy((vendor) => VENDOR_NAMES.includes(vendor as never)),
        id: expect.any(String),
        // A vendor may list a number that has none yet (one still being provisioned).
        number: expect.toSatisfy((number) => number === null || typeof number === 'string'),
      });
      expect(number).not.toHaveProperty('raw');
    }
    expect(new Set(numbers.map((number) => number.vendor))).toEqual(new Set(VENDOR_NAMES));
    expect(numbers.length).toBe(tableRows(table.stdout).length);
  });

  test('SIGINT stops the mocks it started (only the vendor needed) and exits 130', () => {
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toBe('');
    expect(interrupted.stderr).toBe(`${MOCK_NOTICE}switchboard: interrupted\n`);
    if (!watchChildren) return;
    // Interrupted while they start, the mocks' start-up is given up: at most the one Prism process started.
    expect(interrupted.children.length).toBeLessThanOrEqual(1);
    for (const pid of interrupted.children) expect(isAlive(pid), `prism ${pid} left running`).toBe(false);
  });

  test("--region addresses the vendor's base URL of that name, which the mock answers in its place", () => {
    const { vendor, region } = REGIONAL;
    expect(regional.code, regional.stderr).toBe(0);
    const { method, path, operation } = listingOf(vendor);
    const url = `${PROVIDERS[vendor].baseUrls[region]}${path}`;
    expect(regional.stderr).toMatch(new RegExp(`^switchboard: → ${vendor} ${operation} ${method} ${escapeRegExp(url)}(\\?\\S*)? \\(attempt 1\\)$`, 'm'));
    // The mock's listing, as --json gave it; a number without one says so instead of a blank.
    const listed = (JSON.parse(json.stdout) as { vendor: string; number: string | null }[]).filter((number) => number.vendor === vendor);
    expect(tableRows(regional.stdout).map((row) => row[2])).toEqual(listed.map((number) => number.number ?? '(no number)'));
  });
});
