/** The client option that selects a transport (core's `ClientOptions.fetch`; this package cannot depend on core). */
export interface TransportOptions {
  fetch?: (request: Request) => Promise<Response>;
}

export interface Transport {
  name: 'node:http' | 'fetch';
  options: TransportOptions;
}

/**
 * Core's two transports, as a suite runs itself once over each. `node:http` is what a client uses
 * on Node when given no `fetch`; `fetch` is the exchange of browsers, Deno, Bun and edge runtimes,
 * which a client uses on Node when given a fetch of its caller's own (here, the global one).
 */
export const TRANSPORTS: readonly Transport[] = [
  { name: 'node:http', options: {} },
  { name: 'fetch', options: { fetch: (request) => fetch(request) } },
];
