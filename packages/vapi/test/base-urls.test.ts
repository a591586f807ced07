import { prismUrl } from '@switchboard/testing';
import { expect, test } from 'vitest';
import { createVapiClient, vapiBaseUrls, vapiProvider } from '../src/index.js';

test("vapiBaseUrls: the spec's servers by region, the first as default; the provider's definition has the same", () => {
  expect(vapiBaseUrls).toEqual({ default: 'https://api.vapi.ai', eu: 'https://api.eu.vapi.ai' });
  expect(vapiProvider.baseUrls).toBe(vapiBaseUrls);
});

test('a client given vapiBaseUrls.eu sends its requests there', async () => {
  const sent: string[] = [];
  const client = createVapiClient({
    apiKey: 'test-key',
    baseUrl: vapiBaseUrls.eu,
    maxRetries: 0,
    // The request as it leaves the client, then answered by the Prism mock in the EU host's place.
    fetch: async (request) => {
      sent.push(request.url);
      const { pathname, search } = new URL(request.url);
      return fetch(`${prismUrl('vapi')}${pathname}${search}`, { headers: request.headers });
    },
  });
  const { data } = await client.GET('/v2/phone-number', { params: { query: { page: 1 } } });
  expect(data?.results.length).toBeGreaterThan(0);
  expect(sent).toEqual(['https://api.eu.vapi.ai/v2/phone-number?page=1']);
});
