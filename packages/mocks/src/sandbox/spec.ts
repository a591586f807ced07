import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** One operation of a spec, as the sandbox routes and answers it. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** As the spec writes it (`/phone-number/{id}`), and as a pattern of request paths. */
  path: string;
  pattern: RegExp;
  /** The names of the path's parameters, in the order `pattern` captures them. */
  parameters: string[];
  /** Where the number's key is: the path's parameter, or a required query parameter. */
  address: { in: 'path' } | { in: 'query'; name: string } | null;
  /** Each query parameter's default, from its schema. */
  defaults: Readonly<Record<string, unknown>>;
  /** The first 2xx status the spec declares, and whether that answer has a body. */
  success: { status: number; hasBody: boolean };
  /** The status and example body the spec gives for an unknown number (404, else 422, else 400) and for a refused request. */
  notFound: ErrorAnswer;
  refused: ErrorAnswer;
  /** The first example of the success answer, if any. */
  example: unknown;
  /** Every example of the success answer. */
  examples: unknown[];
}

export interface ErrorAnswer {
  status: number;
  body: unknown;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Every operation of an OpenAPI document, with what the sandbox needs to answer it in the spec's shapes. */
export function readOperations(specPath: string): SpecOperation[] {
  const document = parse(readFileSync(specPath, 'utf8')) as Json;
  const resolve = (node: unknown): Json => {
    let current = node as Json;
    while (typeof current?.$ref === 'string') {
      current = (current.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Json>((parent, part) => parent[part] as Json, document);
    }
    return current ?? {};
  };
  const examplesOf = (response: unknown): unknown[] => {
    const content = (resolve(response).content as Record<string, Json> | undefined)?.['application/json'];
    if (!content) return [];
    if ('example' in content) return [content.example];
    return Object.values((content.examples as Record<string, unknown>) ?? {}).map((example) => resolve(example).value);
  };

  return Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): SpecOperation => {
      const operation = item[method] as Json;
      const parameters = [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])].map(resolve);
      const query = parameters.filter((parameter) => parameter.in === 'query');
      const addressedBy = query.find((parameter) => parameter.required === true);
      const responses = operation.responses as Record<string, unknown>;
      const statuses = Object.keys(responses);
      const errorAnswer = (preferred: readonly string[]): ErrorAnswer => {
        const status = preferred.find((candidate) => statuses.includes(candidate)) ?? preferred[0]!;
        return { status: Number(status), body: examplesOf(responses[status])[0] ?? { message: 'refused by the sandbox' } };
      };
      const successStatus = statuses.filter((status) => /^2\d\d$/.test(status)).sort()[0];
      if (successStatus === undefined) throw new Error(`${specPath}: ${method.toUpperCase()} ${path} declares no 2xx answer`);
      const examples = examplesOf(responses[successStatus]);
      return {
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
        parameters: [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name!),
        address: /\{[^}]+\}/.test(path) ? { in: 'path' } : addressedBy ? { in: 'query', name: addressedBy.name as string } : null,
        defaults: Object.fromEntries(
          query.flatMap((parameter) => ('default' in resolve(parameter.schema) ? [[parameter.name, resolve(parameter.schema).default]] : [])),
        ),
        success: { status: Number(successStatus), hasBody: resolve(responses[successStatus]).content !== undefined },
        notFound: errorAnswer(['404', '422', '400']),
        refused: errorAnswer(['409', '400', '422']),
        example: examples[0],
        examples,
      };
    }),
  );
}
