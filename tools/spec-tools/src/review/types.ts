// The type diff of a `@switchboard/<vendor>-types` package, compared by named member rather than as
// text: the TypeScript openapi-typescript generates for a spec (as `pnpm generate` writes it, see
// ../generate/types.ts), read back with the TypeScript compiler, summarised as the schemas of
// `components.schemas` and the operations of `paths`, each as its printed type.
import ts from 'typescript';
import { typesOf } from '../generate/types.js';
import { isHttpMethod } from '../openapi/operations.js';

const typeOnly = ts.createPrinter({ removeComments: true });

/** A member of the generated types. */
export interface NamedType {
  /** A schema's name; an operation's operationId (`METHOD /path` without one). */
  name: string;
  /** Its TypeScript, without doc comments. */
  type: string;
  /** Its TypeScript with its doc comments. */
  documented: string;
}

/** An operation of the generated types, and where it is served. */
export interface NamedOperation extends NamedType {
  method: string;
  path: string;
}

export interface TypesSummary {
  schemas: Map<string, NamedType>;
  operations: Map<string, NamedOperation>;
}

export interface MemberChanges<Member extends NamedType = NamedType> {
  added: Member[];
  removed: Member[];
  /** Its type changed. */
  changed: Member[];
  /** Only its doc comments changed. */
  documented: Member[];
}

/** The TypeScript the types package generates from a spec's text (undefined: no spec). */
export async function generateTypes(specText: string | undefined): Promise<string | undefined> {
  return specText === undefined ? undefined : typesOf(specText);
}

/** The named members of generated types. */
export function summariseTypes(source: string | undefined): TypesSummary {
  const summary: TypesSummary = { schemas: new Map(), operations: new Map() };
  if (source === undefined) return summary;
  const file = ts.createSourceFile('schema.ts', source, ts.ScriptTarget.Latest, true);
  const interfaces = new Map(file.statements.filter(ts.isInterfaceDeclaration).map((declaration) => [declaration.name.text, declaration]));
  const named = (member: ts.TypeElement): NamedType => ({
    name: nameOf(member),
    type: typeOnly.printNode(ts.EmitHint.Unspecified, member, file),
    documented: member.getFullText().trim(),
  });

  const schemas = interfaces.get('components')?.members.find((member) => nameOf(member) === 'schemas');
  for (const member of literalMembers(schemas)) summary.schemas.set(nameOf(member), named(member));

  const operations = new Map(interfaces.get('operations')?.members.map((member) => [nameOf(member), member]) ?? []);
  for (const pathMember of interfaces.get('paths')?.members ?? []) {
    for (const member of literalMembers(pathMember)) {
      const method = nameOf(member);
      const type = typeOf(member);
      if (!isHttpMethod(method) || !type || type.kind === ts.SyntaxKind.NeverKeyword) continue;
      // `get: operations["listPhoneNumbers"]` for an operation with an operationId; its type inline otherwise.
      const operationId = referencedOperation(type);
      const where = { method: method.toUpperCase(), path: nameOf(pathMember) };
      const operation = operationId === undefined ? undefined : operations.get(operationId);
      const entry = operation ? named(operation) : { ...named(member), name: `${where.method} ${where.path}` };
      summary.operations.set(entry.name, { ...entry, ...where });
    }
  }
  return summary;
}

export function diffTypes(before: TypesSummary, after: TypesSummary): { schemas: MemberChanges; operations: MemberChanges<NamedOperation> } {
  return { schemas: diffMembers(before.schemas, after.schemas), operations: diffMembers(before.operations, after.operations) };
}

function diffMembers<Member extends NamedType>(before: Map<string, Member>, after: Map<string, Member>): MemberChanges<Member> {
  const kept = [...after.values()].filter((member) => before.has(member.name));
  return {
    added: [...after.values()].filter((member) => !before.has(member.name)),
    removed: [...before.values()].filter((member) => !after.has(member.name)),
    changed: kept.filter((member) => before.get(member.name)!.type !== member.type),
    documented: kept.filter((member) => before.get(member.name)!.type === member.type && before.get(member.name)!.documented !== member.documented),
  };
}

/** A member's name as written: `schemas`, `"/phone-number"` → `/phone-number`. */
function nameOf(member: ts.TypeElement): string {
  const { name } = member;
  if (!name) return '';
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : name.getText();
}

const typeOf = (member: ts.TypeElement): ts.TypeNode | undefined => (ts.isPropertySignature(member) ? member.type : undefined);

/** The members of a property whose type is a type literal (`schemas: { … }`). */
function literalMembers(member: ts.TypeElement | undefined): readonly ts.TypeElement[] {
  const type = member && typeOf(member);
  return type && ts.isTypeLiteralNode(type) ? type.members : [];
}

/** `X` of `operations["X"]`. */
function referencedOperation(type: ts.TypeNode): string | undefined {
  if (!ts.isIndexedAccessTypeNode(type) || !ts.isTypeReferenceNode(type.objectType) || type.objectType.typeName.getText() !== 'operations') return undefined;
  const index = type.indexType;
  return ts.isLiteralTypeNode(index) && ts.isStringLiteral(index.literal) ? index.literal.text : undefined;
}
