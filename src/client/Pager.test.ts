import { FetchPage, ListingResult, NotAListError, PageRequest, paginate, PagerOptions } from './Pager';
import { CloudflareEnvelope, PageResultInfo } from './types';

/**
 * Unit tests of paginate() with an in-memory fetchPage: no HTTP. Every fake
 * records the PageRequest objects it was called with, and every onPage call
 * is recorded, so each test can assert exactly what was asked and handed on.
 */

interface Item {
  id: string;
}

const ENDPOINT = 'GET /x';

/** `count` items with ids `${prefix}${from}`, `${prefix}${from + 1}`, ... */
function items(from: number, count: number, prefix = 'i'): Item[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${from + i}` }));
}

function ok(result: unknown, resultInfo?: PageResultInfo): CloudflareEnvelope<Item[]> {
  return {
    success: true,
    errors: [],
    messages: [],
    result: result as Item[],
    ...(resultInfo ? { result_info: resultInfo } : {}),
  };
}

type Answer = (request: PageRequest, n: number) => CloudflareEnvelope<Item[]>;

interface Run {
  result: ListingResult;
  requests: PageRequest[];
  pages: Item[][];
}

function fake(answer: Answer): { fetchPage: FetchPage<Item>; requests: PageRequest[] } {
  const requests: PageRequest[] = [];
  const fetchPage: FetchPage<Item> = async (request) => {
    // A copy: the pager must not be able to change what was recorded.
    requests.push({ ...request });
    return answer(request, requests.length);
  };
  return { fetchPage, requests };
}

async function run(
  answer: Answer,
  options: Partial<Omit<PagerOptions<Item>, 'fetchPage' | 'onPage'>> = {},
): Promise<Run> {
  const { fetchPage, requests } = fake(answer);
  const pages: Item[][] = [];
  const result = await paginate<Item>({
    style: 'page',
    pageSize: 50,
    endpoint: ENDPOINT,
    ...options,
    fetchPage,
    onPage: (page) => {
      pages.push(page);
    },
  });
  return { result, requests, pages };
}

/** A list of `total` items served page by page, `perPage` at a time (page numbers from 1). */
function slice(total: number, perPage: number, page: number): Item[] {
  const start = (page - 1) * perPage;
  return items(start + 1, Math.max(0, Math.min(perPage, total - start)));
}

function pageRequests(count: number, perPage = 50): PageRequest[] {
  return Array.from({ length: count }, (_, i) => ({ page: i + 1, perPage }));
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected paginate to reject');
}

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------

describe("paginate, style 'page'", () => {
  test('ends on an empty page (no totals, full pages)', async () => {
    const { result, requests, pages } = await run((r) => ok(slice(100, 50, r.page!)));
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 100, pages: 3, complete: true });
    expect(requests).toStrictEqual(pageRequests(3));
    expect(pages.map((p) => p.length)).toEqual([50, 50]);
  });

  test('ends on total_pages without asking for the page after it', async () => {
    const { result, requests, pages } = await run((r) =>
      ok(slice(100, 50, r.page!), { page: r.page, per_page: 50, total_pages: 2, total_count: 100 }),
    );
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 100, pages: 2, complete: true });
    expect(requests).toStrictEqual(pageRequests(2));
    expect(pages.map((p) => p[0].id)).toEqual(['i1', 'i51']);
  });

  test('ends on a short page when total_pages is absent', async () => {
    const { result, requests, pages } = await run((r) => ok(slice(120, 50, r.page!)));
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 120, pages: 3, complete: true });
    expect(requests).toStrictEqual(pageRequests(3));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
  });

  test('reads per_page back from result_info: a page of 20 is full when the server pages by 20', async () => {
    // We ask for 50; the server pages by 20 and says so. Without reading
    // per_page back, the first page of 20 would look short and end the listing.
    const { result, requests, pages } = await run((r) => ok(slice(50, 20, r.page!), { per_page: 20 }));
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 50, pages: 3, complete: true });
    expect(requests).toStrictEqual(pageRequests(3));
    expect(pages.map((p) => p.length)).toEqual([20, 20, 10]);
  });

  test('total_pages lying LOW while total_count says more: continues until total_count is read', async () => {
    const { result, requests, pages } = await run((r) =>
      ok(slice(150, 50, r.page!), { per_page: 50, total_pages: 1, total_count: 150 }),
    );
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 150, pages: 3, complete: true });
    expect(requests).toStrictEqual(pageRequests(3));
    expect(pages.flat().map((i) => i.id)).toEqual(items(1, 150).map((i) => i.id));
  });

  test('total_pages LOW and total_count too HIGH: continues past a short page until the data ends (empty page)', async () => {
    const { result, requests } = await run((r) =>
      ok(slice(120, 50, r.page!), { per_page: 50, total_pages: 1, total_count: 200 }),
    );
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 120, pages: 4, complete: true });
    expect(requests).toStrictEqual(pageRequests(4));
  });

  test('total_pages lying HIGH with empty pages past the end: ends on the empty page', async () => {
    const { result, requests, pages } = await run((r) =>
      ok(slice(120, 50, r.page!), { per_page: 50, total_pages: 10 }),
    );
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 120, pages: 4, complete: true });
    expect(requests).toStrictEqual(pageRequests(4));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
  });

  test('total_pages lying HIGH with the last page repeated past the end: repeated-page, items counted once', async () => {
    const { result, requests, pages } = await run((r) =>
      ok(slice(120, 50, Math.min(r.page!, 3)), { per_page: 50, total_pages: 10 }),
    );
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 120,
      pages: 4,
      complete: false,
      stop: { reason: 'repeated-page', detail: 'request 4 answered only items already read' },
    });
    expect(requests).toStrictEqual(pageRequests(4));
    // The repeated page is not handed on.
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
  });

  test('an endpoint that ignores `page` and has no totals: stops after exactly 2 requests', async () => {
    const { result, requests, pages } = await run(() => ok(items(1, 50)));
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 50,
      pages: 2,
      complete: false,
      stop: { reason: 'repeated-page', detail: 'request 2 answered only items already read' },
    });
    expect(requests).toStrictEqual(pageRequests(2));
    expect(pages).toHaveLength(1);
  });

  test('an endpoint that ignores `page` but reports honest totals (total_pages 3): stops after 2 requests', async () => {
    const { result, requests, pages } = await run(() =>
      ok(items(1, 50), { per_page: 50, total_pages: 3, total_count: 150 }),
    );
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 50,
      pages: 2,
      complete: false,
      stop: { reason: 'repeated-page', detail: 'request 2 answered only items already read' },
    });
    expect(requests).toStrictEqual(pageRequests(2));
    expect(pages).toHaveLength(1);
  });

  test('a server paging smaller than asked, without saying per_page, is not cut short by the cap', async () => {
    // Asked for 5,000 a page; the server sends 100 a page, total 1,000 in 10 pages.
    const { result, requests } = await run(
      (request) => ok(slice(1000, 100, request.page!), { total_count: 1000, total_pages: 10 }),
      { pageSize: 5000 },
    );
    expect(result).toEqual({ endpoint: ENDPOINT, items: 1000, pages: 10, complete: true });
    expect(requests).toEqual(pageRequests(10, 5000));
  });

  test('endless fresh ids with total_count 120 and per_page 50: page-cap after ceil(120/50)+2 = 5 requests', async () => {
    const { result, requests, pages } = await run((r) =>
      ok(items((r.page! - 1) * 50 + 1, 50), { per_page: 50, total_count: 120 }),
    );
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 250,
      pages: 5,
      complete: false,
      stop: { reason: 'page-cap', detail: "stopped after 5 requests, more than the listing's size allows" },
    });
    expect(requests).toStrictEqual(pageRequests(5));
    expect(pages).toHaveLength(5);
  });

  test('endless fresh ids with no totals at all: stops at hardPageCap (7 requests)', async () => {
    const { result, requests } = await run((r) => ok(items((r.page! - 1) * 50 + 1, 50)), { hardPageCap: 7 });
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 350,
      pages: 7,
      complete: false,
      stop: { reason: 'page-cap', detail: "stopped after 7 requests, more than the listing's size allows" },
    });
    expect(requests).toStrictEqual(pageRequests(7));
  });

  test('a page with some new and some repeated ids is passed on whole; only an all-repeat page stops', async () => {
    // Page 2 overlaps page 1 by 25 ids (a list that shifted while read).
    const answers: Record<number, Item[]> = { 1: items(1, 50), 2: items(26, 50), 3: items(76, 5) };
    const { result, requests, pages } = await run((r) => ok(answers[r.page!]));
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 105, pages: 3, complete: true });
    expect(requests).toStrictEqual(pageRequests(3));
    expect(pages).toHaveLength(3);
    expect(pages[1]).toEqual(items(26, 50));
  });

  test('items without an id are compared by content for repeats', async () => {
    const { result, requests } = await run(() =>
      ok([{ name: 'a' }, { name: 'b' }] as unknown as Item[], { per_page: 2 }),
    );
    expect(result.stop).toStrictEqual({
      reason: 'repeated-page',
      detail: 'request 2 answered only items already read',
    });
    expect(requests).toHaveLength(2);
  });

  test('`result: null` on the 2nd request rejects with NotAListError naming the endpoint and page', async () => {
    const { fetchPage, requests } = fake((r) => (r.page === 1 ? ok(items(1, 50)) : ok(null)));
    const onPage = jest.fn();
    const error = await rejection(
      paginate<Item>({ style: 'page', pageSize: 50, endpoint: ENDPOINT, fetchPage, onPage }),
    );
    expect(error).toBeInstanceOf(NotAListError);
    expect(error.name).toBe('NotAListError');
    expect(error.message).toBe(
      'GET /x: page 2 answered success without a list (result: null); the listing cannot be trusted as complete',
    );
    expect(error.endpoint).toBe('GET /x');
    expect(error.page).toBe(2);
    expect(requests).toStrictEqual(pageRequests(2));
    expect(onPage).toHaveBeenCalledTimes(1);
  });

  test('a result that is an object rejects with NotAListError "(result is object)"', async () => {
    const { fetchPage } = fake(() => ok({ id: 'zone' }));
    const error = await rejection(
      paginate<Item>({ style: 'page', pageSize: 50, endpoint: ENDPOINT, fetchPage, onPage: jest.fn() }),
    );
    expect(error).toBeInstanceOf(NotAListError);
    expect(error.message).toBe(
      'GET /x: page 1 answered success without a list (result is object); the listing cannot be trusted as complete',
    );
  });

  test('an answer without a result rejects with NotAListError "(no result)"', async () => {
    const { fetchPage } = fake(() => ({ success: true, errors: [], messages: [] }));
    const error = await rejection(
      paginate<Item>({ style: 'page', pageSize: 50, endpoint: ENDPOINT, fetchPage, onPage: jest.fn() }),
    );
    expect(error).toBeInstanceOf(NotAListError);
    expect(error.message).toBe(
      'GET /x: page 1 answered success without a list (no result); the listing cannot be trusted as complete',
    );
  });

  test('the next page is fetched only after onPage resolved', async () => {
    const { fetchPage, requests } = fake((r) => ok(slice(120, 50, r.page!)));
    const releases: Array<() => void> = [];
    const onPage = jest.fn(() => new Promise<void>((resolve) => releases.push(resolve)));
    const listing = paginate<Item>({ style: 'page', pageSize: 50, endpoint: ENDPOINT, fetchPage, onPage });

    for (let page = 1; page <= 3; page++) {
      for (let i = 0; i < 10; i++) await flush();
      expect(onPage).toHaveBeenCalledTimes(page);
      expect(requests).toHaveLength(page);
      releases[page - 1]();
    }
    expect(await listing).toStrictEqual({ endpoint: ENDPOINT, items: 120, pages: 3, complete: true });
    expect(requests).toHaveLength(3);
  });

  test('an onPage that throws ends the listing with its error, and no further page is fetched', async () => {
    const { fetchPage, requests } = fake((r) => ok(slice(120, 50, r.page!)));
    const error = await rejection(
      paginate<Item>({
        style: 'page',
        pageSize: 50,
        endpoint: ENDPOINT,
        fetchPage,
        onPage: async () => {
          throw new Error('graph full');
        },
      }),
    );
    expect(error.message).toBe('graph full');
    expect(requests).toHaveLength(1);
  });

  test('page numbers and per_page are sent exactly, starting at {page: 1, perPage: 50}', async () => {
    const { requests } = await run((r) => ok(slice(130, 50, r.page!), { total_pages: 3 }));
    expect(requests).toStrictEqual([
      { page: 1, perPage: 50 },
      { page: 2, perPage: 50 },
      { page: 3, perPage: 50 },
    ]);
  });

  test('pageSize is sent as it is given (5000 for DNS records)', async () => {
    const { requests, result } = await run((r) => ok(slice(7000, 5000, r.page!)), { pageSize: 5000 });
    expect(requests).toStrictEqual([
      { page: 1, perPage: 5000 },
      { page: 2, perPage: 5000 },
    ]);
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 7000, pages: 2, complete: true });
  });
});

// ---------------------------------------------------------------------------

describe("paginate, style 'cursor'", () => {
  /** Pages of 50 fresh items; page n answers with cursors[n - 1] as next cursor. */
  function cursorServer(cursors: Array<string | null | undefined>, extra: PageResultInfo = {}): Answer {
    return (_r, n) => {
      const info: PageResultInfo = { per_page: 50, ...extra };
      if (cursors[n - 1] !== undefined) info.cursor = cursors[n - 1];
      return ok(items((n - 1) * 50 + 1, 50), info);
    };
  }

  test.each([
    ['an empty cursor', ''],
    ['a null cursor', null],
    ['no cursor', undefined],
  ])('follows result_info.cursor until %s comes back (complete)', async (_name, last) => {
    const { result, requests, pages } = await run(cursorServer(['c1', 'c2', last]), { style: 'cursor' });
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 150, pages: 3, complete: true });
    // toEqual: the first request carries `page: undefined`, which is not sent.
    expect(requests).toEqual([{ perPage: 50 }, { perPage: 50, cursor: 'c1' }, { perPage: 50, cursor: 'c2' }]);
    expect(requests.every((r) => r.page === undefined)).toBe(true);
    expect(pages).toHaveLength(3);
  });

  test('an empty page ends a cursor listing, whatever cursor it carries', async () => {
    const { result, requests } = await run(
      (_r, n) => (n === 1 ? ok(items(1, 50), { cursor: 'c1' }) : ok([], { cursor: 'c2' })),
      { style: 'cursor' },
    );
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 50, pages: 2, complete: true });
    expect(requests).toEqual([{ perPage: 50 }, { perPage: 50, cursor: 'c1' }]);
  });

  test('a cursor that comes back unchanged stops with repeated-cursor after 2 requests', async () => {
    const { result, requests, pages } = await run(cursorServer(['A', 'A', 'A', 'A']), { style: 'cursor' });
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 100,
      pages: 2,
      complete: false,
      stop: { reason: 'repeated-cursor', detail: 'request 2 answered a cursor already followed' },
    });
    expect(requests).toEqual([{ perPage: 50 }, { perPage: 50, cursor: 'A' }]);
    expect(pages).toHaveLength(2);
  });

  test('a cursor loop A -> B -> A stops with repeated-cursor after exactly 3 requests', async () => {
    const { result, requests } = await run(cursorServer(['A', 'B', 'A', 'B', 'A']), { style: 'cursor' });
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 150,
      pages: 3,
      complete: false,
      stop: { reason: 'repeated-cursor', detail: 'request 3 answered a cursor already followed' },
    });
    expect(requests).toEqual([{ perPage: 50 }, { perPage: 50, cursor: 'A' }, { perPage: 50, cursor: 'B' }]);
  });

  test('a repeated page under a new cursor stops with repeated-page', async () => {
    const { result, requests, pages } = await run((_r, n) => ok(items(1, 50), { cursor: `c${n}` }), {
      style: 'cursor',
    });
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 50,
      pages: 2,
      complete: false,
      stop: { reason: 'repeated-page', detail: 'request 2 answered only items already read' },
    });
    expect(requests).toEqual([{ perPage: 50 }, { perPage: 50, cursor: 'c1' }]);
    expect(pages).toHaveLength(1);
  });

  test('the total_count cap applies: endless fresh pages and cursors stop after ceil(120/50)+2 = 5 requests', async () => {
    const { result, requests } = await run(
      (_r, n) => ok(items((n - 1) * 50 + 1, 50), { per_page: 50, total_count: 120, cursor: `c${n}` }),
      { style: 'cursor' },
    );
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 250,
      pages: 5,
      complete: false,
      stop: { reason: 'page-cap', detail: "stopped after 5 requests, more than the listing's size allows" },
    });
    expect(requests).toEqual([
      { perPage: 50 },
      { perPage: 50, cursor: 'c1' },
      { perPage: 50, cursor: 'c2' },
      { perPage: 50, cursor: 'c3' },
      { perPage: 50, cursor: 'c4' },
    ]);
  });

  test('endless fresh pages and cursors without totals stop at hardPageCap', async () => {
    const { result, requests } = await run((_r, n) => ok(items((n - 1) * 50 + 1, 50), { cursor: `c${n}` }), {
      style: 'cursor',
      hardPageCap: 4,
    });
    expect(result.stop).toStrictEqual({
      reason: 'page-cap',
      detail: "stopped after 4 requests, more than the listing's size allows",
    });
    expect(requests).toHaveLength(4);
  });
});

// ---------------------------------------------------------------------------

describe("paginate, style 'array'", () => {
  test('one request without page, perPage or cursor; complete', async () => {
    const { result, requests, pages } = await run(() => ok(items(1, 7)), { style: 'array', pageSize: undefined });
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 7, pages: 1, complete: true });
    expect(requests).toStrictEqual([{}]);
    expect(pages).toEqual([items(1, 7)]);
  });

  test('a pageSize given to an array listing is not sent', async () => {
    const { requests } = await run(() => ok(items(1, 7)), { style: 'array', pageSize: 50 });
    expect(requests).toStrictEqual([{}]);
  });

  test('an array answer with total_pages 1 is complete after one request', async () => {
    const { result, requests } = await run(() => ok(items(1, 7), { page: 1, total_pages: 1 }), { style: 'array' });
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 7, pages: 1, complete: true });
    expect(requests).toStrictEqual([{}]);
  });

  test('an unpaginated endpoint that gains paging (total_pages 3) is followed with page 2 and 3', async () => {
    const { result, requests, pages } = await run(
      (r) => ok(slice(60, 20, r.page ?? 1), { page: r.page ?? 1, per_page: 20, total_pages: 3, total_count: 60 }),
      { style: 'array' },
    );
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 60, pages: 3, complete: true });
    expect(requests).toStrictEqual([{}, { page: 2 }, { page: 3 }]);
    expect(pages.flat().map((i) => i.id)).toEqual(items(1, 60).map((i) => i.id));
  });

  test('the same, but the server ignores `page`: repeated-page after 2 requests', async () => {
    const { result, requests, pages } = await run(() => ok(items(1, 20), { per_page: 20, total_pages: 3 }), {
      style: 'array',
    });
    expect(result).toStrictEqual({
      endpoint: ENDPOINT,
      items: 20,
      pages: 2,
      complete: false,
      stop: { reason: 'repeated-page', detail: 'request 2 answered only items already read' },
    });
    expect(requests).toStrictEqual([{}, { page: 2 }]);
    expect(pages).toHaveLength(1);
  });

  test('an array answer with result_info.cursor switches to cursor following', async () => {
    const cursors = ['A', 'B', ''];
    const { result, requests } = await run((_r, n) => ok(items((n - 1) * 10 + 1, 10), { cursor: cursors[n - 1] }), {
      style: 'array',
    });
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 30, pages: 3, complete: true });
    expect(requests).toStrictEqual([{}, { cursor: 'A' }, { cursor: 'B' }]);
  });

  test('an empty array answer is complete', async () => {
    const { result, requests } = await run(() => ok([]), { style: 'array' });
    expect(result).toStrictEqual({ endpoint: ENDPOINT, items: 0, pages: 1, complete: true });
    expect(requests).toStrictEqual([{}]);
  });

  test('`result: null` on an array endpoint is a NotAListError, not an empty list', async () => {
    const { fetchPage } = fake(() => ok(null));
    const error = await rejection(paginate<Item>({ style: 'array', endpoint: 'GET /y', fetchPage, onPage: jest.fn() }));
    expect(error).toBeInstanceOf(NotAListError);
    expect(error.message).toBe(
      'GET /y: page 1 answered success without a list (result: null); the listing cannot be trusted as complete',
    );
  });
});

// ---------------------------------------------------------------------------

describe('ListingResult fields', () => {
  test('endpoint echoes the option, items counts items handed to onPage, pages counts requests', async () => {
    const handed: number[] = [];
    const { fetchPage, requests } = fake((r) => ok(slice(73, 25, r.page!), { per_page: 25 }));
    const result = await paginate<Item>({
      style: 'page',
      pageSize: 25,
      endpoint: 'GET /zones/z1/dns_records',
      fetchPage,
      onPage: (page) => {
        handed.push(page.length);
      },
    });
    expect(result.endpoint).toBe('GET /zones/z1/dns_records');
    expect(handed).toEqual([25, 25, 23]);
    expect(result.items).toBe(73);
    expect(result.pages).toBe(3);
    expect(requests).toHaveLength(3);
    expect(result.complete).toBe(true);
    expect(result).not.toHaveProperty('stop');
  });

  test('a stopped listing counts the request that repeated, not its items', async () => {
    const { result, pages } = await run((r) => ok(r.page! <= 2 ? slice(100, 50, r.page!) : items(51, 50)));
    expect(result.pages).toBe(3);
    expect(result.items).toBe(100);
    expect(pages.flat()).toHaveLength(100);
    expect(result.complete).toBe(false);
  });
});

describe('page style without result_info (the account audit log)', () => {
  test('a page shorter than per_page is the last: 1,000 + 1,000 + 3 items in three requests', async () => {
    const r = await run((request) => ok(request.page! < 3 ? items((request.page! - 1) * 1000, 1000) : items(2000, 3)), {
      pageSize: 1000,
    });
    expect(r.requests).toEqual([
      { page: 1, perPage: 1000 },
      { page: 2, perPage: 1000 },
      { page: 3, perPage: 1000 },
    ]);
    expect(r.result).toEqual({ endpoint: ENDPOINT, items: 2003, pages: 3, complete: true });
  });

  test('a full page that repeats the previous one ends the listing incomplete, without looping', async () => {
    const r = await run(() => ok(items(0, 1000)), { pageSize: 1000 });
    expect(r.result).toEqual({
      endpoint: ENDPOINT,
      items: 1000,
      pages: 2,
      complete: false,
      stop: { reason: 'repeated-page', detail: 'request 2 answered only items already read' },
    });
    expect(r.pages).toHaveLength(1);
  });
});
