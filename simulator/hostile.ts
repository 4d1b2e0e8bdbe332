/**
 * Hostile answers: deterministic misbehaviour for tests of a client's pager and
 * body handling (docs/cloudflare-facts.md#stopping-rules and beyond). Unlike faults.ts (random,
 * retryable failures), a hostile rule answers EVERY request whose path matches.
 *
 * `pattern` is tested against the path as received, without the query string,
 * e.g. '/client/v4/zones'. The first matching rule wins. Rules apply after
 * rate limiting and fault injection, in place of the honest answer.
 *
 * Two families:
 * - transforming behaviours start from the honest answer(s) of the simulator
 *   and apply only when that answer is a 200 success with a list `result`
 *   (paging and cursor behaviours also need the matching result_info style).
 *   Otherwise the honest answer goes out unchanged and is not counted.
 * - replacing behaviours ('result-null', 'html-200', 'huge-error',
 *   'no-route-404') answer without consulting the endpoint (no auth checks).
 */
import type http from 'http';
import { encodeCursor, noRoute, serialise, SimResponse } from './envelope';
import type { SimRequest } from './router';

/** Behaviours that take no options. */
export type HostileSimpleBehaviour =
  /** Every page=N (or cursor) gets page 1; page-number result_info keeps only {count, per_page}. */
  | 'repeat-first-page'
  /** Every page=N (or cursor) gets page 1 with its honest result_info (total_pages says e.g. 3). */
  | 'ignore-page-with-totals'
  /** result_info.total_pages = 1 while more pages exist; other pages are answered honestly. */
  | 'total-pages-low'
  /** Past total_pages, every page is the last real page again (full pages, docs/cloudflare-facts.md#stopping-rules); totals stay honest. */
  | 'past-end-repeats-last'
  /** 200 {success: true, errors: [], messages: [], result: null}. */
  | 'result-null'
  /** 200 text/html with an HTML page (HOSTILE_HTML). */
  | 'html-200'
  /** 200 application/json, the honest body cut in half, content-length of what is sent. */
  | 'truncated-body'
  /** Headers (content-length of the full body) and half the body, then nothing until close. */
  | 'stall-body'
  /** 404 {success: false, errors: [{code: 7000, message: 'No route for that URI'}], …}. */
  | 'no-route-404'
  /** Cursor lists: always the first page, always the same non-empty cursor. */
  | 'repeat-cursor'
  /** Cursor lists: the last page's cursor points back at the first page instead of being ''. */
  | 'cursor-loop';

export type HostileRule =
  | { pattern: RegExp; behaviour: HostileSimpleBehaviour }
  /** total_pages = real + extraPages (default 50), total_count inflated by extraPages × per_page; pages past the real end are empty. */
  | { pattern: RegExp; behaviour: 'total-pages-high'; extraPages?: number }
  /**
   * 500 text/html of `bytes` bytes (default HUGE_ERROR_DEFAULT_BYTES), streamed in
   * `chunkBytes` chunks (default 64 KiB) with backpressure; chunked transfer unless
   * `declareLength` (then content-length: bytes).
   */
  | { pattern: RegExp; behaviour: 'huge-error'; bytes?: number; chunkBytes?: number; declareLength?: boolean }
  /** Sets `field` (a dot path such as 'name', 'id', 'user' or 'user.id') to null on result[index]. */
  | { pattern: RegExp; behaviour: 'null-field'; index: number; field: string };

export type HostileBehaviour = HostileRule['behaviour'];

export const ALL_HOSTILE_BEHAVIOURS: readonly HostileBehaviour[] = [
  'repeat-first-page',
  'ignore-page-with-totals',
  'total-pages-low',
  'total-pages-high',
  'past-end-repeats-last',
  'result-null',
  'html-200',
  'truncated-body',
  'stall-body',
  'huge-error',
  'null-field',
  'no-route-404',
  'repeat-cursor',
  'cursor-loop',
];

export const HUGE_ERROR_DEFAULT_BYTES = 50 * 1024 * 1024;
export const HUGE_ERROR_DEFAULT_CHUNK_BYTES = 64 * 1024;
export const TOTAL_PAGES_HIGH_DEFAULT_EXTRA = 50;

/** What a captive portal or an interstitial in front of the API might answer with 200. */
export const HOSTILE_HTML =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>' +
  '<body><h1>Checking your browser before accessing api.cloudflare.com.</h1>' +
  '<p>This process is automatic. Your browser will redirect to your requested content shortly.</p></body></html>';

/** What the server must do for a hostile answer. */
export type HostileAnswer =
  /** An ordinary answer (JSON or string body), sent like any other. */
  | { kind: 'response'; response: SimResponse }
  /** Exact bytes: `body` is sent, `contentLength` declared; if larger than body, the rest never comes. */
  | { kind: 'raw'; status: number; headers: Record<string, string>; body: Buffer; contentLength: number }
  /** A streamed body of `bytes` bytes. */
  | {
      kind: 'huge';
      status: number;
      headers: Record<string, string>;
      bytes: number;
      chunkBytes: number;
      declareLength: boolean;
    };

/** The first rule whose pattern matches `path` (path only, no query). Ignores RegExp lastIndex. */
export function findHostileRule(rules: readonly HostileRule[], path: string): HostileRule | undefined {
  return rules.find((rule) => path.search(rule.pattern) !== -1);
}

type Body = Record<string, unknown> & { result: unknown[]; result_info?: Record<string, unknown> };

/** The body of a 200 success whose result is an array, else undefined. */
function listBody(response: SimResponse): Body | undefined {
  const body = response.body as Partial<Body> | null;
  if (
    response.status !== 200 ||
    typeof body !== 'object' ||
    body === null ||
    body.success !== true ||
    !Array.isArray(body.result)
  )
    return undefined;
  return body as Body;
}

function pageInfo(
  body: Body,
): { page: number; per_page: number; count: number; total_count: number; total_pages: number } | undefined {
  const info = body.result_info;
  if (!info || typeof info.page !== 'number' || typeof info.total_pages !== 'number') return undefined;
  return info as ReturnType<typeof pageInfo>;
}

function cursorInfo(body: Body): { count: number; cursor: string; per_page: number } | undefined {
  const info = body.result_info;
  if (!info || typeof info.cursor !== 'string') return undefined;
  return info as ReturnType<typeof cursorInfo>;
}

function withQuery(query: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const out = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) out.delete(key);
    else out.set(key, value);
  }
  return out;
}

function jsonAnswer(response: SimResponse, body: unknown): HostileAnswer {
  return { kind: 'response', response: { ...response, body } };
}

/** Sets a dot path to null on a deep copy of `item`; undefined when the path's parent is not an object. */
function nullAt(item: unknown, field: string): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(item));
  const keys = field.split('.');
  let target = copy as Record<string, unknown> | null;
  for (const key of keys.slice(0, -1)) {
    const next = target?.[key];
    if (typeof next !== 'object' || next === null) return undefined;
    target = next as Record<string, unknown>;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  target[keys[keys.length - 1]] = null;
  return copy;
}

/**
 * The hostile answer for one request, or undefined when the rule does not apply
 * to this answer (the honest answer then goes out, uncounted). `honest(query)`
 * answers the same request with another query string.
 */
export function hostileAnswer(
  rule: HostileRule,
  req: SimRequest,
  honest: (query: URLSearchParams) => SimResponse,
): HostileAnswer | undefined {
  const firstPage = () => honest(withQuery(req.query, { page: null, cursor: null }));
  switch (rule.behaviour) {
    case 'result-null':
      return {
        kind: 'response',
        response: {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: { success: true, errors: [], messages: [], result: null },
        },
      };
    case 'html-200':
      return {
        kind: 'response',
        response: { status: 200, headers: { 'content-type': 'text/html' }, body: HOSTILE_HTML },
      };
    case 'no-route-404':
      return { kind: 'response', response: noRoute() };
    case 'huge-error':
      return {
        kind: 'huge',
        status: 500,
        headers: { 'content-type': 'text/html' },
        bytes: Math.max(0, rule.bytes ?? HUGE_ERROR_DEFAULT_BYTES),
        chunkBytes: Math.max(1, rule.chunkBytes ?? HUGE_ERROR_DEFAULT_CHUNK_BYTES),
        declareLength: rule.declareLength ?? false,
      };

    case 'repeat-first-page': {
      const first = firstPage();
      const body = listBody(first);
      if (!body) return undefined;
      if (!pageInfo(body)) return jsonAnswer(first, body); // cursor or no result_info: the cursor is ignored too
      const { count, per_page } = body.result_info!;
      return jsonAnswer(first, { ...body, result_info: { count, per_page } });
    }
    case 'ignore-page-with-totals': {
      const first = firstPage();
      const body = listBody(first);
      return body ? jsonAnswer(first, body) : undefined;
    }
    case 'repeat-cursor': {
      const first = firstPage();
      const body = listBody(first);
      const info = body && cursorInfo(body);
      if (!body || !info) return undefined;
      return jsonAnswer(first, {
        ...body,
        result_info: { ...info, cursor: info.cursor !== '' ? info.cursor : encodeCursor(0) },
      });
    }

    case 'total-pages-low': {
      const response = honest(req.query);
      const body = listBody(response);
      const info = body && pageInfo(body);
      if (!body || !info || info.total_pages <= 1) return undefined;
      return jsonAnswer(response, { ...body, result_info: { ...info, total_pages: 1 } });
    }
    case 'total-pages-high': {
      const response = honest(req.query);
      const body = listBody(response);
      const info = body && pageInfo(body);
      if (!body || !info) return undefined;
      const extra = rule.extraPages ?? TOTAL_PAGES_HIGH_DEFAULT_EXTRA;
      return jsonAnswer(response, {
        ...body,
        result_info: {
          ...info,
          total_pages: info.total_pages + extra,
          total_count: info.total_count + extra * info.per_page,
        },
      });
    }
    case 'past-end-repeats-last': {
      const response = honest(req.query);
      const body = listBody(response);
      const info = body && pageInfo(body);
      if (!body || !info || info.total_pages < 1 || info.page <= info.total_pages) return undefined;
      const last = honest(withQuery(req.query, { page: String(info.total_pages) }));
      const lastBody = listBody(last);
      const lastInfo = lastBody && pageInfo(lastBody);
      if (!lastBody || !lastInfo) return undefined;
      return jsonAnswer(last, { ...lastBody, result_info: { ...lastInfo, page: info.page } });
    }
    case 'cursor-loop': {
      const response = honest(req.query);
      const body = listBody(response);
      const info = body && cursorInfo(body);
      if (!body || !info || info.cursor !== '') return undefined;
      return jsonAnswer(response, { ...body, result_info: { ...info, cursor: encodeCursor(0) } });
    }

    case 'null-field': {
      const response = honest(req.query);
      const body = listBody(response);
      if (!body || !Number.isInteger(rule.index) || rule.index < 0 || rule.index >= body.result.length)
        return undefined;
      const changed = nullAt(body.result[rule.index], rule.field);
      if (changed === undefined) return undefined;
      const result = [...body.result];
      result[rule.index] = changed;
      return jsonAnswer(response, { ...body, result });
    }

    case 'truncated-body':
    case 'stall-body': {
      const response = honest(req.query);
      if (response.status !== 200 || typeof response.body === 'string') return undefined; // any honest 200 JSON body
      const full = Buffer.from(serialise(response));
      const half = full.subarray(0, Math.floor(full.length / 2));
      const contentLength = rule.behaviour === 'stall-body' ? full.length : half.length;
      return { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: half, contentLength };
    }
  }
}

// ---------------------------------------------------------------------------
// Writing 'raw' and 'huge' answers (the server calls these).
// ---------------------------------------------------------------------------

/** Sends exactly `answer.body`; with a larger contentLength the response stays open until the socket closes. */
export function writeRawAnswer(
  res: http.ServerResponse,
  answer: Extract<HostileAnswer, { kind: 'raw' }>,
  extraHeaders: Record<string, string>,
): void {
  res.writeHead(answer.status, { ...answer.headers, ...extraHeaders, 'content-length': String(answer.contentLength) });
  if (answer.contentLength <= answer.body.length) res.end(answer.body);
  else res.write(answer.body); // and never the rest: 'stall-body'
}

const HUGE_HEAD =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1><pre>\n';
const HUGE_TAIL = '</pre><hr><center>cloudflare</center></body></html>\n';
const HUGE_FILLER = 'upstream error: at handler (/srv/api/internal/dispatch.js:1207:19) retry budget exhausted\n';

/** The body of a 'huge-error' answer, lazily: one reused filler buffer, never one big string. */
export function* hugeErrorChunks(bytes: number, chunkBytes: number): Generator<Buffer> {
  const head = Buffer.from(HUGE_HEAD);
  const tail = Buffer.from(HUGE_TAIL);
  if (bytes <= head.length + tail.length) {
    if (bytes > 0) yield Buffer.concat([head, tail]).subarray(0, bytes);
    return;
  }
  const filler = Buffer.alloc(chunkBytes, HUGE_FILLER);
  yield head;
  for (let left = bytes - head.length - tail.length; left > 0; left -= chunkBytes) {
    yield left >= chunkBytes ? filler : filler.subarray(0, left);
  }
  yield tail;
}

/**
 * Streams a 'huge-error' body, respecting backpressure, and stops as soon as the
 * response is destroyed (client gone, simulator closed). `onFlushed(n)` is called
 * for each chunk once it has been handed to the socket.
 */
export function streamHugeAnswer(
  res: http.ServerResponse,
  answer: Extract<HostileAnswer, { kind: 'huge' }>,
  extraHeaders: Record<string, string>,
  onFlushed: (bytes: number) => void,
): void {
  const headers: Record<string, string> = { ...answer.headers, ...extraHeaders };
  if (answer.declareLength) headers['content-length'] = String(answer.bytes);
  res.writeHead(answer.status, headers);
  const chunks = hugeErrorChunks(answer.bytes, answer.chunkBytes);
  const pump = (): void => {
    for (;;) {
      if (res.destroyed || res.writableEnded) return;
      const next = chunks.next();
      if (next.done) {
        res.end();
        return;
      }
      const chunk = next.value;
      const more = res.write(chunk, (err) => {
        if (!err) onFlushed(chunk.length);
      });
      if (!more) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}
