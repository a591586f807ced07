/**
 * 2xx answers that cannot be used end in a typed error — never `data: undefined`, never a
 * TypeError or RangeError — and a write answered so says its outcome is unknown.
 */
import { BadRequestError, InvalidResponseError } from '@switchboard/core';
import { TRANSPORTS } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { clientOver, closeServers, hostile, rejection } from './hostile.js';

afterEach(closeServers);

/** `levels` arrays, one inside the other: 2 bytes a level. */
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const json = { 'content-type': 'application/json' };

describe.for(TRANSPORTS)('over $name', (transport) => {
  const clientOn = clientOver(transport);

  describe('no body where the spec documents one', () => {
    test.for([204, 205])('a create answered %i: InvalidResponseError, outcome unknown (it was applied); a read: outcome known', async (status) => {
      const server = await hostile(() => ({ kind: 'status', status }));
      const client = clientOn(server);
      const created = await rejection(client.POST('/things', { body: { name: 'n' } }));
      expect(created).toBeInstanceOf(InvalidResponseError);
      expect(created).toMatchObject({ status, operation: 'createThing', outcomeUnknown: true });
      expect(created.message).toMatch(/no body, where the spec documents one.*may have been applied/);
      const read = await rejection(client.GET('/things/{id}', { params: { path: { id: 't1' } } }));
      expect(read).toMatchObject({ name: 'InvalidResponseError', status, outcomeUnknown: false });
      expect(server.count('POST /things')).toBe(1);
    });

    test('a 204 where the spec documents no body resolves with no data', async () => {
      const server = await hostile(() => ({ kind: 'status', status: 204 }));
      const { data, response } = await clientOn(server).DELETE('/things/{id}', { params: { path: { id: 't1' } } });
      expect(data).toBeUndefined();
      expect(response.status).toBe(204);
    });
  });

  describe('JSON nested thousands of levels deep (14 kB)', () => {
    test('in a 2xx answer: InvalidResponseError naming the depth, outcome unknown for a create', async () => {
      const deep = `{"id":"t1","name":"n","extra":${nested(7_000)}}`;
      const server = await hostile(() => ({ kind: 'status', status: 200, headers: json, body: deep }));
      const client = clientOn(server);
      const read = await rejection(client.GET('/things/{id}', { params: { path: { id: 't1' } } }));
      expect(read).toBeInstanceOf(InvalidResponseError);
      expect(read.message).toMatch(/nested deeper than 100 levels/);
      expect(await rejection(client.POST('/things', { body: { name: 'n' } }))).toMatchObject({ name: 'InvalidResponseError', outcomeUnknown: true });
    });

    test('in an error answer: the typed error of its status, without the body', async () => {
      const server = await hostile(() => ({ kind: 'status', status: 400, headers: json, body: `{"message":${nested(7_000)}}` }));
      const error = await rejection(clientOn(server).GET('/things'));
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, body: undefined });
      expect(error.message).toMatch(/the body is nested deeper than 100 levels$/);
    });

    test('100 levels are read; 101 are not', async () => {
      const answers = [100, 101].map((levels) => `[{"id":"t1","name":"n","extra":${nested(levels - 2)}}]`);
      const server = await hostile(() => ({ kind: 'status', status: 200, headers: json, body: answers.shift() }));
      const client = clientOn(server);
      expect((await client.GET('/things')).data).toHaveLength(1);
      expect(await rejection(client.GET('/things'))).toBeInstanceOf(InvalidResponseError);
    });
  });
});
