export type { components, operations, paths } from '@switchboard/vapi-types';
export { createVapiClient, type VapiClient, type VapiClientOptions } from './client.js';
/** Vapi's base URLs by region name (`default` and those its spec names), for `createVapiClient({ baseUrl })`. */
export { baseUrls as vapiBaseUrls } from './generated/spec.js';
export { createVapiProvider, type VapiPhoneNumber, type VapiProvider, type VapiVendorOptions, vapiCapabilities, vapiProvider } from './provider.js';
