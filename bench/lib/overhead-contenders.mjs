// The contenders of the overhead section (lib/overhead.mjs): the same calls to the same loopback
// server, made by each client. Run in lib/overhead-sampler.mjs, one process per family.

import { createPhoneNumbers } from '@switchboard/phone-numbers';
import { createVapiClient } from '@switchboard/vapi';
import { VapiClient } from '@vapi-ai/server-sdk';
import createClient from 'openapi-fetch';

const API_KEY = 'bench-api-key-0123456789';
export const LIMITS = { list: 10, 'list 100': 100 };

/**
 * Which process each contender runs in. Our clients send through node:http on Node, and a process
 * that also uses node:http makes undici's fetch cost about 1.5× the CPU per request it costs in a
 * process of its own (measured: raw fetch 394 → 582 µs, interleaved with a plain node:http client
 * as much as with ours; our node:http client costs no more beside fetch). So the fetch stack (raw
 * fetch, openapi-fetch, Vapi's SDK) and our clients each run in a process of their own, and are
 * each measured as an app using only them would run them.
 */
export const FAMILIES = {
  'fetch stack': ['raw fetch', 'raw fetch + timeout', 'openapi-fetch', 'Vapi SDK'],
  ours: ['createVapiClient', 'facade'],
};

/**
 * The calls of one family, per operation. On the fetch path (`fetchPath`) only `list` and
 * `create`, without openapi-fetch, which has no path of ours.
 */
export function contenders(baseUrl, family, fetchPath) {
  const headers = { Authorization: `Bearer ${API_KEY}` };
  const bare = createClient({ baseUrl, headers });
  const vapi = createVapiClient({ apiKey: API_KEY, baseUrl });
  const facade = createPhoneNumbers({ vendor: 'vapi', apiKey: API_KEY, baseUrl });
  const sdk = new VapiClient({ token: API_KEY, baseUrl });

  const purchase = { provider: 'vapi', numberDesiredAreaCode: '415' };
  const json = async (response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
  /** fetch + res.json() within a timeout that aborts the request, as the transport's attempts do. */
  const timedJson = async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await json(await fetch(url, { ...init, signal: controller.signal }));
    } finally {
      clearTimeout(timer);
    }
  };

  // Each call returns something to check, so no contender is timed doing less than the others.
  // The SDK's `list()` is GET /phone-number (the unpaged v1 listing): the server answers it with a
  // bare array of the same numbers, so the bytes parsed are the same as our v2 page's.
  const listing = (limit) => {
    const url = `${baseUrl}/v2/phone-number?page=1&limit=${limit}`;
    return {
      'raw fetch': async () => (await json(await fetch(url, { headers }))).results,
      'raw fetch + timeout': async () => (await timedJson(url, { headers })).results,
      'openapi-fetch': async () => (await bare.GET('/v2/phone-number', { params: { query: { page: 1, limit } } })).data.results,
      createVapiClient: async () => (await vapi.GET('/v2/phone-number', { params: { query: { page: 1, limit } } })).data.results,
      facade: async () => (await facade.list({ limit })).items,
      'Vapi SDK': async () => await sdk.phoneNumbers.list({ limit }),
    };
  };
  /** The raw contenders' create request, built per call as a client would (the body serialised each time). */
  const purchaseInit = () => ({ method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(purchase) });
  const all = {
    list: listing(LIMITS.list),
    'list 100': listing(LIMITS['list 100']),
    create: {
      'raw fetch': async () => json(await fetch(`${baseUrl}/phone-number`, purchaseInit())),
      'raw fetch + timeout': async () => timedJson(`${baseUrl}/phone-number`, purchaseInit()),
      'openapi-fetch': async () => (await bare.POST('/phone-number', { body: purchase })).data,
      createVapiClient: async () => (await vapi.POST('/phone-number', { body: purchase })).data,
      facade: async () => facade.create({ type: 'purchase', areaCode: '415' }),
      'Vapi SDK': async () => sdk.phoneNumbers.create(purchase),
    },
  };
  const names = FAMILIES[family].filter((name) => !(fetchPath && name === 'openapi-fetch'));
  return Object.fromEntries(
    (fetchPath ? ['list', 'create'] : Object.keys(all)).map((op) => [op, Object.fromEntries(names.map((name) => [name, all[op][name]]))]),
  );
}
