export type { components, operations, paths } from '@switchboard/vogent-types';
export { createVogentClient, type VogentClient, type VogentClientOptions } from './client.js';
export { createVogentProvider, type VogentPhoneNumber, type VogentProvider, type VogentVendorOptions, vogentCapabilities, vogentProvider } from './provider.js';
