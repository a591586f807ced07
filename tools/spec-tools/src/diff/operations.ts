// Which operations a spec change touches, so a report can name them (`DELETE /phone-number/{id}`,
// `deletePhoneNumber`) instead of a JSON path.
import { resolvePointer } from '../openapi/document.js';
import { isHttpMethod, listOperations } from '../openapi/operations.js';
import type { OpenApiDocument } from '../openapi/types.js';
import type { JsonPath } from './merged.js';

export interface Operation {
  /** Upper case: `DELETE`. */
  method: string;
  path: string;
  operationId: string | undefined;
}

export const keyOf = (operation: Operation): string => `${operation.method} ${operation.path}`;

const escapeStep = (step: string | number) => String(step).replaceAll('~', '~0').replaceAll('/', '~1');

/** Every operation of a spec, keyed `METHOD /path`. */
function operationsOf(spec: OpenApiDocument): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const { method, path, operationId } of listOperations(spec)) {
    const operation = { method: method.toUpperCase(), path, operationId };
    operations.set(keyOf(operation), operation);
  }
  return operations;
}

/** `#/components/<section>/<name>` → the operations that reach it through `$ref`s, per spec. */
const usersBySpec = new WeakMap<OpenApiDocument, Map<string, Set<string>>>();

function componentUsers(spec: OpenApiDocument): Map<string, Set<string>> {
  let users = usersBySpec.get(spec);
  if (users) return users;
  users = new Map();
  for (const { method, path, operation, parameters } of listOperations(spec)) {
    const key = `${method.toUpperCase()} ${path}`;
    // Parameters of the path item apply to each of its operations.
    for (const ref of reachableRefs(spec, [parameters, operation])) {
      if (!users.has(ref)) users.set(ref, new Set());
      users.get(ref)!.add(key);
    }
  }
  usersBySpec.set(spec, users);
  return users;
}

/** The component `$ref`s reachable from some nodes, through the components they name. */
function reachableRefs(spec: OpenApiDocument, roots: unknown[]): Set<string> {
  const refs = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    const { $ref } = node as { $ref?: unknown };
    if (typeof $ref === 'string' && $ref.startsWith('#/components/') && !refs.has($ref)) {
      refs.add($ref);
      pending.push(resolvePointer(spec, $ref));
    }
    pending.push(...Object.values(node));
  }
  return refs;
}

/**
 * The operations a change at `path` (a JSON path in the spec) touches, before or after it: the
 * operation it sits in; each operation of a path item changed as a whole (or in its shared
 * parameters); each operation that reaches a changed component through `$ref`s. A change elsewhere
 * (info, servers, tags) names none.
 */
export function touchedOperations(path: JsonPath, before: OpenApiDocument | undefined, after: OpenApiDocument | undefined): Operation[] {
  const [section, first, second] = path;
  const touched = new Map<string, Operation>();
  // The spec after the change first, so an operation present on both sides shows its new operationId.
  for (const spec of [after, before]) {
    if (!spec) continue;
    const operations = operationsOf(spec);
    let keys: string[] = [];
    if (section === 'paths') {
      if (typeof second === 'string' && isHttpMethod(second)) keys = [`${second.toUpperCase()} ${first}`];
      else keys = [...operations.values()].filter((op) => first === undefined || op.path === first).map(keyOf);
    } else if (section === 'components') {
      // One component, or every component of a section (or of all sections) added or removed at once.
      const ref = ['#/components', ...[first, second].filter((step) => step !== undefined).map(escapeStep)].join('/');
      const named = second === undefined ? (key: string) => key.startsWith(`${ref}/`) : (key: string) => key === ref;
      keys = [...componentUsers(spec)].filter(([key]) => named(key)).flatMap(([, users]) => [...users]);
    }
    for (const key of keys) {
      const operation = operations.get(key);
      if (operation && !touched.has(key)) touched.set(key, operation);
    }
  }
  return [...touched.values()];
}
