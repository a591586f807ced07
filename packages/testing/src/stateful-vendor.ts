import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopback.js';
import { specPath } from './vendors.js';

/**
 * A vendor's phone-number API that remembers: an in-memory store of the vendor's own number
 * objects behind the routes of its spec. Nothing in it is written per vendor; every route is read
 * from `specs/<vendor>/openapi.yaml`:
 *
 * - a `GET` without a path parameter or required query parameter lists: it answers the spec's list
 *   shape (a bare array, or an object whose array property holds the numbers) with every number on
 *   one page, the other required fields of the page saying so (`false` flags, page 1, counts of
 *   all, `null` cursors);
 * - a `GET` that names a number (by a path parameter or a required query parameter) answers it;
 * - a write with a body that names a number updates it: the body's fields replace the number's,
 *   and one that names an object by id (`agent_id`) where the number holds that object (`agent`)
 *   replaces its id (`null` clears the object);
 * - anything else (creates, releases, searches) answers 501, so a test that reaches one fails loudly.
 *
 * A number is named by the value of any of its top-level text fields (its id, its number), with or
 * without a leading `+`, as vendors that address numbers by the number itself take them.
 */
export interface StatefulVendorServer extends LoopbackServer {
  readonly vendor: string;
  /** The numbers the vendor holds now, as its API returns them. */
  readonly numbers: Record<string, unknown>[];
  /** From now on answer every update (`'writes'`) or every request with `status`; `null` heals. */
  fail(fault: { status: number; on: 'writes' | 'everything' } | null): void;
}

type Json = Record<string, unknown>;
type Route =
  | { kind: 'list'; pattern: RegExp; method: string; answer: (all: readonly Json[]) => unknown }
  | { kind: 'get' | 'update'; pattern: RegExp; method: string; address: { in: 'path' } | { in: 'query'; name: string }; notFound: number }
  | { kind: 'unserved'; pattern: RegExp; method: string };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

export async function startStatefulVendor(vendor: string, numbers: readonly Json[]): Promise<StatefulVendorServer> {
  const routes = readRoutes(vendor);
  const held = numbers.map((number) => structuredClone(number));
  let fault: { status: number; on: 'writes' | 'everything' } | null = null;

  const server = await startLoopbackServer((request, response) => {
    const url = new URL(request.url, 'http://loopback');
    const found = routes.flatMap((route) => {
      const match = request.method === route.method ? route.pattern.exec(url.pathname) : null;
      return match ? [{ route, match }] : [];
    })[0];
    if (!found) return sendJson(response, 404, { message: `no route ${request.method} ${url.pathname} in the ${vendor} spec` });
    const { route, match } = found;
    if (fault && (fault.on === 'everything' || route.kind === 'update')) return sendJson(response, fault.status, { message: 'injected failure' });
    if (route.kind === 'unserved')
      return sendJson(response, 501, { message: `the stateful ${vendor} test server does not serve ${request.method} ${url.pathname}` });
    if (route.kind === 'list') return sendJson(response, 200, route.answer(held));

    const key = route.address.in === 'path' ? decodeURIComponent(match[1]!) : (url.searchParams.get(route.address.name) ?? '');
    const number = held.find((candidate) => isNamedBy(candidate, key));
    if (!number) return sendJson(response, route.notFound, { message: 'phone number not found' });
    if (route.kind === 'update') update(number, JSON.parse(request.body || '{}') as Json);
    sendJson(response, 200, number);
  });
  return {
    ...server,
    vendor,
    numbers: held,
    fail(next) {
      fault = next;
    },
  };
}

/** The routes of a vendor's spec, classified as the comment of `StatefulVendorServer` says. */
function readRoutes(vendor: string): Route[] {
  const spec = parse(readFileSync(specPath(vendor), 'utf8')) as Json;
  const resolve = (node: unknown): Json => {
    let current = node as Json;
    while (typeof current?.$ref === 'string') {
      current = (current.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Json>((parent, part) => parent[part] as Json, spec);
    }
    return current;
  };

  /** The value of a required field of a page that holds every number: no next page, page 1, counts of all, no cursor. */
  const lastPageValue = (name: string, property: Json, count: number): unknown => {
    const types = [property.type].flat();
    if (types.includes('object')) return requiredFields(property, (field, schema) => lastPageValue(field, schema, count));
    if (types.includes('boolean')) return false;
    if (types.includes('integer') || types.includes('number')) return /page/i.test(name) && !/per/i.test(name) ? 1 : count;
    return null;
  };
  const requiredFields = (schema: Json, value: (name: string, property: Json) => unknown): Json =>
    Object.fromEntries(((schema.required as string[]) ?? []).map((name) => [name, value(name, resolve((schema.properties as Json)[name]))]));

  return Object.entries(spec.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((lower): Route => {
      const operation = item[lower] as Json;
      const method = lower.toUpperCase();
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
      const parameters = [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])].map(resolve);
      const query = parameters.find((parameter) => parameter.in === 'query' && parameter.required === true);
      const responses = operation.responses as Record<string, unknown>;
      const statuses = Object.keys(responses).map(Number);
      const notFound = [404, 422, 400].find((status) => statuses.includes(status)) ?? 404;
      const address = /\{[^}]+\}/.test(path) ? { in: 'path' as const } : query ? { in: 'query' as const, name: query.name as string } : null;

      if (method === 'GET' && address) return { kind: 'get', pattern, method, address, notFound };
      if (method === 'GET') {
        const success = resolve(responses['200']);
        const schema = resolve((success.content as Record<string, Json>)['application/json']!.schema);
        if (schema.type === 'array') return { kind: 'list', pattern, method, answer: (all) => all };
        const properties = schema.properties as Json;
        const itemsField = Object.keys(properties).find((name) => resolve(properties[name]).type === 'array');
        return {
          kind: 'list',
          pattern,
          method,
          answer: (all) => requiredFields(schema, (name, property) => (name === itemsField ? all : lastPageValue(name, property, all.length))),
        };
      }
      if (address && operation.requestBody) return { kind: 'update', pattern, method, address, notFound };
      return { kind: 'unserved', pattern, method };
    }),
  );
}

/** An update's fields into the number; `x_id` into the object `x` the number holds instead of an `x_id` of its own. */
function update(number: Json, body: Json): void {
  for (const [field, value] of Object.entries(body)) {
    const object = field.endsWith('_id') && !(field in number) ? field.slice(0, -3) : undefined;
    if (object !== undefined && object in number) number[object] = value === null ? null : { ...(number[object] as Json | null), id: value };
    else number[field] = value;
  }
}

/** Whether `key` names `number`: any top-level text field equal to it, a leading `+` aside. */
function isNamedBy(number: Json, key: string): boolean {
  const bare = key.replace(/^\+/, '');
  return Object.values(number).some((value) => typeof value === 'string' && value.replace(/^\+/, '') === bare);
}

/** A number as a test describes it, vendor-neutral. */
export interface HeldNumberSeed {
  /** The vendor's id (for vendors that address numbers by the number, the number is used). */
  id: string;
  number: string;
  agent: string | null;
  name?: string | null;
}

/**
 * The vendor's own object for a number, in its spec's shape, to seed a stateful vendor with: the
 * required fields of the spec's number schema and the fields the provider maps `agentId` and
 * `name` from. A vendor not here throws; add its shape beside the others.
 */
export function vendorNumber(vendor: string, { id, number, agent, name = null }: HeldNumberSeed): Record<string, unknown> {
  switch (vendor) {
    case 'vapi':
      return {
        provider: 'vapi',
        id,
        orgId: 'org-1',
        createdAt: '2026-01-05T10:00:00.000Z',
        updatedAt: '2026-01-05T10:00:00.000Z',
        number,
        assistantId: agent,
        name,
      };
    case 'vocode':
      // Vocode writes numbers without the `+`.
      return { id, user_id: 'user-1', number: number.replace(/^\+/, ''), active: true, label: name ?? '', inbound_agent: agent };
    case 'vogent':
      return { id, number, type: 'PSTN', agentId: agent };
    case 'retell':
      return {
        phone_number: number,
        phone_number_type: 'retell-twilio',
        last_modification_timestamp: 1767607200000,
        nickname: name,
        inbound_agents: agent === null ? null : [{ agent_id: agent, weight: 1 }],
      };
    case 'cartesia':
      return {
        id,
        label: name,
        number,
        agent: agent === null ? null : { id: agent, name: agent },
        created_at: '2026-01-05T10:00:00Z',
        updated_at: '2026-01-05T10:00:00Z',
        provider: { type: 'cartesia' },
      };
    default:
      throw new Error(`no test shape of a ${vendor} number: add one to vendorNumber (packages/testing/src/stateful-vendor.ts)`);
  }
}
