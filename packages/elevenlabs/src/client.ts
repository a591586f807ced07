import { type ApiClient, type ClientOptions, createApiClient } from '@switchboard/core';
import type { paths } from '@switchboard/elevenlabs-types';
import { spec } from './generated/spec.js';

export type ElevenLabsClient = ApiClient<paths>;
export type ElevenLabsClientOptions = ClientOptions;

/**
 * A typed client for ElevenLabs Agents' phone-number API, on ElevenLabs' production API unless
 * `baseUrl` says otherwise (a workspace with EU data residency sets `https://api.eu.residency.elevenlabs.io`).
 * The API key goes in the `xi-api-key` header, as the spec's security scheme says.
 */
export function createElevenLabsClient(options: ElevenLabsClientOptions): ElevenLabsClient {
  return createApiClient<paths>(spec, options);
}
