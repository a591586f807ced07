/**
 * What the hostile-vendor tests share: a small API typed the way openapi-typescript types one, its
 * run-time metadata, and clients of it on fault servers (`@switchboard/testing`) that play broken
 * or hostile vendors and proxies.
 */
import { inspect } from 'node:util';
import { type ApiClient, type ClientOptions, createApiClient, objectSchema, type SchemaTable, type SpecMetadata } from '@switchboard/core';
import { type FaultProgram, type FaultServer, startFaultServer, type Transport } from '@switchboard/testing';

interface Json<T> {
  headers: Record<string, unknown>;
  content: { 'application/json': T };
}
export interface Thing {
  id: string;
  name: string;
}
type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type IdParameter = { query?: never; header?: never; path: { id: string }; cookie?: never };

export interface AcmePaths {
  '/things': {
    parameters: NoParameters;
    get: { parameters: { query?: { q?: string } }; responses: { 200: Json<Thing[]> } };
    post: {
      parameters: { query?: never };
      requestBody: { content: { 'application/json': { name: string; password?: string } } };
      responses: { 201: Json<Thing> };
    };
  };
  '/things/{id}': {
    parameters: IdParameter;
    get: { parameters: { path: { id: string } }; responses: { 200: Json<Thing> } };
    delete: { parameters: { path: { id: string } }; responses: { 204: { headers: Record<string, unknown>; content?: never } } };
  };
}

const thing = objectSchema({ id$: 'string', name$: 'string' });
const schemas: SchemaTable = {};

export const spec: SpecMetadata = {
  vendor: 'acme',
  defaultBaseUrl: 'https://api.acme.test',
  operations: {
    'GET /things': { operationId: 'listThings', idempotent: true, response: { type: 'array', items: thing } },
    'POST /things': { operationId: 'createThing', idempotent: false, body: { type: 'object' }, response: thing },
    'GET /things/{id}': { operationId: 'getThing', idempotent: true, response: thing },
    // Documented without a body: a 204 is its answer.
    'DELETE /things/{id}': { operationId: 'deleteThing', idempotent: true },
  },
  secretKeys: ['password'],
  schemas,
};

export const API_KEY = 'sk-canary-hostile-key-7f3a9c';
export const PASSWORD = 'canary-hostile-password-91c2e8';

/** Fault servers of the running test, closed after it (`afterEach(closeServers)`). */
const servers = new Set<FaultServer>();

/** A fault server with no upstream: it answers only with the faults it is programmed with. */
export async function hostile(program: FaultProgram): Promise<FaultServer> {
  const server = await startFaultServer({ faults: program });
  servers.add(server);
  return server;
}

export async function closeServers(): Promise<void> {
  await Promise.all([...servers].map((server) => server.close()));
  servers.clear();
}

export function clientOn(server: FaultServer, options: Partial<ClientOptions> = {}): ApiClient<AcmePaths> {
  return createApiClient<AcmePaths>(spec, { apiKey: API_KEY, baseUrl: server.url, maxRetries: 0, ...options });
}

/** `clientOn` for the clients of one transport (`TRANSPORTS` of `@switchboard/testing`). */
export function clientOver(transport: Transport): typeof clientOn {
  return (server, options = {}) => clientOn(server, { ...transport.options, ...options });
}

/** What the promise rejected with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

/** Every way an error is usually shown: Node prints an unhandled rejection with `util.inspect`, the CLI prints the message. */
export function surfaces(error: Error): string[] {
  return [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 }), error.stack ?? ''];
}
