import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PhoneNumber, VENDOR_CAPABILITIES, VENDOR_NAMES } from '@switchboard/phone-numbers';
import { type FaultServer, startFaultServer } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, cleanEnv, type Run, run, SANDBOX_NOTICE, type SandboxCommand, startSandboxCommand, tableRows } from './helpers.js';

/**
 * `switchboard plan` and `apply`, end to end against the sandbox: the built binary, run after run,
 * against one `switchboard sandbox` of every vendor of the registry that can link (each vendor in
 * memory behind Prism checking requests and answers against its spec), reached as real APIs are,
 * by key and base URL. A fault server passes each vendor's requests on, and fails its writes when
 * a test says so. The files are written from what the vendors hold, so the tests share one sandbox
 * without depending on one another's numbers.
 */
const VENDORS = VENDOR_NAMES.filter((vendor) => VENDOR_CAPABILITIES[vendor].update);
type Vendor = (typeof VENDORS)[number];
type Listed = Omit<PhoneNumber, 'raw'>;

// Agents no example of the specs has (Vocode takes agents by UUID; the others take any id).
const AGENT = '7e3b9c41-2d5a-4f86-9b0e-c14a8d6f2e73';
const OTHER_AGENT = 'b58d2f07-9c1e-4a3b-8e6d-0f2c7a9b1d54';
const NAME = 'Sandbox line';
/** A number no vendor of the sandbox holds. */
const MISSING = '+16285550999';

let sandbox: SandboxCommand;
let faults: Record<string, FaultServer>;
let env: NodeJS.ProcessEnv;
let folder: string;
/** What the vendors held at the start: the spec's examples, as every new sandbox holds them. */
let initial: Listed[];
/**
 * `apply --sandbox` of a file written from `initial`, the longest run here (it starts a sandbox of
 * every vendor, whose Prism then answers each operation for the first time). It shares nothing with
 * the tests of the shared sandbox, so it runs alongside them rather than after them; its test reads it.
 */
let applyInOwnSandbox: Promise<{ result: Run; changes: Change[] }> | undefined;

beforeAll(async () => {
  assertFreshBuild();
  folder = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-plan-'));
  sandbox = await startSandboxCommand();
  faults = Object.fromEntries(
    await Promise.all(
      VENDORS.map(async (vendor) => [vendor, await startFaultServer({ upstream: sandbox.variables[`SWITCHBOARD_${vendor.toUpperCase()}_BASE_URL`]! })]),
    ),
  );
  env = cleanEnv(
    Object.fromEntries(
      VENDORS.flatMap((vendor) => [
        [`${vendor.toUpperCase()}_API_KEY`, sandbox.variables[`${vendor.toUpperCase()}_API_KEY`]!],
        [`SWITCHBOARD_${vendor.toUpperCase()}_BASE_URL`, faults[vendor]!.url],
      ]),
    ),
  );
  initial = await listed();
  const { file, changes } = fileFor(AGENT, initial);
  applyInOwnSandbox = run(['apply', '-f', file, '--yes', '--sandbox'], { env: cleanEnv() }).then((result) => ({ result, changes }));
}, 240_000);
afterAll(async () => {
  // Still running when a filter picked other tests only: it reads a file of the folder.
  await applyInOwnSandbox?.catch(() => undefined);
  await sandbox?.stop();
  await Promise.all(Object.values(faults ?? {}).map((fault) => fault.close()));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/**
 * Every number the vendors hold now, through `switchboard numbers list --json`, by vendor in the
 * registry's order: the listing interleaves the vendors as their pages arrive, each in its own order.
 */
async function listed(): Promise<Listed[]> {
  const result = await run(['numbers', 'list', '--json'], { env });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as Listed[]).sort((a, b) => VENDOR_NAMES.indexOf(a.vendor) - VENDOR_NAMES.indexOf(b.vendor));
}

/** The writes the vendors were sent since `since` (each fault server's request count then). */
function writesSince(since: Record<string, number>): string[] {
  return VENDORS.flatMap((vendor) =>
    faults[vendor]!.requests.slice(since[vendor])
      .filter(({ method }) => method !== 'GET')
      .map(({ method, path }) => `${vendor} ${method} ${path}`),
  );
}
const requestCounts = () => Object.fromEntries(VENDORS.map((vendor) => [vendor, faults[vendor]!.requests.length]));

interface Change {
  vendor: Vendor;
  id: string;
  line: number;
  actions: string[];
  /** The agent the number is to be answered by. */
  agent: string | null;
}

/**
 * A switchboard.yaml for what `held` shows, and the changes it asks for: at each vendor, its first
 * number answered by `agent` (and named, where numbers have names), and the next number an agent
 * answers unlinked, where the vendor can unlink; every other number is left out (unmanaged). With
 * `missing`, each vendor also lists a number it does not hold, last (`missingLines`: their lines).
 */
function fileFor(agent: string, held: readonly Listed[], { missing = false } = {}) {
  const lines = ['numbers:'];
  const changes: Change[] = [];
  const missingLines: Record<string, number> = {};
  const entry = (vendor: Vendor, number: Listed, wanted: { agent: string | null; name?: string }) => {
    const actions = [
      ...(wanted.agent === number.agentId ? [] : [wanted.agent === null ? 'unlink' : 'link']),
      ...(wanted.name === undefined || wanted.name === number.name ? [] : ['rename']),
    ];
    if (actions.length > 0) changes.push({ vendor, id: number.id, line: lines.length + 1, actions, agent: wanted.agent });
    lines.push(`  - vendor: ${vendor}`, `    id: ${JSON.stringify(number.id)}`, `    agent: ${JSON.stringify(wanted.agent)}`);
    if (wanted.name !== undefined) lines.push(`    name: ${JSON.stringify(wanted.name)}`);
  };
  for (const vendor of VENDORS) {
    const [first, ...rest] = held.filter((number) => number.vendor === vendor);
    const capabilities = VENDOR_CAPABILITIES[vendor];
    entry(vendor, first!, { agent, ...(capabilities.names ? { name: NAME } : {}) });
    const answered = rest.find((number) => number.agentId !== null);
    if (capabilities.unlink && answered !== undefined) entry(vendor, answered, { agent: null });
  }
  if (missing) {
    for (const vendor of VENDORS) {
      missingLines[vendor] = lines.length + 1;
      lines.push(`  - vendor: ${vendor}`, `    number: '${MISSING}'`, '    agent: null');
    }
  }
  const file = join(folder, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, changes, missingLines };
}

const keyOf = ({ vendor, id }: { vendor: string; id: string }) => `${vendor} ${id}`;

describe('switchboard plan and apply against the sandbox of every vendor that can link', { timeout: 120_000 }, () => {
  test('plan shows the changes and the unmanaged numbers, and changes nothing (exit 2 with --detailed-exitcode)', async () => {
    const before = await listed();
    const { file, changes } = fileFor(AGENT, before);
    expect(new Set(changes.map(({ vendor }) => vendor))).toEqual(new Set(VENDORS));
    const since = requestCounts();

    const result = await run(['plan', '-f', file, '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const planned = JSON.parse(result.stdout);
    expect(
      planned.changes.map(({ vendor, id, line, actions, agent }: Omit<Change, 'agent'> & { agent: { to: string | null } }) => ({
        vendor,
        id,
        line,
        actions,
        agent: agent.to,
      })),
    ).toEqual(changes);
    const managed = new Set(changes.map(keyOf));
    expect(planned.unmanaged.map(keyOf).sort()).toEqual(
      before
        .map(keyOf)
        .filter((key) => !managed.has(key))
        .sort(),
    );
    expect(planned.errors).toEqual([]);

    expect((await run(['plan', '-f', file, '--detailed-exitcode'], { env })).code).toBe(2);
    expect(writesSince(since)).toEqual([]);
    expect(await listed()).toEqual(before);
  });

  test('apply makes it so at every vendor, leaves the unmanaged numbers as they were, and a second plan is empty', async () => {
    const before = await listed();
    const { file, changes } = fileFor(AGENT, before);

    const result = await run(['apply', '-f', file, '--yes'], { env });
    expect(result.code, result.stderr).toBe(0);
    const applied = result.stdout.split('\n\n').at(-1)!;
    expect(tableRows(applied).map(([outcome, vendor, , id]) => `${outcome} ${vendor} ${id}`)).toEqual(
      changes.map(({ vendor, id }) => `applied ${vendor} ${id}`),
    );
    expect(applied).toMatch(new RegExp(`\n${changes.length} numbers changed, 0 failed\n$`));

    const after = new Map((await listed()).map((number) => [keyOf(number), number]));
    for (const change of changes) {
      expect(after.get(keyOf(change))!.agentId, keyOf(change)).toBe(change.agent);
      if (change.actions.includes('rename')) expect(after.get(keyOf(change))!.name, keyOf(change)).toBe(NAME);
    }
    const managed = new Set(changes.map(keyOf));
    for (const number of before.filter((held) => !managed.has(keyOf(held)))) expect(after.get(keyOf(number))).toEqual(number);

    const again = await run(['plan', '-f', file, '--detailed-exitcode'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^No changes: the vendors match ${file.replaceAll('.', '\\.')}\\.\n`));
  });

  test('a listed number a vendor does not hold is an error naming it and its line, at every vendor; apply then writes nothing', async () => {
    const before = await listed();
    const { file, missingLines } = fileFor(OTHER_AGENT, before, { missing: true });
    const since = requestCounts();

    const planned = await run(['plan', '-f', file], { env });
    expect(planned.code).toBe(1);
    expect(planned.stderr.trimEnd().split('\n').sort()).toEqual(
      VENDORS.map(
        (vendor) =>
          `switchboard: ${file}:${missingLines[vendor]}: ${vendor} does not hold the number ${MISSING}: buy or import it first (plan and apply never create numbers)`,
      ).sort(),
    );

    const applied = await run(['apply', '-f', file, '--yes'], { env });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(`does not hold the number ${MISSING}`);
    expect(writesSince(since)).toEqual([]);
    expect(await listed()).toEqual(before);
  });

  test('vendors failing their writes: the others are applied, each failed number gets a line, exit 1; running it again finishes the job', async () => {
    const before = await listed();
    const { file, changes } = fileFor(OTHER_AGENT, before);
    // Every other vendor of the registry fails, so both outcomes are seen at several vendors.
    const failing = new Set<string>(VENDORS.filter((_, index) => index % 2 === 0));
    for (const vendor of failing)
      faults[vendor]!.program((request) => (request.method === 'GET' ? 'pass' : { kind: 'status', status: 503, body: { message: 'unavailable' } }));
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(['apply', '-f', file, '--yes'], { env });
    } finally {
      for (const vendor of failing) faults[vendor]!.program([]);
    }

    expect(result.code).toBe(1);
    expect(tableRows(result.stdout.split('\n\n').at(-1)!).map(([outcome, vendor, , id]) => `${outcome} ${vendor} ${id}`)).toEqual([
      ...changes.filter(({ vendor }) => !failing.has(vendor)).map(({ vendor, id }) => `applied ${vendor} ${id}`),
      ...changes.filter(({ vendor }) => failing.has(vendor)).map(({ vendor, id }) => `failed ${vendor} ${id}`),
    ]);
    const failedLines = result.stderr.trimEnd().split('\n');
    const failedChanges = changes.filter(({ vendor }) => failing.has(vendor));
    expect(failedLines).toHaveLength(failedChanges.length);
    for (const { vendor, line } of failedChanges) {
      expect(failedLines).toContainEqual(expect.stringMatching(new RegExp(`^switchboard: ${vendor} \\S+ \\(${file.replaceAll('.', '\\.')}:${line}\\): .*503`)));
    }
    const agents = (numbers: readonly Listed[]) => new Map(numbers.map((number) => [keyOf(number), number.agentId]));
    const [was, now] = [agents(before), agents(await listed())];
    for (const change of changes) expect(now.get(keyOf(change)), keyOf(change)).toBe(failing.has(change.vendor) ? was.get(keyOf(change)) : change.agent);

    const rest = await run(['apply', '-f', file, '--yes', '--json'], { env });
    expect(rest.code, rest.stderr).toBe(0);
    const { applied, failed } = JSON.parse(rest.stdout);
    expect(applied.map(keyOf)).toEqual(failedChanges.map(keyOf));
    expect(failed).toEqual([]);
  });

  test('apply --sandbox applies in a sandbox of its own, which starts from the specs’ examples and lasts for the run', async () => {
    const { result, changes } = await applyInOwnSandbox!;

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(SANDBOX_NOTICE);
    expect(result.stdout).toMatch(new RegExp(`\n${changes.length} numbers changed, 0 failed\n$`));
  });
});
