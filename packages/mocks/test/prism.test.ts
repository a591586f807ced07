import { expect, test } from 'vitest';
import { PrismExitError, startPrismMock } from '../src/prism.js';

const specFor = (vendor: string) => new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url).pathname;

/** A listing only each vendor's spec has. */
const OWN_PATH = { vogent: '/phone_numbers', vapi: '/phone-number' } as const;

const statusOf = async (url: string, path: string) => (await fetch(`${url}${path}`, { headers: { authorization: 'Bearer test' } })).status;

// Two packages' test runs side by side each start a Vogent mock at the same moment: each must end up
// on a port of its own, serving its own spec, and outlive the other's.
test('mocks started together each listen on their own port, serve their own spec and outlive one another', { timeout: 120_000 }, async () => {
  const vendors = ['vogent', 'vogent', 'vapi'] as const;
  const started = await Promise.allSettled(vendors.map((vendor) => startPrismMock(specFor(vendor))));
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    expect(started.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(new Set(mocks.map((mock) => mock.url)).size).toBe(vendors.length);
    for (const [index, vendor] of vendors.entries()) {
      const other = vendor === 'vogent' ? 'vapi' : 'vogent';
      expect(await statusOf(mocks[index]!.url, OWN_PATH[vendor]), `${vendor} at ${mocks[index]!.url}`).toBe(200);
      expect(await statusOf(mocks[index]!.url, OWN_PATH[other]), `${vendor} at ${mocks[index]!.url}`).toBe(404);
    }
    await mocks[0]!.stop();
    expect(await statusOf(mocks[1]!.url, OWN_PATH.vogent)).toBe(200);
  } finally {
    await Promise.all(mocks.map((mock) => mock.stop()));
  }
});

// Prism loads its modules before it reads the spec: seconds of CPU, minutes on a loaded machine.
test('a Prism that exits before it listens fails the start with its exit code and what it printed', { timeout: 120_000 }, async () => {
  const start = startPrismMock('/nonexistent/openapi.yaml');
  await expect(start).rejects.toBeInstanceOf(PrismExitError);
  await expect(start).rejects.toMatchObject({ code: 1, message: expect.stringContaining('/nonexistent/openapi.yaml') });
});
