import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { Fault, FaultRequest } from '../fault-server.js';
import { specPath } from '../vendors.js';
import type { ConformanceProvider, ProviderFixture } from './fixture.js';
import { API_KEY, failure, leaks, sendCreate, withFaults } from './harness.js';

/** Error answers that quote the request back: in free text, under secret keys, and the raw body. */
function echoFaults(secrets: readonly string[]): [string, (request: FaultRequest) => Fault][] {
  const text = [API_KEY, ...secrets].join(' / ');
  return [
    ['echo 400 (free text and secret keys)', () => ({ kind: 'echo', status: 400, extra: { message: `bad token ${text}`, password: secrets[0] ?? API_KEY } })],
    [
      'echo 422 (a message per field)',
      () => ({ kind: 'echo', status: 422, extra: { message: secrets.map((s) => `field rejected: ${s}`).concat(`key ${API_KEY}`) } }),
    ],
    ['500 plain-text body', () => ({ kind: 'status', status: 500, body: `Internal error while using ${text}` })],
    ['502 HTML body', () => ({ kind: 'status', status: 502, headers: { 'content-type': 'text/html' }, body: `<html>proxy error ${text}</html>` })],
    ['429 over 60 s, quoting the key', () => ({ kind: 'status', status: 429, headers: { 'retry-after': '3600' }, body: { message: `slow down ${text}` } })],
    ['commit then 503', () => ({ kind: 'commit-then-status', status: 503, body: { message: `unavailable ${text}` } })],
    ['400 quoting the raw request body', (request) => ({ kind: 'status', status: 400, body: `could not parse the body: ${request.body}` })],
    [
      'secrets echoed in headers',
      () => ({
        kind: 'status',
        status: 400,
        headers: { 'x-request-id': text, 'content-type': `application/json; echo=${secrets[0] ?? API_KEY}` },
        body: { message: 'bad request' },
      }),
    ],
  ];
}

type Node = Record<string, unknown> | undefined;

/**
 * Whether the JSON body of any of these creates (`METHOD /path`: a create's path has no
 * parameters) can hold a field the vendor's spec marks `x-secret`, at any depth, `$ref`s followed.
 */
function bodiesCanHoldSecrets(vendor: string, keys: readonly string[]): boolean {
  const spec = parse(readFileSync(specPath(vendor), 'utf8')) as Node;
  const resolve = (node: unknown): Node => {
    let current = node as Node;
    for (let hops = 0; typeof current?.$ref === 'string' && hops < 32; hops++) {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce<Node>((at, part) => at?.[part.replaceAll('~1', '/').replaceAll('~0', '~')] as Node, spec);
    }
    return current;
  };
  const visited = new Set<Node>();
  const holdsSecret = (schema: unknown): boolean => {
    const node = resolve(schema);
    if (!node || visited.has(node)) return false;
    visited.add(node);
    const variants = [node.allOf, node.anyOf, node.oneOf].flatMap((list) => (Array.isArray(list) ? list : []));
    return node['x-secret'] === true || [...Object.values(node.properties ?? {}), node.items, node.additionalProperties, ...variants].some(holdsSecret);
  };
  return keys.some((key) => {
    const [method = '', path = ''] = key.split(' ');
    const operation = resolve(resolve(resolve(spec?.paths)?.[path])?.[method.toLowerCase()]);
    if (!operation) throw new Error(`${vendor}'s spec has no operation ${key}`);
    const body = resolve(operation.requestBody) as { content?: Record<string, { schema?: unknown }> } | undefined;
    return holdsSecret(body?.content?.['application/json']?.schema);
  });
}

/** A call's timeout where the server never answers; elsewhere, one that a loaded machine does not outrun. */
const HANG_TIMEOUT_MS = 200;
const ANSWER_TIMEOUT_MS = 5_000;

const TRANSPORT_FAULTS: [string, Fault, number][] = [
  ['connection dropped', 'drop', ANSWER_TIMEOUT_MS],
  ['connection dropped after the commit', 'drop-after-commit', ANSWER_TIMEOUT_MS],
  ['timeout (no answer)', { kind: 'hang' }, HANG_TIMEOUT_MS],
  ['non-JSON 200', 'garbage', ANSWER_TIMEOUT_MS],
  // biome-ignore lint/suspicious/noThenProperty: the fault server's `then` is a string, never a thenable.
  ['truncated body', { kind: 'truncated', then: 'destroy' }, ANSWER_TIMEOUT_MS],
];

/**
 * No secret (the API key, any `x-secret` value the call sent) reaches an error or an event, on
 * every error path: echoed in bodies and headers, and on transport failures.
 */
export function describeRedaction<P extends ConformanceProvider>(fixture: ProviderFixture<P>): void {
  const { vendor } = fixture.definition;
  const calls = [
    ...fixture.creates
      .filter((create) => create.secrets.length > 0)
      .map((create) => ({ name: create.name, secrets: create.secrets, call: (provider: P) => sendCreate(provider, create) })),
    { ...fixture.get, secrets: [] },
    { ...fixture.list, secrets: [] },
  ];

  describe(`${vendor}: redaction`, () => {
    // A spec's secrets may belong to operations no create sends (credentials a vendor links on their own).
    test('at least one create carries a secret field, when the bodies its creates send can hold any', () => {
      const creates = fixture.creates.map((create) => create.key);
      if (bodiesCanHoldSecrets(vendor, creates)) expect(calls.length).toBeGreaterThan(2);
    });

    test.for(calls.map((call) => [call.name, call] as const))('%s: no secret in errors or events', { timeout: 20_000 }, async ([, call]) => {
      const faults = [
        ...echoFaults(call.secrets).map(([name, fault]) => [name, fault, ANSWER_TIMEOUT_MS] as const),
        ...TRANSPORT_FAULTS.map(([name, fault, timeoutMs]) => [name, () => fault, timeoutMs] as const),
      ];
      for (const [name, fault, timeoutMs] of faults) {
        await withFaults(
          vendor,
          (request, index) => (index === 0 ? fault(request) : undefined),
          async (server) => {
            const events: unknown[] = [];
            const provider = fixture.definition.createProvider({
              apiKey: API_KEY,
              baseUrl: server.url,
              maxRetries: 0,
              timeoutMs,
              onEvent: (event) => events.push(event),
            });
            const error = await failure(() => call.call(provider));
            const label = `${call.name}, ${name}`;
            expect(leaks(error, events, [API_KEY, ...call.secrets]), label).toEqual([]);
            // The secrets did go out (the key in whichever header the vendor's spec names), so what came back could carry them.
            const [request] = server.requests;
            expect(Object.values(request?.headers ?? {}).join('\n'), label).toContain(API_KEY);
            for (const secret of call.secrets) expect(request?.body, label).toContain(secret);
          },
        );
      }
    });
  });
}
