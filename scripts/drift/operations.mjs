// The operations of a document and how ours pair with theirs: by HTTP method and path, never by
// operationId or schema name. Path templates compare without their parameter names
// (`/phone-number/{id}` = `/phone-number/{phoneNumberId}`), and each path is read behind its
// server's base path, so our `https://api.vocode.dev/v1` + `/numbers/buy` is their
// `https://api.vocode.dev` + `/v1/numbers/buy`.

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `/a/{x}/b/` -> `/a/{}/b`: what two templates must share to be the same route. */
export function templateKey(path) {
  const trimmed = path.replace(/\/+$/, '') || '/';
  return trimmed.replace(/\{[^}]*\}/g, '{}');
}

/** The path part of the first server URL ('' for none), with server variables at their defaults. */
export function basePath(doc) {
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!server || typeof server.url !== 'string') return '';
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name) => server.variables?.[name]?.default ?? '');
  try {
    return new URL(url, 'http://relative.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Every operation: `{ method, path, fullKey, key, operation, pathItem }`. */
export function listOperations(loaded) {
  const base = basePath(loaded.doc);
  const operations = [];
  for (const [path, rawItem] of Object.entries(loaded.doc.paths ?? {})) {
    const { node: pathItem } = loaded.deref(rawItem);
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (!operation || typeof operation !== 'object') continue;
      operations.push({ method, path, key: templateKey(path), fullKey: templateKey(`${base}${path}`), operation, pathItem });
    }
  }
  return operations;
}

/** `GET /phone-number/{id}` */
export const operationName = (op) => `${op.method.toUpperCase()} ${op.path}`;

/**
 * Pairs each of our operations with at most one of theirs: the same method and the same full path
 * (base path + template), else the same template, else a unique full path that ends with the other
 * (one side's base path left out of its servers). Returns `[{ ours, theirs | undefined }]`.
 */
export function matchOperations(ours, theirs) {
  const taken = new Set();
  const pick = (op, test) => {
    const found = theirs.filter((t) => !taken.has(t) && t.method === op.method && test(t));
    return found.length === 1 ? found[0] : undefined;
  };
  const endsWith = (a, b) => a === b || (a.endsWith(b) && b.startsWith('/') && b.length > 1);
  const pairs = ours.map((op) => ({ ours: op, theirs: undefined }));
  const rules = [
    (op) => (t) => t.fullKey === op.fullKey,
    (op) => (t) => t.key === op.key,
    (op) => (t) => endsWith(t.fullKey, op.fullKey) || endsWith(op.fullKey, t.fullKey),
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
