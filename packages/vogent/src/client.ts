import { type ApiClient, type ClientOptions, createApiClient } from '@switchboard/core';
import type { paths } from '@switchboard/vogent-types';
import { spec } from './generated/spec.js';

export type VogentClient = ApiClient<paths>;
export type VogentClientOptions = ClientOptions;

/** A typed client for Vogent's phone-number API, on Vogent's production API unless `baseUrl` says otherwise. */
export function createVogentClient(options: VogentClientOptions): VogentClient {
  return createApiClient<paths>(spec, options);
}
