export const REDACTED = '[REDACTED]';

/** Keys that hold secrets whatever the spec says: credentials in headers and common names. */
const ALWAYS_SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|password|secret|token)$/i;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
/** Shorter values are too likely to occur by chance to be matched inside text. */
const MIN_SECRET_LENGTH = 4;
/** Bounds the memo of judged keys, whatever a vendor sends. */
const MAX_JUDGED_KEYS = 1000;

export interface Redactor {
  /** Replace every known secret value (and any bearer credential) inside a string. */
  text(value: string): string;
  /** A deep copy with secret keys masked and secret values removed from every string. */
  value(value: unknown): unknown;
  /**
   * The value with every secret key's value masked, sharing the parts that hold none (the value
   * itself when nothing is masked). Strings are left as they are: this is for values that carry
   * secrets under their names, such as a vendor's object echoing them back.
   */
  maskSecretKeys<T>(value: T): T;
}

/**
 * Redaction driven by the spec: `secretKeys` are the property names the spec marks `x-secret`,
 * `secretValues` the concrete secrets in play (the API key, the secret fields of the request).
 */
export function createRedactor(secretKeys: Iterable<string>, secretValues: Iterable<string>): Redactor {
  const keys = new Set([...secretKeys].map((key) => key.toLowerCase()));
  // Each secret as it may come back: verbatim, JSON-escaped (once or twice) or URL-encoded.
  const values = [...new Set([...secretValues].filter((v) => v.length >= MIN_SECRET_LENGTH).flatMap(encodings))];
  // Keys repeat across the objects of a list: each is judged once.
  const judged = new Map<string, boolean>();
  const isSecretKey = (key: string) => {
    let secret = judged.get(key);
    if (secret === undefined) {
      secret = keys.has(key.toLowerCase()) || ALWAYS_SECRET_KEY.test(key);
      if (judged.size < MAX_JUDGED_KEYS) judged.set(key, secret);
    }
    return secret;
  };

  function text(input: string): string {
    const output = input.replace(BEARER, `$1 ${REDACTED}`);
    // Every occurrence of every secret, overlapping ones merged, so no part of one survives.
    const ranges: [number, number][] = [];
    for (const secret of values) {
      for (let at = output.indexOf(secret); at !== -1; at = output.indexOf(secret, at + 1)) ranges.push([at, at + secret.length]);
    }
    if (ranges.length === 0) return output;
    ranges.sort((a, b) => a[0] - b[0]);
    let result = '';
    let cursor = 0;
    for (const [start, end] of ranges) {
      if (end <= cursor) continue;
      if (start >= cursor) result += output.slice(cursor, start) + REDACTED;
      cursor = end;
    }
    return result + output.slice(cursor);
  }

  function value(input: unknown): unknown {
    if (typeof input === 'string') return text(input);
    if (Array.isArray(input)) return input.map(value);
    if (input && typeof input === 'object') {
      return Object.fromEntries(Object.entries(input).map(([key, child]) => [text(key), isSecretKey(key) ? REDACTED : value(child)]));
    }
    return input;
  }

  // On the way out of every number a facade returns: copies only the objects on a masked key's path.
  function maskSecretKeys<T>(input: T): T {
    if (input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < input.length; i++) {
        const masked = maskSecretKeys(input[i]);
        if (masked === input[i]) continue;
        copy ??= input.slice();
        copy[i] = masked;
      }
      return (copy ?? input) as T;
    }
    const record = input as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in record) {
      const child = record[key];
      const masked = isSecretKey(key) ? REDACTED : child !== null && typeof child === 'object' ? maskSecretKeys(child) : child;
      if (masked === child) continue;
      copy ??= { ...record };
      copy[key] = masked;
    }
    return (copy ?? input) as T;
  }

  return { text, value, maskSecretKeys };
}

const NON_ASCII = /[^\u0000-\u007f]/g;
const HAS_NON_ASCII = /[^\u0000-\u007f]/;
const UTF8 = new TextEncoder();

function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [secret, json, JSON.stringify(json).slice(1, -1)];
  try {
    forms.push(encodeURIComponent(secret));
  } catch {
    // Not well-formed Unicode: it cannot appear URL-encoded either.
  }
  if (HAS_NON_ASCII.test(secret)) {
    // As ASCII-only JSON writes it (Python's json.dumps: `\u00e4`, or `\u00E4`), once or twice escaped…
    const asciiJson = (hex: (code: string) => string) => json.replace(NON_ASCII, (c) => `\\u${hex(c.charCodeAt(0).toString(16).padStart(4, '0'))}`);
    for (const ascii of [asciiJson((code) => code), asciiJson((code) => code.toUpperCase())]) forms.push(ascii, JSON.stringify(ascii).slice(1, -1));
    // …and as a header carries it: its UTF-8 bytes, which fetch reads one character per byte.
    forms.push(String.fromCharCode(...UTF8.encode(secret)));
  }
  return forms;
}

/** How much of a vendor's text (an error body's message, a header) an error or event quotes. */
export const MAX_QUOTED_LENGTH = 500;

/**
 * A text of the vendor's answer as an error or event may show it: the call's secrets removed
 * first (a cut made first could leave part of one behind), then cut to `MAX_QUOTED_LENGTH`
 * characters, saying how much was left out.
 */
export function quote(redactor: Redactor, text: string): string {
  const redacted = redactor.text(text);
  if (redacted.length <= MAX_QUOTED_LENGTH) return redacted;
  // Never half a surrogate pair.
  const end = MAX_QUOTED_LENGTH - (/[\ud800-\udbff]/.test(redacted[MAX_QUOTED_LENGTH - 1]!) ? 1 : 0);
  return `${redacted.slice(0, end)}… (${redacted.length - end} more characters)`;
}

/**
 * The string values held under secret keys anywhere in a JSON value (a request body, say): the
 * keys the spec marks, and the names that hold secrets whatever a spec says (`secret`, `password`…).
 */
export function collectSecretValues(input: unknown, secretKeys: ReadonlySet<string>, found: string[] = []): string[] {
  if (Array.isArray(input)) {
    for (const child of input) collectSecretValues(child, secretKeys, found);
  } else if (input && typeof input === 'object') {
    for (const [key, child] of Object.entries(input)) {
      if (secretKeys.has(key.toLowerCase()) || ALWAYS_SECRET_KEY.test(key)) collectStrings(child, found);
      else collectSecretValues(child, secretKeys, found);
    }
  }
  return found;
}

function collectStrings(input: unknown, found: string[]): void {
  if (typeof input === 'string') found.push(input);
  else if (input && typeof input === 'object') for (const child of Object.values(input)) collectStrings(child, found);
}
