/**
 * One process serving several Prism servers: `node prism-host.js '<JSON list of HostedServer>'`.
 * Loading Prism's modules is most of what a Prism start costs (1.4 s of CPU of 1.6 to 2.9 s here);
 * one process pays it once for every server of a start. Each server is set up as prism-cli 5.14.2's
 * `mock`/`proxy` command sets it up (its `createPrismServerWithLogger`) with `--errors`, except:
 * - Prism's log is silent: at `info` it logged every request through pino, a JSON repair and
 *   signale, only for us to drop it. A spec that fails to load is reported on stderr instead.
 * - The spec is not watched: a server serves the spec as it was when it started.
 * - prism-cli's extensions step is left out: it sets json-schema-faker's options from a spec's
 *   `x-json-schema-faker`, which none of our specs has, and those options are process-wide, so one
 *   spec's would apply to every server here.
 *
 * Once every server listens, prints one line: the JSON list of their addresses, in order. If any
 * fails to start, prints `<spec>: <message>` on stderr and exits with code 1. Exits when its stdin
 * (a pipe from the parent) ends, so it does not outlive a parent that was killed; SIGINT and SIGTERM
 * keep Node's default (exit by the signal), so the parent sees which signal ended it.
 */
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';

export type HostedServer = { mode: 'mock'; spec: string } | { mode: 'proxy'; spec: string; upstream: string };

const silent = createLogger('HTTP SERVER', { level: 'silent' });

async function serve(server: HostedServer): Promise<string> {
  const operations = await getHttpOperationsFromSpec(server.spec);
  if (operations.length === 0) throw new Error('No operations found in the current file.');
  // prism-cli's configuration: response validation always, request validation too (a proxy's
  // `--validate-request` defaults to on), security checked, violations answered as errors, answers
  // from the spec's examples (no `--dynamic`, so no seed either).
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: true,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
  };
  const config = server.mode === 'proxy' ? { ...shared, isProxy: true as const, upstream: new URL(server.upstream) } : { ...shared, isProxy: false as const };
  const prism = createServer(operations, { cors: true, config, components: { logger: silent } });
  return prism.listen(0, '127.0.0.1');
}

process.stdin.on('end', () => process.exit(0)).resume();

const servers = JSON.parse(process.argv[2] ?? '[]') as HostedServer[];
const addresses = await Promise.all(
  servers.map((server) =>
    serve(server).catch((error: unknown) => {
      process.stderr.write(`${server.spec}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }),
  ),
);
process.stdout.write(`${JSON.stringify(addresses)}\n`);
