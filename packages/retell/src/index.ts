export type { components, operations, paths } from '@switchboard/retell-types';
export { createRetellClient, type RetellClient, type RetellClientOptions } from './client.js';
/** Retell's base URLs by region name (`default` and those its spec names), for `createRetellClient({ baseUrl })`. */
export { baseUrls as retellBaseUrls } from './generated/spec.js';
export {
  createRetellProvider,
  type RetellPhoneNumber,
  type RetellProvider,
  type RetellVendorOptions,
  retellCapabilities,
  retellProvider,
} from './provider.js';
