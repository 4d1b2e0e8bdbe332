import http from 'http';
import fetch from 'node-fetch';
import {
  CLOUDFLARE_ROUTES,
  decodeCursor,
  encodeCursor,
  HOSTILE_HTML,
  HostileRule,
  HUGE_ERROR_DEFAULT_BYTES,
  hugeErrorChunks,
  paginateCursor,
  realisticDataset,
  RunningSimulator,
  SIM_TOKENS,
  SimulatorOptions,
  singleArray,
  startSimulator,
  TEST_STYLE_ROUTES,
} from '.';

interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function get(sim: RunningSimulator, path: string, token: string = SIM_TOKENS.user): Promise<Reply> {
  const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers.entries()),
    text,
    body: type.startsWith('application/json') ? JSON.parse(text) : text,
  };
}

/** A raw request, so a test sees exactly what arrives (and can hang up mid-body). */
function rawGet(sim: RunningSimulator, path: string): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port: sim.port,
        path: `/client/v4${path}`,
        headers: { authorization: `Bearer ${SIM_TOKENS.user}` },
        agent: false,
      },
      (res) => {
        res.on('error', () => undefined); // premature close is what some tests provoke
        resolve({ req, res });
      },
    );
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

const failure = (errors: unknown[]) => ({ success: false, errors, messages: [], result: null });
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const data = realisticDataset();
const [a1, , a3] = data.accounts;
const a1Members = data.membersByAccount.get(a1.id)!;
const a3Members = data.membersByAccount.get(a3.id)!;
const emptyZone = data.zones.find((z) => z.name === 'acme-empty.example')!;
const ROUTES = [...CLOUDFLARE_ROUTES, ...TEST_STYLE_ROUTES];

const running: RunningSimulator[] = [];
async function start(hostile: HostileRule[] = [], extra: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ dataset: data, routes: ROUTES, hostile, ...extra });
  running.push(sim);
  return sim;
}
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

let honest: RunningSimulator;
beforeAll(async () => {
  honest = await start();
});

const MEMBERS = `/accounts/${a1.id}/members`;
const BY_CURSOR = `/accounts/${a1.id}/members-by-cursor`;

describe('page-number lies', () => {
  test("'repeat-first-page': every page is page 1 and result_info keeps only count/per_page", async () => {
    const sim = await start([{ pattern: /\/members$/, behaviour: 'repeat-first-page' }]);
    const page1 = (await get(honest, `${MEMBERS}?per_page=20`)).body;
    for (const page of [1, 2, 4, 9]) {
      const reply = await get(sim, `${MEMBERS}?per_page=20&page=${page}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        success: true,
        errors: [],
        messages: [],
        result: page1.result,
        result_info: { count: 20, per_page: 20 },
      });
    }
    expect(page1.result).toEqual(clone(a1Members.slice(0, 20)));
    // Other paths are honest; a refused request stays refused and is not counted.
    expect((await get(sim, '/zones')).body.result_info).toEqual({
      page: 1,
      per_page: 20,
      count: 20,
      total_count: 63,
      total_pages: 4,
    });
    const refused = await get(sim, MEMBERS, SIM_TOKENS.noAccountSettingsRead);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(failure([{ code: 10000, message: 'Authentication error' }]));
    expect(sim.stats.hostileAnswers).toBe(4);
    expect(sim.stats.hostileByBehaviour).toEqual({ 'repeat-first-page': 4 });
  });

  test("'ignore-page-with-totals': page 1 with its honest result_info for every page", async () => {
    const sim = await start([{ pattern: /^\/client\/v4\/zones$/, behaviour: 'ignore-page-with-totals' }]);
    const page1 = (await get(honest, '/zones?per_page=20')).body;
    expect(page1.result_info).toEqual({ page: 1, per_page: 20, count: 20, total_count: 63, total_pages: 4 });
    for (const page of [2, 3, 4, 5]) expect((await get(sim, `/zones?per_page=20&page=${page}`)).body).toEqual(page1);
    expect(sim.stats.hostileByBehaviour).toEqual({ 'ignore-page-with-totals': 4 });
  });

  test("'total-pages-low': total_pages 1 on every page while the real pages are still served", async () => {
    const sim = await start([{ pattern: /\/zones$/, behaviour: 'total-pages-low' }]);
    for (const page of [1, 2, 4]) {
      const real = (await get(honest, `/zones?per_page=20&page=${page}`)).body;
      const lie = await get(sim, `/zones?per_page=20&page=${page}`);
      expect(lie.body).toEqual({ ...real, result_info: { ...real.result_info, total_pages: 1 } });
    }
    expect((await get(sim, '/zones?per_page=20&page=2')).body.result).toHaveLength(20);
    // A list that really has one page is not a lie: honest and not counted.
    const small = await get(sim, `/zones?account.id=${a3.id}`);
    expect(small.body.result_info).toEqual({ page: 1, per_page: 20, count: 2, total_count: 2, total_pages: 1 });
    expect(sim.stats.hostileByBehaviour).toEqual({ 'total-pages-low': 4 });
  });

  test("'total-pages-high': totals inflated by 50 pages; pages past the real end are empty", async () => {
    const sim = await start([{ pattern: /\/members$/, behaviour: 'total-pages-high' }]);
    const page1 = await get(sim, `${MEMBERS}?per_page=50`);
    expect(page1.body.result).toEqual(clone(a1Members.slice(0, 50)));
    expect(page1.body.result_info).toEqual({
      page: 1,
      per_page: 50,
      count: 50,
      total_count: 68 + 50 * 50,
      total_pages: 52,
    });
    const page2 = await get(sim, `${MEMBERS}?per_page=50&page=2`);
    expect(page2.body.result).toEqual(clone(a1Members.slice(50)));
    for (const page of [3, 52]) {
      expect((await get(sim, `${MEMBERS}?per_page=50&page=${page}`)).body).toEqual({
        success: true,
        errors: [],
        messages: [],
        result: [],
        result_info: { page, per_page: 50, count: 0, total_count: 2568, total_pages: 52 },
      });
    }
    const custom = await start([{ pattern: /\/members$/, behaviour: 'total-pages-high', extraPages: 2 }]);
    expect((await get(custom, `${MEMBERS}?per_page=50`)).body.result_info).toEqual({
      page: 1,
      per_page: 50,
      count: 50,
      total_count: 168,
      total_pages: 4,
    });
    expect(sim.stats.hostileByBehaviour).toEqual({ 'total-pages-high': 4 });
  });

  test("'past-end-repeats-last': full copies of the last real page past total_pages", async () => {
    const sim = await start([{ pattern: /\/(members|dns_records)$/, behaviour: 'past-end-repeats-last' }]);
    const last = (await get(honest, `${MEMBERS}?per_page=50&page=2`)).body;
    expect((await get(sim, `${MEMBERS}?per_page=50&page=2`)).body).toEqual(last);
    for (const page of [3, 4, 100]) {
      expect((await get(sim, `${MEMBERS}?per_page=50&page=${page}`)).body).toEqual({
        success: true,
        errors: [],
        messages: [],
        result: clone(a1Members.slice(50)),
        result_info: { page, per_page: 50, count: 18, total_count: 68, total_pages: 2 },
      });
    }
    // An empty list has no last page to repeat.
    const empty = await get(sim, `/zones/${emptyZone.id}/dns_records?page=2`);
    expect(empty.body.result_info).toEqual({ page: 2, per_page: 100, count: 0, total_count: 0, total_pages: 0 });
    expect(sim.stats.hostileByBehaviour).toEqual({ 'past-end-repeats-last': 3 });
  });
});

describe('bodies a client cannot use', () => {
  test("'result-null': 200 success with result null, whatever the endpoint would say", async () => {
    const sim = await start([{ pattern: /\/zones$/, behaviour: 'result-null' }]);
    for (const token of [SIM_TOKENS.user, SIM_TOKENS.noZoneRead]) {
      const reply = await get(sim, '/zones?page=3', token);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json');
      expect(reply.body).toEqual({ success: true, errors: [], messages: [], result: null });
    }
    expect(sim.stats.hostileByBehaviour).toEqual({ 'result-null': 2 });
  });

  test("'html-200': 200 text/html", async () => {
    const sim = await start([{ pattern: /\/accounts$/, behaviour: 'html-200' }]);
    const reply = await get(sim, '/accounts');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(HOSTILE_HTML)));
    expect(reply.body).toBe(HOSTILE_HTML);
    expect(() => JSON.parse(reply.text)).toThrow();
  });

  test("'no-route-404': 404 7000 as for a wrong version prefix", async () => {
    const sim = await start([{ pattern: /\/zones$/, behaviour: 'no-route-404' }]);
    const reply = await get(sim, '/zones');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toEqual(failure([{ code: 7000, message: 'No route for that URI' }]));
    expect(sim.stats.responsesByStatus).toEqual({ 404: 1 });
    expect(sim.stats.hostileByBehaviour).toEqual({ 'no-route-404': 1 });
  });

  test("'truncated-body': the first half of the honest JSON, with a content-length that matches it", async () => {
    const sim = await start([{ pattern: /\/members$/, behaviour: 'truncated-body' }]);
    const full = Buffer.from((await get(honest, `${MEMBERS}?per_page=5`)).text);
    const { res } = await rawGet(sim, `${MEMBERS}?per_page=5`);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['content-length']).toBe(String(Math.floor(full.length / 2)));
    expect(res.complete).toBe(true);
    expect(body.equals(full.subarray(0, Math.floor(full.length / 2)))).toBe(true);
    expect(() => JSON.parse(body.toString())).toThrow(SyntaxError);
    // A refused request is answered honestly.
    expect((await get(sim, MEMBERS, SIM_TOKENS.noAccountSettingsRead)).status).toBe(403);
    expect(sim.stats.hostileByBehaviour).toEqual({ 'truncated-body': 1 });
  });

  test("'null-field': the field is null on one item of a copy; the dataset is untouched", async () => {
    const sim = await start([
      { pattern: /\/members$/, behaviour: 'null-field', index: 2, field: 'user' },
      { pattern: /\/roles$/, behaviour: 'null-field', index: 0, field: 'id' },
      { pattern: /\/zones$/, behaviour: 'null-field', index: 1, field: 'account.id' },
      { pattern: /\/dns_records$/, behaviour: 'null-field', index: 0, field: 'meta.nothing.here' },
    ]);
    const members = await get(sim, `${MEMBERS}?per_page=5`);
    expect(members.body.result).toEqual([
      ...clone(a1Members.slice(0, 2)),
      { ...clone(a1Members[2]), user: null },
      ...clone(a1Members.slice(3, 5)),
    ]);
    expect(a1Members[2].user).not.toBeNull();
    const roles = await get(sim, `/accounts/${a1.id}/roles`);
    expect(roles.body.result[0]).toEqual({ ...clone(data.rolesByAccount.get(a1.id)![0]), id: null });
    const zones = await get(sim, '/zones?per_page=5');
    expect(zones.body.result[1].account).toEqual({ id: null, name: data.zones[1].account.name });
    expect(data.zones[1].account.id).toMatch(/^[0-9a-f]{32}$/);
    // Index past this page, or a path through a missing object: honest, not counted.
    const cdn = data.zones.find((z) => z.name === 'acme-cdn.example')!;
    expect((await get(sim, `/zones/${cdn.id}/dns_records?per_page=1`)).body).toEqual(
      (await get(honest, `/zones/${cdn.id}/dns_records?per_page=1`)).body,
    );
    expect((await get(sim, `/accounts/${a3.id}/members?page=2`)).body.result).toEqual([]);
    expect(sim.stats.hostileByBehaviour).toEqual({ 'null-field': 3 });
  });
});

describe('bodies that never end', () => {
  test("'stall-body': headers and half the body, then nothing; close() still ends it promptly", async () => {
    const sim = await start([{ pattern: /\/members$/, behaviour: 'stall-body' }]);
    const full = Buffer.from((await get(honest, `${MEMBERS}?per_page=5`)).text);
    const half = Math.floor(full.length / 2);
    const { res } = await rawGet(sim, `${MEMBERS}?per_page=5`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['content-length']).toBe(String(full.length));
    const chunks: Buffer[] = [];
    let ended = false;
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => (ended = true));
    const closed = new Promise((resolve) => res.on('close', resolve));
    await until(() => Buffer.concat(chunks).length >= half);
    await sleep(250);
    expect(Buffer.concat(chunks).equals(full.subarray(0, half))).toBe(true);
    expect(ended).toBe(false);
    expect(sim.stats.hostileByBehaviour).toEqual({ 'stall-body': 1 });
    expect(sim.stats.responsesByStatus).toEqual({});

    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await closed;
    expect(res.complete).toBe(false);
    expect(ended).toBe(false);
  });

  test("'stall-body': a client that hangs up frees the server; the simulator keeps answering", async () => {
    const sim = await start([{ pattern: /\/members$/, behaviour: 'stall-body' }]);
    const { req, res } = await rawGet(sim, `${MEMBERS}?per_page=5`);
    await new Promise((resolve) => res.once('data', resolve));
    req.destroy();
    await until(() => req.socket?.destroyed ?? true);
    expect((await get(sim, '/zones')).status).toBe(200);
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("'huge-error': a 500 HTML body of exactly `bytes` bytes, chunked, counted in stats", async () => {
    const bytes = 1024 * 1024 + 7;
    const sim = await start([{ pattern: /\/zones$/, behaviour: 'huge-error', bytes }]);
    const reply = await get(sim, '/zones');
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toBe('text/html');
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.headers['transfer-encoding']).toBe('chunked');
    expect(Buffer.byteLength(reply.text)).toBe(bytes);
    expect(reply.text.startsWith('<!DOCTYPE html><html><head><title>500 Internal Server Error</title>')).toBe(true);
    expect(reply.text.endsWith('</body></html>\n')).toBe(true);
    await until(() => sim.stats.hostileBytesSent === bytes);
    expect(sim.stats.responsesByStatus).toEqual({ 500: 1 });
    expect(sim.stats.hostileByBehaviour).toEqual({ 'huge-error': 1 });
  });

  test("'huge-error' with declareLength: content-length is sent", async () => {
    const sim = await start([
      { pattern: /\/zones$/, behaviour: 'huge-error', bytes: 3000, chunkBytes: 1000, declareLength: true },
    ]);
    const reply = await get(sim, '/zones');
    expect([reply.status, reply.headers['content-length'], Buffer.byteLength(reply.text)]).toEqual([500, '3000', 3000]);
  });

  test("'huge-error' (default 50 MiB): a client that stops after 1 MiB stops the stream", async () => {
    const sim = await start([{ pattern: /\/zones$/, behaviour: 'huge-error' }]);
    const { req, res } = await rawGet(sim, '/zones');
    expect(res.statusCode).toBe(500);
    let received = 0;
    await new Promise<void>((resolve) => {
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= 1024 * 1024) {
          req.destroy();
          resolve();
        }
      });
    });
    // Wait until the server has noticed (the count stops moving).
    let previous = -1;
    while (sim.stats.hostileBytesSent !== previous) {
      previous = sim.stats.hostileBytesSent;
      await sleep(100);
    }
    expect(sim.stats.hostileBytesSent).toBeGreaterThanOrEqual(1024 * 1024);
    expect(sim.stats.hostileBytesSent).toBeLessThan(HUGE_ERROR_DEFAULT_BYTES / 2);
    expect(sim.stats.responsesByStatus).toEqual({});
    expect((await get(sim, '/accounts')).status).toBe(200);
  });

  test('hugeErrorChunks: exact sizes from one reused filler buffer', () => {
    const total = (bytes: number, chunk: number) =>
      [...hugeErrorChunks(bytes, chunk)].reduce((n, c) => n + c.length, 0);
    for (const bytes of [0, 1, 10, 150, 1000, 65536 * 3 + 7]) expect(total(bytes, 65536)).toBe(bytes);
    const chunks = [...hugeErrorChunks(10 * 4096 + 500, 4096)];
    const full = chunks.filter((c) => c.length === 4096);
    expect(full.length).toBeGreaterThanOrEqual(9);
    expect(full.every((c) => c === full[0])).toBe(true);
  });
});

describe('cursor pagination (paginateCursor) and single arrays (singleArray)', () => {
  test('members-by-cursor: walking cursors returns every member once; the last cursor is empty', async () => {
    const seen: unknown[] = [];
    const counts: number[] = [];
    let cursor: string | undefined;
    do {
      const reply = await get(honest, `${BY_CURSOR}?per_page=20${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body.result_info).sort()).toEqual(['count', 'cursor', 'per_page']);
      expect(reply.body.result_info.per_page).toBe(20);
      expect(reply.body.result_info.count).toBe(reply.body.result.length);
      counts.push(reply.body.result_info.count);
      seen.push(...reply.body.result);
      cursor = reply.body.result_info.cursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor);
    expect(cursor).toBe('');
    expect(counts).toEqual([20, 20, 20, 8]);
    expect(seen).toEqual(clone(a1Members));
  });

  test('per_page bounds 1–50 (default 20); page is ignored; an empty cursor is the first page', async () => {
    expect((await get(honest, BY_CURSOR)).body.result_info).toEqual({
      count: 20,
      cursor: encodeCursor(20),
      per_page: 20,
    });
    expect((await get(honest, `${BY_CURSOR}?per_page=1&page=3&cursor=`)).body.result).toEqual([clone(a1Members[0])]);
    expect((await get(honest, `${BY_CURSOR}?per_page=50`)).body.result_info).toEqual({
      count: 50,
      cursor: encodeCursor(50),
      per_page: 50,
    });
    for (const perPage of ['0', '51', 'x']) {
      const reply = await get(honest, `${BY_CURSOR}?per_page=${perPage}`);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(failure([{ code: 1004, message: 'per_page must be a number between 1 and 50' }]));
    }
  });

  test('an unknown, tampered or out-of-range cursor is 400 1004 Invalid cursor', async () => {
    const valid = encodeCursor(20);
    const tampered = Buffer.from(Buffer.from(valid, 'base64url').toString().replace(':20:', ':21:')).toString(
      'base64url',
    );
    for (const cursor of ['abc', 'page-2', tampered, `${valid}=`, encodeCursor(69), encodeURIComponent('/+==')]) {
      const reply = await get(honest, `${BY_CURSOR}?cursor=${cursor}`);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(failure([{ code: 1004, message: 'Invalid cursor' }]));
    }
    expect(decodeCursor(valid)).toBe(20);
    expect(decodeCursor(tampered)).toBeUndefined();
    // The end of the list (never issued, as the last page carries '') is an empty page.
    expect((await get(honest, `${BY_CURSOR}?cursor=${encodeCursor(68)}`)).body.result_info).toEqual({
      count: 0,
      cursor: '',
      per_page: 20,
    });
  });

  test('test-style routes check auth like /members and /roles, and are not in CLOUDFLARE_ROUTES', async () => {
    expect((await get(honest, BY_CURSOR, SIM_TOKENS.noAccountSettingsRead)).body).toEqual(
      failure([{ code: 10000, message: 'Authentication error' }]),
    );
    expect((await get(honest, `/accounts/${a1.id}/roles-array`, SIM_TOKENS.unknown)).body).toEqual(
      failure([{ code: 9109, message: 'Invalid access token' }]),
    );
    expect((await get(honest, `/accounts/${'0'.repeat(32)}/roles-array`)).status).toBe(403);
    const plain = await start([], { routes: undefined });
    expect((await get(plain, BY_CURSOR)).body.errors[1]).toEqual({ code: 7000, message: 'No route for that URI' });
  });

  test('roles-array: the whole list, no result_info, whatever page/per_page say', async () => {
    const roles = clone(data.rolesByAccount.get(a1.id)!);
    for (const query of ['', '?page=2&per_page=1']) {
      const reply = await get(honest, `/accounts/${a1.id}/roles-array${query}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ success: true, errors: [], messages: [], result: roles });
      expect('result_info' in reply.body).toBe(false);
    }
  });

  test('paginateCursor and singleArray as pure functions', () => {
    const items = ['a', 'b', 'c'];
    const first = paginateCursor(items, new URLSearchParams('per_page=2'), { min: 1, max: 5, default: 2 });
    expect(first).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        success: true,
        errors: [],
        messages: [],
        result: ['a', 'b'],
        result_info: { count: 2, cursor: encodeCursor(2), per_page: 2 },
      },
    });
    const second = paginateCursor(items, new URLSearchParams({ per_page: '2', cursor: encodeCursor(2) }), {
      min: 1,
      max: 5,
      default: 2,
    });
    expect(second.body).toMatchObject({ result: ['c'], result_info: { count: 1, cursor: '', per_page: 2 } });
    expect(paginateCursor([], new URLSearchParams(), { min: 1, max: 5, default: 2 }).body).toMatchObject({
      result: [],
      result_info: { count: 0, cursor: '', per_page: 2 },
    });
    expect(() => paginateCursor(items, new URLSearchParams('cursor=nope'), { min: 1, max: 5, default: 2 })).toThrow(
      'simulated 400',
    );
    const array = singleArray(items);
    expect(array).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { success: true, errors: [], messages: [], result: items },
    });
    expect((array.body as { result: unknown }).result).not.toBe(items);
  });
});

describe('cursor lies', () => {
  test("'repeat-cursor': the first page and the same non-empty cursor, whatever cursor is sent", async () => {
    const sim = await start([{ pattern: /\/members-by-cursor$/, behaviour: 'repeat-cursor' }]);
    const first = (await get(honest, BY_CURSOR)).body;
    let cursor = '';
    for (let i = 0; i < 4; i++) {
      const reply = await get(sim, `${BY_CURSOR}${cursor ? `?cursor=${cursor}` : ''}`);
      expect(reply.body).toEqual(first);
      cursor = reply.body.result_info.cursor;
    }
    // A one-page list still gets a non-empty cursor (pointing at its first page).
    const small = await get(sim, `/accounts/${a3.id}/members-by-cursor`);
    expect(small.body.result).toEqual(clone(a3Members));
    expect(small.body.result_info).toEqual({ count: 2, cursor: encodeCursor(0), per_page: 20 });
    expect(sim.stats.hostileByBehaviour).toEqual({ 'repeat-cursor': 5 });
  });

  test("'cursor-loop': the last page's cursor leads back to the first page", async () => {
    const sim = await start([{ pattern: /\/members-by-cursor$/, behaviour: 'cursor-loop' }]);
    const ids: string[] = [];
    let cursor = '';
    for (let i = 0; i < 6; i++) {
      const reply = await get(sim, `${BY_CURSOR}?per_page=20${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...reply.body.result.map((m: { id: string }) => m.id));
      cursor = reply.body.result_info.cursor;
      expect(cursor).not.toBe('');
    }
    const expected = a1Members.map((m) => m.id);
    expect(ids).toEqual([...expected, ...expected.slice(0, 40)]);
    expect(sim.stats.hostileByBehaviour).toEqual({ 'cursor-loop': 1 });
  });

  test("'repeat-first-page' on a cursor list ignores the cursor; page-number lies leave cursor lists alone and vice versa", async () => {
    const sim = await start([
      { pattern: /\/members-by-cursor$/, behaviour: 'repeat-first-page' },
      { pattern: /\/roles-array$/, behaviour: 'total-pages-high' },
      { pattern: /\/zones$/, behaviour: 'repeat-cursor' },
      { pattern: /\/members$/, behaviour: 'cursor-loop' },
    ]);
    const first = (await get(honest, BY_CURSOR)).body;
    expect((await get(sim, `${BY_CURSOR}?cursor=${encodeCursor(40)}`)).body).toEqual(first);
    for (const path of [`/accounts/${a1.id}/roles-array`, '/zones?page=2', `${MEMBERS}?page=4`]) {
      expect((await get(sim, path)).body).toEqual((await get(honest, path)).body);
    }
    expect(sim.stats.hostileByBehaviour).toEqual({ 'repeat-first-page': 1 });
    expect(sim.stats.hostileAnswers).toBe(1);
  });
});

describe('rule matching', () => {
  test('the path without query is matched; the first matching rule wins; global regexps stay deterministic', async () => {
    const sim = await start([
      { pattern: /page=2/, behaviour: 'result-null' },
      { pattern: /zones/g, behaviour: 'html-200' },
      { pattern: /\/zones$/, behaviour: 'no-route-404' },
    ]);
    for (let i = 0; i < 3; i++) expect((await get(sim, '/zones?page=2')).body).toBe(HOSTILE_HTML);
    expect((await get(sim, '/accounts?page=2')).status).toBe(200);
    expect((await get(sim, '/accounts?page=2')).body.result_info.page).toBe(2);
    expect(sim.stats.hostileByBehaviour).toEqual({ 'html-200': 3 });
    sim.resetStats();
    expect([sim.stats.hostileAnswers, sim.stats.hostileByBehaviour, sim.stats.hostileBytesSent]).toEqual([0, {}, 0]);
  });

  test('hostile answers come after latency, like any other', async () => {
    const sim = await start([{ pattern: /\/zones$/, behaviour: 'result-null' }], { latencyMs: 80 });
    const started = Date.now();
    expect((await get(sim, '/zones')).body.result).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });
});
