import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
// Not re-exported by the facade (yet): the class every redirect becomes.
import { RedirectError } from '@switchboard/core';
import {
  ConnectionError,
  CREATE_FIELDS,
  type CreateType,
  createPhoneNumbers,
  InvalidResponseError,
  type PhoneNumbers,
  type PhoneNumbersOptions,
  RateLimitError,
  type RequestEvent,
  ServerError,
  SwitchboardError,
  TimeoutError,
  VENDOR_NAMES,
  type VendorName,
} from '@switchboard/phone-numbers';
import { type Fault, type FaultProgram, type FaultServer, operationOf, startFaultServer } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createThrough, FIXTURES, prismUrl, specExample } from './helpers.js';

// Reliability through the facade, against a real HTTP fault server in front of each vendor's
// Prism mock: what passes is answered by the mock (spec-true), everything else is a fault. Every
// vendor of the registry, with the calls its conformance fixture names.

const API_KEY = 'sk-test-faults-5b8e2d1f7a';
type Numbers = PhoneNumbers<VendorName>;
type Options = Omit<PhoneNumbersOptions<VendorName>, 'vendor' | 'apiKey' | 'baseUrl'>;
type ErrorClass = abstract new (...args: never[]) => SwitchboardError;

interface CreateCase {
  name: string;
  /** `METHOD path` of the create request. */
  key: string;
  /** How the error says to reconcile. */
  hint: string;
  send: (numbers: Numbers) => Promise<unknown>;
}

interface VendorCase {
  /** `template`: the spec's path, whose example answer Prism serves. */
  get: { id: string; key: string; template: string };
  listKey: string;
  creates: CreateCase[];
  /** Writes the spec marks `x-idempotent`: retried like reads (sent by the provider itself). */
  writes: { name: string; key: string; call: (server: FaultServer, options: { onEvent: (event: unknown) => void }) => Promise<unknown> }[];
}

/**
 * How a create's outcome-unknown error says to reconcile: look the number up when the input holds
 * one the facade reads as E.164 (its CREATE_FIELDS), else list the numbers.
 */
function hintOf(input: { type: string } & Record<string, unknown>): string {
  return CREATE_FIELDS[input.type as CreateType].e164.includes('number') && typeof input.number === 'string' ? `find('${input.number}')` : 'listAll()';
}

/** Each vendor's calls, from its conformance fixture. */
const CASES = Object.fromEntries(
  VENDOR_NAMES.map((vendor): [VendorName, VendorCase] => {
    const { get, list, creates, idempotentWrites, definition } = FIXTURES[vendor];
    return [
      vendor,
      {
        get: { id: get.id, key: get.key, template: operationOf(vendor, get.key)!.path },
        listKey: list.key,
        creates: creates.map((create) => ({
          name: create.name,
          key: create.key,
          hint: hintOf(create.input),
          send: (numbers) => createThrough(numbers, vendor, create),
        })),
        writes: idempotentWrites.map((write) => ({
          name: write.name,
          key: write.key,
          call: (server, options) => write.call(definition.createProvider({ apiKey: API_KEY, baseUrl: server.url, ...options })),
        })),
      },
    ];
  }),
) as Record<VendorName, VendorCase>;

// -------------------------------------------------------------------------------------------------
// Harness
// -------------------------------------------------------------------------------------------------

// Node loads its fetch (undici) on first use, and Prism compiles a route on its first request:
// both take long, so they happen here rather than inside a test's call.
beforeAll(async () => {
  await Promise.all(VENDOR_NAMES.map((vendor) => withFaults(vendor, [], (server) => facade(vendor, server).list())));
}, 30_000);

/** Servers still open (a failed test's): closed at the end whatever happened. */
const open = new Set<FaultServer>();
afterAll(async () => {
  await Promise.all([...open].map((server) => server.close()));
});

/** A fault server in front of the vendor's Prism mock, for the length of `fn`. */
async function withFaults<T>(vendor: VendorName, faults: FaultProgram, fn: (server: FaultServer) => Promise<T>): Promise<T> {
  const server = await startFaultServer({ upstream: prismUrl(vendor), faults });
  open.add(server);
  try {
    return await fn(server);
  } finally {
    open.delete(server);
    await server.close();
  }
}

function facade(vendor: VendorName, server: FaultServer, options: Options = {}): Numbers {
  return createPhoneNumbers({ vendor, apiKey: API_KEY, baseUrl: server.url, ...options });
}

/** Faults for the requests of one `METHOD path` (in order); every other request passes. */
function forKey(key: string, faults: Fault[]): FaultProgram {
  const queue = [...faults];
  return (request) => (request.key === key ? queue.shift() : undefined);
}

/** A call that never ended: its own timeout did not fire. */
class CallHung extends Error {
  override name = 'CallHung';
  constructor(ms: number) {
    super(`the call did not end within ${ms} ms: its own timeout never fired`);
  }
}

interface Settled {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/** What a call ended in; a call still pending after `withinMs` is a `CallHung` error. */
async function settle(fn: () => Promise<unknown>, withinMs = 6_000): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: new CallHung(withinMs) }), withinMs);
  });
  try {
    return await Promise.race([
      fn().then(
        (value) => ({ ok: true, value }),
        (error: unknown) => ({ ok: false, error }),
      ),
      watchdog,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function failure(fn: () => Promise<unknown>, withinMs?: number): Promise<unknown> {
  const { ok, error, value } = await settle(fn, withinMs);
  if (ok) throw new Error(`expected an error, got ${JSON.stringify(value)}`);
  return error;
}

/** A 200 labelled JSON with this exact body. */
const json200 = (body: string): Fault => ({ kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body });

const status = (code: number, headers?: Record<string, string>): Fault => ({ kind: 'status', status: code, ...(headers ? { headers } : {}) });

// What a call did is read from its events and the fault server's requests, never from a clock's
// upper bound: load only lengthens a call, so how long one took says nothing of whether it behaved.

/** The events a client emits, in order. */
function recorder(): { events: RequestEvent[]; onEvent: (event: unknown) => void } {
  const events: RequestEvent[] = [];
  // `unknown`: the conformance fixture's provider options type the hook loosely; every event is core's.
  return { events, onEvent: (event) => void events.push(event as RequestEvent) };
}

/** The events of the requests for one `METHOD path` (a facade call may send others too). */
function eventsFor(events: readonly RequestEvent[], key: string): RequestEvent[] {
  return events.filter((event) => `${event.method} ${new URL(event.url).pathname}` === key);
}

/**
 * What the client did for one `METHOD path`, event by event: `request 1`, `response 1 503`,
 * `error 1 TimeoutError`, `retry 1`, `request 2`, …, `deadline 2`. A success is `2xx`: which one is the vendor's.
 */
function steps(events: readonly RequestEvent[], key: string): string[] {
  return eventsFor(events, key).map((event) => {
    const outcome = event.type === 'response' ? ` ${event.status < 300 ? '2xx' : event.status}` : event.type === 'error' ? ` ${event.error.name}` : '';
    return `${event.type} ${event.attempt}${outcome}`;
  });
}

/** The steps of attempts that end in `outcomes` (a status, `2xx`, or an error's name), with a retry before each but the first. */
function attempts(...outcomes: (number | string)[]): string[] {
  return outcomes.flatMap((outcome, i) => [
    ...(i === 0 ? [] : [`retry ${i}`]),
    `request ${i + 1}`,
    typeof outcome === 'number' || outcome === '2xx' ? `response ${i + 1} ${outcome}` : `error ${i + 1} ${outcome}`,
  ]);
}

/** The waits the client planned before its retries of one `METHOD path`, from its retry events. */
function plannedDelays(events: readonly RequestEvent[], key: string): number[] {
  return eventsFor(events, key).flatMap((event) => (event.type === 'retry' ? [event.delayMs] : []));
}

/** The policy's wait before retry `retry` (0-based) when the server asks for none: 500 ms · 2ⁿ, less up to 25 % jitter. */
const backoffMs = (retry: number) => 500 * 2 ** retry;

/** The planned waits follow the policy: each within its jitter of the exponential backoff. */
function expectPolicyBackoff(label: string, delays: number[]): void {
  delays.forEach((delay, retry) => {
    expect(delay, `${label}: wait before retry ${retry + 1}`).toBeGreaterThanOrEqual(0.75 * backoffMs(retry));
    expect(delay, `${label}: wait before retry ${retry + 1}`).toBeLessThanOrEqual(backoffMs(retry));
  });
}

/**
 * How far a timer may end short of its span on the server's clock: Node starts a timer from the
 * event loop's cached time, which trails the real clock by however long the current turn has run
 * (on a loaded machine, a millisecond or more: a wait of 888.9 ms once ended 887.8 ms after the
 * answer), and counts whole milliseconds. Far below any planned wait, so a client that did not
 * wait still fails.
 */
const LOOP_CLOCK_LAG_MS = 25;

/**
 * The server saw each retry no sooner than the wait the client planned after the answer before:
 * the client waited. A lower bound only: load can lengthen a gap, never shorten it. Only for faults
 * the server answers (a status, a dropped connection): after a timeout the client may give up
 * before the server has even read the request.
 */
function expectWaited(label: string, delays: number[], gaps: number[]): void {
  expect(gaps, `${label}: gaps between attempts`).toHaveLength(delays.length);
  delays.forEach((delay, retry) => {
    expect(gaps[retry], `${label}: gap before retry ${retry + 1}`).toBeGreaterThanOrEqual(delay - LOOP_CLOCK_LAG_MS);
  });
}

/** Retries of `key` waited the policy's backoff: planned by it, and waited for. */
function expectBackoff(label: string, events: readonly RequestEvent[], server: FaultServer, key: string): void {
  const delays = plannedDelays(events, key);
  expectPolicyBackoff(label, delays);
  expectWaited(label, delays, server.gaps(key));
}

/**
 * On a server that hangs, the client closed the connection of every request for `key` the server
 * saw: it gave up on each attempt rather than leave it open. The server closes none of them, so
 * their `answered` settles only when the client closes them (a client that leaves one open fails
 * the test by its timeout). At most one request an attempt: an attempt whose timeout fires before
 * its request is through (a process stalled for longer than the timeout) never reaches the server.
 */
async function expectAbandoned(label: string, server: FaultServer, key: string, attemptsMade: number): Promise<void> {
  await server.seen(key, attemptsMade, 5_000);
  const requests = server.requests.filter((request) => request.key === key);
  expect(requests.length, `${label}: requests seen`).toBeLessThanOrEqual(attemptsMade);
  const answered = await Promise.all(requests.map((request) => request.answered));
  expect(answered, `${label}: answered in full`).toEqual(requests.map(() => false));
}

/** The error is one of ours (a typed error), never a raw SyntaxError/TypeError. */
function expectTyped(error: unknown, type: ErrorClass): void {
  expect(error).toBeInstanceOf(SwitchboardError);
  expect(error, String(error)).toBeInstanceOf(type);
}

const trialSummary: Record<string, unknown> = {};

afterAll(() => {
  console.info(`[faults] trials ${JSON.stringify(trialSummary)}`);
});

// -------------------------------------------------------------------------------------------------
// Creates: sent exactly once, outcome unknown after a commit
// -------------------------------------------------------------------------------------------------

// The three parts run one after the other (each concurrent inside): the CPU-heavy create trials
// share the process with no other part's calls.
describe('creates', () => {
  describe.concurrent.each(VENDOR_NAMES)('%s: creates are never repeated', (vendor) => {
    const { creates } = CASES[vendor];

    const commitFaults: [string, Fault, ErrorClass][] = [
      ['commit-then-500', { kind: 'commit-then-status', status: 500 }, ServerError],
      ['commit-then-502', { kind: 'commit-then-status', status: 502 }, ServerError],
      ['commit-then-503', { kind: 'commit-then-status', status: 503 }, ServerError],
      ['drop-after-commit', 'drop-after-commit', ConnectionError],
    ];

    // One create at a time, its four faults at once: a vendor's fixture may have many creates.
    test(`${creates.map((c) => c.name).join(' and ')} answered commit-then-500/502/503 or drop-after-commit: sent once, outcome unknown, reconcile hint`, {
      timeout: 8_000 * creates.length,
    }, async () => {
      for (const create of creates) {
        await Promise.all(
          commitFaults.map(([name, fault, type]) =>
            withFaults(vendor, [fault], async (server) => {
              const label = `${vendor} ${create.name} answered ${name}`;
              const error = await failure(() => create.send(facade(vendor, server)));
              expectTyped(error, type);
              expect(error, label).not.toBeInstanceOf(TimeoutError);
              expect(server.count(create.key), label).toBe(1);
              expect(server.forwarded(create.key), label).toBe(1);
              const { outcomeUnknown, message } = error as ServerError;
              expect(outcomeUnknown, label).toBe(true);
              expect(message, label).toMatch(/may have been applied|outcome is unknown/i);
              expect(message, label).toContain(create.hint);
            }),
          ),
        );
      }
    });

    test('100 fault trials: every create is sent exactly once and ends in success or a typed error', { timeout: 25_000 }, async () => {
      const kinds = ['commit-then-5xx', 'drop-after-commit', '503-before-commit', '429', 'hang', 'slow-then-pass'] as const;
      type Kind = (typeof kinds)[number];
      const expected: Record<Kind, { type?: ErrorClass; outcomeUnknown?: boolean; forwarded: number }> = {
        'commit-then-5xx': { type: ServerError, outcomeUnknown: true, forwarded: 1 },
        'drop-after-commit': { type: ConnectionError, outcomeUnknown: true, forwarded: 1 },
        '503-before-commit': { type: ServerError, outcomeUnknown: true, forwarded: 0 },
        '429': { type: RateLimitError, outcomeUnknown: false, forwarded: 0 },
        hang: { type: TimeoutError, outcomeUnknown: true, forwarded: 0 },
        'slow-then-pass': { forwarded: 1 },
      };
      const random = seeded(0x5eed + vendor.length);
      // Every kind about equally often, in a reproducible random order.
      const plan = shuffle(
        Array.from({ length: 100 }, (_, i) => kinds[i % kinds.length]!),
        random,
      );
      const outcomes: Record<string, number> = {};
      const posts: number[] = [];
      const violations: string[] = [];

      for (const [trial, kind] of plan.entries()) {
        const create = creates[Math.floor(random() * creates.length)]!;
        const fault: Fault = {
          'commit-then-5xx': { kind: 'commit-then-status', status: [500, 502, 503][Math.floor(random() * 3)]! } as const,
          'drop-after-commit': 'drop-after-commit' as const,
          '503-before-commit': status(503),
          '429': status(429),
          hang: { kind: 'hang', afterHeaders: random() < 0.5 } as const,
          'slow-then-pass': { kind: 'slow', ms: 20 } as const,
        }[kind];
        // A server per trial: a request of an earlier trial cannot reach this one. A repeat would pass.
        await withFaults(vendor, [fault], async (server) => {
          // A small timeout where the server hangs; elsewhere one Prism answers well within.
          const numbers = facade(vendor, server, { timeoutMs: kind === 'hang' ? 150 : 5_000 });
          const { ok, value, error } = await settle(() => create.send(numbers), kind === 'hang' ? 1_500 : 6_000);
          const label = `trial ${trial} (${kind}, ${create.name})`;
          const { type, outcomeUnknown, forwarded } = expected[kind];
          const sent = await server.seen(create.key);
          posts.push(sent);
          const problems: string[] = [];
          // Never twice; and once, but where the server hangs: there the client may give up before its request is through.
          if (sent > 1 || (sent === 0 && kind !== 'hang')) problems.push(`sent ${sent} times`);
          if (server.forwarded(create.key) !== forwarded) problems.push(`reached the vendor ${server.forwarded(create.key)} times, not ${forwarded}`);
          const outcome = ok ? 'success' : error instanceof Error ? error.name : typeof error;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          if (type === undefined) {
            if (!ok || (value as { vendor?: unknown }).vendor !== vendor) problems.push(`expected a success, got ${String(error)}`);
          } else if (!(error instanceof type)) {
            problems.push(`expected a ${type.name}, got ${String(error)}`);
          } else if ((error as ServerError).outcomeUnknown !== outcomeUnknown) {
            problems.push(`outcomeUnknown is ${String((error as ServerError).outcomeUnknown)}`);
          }
          if (problems.length > 0) violations.push(`${label}: ${problems.join('; ')}`);
        });
      }
      trialSummary[vendor] = {
        posts: posts.reduce((a, b) => a + b, 0),
        duplicates: posts.filter((c) => c > 1).length,
        outcomes,
        violations: violations.length,
      };
      expect(posts).toHaveLength(100);
      expect(violations).toEqual([]);
    });
  });
});

// -------------------------------------------------------------------------------------------------
// Reads and idempotent writes: retried on 5xx/408/429 with the policy's backoff and Retry-After
// -------------------------------------------------------------------------------------------------

describe('retries', () => {
  describe.concurrent.each(VENDOR_NAMES)('%s: retries', (vendor) => {
    const { get, listKey, writes, creates } = CASES[vendor];
    const reads = [
      { name: 'get', key: get.key, call: (n: Numbers) => n.get(get.id) },
      { name: 'list', key: listKey, call: (n: Numbers) => n.list() },
    ];

    test('get and list retry 500/502, 503/408, 429/500 and network faults, then succeed (or end typed after 3 attempts), waiting the backoff before each retry', {
      timeout: 8_000,
    }, async () => {
      const pairs = [
        [500, 502],
        [503, 408],
        [429, 500],
      ] as const;
      const outlast: [string, number, ErrorClass][] = [
        ['get', 503, ServerError],
        ['list', 429, RateLimitError],
      ];
      // Every chain at once, each on its own fault server.
      await Promise.all([
        ...pairs.flatMap(([first, second]) =>
          reads.map((read) =>
            withFaults(vendor, [status(first), status(second)], async (server) => {
              const label = `${vendor} ${read.name} ${first}/${second}`;
              const { events, onEvent } = recorder();
              const { ok, value, error } = await settle(() => read.call(facade(vendor, server, { onEvent })));
              expect(ok, `${label}: ${String(error)}`).toBe(true);
              expect(value, label).toBeDefined();
              expect(steps(events, read.key), label).toEqual(attempts(first, second, '2xx'));
              expect(server.count(read.key), label).toBe(3);
              expect(server.forwarded(read.key), label).toBe(1);
              expectBackoff(label, events, server, read.key);
            }),
          ),
        ),
        // Network faults on a read are retried too.
        withFaults(vendor, [{ kind: 'truncated', then: 'destroy' }, 'drop'], async (server) => {
          const label = `${vendor} get truncated/drop`;
          const { events, onEvent } = recorder();
          const { ok, error } = await settle(() => facade(vendor, server, { onEvent }).get(get.id));
          expect(ok, `${label}: ${String(error)}`).toBe(true);
          expect(steps(events, get.key), label).toEqual(attempts(ConnectionError.name, ConnectionError.name, '2xx'));
          expect(server.count(get.key), label).toBe(3);
          expectBackoff(label, events, server, get.key);
        }),
        // Faults that outlast the retries: the typed error after maxRetries + 1 attempts.
        ...outlast.map(([name, code, type]) => {
          const read = reads.find((r) => r.name === name)!;
          return withFaults(
            vendor,
            () => status(code),
            async (server) => {
              const label = `${vendor} ${name} ${code}×3`;
              const { events, onEvent } = recorder();
              const error = await failure(() => read.call(facade(vendor, server, { onEvent })));
              expectTyped(error, type);
              expect((error as ServerError).status, label).toBe(code);
              expect((error as ServerError).outcomeUnknown, label).toBe(false);
              // maxRetries used up: no further retry, and no deadline involved.
              expect(steps(events, read.key), label).toEqual(attempts(code, code, code));
              expect(server.count(read.key), label).toBe(3);
              expectBackoff(label, events, server, read.key);
            },
          );
        }),
      ]);
    });

    test('Retry-After in seconds, as an HTTP date, and retry-after-ms are honoured; over 60 s it is not waited for', { timeout: 8_000 }, async () => {
      const far: Record<string, string>[] = [
        { 'retry-after': '120' },
        { 'retry-after': new Date(Date.now() + 5 * 60_000).toUTCString() },
        { 'retry-after-ms': '61000' },
      ];
      // An HTTP date is read against the client's clock: the wait it plans is the date less the
      // moment it read the answer, which lies between the answer being built and the retry event.
      const dated = { date: 0, builtAt: 0 };
      const dateFault = (): Fault => {
        dated.builtAt = Date.now();
        dated.date = Math.ceil((dated.builtAt + 1_000) / 1_000) * 1_000;
        return status(503, { 'retry-after': new Date(dated.date).toUTCString() });
      };
      /** `asked`: the least and most the planned wait may be, as the header asked, given when the retry event came. */
      const cases: { label: string; read: (typeof reads)[number]; code: number; program: FaultProgram; asked: (plannedAt: number) => [number, number] }[] = [
        { label: 'Retry-After: 1', read: reads[0]!, code: 429, program: [status(429, { 'retry-after': '1' })], asked: () => [1_000, 1_000] },
        {
          label: 'Retry-After: <HTTP date>',
          read: reads[1]!,
          code: 503,
          program: (_, index) => (index === 0 ? dateFault() : undefined),
          asked: (plannedAt) => [dated.date - plannedAt, dated.date - dated.builtAt],
        },
        { label: 'retry-after-ms: 800', read: reads[0]!, code: 503, program: [status(503, { 'retry-after-ms': '800' })], asked: () => [800, 800] },
      ];
      await Promise.all([
        ...cases.map(({ label, read, code, program, asked }) =>
          withFaults(vendor, program, async (server) => {
            const { events, onEvent } = recorder();
            let plannedAt = 0;
            const stampRetry = (event: RequestEvent) => {
              if (event.type === 'retry') plannedAt = Date.now();
              onEvent(event);
            };
            const { error } = await settle(() => read.call(facade(vendor, server, { onEvent: stampRetry })));
            expect(error, `${label}: ${String(error)}`).toBeUndefined();
            expect(steps(events, read.key), label).toEqual(attempts(code, '2xx'));
            expect(server.count(read.key), label).toBe(2);
            const delays = plannedDelays(events, read.key);
            const [least, most] = asked(plannedAt);
            expect(delays[0], label).toBeGreaterThanOrEqual(least);
            expect(delays[0], label).toBeLessThanOrEqual(most);
            expectWaited(label, delays, server.gaps(read.key));
          }),
        ),
        // Over 60 s: not waited for, an immediate RateLimitError.
        ...far.map((headers) =>
          withFaults(
            vendor,
            () => status(429, headers),
            async (server) => {
              const label = JSON.stringify(headers);
              const { events, onEvent } = recorder();
              const { error } = await settle(() => reads[0]!.call(facade(vendor, server, { onEvent })));
              expectTyped(error, RateLimitError);
              // No retry planned, so none waited for; and not the deadline's doing.
              expect(steps(events, get.key), label).toEqual(attempts(429));
              expect(server.count(get.key), label).toBe(1);
            },
          ),
        ),
      ]);
    });

    test('the total deadline ends the call although retries remain', { timeout: 8_000 }, async () => {
      const maxRetries = 5;
      const deadlineMs = 1_200;
      /**
       * The call's attempts ended in `outcomes`, then the deadline ended it with retries left (how
       * many attempts fit depends on the load, never more than maxRetries allows); every wait it
       * planned, the one ruled out included, follows the policy, and those it took fit in the deadline.
       */
      const expectEndedByDeadline = (label: string, events: RequestEvent[], key: string, outcomes: (number | string)[]) => {
        const made = outcomes.length;
        expect(made, label).toBeLessThan(maxRetries + 1);
        expect(steps(events, key), label).toEqual([...attempts(...outcomes), `deadline ${made}`]);
        const taken = plannedDelays(events, key);
        const ruledOut = eventsFor(events, key).flatMap((event) => (event.type === 'deadline' ? [event.delayMs] : []));
        expectPolicyBackoff(label, [...taken, ...ruledOut]);
        const waited = taken.reduce((sum, delay) => sum + delay, 0);
        expect(waited, label).toBeLessThan(deadlineMs);
      };
      /** How many attempts the call made, from its events. */
      const attemptsMade = (events: RequestEvent[], key: string) => eventsFor(events, key).filter((event) => event.type === 'request').length;
      await Promise.all([
        // Always 503: the backoff would outrun the deadline.
        withFaults(
          vendor,
          () => status(503),
          async (server) => {
            const label = `${vendor} list, always 503`;
            const { events, onEvent } = recorder();
            const { error } = await settle(() => reads[1]!.call(facade(vendor, server, { maxRetries, deadlineMs, onEvent })));
            // The last 503, or a last attempt cut short by the deadline.
            expect(error).toBeInstanceOf(SwitchboardError);
            expect([ServerError.name, TimeoutError.name]).toContain((error as Error).name);
            const made = attemptsMade(events, listKey);
            const last = error instanceof TimeoutError ? TimeoutError.name : 503;
            expectEndedByDeadline(label, events, listKey, [...Array.from({ length: made - 1 }, () => 503), last]);
            expect(server.count(listKey), label).toBe(made);
          },
        ),
        // Always hanging: attempts and waits share the deadline.
        withFaults(
          vendor,
          () => ({ kind: 'hang' }),
          async (server) => {
            const label = `${vendor} get, always hanging`;
            const { events, onEvent } = recorder();
            const { error } = await settle(() => reads[0]!.call(facade(vendor, server, { maxRetries, deadlineMs, timeoutMs: 500, onEvent })), 3_000);
            expectTyped(error, TimeoutError);
            const made = attemptsMade(events, get.key);
            expectEndedByDeadline(
              label,
              events,
              get.key,
              Array.from({ length: made }, () => TimeoutError.name),
            );
            await expectAbandoned(label, server, get.key, made);
          },
        ),
      ]);
    });

    test(`idempotent writes (${writes.map((write) => write.name).join(', ')}) are retried on 503, 502`, { timeout: 8_000 }, async () => {
      await Promise.all(
        writes.map((write) =>
          withFaults(vendor, forKey(write.key, [status(503), status(502)]), async (server) => {
            const label = `${vendor} ${write.name}`;
            const { events, onEvent } = recorder();
            const { ok, error } = await settle(() => write.call(server, { onEvent }));
            expect(ok, `${label}: ${String(error)}`).toBe(true);
            expect(steps(events, write.key), label).toEqual(attempts(503, 502, '2xx'));
            expect(server.count(write.key), label).toBe(3);
            expect(server.forwarded(write.key), label).toBe(1);
            expectBackoff(label, events, server, write.key);
          }),
        ),
      );
    });

    test('creates are not retried, whatever maxRetries allows', { timeout: 5_000 }, async () => {
      for (const create of creates) {
        for (const fault of [status(503), status(429), status(408), 'drop' as const]) {
          await withFaults(vendor, [fault], async (server) => {
            const error = await failure(() => create.send(facade(vendor, server, { maxRetries: 5 })));
            expect(error).toBeInstanceOf(SwitchboardError);
            expect(server.count(create.key)).toBe(1);
            expect(server.forwarded(create.key)).toBe(0);
          });
        }
      }
    });
  });
});

// -------------------------------------------------------------------------------------------------
// Hanging servers and unreadable bodies
// -------------------------------------------------------------------------------------------------

describe('hangs and garbage', () => {
  describe.concurrent.each(VENDOR_NAMES)('%s: hangs and garbage', (vendor) => {
    const { get, listKey, creates } = CASES[vendor];
    const timeoutMs = 150;

    test('a server that hangs (no headers, or headers then a body that never finishes) is a TimeoutError: the client gives up on each attempt and closes it', {
      timeout: 8_000,
    }, async () => {
      const hangs: [string, Fault][] = [
        ['no headers', { kind: 'hang' }],
        ['headers, then a stalled body', { kind: 'hang', afterHeaders: true }],
      ];
      await Promise.all(
        hangs.flatMap(([name, fault]) => [
          // maxRetries 0: one attempt.
          withFaults(
            vendor,
            () => fault,
            async (server) => {
              const label = `get, maxRetries 0, ${name}`;
              const { events, onEvent } = recorder();
              const { error } = await settle(() => facade(vendor, server, { timeoutMs, maxRetries: 0, onEvent }).get(get.id), 1_500);
              expectTyped(error, TimeoutError);
              expect(error, label).toMatchObject({ timeoutMs, outcomeUnknown: false });
              expect(steps(events, get.key), label).toEqual(attempts(TimeoutError.name));
              await expectAbandoned(label, server, get.key, 1);
            },
          ),
          // A read with retries: every attempt times out, with the policy's wait before each retry.
          withFaults(
            vendor,
            () => fault,
            async (server) => {
              const label = `list, maxRetries 2, ${name}`;
              const { events, onEvent } = recorder();
              const { error } = await settle(() => facade(vendor, server, { timeoutMs, onEvent }).list(), 4_000);
              expectTyped(error, TimeoutError);
              expect(error, label).toMatchObject({ timeoutMs });
              expect(steps(events, listKey), label).toEqual(attempts(TimeoutError.name, TimeoutError.name, TimeoutError.name));
              expectPolicyBackoff(label, plannedDelays(events, listKey));
              await expectAbandoned(label, server, listKey, 3);
            },
          ),
          // A create: one attempt, outcome unknown.
          withFaults(
            vendor,
            () => fault,
            async (server) => {
              const label = `create, ${name}`;
              const { events, onEvent } = recorder();
              const { error } = await settle(() => creates[0]!.send(facade(vendor, server, { timeoutMs, onEvent })), 1_500);
              expectTyped(error, TimeoutError);
              expect(error, label).toMatchObject({ timeoutMs, outcomeUnknown: true });
              expect(steps(events, creates[0]!.key), label).toEqual(attempts(TimeoutError.name));
              await expectAbandoned(label, server, creates[0]!.key, 1);
            },
          ),
        ]),
      );
    });

    const calls: [string, string, (n: Numbers) => Promise<unknown>][] = [
      ['get', get.key, (n) => n.get(get.id)],
      ['list', listKey, (n) => n.list()],
      ['create', creates[0]!.key, (n) => creates[0]!.send(n)],
    ];
    const garbage: [string, Fault, ErrorClass][] = [
      ['non-JSON 200 labelled JSON', 'garbage', InvalidResponseError],
      ['200 text/html', 'wrong-content-type', InvalidResponseError],
      ['truncated body, then FIN', { kind: 'truncated', then: 'end' }, ConnectionError],
      ['truncated body, then reset', { kind: 'truncated', then: 'destroy' }, ConnectionError],
      ['connection dropped', 'drop', ConnectionError],
      // A 2xx whose JSON is empty or has none of the expected fields is as unreadable.
      ['empty 200 labelled JSON', json200(''), InvalidResponseError],
      ['JSON null', json200('null'), InvalidResponseError],
      ['JSON {} (no id, no items)', json200('{}'), InvalidResponseError],
    ];

    test.for(calls.flatMap((call) => garbage.map((g) => [call[0], g[0], call, g] as const)))(
      '%s answered with %s: a typed error',
      { timeout: 5_000 },
      async ([, , [, key, call], [, fault, type]]) => {
        await withFaults(
          vendor,
          () => fault,
          async (server) => {
            const error = await failure(() => call(facade(vendor, server, { maxRetries: 0, timeoutMs: 2_000 })));
            expect(error).not.toBeInstanceOf(SyntaxError);
            expect(error).not.toBeInstanceOf(TypeError);
            expectTyped(error, type);
            expect(error).not.toBeInstanceOf(TimeoutError);
            expect(server.count(key)).toBe(1);
          },
        );
      },
    );
  });
});

// -------------------------------------------------------------------------------------------------
// Hostile answers: a 2xx without the body the spec documents, JSON nested thousands of levels
// deep, redirects to another origin
// -------------------------------------------------------------------------------------------------

describe.concurrent.each(VENDOR_NAMES)('%s: hostile answers', (vendor) => {
  const { get, creates } = CASES[vendor];
  const [create] = creates as [CreateCase];

  test.for([204, 205])(
    'a create answered %i may have bought a number: InvalidResponseError, outcome unknown, reconcile hint, sent once',
    { timeout: 5_000 },
    async (code) => {
      await withFaults(vendor, forKey(create.key, [status(code)]), async (server) => {
        const error = await failure(() => create.send(facade(vendor, server)));
        expectTyped(error, InvalidResponseError);
        expect(error).toMatchObject({ status: code, outcomeUnknown: true });
        expect((error as Error).message).toContain(create.hint);
        expect(server.count(create.key)).toBe(1);
      });
    },
  );

  test('a number whose answer nests 7,000 levels deep (14 kB) is an InvalidResponseError, not a stack overflow', { timeout: 5_000 }, async () => {
    const example = JSON.stringify(specExample(vendor, 'GET', get.template, 200));
    const deep = `${example.slice(0, -1)},"extra":${'['.repeat(7_000)}${']'.repeat(7_000)}}`;
    await withFaults(vendor, forKey(get.key, [json200(deep)]), async (server) => {
      const error = await failure(() => facade(vendor, server, { maxRetries: 0 }).get(get.id));
      expectTyped(error, InvalidResponseError);
      expect((error as Error).message).toMatch(/nested deeper than 100 levels/);
    });
  });

  test.for([
    [303, true],
    [307, false],
  ] as const)(
    'a create redirected (%i) to another origin: RedirectError, never sent there; outcome unknown: %s',
    { timeout: 5_000 },
    async ([code, outcomeUnknown]) => {
      // The other origin passes everything to the mock: a request that reached it would succeed.
      await withFaults(vendor, [], (elsewhere) =>
        withFaults(
          vendor,
          (request) => (request.key === create.key ? status(code, { location: `${elsewhere.url}${request.url}` }) : undefined),
          async (server) => {
            const error = await failure(() => create.send(facade(vendor, server)));
            expectTyped(error, RedirectError);
            expect(error).toMatchObject({ status: code, outcomeUnknown });
            expect((error as Error).message).toContain(`redirected to ${elsewhere.url};`);
            expect((error as Error).message.includes(create.hint)).toBe(outcomeUnknown);
            expect(server.count(create.key)).toBe(1);
            expect(elsewhere.requests).toHaveLength(0);
          },
        ),
      );
    },
  );
});

// -------------------------------------------------------------------------------------------------
// Timeouts survive garbage collection. Runs after the concurrent suites: forced collections pause
// the whole process, every call in flight with it.
// -------------------------------------------------------------------------------------------------

describe.each(VENDOR_NAMES)('%s: timeouts under garbage collection', (vendor) => {
  const { get } = CASES[vendor];

  test.for([
    ['no headers', { kind: 'hang' }],
    ['headers, then a body that never finishes', { kind: 'hang', afterHeaders: true }],
  ] as const)('a server that hangs (%s) is a TimeoutError although the collector runs meanwhile', { timeout: 5_000 }, async ([, fault]) => {
    const gc = collector();
    await withFaults(
      vendor,
      () => fault,
      async (server) => {
        const timer = setInterval(gc, 25);
        try {
          const { events, onEvent } = recorder();
          const { error } = await settle(() => facade(vendor, server, { timeoutMs: 150, maxRetries: 0, onEvent }).get(get.id), 1_000);
          expectTyped(error, TimeoutError);
          expect(error).toMatchObject({ timeoutMs: 150 });
          expect(steps(events, get.key)).toEqual(attempts(TimeoutError.name));
          await expectAbandoned('get under collections', server, get.key, 1);
        } finally {
          clearInterval(timer);
        }
      },
    );
  });
});

/** `global.gc`, without starting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** A small seeded PRNG (mulberry32): the trials are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
