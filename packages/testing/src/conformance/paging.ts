import { loadDescriptors } from '@switchboard/mocks';
import { afterEach, describe, expect, test } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../loopback.js';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { API_KEY, expectTypedError, failure } from './harness.js';

const PAGE_SIZE = 5;
/** More requests than any listing here needs: the client is looping. */
const MAX_REQUESTS = 60;

/**
 * Walking `list` page by page through a loopback server that pages like the vendor reads every
 * number once, one request a page; a server that breaks the paging contract gets what the facade
 * needs to stop: the cursor it repeats, or a typed error.
 */
export function describePaging<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor } = fixture.definition;
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** The provider on a loopback server answering each request with `answer(url)`, and the server. */
  async function serving(answer: (url: URL) => [number, unknown]) {
    const server = await startLoopbackServer((request, response) => {
      if (server.requests.length > MAX_REQUESTS) return sendJson(response, 400, { message: 'the client is looping' });
      const [status, body] = answer(new URL(request.url, 'http://loopback'));
      sendJson(response, status, body);
    });
    servers.push(server);
    return { provider: fixture.definition.createProvider({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 }), server };
  }

  describe(`${vendor}: paging`, () => {
    test.each([0, 1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 1])('%i numbers: every id exactly once, one request per page', async (n) => {
      const { provider, server } = await serving(fixture.paging.pager(n));
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

    test('a server stuck on its first page (it ignores the cursor) gives the same next cursor again, which the facade ends the walk on', async () => {
      const pager = fixture.paging.pager(3 * PAGE_SIZE);
      let first: URL | undefined;
      const { provider } = await serving((url) => {
        first ??= url;
        return pager(first);
      });
      const { nextCursor } = await provider.list({ limit: PAGE_SIZE, cursor: undefined });
      expect(nextCursor).not.toBeNull();
      expect((await provider.list({ limit: PAGE_SIZE, cursor: nextCursor! })).nextCursor).toBe(nextCursor);
    });

    test('a listed number without the field the vendor addresses it by is an InvalidResponseError, not a number without an id', async () => {
      // The field is the one the vendor's sandbox descriptor keys its numbers by.
      const [descriptor] = await loadDescriptors([vendor]);
      const pager = fixture.paging.pager(2);
      const { provider } = await serving((url) => {
        const [status, body] = pager(url);
        const items = Object.values(body as Record<string, unknown>).find(Array.isArray) as Record<string, unknown>[];
        delete items[0]![descriptor!.key];
        return [status, body];
      });
      const error = await failure(() => provider.list({ limit: PAGE_SIZE, cursor: undefined }));
      expectTypedError(error, 'InvalidResponseError', `a listed number without ${descriptor!.key}`);
      expect({ vendor: error.vendor, outcomeUnknown: error.outcomeUnknown }).toEqual({ vendor, outcomeUnknown: false });
    });
  });
}
