import { inspect } from 'node:util';
import { expect } from 'vitest';
import { type FaultProgram, type FaultServer, startFaultServer } from '../fault-server.js';
import { prismUrl } from '../vendors.js';
import type { ConformanceProvider, CreateCase } from './fixture.js';

/** The API key of every provider the suite builds: a canary, searched for wherever secrets must not be. */
export const API_KEY = 'sk-CANARY-conformance-7d3f1a9c';

/** A fault server in front of the vendor's Prism mock, for the length of `fn`, closed whatever happens. */
export async function withFaults<T>(vendor: string, faults: FaultProgram, fn: (server: FaultServer) => Promise<T>): Promise<T> {
  const server = await startFaultServer({ upstream: prismUrl(vendor), faults });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** What `fn` rejected with; fails when it resolved. */
export async function failure(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A typed error of `@switchboard/core` (a `SwitchboardError` subclass), checked by its name. */
export function expectTypedError(error: unknown, name: string, label: string): asserts error is Error & Record<string, unknown> {
  expect(error, label).toBeInstanceOf(Error);
  expect((error as Error).name, `${label}: ${String(error)}`).toBe(name);
}

/** Without quotes and backslashes: a secret shown JSON-escaped (once or more) is still found. */
const unescaped = (text: string) => text.replace(/[\\"'`]/g, '');

/** The canaries found in any way an error is usually shown, or in the events of its call. */
export function leaks(error: unknown, events: readonly unknown[], canaries: readonly string[]): string[] {
  const err = error as Error;
  const surfaces: Record<string, string> = {
    message: String(err?.message),
    String: String(err),
    'JSON.stringify': JSON.stringify(err) ?? '',
    'util.inspect': inspect(err, { depth: 10 }),
    stack: String(err?.stack),
    events: inspect(events, { depth: 10 }),
  };
  return Object.entries(surfaces).flatMap(([surface, text]) =>
    canaries.filter((canary) => unescaped(text).includes(unescaped(canary))).map((canary) => `${canary} in ${surface}`),
  );
}

/** Send a create case to the provider. */
export function sendCreate<P extends ConformanceProvider>(provider: P, create: CreateCase<P>): Promise<unknown> {
  return (provider.create as (input: unknown, vendorOptions: unknown) => Promise<unknown>)(create.input, create.vendorOptions);
}

/** The create type a create case exercises (its input's `type`). */
export function createType<P extends ConformanceProvider>(create: CreateCase<P>): string {
  return (create.input as { type: string }).type;
}
