import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VENDOR_NAMES } from '@switchboard/phone-numbers';
import { expect, test } from 'vitest';
import { startPrismProxy, warmUp } from '../src/prism.js';
import { readOperations } from '../src/sandbox/spec.js';

const specFor = (vendor: string) => new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url).pathname;

// The warm-up only builds Prism's validators of an answer when Prism lets the request through: a
// proxy in front of a recorder shows which requests it let through.
test.each(VENDOR_NAMES)('%s: the warm-up sends every operation a request its spec accepts (required headers too)', { timeout: 120_000 }, async (vendor) => {
  const received: string[] = [];
  const recorder = createServer((request, response) => {
    received.push(`${request.method} ${new URL(request.url!, 'http://recorder').pathname}`);
    response.writeHead(501).end();
  });
  // Longer than Prism's agent keeps an idle socket, as the sandbox's vendors do (sandbox/index.ts).
  recorder.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  const prism = await startPrismProxy(specFor(vendor), `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`);
  try {
    await warmUp(prism.url, specFor(vendor), new AbortController().signal);
    expect(received).toHaveLength(readOperations(specFor(vendor)).length);
  } finally {
    await prism.stop();
    recorder.close();
  }
});
