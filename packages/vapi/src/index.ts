export type { components, operations, paths } from '@switchboard/vapi-types';
export { createVapiClient, type VapiClient, type VapiClientOptions } from './client.js';
export { createVapiProvider, type VapiPhoneNumber, type VapiProvider, type VapiVendorOptions, vapiCapabilities, vapiProvider } from './provider.js';
