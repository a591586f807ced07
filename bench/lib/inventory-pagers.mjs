// How each vendor's listing pages, derived from what the vendor already declares, so that a new
// vendor needs no line here: its sandbox descriptor (`@switchboard/<vendor>/sandbox`: which list
// operation pages, by which query parameters, and the answer it builds) and its spec (that
// operation's path, and the page size's default and documented maximum). The inventory section's
// loopback servers are the vendors' sandboxes, holding `total` numbers; its bound walks them with
// raw fetch, reading the way on from each answer where the descriptor puts it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSandboxVendor, loadDescriptors } from '@switchboard/mocks';
import { parse } from 'yaml';

/** The facade's own ceiling for a page, which it also asks a vendor that documents no maximum for. */
export const FACADE_MAX_PAGE_SIZE = 1000;

const specPath = (vendor) => fileURLToPath(new URL(`../../specs/${vendor}/openapi.yaml`, import.meta.url));
/** A deterministic, unique, UUID-shaped id and E.164 number for the i-th number of a vendor. */
const uuidOf = (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const e164Of = (i) => `+1415${String(5_000_000 + i).padStart(7, '0')}`;
/** Every seeded number is stamped with this time: the answers are the same in every run. */
const SEEDED_AT = new Date('2026-01-05T10:00:00.000Z');

/** The pager of every vendor in `vendors`, by vendor. */
export async function pagersFor(vendors) {
  const descriptors = await loadDescriptors(vendors);
  return Object.fromEntries(descriptors.map((descriptor) => [descriptor.vendor, pagerOf(descriptor)]));
}

/** The numbers of a list answer: the answer itself when it is an array, else its array property (as the sandbox reads them). */
const itemsOf = (body) => (Array.isArray(body) ? body : Object.values(body).find(Array.isArray));

/** The keys leading to the first place in `value` that holds `target`, or undefined. */
function pathTo(value, target) {
  if (value === target) return [];
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const rest = pathTo(child, target);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

/**
 * Where the descriptor's `answer` puts `probe` (a "more" flag, the next cursor), found by building
 * an answer with it: the bound reads the vendor's answers there.
 */
function placeOf(vendor, answer, probe) {
  const path = pathTo(answer, probe);
  if (!path) throw new Error(`${vendor}'s sandbox descriptor builds a list answer that does not say whether another page follows`);
  return (body) => path.reduce((at, key) => at?.[key], body);
}

/**
 * The position of the page after `body` (itself asked for at `position`, null for the first), or
 * null after the last, in each paging style the sandbox knows (descriptor.ts of @switchboard/mocks).
 */
function nextOf(descriptor, paging) {
  switch (paging.style) {
    case 'page': {
      const more = placeOf(descriptor.vendor, paging.answer([], { page: 1, limit: 1, total: 2 }), true);
      return (body, position) => (more(body) ? String(Number(position ?? 1) + 1) : null);
    }
    case 'cursor': {
      const cursor = placeOf(descriptor.vendor, paging.answer([], 'next-cursor'), 'next-cursor');
      return (body) => cursor(body) ?? null;
    }
    case 'after': {
      const more = placeOf(descriptor.vendor, paging.answer([], true), true);
      return (body) => (more(body) ? itemsOf(body).at(-1)[descriptor.key] : null);
    }
    default:
      throw new Error(`${descriptor.vendor}: no way on from a listing that pages in the style ${paging.style}`);
  }
}

function pagerOf(descriptor) {
  const { vendor } = descriptor;
  // The listing the provider walks: the one that pages (Vapi and ElevenLabs also keep an unpaged one).
  const paged = Object.entries(descriptor.operations).filter(([, operation]) => operation.kind === 'list' && operation.paging.style !== 'none');
  if (paged.length !== 1) throw new Error(`${vendor}'s sandbox descriptor has ${paged.length} paged list operations: the inventory needs exactly one`);
  const [[operationId, { paging }]] = paged;
  const spec = parse(readFileSync(specPath(vendor), 'utf8'));
  const [path, { get: operation }] = Object.entries(spec.paths).find(([, item]) => item.get?.operationId === operationId);
  const component = (ref) => ref.split('/').at(-1);
  const parameters = operation.parameters.map((parameter) => (parameter.$ref ? spec.components.parameters[component(parameter.$ref)] : parameter));
  const { schema } = parameters.find((parameter) => parameter.name === paging.limit);
  const sizeSchema = schema.$ref ? spec.components.schemas[component(schema.$ref)] : schema;
  return {
    path,
    sizeParameter: paging.limit,
    positionParameter: paging.style === 'page' ? paging.page : paging.style === 'cursor' ? paging.cursor : paging.after,
    defaultPageSize: sizeSchema.default,
    /** The spec's `maximum` of the page size, undefined where the vendor documents none. */
    documentedMaxPageSize: sizeSchema.maximum,
    items: itemsOf,
    next: nextOf(descriptor, paging),
    /** The vendor's sandbox, holding `total` numbers, as the descriptor holds a number a test describes. */
    sandbox: (total) =>
      createSandboxVendor(descriptor, specPath(vendor), {
        seeds: Array.from({ length: total }, (_, i) => ({ id: uuidOf(i), number: e164Of(i), agent: null, name: null })),
        now: () => SEEDED_AT,
      }),
  };
}
