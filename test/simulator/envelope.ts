/**
 * Cloudflare's response envelope and page-number pagination (reference §2).
 */
import type { CloudflareMessage, PageResultInfo } from '../../src/client/types';

/** What a handler answers; `body` is serialised as JSON unless it is a string (HTML pages). */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface SuccessMessage {
  code: number;
  message: string;
  type: string | null;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

export function ok(result: unknown, extra: { resultInfo?: PageResultInfo; messages?: SuccessMessage[] } = {}): SimResponse {
  const body: Record<string, unknown> = { success: true, errors: [], messages: extra.messages ?? [], result };
  if (extra.resultInfo) body.result_info = extra.resultInfo;
  return json(200, body);
}

export function fail(status: number, errors: CloudflareMessage[], headers: Record<string, string> = {}): SimResponse {
  return json(status, { success: false, errors, messages: [], result: null }, headers);
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

/** Our own validation code; Cloudflare's real code for bad paging is unconfirmed. */
export const INVALID_PAGING_CODE = 1004;

function parseCount(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** Reads `page`/`per_page`; throws Reject(400, 1004) when out of bounds or not a number. */
export function pageParams(query: URLSearchParams, bounds: PageBounds): { page: number; perPage: number } {
  const page = parseCount(query.get('page'), 1);
  if (page === undefined || page < 1) {
    throw new Reject(fail(400, [{ code: INVALID_PAGING_CODE, message: 'page must be a number greater than or equal to 1' }]));
  }
  const perPage = parseCount(query.get('per_page'), bounds.default);
  if (perPage === undefined || perPage < bounds.min || perPage > bounds.max) {
    throw new Reject(fail(400, [{ code: INVALID_PAGING_CODE, message: `per_page must be a number between ${bounds.min} and ${bounds.max}` }]));
  }
  return { page, perPage };
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
