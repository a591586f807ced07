// Reading an OpenAPI document, the one way every spec tool does: a file or an http(s) URL, JSON or
// YAML, OpenAPI 3.0 or 3.1. `parseOpenApi` reads text (a spec at a git commit, say), `readOpenApi`
// a file or URL, and `loadOpenApi` also bundles it with @apidevtools/json-schema-ref-parser (a `$ref`
// to another file or URL is pulled in and becomes internal) and follows `$ref`s on demand. Nothing
// is dereferenced up front, so `$ref` names survive (they pair discriminator mappings and stop cycles).
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { $RefParser } from '@apidevtools/json-schema-ref-parser';
import YAML from 'yaml';
import { CannotRun, firstLine } from '../cannot-run.js';
import { isObject, isReference, type OpenApiDocument } from './types.js';

/** Marks the target of a `$ref` that points at nothing: the drift comparison skips what is behind it. */
export const UNRESOLVED = 'x-drift-unresolved';

// Keywords a `$ref` may carry beside it that only annotate (3.0 ignores siblings; 3.1 applies them).
const ANNOTATION_SIBLINGS = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'deprecated',
  'default',
  'readOnly',
  'writeOnly',
  'nullable',
  '$comment',
]);

export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/** A system error's code (`ENOENT`, `ECONNREFUSED`), else its message. */
function codeOf(error: unknown, fallback: unknown = error): string {
  const code = isObject(error) ? error.code : undefined;
  if (typeof code === 'string') return code;
  return fallback instanceof Error ? fallback.message : String(fallback);
}

async function readSource(source: string): Promise<string> {
  if (!isUrl(source)) {
    try {
      return await readFile(source, 'utf8');
    } catch (error) {
      throw new CannotRun(`cannot read ${source}: ${codeOf(error)}`);
    }
  }
  // The top-level document is fetched here (the user named it); `$ref`s inside it go through the
  // library, which refuses private and loopback addresses.
  let response: Response;
  try {
    response = await fetch(source, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    // fetch puts the system error behind its own `fetch failed`.
    throw new CannotRun(`cannot download ${source}: ${codeOf(error instanceof Error ? error.cause : undefined, error)}`);
  }
  if (!response.ok) throw new CannotRun(`cannot download ${source}: HTTP ${response.status}`);
  return response.text();
}

/** A document's text, parsed and checked for its version; `where` names it in errors. */
export function parseOpenApi(text: string, where: string): OpenApiDocument {
  let parsed: unknown;
  try {
    // JSON.parse is much faster than a YAML parser on multi-megabyte JSON documents.
    parsed = text.trimStart().startsWith('{') ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new CannotRun(`cannot parse ${where}: ${firstLine(error)}`);
  }
  const version = isObject(parsed) && typeof parsed.openapi === 'string' ? parsed.openapi : undefined;
  if (!version || !/^3\.[01]\./.test(version)) {
    const swagger = isObject(parsed) && parsed.swagger ? ' (Swagger 2.0 is not supported)' : '';
    throw new CannotRun(`${where} is not an OpenAPI 3.0 or 3.1 document${swagger}`);
  }
  return parsed as OpenApiDocument;
}

/** The document in a file or at an http(s) URL, not bundled. */
export async function readOpenApi(source: string): Promise<OpenApiDocument> {
  return parseOpenApi(await readSource(source), source);
}

/** One step of a JSON pointer, unescaped (RFC 6901). */
const unescapeStep = (step: string) => step.replaceAll('~1', '/').replaceAll('~0', '~');

/** What an internal `$ref` (`#/components/schemas/Name`) points at in a document; undefined when nothing. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map(unescapeStep)
    .reduce<unknown>((node, key) => (isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), doc);
}

/** A `$ref` followed: its target, and the `$ref`s passed on the way (the last one first reached). */
export interface Dereferenced<T> {
  node: T | undefined;
  refs: string[];
}

export interface LoadedOpenApi {
  source: string;
  doc: OpenApiDocument;
  version: string;
  /**
   * Follows a `$ref` chain. Annotation siblings of a `$ref` are merged into its target; siblings
   * that constrain (3.1) become an `allOf` of the target and themselves. A `$ref` to nothing gives
   * `{ [UNRESOLVED]: ref }` and is added to `unresolved`. The type parameter is what the caller
   * expects there: a document is not checked against it.
   */
  deref<T extends object>(node: T | undefined): Dereferenced<T>;
  /** The `$ref`s that pointed at nothing. */
  unresolved: Set<string>;
}

/** The document in a file or at an http(s) URL, bundled, its `$ref`s followed on demand. */
export async function loadOpenApi(source: string): Promise<LoadedOpenApi> {
  const parsed = await readOpenApi(source);
  const parser = new $RefParser();
  const unresolved = new Set<string>();
  let doc: OpenApiDocument;
  try {
    doc = (await parser.bundle(isUrl(source) ? source : resolvePath(source), parsed, { continueOnError: true })) as OpenApiDocument;
  } catch (error) {
    // A pointer to nothing inside the document (a partial or broken vendor document) leaves that
    // schema unknown; anything else (an unreachable file or URL) stops the run.
    const errors = isObject(error) && Array.isArray(error.errors) ? error.errors : undefined;
    const missing = errors?.every((e) => isObject(e) && e.code === 'EMISSINGPOINTER');
    if (!missing || !isObject(parser.schema)) throw new CannotRun(`cannot resolve the $refs of ${source}: ${firstLine(error)}`);
    doc = parser.schema as OpenApiDocument;
  }

  function target(ref: string): unknown {
    try {
      return parser.$refs.get(ref);
    } catch {
      unresolved.add(ref);
      return { [UNRESOLVED]: ref };
    }
  }

  function deref<T extends object>(node: T | undefined): Dereferenced<T> {
    const refs: string[] = [];
    let current: unknown = node;
    while (isReference(current)) {
      const { $ref, ...siblings } = current as { $ref: string } & Record<string, unknown>;
      if (refs.includes($ref)) throw new CannotRun(`${source}: $ref ${$ref} refers to itself`);
      refs.push($ref);
      const resolved = target($ref);
      const keys = Object.keys(siblings);
      if (keys.length === 0) current = resolved;
      else if (keys.every((key) => ANNOTATION_SIBLINGS.has(key))) current = { ...(resolved as object), ...siblings };
      // Siblings that constrain (3.1) apply together with the target: that is an `allOf`.
      else {
        const allOf = Array.isArray(siblings.allOf) ? siblings.allOf : [];
        return { node: { ...siblings, allOf: [{ $ref }, ...allOf] } as T, refs: refs.slice(0, -1) };
      }
    }
    return { node: current as T | undefined, refs };
  }

  return { source, doc, version: parsed.openapi, deref, unresolved };
}
