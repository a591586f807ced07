import { readFileSync } from 'node:fs';
import {
  type CreatePhoneNumberInput,
  createPhoneNumbers,
  NotFoundError,
  type PhoneNumbers,
  UnprocessableEntityError,
  UnsupportedOperationError,
  ValidationError,
  VENDOR_CAPABILITIES,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadDescriptors, type RunningSandbox, startSandbox } from '../src/index.js';
import { keyHeadersFor, type SpecDocument } from '../src/prism.js';
import { readOperations } from '../src/sandbox/spec.js';

/** The repo's specs: under vitest this package runs from src/, without the copies its build ships. */
const specFor = (vendor: string) => new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url).pathname;
/** The key where the vendor's spec looks for it, as the mocks' warm-up sends it. */
const keyHeaders = (vendor: string) => keyHeadersFor(parse(readFileSync(specFor(vendor), 'utf8')) as SpecDocument, 'sandbox-key');

// Vocode takes agents by UUID; the others take any id.
const AGENT = '5d1e8a2c-7b3f-4c90-a6e4-1f2b3c4d5e60';

let sandbox: RunningSandbox;
// One Prism per vendor: on a loaded machine they take a while to start, and each operation's first answer too.
beforeAll(async () => {
  sandbox = await startSandbox({ specFor });
}, 300_000);
afterAll(() => sandbox?.stop());

test('serves every vendor of the registry', () => {
  expect(Object.keys(sandbox.urls)).toEqual([...VENDOR_NAMES]);
});

describe.each(VENDOR_NAMES)('%s, through the facade', { timeout: 120_000 }, (vendor) => {
  const capabilities = VENDOR_CAPABILITIES[vendor];
  const numbers = () => createPhoneNumbers({ vendor, apiKey: 'sandbox-key', baseUrl: sandbox.urls[vendor]!, maxRetries: 0 }) as PhoneNumbers;
  const listedIds = async () => {
    const ids: string[] = [];
    for await (const number of numbers().listAll()) ids.push(number.id);
    return ids;
  };

  /** A new number, made the way the vendor makes one: bought (from a search, where the vendor has one), else imported. */
  async function create() {
    const facade = numbers();
    if (capabilities.create.purchase) {
      // Without an area code: every vendor that picks the number takes none (Cartesia takes no fields at all).
      if (!capabilities.searchAvailable) return facade.create({ type: 'purchase' });
      const [available] = await (facade as PhoneNumbers<'vogent'>).searchAvailable({ areaCode: '415', limit: 1 });
      return facade.create({ type: 'purchase', number: available!.number } as CreatePhoneNumberInput);
    }
    if (capabilities.create['sip-import']) {
      const [number] = await unusedNumbers(1);
      const input = { type: 'sip-import', number, terminationUri: 'trunk.example.com', username: 'trunk-user', password: 'trunk-password-1' };
      return facade.create(input as CreatePhoneNumberInput);
    }
    throw new Error(`no create in this test fits ${vendor}: add one`);
  }
  async function unusedNumbers(count: number) {
    const held = new Set<string>();
    for await (const { number } of numbers().listAll()) if (number !== null) held.add(number);
    return Array.from({ length: 100 }, (_, line) => `+1628555${String(line).padStart(4, '0')}`)
      .filter((number) => !held.has(number))
      .slice(0, count);
  }

  test('starts from the spec’s list examples, and a created number is listed after them', async () => {
    const before = await listedIds();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const number = await create();
    expect(await listedIds()).toEqual([...before, number.id]);
    expect((await numbers().get(number.id)).number).toBe(number.number);
  });

  test('link: get shows the agent; unlink: get shows none, where the vendor can unlink', async () => {
    const { id } = await create();
    expect((await numbers().update(id, { agentId: AGENT })).agentId).toBe(AGENT);
    expect((await numbers().get(id)).agentId).toBe(AGENT);

    const unlinked = numbers().update(id, { agentId: null });
    if (capabilities.unlink) {
      expect((await unlinked).agentId).toBeNull();
      expect((await numbers().get(id)).agentId).toBeNull();
    } else {
      await expect(unlinked).rejects.toSatisfy((error) => UnsupportedOperationError.isInstance(error));
      expect((await numbers().get(id)).agentId).toBe(AGENT);
    }
  });

  test('rename: get shows the name, where numbers have names', async () => {
    const { id } = await create();
    const renamed = numbers().update(id, { name: 'Front desk' });
    if (capabilities.names) {
      expect((await renamed).name).toBe('Front desk');
      expect((await numbers().get(id)).name).toBe('Front desk');
    } else {
      await expect(renamed).rejects.toSatisfy((error) => ValidationError.isInstance(error) || UnsupportedOperationError.isInstance(error));
    }
  });

  test('release: the number is gone from get, find and the listing', async () => {
    const { id, number } = await create();
    expect(number).not.toBeNull();
    await numbers().release(id);
    // Vendors answer an unknown number with 404 or, some, 422.
    await expect(numbers().get(id)).rejects.toSatisfy((error) => NotFoundError.isInstance(error) || UnprocessableEntityError.isInstance(error));
    expect(await numbers().find(number!)).toBeNull();
    expect(await listedIds()).not.toContain(id);
  });

  test('limit is honoured and the vendor’s own paging walks every number once', async () => {
    await create();
    const all = await listedIds();
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await numbers().list({ limit: 1, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.items).toHaveLength(1);
      walked.push(...page.items.map(({ id }) => id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(walked).toEqual(all);
  });

  test('a request that breaks the spec is refused before it reaches the vendor, and changes nothing', async () => {
    const [descriptor] = await loadDescriptors([vendor]);
    const createId = Object.entries(descriptor!.operations).find(([, operation]) => operation.kind === 'create')![0];
    const operation = readOperations(specFor(vendor)).find(({ operationId }) => operationId === createId)!;
    const before = await listedIds();

    const response = await fetch(`${sandbox.urls[vendor]}${operation.path}`, {
      method: operation.method,
      headers: { ...keyHeaders(vendor), 'content-type': 'application/json' },
      body: '[]',
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { validation: unknown[] }).validation).toContainEqual(
      expect.objectContaining({ location: ['body'], severity: 'Error' }),
    );
    expect(await listedIds()).toEqual(before);
  });
});

/** The vendors the test covers are the registry's: one more vendor is one more block, or a clear failure. */
test.each(VENDOR_NAMES)('%s has a sandbox descriptor for every operation of its spec', async (vendor: VendorName) => {
  const [descriptor] = await loadDescriptors([vendor]);
  expect(Object.keys(descriptor!.operations).sort()).toEqual(
    readOperations(specFor(vendor))
      .map(({ operationId }) => operationId)
      .sort(),
  );
});
