export type { components, operations, paths } from '@switchboard/retell-types';
export { createRetellClient, type RetellClient, type RetellClientOptions } from './client.js';
export {
  createRetellProvider,
  type RetellPhoneNumber,
  type RetellProvider,
  type RetellVendorOptions,
  retellCapabilities,
  retellProvider,
} from './provider.js';
