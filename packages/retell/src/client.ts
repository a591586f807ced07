import { type ApiClient, type ClientOptions, createApiClient } from '@switchboard/core';
import type { paths } from '@switchboard/retell-types';
import { spec } from './generated/spec.js';

export type RetellClient = ApiClient<paths>;
export type RetellClientOptions = ClientOptions;

/** A typed client for Retell AI's phone-number API, on Retell's production API unless `baseUrl` says otherwise. */
export function createRetellClient(options: RetellClientOptions): RetellClient {
  return createApiClient<paths>(spec, options);
}
