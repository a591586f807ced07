// How our operations pair with theirs: by HTTP method and path, never by operationId or schema
// name. Path templates compare without their parameter names (`/phone-number/{id}` =
// `/phone-number/{phoneNumberId}`), and each path is read behind its server's base path, so our
// `https://api.vocode.dev/v1` + `/numbers/buy` is their `https://api.vocode.dev` + `/v1/numbers/buy`.
import type { LoadedOpenApi } from '../openapi/document.js';
import { type ListedOperation, listOperations } from '../openapi/operations.js';
import type { OpenApiDocument } from '../openapi/types.js';

/** An operation with the keys it pairs by. */
export interface DriftOperation extends ListedOperation {
  /** Its path template without parameter names. */
  key: string;
  /** The same, behind the server's base path. */
  fullKey: string;
}

/** `/a/{x}/b/` -> `/a/{}/b`: what two templates must share to be the same route. */
export function templateKey(path: string): string {
  const trimmed = path.replace(/\/+$/, '') || '/';
  return trimmed.replace(/\{[^}]*\}/g, '{}');
}

/** The path part of the first server URL ('' for none), with server variables at their defaults. */
export function basePath(doc: OpenApiDocument): string {
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!server || typeof server.url !== 'string') return '';
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? '');
  try {
    return new URL(url, 'http://relative.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Every operation of a loaded document, its path items' `$ref`s followed. */
export function driftOperations(loaded: LoadedOpenApi): DriftOperation[] {
  const base = basePath(loaded.doc);
  return listOperations(loaded.doc, (item) => loaded.deref(item).node).map((op) => ({
    ...op,
    key: templateKey(op.path),
    fullKey: templateKey(`${base}${op.path}`),
  }));
}

/** `GET /phone-number/{id}` */
export const operationName = (op: ListedOperation): string => `${op.method.toUpperCase()} ${op.path}`;

/**
 * Pairs each of our operations with at most one of theirs: the same method and the same full path
 * (base path + template), else the same template, else a unique full path that ends with the other
 * (one side's base path left out of its servers).
 */
export function matchOperations(ours: DriftOperation[], theirs: DriftOperation[]): { ours: DriftOperation; theirs: DriftOperation | undefined }[] {
  const taken = new Set<DriftOperation>();
  const pick = (op: DriftOperation, test: (candidate: DriftOperation) => boolean) => {
    const found = theirs.filter((t) => !taken.has(t) && t.method === op.method && test(t));
    return found.length === 1 ? found[0] : undefined;
  };
  const endsWith = (a: string, b: string) => a === b || (a.endsWith(b) && b.startsWith('/') && b.length > 1);
  const pairs = ours.map((op) => ({ ours: op, theirs: undefined as DriftOperation | undefined }));
  const rules = [
    (op: DriftOperation) => (t: DriftOperation) => t.fullKey === op.fullKey,
    (op: DriftOperation) => (t: DriftOperation) => t.key === op.key,
    (op: DriftOperation) => (t: DriftOperation) => endsWith(t.fullKey, op.fullKey) || endsWith(op.fullKey, t.fullKey),
  ];
  for (const rule of rules) {
    for (const pair of pairs) {
      if (pair.theirs) continue;
      const match = pick(pair.ours, rule(pair.ours));
      if (match) {
        pair.theirs = match;
        taken.add(match);
      }
    }
  }
  return pairs;
}
