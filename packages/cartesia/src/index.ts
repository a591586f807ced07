export type { components, operations, paths } from '@switchboard/cartesia-types';
export { type CartesiaClient, type CartesiaClientOptions, type CartesiaPaths, createCartesiaClient } from './client.js';
export {
  type CartesiaPhoneNumber,
  type CartesiaProvider,
  type CartesiaRawPhoneNumber,
  type CartesiaVendorOptions,
  cartesiaCapabilities,
  cartesiaProvider,
  createCartesiaProvider,
} from './provider.js';
