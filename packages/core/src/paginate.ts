import { PaginationError } from './errors.js';

/**
 * One page of a listing for `paginate`.
 * @deprecated Nothing in Switchboard uses it any more (the facade walks its pages itself); kept until the
 * next major version.
 */
export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * `paginate`'s options.
 * @deprecated Nothing in Switchboard uses it any more (the facade walks its pages itself); kept until the
 * next major version.
 */
export interface PaginateOptions<T> {
  vendor: string;
  /** Identity of an item, for de-duplication across pages. */
  key: (item: T) => string;
  /** Stop with a `PaginationError` rather than page forever. Default 10 000. */
  maxPages?: number;
}

/**
 * Every item of a paged listing, page after page, one page in memory at a time. Items seen on an
 * earlier page are skipped; a cursor the vendor already gave, or too many pages, end the listing
 * with a `PaginationError` instead of an endless loop.
 *
 * @deprecated Nothing in Switchboard uses it any more (the facade walks its pages itself); kept until the
 * next major version.
 */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, options: PaginateOptions<T>): AsyncGenerator<T> {
  const maxPages = options.maxPages ?? 10_000;
  const seenIds = new Set<string>();
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(cursor);
    for (const item of page.items) {
      const id = options.key(item);
      if (seenIds.has(id)) continue;
      seenIds.add(id);
      yield item;
    }
    if (page.nextCursor === null) return;
    if (seenCursors.has(page.nextCursor)) throw new PaginationError(options.vendor, pages, `the vendor repeated cursor "${page.nextCursor}"`);
    if (pages >= maxPages) throw new PaginationError(options.vendor, pages, `the page cap of ${maxPages} was reached`);
    seenCursors.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}
