/**
 * Reads a log that has no page parameter (the Access authentication log):
 * newest first, each request asking for entries older than the oldest one
 * read so far (`until`), until a short answer or the start of the window.
 *
 * Like the pager, it always ends: an answer that brings nothing new (the
 * window did not move back) stops it, and so does a cap on requests. Either
 * way the result says the listing is incomplete and why.
 */
import { ListingResult, ListingStopReason, NotAListError, stoppedListing } from './Pager';
import { CloudflareEnvelope } from './types';

export interface TimeWindowRequest {
  since: string;
  until: string;
  limit: number;
}

export interface TimeWindowOptions<T> {
  /** Names the endpoint in results and errors. */
  endpoint: string;
  /** Entries asked for per request. */
  limit: number;
  since: Date;
  until: Date;
  /** Most requests one walk may make; past it the walk stops incomplete. */
  maxRequests: number;
  fetchPage: (request: TimeWindowRequest) => Promise<CloudflareEnvelope<T[]>>;
  /** When the entry happened (epoch ms), or undefined when it cannot be told. */
  timeOf: (item: T) => number | undefined;
  /** Identifies an entry, so entries read twice (same second on both sides of `until`) count once. */
  idOf: (item: T) => string;
  /** Called with each answer's entries not read before. */
  onPage: (items: T[]) => Promise<void> | void;
}

export async function walkTimeWindow<T>(options: TimeWindowOptions<T>): Promise<ListingResult> {
  const { endpoint, limit, fetchPage, timeOf, idOf, onPage } = options;
  const sinceMs = options.since.getTime();
  const seen = new Set<string>();
  let untilMs = options.until.getTime();
  let items = 0;
  let pages = 0;
  const stopped = (reason: ListingStopReason, detail: string) =>
    stoppedListing(endpoint, { items, pages }, reason, detail);

  for (;;) {
    if (pages >= options.maxRequests) {
      return stopped(
        'page-cap',
        `stopped after ${pages} requests (the cap per account), ${new Date(untilMs).toISOString()} reached`,
      );
    }
    const body = await fetchPage({
      since: options.since.toISOString(),
      until: new Date(untilMs).toISOString(),
      limit,
    });
    pages++;
    const page = body.result;
    if (!Array.isArray(page)) {
      throw new NotAListError(endpoint, pages, page === null ? 'result: null' : `result is ${typeof page}`);
    }
    if (page.length === 0) return { endpoint, items, pages, complete: true };
    const fresh = page.filter((item) => {
      const id = idOf(item);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (fresh.length === 0) return stopped('repeated-page', `request ${pages} answered only entries already read`);
    await onPage(fresh);
    items += fresh.length;
    if (page.length < limit) return { endpoint, items, pages, complete: true };

    const times = page.map(timeOf).filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
    const oldest = times.length > 0 ? Math.min(...times) : undefined;
    if (oldest === undefined || oldest > untilMs) {
      return stopped(
        'repeated-page',
        `request ${pages} answered entries without a usable time, so the walk cannot move back`,
      );
    }
    if (oldest < sinceMs) return { endpoint, items, pages, complete: true };
    // `until` may include its own second: entries at `oldest` can come again and are dropped as read.
    untilMs = oldest;
  }
}
