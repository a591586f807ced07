/**
 * A problem that stops a spec tool before any verdict: bad usage, an unknown git ref, an input that
 * cannot be read or makes no sense. Every command exits 2 on it, since 1 is its verdict "failed".
 */
export class CannotRun extends Error {}

/** The first line of an error's message: libraries append context a one-line report has no room for. */
export const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
