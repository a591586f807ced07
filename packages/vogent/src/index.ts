export type { components, operations, paths } from '@switchboard/vogent-types';
export { createVogentClient, type VogentClient, type VogentClientOptions } from './client.js';
export { createVogentProvider, vogentCapabilities, vogentProvider, type VogentPhoneNumber, type VogentProvider, type VogentVendorOptions } from './provider.js';
