import { PaginationError } from '@switchboard/core';
import type { AnyPhoneNumberProvider, ProviderPhoneNumber, ProviderPhoneNumberPage } from '@switchboard/provider';

/** The default of `maxPages`. */
export const MAX_PAGES = 10_000;

/**
 * Every number of a listing, page after page, one page in memory at a time. A cursor the vendor
 * already gave, or more pages than `maxPages`, end the listing in a `PaginationError` instead of
 * an endless loop.
 *
 * A number is skipped when its id was on the page before or earlier on the same page, and only
 * those ids are kept: two pages of ids, however long the listing (the cursors are kept too, one
 * per page, for the repeat check). A number shows up twice when the listing changes while it runs.
 * Under offset or page-number paging (Vapi, Vocode) a number added before the read position shifts
 * every later one by a place, so the last of a page is read again at the start of the next; a
 * shift by more than a page between two requests is not caught. A cursor (Vogent, Retell) is a
 * position after the last number sent: it repeats a number only when the vendor's order changes
 * under it, which is caught across one page boundary as well, and not further apart.
 */
export async function* walkPages<P extends AnyPhoneNumberProvider>(
  fetchPage: (cursor: string | undefined) => Promise<ProviderPhoneNumberPage<P>>,
  vendor: string,
  maxPages = MAX_PAGES,
): AsyncGenerator<ProviderPhoneNumber<P>> {
  // Each cursor the vendor gave, with the page it came on: a cycle can be of any length.
  const cursors = new Map<string, number>();
  let previousIds = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(cursor);
    const pageIds = new Set<string>();
    for (const item of page.items) {
      if (previousIds.has(item.id) || pageIds.has(item.id)) continue;
      pageIds.add(item.id);
      yield item;
    }
    previousIds = pageIds;
    const next = page.nextCursor;
    if (next === null) return;
    // The cursor is not quoted: it is vendor text, which could echo a secret.
    const first = cursors.get(next);
    if (first !== undefined) throw new PaginationError(vendor, pages, `the vendor repeated the cursor it gave on page ${first}`);
    if (pages >= maxPages) throw new PaginationError(vendor, pages, `the page cap of ${maxPages} was reached`);
    cursors.set(next, pages);
    cursor = next;
  }
}
