export const REDACTED = '[REDACTED]';

/** Keys that hold secrets whatever the spec says: credentials in headers and common names. */
const ALWAYS_SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|password|secret|token)$/i;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
/** Shorter values are too likely to occur by chance to be matched inside text. */
const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  /** Replace every known secret value (and any bearer credential) inside a string. */
  text(value: string): string;
  /** A deep copy with secret keys masked and secret values removed from every string. */
  value(value: unknown): unknown;
  /** Whether a secret key occurs anywhere in the value (so `value` would change it). */
  hasSecretKeys(value: unknown): boolean;
}

/**
 * Redaction driven by the spec: `secretKeys` are the property names the spec marks `x-secret`,
 * `secretValues` the concrete secrets in play (the API key, the secret fields of the request).
 */
export function createRedactor(secretKeys: Iterable<string>, secretValues: Iterable<string>): Redactor {
  const keys = new Set([...secretKeys].map((key) => key.toLowerCase()));
  // Each secret as it may come back: verbatim, JSON-escaped (once or twice) or URL-encoded.
  const values = [...new Set([...secretValues].filter((v) => v.length >= MIN_SECRET_LENGTH).flatMap(encodings))];
  const isSecretKey = (key: string) => keys.has(key.toLowerCase()) || ALWAYS_SECRET_KEY.test(key);

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

  // Walked for every number a facade returns, so no arrays or closures are allocated on the way.
  function hasSecretKeys(input: unknown): boolean {
    if (input === null || typeof input !== 'object') return false;
    if (Array.isArray(input)) {
      for (const child of input) if (hasSecretKeys(child)) return true;
      return false;
    }
    const record = input as Record<string, unknown>;
    for (const key in record) if (isSecretKey(key) || hasSecretKeys(record[key])) return true;
    return false;
  }

  return { text, value, hasSecretKeys };
}

function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [secret, json, JSON.stringify(json).slice(1, -1)];
  try {
    forms.push(encodeURIComponent(secret));
  } catch {
    // Not well-formed Unicode: it cannot appear URL-encoded either.
  }
  return forms;
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
