import { type CallOptions, PaginationError } from '@switchboard/core';
import type { PhoneNumber, ProviderListPage } from '@switchboard/provider';

/** The default of `maxPages`. */
export const MAX_PAGES = 10_000;

/**
 * The most requests a walk over numbered pages has in flight: the page it reads next, and the
 * pages after it that it asks for before their turn.
 */
export const READ_AHEAD = 4;

/**
 * Every number of a listing, page after page, each page's numbers less those it repeats. A cursor
 * the vendor already gave, or more pages than `maxPages`, end the listing in a `PaginationError`
 * instead of an endless loop.
 *
 * The next page is asked for as soon as its cursor is known, before the numbers of the page that
 * gave it are yielded, so its round trip overlaps the caller's work. A numbered page (one that
 * says which page is the last, `lastPage`) has the pages after it asked for too, up to
 * `READ_AHEAD` requests in flight, never past the last page nor past the page cap. Pages are read
 * in order, so what is yielded, and when the listing ends, are as if they were asked for one by
 * one; once a page names a next page that is not the one after it, pages are asked for one at a
 * time. Each request gets `call` with a signal of the walk's own: when the walk ends (its last
 * page, an error, a caller who stops early) its requests still in flight are aborted, and so are
 * they all when `call.signal` aborts.
 *
 * A number is skipped when its id was on the page before or earlier on the same page, and only
 * those ids are kept: two pages of ids, however long the listing. Besides them the walk holds the
 * pages that arrived before their turn (fewer than `READ_AHEAD`) and one cursor per page, for the
 * repeat check. A number shows up twice when the listing changes while it runs. Under offset or
 * page-number paging (Vapi, Vocode) a number added before the read position shifts every later one
 * by a place, so the last of a page is read again at the start of the next; a shift by more than a
 * page between two requests is not caught. A cursor (Vogent, Retell, Cartesia) is a position after
 * the last number sent: it repeats a number only when the vendor's order changes under it, which
 * is caught across one page boundary as well, and not further apart.
 */
export async function* walkPages(
  fetchPage: (cursor: string | undefined, call: CallOptions) => Promise<ProviderListPage>,
  vendor: string,
  maxPages: number,
  call: CallOptions | undefined,
): AsyncGenerator<PhoneNumber> {
  // Each cursor the vendor gave, with the page it came on: a cycle can be of any length.
  const cursors = new Map<string, number>();
  let previousIds = new Set<string>();
  // The signal of every request: aborted by the caller's, and when the walk ends (which also
  // removes the walk's listener from the caller's signal).
  const walk = new AbortController();
  const signal = call?.signal;
  const cancel = () => walk.abort(signal!.reason);
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { signal: walk.signal });
  const pageCall = { ...call, signal: walk.signal };
  // The pages asked for and not read yet, by cursor: the next one and, of numbered pages, those after it.
  const asked = new Map<string | undefined, Promise<ProviderListPage>>();
  const ask = (cursor: string | undefined) => {
    if (asked.has(cursor)) return;
    const request = fetchPage(cursor, pageCall);
    // Its failure is the walk's when the walk reads it, and no one's if it never does.
    request.catch(() => {});
    asked.set(cursor, request);
  };

  let cursor: string | undefined;
  // Whether every page so far named the one after it as the next: only then are pages read ahead.
  let inOrder = true;
  ask(cursor);
  try {
    for (let pages = 1; ; pages++) {
      const page = await asked.get(cursor)!;
      asked.delete(cursor);
      const next = page.nextCursor;
      const number = Number(cursor ?? 1);
      inOrder &&= next === String(number + 1);
      // Why the walk stops after this page's numbers. The cursor is not quoted: it is vendor text, which could echo a secret.
      let stop: string | undefined;
      if (next !== null) {
        const repeatedFrom = cursors.get(next);
        if (repeatedFrom !== undefined) stop = `the vendor repeated the cursor it gave on page ${repeatedFrom}`;
        else if (pages >= maxPages) stop = `the page cap of ${maxPages} was reached`;
        else {
          cursors.set(next, pages);
          cursor = next;
          ask(cursor);
          // Without a `lastPage` (a page that is not numbered) the bound is NaN: nothing is read ahead.
          const until = Math.min(number + READ_AHEAD, page.lastPage!, number + maxPages - pages);
          for (let later = number + 2; inOrder && later <= until; later++) ask(String(later));
        }
      }
      const pageIds = new Set<string>();
      for (const item of page.items) {
        if (previousIds.has(item.id) || pageIds.has(item.id)) continue;
        pageIds.add(item.id);
        yield item;
      }
      previousIds = pageIds;
      if (next === null) return;
      if (stop !== undefined) throw new PaginationError(vendor, pages, stop);
    }
  } finally {
    // Aborts the requests still in flight: the walk stopped early, or pages read ahead were skipped.
    walk.abort();
  }
}
