// How each vendor's listing pages, as its spec says: the loopback servers of the inventory section
// answer this way, and its bound (raw fetch) walks this way. The page-size parameter's default and
// documented maximum, and the bodies of the numbers (the spec's own list examples), are read from
// specs/<vendor>/openapi.yaml, so the servers follow the specs when they change.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A deterministic, unique, UUID-shaped id and E.164 number for the i-th number of a vendor. */
const uuidOf = (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const e164Of = (i) => `+1415${String(5_000_000 + i).padStart(7, '0')}`;
const indexOfE164 = (number) => Number(number.slice(5)) - 5_000_000;
/** An opaque cursor in query parameter `parameter`: the offset of the next page, base64url-encoded. */
const offsetCursor = (parameter) => ({
  parameter,
  offsetOf: (cursor) => Number(Buffer.from(cursor, 'base64url').toString()),
  after: (offset) => Buffer.from(String(offset)).toString('base64url'),
});

/**
 * Per vendor: its list operation, the query parameters of the page size and of the position (a
 * page number, or a cursor), the number at an index, a page's answer, and the next position a
 * page's answer gives (null on the last page).
 */
const PAGING = {
  vapi: {
    path: '/v2/phone-number',
    sizeParameter: 'limit',
    position: { parameter: 'page', numbered: true },
    items: (body) => body.results,
    numberAt: (example, i) => ({ ...example, id: uuidOf(i), ...('number' in example ? { number: e164Of(i) } : {}) }),
    answer: ({ items, page, size, total }) => ({ results: items, metadata: { itemsPerPage: size, totalItems: total, currentPage: page } }),
    next: ({ metadata: { currentPage, itemsPerPage, totalItems } }) => (currentPage * itemsPerPage < totalItems ? String(currentPage + 1) : null),
  },
  vocode: {
    path: '/numbers/list',
    sizeParameter: 'size',
    position: { parameter: 'page', numbered: true },
    items: (body) => body.items,
    numberAt: (example, i) => ({ ...example, id: uuidOf(i), number: e164Of(i).slice(1) }),
    answer: ({ items, page, size, total, more }) => ({ items, page, size, has_more: more, total, total_is_estimated: false }),
    next: ({ has_more, page }) => (has_more ? String(page + 1) : null),
  },
  vogent: {
    path: '/phone_numbers',
    sizeParameter: 'limit',
    position: offsetCursor('cursor'),
    items: (body) => body.data,
    numberAt: (example, i) => ({ ...example, id: uuidOf(i), number: e164Of(i) }),
    answer: ({ items, more, offset, size, position }) => ({ data: items, cursor: more ? position.after(offset + size) : null }),
    next: ({ cursor }) => cursor,
  },
  cartesia: {
    path: '/agents/phone-numbers',
    sizeParameter: 'limit',
    // The next page starts after the last number's id.
    position: { parameter: 'starting_after', offsetOf: (id) => Number.parseInt(id.slice(-12), 16) + 1 },
    items: (body) => body.data,
    numberAt: (example, i) => ({ ...example, id: uuidOf(i), number: e164Of(i) }),
    answer: ({ items, more }) => ({ data: items, has_more: more }),
    next: ({ data, has_more }) => (has_more ? data.at(-1).id : null),
  },
  retell: {
    path: '/v2/list-phone-numbers',
    sizeParameter: 'limit',
    // As in Retell's example: the key is the last number of the page before.
    position: { parameter: 'pagination_key', offsetOf: (key) => indexOfE164(key) + 1 },
    items: (body) => body.items,
    numberAt: (example, i) => ({ ...example, phone_number: e164Of(i) }),
    answer: ({ items, more }) => (more ? { items, has_more: true, pagination_key: items.at(-1).phone_number } : { items, has_more: false }),
    next: ({ has_more, pagination_key }) => (has_more ? pagination_key : null),
  },
  elevenlabs: {
    path: '/v1/convai/v2/phone-numbers',
    sizeParameter: 'page_size',
    position: offsetCursor('cursor'),
    items: (body) => body.phone_numbers,
    numberAt: (example, i) => ({ ...example, phone_number_id: `phnum_${String(i).padStart(20, '0')}`, phone_number: e164Of(i) }),
    answer: ({ items, more, offset, size, position }) => ({ phone_numbers: items, next_cursor: more ? position.after(offset + size) : null, has_more: more }),
    next: ({ next_cursor }) => next_cursor,
  },
};

/** The facade's own ceiling for a page, which it also asks a vendor that documents no maximum for. */
export const FACADE_MAX_PAGE_SIZE = 1000;

/** The pager of every vendor in `vendors`; a vendor without one here stops the section, naming this file. */
export function pagersFor(vendors) {
  return Object.fromEntries(vendors.map((vendor) => [vendor, pagerOf(vendor)]));
}

function pagerOf(vendor) {
  const paging = PAGING[vendor];
  if (!paging) throw new Error(`no inventory pager for ${vendor}: describe how its listing pages in bench/lib/inventory-pagers.mjs`);
  const spec = parse(readFileSync(new URL(`../../specs/${vendor}/openapi.yaml`, import.meta.url), 'utf8'));
  const operation = spec.paths[paging.path].get;
  const component = (ref) => ref.split('/').at(-1);
  const parameters = operation.parameters.map((parameter) => (parameter.$ref ? spec.components.parameters[component(parameter.$ref)] : parameter));
  const { schema } = parameters.find((parameter) => parameter.name === paging.sizeParameter);
  const sizeSchema = schema.$ref ? spec.components.schemas[component(schema.$ref)] : schema;
  const examples = Object.values(operation.responses['200'].content['application/json'].examples).flatMap(({ value }) => paging.items(value));
  if (examples.length === 0) throw new Error(`the ${vendor} spec's list examples hold no number to build pages from`);
  return {
    ...paging,
    defaultPageSize: sizeSchema.default,
    /** The spec's `maximum` of the page size, undefined where the vendor documents none. */
    documentedMaxPageSize: sizeSchema.maximum,
    numberAt: (i) => paging.numberAt(examples[i % examples.length], i),
  };
}
