export type { components, operations, paths } from '@switchboard/cartesia-types';
export { type CartesiaClient, type CartesiaClientOptions, type CartesiaPaths, createCartesiaClient } from './client.js';
export { baseUrls as cartesiaBaseUrls } from './generated/spec.js';
export {
  type CartesiaPhoneNumber,
  type CartesiaProvider,
  type CartesiaRawPhoneNumber,
  type CartesiaVendorOptions,
  cartesiaCapabilities,
  cartesiaProvider,
  createCartesiaProvider,
} from './provider.js';
