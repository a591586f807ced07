// The generator: the tables it builds from a spec (`buildMetadata`, typed as @switchboard/core's
// `SpecMetadata`) on small inline specs, the module it writes (`generate`), which must evaluate to
// those tables and type-check against core, and the committed modules of every vendor, which it
// must reproduce byte for byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Schema, SchemaTable, SchemaType, SpecMetadata } from '@switchboard/core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { CannotRun } from '../../src/cannot-run.js';
import { baseUrlsOf } from '../../src/generate/base-urls.js';
import { generate } from '../../src/generate/generate.js';
import { buildMetadata, fixedHeaders } from '../../src/generate/tables.js';
import { readOpenApi } from '../../src/openapi/document.js';
import type { OpenApiDocument, OperationObject } from '../../src/openapi/types.js';
import { vendorsIn } from '../../src/vendors.js';
import { REPO } from '../bin.js';

const spec = (yaml: string) => YAML.parse(yaml) as OpenApiDocument;

/** A spec with a little of everything the tables hold. */
const NUMBERS = spec(String.raw`
openapi: 3.1.0
info: { title: Numbers, version: '1' }
servers: [{ url: 'https://api.numbers.test/v1' }, { url: 'https://eu.numbers.test/v1', x-region: eu }]
paths:
  /numbers:
    get:
      operationId: listNumbers
      parameters: [{ name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Number' } } } } }
    head:
      operationId: countNumbers
      responses:
        '204': { description: counted, headers: { X-Total-Count: { schema: { type: integer } } } }
    post:
      operationId: createNumber
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/CreateNumber' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Number' } } } }
        '400': { description: refused, content: { application/json: { schema: { type: object, properties: { message: { type: string } } } } } }
  /numbers/{id}:
    parameters: [{ $ref: '#/components/parameters/Id' }]
    patch:
      operationId: updateNumber
      x-idempotent: true
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/UpdateNumber' } } } }
      responses:
        '200': { $ref: '#/components/responses/OneNumber' }
    get:
      operationId: getNumber
      responses:
        '200': { $ref: '#/components/responses/OneNumber' }
    delete:
      operationId: deleteNumber
      responses:
        '204': { description: deleted }
components:
  parameters:
    Id: { name: id, in: path, required: true, schema: { type: string, format: uuid } }
  responses:
    OneNumber: { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Number' } } } }
  schemas:
    Number:
      type: object
      required: [id, number]
      properties:
        id: { type: string, format: uuid }
        number: { type: string, pattern: '^\+[1-9]\d{1,14}$' }
        label: { type: string, maxLength: 40 }
    CreateNumber:
      type: object
      required: [areaCode]
      additionalProperties: false
      properties:
        areaCode: { type: string, pattern: '^\d{3}$', description: Three digits. }
        label: { type: string, maxLength: 40, format: markdown }
        note: { type: string, nullable: true }
        carrier: { $ref: '#/components/schemas/Carrier' }
        routing: { type: object, properties: { fallback: { type: object, properties: { number: { type: string } } } } }
    UpdateNumber:
      type: object
      additionalProperties: false
      properties:
        label: { type: [string, 'null'], maxLength: 40 }
        carrier: { $ref: '#/components/schemas/Carrier' }
    Carrier:
      oneOf: [{ $ref: '#/components/schemas/Twilio' }, { $ref: '#/components/schemas/Sip' }]
      discriminator: { propertyName: kind }
    Twilio:
      type: object
      required: [kind, accountSid, authToken]
      properties:
        kind: { const: twilio }
        accountSid: { type: string, x-secret: false }
        authToken: { type: string, x-secret: true }
    Sip:
      type: object
      required: [kind, uri]
      properties:
        kind: { type: string, enum: [sip] }
        uri: { type: string }
        password: { type: string, x-secret: true }
`);

const BEARER = { type: 'http', scheme: 'bearer' };
const KEY_HEADER = { type: 'apiKey', in: 'header', name: 'Xi-Api-Key' };
/** NUMBERS with a document-wide security scheme, `key`, and a bearer scheme beside it. */
function secured(key: object): OpenApiDocument {
  const copy = structuredClone(NUMBERS);
  copy.security = [{ key: [] }];
  copy.components!.securitySchemes = { key, bearer: BEARER };
  return copy;
}

describe('the tables', () => {
  const metadata = buildMetadata(NUMBERS, 'numbers');

  test('every operation, path by path, the safe methods and the `x-idempotent` ones safe to repeat', () => {
    expect(metadata.vendor).toBe('numbers');
    expect(metadata.defaultBaseUrl).toBe('https://api.numbers.test/v1');
    const summary = Object.entries(metadata.operations).map(([key, { operationId, idempotent, bodyRequired }]) => [key, operationId, idempotent, bodyRequired]);
    expect(summary).toEqual([
      ['GET /numbers', 'listNumbers', true, undefined],
      ['POST /numbers', 'createNumber', false, true],
      ['HEAD /numbers', 'countNumbers', true, undefined],
      // In the order of the HTTP methods, whatever the spec's.
      ['GET /numbers/{id}', 'getNumber', true, undefined],
      ['DELETE /numbers/{id}', 'deleteNumber', false, undefined],
      ['PATCH /numbers/{id}', 'updateNumber', true, undefined],
    ]);
  });

  test("parameters as one object schema per location, the path item's own included, `$ref`s followed", () => {
    expect(metadata.operations['GET /numbers']?.query).toEqual({ type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } } });
    expect(metadata.operations['DELETE /numbers/{id}']?.path).toEqual({
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' } },
      required: ['id'],
    });
  });

  test('bodies and success answers name their component; no answer where the success has no body', () => {
    expect(metadata.operations['POST /numbers']).toMatchObject({ body: { $ref: 'CreateNumber' }, response: { $ref: 'Number' } });
    expect(metadata.operations['GET /numbers']?.response).toEqual({ type: 'array', items: { $ref: 'Number' } });
    expect(metadata.operations['GET /numbers/{id}']?.response).toEqual({ $ref: 'Number' });
    expect(metadata.operations['DELETE /numbers/{id}']).toEqual({ operationId: 'deleteNumber', idempotent: false, path: expect.any(Object) });
  });

  test('a schema reached from a request keeps its limits, two levels deep; checked formats only; a nullable 3.0 field allows null', () => {
    expect(metadata.schemas.CreateNumber).toEqual({
      type: 'object',
      properties: {
        areaCode: { type: 'string', pattern: '^\\d{3}$' },
        label: { type: 'string', maxLength: 40 },
        note: { type: ['string', 'null'] },
        carrier: {
          oneOf: [
            {
              type: 'object',
              properties: { kind: { const: 'twilio' }, accountSid: { type: 'string' }, authToken: { type: 'string' } },
              required: ['kind', 'accountSid', 'authToken'],
            },
            {
              type: 'object',
              properties: { kind: { type: 'string', const: 'sip' }, uri: { type: 'string' }, password: { type: 'string' } },
              required: ['kind', 'uri'],
            },
          ],
          discriminator: 'kind',
          tags: ['twilio', 'sip'],
        },
        // Below two levels an object is only checked for being one.
        routing: { type: 'object', properties: { fallback: { type: 'object' } } },
      },
      required: ['areaCode'],
      additionalProperties: false,
    });
    expect(metadata.schemas.UpdateNumber?.properties?.label).toEqual({ type: ['string', 'null'], maxLength: 40 });
  });

  test('a schema reached from answers only keeps its structure: its required properties, no limits', () => {
    expect(metadata.schemas.Number).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, number: { type: 'string' } },
      required: ['id', 'number'],
    });
    expect(Object.keys(metadata.schemas).sort()).toEqual(['CreateNumber', 'Number', 'UpdateNumber']);
  });

  test('a schema reached from a request and from an answer keeps its limits', () => {
    const both = structuredClone(NUMBERS);
    both.paths!['/numbers']!.post = {
      operationId: 'createNumber',
      requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Number' } } } },
      responses: { '201': { $ref: '#/components/responses/OneNumber' } },
    };
    expect(buildMetadata(both, 'numbers').schemas.Number?.properties).toEqual({
      id: { type: 'string', format: 'uuid' },
      number: { type: 'string', pattern: '^\\+[1-9]\\d{1,14}$' },
      label: { type: 'string', maxLength: 40 },
    });
  });

  test('the secret keys: every property marked `x-secret: true`, wherever it is, sorted', () => {
    expect(metadata.secretKeys).toEqual(['authToken', 'password']);
  });

  test('the API key: a bearer token by default (no apiKeyHeader); in its header, lower-case, under an apiKey scheme', () => {
    expect(metadata.apiKeyHeader).toBeUndefined();
    expect(buildMetadata(secured(BEARER), 'numbers').apiKeyHeader).toBeUndefined();
    expect(buildMetadata(secured(KEY_HEADER), 'numbers').apiKeyHeader).toBe('xi-api-key');
    // An operation may name the document's scheme again.
    const repeated = secured(KEY_HEADER);
    (repeated.paths!['/numbers']!.post as OperationObject).security = [{ key: [] }];
    expect(buildMetadata(repeated, 'numbers').apiKeyHeader).toBe('xi-api-key');
  });

  test('a security scheme the client cannot send, or operations that differ in theirs, are refused', () => {
    const refused = (edit: (copy: OpenApiDocument) => void) => () => {
      const copy = secured(KEY_HEADER);
      edit(copy);
      buildMetadata(copy, 'numbers');
    };
    expect(refused((copy) => (copy.components!.securitySchemes!.key = { type: 'apiKey', in: 'query', name: 'api_key' }))).toThrow(
      new CannotRun(
        'security scheme key is not one the client can send: a bearer token (type: http, scheme: bearer) or an API key in a header (type: apiKey, in: header)',
      ),
    );
    expect(refused((copy) => (copy.components!.securitySchemes!.key = { type: 'http', scheme: 'basic' }))).toThrow(/security scheme key is not one/);
    expect(refused((copy) => (copy.security = [{ missing: [] }]))).toThrow(/security scheme missing is not one/);
    expect(refused((copy) => ((copy.paths!['/numbers']!.post as OperationObject).security = []))).toThrow(
      new CannotRun('POST /numbers names security scheme (none) and GET /numbers key: the client sends its API key one way'),
    );
    expect(refused((copy) => (copy.security = [{ key: [] }, { bearer: [] }]))).toThrow(
      new CannotRun('GET /numbers names 2 security schemes (key, bearer): the client sends its API key one way'),
    );
  });

  test('a spec the tables cannot be built from is refused, saying where', () => {
    const broken = (edit: (copy: OpenApiDocument) => void) => () => {
      const copy = structuredClone(NUMBERS);
      edit(copy);
      buildMetadata(copy, 'numbers');
    };
    expect(
      broken((copy) => {
        delete (copy.paths!['/numbers']!.get as OperationObject).operationId;
      }),
    ).toThrow(new CannotRun('GET /numbers has no operationId'));
    expect(
      broken((copy) => {
        copy.components!.schemas!.CreateNumber = { $ref: '#/components/schemas/Missing' };
      }),
    ).toThrow(new CannotRun('$ref #/components/schemas/Missing points at nothing'));
    expect(
      broken((copy) => {
        copy.components!.schemas!.UpdateNumber = { type: 'strnig' };
      }),
    ).toThrow(CannotRun);
    expect(
      broken((copy) => {
        delete copy.servers;
      }),
    ).toThrow(/names no server/);
  });
});

describe('the named base URLs', () => {
  test('the first server is `default`, each other one is named by its `x-region`', () => {
    expect(baseUrlsOf(NUMBERS)).toEqual({ default: 'https://api.numbers.test/v1', eu: 'https://eu.numbers.test/v1' });
  });

  test('a server after the first without a region of its own is refused, saying which', () => {
    const withServers = (servers: unknown) => () => baseUrlsOf({ ...NUMBERS, servers } as OpenApiDocument);
    expect(withServers([{ url: 'https://a.test' }, { url: 'https://b.test' }])).toThrow(
      new CannotRun('servers[1] (https://b.test) names no region: give it x-region: <name>'),
    );
    expect(withServers([{ url: 'https://a.test' }, { url: 'https://b.test', 'x-region': 'eu' }, { url: 'https://c.test', 'x-region': 'eu' }])).toThrow(
      new CannotRun('servers[2] (https://c.test): x-region "eu" names another server too'),
    );
    expect(withServers([{ url: 'https://a.test' }, { url: 'https://b.test', 'x-region': 'default' }])).toThrow(/x-region "default" names another server too/);
    expect(withServers([])).toThrow(/names no server/);
  });
});

/** A versioned API: every call carries the version the spec describes, in a header of one value. */
const VERSIONED = spec(`
openapi: 3.1.0
info: { title: Versioned, version: '2026-01-01' }
servers: [{ url: 'https://api.versioned.test' }]
paths:
  /things:
    parameters: [{ $ref: '#/components/parameters/Version' }]
    get:
      operationId: listThings
      parameters:
        - { name: X-Tenant, in: header, required: true, schema: { type: string } }
        - { name: X-Format, in: header, required: true, schema: { type: string, enum: [json, csv] } }
        - { name: X-Trace, in: header, schema: { const: 'on' } }
      responses: { '204': { description: none } }
  /things/{id}:
    delete:
      operationId: dropThing
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: Api-Version, in: header, required: true, schema: { const: '2026-01-01' } }
      responses: { '204': { description: none } }
components:
  parameters:
    Version: { name: Api-Version, in: header, required: true, schema: { type: string, enum: ['2026-01-01'], default: '2026-01-01' } }
`);

describe('the headers a spec fixes', () => {
  test('are the required header parameters of one value, `$ref`s followed; a free value, a choice or an optional header are the caller’s', () => {
    expect(fixedHeaders(VERSIONED)).toEqual({ 'Api-Version': '2026-01-01' });
    expect(fixedHeaders(NUMBERS)).toEqual({});
  });

  test('must be the same on every operation, an operation’s own parameter replacing its path’s: the client sends them on every call', () => {
    const uneven = structuredClone(VERSIONED);
    (uneven.paths!['/things']!.get as OperationObject).parameters!.push({ name: 'Api-Version', in: 'header', required: false, schema: { type: 'string' } });
    expect(() => fixedHeaders(uneven)).toThrow(
      new CannotRun('DELETE /things/{id} fixes the headers {"Api-Version":"2026-01-01"}, the operations before it {}: a client sends the same on every call'),
    );
    const otherVersion = structuredClone(VERSIONED);
    (otherVersion.paths!['/things/{id}']!.delete as OperationObject).parameters![1]!.schema = { const: '2025-01-01' };
    expect(() => fixedHeaders(otherVersion)).toThrow(CannotRun);
  });

  test('are exported by the module beside the tables, only when there are any', () => {
    const text = generate(VERSIONED, { vendor: 'versioned', specFile: 'specs/versioned/openapi.yaml' });
    expect(text).toContain('\nexport const fixedHeaders = {"Api-Version":"2026-01-01"} as const;\n');
    expect(generate(NUMBERS, { vendor: 'numbers', specFile: 'specs/numbers/openapi.yaml' })).not.toContain('fixedHeaders');
  });
});

/** A schema of a table as the checker reads it: type shorthands spelled out, `$ref`s replaced by what they name. */
function expand(schema: Schema | SchemaType, table: SchemaTable): unknown {
  if (typeof schema === 'string') return { type: schema };
  if (schema.$ref !== undefined) return expand(table[schema.$ref]!, table);
  const sub = (child: Schema | SchemaType) => expand(child, table);
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'properties') return [key, Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, child]) => [name, sub(child)]))];
      if (key === 'items') return [key, sub(value as Schema)];
      if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') return [key, (value as Schema[]).map(sub)];
      return [key, value];
    }),
  );
}

/** Every operation's and named schema's checks, expanded. */
const checks = ({ operations, schemas }: SpecMetadata) => ({
  operations: Object.fromEntries(
    Object.entries(operations).map(([key, info]) => [
      key,
      Object.fromEntries(Object.entries(info).map(([field, value]) => [field, typeof value === 'object' ? expand(value, schemas) : value])),
    ]),
  ),
  schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, expand(schema, schemas)])),
});

describe('the module', () => {
  // Written inside this package, so that it imports @switchboard/core as a vendor package does.
  let dir = '';
  let file = '';
  beforeAll(() => {
    dir = mkdtempSync(join(REPO, 'tools/spec-tools/test/generate/.written-'));
    file = join(dir, 'spec.ts');
    writeFileSync(file, generate(NUMBERS, { vendor: 'numbers', specFile: 'specs/numbers/openapi.yaml' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('evaluates to the tables it was written from', async () => {
    const { spec: written } = (await import(pathToFileURL(file).href)) as { spec: SpecMetadata };
    const built = buildMetadata(NUMBERS, 'numbers');
    expect(written).toMatchObject({ vendor: built.vendor, defaultBaseUrl: built.defaultBaseUrl, secretKeys: built.secretKeys });
    expect(checks(written)).toEqual(checks(built));
  });

  test('exports the named base URLs beside the tables, not in them', async () => {
    const module = (await import(pathToFileURL(file).href)) as { spec: SpecMetadata; baseUrls: unknown };
    expect(module.baseUrls).toEqual({ default: 'https://api.numbers.test/v1', eu: 'https://eu.numbers.test/v1' });
    expect(module.spec).not.toHaveProperty('baseUrls');
  });

  // A TypeScript program over core's sources: seconds, more on a busy machine.
  test("type-checks against @switchboard/core's tables", { timeout: 60_000 }, () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(REPO, 'tools/spec-tools/tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    const program = ts.createProgram([file], { ...config!.options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  test('writes the API key header where the spec has one, and only there', async () => {
    expect(readFileSync(file, 'utf8')).not.toContain('apiKeyHeader');
    const keyed = join(dir, 'keyed.ts');
    writeFileSync(keyed, generate(secured(KEY_HEADER), { vendor: 'numbers', specFile: 'specs/numbers/openapi.yaml' }));
    const { spec: written } = (await import(pathToFileURL(keyed).href)) as { spec: SpecMetadata };
    expect(written.apiKeyHeader).toBe('xi-api-key');
  });

  test('names the spec it came from, and writes each shape once', () => {
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('// Generated by scripts/generate-client-metadata.mjs from specs/numbers/openapi.yaml. Do not edit: run `pnpm generate`.');
    // `Number` answers three operations and is written once, as a constant they share.
    expect(text.match(/const Number = /g)).toHaveLength(1);
    expect(text).toContain('"GET /numbers/{id}": { operationId: "getNumber", idempotent: true, path: $');
  });
});

describe("this repo's vendors", () => {
  test.each(vendorsIn(join(REPO, 'specs')))('%s: the committed src/generated/spec.ts, byte for byte', async (vendor) => {
    const specFile = `specs/${vendor}/openapi.yaml`;
    const text = generate(await readOpenApi(join(REPO, specFile)), { vendor, specFile });
    expect(text).toBe(readFileSync(join(REPO, 'packages', vendor, 'src/generated/spec.ts'), 'utf8'));
  });
});
