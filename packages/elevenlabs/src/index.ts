export type { components, operations, paths } from '@switchboard/elevenlabs-types';
export { createElevenLabsClient, type ElevenLabsClient, type ElevenLabsClientOptions } from './client.js';
export {
  createElevenLabsProvider,
  type ElevenLabsPhoneNumber,
  type ElevenLabsProvider,
  type ElevenLabsVendorOptions,
  elevenLabsCapabilities,
  elevenLabsProvider,
} from './provider.js';
