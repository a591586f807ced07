import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPrismHost } from '../prism.js';
import { specFile } from '../specs.js';
import { loadDescriptors } from './load.js';
import { createSandboxVendor, type SandboxAnswer, type SandboxVendor } from './vendor.js';

export interface SandboxOptions {
  /** The vendors to serve: every vendor of the registry (`@switchboard/phone-numbers`) by default. */
  vendors?: readonly string[];
  /** Give up starting: what started is stopped and the start rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Where a vendor's spec is: the copies shipped with this package by default. */
  specFor?: (vendor: string) => string;
}

export interface RunningSandbox {
  /** Base URL of each vendor's sandbox, to pass as a client's `baseUrl`. */
  urls: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * Every vendor's API in memory, on loopback, for demos, docs and tests: each starts from its spec's
 * list examples and keeps what it is asked to do — a number created is listed, an agent unlinked
 * stays unlinked, a number released is gone — until `stop`. Prism stands in front of each (`prism
 * proxy --errors`), so every request and every answer is checked against the vendor's spec.
 */
export async function startSandbox({ vendors, signal, specFor = specFile }: SandboxOptions = {}): Promise<RunningSandbox> {
  const descriptors = await loadDescriptors(vendors);
  // Every vendor built before any server listens: one that fails to build leaves nothing running.
  const specs = descriptors.map(({ vendor }) => specFor(vendor));
  const sandboxVendors = descriptors.map((descriptor, i) => createSandboxVendor(descriptor, specs[i]!));
  const upstreams = await Promise.all(sandboxVendors.map(serve));
  const stopUpstreams = async () => void (await Promise.all(upstreams.map((upstream) => upstream.stop())));
  try {
    // Every vendor's proxy in one Prism process (one load of Prism's modules).
    const prism = await startPrismHost(
      specs.map((spec, i) => ({ mode: 'proxy', spec, upstream: upstreams[i]!.url })),
      signal,
    );
    return {
      urls: Object.fromEntries(descriptors.map(({ vendor }, i) => [vendor, prism.urls[i]!])),
      stop: async () => void (await Promise.all([prism.stop(), stopUpstreams()])),
    };
  } catch (error) {
    await stopUpstreams();
    throw error;
  }
}

/** A loopback HTTP server answering with `vendor`. */
export async function serve(vendor: SandboxVendor): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let answer: SandboxAnswer;
    try {
      answer = vendor.answer({ method: request.method ?? 'GET', url: request.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
    } catch (error) {
      answer = { status: 500, body: { message: `the ${vendor.vendor} sandbox failed: ${error instanceof Error ? error.message : String(error)}` } };
    }
    const { status, body } = answer;
    if (body === undefined) response.writeHead(status).end();
    else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  // Prism forwards through Node's global agent, which keeps idle sockets for 5 s, as long as a
  // server does by default: a request sent on one as the server closed it found a hung-up socket
  // and Prism answered 500. Holding idle sockets longer leaves the closing to Prism.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
