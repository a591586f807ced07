export type { components, operations, paths } from '@switchboard/vocode-types';
export { createVocodeClient, type VocodeClient, type VocodeClientOptions } from './client.js';
export {
  createVocodeProvider,
  type VocodePhoneNumber,
  type VocodeProvider,
  type VocodeRawPhoneNumber,
  type VocodeVendorOptions,
  vocodeCapabilities,
  vocodeProvider,
} from './provider.js';
