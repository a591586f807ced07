#!/usr/bin/env node
// Breaking-change gate for the vendor specs (`pnpm specs:diff --base <ref>`).
//
// For every vendor, diffs specs/<vendor>/openapi.yaml at <ref> against the working tree with
// api-smart-diff, prints what changed (breaking / non-breaking / ...), then checks the pending
// changesets: a changed spec needs a changeset for @switchboard/<vendor>-types or
// @switchboard/<vendor>, and a breaking change needs a `major` bump for both.
//
//   node scripts/spec-diff.mjs --base <git-ref> [--json]
//   node scripts/spec-diff.mjs --latest-release [--json]
//
// Exit codes: 0 pass, 1 gate failed, 2 could not run (bad usage, unknown ref, unreadable spec).
// It works on the git repository of the current directory, so it can be pointed at any clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The dependencies belong to the @switchboard/specs package, not to the root, so pnpm installs
// them in specs/node_modules: resolve them from there (relative to this script, not to the cwd).
const require = createRequire(new URL('../specs/package.json', import.meta.url));
const { DIFF_META_KEY, apiCompare, combinaryCompareResolver, openapi3Rules, transformComapreRules } = require('api-smart-diff');
const YAML = require('yaml');

const USAGE = 'usage: spec-diff --base <git-ref> | --latest-release [--json]';
const KINDS = ['breaking', 'deprecated', 'non-breaking', 'unclassified', 'annotation'];
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
// Component sections whose content operations embed through `$ref`s (see dedupeComponentDiffs).
const REFERENCED_SECTIONS = new Set(['schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'examples', 'links', 'callbacks', 'pathItems']);

/** A problem that stops the run before any verdict (exit 2): bad usage, unknown ref, unreadable file. */
class CannotRun extends Error {}

function parseArgs(argv) {
  const args = { base: undefined, latestRelease: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--latest-release') args.latestRelease = true;
    else if (arg === '--base') args.base = argv[++i] ?? '';
    else if (arg.startsWith('--base=')) args.base = arg.slice('--base='.length);
    else throw new CannotRun(`unknown argument ${arg}; ${USAGE}`);
  }
  if (args.base !== undefined && (!args.base || args.base.startsWith('-'))) throw new CannotRun(`--base needs a git ref; ${USAGE}`);
  if (args.latestRelease && args.base) throw new CannotRun(`give --base or --latest-release, not both; ${USAGE}`);
  if (!args.latestRelease && !args.base) throw new CannotRun(`missing --base <git-ref>; ${USAGE}`);
  return args;
}

function git(args, cwd) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, out: result.stdout ?? '' };
}

function repoRoot() {
  const { ok, out } = git(['rev-parse', '--show-toplevel'], process.cwd());
  if (!ok) throw new CannotRun('not inside a git repository');
  return out.trim();
}

function verifyRef(root, ref) {
  if (!git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root).ok) throw new CannotRun(`unknown git ref ${ref}`);
}

// The release rule: the nearest tag reachable from HEAD in changesets' `@switchboard/<pkg>@<version>`
// format. Nearest-reachable (not newest-by-date) so a release tagged on another branch is never the
// base; format-restricted so an unrelated tag (say `v0-demo`) is never mistaken for a release.
// `changeset tag` tags every released package on the same commit, so which of them wins is moot.
function latestReleaseTag(root) {
  const { ok, out } = git(['describe', '--tags', '--abbrev=0', '--match', '@switchboard/*@*'], root);
  return ok ? out.trim() : undefined;
}

/** Vendors = folders of specs/ holding an openapi.yaml, in the working tree or at the base. */
function listVendors(root, ref) {
  const vendors = new Set();
  const specsDir = join(root, 'specs');
  for (const entry of existsSync(specsDir) ? readdirSync(specsDir, { withFileTypes: true }) : []) {
    if (entry.isDirectory() && existsSync(join(specsDir, entry.name, 'openapi.yaml'))) vendors.add(entry.name);
  }
  for (const file of git(['ls-tree', '-r', '--name-only', ref, '--', 'specs'], root).out.split('\n')) {
    const match = /^specs\/([^/]+)\/openapi\.yaml$/.exec(file);
    if (match) vendors.add(match[1]);
  }
  return [...vendors].sort();
}

function specAtRef(root, ref, vendor) {
  const { ok, out } = git(['show', `${ref}:specs/${vendor}/openapi.yaml`], root);
  return ok ? out : undefined;
}

function specInWorkingTree(root, vendor) {
  const file = join(root, 'specs', vendor, 'openapi.yaml');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function parseYaml(text, where) {
  try {
    return YAML.parse(text);
  } catch (error) {
    throw new CannotRun(`cannot parse ${where}: ${error.message.split('\n')[0]}`);
  }
}

/**
 * The classified changes between two spec texts (undefined = spec absent on that side). An absent
 * side becomes the other side emptied of paths and components (but its security schemes, whose
 * mere addition the library calls breaking), so a new spec reads as "added operation ..." lines
 * (non-breaking) and a deleted one as removals (breaking).
 */
function diffSpecs(beforeText, afterText, vendor) {
  if (beforeText === afterText) return [];
  const before = beforeText === undefined ? undefined : parseYaml(beforeText, `specs/${vendor}/openapi.yaml at the base`);
  const after = afterText === undefined ? undefined : parseYaml(afterText, `specs/${vendor}/openapi.yaml`);
  const empty = (spec) => ({ ...spec, paths: {}, components: { securitySchemes: spec.components?.securitySchemes ?? {} } });
  // The library resolves internal `$ref`s itself and reports a change inside a component under
  // every operation that uses it, classified for that place (request or response).
  const { diffs, merged } = apiCompare(before ?? empty(after), after ?? empty(before), { rules: compareRules() });
  const changes = dedupeComponentDiffs(diffs).map((diff) => ({
    type: reclassify(diff, merged),
    action: diff.action,
    path: `/${diff.path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
    description: describe(diff, merged),
  }));
  // Several JSON paths can read the same (one field in several `oneOf` variants): keep one each.
  const unique = new Map();
  for (const change of changes) {
    const key = `${change.type} ${change.description}`;
    if (!unique.has(key)) unique.set(key, change);
  }
  return [...unique.values()];
}

/**
 * The library's OpenAPI rules, except that the entries of `oneOf` / `anyOf` / `allOf` are paired by
 * position. api-smart-diff 1.0.6 pairs them by trying every before/after combination, and records
 * each `$ref` it meets on the way; in the real pairing it then takes those `$ref`s for cycles and
 * compares `{ $ref }` with `{ $ref }` (equal), so changes inside variants go unreported (a field
 * made required in one variant of Vapi's create body did). Pairing by position needs no trials.
 * The cost: reordered variants read as changed variants (a false alarm, not a silent pass).
 * The rules keep a `$ref` cache, so every comparison needs new ones.
 */
function compareRules() {
  return transformComapreRules(openapi3Rules(), (rule) => {
    if (rule.compare !== combinaryCompareResolver) return rule;
    const { compare, ...byPosition } = rule;
    return byPosition;
  });
}

/**
 * Drops a change inside a component when the same change is already reported under an operation
 * (the library reports it in the component, in every component that embeds it, and in every
 * operation that uses it). The component copy is classified as if the schema were used in both
 * directions (a narrowed enum of a response comes out "breaking"), so only the in-context copies
 * are trusted. Kept: whole components added or removed (they are exports of the generated -types
 * package), and changes no operation reports (in unused components, or missed by the library).
 */
function dedupeComponentDiffs(diffs) {
  const inOperations = diffs.filter((d) => d.path[0] === 'paths');
  const same = (a, b) => a.action === b.action && JSON.stringify(a.before) === JSON.stringify(b.before) && JSON.stringify(a.after) === JSON.stringify(b.after);
  // The library wraps a schema in `allOf` wherever it has siblings, at an index that varies from
  // place to place, so positions are compared without the `allOf/<n>` steps.
  const steps = (path) => path.filter((key, i) => key !== 'allOf' && path[i - 1] !== 'allOf').map(String);
  const endsWith = (path, tail) => tail.every((key, i) => path[path.length - tail.length + i] === key);
  return diffs.filter((diff) => {
    const [root, section, , ...rest] = diff.path;
    if (root !== 'components' || !REFERENCED_SECTIONS.has(section) || rest.length === 0) return true;
    const tail = steps(rest);
    return !inOperations.some((other) => same(diff, other) && endsWith(steps(other.path), tail));
  });
}

/** Where a change sits: 'input' (request), 'output' (response) or undefined (elsewhere). */
function direction(path) {
  if (path[0] !== 'paths') return undefined;
  if (path[3] === 'requestBody' || path[3] === 'parameters') return 'input';
  if (path[3] === 'responses') return 'output';
  return undefined;
}

/**
 * Fixes the library's classes where they are wrong for OpenAPI 3.1:
 * - `type` changes: the library calls any replaced `type` breaking in a request and non-breaking
 *   in a response, so `string` -> `[string, 'null']` is "breaking" for a request (it only widens
 *   what is accepted) and `integer` -> `string` is "non-breaking" for a response. Compare the sets
 *   of allowed types instead: a request may widen, a response may narrow.
 * - a whole `enum` added or dropped: the library compares it with an empty list, so restricting a
 *   request field to a set of values reads as values "added" (non-breaking), and the reverse.
 * - example values are documentation; the library leaves them "unclassified".
 */
function reclassify(diff, merged) {
  const { path } = diff;
  const whole = wholeEnumChange(diff, merged);
  if (whole && direction(path)) {
    const restricted = whole === 'added';
    return (direction(path) === 'input') === restricted ? 'breaking' : 'non-breaking';
  }
  const last = path.at(-1);
  // `type` as a keyword, or one entry of a `type` array; not a property that is named "type".
  const typeKeyword = last === 'type' && path.at(-2) !== 'properties' ? 'keyword' : path.at(-2) === 'type' && typeof last === 'number' ? 'item' : undefined;
  if (typeKeyword && isInSchema(path)) {
    const types = (value) => (value === undefined ? (typeKeyword === 'keyword' ? 'any' : []) : [value].flat());
    const widened = allows(types(diff.after), types(diff.before));
    const narrowed = allows(types(diff.before), types(diff.after));
    const dir = direction(path);
    if (dir === 'input') return widened ? 'non-breaking' : 'breaking';
    if (dir === 'output') return narrowed ? 'non-breaking' : 'breaking';
    return widened && narrowed ? 'non-breaking' : 'breaking';
  }
  if (diff.type === 'unclassified' && path.some((key) => key === 'examples' || key === 'example')) return 'annotation';
  return diff.type;
}

/** 'added' / 'dropped' when an enum value diff is part of adding or dropping the whole `enum`. */
function wholeEnumChange(diff, merged) {
  if (diff.path.at(-2) !== 'enum' || typeof diff.path.at(-1) !== 'number') return undefined;
  // The merged document keeps every value of both sides, with the changed ones marked.
  const schema = at(merged, diff.path.slice(0, -2));
  const marks = schema?.[DIFF_META_KEY]?.enum?.array ?? {};
  const all = (action) => Array.isArray(schema?.enum) && schema.enum.every((_, i) => marks[i]?.action === action);
  return all('add') ? 'added' : all('remove') ? 'dropped' : undefined;
}

/** Whether a set of JSON Schema types accepts every value of another ('any' = no `type`). */
function allows(wider, narrower) {
  if (wider === 'any') return true;
  if (narrower === 'any') return false;
  return narrower.every((t) => wider.includes(t) || (t === 'integer' && wider.includes('number')));
}

function isInSchema(path) {
  return path.includes('schema') || (path[0] === 'components' && path[1] === 'schemas');
}

// ---- Human descriptions -------------------------------------------------------------------------
// Built from the JSON path rather than the library's own `description`, which is often empty or
// garbled (e.g. "[Removed] annotation (2) in Response 201 content").

const show = (value) => (Array.isArray(value) ? value.join('|') : typeof value === 'string' ? value : JSON.stringify(value));
const at = (object, path) => path.reduce((node, key) => node?.[key], object);

/** Dotted name of a position inside a schema: properties/a/items/properties/b -> a[].b */
function fieldName(schemaPath) {
  let name = '';
  for (let i = 0; i < schemaPath.length; i++) {
    if (schemaPath[i] === 'properties' && i + 1 < schemaPath.length) name += `.${schemaPath[++i]}`;
    else if (schemaPath[i] === 'items') name += '[]';
  }
  return name.replace(/^\./, '');
}

/** What a path points at, and in which operation: ["request field a.b", "POST /x"]. */
function subjectOf(path, merged) {
  if (path[0] === 'components' && path.length >= 3) {
    const field = fieldName(path.slice(3));
    return [`component ${path[1]}/${path[2]}${field ? ` field ${field}` : ''}`];
  }
  if (path[0] !== 'paths' || path.length < 3) return [path.filter((key) => typeof key === 'string').join('.') || 'document'];
  const [, route, method, area, key] = path;
  if (!HTTP_METHODS.has(method)) return [`path ${route}`];
  const operation = `${method.toUpperCase()} ${route}`;
  const schemaAt = path.indexOf('schema');
  const field = schemaAt >= 0 ? fieldName(path.slice(schemaAt + 1)) : '';
  if (area === 'parameters' && key !== undefined) {
    const param = at(merged, path.slice(0, 5)) ?? {};
    return [`${param.in ?? ''} parameter ${param.name ?? key}${field ? ` field ${field}` : ''}`.trim(), operation];
  }
  if (area === 'requestBody') return [field ? `request field ${field}` : 'request body', operation];
  if (area === 'responses' && key !== undefined) {
    if (schemaAt < 0) return [`response ${key}`, operation];
    return [field ? `response field ${field}` : 'response body', `${operation} -> ${key}`];
  }
  return ['operation', operation];
}

/** One line for a change, e.g. "request field number became required (POST /phone-number)". */
function describe(diff, merged) {
  const { path, action, before, after } = diff;
  const last = path.at(-1);
  const parent = path.at(-2);
  const value = action === 'remove' ? before : after;
  const verb = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' }[action];
  const exampleAt = path.findIndex((key) => key === 'examples' || key === 'example');
  const line = (target, text) => {
    const [subject, where] = subjectOf(target, merged);
    const sentence = text(subject);
    return where ? `${sentence} (${where})` : sentence;
  };

  if (path[0] === 'paths' && path.length === 3 && HTTP_METHODS.has(last)) return `${verb} operation ${last.toUpperCase()} ${path[1]}`;
  if (action === 'rename') return line(path, (s) => `renamed ${show(before)} to ${show(after)} in ${s}`);
  if (exampleAt >= 0)
    return line(path.slice(0, exampleAt), (s) => `${verb} example${path[exampleAt + 1] === undefined ? '' : ` ${path[exampleAt + 1]}`} of ${s}`);
  if (parent === 'properties') {
    const required = action === 'add' && at(merged, [...path.slice(0, -2), 'required'])?.includes(last);
    return line(path, (s) => (action === 'add' ? `added ${required ? 'required' : 'optional'} ${s}` : `${verb} ${s}`));
  }
  if (parent === 'required' && typeof last === 'number') {
    return line([...path.slice(0, -2), 'properties', value], (s) => `${s} became ${action === 'add' ? 'required' : 'optional'}`);
  }
  if (last === 'required') return line(path.slice(0, -1), (s) => `${s} became ${action !== 'remove' && after ? 'required' : 'optional'}`);
  if (parent === 'enum') {
    const whole = wholeEnumChange(diff, merged);
    const values = show(at(merged, path.slice(0, -1)));
    return line(path.slice(0, -2), (s) => {
      if (whole) return whole === 'added' ? `restricted ${s} to the values ${values}` : `dropped the enum (${values}) of ${s}`;
      if (action === 'add') return `widened enum of ${s}: added ${show(after)}`;
      if (action === 'remove') return `narrowed enum of ${s}: removed ${show(before)}`;
      return `changed enum of ${s}: ${show(before)} -> ${show(after)}`;
    });
  }
  if (last === 'type' || (parent === 'type' && typeof last === 'number')) {
    const keyword = last === 'type';
    return line(path.slice(0, keyword ? -1 : -2), (s) => {
      if (action === 'replace') return `changed type of ${s}: ${show(before)} -> ${show(after)}`;
      if (keyword) return action === 'add' ? `restricted ${s} to type ${show(after)}` : `removed the type restriction (${show(before)}) of ${s}`;
      return `type of ${s} ${action === 'add' ? 'now also allows' : 'no longer allows'} ${show(value)}`;
    });
  }
  if (last === 'deprecated') return line(path.slice(0, -1), (s) => `${action !== 'remove' && after ? 'deprecated' : 'un-deprecated'} ${s}`);
  if ((parent === 'oneOf' || parent === 'anyOf') && typeof last === 'number') return line(path.slice(0, -2), (s) => `${verb} a ${parent} variant of ${s}`);
  if (path[0] === 'paths' && ['parameters', 'responses'].includes(path[3]) && path.length === 5) {
    return line(path, (s) => `${verb} ${action === 'add' && value?.required ? 'required ' : ''}${s}`);
  }
  if (path[0] === 'components' && path.length === 3) return line(path, (s) => `${verb} ${s}`);
  const scalar = (v) => v === undefined || typeof v !== 'object';
  const outsideOperations = path[0] !== 'paths' && !(path[0] === 'components' && path.length > 3);
  const values =
    action === 'replace' && scalar(before) && scalar(after) && !['description', 'summary', 'title'].includes(last) && `${before}${after}`.length < 80
      ? `: ${show(before)} -> ${show(after)}`
      : '';
  if (outsideOperations) return `${verb} ${path.join('.')}${values}`;
  return line(path.slice(0, -1), (s) => `${verb} ${last} of ${s}${values}`);
}

// ---- Changesets ---------------------------------------------------------------------------------

/** Bumps of every pending changeset (.changeset/*.md but README.md): package -> strongest bump. */
function pendingBumps(root) {
  const dir = join(root, '.changeset');
  const rank = { none: 0, patch: 1, minor: 2, major: 3 };
  const bumps = {};
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md') : [];
  for (const file of files.sort()) {
    const frontMatter = /^---\r?\n([\s\S]*?)^---[ \t]*\r?$/m.exec(readFileSync(join(dir, file), 'utf8'));
    const releases = frontMatter?.index === 0 ? (parseYaml(frontMatter[1], `.changeset/${file}`) ?? {}) : {};
    for (const [pkg, bump] of Object.entries(releases)) {
      if ((rank[bump] ?? 0) > (rank[bumps[pkg]] ?? 0)) bumps[pkg] = bump;
    }
  }
  return bumps;
}

/** The gate for one vendor: the failure messages (empty = pass). */
function checkChangesets(vendor, changes, bumps) {
  if (changes.length === 0) return [];
  const packages = [`@switchboard/${vendor}-types`, `@switchboard/${vendor}`];
  if (!packages.some((pkg) => bumps[pkg] && bumps[pkg] !== 'none')) {
    return [`${vendor}: the spec changed but no pending changeset bumps ${packages.join(' or ')}; run \`pnpm changeset\``];
  }
  const notMajor = packages.filter((pkg) => bumps[pkg] !== 'major');
  if (changes.some((c) => c.type === 'breaking') && notMajor.length > 0) {
    return [
      `${vendor}: the change is breaking and needs a major changeset for ${packages.join(' and ')} (not major: ${notMajor.join(', ')}); run \`pnpm changeset\``,
    ];
  }
  return [];
}

// ---- Report -------------------------------------------------------------------------------------

function printReport(result) {
  console.log(`specs:diff against ${result.base}${result.baseCommit ? ` (${result.baseCommit.slice(0, 12)})` : ''}`);
  for (const { vendor, changes } of result.vendors) {
    if (changes.length === 0) {
      console.log(`${vendor}: no changes`);
      continue;
    }
    console.log(
      `\n${vendor}: ${KINDS.map((k) => [k, changes.filter((c) => c.type === k).length])
        .filter(([, n]) => n)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}`,
    );
    for (const kind of KINDS) {
      for (const change of changes.filter((c) => c.type === kind)) console.log(`  ${kind.padEnd(13)} ${change.description}`);
    }
  }
  console.log('');
  for (const failure of result.failures) console.error(`✗ ${failure}`);
  console.log(result.ok ? 'specs:diff: passed' : `specs:diff: FAILED (${result.failures.length} problem${result.failures.length === 1 ? '' : 's'})`);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = repoRoot();
  let base = args.base;
  if (args.latestRelease) {
    base = latestReleaseTag(root);
    if (!base) {
      if (args.json) console.log(JSON.stringify({ ok: true, skipped: 'no release tag yet' }));
      else console.log('specs:diff: no release tag yet, skipped');
      return 0;
    }
  }
  verifyRef(root, base);
  const bumps = pendingBumps(root);
  const vendors = listVendors(root, base).map((vendor) => {
    const changes = diffSpecs(specAtRef(root, base, vendor), specInWorkingTree(root, vendor), vendor);
    return { vendor, changes, failures: checkChangesets(vendor, changes, bumps) };
  });
  const failures = vendors.flatMap((v) => v.failures);
  const baseCommit = git(['rev-parse', `${base}^{commit}`], root).out.trim();
  const result = { ok: failures.length === 0, base, baseCommit, bumps, vendors, failures };
  if (args.json) console.log(JSON.stringify(result, null, 2));
  else printReport(result);
  return result.ok ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  // Exit 1 means "the gate found a problem", so a crash must not exit 1 too.
  console.error(error instanceof CannotRun ? `specs:diff: ${error.message}` : error);
  process.exitCode = 2;
}
