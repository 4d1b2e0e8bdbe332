import { CloudflareEnvelope } from './types';
import { TimeWindowRequest, walkTimeWindow } from './TimeWindowWalker';

/** Unit tests of walkTimeWindow with an in-memory log: no HTTP. */

interface Entry {
  ray_id: string;
  at: number;
}

const SINCE = Date.parse('2026-01-01T00:00:00Z');
const UNTIL = Date.parse('2026-01-02T00:00:00Z');
const MINUTE = 60_000;

/** `count` entries one minute apart, newest at UNTIL - 1 minute. */
function log(count: number): Entry[] {
  return Array.from({ length: count }, (_, i) => ({ ray_id: `r${i}`, at: UNTIL - (i + 1) * MINUTE }));
}

/** Answers like the Access log: newest first within [since, until], at most `limit`. */
function server(entries: Entry[]) {
  return async (request: TimeWindowRequest): Promise<CloudflareEnvelope<Entry[]>> => {
    const since = Date.parse(request.since);
    const until = Date.parse(request.until);
    const result = entries
      .filter((e) => e.at >= since && e.at <= until)
      .sort((a, b) => b.at - a.at)
      .slice(0, request.limit);
    return { success: true, result };
  };
}

async function walk(
  fetchPage: (request: TimeWindowRequest) => Promise<CloudflareEnvelope<Entry[]>>,
  options: { limit?: number; maxRequests?: number } = {},
) {
  const requests: TimeWindowRequest[] = [];
  const seen: Entry[] = [];
  const result = await walkTimeWindow<Entry>({
    endpoint: 'GET /log',
    limit: options.limit ?? 10,
    since: new Date(SINCE),
    until: new Date(UNTIL),
    maxRequests: options.maxRequests ?? 50,
    fetchPage: (request) => {
      requests.push(request);
      return fetchPage(request);
    },
    timeOf: (e) => e.at,
    idOf: (e) => e.ray_id,
    onPage: (entries) => {
      seen.push(...entries);
    },
  });
  return { result, requests, seen };
}

describe('walkTimeWindow', () => {
  test('moves `until` back to the oldest entry read until a short answer; each entry once', async () => {
    const r = await walk(server(log(25)));
    expect(r.requests.map((q) => q.until)).toEqual([
      new Date(UNTIL).toISOString(),
      new Date(UNTIL - 10 * MINUTE).toISOString(),
      new Date(UNTIL - 19 * MINUTE).toISOString(),
    ]);
    expect(r.requests.every((q) => q.since === new Date(SINCE).toISOString() && q.limit === 10)).toBe(true);
    expect(r.seen.map((e) => e.ray_id)).toEqual(log(25).map((e) => e.ray_id));
    expect(r.result).toEqual({ endpoint: 'GET /log', items: 25, pages: 3, complete: true });
  });

  test('an empty log: one request, complete', async () => {
    expect((await walk(server([]))).result).toEqual({ endpoint: 'GET /log', items: 0, pages: 1, complete: true });
  });

  test('a server that ignores `until` (same full answer each time) stops incomplete after two requests', async () => {
    const same = log(10);
    const r = await walk(async () => ({ success: true, result: same }));
    expect(r.result).toEqual({
      endpoint: 'GET /log',
      items: 10,
      pages: 2,
      complete: false,
      stop: { reason: 'repeated-page', detail: 'request 2 answered only entries already read' },
    });
  });

  test('the request cap ends a long walk incomplete, saying where it stopped', async () => {
    const r = await walk(server(log(100)), { maxRequests: 3 });
    expect(r.result).toEqual({
      endpoint: 'GET /log',
      items: 28,
      pages: 3,
      complete: false,
      stop: {
        reason: 'page-cap',
        detail: `stopped after 3 requests (the cap per account), ${new Date(UNTIL - 28 * MINUTE).toISOString()} reached`,
      },
    });
  });

  test('entries without a usable time cannot move the window: stops incomplete instead of looping', async () => {
    const r = await walk(async () => ({
      success: true,
      result: Array.from({ length: 10 }, (_, i) => ({ ray_id: `x${Math.random()}${i}`, at: NaN })),
    }));
    expect(r.result.complete).toBe(false);
    expect(r.result.pages).toBe(1);
  });

  test('an answer without a list is an error, not an empty log', async () => {
    await expect(walk(async () => ({ success: true, result: null }))).rejects.toThrow(
      'GET /log: page 1 answered success without a list (result: null); the listing cannot be trusted as complete',
    );
  });
});
