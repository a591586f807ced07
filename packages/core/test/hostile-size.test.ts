/**
 * An answer is read up to `maxResponseBytes` (as decoded: a gzip bomb counts inflated) and no
 * further: the read stops, the connection closes, and the call fails with a ResponseTooLargeError.
 * The evidence is what the server managed to write, or what fetch decoded — never memory or time.
 */
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError, ValidationError } from '@switchboard/core';
import { TRANSPORTS } from '@switchboard/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { clientOn, clientOver, closeServers, hostile, rejection } from './hostile.js';

afterEach(closeServers);

const MIB = 1024 * 1024;

describe.for(TRANSPORTS)('maxResponseBytes over $name', (transport) => {
  const client = clientOver(transport);

  test('defaults to 8 MiB: a 9 MiB answer (valid JSON) is refused', async () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(8 * MIB);
    const server = await hostile(() => ({ kind: 'flood', bytes: 9 * MIB }));
    const error = await rejection(client(server).GET('/things'));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, maxResponseBytes: 8 * MIB, outcomeUnknown: false });
    expect(error.message).toMatch(/larger than maxResponseBytes \(8388608 bytes\)/);
  });

  test('a 64 MiB answer: reading stops at the limit and the connection closes before the server has written half of it', async () => {
    const server = await hostile(() => ({ kind: 'flood', bytes: 64 * MIB }));
    const error = await rejection(client(server, { maxResponseBytes: MIB }).GET('/things'));
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', maxResponseBytes: MIB });
    const flood = server.requests[0]!.flood!;
    await flood.ended;
    expect(flood.finished).toBe(false);
    // What the socket buffers hold besides the 1 MiB read (a few MiB on loopback).
    expect(flood.written).toBeLessThan(32 * MIB);
  });

  test('a gzip bomb (0.3 MB inflating to 256 MiB) is refused: the limit counts the body inflated', async () => {
    const server = await hostile(() => ({ kind: 'flood', bytes: 256 * MIB, gzip: true }));
    const error = await rejection(client(server, { maxResponseBytes: MIB }).GET('/things'));
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', status: 200, maxResponseBytes: MIB });
    expect(server.requests[0]!.flood!.total).toBeLessThan(MIB);
  });

  test('a gzip bomb (64 MB inflating to 64 GiB): inflating stops at the limit and the connection closes before the server has written half of it', async () => {
    const server = await hostile(() => ({ kind: 'flood', bytes: 64 * 1024 * MIB, gzip: true }));
    const error = await rejection(client(server, { maxResponseBytes: MIB }).GET('/things'));
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', status: 200, maxResponseBytes: MIB });
    const flood = server.requests[0]!.flood!;
    await flood.ended;
    expect(flood.finished).toBe(false);
    expect(flood.written).toBeLessThan(32 * MIB);
  });

  test('an error answer over the limit: outcome unknown only where its status leaves it so (a create answered 500, not 400)', async () => {
    const statuses = [500, 400];
    const server = await hostile(() => ({ kind: 'flood', bytes: 4 * MIB, status: statuses.shift()! }));
    const creates = client(server, { maxResponseBytes: MIB });
    expect(await rejection(creates.POST('/things', { body: { name: 'n' } }))).toMatchObject({
      name: 'ResponseTooLargeError',
      status: 500,
      outcomeUnknown: true,
    });
    expect(await rejection(creates.POST('/things', { body: { name: 'n' } }))).toMatchObject({
      name: 'ResponseTooLargeError',
      status: 400,
      outcomeUnknown: false,
    });
  });
});

describe('maxResponseBytes', () => {
  test('a gzip bomb (0.3 MB inflating to 256 MiB) is inflated by fetch no further than a few MiB past the limit', async () => {
    const server = await hostile(() => ({ kind: 'flood', bytes: 256 * MIB, gzip: true }));
    // What fetch has decoded when the client stops pulling: counted between fetch and the client.
    let decoded = 0;
    const counting = async (request: Request) => {
      const response = await fetch(request);
      const counted = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          decoded += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      return new Response(response.body!.pipeThrough(counted), response);
    };
    const error = await rejection(clientOn(server, { maxResponseBytes: MIB, fetch: counting }).GET('/things'));
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', status: 200, maxResponseBytes: MIB });
    expect(server.requests[0]!.flood!.total).toBeLessThan(MIB);
    expect(decoded).toBeGreaterThan(MIB);
    expect(decoded).toBeLessThan(4 * MIB);
  });

  test.for([0, -1, 1.5, 256 * MIB + 1, Number.NaN, '8MB'])('%s is refused at construction', async (maxResponseBytes) => {
    const server = await hostile(() => ({ kind: 'status', status: 200, body: [] }));
    expect(() => clientOn(server, { maxResponseBytes: maxResponseBytes as number })).toThrow(ValidationError);
    expect(() => clientOn(server, { maxResponseBytes: maxResponseBytes as number })).toThrow(/^maxResponseBytes: /);
  });
});
