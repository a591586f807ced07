// The inventory section's vendors: one loopback node:http server per vendor, each the vendor's
// sandbox holding `total` numbers, paging as its spec and sandbox descriptor say
// (lib/inventory-pagers.mjs), answering every request LATENCY_MS after it arrived, as a vendor
// across a network would.
//
// Run as its own process (`node inventory-server.mjs --total 2000`, prints `{"urls": {vendor: url}}`
// on stdout), so that on a 2-core machine the servers have a core of their own. Bodies are
// serialised once and cached: a server's cost per request is small and the same for every client.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { pagersFor } from './inventory-pagers.mjs';
import { VENDORS } from './vendors.mjs';

export const LATENCY_MS = 50;

async function startVendorServer(pager, total) {
  const sandbox = pager.sandbox(total);
  // Only listings are asked for, which change nothing: each answer is built once per URL.
  const cache = new Map();
  /** The status and body answering one request, as the vendor's spec and sandbox descriptor say it pages. */
  const answer = (url) => {
    const size = Number(url.searchParams.get(pager.sizeParameter) ?? pager.defaultPageSize);
    if (!Number.isInteger(size) || size < 1 || size > (pager.documentedMaxPageSize ?? Infinity)) {
      return [400, { message: `${pager.sizeParameter} is not a page size this API takes` }];
    }
    const key = url.pathname + url.search;
    let body = cache.get(key);
    if (!body) {
      const answered = sandbox.answer({ method: 'GET', url: key, body: '' });
      if (answered.status !== 200) return [answered.status, answered.body];
      body = Buffer.from(JSON.stringify(answered.body));
      cache.set(key, body);
    }
    return [200, body];
  };

  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [status, body] = answer(new URL(req.url, 'http://localhost'));
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes), LATENCY_MS);
    });
  });
  // More than the default 5 s, so idle keep-alive sockets survive pauses between rounds.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const total = Number(process.argv[process.argv.indexOf('--total') + 1]);
  const servers = await Promise.all(Object.entries(await pagersFor(VENDORS)).map(async ([vendor, pager]) => [vendor, await startVendorServer(pager, total)]));
  process.stdout.write(`${JSON.stringify({ urls: Object.fromEntries(servers.map(([vendor, server]) => [vendor, server.url])) })}\n`);
  // The parent owns this process: stop when it says so or goes away.
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await Promise.all(servers.map(([, server]) => server.close()));
    process.exit(0);
  });
}
