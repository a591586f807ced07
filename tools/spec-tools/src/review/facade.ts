// Which facade methods reach an operation, read from the code that makes the calls, so there is
// no table to keep in step with it:
// - a provider (`packages/<vendor>/src/provider.ts`: the object with `specificationVersion`) calls
//   its client from its methods (`client.DELETE('/phone-number/{id}', …)`), some through each other
//   (`this.get(…)`); a call inside `if (input.type === 'link')` or `case 'link':` serves that
//   create type only;
// - the facade (`createProviderPhoneNumbers` in `packages/phone-numbers/src/facade.ts`) calls
//   provider methods from the methods of the object it returns (`provider.release(…)`), some
//   through each other (`listAll` pages with `list`); what follows
//   `if (provider.findByNumber) { … return … }` runs only for a provider without that method.
import ts from 'typescript';
import { isHttpMethod } from '../openapi/operations.js';

const providerFile = (vendor: string) => `packages/${vendor}/src/provider.ts`;
const FACADE_FILE = 'packages/phone-numbers/src/facade.ts';
const FACADE_BUILDER = 'createProviderPhoneNumbers';

/** What a function reaches, with the optional provider methods that must be absent for it to run. */
interface Conditional {
  unless: string[];
}
interface OperationReach extends Conditional {
  operation: string;
  createType: string | undefined;
}
interface MethodReach extends Conditional {
  method: string;
}
interface Use extends Conditional {
  name: string;
}
/** Per function: what it reaches itself, and the functions it calls. */
type Direct<Reach> = Map<string, { reaches: Reach[]; uses: Use[] }>;

/**
 * The facade methods that reach each operation of a vendor, keyed `METHOD /path`, in the facade's
 * order, a create narrowed to its type: `['get', 'update']`, `['create (link)']`. `read` gives a
 * file of one version of the repository.
 */
export function facadeMethodsByOperation(vendor: string, read: (path: string) => string | undefined): Map<string, string[]> {
  const providerSource = read(providerFile(vendor));
  const facadeSource = read(FACADE_FILE);
  const byOperation = new Map<string, string[]>();
  if (providerSource === undefined || facadeSource === undefined) return byOperation;
  const provider = providerCalls(parse(providerSource));
  for (const [facadeMethod, reached] of facadeReach(parse(facadeSource))) {
    for (const { method, unless } of reached) {
      if (unless.some((optional) => provider.has(optional))) continue;
      for (const { operation, createType } of provider.get(method) ?? []) {
        const label = createType === undefined ? facadeMethod : `${facadeMethod} (${createType})`;
        const labels = byOperation.get(operation) ?? [];
        if (!labels.includes(label)) byOperation.set(operation, [...labels, label]);
      }
    }
  }
  return byOperation;
}

const parse = (source: string) => ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true);

/** Walks a node's subtree, calling `visit` on each node (the node itself included). */
function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** A member's name, when it is written as one. */
function memberName(member: ts.ObjectLiteralElementLike): string | undefined {
  const name = ts.isSpreadAssignment(member) ? undefined : member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** The body of an object member that is a function (method, or property holding one). */
function functionBody(member: ts.ObjectLiteralElementLike): ts.ConciseBody | undefined {
  if (ts.isMethodDeclaration(member)) return member.body;
  if (ts.isPropertyAssignment(member) && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer)))
    return member.initializer.body;
  return undefined;
}

/**
 * Follows calls between a code's own functions. `direct` holds, per function, what it reaches
 * itself and the functions it calls (`uses`), each with `unless`: the optional provider methods
 * that must be absent for the call to run. Returns, per function, everything it reaches, a reach
 * through a call needing the conditions of both.
 */
function closure<Reach extends Conditional>(direct: Direct<Reach>): Map<string, Reach[]> {
  // `calling`: the functions on the way here, so recursion ends.
  const reach = (name: string, calling: Set<string>): Reach[] => {
    const own = direct.get(name);
    if (calling.has(name) || !own) return [];
    const through = (use: Use) => reach(use.name, new Set([...calling, name])).map((r) => ({ ...r, unless: [...use.unless, ...r.unless] }));
    return [...own.reaches, ...own.uses.flatMap(through)];
  };
  return new Map([...direct.keys()].map((name) => [name, reach(name, new Set())]));
}

// ---- Providers ----------------------------------------------------------------------------------

/** Each provider method → the operations it calls, itself or through the methods it calls. */
function providerCalls(file: ts.SourceFile): Map<string, OperationReach[]> {
  let provider: ts.ObjectLiteralExpression | undefined;
  walk(file, (node) => {
    if (!provider && ts.isObjectLiteralExpression(node) && node.properties.some((p) => memberName(p) === 'specificationVersion')) provider = node;
  });
  const methods = new Map<string, ts.ConciseBody>();
  for (const member of provider?.properties ?? []) {
    const [name, body] = [memberName(member), functionBody(member)];
    if (name && body) methods.set(name, body);
  }
  const direct: Direct<OperationReach> = new Map();
  for (const [name, body] of methods) {
    const reaches: OperationReach[] = [];
    const uses: Use[] = [];
    walk(body, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const callee = node.expression.name.text;
      const [path] = node.arguments;
      // openapi-fetch: client.GET('/path', …)
      if (callee === callee.toUpperCase() && isHttpMethod(callee.toLowerCase()) && path && ts.isStringLiteralLike(path)) {
        reaches.push({ operation: `${callee} ${path.text}`, createType: createTypeAt(node, body), unless: [] });
      } else if (node.expression.expression.kind === ts.SyntaxKind.ThisKeyword && methods.has(callee)) uses.push({ name: callee, unless: [] });
    });
    direct.set(name, { reaches, uses });
  }
  return closure(direct);
}

/** The create type a call is made for: the innermost `if (x.type === 'T')` or `case 'T':` (of a `switch (x.type)`) around it. */
function createTypeAt(node: ts.Node, body: ts.Node): string | undefined {
  for (let child = node, parent = node.parent; child !== body && parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child === parent.thenStatement) {
      const test = parent.expression;
      if (
        ts.isBinaryExpression(test) &&
        test.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken &&
        isTypeField(test.left) &&
        ts.isStringLiteral(test.right)
      ) {
        return test.right.text;
      }
    }
    if (ts.isCaseClause(parent) && ts.isStringLiteral(parent.expression) && isTypeField(parent.parent.parent.expression)) return parent.expression.text;
  }
  return undefined;
}

const isTypeField = (expression: ts.Expression) => ts.isPropertyAccessExpression(expression) && expression.name.text === 'type';

// ---- The facade ---------------------------------------------------------------------------------

/**
 * The function that builds the facade's object: `createProviderPhoneNumbers`, or the function of the
 * same file it hands over to (`return phoneNumbersOf(provider, [])`).
 */
function facadeBuilder(file: ts.SourceFile): ts.FunctionDeclaration | undefined {
  const declared = new Map(file.statements.filter(ts.isFunctionDeclaration).map((statement) => [statement.name?.text, statement]));
  let builder = declared.get(FACADE_BUILDER);
  const visited = new Set<ts.FunctionDeclaration>();
  while (builder?.body && !visited.has(builder)) {
    visited.add(builder);
    const returned = builder.body.statements.find(ts.isReturnStatement)?.expression;
    const call = returned && unwrap(returned);
    const next = call && ts.isCallExpression(call) ? declared.get(call.expression.getText()) : undefined;
    if (!next) break;
    builder = next;
  }
  return builder;
}

/**
 * Each facade method → the provider methods it calls, itself or through its other methods, each
 * with the optional provider methods whose absence it depends on (`unless`).
 */
function facadeReach(file: ts.SourceFile): Map<string, MethodReach[]> {
  const builder = facadeBuilder(file);
  if (!builder?.body) return new Map();
  const providerName = builder.parameters[0]?.name.getText();
  // Its local functions (`const list = async (…) => …`) and the object it returns (`numbers`).
  const locals = new Map<string, ts.Expression | undefined>();
  for (const statement of builder.body.statements.filter(ts.isVariableStatement)) {
    for (const declaration of statement.declarationList.declarations) locals.set(declaration.name.getText(), declaration.initializer);
  }
  const returned = builder.body.statements.find(ts.isReturnStatement)?.expression;
  const returnedName = returned && unwrap(returned).getText();
  const object = returnedName === undefined ? undefined : locals.get(returnedName);
  if (!object || !ts.isObjectLiteralExpression(object)) return new Map();

  const functions = new Map<string, ts.ConciseBody>();
  for (const [name, initializer] of locals)
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) functions.set(name, initializer.body);
  const methods: string[] = [];
  for (const member of object.properties) {
    const name = memberName(member);
    const body = ts.isShorthandPropertyAssignment(member) ? (name === undefined ? undefined : functions.get(name)) : functionBody(member);
    if (!name || !body) continue;
    methods.push(name);
    functions.set(name, body);
  }

  const direct: Direct<MethodReach> = new Map();
  for (const [name, body] of functions) {
    const reaches: MethodReach[] = [];
    const uses: Use[] = [];
    walkInOrder(body, providerName, (node, unless) => {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      if (ts.isIdentifier(callee) && functions.has(callee.text)) uses.push({ name: callee.text, unless });
      if (!ts.isPropertyAccessExpression(callee)) return;
      const receiver = callee.expression;
      if (ts.isIdentifier(receiver) && receiver.text === providerName) reaches.push({ method: callee.name.text, unless });
      else if ((ts.isIdentifier(receiver) && receiver.text === returnedName) || receiver.kind === ts.SyntaxKind.ThisKeyword)
        uses.push({ name: callee.name.text, unless });
    });
    direct.set(name, { reaches, uses });
  }
  const reach = closure(direct);
  return new Map(methods.map((name) => [name, reach.get(name) ?? []]));
}

/** `x as unknown as T` → `x` */
const unwrap = (expression: ts.Expression): ts.Expression =>
  ts.isAsExpression(expression) || ts.isParenthesizedExpression(expression) ? unwrap(expression.expression) : expression;

/**
 * Walks a function body like `walk`, telling `visit` which optional provider methods must be
 * absent for a node to run: the statements after `if (provider.M) { …; return … }` in a block.
 */
function walkInOrder(body: ts.Node, providerName: string | undefined, visit: (node: ts.Node, unless: string[]) => void): void {
  const step = (node: ts.Node, unless: string[]): void => {
    visit(node, unless);
    if (!ts.isBlock(node)) return void ts.forEachChild(node, (child) => step(child, unless));
    let after = unless;
    for (const statement of node.statements) {
      step(statement, after);
      const optional = returningGuard(statement, providerName);
      if (optional) after = [...after, optional];
    }
  };
  step(body, []);
}

/** `M` of `if (provider.M) { …; return … }` (no else). */
function returningGuard(statement: ts.Statement, providerName: string | undefined): string | undefined {
  if (!ts.isIfStatement(statement) || statement.elseStatement) return undefined;
  const test = statement.expression;
  if (!ts.isPropertyAccessExpression(test) || !ts.isIdentifier(test.expression) || test.expression.text !== providerName) return undefined;
  const then = statement.thenStatement;
  const last = ts.isBlock(then) ? then.statements.at(-1) : then;
  return last && ts.isReturnStatement(last) ? test.name.text : undefined;
}
