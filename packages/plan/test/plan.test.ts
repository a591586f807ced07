import { createSwitchboard, ServerError, ValidationError, type VendorName } from '@switchboard/phone-numbers';
import { type HeldNumberSeed, type StatefulVendorServer, startStatefulVendor } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { apply, parseNumbersFile, plan } from '../src/index.js';

// Vocode takes agents by UUID.
const VOCODE_AGENT = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';

/** What each vendor holds when a test starts. */
const HELD: Partial<Record<VendorName, HeldNumberSeed[]>> = {
  vapi: [
    { id: 'pn-1', number: '+14155550101', agent: 'asst-old', name: 'Support' },
    { id: 'pn-2', number: '+14155550102', agent: 'asst-1' },
    { id: 'pn-9', number: '+14155550199', agent: 'asst-9', name: 'Not in the file' },
  ],
  retell: [{ id: '+14155550201', number: '+14155550201', agent: 'agent_a', name: 'Front' }],
  vogent: [{ id: 'vg-1', number: '+14155550301', agent: null }],
  vocode: [{ id: '+14155550401', number: '+14155550401', agent: VOCODE_AGENT, name: 'Desk' }],
};

const FILE = `numbers:
  - vendor: vapi
    number: '+14155550101'
    agent: asst-new
    name: Support line
  - vendor: vapi
    number: '+14155550102'
    agent: null
  - vendor: retell
    number: '+14155550201'
    agent: agent_a
    name: Reception
  - vendor: vogent
    id: vg-1
    agent: agent-vogent
  - vendor: vocode
    number: '+14155550401'
    agent: ${VOCODE_AGENT}
    name: Desk
`;

let servers: StatefulVendorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function start(held = HELD) {
  servers = await Promise.all(Object.entries(held).map(([vendor, seeds]) => startStatefulVendor(vendor, seeds)));
  const server = (vendor: string) => servers.find((candidate) => candidate.vendor === vendor)!;
  const switchboard = createSwitchboard(
    Object.fromEntries(servers.map(({ vendor, url }) => [vendor, { apiKey: `key-${vendor}`, baseUrl: url, maxRetries: 0 }])),
  );
  const writes = () =>
    servers.flatMap(({ vendor, requests }) => requests.filter(({ method }) => method !== 'GET').map(({ method, url }) => `${vendor} ${method} ${url}`));
  return { switchboard, server, writes };
}

describe('plan', () => {
  test('lists a change per number that differs, and the numbers the file does not list; it writes nothing', async () => {
    const { switchboard, writes } = await start();
    const planned = await plan(parseNumbersFile(FILE, 'switchboard.yaml'), switchboard);

    expect(planned.errors).toEqual([]);
    expect(planned.failures).toEqual([]);
    expect(planned.changes).toEqual([
      {
        vendor: 'vapi',
        id: 'pn-1',
        number: '+14155550101',
        line: 2,
        actions: ['link', 'rename'],
        agent: { from: 'asst-old', to: 'asst-new' },
        name: { from: 'Support', to: 'Support line' },
      },
      { vendor: 'vapi', id: 'pn-2', number: '+14155550102', line: 6, actions: ['unlink'], agent: { from: 'asst-1', to: null } },
      { vendor: 'retell', id: '+14155550201', number: '+14155550201', line: 9, actions: ['rename'], name: { from: 'Front', to: 'Reception' } },
      { vendor: 'vogent', id: 'vg-1', number: '+14155550301', line: 13, actions: ['link'], agent: { from: null, to: 'agent-vogent' } },
    ]);
    expect(planned.unmanaged.map(({ vendor, id }) => `${vendor} ${id}`)).toEqual(['vapi pn-9']);
    expect(writes()).toEqual([]);
  });

  test('a number the vendor does not hold is an error naming it and its line, never a purchase', async () => {
    const { switchboard } = await start();
    const file = `${FILE}  - vendor: retell\n    number: '+14155550999'\n    agent: agent_b\n`;
    const planned = await plan(parseNumbersFile(file, 'numbers.yaml'), switchboard);

    expect(planned.errors).toEqual([
      {
        vendor: 'retell',
        line: 20,
        rule: 'missing',
        message: 'numbers.yaml:20: retell does not hold the number +14155550999: buy or import it first (plan and apply never create numbers)',
      },
    ]);
    expect(planned.changes).toHaveLength(4);
  });

  test('taking the agent off a number where the vendor cannot is an error before anything is sent', async () => {
    const { switchboard } = await start();
    const file = FILE.replace(`agent: ${VOCODE_AGENT}`, 'agent: null');
    const planned = await plan(parseNumbersFile(file, 'switchboard.yaml'), switchboard);

    expect(planned.errors).toEqual([
      { vendor: 'vocode', line: 16, rule: 'unsupported', message: 'switchboard.yaml:16: vocode cannot take the agent off +14155550401 (agent: null)' },
    ]);
  });

  test('a vendor that cannot be listed is a failure of its own; the others are planned', async () => {
    const { switchboard, server } = await start();
    server('retell').fail({ status: 503, on: 'everything' });
    const planned = await plan(parseNumbersFile(FILE, 'switchboard.yaml'), switchboard);

    expect(planned.failures.map(({ vendor, error }) => [vendor, error.name])).toEqual([['retell', 'ServerError']]);
    expect(planned.changes.map(({ vendor }) => vendor)).toEqual(['vapi', 'vapi', 'vogent']);
    expect(planned.unmanaged.map(({ vendor }) => vendor)).toEqual(['vapi']);
  });
});

describe('apply', () => {
  test('makes every change, touches no unmanaged number, and a second plan is empty', async () => {
    const { switchboard, server, writes } = await start();
    const desired = parseNumbersFile(FILE, 'switchboard.yaml');
    const result = await apply(await plan(desired, switchboard), switchboard);

    expect(result.failed).toEqual([]);
    expect(result.applied.map(({ vendor, id }) => `${vendor} ${id}`)).toEqual(['vapi pn-1', 'vapi pn-2', 'vogent vg-1', 'retell +14155550201']);
    expect(server('vapi').numbers.map(({ id, assistantId, name }) => [id, assistantId, name])).toEqual([
      ['pn-1', 'asst-new', 'Support line'],
      // Vapi clears a field sent as null: the number has no assistant and was never named.
      ['pn-2', undefined, undefined],
      ['pn-9', 'asst-9', 'Not in the file'],
    ]);
    expect(server('retell').numbers[0]).toMatchObject({ nickname: 'Reception', inbound_agents: [{ agent_id: 'agent_a' }] });
    expect(server('vogent').numbers[0]).toMatchObject({ agentId: 'agent-vogent' });
    expect(writes().filter((write) => write.includes('pn-9'))).toEqual([]);

    const again = await plan(desired, switchboard);
    expect(again.changes).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  test('one vendor failing: the others are applied, each failed number is reported, and running again finishes the job', async () => {
    const { switchboard, server, writes } = await start();
    const desired = parseNumbersFile(FILE, 'switchboard.yaml');
    server('vapi').fail({ status: 503, on: 'writes' });
    const result = await apply(await plan(desired, switchboard), switchboard);

    expect(result.applied.map(({ vendor, id }) => `${vendor} ${id}`)).toEqual(['vogent vg-1', 'retell +14155550201']);
    expect(result.failed.map(({ change, error }) => [change.id, ServerError.isInstance(error)])).toEqual([
      ['pn-1', true],
      ['pn-2', true],
    ]);

    server('vapi').fail(null);
    const rest = await plan(desired, switchboard);
    expect(rest.changes.map(({ id }) => id)).toEqual(['pn-1', 'pn-2']);
    const written = writes().length;
    expect((await apply(rest, switchboard)).failed).toEqual([]);
    expect(writes().length - written).toBe(2);
    expect((await plan(desired, switchboard)).changes).toEqual([]);
  });

  test('refuses a plan with errors: nothing is sent', async () => {
    const { switchboard, writes } = await start();
    const file = `${FILE}  - vendor: vogent\n    number: '+14155550999'\n    agent: null\n`;
    const planned = await plan(parseNumbersFile(file, 'switchboard.yaml'), switchboard);

    const refusal = await apply(planned, switchboard).catch((error: unknown) => error);
    expect(ValidationError.isInstance(refusal)).toBe(true);
    expect(refusal).toMatchObject({ field: 'plan', rule: 'errors' });
    expect(writes()).toEqual([]);
  });
});
