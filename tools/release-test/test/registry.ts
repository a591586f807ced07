import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runServer } from 'verdaccio';

export interface Registry {
  /** `http://127.0.0.1:<port>/`, as an `.npmrc` names a registry. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A private registry like an internal team's: Verdaccio on a free loopback port, keeping its
 * packages in `dir`. `@switchboard/*` may be published without an account and has no uplink, so
 * a package that was not published here is a 404, never a copy fetched from npmjs. Nothing else
 * is served: everything but the scope comes from the default registry.
 */
export async function startRegistry(dir: string): Promise<Registry> {
  const server: Server = await runServer({
    // Never written: Verdaccio only resolves relative paths against it.
    configPath: join(dir, 'config.yaml'),
    storage: join(dir, 'storage'),
    uplinks: {},
    packages: { '@switchboard/*': { access: '$all', publish: '$anonymous' } },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // npm keeps its connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
