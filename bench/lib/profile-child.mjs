// The profiled process of bench/profile.mjs: one contender, `requests` calls, 16 in flight.
import { createPhoneNumbers } from '@switchboard/phone-numbers';
import { createVapiClient } from '@switchboard/vapi';
import createClient from 'openapi-fetch';
import { spawnServer } from './child.mjs';

const [contender, requests, limit, create] = process.argv.slice(2);
const server = await spawnServer({ total: Math.max(100, Number(limit)) });
const API_KEY = 'bench-api-key-0123456789';
const headers = { Authorization: `Bearer ${API_KEY}` };
const query = { page: 1, limit: Number(limit) };
const purchase = { provider: 'vapi', numberDesiredAreaCode: '415' };
const bare = createClient({ baseUrl: server.url, headers });
const vapi = createVapiClient({ apiKey: API_KEY, baseUrl: server.url });
const facade = createPhoneNumbers({ vendor: 'vapi', apiKey: API_KEY, baseUrl: server.url });
const CALLS = {
  list: {
    raw: async () => (await fetch(`${server.url}/v2/phone-number?page=1&limit=${limit}`, { headers })).json(),
    'openapi-fetch': () => bare.GET('/v2/phone-number', { params: { query } }),
    client: () => vapi.GET('/v2/phone-number', { params: { query } }),
    facade: () => facade.list({ limit: Number(limit) }),
  },
  create: {
    raw: async () =>
      (
        await fetch(`${server.url}/phone-number`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(purchase),
        })
      ).json(),
    'openapi-fetch': () => bare.POST('/phone-number', { body: purchase }),
    client: () => vapi.POST('/phone-number', { body: purchase }),
    facade: () => facade.create({ type: 'purchase', areaCode: '415' }),
  },
};
const call = CALLS[create === 'true' ? 'create' : 'list'][contender];
if (!call) throw new Error(`no contender "${contender}": choose from ${Object.keys(CALLS.list).join(', ')}`);
let next = 0;
const worker = async () => {
  while (next++ < Number(requests)) await call();
};
await Promise.all(Array.from({ length: 16 }, worker));
await server.stop();
