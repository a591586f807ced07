export type { components, operations, paths } from '@switchboard/vocode-types';
export { createVocodeClient, type VocodeClient, type VocodeClientOptions } from './client.js';
export { createVocodeProvider, vocodeCapabilities, vocodeProvider, type VocodePhoneNumber, type VocodeProvider, type VocodeRawPhoneNumber, type VocodeVendorOptions } from './provider.js';
