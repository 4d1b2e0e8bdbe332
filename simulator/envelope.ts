/**
 * Cloudflare's response envelope and its three list styles (docs/cloudflare-facts.md#response-envelope, #pagination):
 * page-number (`paginate`), cursor (`paginateCursor`) and a single array (`singleArray`).
 */
import { hash128 } from './data/random';
import type { SimCursorResultInfo, SimMessage, SimResultInfo, SimSuccessMessage } from './types';

/** What a handler answers; `body` is serialised as JSON unless it is a string (HTML pages). */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The bytes on the wire: a string body as is (HTML pages), anything else as JSON. */
export function serialise(response: SimResponse): string {
  return typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
}

/** Kept for existing imports; the same as SimSuccessMessage. */
export type SuccessMessage = SimSuccessMessage;

function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

export function ok(
  result: unknown,
  extra: { resultInfo?: SimResultInfo; messages?: SimSuccessMessage[] } = {},
): SimResponse {
  const body: Record<string, unknown> = { success: true, errors: [], messages: extra.messages ?? [], result };
  if (extra.resultInfo) body.result_info = extra.resultInfo;
  return json(200, body);
}

export function fail(status: number, errors: SimMessage[], headers: Record<string, string> = {}): SimResponse {
  return json(status, { success: false, errors, messages: [], result: null }, headers);
}

/** What Cloudflare answers for a path outside any API version, e.g. /client/v5/zones (docs/cloudflare-facts.md#errors). */
export function noRoute(): SimResponse {
  return fail(404, [{ code: 7000, message: 'No route for that URI' }]);
}

/** Thrown by handlers to answer early (auth, permission, validation failures). */
export class Reject extends Error {
  constructor(readonly response: SimResponse) {
    super(`simulated ${response.status}`);
  }
}

export interface PageBounds {
  min: number;
  max: number;
  default: number;
}

/** Our own validation code; Cloudflare's real code for bad paging (and bad cursors) is unconfirmed. */
export const INVALID_PAGING_CODE = 1004;

function parseCount(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

function perPageParam(query: URLSearchParams, bounds: PageBounds): number {
  const perPage = parseCount(query.get('per_page'), bounds.default);
  if (perPage === undefined || perPage < bounds.min || perPage > bounds.max) {
    throw new Reject(
      fail(400, [
        { code: INVALID_PAGING_CODE, message: `per_page must be a number between ${bounds.min} and ${bounds.max}` },
      ]),
    );
  }
  return perPage;
}

/** Reads `page`/`per_page`; throws Reject(400, 1004) when out of bounds or not a number. */
export function pageParams(query: URLSearchParams, bounds: PageBounds): { page: number; perPage: number } {
  const page = parseCount(query.get('page'), 1);
  if (page === undefined || page < 1) {
    throw new Reject(
      fail(400, [{ code: INVALID_PAGING_CODE, message: 'page must be a number greater than or equal to 1' }]),
    );
  }
  return { page, perPage: perPageParam(query, bounds) };
}

/** A page of `items` with result_info; a page past the end is an empty array. */
export function paginate<T>(items: readonly T[], query: URLSearchParams, bounds: PageBounds): SimResponse {
  const { page, perPage } = pageParams(query, bounds);
  const start = (page - 1) * perPage;
  const result = start < items.length ? items.slice(start, start + perPage) : [];
  return ok(result, {
    resultInfo: {
      page,
      per_page: perPage,
      count: result.length,
      total_count: items.length,
      total_pages: Math.ceil(items.length / perPage),
    },
  });
}

// ---------------------------------------------------------------------------
// Cursor style (docs/cloudflare-facts.md#cursor-lists): result_info {count, cursor, per_page}; next page is
// ?cursor=<result_info.cursor>; the last page carries cursor ''.
// ---------------------------------------------------------------------------

const CURSOR_TEXT = /^simcur:(\d+):([0-9a-f]{8})$/;

function cursorCheck(offset: number): string {
  return hash128(`cursor|${offset}`)[0].toString(16).padStart(8, '0');
}

/** The opaque cursor that points at `offset` (0 = the first item). Deterministic. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`simcur:${offset}:${cursorCheck(offset)}`).toString('base64url');
}

/** The offset behind a cursor this simulator issued, or undefined for anything else. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const match = CURSOR_TEXT.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) return undefined;
  const offset = Number(match[1]);
  // Only the exact spelling we issue (base64url decoding alone is lenient).
  return Number.isSafeInteger(offset) && encodeCursor(offset) === cursor ? offset : undefined;
}

export function invalidCursor(): Reject {
  return new Reject(fail(400, [{ code: INVALID_PAGING_CODE, message: 'Invalid cursor' }]));
}

/**
 * A cursor-style page of `items`. No or an empty `cursor` starts at the first item;
 * a cursor this simulator did not issue (or past the end of the list) is 400 1004
 * "Invalid cursor". `per_page` is validated like page-number lists; `page` is ignored.
 */
export function paginateCursor<T>(items: readonly T[], query: URLSearchParams, bounds: PageBounds): SimResponse {
  const perPage = perPageParam(query, bounds);
  const raw = query.get('cursor');
  let start = 0;
  if (raw !== null && raw !== '') {
    const offset = decodeCursor(raw);
    if (offset === undefined || offset > items.length) throw invalidCursor();
    start = offset;
  }
  const result = items.slice(start, start + perPage);
  const end = start + result.length;
  const resultInfo: SimCursorResultInfo = {
    count: result.length,
    cursor: end < items.length ? encodeCursor(end) : '',
    per_page: perPage,
  };
  return ok(result, { resultInfo });
}

/** The "none" style: the whole list in `result`, no result_info (gateway/locations, posture, …). */
export function singleArray<T>(items: readonly T[]): SimResponse {
  return ok([...items]);
}
