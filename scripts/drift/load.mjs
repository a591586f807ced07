// Loading an OpenAPI document for the drift report: a file or an http(s) URL, JSON or YAML,
// OpenAPI 3.0 or 3.1. @apidevtools/json-schema-ref-parser bundles it (any `$ref` to another file
// or URL is pulled in and becomes internal), and its `$Refs` resolve the JSON pointers; nothing is
// dereferenced up front, so `$ref` names survive (they pair discriminator mappings and stop cycles).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';

// The libraries belong to the @switchboard/specs package (see scripts/spec-diff/dependencies.mjs).
const require = createRequire(new URL('../../specs/package.json', import.meta.url));
const { $RefParser } = require('@apidevtools/json-schema-ref-parser');
const YAML = require('yaml');

/** Marks the target of a `$ref` that points at nothing: the comparison skips what is behind it. */
export const UNRESOLVED = 'x-drift-unresolved';

/** A problem with an input (unreadable, not OpenAPI 3.x, a broken `$ref`): the CLI exits 2. */
export class CannotRun extends Error {}

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

const isUrl = (source) => /^https?:\/\//i.test(source);

async function readSource(source) {
  if (!isUrl(source)) {
    try {
      return await readFile(source, 'utf8');
    } catch (error) {
      throw new CannotRun(`cannot read ${source}: ${error.code ?? error.message}`);
    }
  }
  // The top-level document is fetched here (the user named it); `$ref`s inside it go through the
  // library, which refuses private and loopback addresses.
  let response;
  try {
    response = await fetch(source, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new CannotRun(`cannot download ${source}: ${error.cause?.code ?? error.message}`);
  }
  if (!response.ok) throw new CannotRun(`cannot download ${source}: HTTP ${response.status}`);
  return response.text();
}

function parseText(text, source) {
  try {
    // JSON.parse is much faster than a YAML parser on multi-megabyte JSON documents.
    return text.trimStart().startsWith('{') ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new CannotRun(`cannot parse ${source}: ${error.message.split('\n')[0]}`);
  }
}

/**
 * Loads one document. Returns `{ source, doc, version, deref, unresolved }`: `deref(node)`
 * follows a `$ref` chain and returns `{ node, refs }`, the target and the `$ref`s passed on the
 * way; `unresolved` collects the `$ref`s that pointed at nothing.
 */
export async function loadDocument(source) {
  const parsed = parseText(await readSource(source), source);
  const version = typeof parsed?.openapi === 'string' ? parsed.openapi : undefined;
  if (!version || !/^3\.[01]\./.test(version)) {
    throw new CannotRun(`${source} is not an OpenAPI 3.0 or 3.1 document${parsed?.swagger ? ' (Swagger 2.0 is not supported)' : ''}`);
  }
  const parser = new $RefParser();
  const unresolved = new Set();
  let doc;
  try {
    doc = await parser.bundle(isUrl(source) ? source : resolvePath(source), parsed, { continueOnError: true });
  } catch (error) {
    // A pointer to nothing inside the document (a partial or broken vendor document) leaves that
    // schema unknown; anything else (an unreachable file or URL) stops the run.
    const missing = error.errors?.every((e) => e.code === 'EMISSINGPOINTER');
    if (!missing || !parser.schema) throw new CannotRun(`cannot resolve the $refs of ${source}: ${error.message.split('\n')[0]}`);
    doc = parser.schema;
  }

  function target(ref) {
    try {
      return parser.$refs.get(ref);
    } catch {
      unresolved.add(ref);
      return { [UNRESOLVED]: ref };
    }
  }

  function deref(node) {
    const refs = [];
    let current = node;
    while (current && typeof current === 'object' && typeof current.$ref === 'string') {
      const { $ref, ...siblings } = current;
      if (refs.includes($ref)) throw new CannotRun(`${source}: $ref ${$ref} refers to itself`);
      refs.push($ref);
      const resolved = target($ref);
      const keys = Object.keys(siblings);
      if (keys.length === 0) current = resolved;
      else if (keys.every((key) => ANNOTATION_SIBLINGS.has(key))) current = { ...resolved, ...siblings };
      // Siblings that constrain (3.1) apply together with the target: that is an `allOf`.
      else return { node: { ...siblings, allOf: [{ $ref }, ...(siblings.allOf ?? [])] }, refs: refs.slice(0, -1) };
    }
    return { node: current, refs };
  }

  return { source, doc, version, deref, unresolved };
}
