import { createRedactor, E164_PATTERN, normalizeE164, REDACTED, ValidationError } from '@switchboard/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

/**
 * Property-based tests of the pure core: E.164 normalisation and secret redaction.
 * Every property runs at least 1,000 generated cases.
 */

const RUNS = 1_000;
const NON_ASCII = /[^\x00-\x7f]/;

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** A canonical E.164 number: `+`, a non-zero digit, 1 to 14 further digits. */
const e164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 14 }))
  .map(([first, rest]) => `+${first}${rest.join('')}`);

/** Separators `normalizeE164` removes anywhere inside a number. */
const innerSeparator = fc.constantFrom(' ', '-', '.', '(', ')', '/');
/** Whitespace `String.prototype.trim` removes at either end (ECMAScript WhiteSpace and LineTerminator). */
const edgeWhitespace = fc.constantFrom(
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2005',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
);

/** A canonical number written the way people do: separators between any characters, whitespace around. */
const decorated = e164.chain((canonical) =>
  fc
    .tuple(
      fc.array(edgeWhitespace, { maxLength: 3 }),
      fc.array(fc.array(innerSeparator, { maxLength: 2 }), { minLength: canonical.length + 1, maxLength: canonical.length + 1 }),
      fc.array(edgeWhitespace, { maxLength: 3 }),
    )
    .map(([before, gaps, after]) => ({
      canonical,
      input: before.join('') + [...canonical].map((char, i) => gaps[i]!.join('') + char).join('') + gaps[canonical.length]!.join('') + after.join(''),
    })),
);

/** Any UTF-16 code unit, lone surrogates included: what a JS string can really hold. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
/** Characters close to a phone number, so that a good share of the arbitrary strings are accepted. */
const phoneish = fc.constantFrom(
  ...'+0123456789',
  ...'+0123456789',
  ' ',
  '-',
  '.',
  '(',
  ')',
  '/',
  '\t',
  '\n',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202e',
  '٤',
  '۱',
  '१',
  '１',
  '𝟙',
  'a',
  'O',
  'x',
  '#',
  '*',
  ',',
  '\u0000',
);

/** Arbitrary strings: printable graphemes, any code point, any code unit, and near-numbers. */
const anyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: codeUnit, maxLength: 30 }),
  fc.string({ unit: phoneish, maxLength: 24 }),
  decorated.map(({ input }) => input),
);

// ---------------------------------------------------------------------------------------------
// normalizeE164
// ---------------------------------------------------------------------------------------------

describe('normalizeE164 (properties)', () => {
  test('a valid number decorated with separators and surrounding whitespace normalises to its canonical form', () => {
    fc.assert(
      fc.property(decorated, ({ canonical, input }) => {
        expect(normalizeE164(input)).toBe(canonical);
      }),
      { numRuns: RUNS },
    );
  });

  test('is idempotent: normalising its output returns the output', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyString, (input) => {
        let once: string;
        try {
          once = normalizeE164(input);
        } catch {
          return;
        }
        accepted++;
        expect(normalizeE164(once)).toBe(once);
      }),
      { numRuns: RUNS },
    );
    // The generators must exercise the accepting branch, not only the rejections.
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });

  test('any string: returns an ASCII E.164 number made of its own "+" and digits, or throws a ValidationError with field and rule', () => {
    const outcomes = { accepted: 0, rejected: {} as Record<string, number> };
    fc.assert(
      fc.property(anyString, fc.constantFrom('number', 'id', 'twilio.number'), (input, field) => {
        let output: unknown;
        try {
          output = normalizeE164(input, field);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          const { field: named, rule, message } = error as ValidationError;
          expect(named).toBe(field);
          expect(['required', 'ascii', 'e164']).toContain(rule);
          expect(message.startsWith(`${field}: `)).toBe(true);
          outcomes.rejected[rule] = (outcomes.rejected[rule] ?? 0) + 1;
          return;
        }
        outcomes.accepted++;
        expect(typeof output).toBe('string');
        expect(output).toMatch(E164_PATTERN);
        expect(NON_ASCII.test(output as string)).toBe(false);
        // Nothing invented, nothing dropped: the output is the input's own "+" and digits, in order.
        expect(output).toBe(input.replace(/[^+0-9]/g, ''));
      }),
      { numRuns: RUNS },
    );
    expect(outcomes.accepted).toBeGreaterThan(RUNS / 10);
    expect(Object.keys(outcomes.rejected).sort()).toEqual(['ascii', 'e164', 'required']);
  });

  test('a number with a non-ASCII or invisible character inside is rejected, never normalised into something else', () => {
    const foreign = fc.oneof(
      fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\u202e', '\u00ad', '\u00a0', '\u3000', '\t', '\n', '１', '٣', '۳', '३', '𝟚'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((char) => !/^[\x20-\x7e]$/.test(char)),
    );
    fc.assert(
      fc.property(e164, foreign, fc.nat(), (canonical, char, at) => {
        // Strictly inside (after the "+", before the last digit): surrounding whitespace would be trimmed.
        const cut = 1 + (at % (canonical.length - 1));
        const input = canonical.slice(0, cut) + char + canonical.slice(cut);
        expect(() => normalizeE164(input)).toThrow(ValidationError);
      }),
      { numRuns: RUNS },
    );
  });

  test('anything that is not a string is a ValidationError of rule "type"', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((value) => typeof value !== 'string'),
        (value) => {
          expect(() => normalizeE164(value)).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'number', rule: 'type' }));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// createRedactor
// ---------------------------------------------------------------------------------------------

/** Keys the redactor always masks, whatever the spec says (see redact.ts). */
const ALWAYS_SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|password|secret|token)$/i;
const SPEC_SECRET_KEYS = ['twilioAuthToken', 'twilioApiSecret', 'password'];
const isSecretKey = (key: string) => ALWAYS_SECRET_KEY.test(key) || SPEC_SECRET_KEYS.some((secret) => secret.toLowerCase() === key.toLowerCase());
/** What the redactor rewrites in any text, secrets or not. */
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/i;

const textChars = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: codeUnit, maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...'abAB01 -_:.'), maxLength: 20 }), weight: 2 },
);

/**
 * A secret of at least 4 characters (shorter values are not matched inside text, by design).
 * A secret that shares characters with the marker itself (`[`, `]`, or a substring of
 * "[REDACTED]" such as "DACT") can be re-formed by the marker and its neighbours
 * ("ED]x" in "ED]xx" becomes "[REDACTED]x"); that is no leak (the characters come from the
 * marker) but would fail "no occurrence", so such secrets are left out.
 */
const secret = fc
  .oneof(
    fc.string({ unit: 'grapheme-ascii', minLength: 4, maxLength: 24 }),
    fc.string({ unit: 'grapheme', minLength: 4, maxLength: 12 }),
    fc.string({ unit: 'binary', minLength: 4, maxLength: 12 }),
    fc.string({ unit: codeUnit, minLength: 4, maxLength: 12 }),
    fc.string({ unit: fc.constantFrom(...'abAB01'), minLength: 4, maxLength: 8 }),
  )
  .filter((value) => value.length >= 4 && !/[[\]]/.test(value) && !REDACTED.includes(value));

/** A JSON-like value whose strings may carry the secret (`hole` marks where it goes). */
type Tree = string | number | boolean | null | Tree[] | { [key: string]: Tree };
const HOLE = '\u{E000}';

function treeOf(leafText: fc.Arbitrary<string>, key: fc.Arbitrary<string>) {
  return fc.letrec<{ tree: Tree; leaf: Tree }>((tie) => ({
    leaf: fc.oneof({ arbitrary: leafText, weight: 6 }, { arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), weight: 1 }),
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: tie('leaf'), weight: 3 },
      { arbitrary: fc.array(tie('tree'), { maxLength: 4 }), weight: 1 },
      { arbitrary: fc.dictionary(key, tie('tree'), { maxKeys: 4, noNullPrototype: true }), weight: 2 },
    ),
  })).tree;
}

/** Text with holes: the secret goes where `HOLE` is (alone, at an edge, in the middle, repeated). */
const textWithHoles = fc.oneof(
  fc.constant(HOLE),
  fc.tuple(textChars, textChars).map(([before, after]) => `${before}${HOLE}${after}`),
  fc.tuple(textChars, textChars, textChars).map(([a, b, c]) => `${a}${HOLE}${b}${HOLE}${c}`),
  fc.tuple(textChars, textChars).map(([a, b]) => `${a}${HOLE}${HOLE}${b}`),
  textChars,
);

const fill = (tree: Tree, value: string): Tree => {
  if (typeof tree === 'string') return tree.split(HOLE).join(value);
  if (Array.isArray(tree)) return tree.map((child) => fill(child, value));
  if (tree && typeof tree === 'object') return Object.fromEntries(Object.entries(tree).map(([key, child]) => [key, fill(child, value)]));
  return tree;
};

/** Every string value in a tree (keys excluded: the redactor masks values, not key names). */
function stringsOf(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const child of value) stringsOf(child, found);
  else if (value && typeof value === 'object') for (const child of Object.values(value)) stringsOf(child, found);
  return found;
}

function keysOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const child of value) keysOf(child, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      found.push(key);
      keysOf(child, found);
    }
  }
  return found;
}

const anyKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'password',
    'Password',
    'TOKEN',
    'twilioAuthToken',
    'authorization',
    'api_key',
    'x-api-key',
    'message',
    'detail',
    'error',
    'items',
    '__proto__',
    'constructor',
  ),
);

describe('createRedactor (properties)', () => {
  test('a secret embedded anywhere (values under any key, inside strings, nested arrays) never survives in text or values', () => {
    const totals = { cases: 0, occurrences: 0 };
    fc.assert(
      fc.property(secret, treeOf(textWithHoles, anyKey), fc.array(secret, { maxLength: 2 }), (value, shape, others) => {
        const input = fill(shape, value);
        const redactor = createRedactor(SPEC_SECRET_KEYS, [...others, value]);
        // Keys are not redacted (by design): keep generated keys free of the secret.
        fc.pre(Object.keys(flattenKeys(input)).every((key) => !key.includes(value)));
        const inputStrings = stringsOf(input);
        totals.cases++;
        totals.occurrences += inputStrings.filter((text) => text.includes(value)).length;

        for (const text of stringsOf(redactor.value(input))) expect(text.includes(value), `${JSON.stringify(text)} holds ${JSON.stringify(value)}`).toBe(false);
        for (const text of inputStrings) expect(redactor.text(text).includes(value)).toBe(false);
      }),
      { numRuns: RUNS },
    );
    expect(totals.occurrences).toBeGreaterThan(RUNS / 2);
  });

  test('content without any secret (and no bearer credential, no secret key) comes back unchanged', () => {
    fc.assert(
      fc.property(
        secret,
        treeOf(
          textChars,
          anyKey.filter((key) => !isSecretKey(key)),
        ),
        (value, input) => {
          const strings = stringsOf(input);
          // Keys are redacted too (a secret echoed back as a key), so they must not hold it either.
          fc.pre([...strings, ...keysOf(input)].every((text) => !text.includes(value) && !BEARER.test(text)));
          const redactor = createRedactor(SPEC_SECRET_KEYS, [value]);
          expect(redactor.value(input)).toEqual(input);
          for (const text of strings) expect(redactor.text(text)).toBe(text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('secret keys are masked whole at any depth, whatever their value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('password', 'PASSWORD', 'token', 'Authorization', 'x-api-key', 'apiKey', 'api_key', 'secret', 'twilioAuthToken', 'TWILIOAPISECRET'),
        fc.jsonValue(),
        fc.array(fc.constantFrom('a', 'b', 0), { maxLength: 4 }),
        (key, value, path) => {
          // Nest { [key]: value } under a path of objects and arrays.
          const input = path.reduceRight<unknown>((inner, step) => (step === 0 ? [inner] : { [step]: inner }), { [key]: value });
          let output = createRedactor(SPEC_SECRET_KEYS, []).value(input);
          for (const step of path) output = (output as Record<string | number, unknown>)[step];
          expect(output).toEqual({ [key]: REDACTED });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

function flattenKeys(value: unknown, found: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) for (const child of value) flattenKeys(child, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      found[key] = true;
      flattenKeys(child, found);
    }
  }
  return found;
}
