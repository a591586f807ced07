import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { SandboxDescriptor } from './descriptor.js';

/**
 * The vendors of the registry — `VENDOR_NAMES` of `@switchboard/phone-numbers`, a peer of this
 * package — and each one's sandbox descriptor, the `sandbox` export of its package's `./sandbox`
 * subpath. The vendor packages are found where the registry's own imports find them, so this
 * package names no vendor and depends on none.
 */
export async function loadDescriptors(vendors?: readonly string[]): Promise<SandboxDescriptor[]> {
  const registry = registryEntry();
  const names = vendors ?? ((await import(pathToFileURL(registry).href)) as { VENDOR_NAMES: readonly string[] }).VENDOR_NAMES;
  const resolveFromRegistry = createRequire(registry);
  return Promise.all(
    names.map(async (vendor) => {
      let module: string;
      try {
        module = resolveFromRegistry.resolve(`@switchboard/${vendor}/sandbox`);
      } catch (error) {
        throw new Error(`no sandbox for ${vendor}: @switchboard/${vendor} is not a vendor of @switchboard/phone-numbers, or it has no ./sandbox export`, {
          cause: error,
        });
      }
      const { sandbox } = (await import(pathToFileURL(module).href)) as { sandbox?: SandboxDescriptor };
      if (sandbox?.vendor !== vendor) throw new Error(`@switchboard/${vendor}/sandbox does not export the ${vendor} sandbox descriptor as \`sandbox\``);
      return sandbox;
    }),
  );
}

function registryEntry(): string {
  try {
    return createRequire(import.meta.url).resolve('@switchboard/phone-numbers');
  } catch (error) {
    throw new Error('the sandbox serves the vendors of @switchboard/phone-numbers: install it beside @switchboard/mocks', { cause: error });
  }
}
