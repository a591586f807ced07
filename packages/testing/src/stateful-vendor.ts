import { createSandboxVendor, loadDescriptors, type SeedFacts } from '@switchboard/mocks';
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopback.js';
import { specPath } from './vendors.js';

/**
 * A vendor's phone-number API that remembers, for tests: the in-memory vendor of
 * `@switchboard/mocks`' sandbox — routes, statuses and paging read from the repo's spec, what a
 * request does to the numbers from the vendor package's sandbox descriptor — without Prism in front
 * (it starts in milliseconds and checks nothing against the spec), seeded with the numbers a test
 * describes, and with a fault switch.
 */
export interface StatefulVendorServer extends LoopbackServer {
  readonly vendor: string;
  /** The numbers the vendor holds now, as its API lists them. */
  readonly numbers: readonly Record<string, unknown>[];
  /** From now on answer every request but reads (`'writes'`), or every request, with `status`; `null` heals. */
  fail(fault: { status: number; on: 'writes' | 'everything' } | null): void;
}

/** A number as a test describes it, vendor-neutral; the vendor's descriptor turns it into the vendor's own object. */
export type HeldNumberSeed = SeedFacts;

/** Every number a test seeds or changes is stamped with this time, so what a test prints is fixed. */
const TEST_TIME = new Date('2026-01-05T10:00:00.000Z');

export async function startStatefulVendor(vendor: string, seeds: readonly HeldNumberSeed[]): Promise<StatefulVendorServer> {
  const [descriptor] = await loadDescriptors([vendor]);
  const sandbox = createSandboxVendor(descriptor!, specPath(vendor), { seeds, now: () => TEST_TIME });
  let fault: { status: number; on: 'writes' | 'everything' } | null = null;

  const server = await startLoopbackServer((request, response) => {
    if (fault && (fault.on === 'everything' || request.method !== 'GET')) return sendJson(response, fault.status, { message: 'injected failure' });
    const { status, body } = sandbox.answer(request);
    if (body === undefined) response.writeHead(status).end();
    else sendJson(response, status, body);
  });
  return {
    ...server,
    vendor,
    get numbers() {
      return sandbox.numbers;
    },
    fail(next) {
      fault = next;
    },
  };
}
