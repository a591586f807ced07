// Which operations a spec change touches, so a report can name them (`DELETE /phone-number/{id}`,
// `deletePhoneNumber`) instead of a JSON path.

export const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** @typedef {{ method: string, path: string, operationId: string | undefined }} Operation */

/** One step of a JSON pointer, unescaped and escaped. */
const unescapeStep = (step) => step.replaceAll('~1', '/').replaceAll('~0', '~');
const escapeStep = (step) => String(step).replaceAll('~', '~0').replaceAll('/', '~1');

/** The node an internal `$ref` points at. */
const resolveRef = (spec, ref) =>
  ref
    .slice(2)
    .split('/')
    .map(unescapeStep)
    .reduce((node, key) => node?.[key], spec);

/**
 * Every operation of a spec, keyed `METHOD /path`, in document order.
 * @returns {Map<string, Operation>}
 */
function operationsOf(spec) {
  const operations = new Map();
  for (const [path, item] of Object.entries(spec?.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (!HTTP_METHODS.has(method)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      operations.set(key, { method: method.toUpperCase(), path, operationId: operation?.operationId });
    }
  }
  return operations;
}

/** `#/components/<section>/<name>` → the operations that reach it through `$ref`s, per spec. */
const usersBySpec = new WeakMap();

/** @returns {Map<string, Set<string>>} */
function componentUsers(spec) {
  let users = usersBySpec.get(spec);
  if (users) return users;
  users = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of Object.keys(item ?? {}).filter((key) => HTTP_METHODS.has(key))) {
      const key = `${method.toUpperCase()} ${path}`;
      // Parameters of the path item apply to each of its operations.
      for (const ref of reachableRefs(spec, [item.parameters, item[method]])) {
        if (!users.has(ref)) users.set(ref, new Set());
        users.get(ref).add(key);
      }
    }
  }
  usersBySpec.set(spec, users);
  return users;
}

/** The component `$ref`s reachable from some nodes, through the components they name. */
function reachableRefs(spec, roots) {
  const refs = new Set();
  const pending = [...roots];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/') && !refs.has(node.$ref)) {
      refs.add(node.$ref);
      pending.push(resolveRef(spec, node.$ref));
    }
    pending.push(...Object.values(node));
  }
  return refs;
}

/**
 * The operations a change touches, before or after it: the operation it sits in; each operation
 * of a path item changed as a whole (or in its shared parameters); each operation that reaches a
 * changed component through `$ref`s. A change elsewhere (info, servers, tags) names none.
 * @param {(string | number)[]} path the change's JSON path in the spec
 * @param {object | undefined} before
 * @param {object | undefined} after
 * @returns {Operation[]}
 */
export function touchedOperations(path, before, after) {
  const [section, first, second] = path;
  const touched = new Map();
  // The spec after the change first, so an operation present on both sides shows its new operationId.
  for (const spec of [after, before].filter(Boolean)) {
    const operations = operationsOf(spec);
    let keys = [];
    if (section === 'paths') {
      if (typeof second === 'string' && HTTP_METHODS.has(second)) keys = [`${second.toUpperCase()} ${first}`];
      else keys = [...operations.values()].filter((op) => first === undefined || op.path === first).map(keyOf);
    } else if (section === 'components') {
      // One component, or every component of a section (or of all sections) added or removed at once.
      const ref = ['#/components', ...[first, second].filter((step) => step !== undefined).map(escapeStep)].join('/');
      const named = second === undefined ? (key) => key.startsWith(`${ref}/`) : (key) => key === ref;
      keys = [...componentUsers(spec)].filter(([key]) => named(key)).flatMap(([, users]) => [...users]);
    }
    for (const key of keys) if (operations.has(key) && !touched.has(key)) touched.set(key, operations.get(key));
  }
  return [...touched.values()];
}

/** @param {Operation} operation */
export const keyOf = (operation) => `${operation.method} ${operation.path}`;
