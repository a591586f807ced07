export type { components, operations, paths } from '@switchboard/vocode-types';
export { createVocodeClient, type VocodeClient, type VocodeClientOptions } from './client.js';
/** Vocode's base URLs by region name (`default` and those its spec names), for `createVocodeClient({ baseUrl })`. */
export { baseUrls as vocodeBaseUrls } from './generated/spec.js';
export {
  createVocodeProvider,
  type VocodePhoneNumber,
  type VocodeProvider,
  type VocodeRawPhoneNumber,
  type VocodeVendorOptions,
  vocodeCapabilities,
  vocodeProvider,
} from './provider.js';
