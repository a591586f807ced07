import { type ApiClient, type ClientOptions, createApiClient } from '@switchboard/core';
import type { paths } from '@switchboard/vocode-types';
import { spec } from './generated/spec.js';

export type VocodeClient = ApiClient<paths>;
export type VocodeClientOptions = ClientOptions;

/** A typed client for Vocode's phone-number API, on Vocode's production API unless `baseUrl` says otherwise. */
export function createVocodeClient(options: VocodeClientOptions): VocodeClient {
  return createApiClient<paths>(spec, options);
}
