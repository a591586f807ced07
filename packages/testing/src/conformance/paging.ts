import { afterEach, describe, expect, test } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../loopback.js';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { API_KEY } from './harness.js';

const PAGE_SIZE = 5;
/** More requests than any listing here needs: the client is looping. */
const MAX_REQUESTS = 60;

/** Walking `list` page by page through a loopback server that pages like the vendor reads every number once, one request a page. */
export function describePaging<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor } = fixture.definition;
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  describe(`${vendor}: paging`, () => {
    test.each([0, 1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 1])('%i numbers: every id exactly once, one request per page', async (n) => {
      const answer = fixture.paging.pager(n);
      const server = await startLoopbackServer((request, response) => {
        if (servers[0]!.requests.length > MAX_REQUESTS) return sendJson(response, 400, { message: 'the client is looping' });
        const [status, body] = answer(new URL(request.url, 'http://loopback'));
        sendJson(response, status, body);
      });
      servers.push(server);
      const provider = fixture.definition.createProvider({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 });
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await provider.list({ limit: PAGE_SIZE, cursor });
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && server.requests.length <= MAX_REQUESTS);
      expect(ids).toEqual(Array.from({ length: n }, (_, i) => fixture.paging.idOf(i)));
      expect(server.requests).toHaveLength(Math.max(1, Math.ceil(n / PAGE_SIZE)));
    });
  });
}
