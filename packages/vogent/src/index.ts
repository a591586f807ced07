export type { components, operations, paths } from '@switchboard/vogent-types';
export { createVogentClient, type VogentClient, type VogentClientOptions } from './client.js';
/** Vogent's base URLs by region name (`default` and those its spec names), for `createVogentClient({ baseUrl })`. */
export { baseUrls as vogentBaseUrls } from './generated/spec.js';
export { createVogentProvider, type VogentPhoneNumber, type VogentProvider, type VogentVendorOptions, vogentCapabilities, vogentProvider } from './provider.js';
