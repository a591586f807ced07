import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { pathPattern } from './recorder.js';
import { specPath } from './vendors.js';

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** The 4xx/5xx statuses the spec declares for the operation. */
  errorStatuses: number[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** What is read here of a spec: each operation's id and its answers' examples. */
interface SpecDocument {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, SpecResponse> }>>;
}
interface SpecResponse {
  content?: Record<string, { examples?: Record<string, { value: unknown }> }>;
}
const documents = new Map<string, SpecDocument>();

/**
 * A vendor's spec, parsed once per test file: `operationOf` and `specOperations` run in many tests,
 * and each parse of a spec costs tens of milliseconds of CPU.
 */
function specDocument(vendor: string): SpecDocument {
  let spec = documents.get(vendor);
  if (!spec) {
    spec = parse(readFileSync(specPath(vendor), 'utf8')) as SpecDocument;
    documents.set(vendor, spec);
  }
  return spec;
}

/** Every operation a vendor's spec declares, read from the spec itself. */
export function specOperations(vendor: string): SpecOperation[] {
  return Object.entries(specDocument(vendor).paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method]!;
      const errorStatuses = Object.keys(operation.responses)
        .map(Number)
        .filter((status) => status >= 400);
      return { operationId: operation.operationId, method: method.toUpperCase(), path, errorStatuses };
    }),
  );
}

/** The error class name each status must become: the oracle for error-mapping tests. */
export function expectedErrorName(status: number): string {
  const names: Record<number, string> = {
    400: 'BadRequestError',
    401: 'AuthenticationError',
    403: 'PermissionDeniedError',
    404: 'NotFoundError',
    409: 'ConflictError',
    422: 'UnprocessableEntityError',
    429: 'RateLimitError',
  };
  return status >= 500 ? 'ServerError' : (names[status] ?? 'ApiError');
}

/**
 * Every declared error of a vendor's spec as `[operationId, status, expected]`, where `expected`
 * is what the typed error must match: a table for `test.each`.
 */
export function declaredErrors(vendor: string) {
  return specOperations(vendor).flatMap(({ operationId, errorStatuses }) =>
    errorStatuses.map((status) => [operationId, status, { name: expectedErrorName(status), status, vendor, operation: operationId }] as const),
  );
}

/** The first example of a response in a vendor's spec: what Prism answers with. */
export function specExample(vendor: string, method: string, path: string, status: number): unknown {
  const found = specDocument(vendor).paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json']?.examples;
  const first = found && Object.values(found)[0];
  if (!first) throw new Error(`no example for ${vendor} ${method} ${path} ${status}`);
  return first.value;
}

/** The spec operation a request (`METHOD path`, as sent) reaches, or undefined. */
export function operationOf(vendor: string, key: string): SpecOperation | undefined {
  const [method, path] = key.split(' ') as [string, string];
  return specOperations(vendor).find((operation) => operation.method === method && pathPattern(operation.path).test(path));
}
