export type { components, operations, paths } from '@switchboard/vapi-types';
export { createVapiClient, type VapiClient, type VapiClientOptions } from './client.js';
export { createVapiProvider, vapiCapabilities, vapiProvider, type VapiPhoneNumber, type VapiProvider, type VapiVendorOptions } from './provider.js';
