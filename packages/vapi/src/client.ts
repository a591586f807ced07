import { type ApiClient, type ClientOptions, createApiClient } from '@switchboard/core';
import type { paths } from '@switchboard/vapi-types';
import { spec } from './generated/spec.js';

export type VapiClient = ApiClient<paths>;
export type VapiClientOptions = ClientOptions;

/** A typed client for Vapi's phone-number API, on Vapi's production API unless `baseUrl` says otherwise. */
export function createVapiClient(options: VapiClientOptions): VapiClient {
  return createApiClient<paths>(spec, options);
}
