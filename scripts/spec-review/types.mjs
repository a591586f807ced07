// The type diff of a `@switchboard/<vendor>-types` package, compared by named member rather than as
// text: the TypeScript openapi-typescript generates for a spec (as the package's `generate` script
// runs it), read back with the TypeScript compiler, summarised as the schemas of
// `components.schemas` and the operations of `paths`, each as its printed type.
import { requireSpecsDependency } from '../spec-diff/dependencies.mjs';
import { HTTP_METHODS } from '../spec-diff/operations.mjs';

const { default: openapiTS, astToString } = requireSpecsDependency('openapi-typescript');
const ts = requireSpecsDependency('typescript');

/**
 * The options of every `packages/<vendor>-types` generate script (`--default-non-nullable false`);
 * specs/test/spec-review.test.ts checks that they reproduce the committed schema.ts files.
 */
const GENERATE_OPTIONS = { defaultNonNullable: false, silent: true };

const typeOnly = ts.createPrinter({ removeComments: true });

/**
 * @typedef {object} NamedType a member of the generated types
 * @property {string} name a schema's name; an operation's operationId (`METHOD /path` without one)
 * @property {string} type its TypeScript, without doc comments
 * @property {string} documented its TypeScript with its doc comments
 * @property {string} [method] an operation's HTTP method
 * @property {string} [path] an operation's path
 */

/** @typedef {{ schemas: Map<string, NamedType>, operations: Map<string, NamedType> }} TypesSummary */

/**
 * @typedef {object} MemberChanges
 * @property {NamedType[]} added
 * @property {NamedType[]} removed
 * @property {NamedType[]} changed its type changed
 * @property {NamedType[]} documented only its doc comments changed
 */

/** The TypeScript the types package generates from a spec's text (undefined: no spec). */
export async function generateTypes(specText) {
  return specText === undefined ? undefined : astToString(await openapiTS(specText, GENERATE_OPTIONS));
}

/**
 * The named members of generated types.
 * @param {string | undefined} source
 * @returns {TypesSummary}
 */
export function summariseTypes(source) {
  const summary = { schemas: new Map(), operations: new Map() };
  if (source === undefined) return summary;
  const file = ts.createSourceFile('schema.ts', source, ts.ScriptTarget.Latest, true);
  const interfaces = new Map(file.statements.filter(ts.isInterfaceDeclaration).map((declaration) => [declaration.name.text, declaration]));
  const named = (member) => ({
    name: nameOf(member),
    type: typeOnly.printNode(ts.EmitHint.Unspecified, member, file),
    documented: member.getFullText().trim(),
  });

  const schemas = interfaces.get('components')?.members.find((member) => nameOf(member) === 'schemas');
  for (const member of literalMembers(schemas?.type)) summary.schemas.set(nameOf(member), named(member));

  const operations = new Map(interfaces.get('operations')?.members.map((member) => [nameOf(member), member]) ?? []);
  for (const pathMember of interfaces.get('paths')?.members ?? []) {
    for (const member of literalMembers(pathMember.type)) {
      const method = nameOf(member);
      if (!HTTP_METHODS.has(method) || member.type.kind === ts.SyntaxKind.NeverKeyword) continue;
      // `get: operations["listPhoneNumbers"]` for an operation with an operationId; its type inline otherwise.
      const operationId = referencedOperation(member.type);
      const where = { method: method.toUpperCase(), path: nameOf(pathMember) };
      const entry =
        operationId && operations.has(operationId) ? named(operations.get(operationId)) : { ...named(member), name: `${where.method} ${where.path}` };
      summary.operations.set(entry.name, { ...entry, ...where });
    }
  }
  return summary;
}

/**
 * @param {TypesSummary} before
 * @param {TypesSummary} after
 * @returns {{ schemas: MemberChanges, operations: MemberChanges }}
 */
export function diffTypes(before, after) {
  return { schemas: diffMembers(before.schemas, after.schemas), operations: diffMembers(before.operations, after.operations) };
}

/** @returns {MemberChanges} */
function diffMembers(before, after) {
  const kept = [...after.values()].filter((member) => before.has(member.name));
  return {
    added: [...after.values()].filter((member) => !before.has(member.name)),
    removed: [...before.values()].filter((member) => !after.has(member.name)),
    changed: kept.filter((member) => before.get(member.name).type !== member.type),
    documented: kept.filter((member) => before.get(member.name).type === member.type && before.get(member.name).documented !== member.documented),
  };
}

/** A member's name as written: `schemas`, `"/phone-number"` → `/phone-number`. */
function nameOf(member) {
  const { name } = member;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : name.getText();
}

const literalMembers = (type) => (type && ts.isTypeLiteralNode(type) ? type.members : []);

/** `X` of `operations["X"]`. */
function referencedOperation(type) {
  if (!ts.isIndexedAccessTypeNode(type) || !ts.isTypeReferenceNode(type.objectType) || type.objectType.typeName.getText() !== 'operations') return undefined;
  const index = type.indexType;
  return ts.isLiteralTypeNode(index) && ts.isStringLiteral(index.literal) ? index.literal.text : undefined;
}
