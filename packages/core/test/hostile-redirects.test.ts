/**
 * Redirects are never followed: the request — its API key, its secrets — reaches the caller's
 * origin and no other, and the caller gets a RedirectError that says what to do.
 */
import { RedirectError } from '@switchboard/core';
import { type FaultServer, TRANSPORTS } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { API_KEY, clientOver, closeServers, hostile, PASSWORD, rejection, surfaces } from './hostile.js';

afterEach(closeServers);

/** The origin a redirect points to: it would answer as if it were the vendor, and counts what reaches it. */
async function elsewhere(): Promise<FaultServer> {
  return hostile((request) => ({ kind: 'status', status: request.method === 'POST' ? 201 : 200, body: { id: 't9', name: 'elsewhere' } }));
}

describe.for(TRANSPORTS)('over $name', (transport) => {
  const clientOn = clientOver(transport);

  describe('a create answered with a redirect to another origin', () => {
    test.for([
      [301, true],
      [302, true],
      [303, true],
      [307, false],
      [308, false],
    ] as const)('%i: a RedirectError naming the origin; sent once, never to the other origin; outcome unknown: %s', async ([status, outcomeUnknown]) => {
      const target = await elsewhere();
      const server = await hostile((request) => ({ kind: 'status', status, headers: { location: `${target.url}${request.url}` } }));
      const error = await rejection(clientOn(server, { maxRetries: 2 }).POST('/things', { body: { name: 'n', password: PASSWORD } }));
      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toMatchObject({ status, operation: 'createThing', location: `${target.url}/things`, outcomeUnknown });
      expect(error.message).toContain(`redirected to ${target.url};`);
      expect(error.message).toContain('set baseUrl to its new address');
      // 301/302/303 are what a server answers after handling a write: it may have been applied.
      expect(/may have been applied/.test(error.message)).toBe(outcomeUnknown);
      expect(server.count('POST /things')).toBe(1);
      expect(target.requests).toHaveLength(0);
    });
  });

  describe('a read answered with a redirect', () => {
    test('a read answered 308 is not followed and not retried', async () => {
      const target = await elsewhere();
      const server = await hostile(() => ({ kind: 'status', status: 308, headers: { location: `${target.url}/things` } }));
      const error = await rejection(clientOn(server, { maxRetries: 2 }).GET('/things'));
      expect(error).toMatchObject({ name: 'RedirectError', status: 308, outcomeUnknown: false });
      expect(server.requests).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    });
  });

  describe('what the Location carries', () => {
    test('its credentials are dropped and the secrets of the call redacted; a relative one is resolved', async () => {
      const locations = [`http://admin:hunter2-canary@vendor.example/things?key=${API_KEY}&pw=${PASSWORD}`, '/v2/things'];
      const server = await hostile(() => ({ kind: 'status', status: 308, headers: { location: locations.shift()! } }));
      const client = clientOn(server);
      const error = await rejection(client.POST('/things', { body: { name: 'n', password: PASSWORD } }));
      expect(error).toMatchObject({ name: 'RedirectError', location: 'http://vendor.example/things?key=[REDACTED]&pw=[REDACTED]' });
      expect(error.message).toContain('redirected to http://vendor.example;');
      for (const view of surfaces(error)) expect(view).not.toMatch(new RegExp(`hunter2|${API_KEY}|${PASSWORD}`));
      expect(await rejection(client.GET('/things'))).toMatchObject({ location: `${server.url}/v2/things` });
    });
  });
});
