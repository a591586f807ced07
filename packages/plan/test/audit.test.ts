import { createSwitchboard } from '@switchboard/phone-numbers';
import { type StatefulVendorServer, startStatefulVendor } from '@switchboard/testing';
import { afterEach, expect, test } from 'vitest';
import { audit } from '../src/index.js';

let servers: StatefulVendorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

test('finds numbers without an agent, a number held at two vendors and an agent answering at several vendors; reads only', async () => {
  servers = await Promise.all([
    startStatefulVendor('vapi', [
      { id: 'pn-1', number: '+14155550101', agent: 'shared-agent' },
      { id: 'pn-2', number: '+14155550102', agent: null },
    ]),
    startStatefulVendor('retell', [{ id: '+14155550101', number: '+14155550101', agent: 'shared-agent' }]),
    startStatefulVendor('vogent', [{ id: 'vg-1', number: '+14155550301', agent: 'own-agent' }]),
  ]);
  const switchboard = createSwitchboard(Object.fromEntries(servers.map(({ vendor, url }) => [vendor, { apiKey: 'key', baseUrl: url }])));
  const ids = (numbers: readonly { vendor: string; id: string }[]) => numbers.map(({ vendor, id }) => `${vendor} ${id}`);

  const report = await audit(switchboard);

  expect(ids(report.withoutAgent)).toEqual(['vapi pn-2']);
  expect(report.heldAtSeveralVendors.map(({ number, holders }) => [number, ids(holders)])).toEqual([['+14155550101', ['vapi pn-1', 'retell +14155550101']]]);
  expect(report.agentsAtSeveralVendors.map(({ agentId, numbers }) => [agentId, ids(numbers)])).toEqual([
    ['shared-agent', ['vapi pn-1', 'retell +14155550101']],
  ]);
  expect(report.failures).toEqual([]);
  expect(servers.flatMap(({ requests }) => requests).every(({ method }) => method === 'GET')).toBe(true);
});

test('reports the numbers in the switchboard vendor order, whichever vendor answers first', async () => {
  servers = await Promise.all([
    startStatefulVendor('vapi', [{ id: 'pn-1', number: '+14155550101', agent: 'shared-agent' }]),
    startStatefulVendor('retell', [{ id: '+14155550101', number: '+14155550101', agent: 'shared-agent' }]),
  ]);
  const [vapi, retell] = servers as [StatefulVendorServer, StatefulVendorServer];
  // Vapi's requests wait until Retell's first answer has been read, so Retell's number arrives first.
  let resolve = () => {};
  const retellAnswered = new Promise<void>((settle) => {
    resolve = settle;
  });
  const switchboard = createSwitchboard({
    vapi: { apiKey: 'key', baseUrl: vapi.url, fetch: async (request) => retellAnswered.then(() => fetch(request)) },
    retell: {
      apiKey: 'key',
      baseUrl: retell.url,
      fetch: async (request) => {
        const answer = await fetch(request);
        const body = await answer.arrayBuffer();
        resolve();
        return new Response(body, answer);
      },
    },
  });

  const report = await audit(switchboard);

  expect(switchboard.vendors).toEqual(['vapi', 'retell']);
  expect(report.heldAtSeveralVendors.map(({ holders }) => holders.map(({ vendor }) => vendor))).toEqual([['vapi', 'retell']]);
  expect(report.agentsAtSeveralVendors.map(({ numbers }) => numbers.map(({ vendor }) => vendor))).toEqual([['vapi', 'retell']]);
});
