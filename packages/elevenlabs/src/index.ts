export type { components, operations, paths } from '@switchboard/elevenlabs-types';
export { createElevenLabsClient, type ElevenLabsClient, type ElevenLabsClientOptions } from './client.js';
/** ElevenLabs' base URLs by region name (`default` and the data-residency hosts its spec names), for `createElevenLabsClient({ baseUrl })`. */
export { baseUrls as elevenLabsBaseUrls } from './generated/spec.js';
export {
  createElevenLabsProvider,
  type ElevenLabsPhoneNumber,
  type ElevenLabsProvider,
  type ElevenLabsVendorOptions,
  elevenLabsCapabilities,
  elevenLabsProvider,
} from './provider.js';
