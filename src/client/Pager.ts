/**
 * One pager for every pagination style, with the stops that make every
 * listing end (docs/cloudflare-facts.md#stopping-rules):
 *
 * - on an empty page, on `total_pages`, on an empty or absent cursor;
 * - on a page whose ids were all seen already in this listing (an endpoint
 *   that ignores `page`, or keeps answering past its end);
 * - on a cursor it has already followed (unchanged, or looping back);
 * - past a page cap derived from `total_count` when it is known, and past a
 *   hard cap when it is not.
 *
 * A repeat or a cap ends the listing early: the result says so, with the
 * reason, and the caller decides what that means for the graph. An answer
 * that is not a list at all (`result: null`) is an error.
 */
import { PaginationStyle } from './endpoints';
import { CloudflareEnvelope, PageResultInfo } from './types';

export interface PageRequest {
  page?: number;
  perPage?: number;
  cursor?: string;
}

export type FetchPage<T> = (request: PageRequest) => Promise<CloudflareEnvelope<T[]>>;

export type ListingStopReason = 'repeated-page' | 'repeated-cursor' | 'page-cap';

export interface ListingResult {
  /** `GET <path>` of the listing. */
  endpoint: string;
  /** Items handed to `onPage` (pages that repeated ids already read are not). */
  items: number;
  /** Requests made for this listing. */
  pages: number;
  /** False when the listing stopped for a repeat or a cap: items may be missing. */
  complete: boolean;
  stop?: { reason: ListingStopReason; detail: string };
}

/** A listing that ended early, after `items` items in `pages` requests. */
export function stoppedListing(
  endpoint: string,
  progress: { items: number; pages: number },
  reason: ListingStopReason,
  detail: string,
): ListingResult {
  return { endpoint, items: progress.items, pages: progress.pages, complete: false, stop: { reason, detail } };
}

export interface PagerOptions<T> {
  style: Exclude<PaginationStyle, 'object' | 'time-window'>;
  /** `per_page` to send (page and cursor styles). */
  pageSize?: number;
  fetchPage: FetchPage<T>;
  onPage: (items: T[]) => Promise<void> | void;
  /** Names the endpoint in errors. */
  endpoint: string;
  /** Largest number of requests a listing may make when no `total_count` bounds it. */
  hardPageCap?: number;
}

/** A list answer without a list in it: an error for that listing, never "empty". */
export class NotAListError extends Error {
  constructor(
    readonly endpoint: string,
    readonly page: number,
    detail: string,
  ) {
    super(
      `${endpoint}: page ${page} answered success without a list (${detail}); the listing cannot be trusted as complete`,
    );
    this.name = 'NotAListError';
  }
}

/**
 * Pages the cap allows beyond what `total_count` needs: a live list can grow
 * while it is read, so one or two extra pages are honest, more is a loop.
 */
const CAP_SLACK_PAGES = 2;
/** With no total to go by: 10,000 requests is more than a full budget for 40 minutes. */
const DEFAULT_HARD_PAGE_CAP = 10_000;

function itemId(item: unknown): string {
  if (item && typeof item === 'object') {
    const id = (item as { id?: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  // Items without an id are compared by content (rare: only for repeat detection).
  return JSON.stringify(item);
}

function describe(value: unknown): string {
  if (value === null) return 'result: null';
  if (value === undefined) return 'no result';
  return `result is ${Array.isArray(value) ? 'an array' : typeof value}`;
}

export async function paginate<T>(options: PagerOptions<T>): Promise<ListingResult> {
  const { style, pageSize, fetchPage, onPage, endpoint } = options;
  const seenIds = new Set<string>();
  const seenCursors = new Set<string>();
  let items = 0;
  let pages = 0;
  let cap = options.hardPageCap ?? DEFAULT_HARD_PAGE_CAP;
  let request: PageRequest = style === 'array' ? {} : { page: style === 'page' ? 1 : undefined, perPage: pageSize };
  // An unpaginated endpoint that starts paging is followed by page number.
  let paging: 'page' | 'cursor' | 'none' = style === 'array' ? 'none' : style;

  const stopped = (reason: ListingStopReason, detail: string) =>
    stoppedListing(endpoint, { items, pages }, reason, detail);

  for (;;) {
    if (pages >= cap) {
      return stopped('page-cap', `stopped after ${pages} requests, more than the listing's size allows`);
    }
    const body = await fetchPage(request);
    pages++;
    const page = body.result;
    if (!Array.isArray(page)) throw new NotAListError(endpoint, pages, describe(page));
    if (page.length === 0) return { endpoint, items, pages, complete: true };

    let fresh = 0;
    for (const item of page) {
      const id = itemId(item);
      if (!seenIds.has(id)) {
        seenIds.add(id);
        fresh++;
      }
    }
    if (fresh === 0) {
      return stopped('repeated-page', `request ${pages} answered only items already read`);
    }
    await onPage(page);
    items += page.length;

    const info: PageResultInfo = body.result_info ?? {};
    const perPage = positive(info.per_page) ?? request.perPage ?? page.length;
    const totalCount = nonNegative(info.total_count);
    if (totalCount !== undefined) {
      // Pages as the server really sends them: a server that pages smaller
      // than we asked without saying so must not be cut short.
      const capPerPage = positive(info.per_page) ?? page.length;
      cap = Math.min(cap, Math.ceil(totalCount / Math.max(1, capPerPage)) + CAP_SLACK_PAGES);
    }

    if (paging === 'none') {
      // A single-array answer that says more pages exist: follow them by page number.
      const totalPages = positive(info.total_pages);
      const cursor = typeof info.cursor === 'string' && info.cursor !== '' ? info.cursor : undefined;
      if (cursor) {
        paging = 'cursor';
      } else if (totalPages !== undefined && totalPages > 1) {
        paging = 'page';
        request = { page: 1 };
      } else {
        return { endpoint, items, pages, complete: true };
      }
    }

    if (paging === 'cursor') {
      const cursor = typeof info.cursor === 'string' ? info.cursor : '';
      if (cursor === '') return { endpoint, items, pages, complete: true };
      if (seenCursors.has(cursor)) {
        return stopped('repeated-cursor', `request ${pages} answered a cursor already followed`);
      }
      seenCursors.add(cursor);
      request = { ...request, cursor };
      continue;
    }

    // Page numbers.
    const current = request.page ?? 1;
    const totalPages = nonNegative(info.total_pages);
    if (totalPages !== undefined && current >= totalPages) {
      // total_pages can lie low; total_count saying more is left is believed.
      if (totalCount === undefined || items >= totalCount) return { endpoint, items, pages, complete: true };
    } else if (totalPages === undefined && page.length < perPage) {
      return { endpoint, items, pages, complete: true };
    }
    request = { ...request, page: current + 1 };
  }
}

function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
