// The operations of a document, listed the one way every spec tool reads them: path by path in
// document order, and within a path in the order of HTTP_METHODS (the order the generated tables
// keep, so `DELETE /phone-number/{id}` comes before `PATCH /phone-number/{id}` whatever the spec's).
import { resolvePointer } from './document.js';
import { isObject, isReference, type OpenApiDocument, type OperationObject, type ParameterObject, type PathItemObject } from './types.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const isHttpMethod = (key: unknown): key is HttpMethod => HTTP_METHODS.includes(key as HttpMethod);

export interface ListedOperation {
  /** Lower case, as the document keys it. */
  method: HttpMethod;
  path: string;
  operationId: string | undefined;
  operation: OperationObject;
  pathItem: PathItemObject;
  /** The path item's own parameters, which apply to each of its operations (an operation's own win). */
  parameters: ParameterObject[];
}

/** A path item's internal `$ref` followed (a document of ours is not bundled); undefined when it points at nothing. */
function localPathItem(doc: OpenApiDocument, item: PathItemObject): PathItemObject | undefined {
  const seen = new Set<string>();
  let current: unknown = item;
  while (isReference(current) && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    current = resolvePointer(doc, current.$ref);
  }
  return isObject(current) && !isReference(current) ? (current as PathItemObject) : undefined;
}

/**
 * Every operation of a document. `resolvePathItem` follows a path item's `$ref` (by default within
 * the document itself; a bundled document brings its own).
 */
export function listOperations(
  doc: OpenApiDocument,
  resolvePathItem: (item: PathItemObject) => PathItemObject | undefined = (item) => localPathItem(doc, item),
): ListedOperation[] {
  const operations: ListedOperation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const pathItem = isObject(rawItem) ? resolvePathItem(rawItem) : undefined;
    if (!pathItem) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const { operationId } = operation;
      operations.push({
        method,
        path,
        operationId: typeof operationId === 'string' ? operationId : undefined,
        operation: operation as OperationObject,
        pathItem,
        parameters: Array.isArray(pathItem.parameters) ? pathItem.parameters : [],
      });
    }
  }
  return operations;
}
