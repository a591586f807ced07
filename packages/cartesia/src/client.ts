import type { paths } from '@switchboard/cartesia-types';
import { type ApiClient, type CallOptions, type ClientOptions, createApiClient, ValidationError } from '@switchboard/core';
import { fixedHeaders, spec } from './generated/spec.js';

/** The headers the client sends on every call, as its spec fixes them: `Cartesia-Version`. */
type FixedHeader = keyof typeof fixedHeaders;

/**
 * Cartesia's paths as a caller writes them: without the header parameters the client sends itself
 * (`Cartesia-Version`, at the version its spec describes).
 */
export type CartesiaPaths = {
  [Path in keyof paths]: {
    [Method in keyof paths[Path]]: paths[Path][Method] extends { parameters: { header: infer Header } }
      ? Omit<paths[Path][Method], 'parameters'> & {
          parameters: Omit<paths[Path][Method]['parameters'], 'header'> & { header?: Omit<Header, FixedHeader> };
        }
      : paths[Path][Method];
  };
};

export type CartesiaClient = ApiClient<CartesiaPaths>;
export type CartesiaClientOptions = ClientOptions;

/**
 * A typed client for Cartesia's agents' phone-number API, on Cartesia's production API unless
 * `baseUrl` says otherwise. Every call carries the `Cartesia-Version` of the spec it was built
 * from, which Cartesia answers in the shapes of; a call that sets the header itself is refused.
 */
export function createCartesiaClient(options: CartesiaClientOptions): CartesiaClient {
  const client = createApiClient<CartesiaPaths>(spec, options);
  // Async, so that a refused call rejects like any other bad input rather than throwing.
  const versioned = <Method>(method: Method) => (async (path: string, init?: CallInit) => (method as Send)(path, withFixedHeaders(init))) as Method;
  return {
    ...client,
    GET: versioned(client.GET),
    PUT: versioned(client.PUT),
    POST: versioned(client.POST),
    DELETE: versioned(client.DELETE),
    PATCH: versioned(client.PATCH),
  };
}

type CallInit = CallOptions & { params?: { header?: object } };
/** A method of the client, as the wrapper calls it: untyped, since it passes every call on unchanged but for the headers. */
type Send = (path: string, init?: CallInit) => Promise<unknown>;

/**
 * A call's options with the fixed headers, sent as the header parameters they are in the spec. A
 * call naming one (in `headers`, or in `params.header` past the types) is refused whatever the
 * value: the answers are read in the shapes of the spec's version, so another one must not go out.
 */
function withFixedHeaders(init: CallInit = {}): CallInit {
  for (const [where, headers] of [
    ['headers', init.headers],
    ['params.header', init.params?.header],
  ] as const) {
    for (const name of headers instanceof Headers ? headers.keys() : Object.keys(headers ?? {})) {
      const fixed = (Object.keys(fixedHeaders) as FixedHeader[]).find((own) => own.toLowerCase() === name.toLowerCase());
      if (fixed !== undefined) {
        throw new ValidationError(
          `${where}.${fixed}`,
          'reserved',
          `is sent by the client, which speaks ${fixed} ${fixedHeaders[fixed]}, the version of its spec`,
        );
      }
    }
  }
  return { ...init, params: { ...init.params, header: { ...init.params?.header, ...fixedHeaders } } };
}
