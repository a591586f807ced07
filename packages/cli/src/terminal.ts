/**
 * Vendors' text reaches a terminal (numbers, names, ids, error messages, request ids), and must
 * not drive it: C0 and C1 controls and DEL (escape sequences, carriage returns), the invisible
 * format characters (Unicode's Cf: bidi embeddings, overrides and isolates U+202A–U+202E and
 * U+2066–U+2069, zero-width characters, …), which can reorder or hide what is shown, and the line
 * and paragraph separators. Each is written as its `\uXXXX` escape: visible, and in JSON the
 * string's own escape, so `--json` stays valid and parses back to exactly what the vendor sent.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `\uXXXX` per UTF-16 unit (a format character beyond U+FFFF is a surrogate pair, as JSON writes it). */
function unicodeEscape(character: string): string {
  return character
    .split('')
    .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
}

/** A table cell: the unsafe characters escaped. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, unicodeEscape);
}

/** A stderr line: one line (a multi-line message is joined), the unsafe characters escaped. */
export function terminalLine(text: string): string {
  return terminalText(text.replace(/\s*\n\s*/g, ' '));
}

/** Pretty JSON. `JSON.stringify` escapes every C0 control inside strings, so a raw line break left is the indentation's. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (character) => (character === '\n' ? character : unicodeEscape(character)));
}
