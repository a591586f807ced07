import { PaginationError } from '@switchboard/core';
import type { ProviderPhoneNumber, ProviderPhoneNumberPage } from '@switchboard/provider';

/** The default of `maxPages`. */
export const MAX_PAGES = 10_000;

/**
 * The most requests a walk over numbered pages has in flight: the page it reads next, and the
 * pages after it that it asks for before their turn.
 */
export const READ_AHEAD = 4;

/** A page as the walk reads it: a numbered listing's page may say which page is the last. */
export interface WalkedPage<P> extends ProviderPhoneNumberPage<P> {
  lastPage?: number;
}

export interface WalkOptions {
  vendor: string;
  maxPages: number;
  /** Whether the cursors are page numbers (`'1'`, `'2'`, …), so that pages can be asked for ahead. */
  numberedPages: boolean;
  /** The caller's signal: it cancels every request of the walk. */
  signal?: AbortSignal;
}

/**
 * Every number of a listing, a page at a time: each page's numbers less those it repeats (a page
 * of nothing new is not yielded). A cursor the vendor already gave, or more pages than `maxPages`,
 * end the listing in a `PaginationError` instead of an endless loop.
 *
 * The next page is asked for as soon as its cursor is known, before the page that gave it is
 * yielded, so its round trip overlaps the caller's work. Numbered pages are also asked for further
 * ahead: with page n the walk asks for the pages after it, up to `READ_AHEAD` requests in flight,
 * never past the last page the vendor reported (`lastPage`) nor past the page cap. Pages are read
 * in order, so what is yielded, and when the listing ends, are as if they were asked for one by
 * one; when a page names a next page that is not the one after it, reading ahead stops for the
 * rest of the walk and the pages asked for ahead are dropped unread. When the walk ends (its last
 * page, an error, a caller who stops early), its requests still in flight are aborted.
 *
 * A number is skipped when its id was on the page before or earlier on the same page, and only
 * those ids are kept: two pages of ids, however long the listing. Besides them the walk holds the
 * pages that arrived before their turn (at most `READ_AHEAD - 1`) and one cursor per page, for the
 * repeat check. A number shows up twice when the listing changes while it runs. Under offset or
 * page-number paging (Vapi, Vocode) a number added before the read position shifts every later one
 * by a place, so the last of a page is read again at the start of the next; a shift by more than a
 * page between two requests is not caught. A cursor (Vogent, Retell) is a position after the last
 * number sent: it repeats a number only when the vendor's order changes under it, which is caught
 * across one page boundary as well, and not further apart.
 */
export async function* walkPages<P>(
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<WalkedPage<P>>,
  { vendor, maxPages, numberedPages, signal }: WalkOptions,
): AsyncGenerator<ProviderPhoneNumber<P>[]> {
  // Each cursor the vendor gave, with the page it came on: a cycle can be of any length.
  const cursors = new Map<string, number>();
  let previousIds = new Set<string>();
  // The signal of every request: the caller's cancellation, and the walk's end while requests of
  // pages it will not read are in flight.
  const walk = new AbortController();
  const cancel = () => walk.abort(signal!.reason);
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  // Numbered pages asked for before their turn, by cursor; `dropped` once some were dropped unread.
  const ahead = new Map<string, Promise<WalkedPage<P>>>();
  let readingAhead = numberedPages;
  let dropped = false;

  /** The page at `cursor`, the walk's page `index`: asked for now unless it was asked for ahead, with the pages after it. */
  const ask = (cursor: string, index: number, lastPage: number | undefined) => {
    const page = ahead.get(cursor) ?? fetchPage(cursor, walk.signal);
    ahead.delete(cursor);
    if (readingAhead && Number.isSafeInteger(lastPage)) {
      const number = Number(cursor);
      const until = Math.min(number + READ_AHEAD - 1, lastPage!, number + maxPages - index);
      for (let later = number + 1; later <= until; later++) {
        if (ahead.has(String(later))) continue;
        const request = fetchPage(String(later), walk.signal);
        // Its failure is the walk's when the walk reaches it, and no one's if it never does.
        request.catch(() => {});
        ahead.set(String(later), request);
      }
    }
    return page;
  };

  let current = fetchPage(undefined, walk.signal);
  // Whether `current` was asked for and not read yet.
  let unread = true;
  try {
    let pageNumber = 1;
    for (let pages = 1; ; pages++) {
      const page = await current;
      unread = false;
      const next = page.nextCursor;
      if (readingAhead && next !== null && next !== String(pageNumber + 1)) {
        readingAhead = false;
        dropped = ahead.size > 0;
        ahead.clear();
      }
      // Why the walk stops after this page's numbers. The cursor is not quoted: it is vendor text, which could echo a secret.
      let stop: string | undefined;
      if (next !== null) {
        const repeatedFrom = cursors.get(next);
        if (repeatedFrom !== undefined) stop = `the vendor repeated the cursor it gave on page ${repeatedFrom}`;
        else if (pages >= maxPages) stop = `the page cap of ${maxPages} was reached`;
        else {
          cursors.set(next, pages);
          current = ask(next, pages + 1, page.lastPage);
          unread = true;
          pageNumber = Number(next);
        }
      }
      const pageIds = new Set<string>();
      const fresh: ProviderPhoneNumber<P>[] = [];
      for (const item of page.items) {
        if (previousIds.has(item.id) || pageIds.has(item.id)) continue;
        pageIds.add(item.id);
        fresh.push(item);
      }
      previousIds = pageIds;
      if (fresh.length > 0) yield fresh;
      if (next === null) return;
      if (stop !== undefined) throw new PaginationError(vendor, pages, stop);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    if (unread || ahead.size > 0 || dropped) walk.abort();
  }
}

/** The numbers of a walk's pages, one by one. */
export async function* eachNumber<T>(pages: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const page of pages) for (const number of page) yield number;
}
