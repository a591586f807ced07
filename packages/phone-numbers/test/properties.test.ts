import { ApiError, CREATE_FIELDS, type CreateType, createPhoneNumbers, ValidationError, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { facadeOptions, type LooseFacade } from '@switchboard/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { FIXTURES, ID_RULES, LOOKS_UP, recorder, requestsOf, type SeenRequest } from './helpers.js';

/**
 * Property-based tests of the facade against the Prism mocks, over every vendor of the registry
 * with the calls its conformance fixture names. Every generated input is either
 * rejected locally (a `ValidationError` naming the field, nothing sent) or sent and accepted by
 * Prism, which validates every request against the vendor's spec and answers 400/422 otherwise.
 * A Prism rejection means the facade let through something the spec forbids.
 *
 * One client per vendor serves a whole property (the mocks are shared by the test run); each
 * property sends at most one or two requests per run.
 */

const RUNS = 1_000;
/** Per property: generous, the properties take 1 to 5 s each. */
const TIMEOUT_MS = 60_000;
const E164 = /^\+[1-9]\d{1,14}$/;

// ---------------------------------------------------------------------------------------------
// Harness: one recording client per vendor, outcomes classified and counted
// ---------------------------------------------------------------------------------------------

interface Wired {
  numbers: LooseFacade;
  /** Every request the client sent, with Prism's status. */
  seen: SeenRequest[];
}

const wired = new Map<VendorName, Wired>();

/** The one recording client of `vendor` (the facade's public `fetch` option sees every request). */
function client(vendor: VendorName): Wired {
  let found = wired.get(vendor);
  if (!found) {
    const rec = recorder();
    found = { numbers: createPhoneNumbers(facadeOptions(vendor, { rec })) as unknown as LooseFacade, seen: rec.requests };
    wired.set(vendor, found);
  }
  return found;
}

type Outcome =
  | { kind: 'accepted'; sent: SeenRequest[] }
  | { kind: 'validation'; error: ValidationError; sent: SeenRequest[] }
  | { kind: 'prism-rejection'; error: ApiError; sent: SeenRequest[] }
  | { kind: 'other'; error: unknown; sent: SeenRequest[] };

/** Run one facade call on `vendor`'s client and say what became of it, with the requests it sent. */
async function run(vendor: VendorName, call: (numbers: LooseFacade) => unknown): Promise<Outcome> {
  const { numbers, seen } = client(vendor);
  const before = seen.length;
  try {
    await call(numbers);
    return { kind: 'accepted', sent: seen.slice(before) };
  } catch (error) {
    const sent = seen.slice(before);
    if (error instanceof ValidationError) return { kind: 'validation', error, sent };
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) return { kind: 'prism-rejection', error, sent };
    return { kind: 'other', error, sent };
  }
}

interface Totals {
  runs: number;
  requests: number;
  accepted: number;
  validationErrors: number;
  /** ValidationErrors naming the expected field. */
  validationNamedRight: number;
  prismRejections: number;
  other: number;
  rules: Record<string, number>;
  ms: number;
}

const newTotals = (): Totals => ({
  runs: 0,
  requests: 0,
  accepted: 0,
  validationErrors: 0,
  validationNamedRight: 0,
  prismRejections: 0,
  other: 0,
  rules: {},
  ms: 0,
});
const report: Record<string, Totals> = {};

/** Count an outcome, then assert the property: accepted (2xx) or a ValidationError naming `field` with nothing sent. */
function check(totals: Totals, outcome: Outcome, field: string): void {
  totals.runs++;
  totals.requests += outcome.sent.length;
  const statuses = outcome.sent.map((request) => request.status);
  totals.prismRejections += statuses.filter((status) => status === 400 || status === 422).length;
  switch (outcome.kind) {
    case 'accepted':
      totals.accepted++;
      expect(outcome.sent.length).toBeGreaterThan(0);
      for (const status of statuses) expect(status, 'Prism status').toBeLessThan(300);
      return;
    case 'validation':
      totals.validationErrors++;
      totals.rules[`${outcome.error.field}:${outcome.error.rule}`] = (totals.rules[`${outcome.error.field}:${outcome.error.rule}`] ?? 0) + 1;
      if (outcome.error.field === field) totals.validationNamedRight++;
      expect(outcome.error.field, outcome.error.message).toBe(field);
      expect(outcome.sent, 'requests sent before a ValidationError').toEqual([]);
      return;
    case 'prism-rejection':
      expect.fail(
        `Prism rejected what the facade sent (${outcome.error.status}): ${outcome.error.message} — ${JSON.stringify(outcome.sent.map(({ method, path, search, body }) => ({ method, path, search, body })))}`,
      );
      return;
    case 'other':
      totals.other++;
      expect.fail(`neither accepted nor a ValidationError: ${String(outcome.error)} after ${outcome.sent.length} request(s)`);
  }
}

/** Run a property, then record and assert its totals (0 Prism rejections, every ValidationError named right). */
async function property<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  body: (totals: Totals, value: T) => Promise<void>,
  examples: NoInfer<T>[] = [],
): Promise<Totals> {
  const totals = newTotals();
  const started = performance.now();
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, (value) => body(totals, value)),
      { numRuns: RUNS, examples: examples.map((value): [T] => [value]) },
    );
  } finally {
    totals.ms = Math.round(performance.now() - started);
    report[name] = totals;
  }
  expect(totals.prismRejections).toBe(0);
  expect(totals.other).toBe(0);
  expect(totals.validationNamedRight).toBe(totals.validationErrors);
  expect(totals.accepted + totals.validationErrors).toBe(totals.runs);
  return totals;
}

afterAll(() => {
  // The totals of every property, for the run log.
  console.log(`property totals\n${JSON.stringify(report, null, 2)}`);
});

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

const e164 = fc.tuple(fc.integer({ min: 1, max: 9 }), digits(1, 14)).map(([first, rest]) => `+${first}${rest}`);
const separator = fc.constantFrom(' ', '-', '.', '(', ')', '/');
const edgeWhitespace = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff');

/** A valid number as people write it: separators anywhere, whitespace around. */
const decorated = e164.chain((canonical) =>
  fc
    .tuple(
      fc.array(edgeWhitespace, { maxLength: 2 }),
      fc.array(fc.array(separator, { maxLength: 2 }), { minLength: canonical.length + 1, maxLength: canonical.length + 1 }),
      fc.array(edgeWhitespace, { maxLength: 2 }),
    )
    .map(
      ([before, gaps, after]) =>
        before.join('') + [...canonical].map((char, i) => gaps[i]!.join('') + char).join('') + gaps[canonical.length]!.join('') + after.join(''),
    ),
);

/** Insert `inserted` somewhere strictly inside `text`. */
const insertInto = (text: fc.Arbitrary<string>, inserted: fc.Arbitrary<string>) =>
  fc.tuple(text, inserted, fc.nat()).map(([base, char, at]) => {
    const cut = base.length < 2 ? base.length : 1 + (at % (base.length - 1));
    return base.slice(0, cut) + char + base.slice(cut);
  });

const unicodeDigit = fc.constantFrom('٠', '٣', '۴', '१', '০', '๓', '１', '５', '𝟙', '𝟠', '①', '²');
const zeroWidth = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\u200e', '\u202e', '\u00ad', '\ufeff');

/** Numbers good and bad: what callers actually pass. */
const numberInput: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: decorated, weight: 6 },
  { arbitrary: e164, weight: 2 },
  // wrong lengths: "+" and 1 digit, or 16 to 20 digits
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.oneof(fc.constant(''), digits(15, 19))).map(([first, rest]) => `+${first}${rest}`), weight: 1 },
  // leading 0 (country code 0), and no "+" at all
  { arbitrary: digits(1, 14).map((rest) => `+0${rest}`), weight: 1 },
  { arbitrary: digits(1, 16), weight: 1 },
  // letters
  { arbitrary: insertInto(e164, fc.string({ unit: fc.constantFrom(...'aAxXoO#*,;+'), minLength: 1, maxLength: 3 })), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...'+0123456789abcABC -()'), maxLength: 20 }), weight: 1 },
  // unicode digits and zero-width characters
  { arbitrary: insertInto(e164, unicodeDigit), weight: 1 },
  {
    arbitrary: digits(2, 12)
      .map((d) => `+1${d}`)
      .chain((n) => fc.constant([...n].map((c) => (c >= '0' && c <= '9' ? String.fromCharCode(0xff10 + Number(c)) : c)).join(''))),
    weight: 1,
  },
  { arbitrary: insertInto(decorated, zeroWidth), weight: 1 },
  // empty, blank, arbitrary text, not a string at all
  { arbitrary: fc.constantFrom('', ' ', '   ', '\t\n', '+', '\u200b'), weight: 1 },
  {
    arbitrary: fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 16 }),
      fc.string({ unit: 'binary', maxLength: 16 }),
      fc.string({ unit: codeUnit, maxLength: 8 }),
    ),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(null, undefined, 14155550123, ['+14155550123'], { number: '+14155550123' }), weight: 1 },
);

// ---------------------------------------------------------------------------------------------
// numbers
// ---------------------------------------------------------------------------------------------

/**
 * Where a number goes out: each vendor's fixture creates that send a `number` the facade reads as
 * E.164 (one per create type), and `find` where the vendor looks a number up directly rather than
 * walking its listing.
 */
interface NumberTarget {
  label: string;
  vendor: VendorName;
  call: (n: LooseFacade, number: unknown) => unknown;
  /** The requests an accepted call sends: its own, first, and a create's read-back where the vendor answers with an id alone. */
  requests: number;
}

const NUMBER_TARGETS: NumberTarget[] = VENDOR_NAMES.flatMap((vendor) => {
  const creates = FIXTURES[vendor].creates.filter(
    (create) => typeof create.input.number === 'string' && CREATE_FIELDS[create.input.type as CreateType].e164.includes('number'),
  );
  const oneOfEachType = creates.filter((create, i) => creates.findIndex((other) => other.input.type === create.input.type) === i);
  const targets: NumberTarget[] = oneOfEachType.map((create) => ({
    label: `${vendor} ${create.name}`,
    vendor,
    call: (n, number) =>
      n.create({ ...create.input, number }, create.vendorOptions === undefined ? undefined : { vendorOptions: { [vendor]: create.vendorOptions } }),
    requests: requestsOf(create).length,
  }));
  if (LOOKS_UP[vendor]) targets.push({ label: `${vendor} find`, vendor, call: (n, number) => n.find(number), requests: 1 });
  return targets;
});

/** Everything of a request where a number can travel: body, path and query, decoded. */
const wire = (request: SeenRequest) => `${JSON.stringify(request.body)} ${decodeURIComponent(request.path)} ${JSON.stringify(request.query)}`;

describe('numbers: every number is normalised and accepted by Prism, or a ValidationError naming "number" with nothing sent', () => {
  test(
    "every vendor's creates that take an E.164 number, and find where the vendor looks the number up",
    async () => {
      const totals = await property(
        'numbers',
        fc.record({ target: fc.constantFrom(...NUMBER_TARGETS), number: numberInput }),
        async (totals, { target, number }) => {
          const outcome = await run(target.vendor, (n) => target.call(n, number));
          check(totals, outcome, 'number');
          if (outcome.kind === 'accepted') {
            // Sent once, canonical: the input's own "+" and digits (with or without the "+" on the wire, as the vendor takes it).
            expect(typeof number).toBe('string');
            const canonical = (number as string).replace(/[^+0-9]/g, '');
            expect(canonical).toMatch(E164);
            expect(outcome.sent).toHaveLength(target.requests);
            expect(wire(outcome.sent[0]!)).toContain(canonical.slice(1));
          }
        },
        NUMBER_TARGETS.flatMap((target) => [' +1 (415) 555-0123 ', '+1４１５5550123', ''].map((number) => ({ target, number }))),
      );
      expect(totals.accepted).toBeGreaterThan(RUNS / 4);
      expect(totals.validationErrors).toBeGreaterThan(RUNS / 4);
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// ids
// ---------------------------------------------------------------------------------------------

/** The vendors that address a number by an opaque id, and the path their ids go under (from the fixture's get). */
const OPAQUE = VENDOR_NAMES.filter((vendor) => ID_RULES[vendor] === 'opaque').map((vendor) => ({
  vendor,
  prefix: /^\S+ (.*\/)[^/]+$/.exec(FIXTURES[vendor].get.key)![1]!,
  agentId: FIXTURES[vendor].agents.id,
}));

const idPiece = fc.constantFrom(
  '/',
  '..',
  '.',
  '?',
  '#',
  '%',
  ' ',
  '\\',
  '&',
  '=',
  '+',
  ';',
  ':',
  '@',
  '~',
  '!',
  '*',
  "'",
  '(',
  ')',
  '%2F',
  '%2f',
  '%2e',
  '%2E',
  '%5C',
  '%00',
  '%',
  'a',
  'Z',
  '0',
  '-',
  '_',
  'ü',
  '€',
  '😀',
  '\u200b',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u3000',
  '\u0000',
  '\u0001',
  '\n',
  '\r',
  '\t',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
);
const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_');

/** Ids: plain, path-like, reserved characters, unicode, control characters, empty, near and over 256 characters. */
const idInput: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.uuid(), weight: 2 },
  { arbitrary: fc.string({ unit: idPiece, maxLength: 10 }), weight: 6 },
  { arbitrary: fc.constantFrom('', ' ', '.', '..', '...', '/', './', '../', '/..', 'a/../b', '%2e%2e', '.%2e', '?', '#', '?a=1', '#frag', 'a b'), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 16 }), weight: 2 },
  { arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }), weight: 1 },
  { arbitrary: fc.string({ unit: alnum, minLength: 250, maxLength: 262 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 257, maxLength: 2_000 }), weight: 1 },
);

describe('ids: accepted and sent as exactly one percent-encoded path segment that decodes back to the id, or a ValidationError naming "id"', () => {
  test(
    'get, update and release on every vendor that addresses numbers by an opaque id',
    async () => {
      const totals = await property(
        'ids',
        fc.record({
          target: fc.constantFrom(...OPAQUE),
          op: fc.constantFrom('get' as const, 'update' as const, 'release' as const),
          id: idInput,
        }),
        async (totals, { target: { vendor, prefix, agentId }, op, id }) => {
          const outcome = await run(vendor, (n) => (op === 'update' ? n.update(id, { agentId }) : n[op](id)));
          check(totals, outcome, 'id');
          if (outcome.kind !== 'accepted') return;
          for (const request of outcome.sent) {
            expect(request.path.startsWith(prefix), request.path).toBe(true);
            const segment = request.path.slice(prefix.length);
            // One segment, no traversal, nothing leaked into the query or fragment.
            expect(segment).not.toContain('/');
            expect(request.search).toBe('');
            expect(decodeURIComponent(segment)).toBe(id);
          }
        },
        // Regression: the counterexample fast-check found. A lone surrogate passes requireId, then
        // openapi-fetch's encodeURIComponent throws "URIError: URI malformed": neither a request nor
        // a ValidationError (src/validate.ts requireId does not reject ill-formed UTF-16).
        OPAQUE.map((target) => ({ target, op: 'get' as const, id: '\ud800' })),
      );
      expect(totals.accepted).toBeGreaterThan(RUNS / 4);
      expect(totals.validationErrors).toBeGreaterThan(RUNS / 10);
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// oversized fields
// ---------------------------------------------------------------------------------------------

interface FieldCase {
  label: string;
  vendor: VendorName;
  /** A valid create: accepted by Prism as it is. */
  input: Record<string, unknown>;
  vendorOptions: Record<string, unknown> | undefined;
  /** The field replaced by the generated string (a key of `input`, or `vendorOptions.<vendor>.<key>`). */
  field: string;
  /** The requests an accepted create sends: the create, and its read-back where the vendor answers with an id alone. */
  requests: number;
}

/**
 * Every text field of every vendor's fixture creates: the input's (but the type and the numbers the
 * facade reads as E.164, whose property is the one above) and its vendor options' own.
 */
const FIELD_CASES: FieldCase[] = VENDOR_NAMES.flatMap((vendor) =>
  FIXTURES[vendor].creates.flatMap((create) => {
    const { name, input, vendorOptions } = create;
    const e164 = CREATE_FIELDS[input.type as CreateType].e164;
    const own = Object.keys(input).filter((key) => key !== 'type' && !e164.includes(key) && typeof input[key] === 'string');
    const options = Object.keys(vendorOptions ?? {}).filter((key) => typeof vendorOptions?.[key] === 'string');
    return [...own, ...options.map((key) => `vendorOptions.${vendor}.${key}`)].map((field) => ({
      label: `${vendor} ${name}`,
      vendor,
      input,
      vendorOptions,
      field,
      requests: requestsOf(create).length,
    }));
  }),
);

/** Lengths up to 2,000, with the limits in play (Vogent's 5, Vapi's 3, 20 and 40, the facade's 512) weighted in. */
const fieldLength = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 2_000 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 60 }), weight: 2 },
  { arbitrary: fc.constantFrom(1, 2, 3, 4, 5, 6, 19, 20, 21, 39, 40, 41, 511, 512, 513, 1_999, 2_000), weight: 2 },
);

/** Field content: mostly ASCII letters and digits (so that length is what is tested), also printable ASCII and unicode. */
const fieldValue = fc
  .tuple(
    fc.constantFrom<[string, fc.Arbitrary<string>]>(
      ['alnum', alnum],
      ['alnum', alnum],
      ['alnum', alnum],
      ['digits', fc.constantFrom(...'0123456789')],
      ['printable', fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })],
      ['unicode', fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 })],
      ['astral', fc.constantFrom('😀', '𝟙', '𠀀', '🎉')],
    ),
    fieldLength,
  )
  .chain(([[, unit], length]) => fc.string({ unit, minLength: length, maxLength: length }));

describe('oversized fields: a create field of any length up to 2,000 is accepted by Prism or a ValidationError naming that field', () => {
  test(
    "every text field of every vendor's fixture creates",
    async () => {
      await property(
        'oversized fields',
        fc.record({ fieldCase: fc.constantFrom(...FIELD_CASES), value: fieldValue }),
        async (totals, { fieldCase: { vendor, input, vendorOptions, field, requests }, value }) => {
          const optionKey = field.startsWith('vendorOptions.') ? field.split('.')[2]! : undefined;
          const outcome = await run(vendor, (n) =>
            optionKey === undefined
              ? n.create({ ...input, [field]: value }, vendorOptions === undefined ? undefined : { vendorOptions: { [vendor]: vendorOptions } })
              : n.create(input, { vendorOptions: { [vendor]: { ...vendorOptions, [optionKey]: value } } }),
          );
          check(totals, outcome, field);
          if (outcome.kind === 'accepted') expect(outcome.sent).toHaveLength(requests);
        },
        // Regressions, in every field: counterexamples fast-check found, each a request Prism rejected.
        FIELD_CASES.flatMap((fieldCase) =>
          [
            // Vapi's byo-import number was only checked non-empty and <= 512; its spec says 3 to 40 of [+]?[a-zA-Z0-9] (400).
            'a',
            'aaaaa-aaaa',
            // Minimum lengths were counted in UTF-16 code units, JSON Schema counts code points (Vogent's 5, 422; Vapi's 20, 400).
            '😀😀😀',
            '😀'.repeat(19),
          ].map((value) => ({ fieldCase, value })),
        ),
      );
    },
    TIMEOUT_MS,
  );
});
