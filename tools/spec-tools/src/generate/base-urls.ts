// The base URLs a vendor package exports (`vapiBaseUrls`): the spec's first server as `default`,
// each other one under its `x-region` (the spec lint's server-regions rule states the same).
import { CannotRun } from '../cannot-run.js';
import type { OpenApiDocument } from '../openapi/types.js';

/** Region name → base URL, `default` first. */
export type BaseUrls = { default: string } & Record<string, string>;

export function baseUrlsOf(spec: OpenApiDocument): BaseUrls {
  const [first, ...others] = spec.servers ?? [];
  if (first === undefined) throw new CannotRun('the spec names no server (servers[0].url): the client has no default base URL');
  const urls: BaseUrls = { default: first.url };
  others.forEach((server, index) => {
    const region = server['x-region'];
    if (typeof region !== 'string' || region === '') throw new CannotRun(`servers[${index + 1}] (${server.url}) names no region: give it x-region: <name>`);
    if (Object.hasOwn(urls, region)) throw new CannotRun(`servers[${index + 1}] (${server.url}): x-region "${region}" names another server too`);
    urls[region] = server.url;
  });
  return urls;
}
