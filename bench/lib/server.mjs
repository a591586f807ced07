// A loopback node:http server answering like Vapi's phone-number API, with spec-shaped bodies.
//
// Run as its own process (`node server.mjs --total 10000`, prints `{"url": ...}` on stdout) so
// that, on a 2-core machine, the server has a core of its own and the client's CPU time, which is
// what the benchmarks compare, is not diluted by the server's. Bodies are serialised once and
// cached, so the server's cost per request is small and the same for every client.
//
//   GET  /v2/phone-number?page&limit  one page of `total` numbers, with paging metadata
//   GET  /phone-number?limit          the first `limit` numbers (the unpaged v1 listing)
//   POST /phone-number                201 and the spec's created number
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createdNumber, exampleNumbers, makeNumbers } from './fixtures.mjs';

export async function startServer({ total = 100 } = {}) {
  const examples = exampleNumbers();
  const cache = new Map();
  const json = (key, build) => {
    let body = cache.get(key);
    if (!body) {
      body = Buffer.from(JSON.stringify(build()));
      cache.set(key, body);
    }
    return body;
  };
  const intParam = (params, name, fallback) => {
    const value = Number(params.get(name) ?? fallback);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const send = (status, body) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
    // Drain the request body before answering, so keep-alive connections stay reusable.
    req.resume();
    req.on('end', () => {
      if (req.method === 'GET' && url.pathname === '/v2/phone-number') {
        const page = intParam(url.searchParams, 'page', 1);
        const limit = Math.min(intParam(url.searchParams, 'limit', 100), 1000);
        const body = json(`v2:${page}:${limit}`, () => {
          const from = (page - 1) * limit;
          const results = makeNumbers(Math.max(0, Math.min(limit, total - from)), from, examples);
          const totalPages = Math.ceil(total / limit);
          return {
            results,
            metadata: { itemsPerPage: limit, totalItems: total, currentPage: page, totalPages, hasNextPage: page < totalPages, sortOrder: 'DESC' },
          };
        });
        return send(200, body);
      }
      if (req.method === 'GET' && url.pathname === '/phone-number') {
        const limit = Math.min(intParam(url.searchParams, 'limit', 100), 1000, total);
        return send(
          200,
          json(`v1:${limit}`, () => makeNumbers(limit, 0, examples)),
        );
      }
      if (req.method === 'POST' && url.pathname === '/phone-number')
        return send(
          201,
          json('created', () => createdNumber(examples)),
        );
      send(404, Buffer.from(JSON.stringify({ message: `no route ${req.method} ${url.pathname}`, statusCode: 404 })));
    });
  });
  // More than the default 5 s, so idle keep-alive sockets survive pauses between samples.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const total = Number(process.argv[process.argv.indexOf('--total') + 1]) || 100;
  const { url } = await startServer({ total });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  // The parent owns this process: stop when it says so or goes away.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
