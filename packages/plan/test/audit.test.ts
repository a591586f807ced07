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
