import { describe, expect, test } from 'vitest';
import type { Fault, FaultProgram } from '../fault-server.js';
import { TRANSPORTS, type TransportOptions } from '../transports.js';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { API_KEY, expectTypedError, failure, sendCreate, withFaults } from './harness.js';

/** Faults for the requests of one `METHOD path`, in order; every other request passes. */
function forKey(key: string, faults: readonly Fault[]): FaultProgram {
  const queue = [...faults];
  return (request) => (request.key === key ? queue.shift() : undefined);
}

/** Answers after which a create may have been applied: each must end the call, never repeat it. */
const COMMIT_FAULTS: [string, Fault, string][] = [
  ['commit-then-500', { kind: 'commit-then-status', status: 500 }, 'ServerError'],
  ['commit-then-502', { kind: 'commit-then-status', status: 502 }, 'ServerError'],
  ['commit-then-503', { kind: 'commit-then-status', status: 503 }, 'ServerError'],
  ['drop-after-commit', 'drop-after-commit', 'ConnectionError'],
];

/** Faults a repeatable request is retried through: it then succeeds on the mock's answer. */
const RETRIED_FAULTS: [string, Fault][] = [
  ['503', { kind: 'status', status: 503, headers: { 'retry-after-ms': '1' } }],
  ['502', { kind: 'status', status: 502, headers: { 'retry-after-ms': '1' } }],
  ['429', { kind: 'status', status: 429, headers: { 'retry-after-ms': '1' } }],
  ['dropped connection', 'drop'],
];

/**
 * Creates go out exactly once under every fault (0 duplicates: a repeat could buy a second
 * number), and end outcome-unknown when the vendor may have applied them; reads and the spec's
 * `x-idempotent` writes are retried, and then succeed.
 */
export function describeFaults<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor } = fixture.definition;
  const provider = (baseUrl: string, maxRetries: number, transport: TransportOptions = {}) =>
    fixture.definition.createProvider({ apiKey: API_KEY, baseUrl, maxRetries, timeoutMs: 5_000, ...transport });

  describe(`${vendor}: faults`, () => {
    // Over each of core's transports: over either, a repeat could buy a second number.
    describe.for(TRANSPORTS)('creates over $name', (transport) => {
      test.for(fixture.creates.map((create) => [create.name, create] as const))(
        'create %s answered commit-then-5xx or dropped after the commit: sent once, outcome unknown',
        { timeout: 15_000 },
        async ([, create]) => {
          for (const [name, fault, errorName] of COMMIT_FAULTS) {
            await withFaults(vendor, forKey(create.key, [fault, fault, fault]), async (server) => {
              const label = `${create.name} answered ${name}`;
              const error = await failure(() => sendCreate(provider(server.url, 2, transport.options), create));
              expectTypedError(error, errorName, label);
              expect(error.outcomeUnknown, label).toBe(true);
              expect(server.count(create.key), label).toBe(1);
              expect(server.forwarded(create.key), label).toBe(1);
            });
          }
        },
      );

      test.for(fixture.creates.map((create) => [create.name, create] as const))(
        'create %s is not retried through 503, 502, 429 or a dropped connection, whatever maxRetries allows',
        { timeout: 15_000 },
        async ([, create]) => {
          for (const [name, fault] of RETRIED_FAULTS) {
            await withFaults(vendor, forKey(create.key, [fault, fault, fault]), async (server) => {
              const error = await failure(() => sendCreate(provider(server.url, 2, transport.options), create));
              expect(error, `${create.name} answered ${name}`).toBeInstanceOf(Error);
              expect(server.count(create.key), `${create.name} answered ${name}`).toBe(1);
            });
          }
        },
      );
    });

    // Over both transports at once: the waits before each retry, not the requests, take the time,
    // so the second transport costs next to nothing.
    const repeatable = [fixture.get, fixture.list, ...fixture.idempotentWrites];
    test.for(repeatable.map((call) => [call.name, call] as const))(
      '%s is retried through 503, 502, 429 and a dropped connection, then succeeds, over each transport',
      { timeout: 15_000 },
      async ([, call]) => {
        await Promise.all(
          TRANSPORTS.map(async (transport) => {
            for (const [name, fault] of RETRIED_FAULTS) {
              await withFaults(vendor, forKey(call.key, [fault, fault]), async (server) => {
                await call.call(provider(server.url, 2, transport.options));
                expect(server.count(call.key), `${call.name} answered ${name} twice, over ${transport.name}`).toBe(3);
              });
            }
          }),
        );
      },
    );
  });
}
