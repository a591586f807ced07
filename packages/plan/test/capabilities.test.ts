import { createPhoneNumbers, SwitchboardError, VENDOR_CAPABILITIES, VENDOR_NAMES } from '@switchboard/phone-numbers';
import { type StatefulVendorServer, startStatefulVendor } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';

// A plan refuses names and unlinks by these two capabilities before anything is sent; each vendor's
// declaration must say what its provider does.
let server: StatefulVendorServer | undefined;
afterEach(() => server?.close());

const AGENT = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';

async function numbersOf(vendor: (typeof VENDOR_NAMES)[number]) {
  server = await startStatefulVendor(vendor, [{ id: 'n-1', number: '+14155550101', agent: AGENT, name: 'Before' }]);
  const numbers = createPhoneNumbers({ vendor, apiKey: 'key', baseUrl: server.url, maxRetries: 0 });
  const [held] = (await numbers.list()).items;
  return { numbers, id: held!.id, writes: () => server!.requests.filter(({ method }) => method !== 'GET') };
}

describe.each(VENDOR_NAMES)('%s', (vendor) => {
  const { names, unlink } = VENDOR_CAPABILITIES[vendor];

  test(`names: ${names}`, async () => {
    const { numbers, id, writes } = await numbersOf(vendor);
    const renamed = numbers.update(id, { name: 'After' });
    if (names) expect((await renamed).name).toBe('After');
    else {
      await expect(renamed).rejects.toSatisfy((error) => SwitchboardError.isInstance(error));
      expect(writes()).toEqual([]);
    }
  });

  test(`unlink: ${unlink}`, async () => {
    const { numbers, id, writes } = await numbersOf(vendor);
    const unlinked = numbers.update(id, { agentId: null });
    if (unlink) expect((await unlinked).agentId).toBeNull();
    else {
      await expect(unlinked).rejects.toSatisfy((error) => SwitchboardError.isInstance(error));
      expect(writes()).toEqual([]);
    }
  });
});
