import http from 'http';
import fetch from 'node-fetch';
import {
  BAD_GATEWAY_HTML,
  FaultProfile,
  realisticDataset,
  RunningSimulator,
  SIM_TOKENS,
  SimulatorDataset,
  SimulatorOptions,
  startSimulator,
  SUPER_ADMIN_ROLE_ID,
  tinyDataset,
} from '.';

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function get(
  sim: RunningSimulator,
  path: string,
  token: string | null = SIM_TOKENS.user,
  init: { authorization?: string; signal?: AbortSignal; agent?: http.Agent } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const authorization = init.authorization ?? (token === null ? undefined : `Bearer ${token}`);
  if (authorization !== undefined) headers.authorization = authorization;
  // node-fetch's AbortSignal type predates the global one.
  const res = await fetch(`${sim.url}${path}`, { headers, signal: init.signal as never, agent: init.agent });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers.entries()),
    body: type.startsWith('application/json') ? JSON.parse(text) : text,
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const failure = (errors: unknown[]) => ({ success: false, errors, messages: [], result: null });

const running: RunningSimulator[] = [];
async function start(opts: Partial<SimulatorOptions> & { dataset?: SimulatorDataset } = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ dataset: opts.dataset ?? tinyDataset(), ...opts });
  running.push(sim);
  return sim;
}
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

const data = realisticDataset();
const [a1, a2] = data.accounts;
const zonesOf = (accountId: string) => data.zones.filter((z) => z.account?.id === accountId);
const cdnZone = data.zones.find((z) => z.name === 'acme-cdn.example')!;
const a2Zone = zonesOf(a2.id)[0];
const MISSING_ID = '0123456789abcdef0123456789abcdef';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await start({ dataset: data });
});

describe('envelope and page-number pagination', () => {
  test('url points at 127.0.0.1 under /client/v4', () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}/client/v4`);
  });

  test('members: every page 1..last carries the envelope and exact result_info; past the end is empty', async () => {
    const members = data.membersByAccount.get(a1.id)!;
    // 64 original entries (one listed twice) plus 3 policy-only members appended for the access surface.
    expect(members).toHaveLength(68);
    const page1 = await get(sim, `/accounts/${a1.id}/members?per_page=50`);
    expect(page1.status).toBe(200);
    expect(page1.headers['content-type']).toBe('application/json');
    expect(page1.body).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: clone(members.slice(0, 50)),
      result_info: { page: 1, per_page: 50, count: 50, total_count: 68, total_pages: 2 },
    });
    const page2 = await get(sim, `/accounts/${a1.id}/members?per_page=50&page=2`);
    expect(page2.body).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: clone(members.slice(50)),
      result_info: { page: 2, per_page: 50, count: 18, total_count: 68, total_pages: 2 },
    });
    // The duplicated member straddles the page boundary.
    expect(page2.body.result[0].id).toBe(page1.body.result[49].id);
    const page3 = await get(sim, `/accounts/${a1.id}/members?per_page=50&page=3`);
    expect(page3.body).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: [],
      result_info: { page: 3, per_page: 50, count: 0, total_count: 68, total_pages: 2 },
    });
  });

  test("zones filtered by account.id: walking pages 1..total_pages returns exactly that account's zones", async () => {
    const expected = zonesOf(a1.id);
    const seen: unknown[] = [];
    let page = 1;
    let totalPages = 1;
    do {
      const reply = await get(sim, `/zones?account.id=${a1.id}&per_page=50&page=${page}`);
      expect(reply.body.result_info).toEqual({
        page,
        per_page: 50,
        count: page === 1 ? 50 : expected.length - 50,
        total_count: expected.length,
        total_pages: 2,
      });
      seen.push(...reply.body.result);
      totalPages = reply.body.result_info.total_pages;
    } while (++page <= totalPages);
    expect(seen).toEqual(clone(expected));
  });

  test('defaults: accounts/zones per_page 20, roles 20, dns_records 100', async () => {
    expect((await get(sim, '/accounts')).body.result_info).toEqual({
      page: 1,
      per_page: 20,
      count: 3,
      total_count: 3,
      total_pages: 1,
    });
    expect((await get(sim, '/zones')).body.result_info).toEqual({
      page: 1,
      per_page: 20,
      count: 20,
      total_count: 63,
      total_pages: 4,
    });
    const roles = await get(sim, `/accounts/${a1.id}/roles`);
    expect(roles.body.result_info).toEqual({ page: 1, per_page: 20, count: 13, total_count: 13, total_pages: 1 });
    expect(roles.body.result.map((r: { id: string }) => r.id)).not.toContain(SUPER_ADMIN_ROLE_ID);
    const records = await get(sim, `/zones/${cdnZone.id}/dns_records`);
    expect(records.body.result_info).toEqual({ page: 1, per_page: 100, count: 100, total_count: 261, total_pages: 3 });
    const next = await get(sim, `/zones/${cdnZone.id}/dns_records?page=2`);
    expect(next.body.result[0]).toEqual(records.body.result[99]);
  });

  test('zone filters: name with operator and status', async () => {
    const idn = await get(sim, '/zones?name=starts_with:xn--&per_page=50');
    expect(idn.body.result.map((z: { name: string }) => z.name)).toEqual([
      'xn--mnchen-3ya.de',
      'xn--bcher-kva.example',
      'xn--e1afmkfd.example',
      'xn--fiqs8s.example',
    ]);
    const exact = await get(sim, '/zones?name=acme.example');
    expect(exact.body.result.map((z: { name: string }) => z.name)).toEqual(['acme.example']);
    const moved = await get(sim, '/zones?status=moved&per_page=50');
    expect(moved.body.result.every((z: { status: string }) => z.status === 'moved')).toBe(true);
    expect(moved.body.result_info.total_count).toBe(data.zones.filter((z) => z.status === 'moved').length);
  });
});

describe('zone type: internal zones only when asked, repeated or comma-separated', () => {
  const names = async (query: string) =>
    ((await get(sim, `/zones?account.id=${a2.id}&per_page=50${query}`)).body.result as Array<{ name: string }>).map(
      (z) => z.name,
    );
  test('without type: internal zones left out, as Cloudflare does', async () => {
    expect(await names('')).not.toContain('labs.internal.example');
    expect(await names('')).toHaveLength(data.zones.filter((z) => z.account.id === a2.id).length - 1);
  });
  test('every type, repeated or comma-separated: the internal zone too', async () => {
    const all = data.zones.filter((z) => z.account.id === a2.id).map((z) => z.name);
    expect(await names('&type=full&type=partial&type=secondary&type=internal')).toEqual(all);
    expect(await names('&type=full,partial,secondary,internal')).toEqual(all);
    expect(await names('&type=internal')).toEqual(['labs.internal.example']);
  });
  test('an unknown type is refused', async () => {
    const reply = await get(sim, '/zones?type=full,bogus');
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ code: 1001, message: 'Invalid value for type: bogus' }]);
  });
});

describe('per_page / page validation', () => {
  const zone = cdnZone.id;
  test.each([
    ['/accounts?per_page=4', 'per_page must be a number between 5 and 50'],
    ['/zones?per_page=51', 'per_page must be a number between 5 and 50'],
    ['/zones?per_page=abc', 'per_page must be a number between 5 and 50'],
    ['/zones?per_page=', 'per_page must be a number between 5 and 50'],
    ['/zones?page=0', 'page must be a number greater than or equal to 1'],
    ['/zones?page=two', 'page must be a number greater than or equal to 1'],
    [`/accounts/${a1.id}/members?per_page=4`, 'per_page must be a number between 5 and 50'],
    [`/accounts/${a1.id}/roles?per_page=4`, 'per_page must be a number between 5 and 50'],
    [`/accounts/${a1.id}/roles?per_page=51`, 'per_page must be a number between 5 and 50'],
    [`/zones/${zone}/dns_records?per_page=0`, 'per_page must be a number between 1 and 5000000'],
    [`/zones/${zone}/dns_records?per_page=5000001`, 'per_page must be a number between 1 and 5000000'],
  ])('%s → 400 1004', async (path, message) => {
    const reply = await get(sim, path);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(failure([{ code: 1004, message }]));
  });

  test.each([
    ['/zones?per_page=5', 5],
    [`/accounts/${a1.id}/roles?per_page=5`, 5],
    [`/zones/${zone}/dns_records?per_page=5000000`, 5000000],
  ])('%s is accepted', async (path, perPage) => {
    const reply = await get(sim, path);
    expect(reply.status).toBe(200);
    expect(reply.body.result_info.per_page).toBe(perPage);
  });
});

describe('authentication errors', () => {
  const badHeader = failure([
    {
      code: 6003,
      message: 'Invalid request headers',
      error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
    },
  ]);

  test.each([
    ['missing header', undefined],
    ['not Bearer', `Basic ${SIM_TOKENS.user}`],
    ['too short', 'Bearer abc'],
    ['41 characters', `Bearer ${SIM_TOKENS.user}x`],
    ['global key as bearer', `Bearer ${'a'.repeat(37)}`],
    ['bad characters', `Bearer ${'!'.repeat(40)}`],
  ])('%s → 400 6003 with error_chain 6111', async (_name, authorization) => {
    for (const path of ['/zones', '/user/tokens/verify', `/accounts/${a1.id}/tokens/verify`]) {
      const reply = await get(sim, path, null, authorization === undefined ? {} : { authorization });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(badHeader);
    }
  });

  test('user token verify succeeds with the observed message', async () => {
    const reply = await get(sim, '/user/tokens/verify');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      success: true,
      errors: [],
      messages: [{ code: 10000, message: 'This API Token is valid and active', type: null }],
      result: { id: data.tokens[0].id, status: 'active' },
    });
  });

  test('unknown token: 401 1000 on /user/tokens/verify, 403 9109 elsewhere', async () => {
    const verify = await get(sim, '/user/tokens/verify', SIM_TOKENS.unknown);
    expect(verify.status).toBe(401);
    expect(verify.body).toEqual(failure([{ code: 1000, message: 'Invalid API Token' }]));
    for (const path of ['/accounts', `/accounts/${a1.id}`, '/zones', `/zones/${cdnZone.id}/dns_records`]) {
      const reply = await get(sim, path, SIM_TOKENS.unknown);
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual(failure([{ code: 9109, message: 'Invalid access token' }]));
    }
  });

  test.each([
    ['disabled', SIM_TOKENS.disabled],
    ['expired', SIM_TOKENS.expired],
  ])('%s token: verify answers 200 with that status; other endpoints 403 9109', async (status, token) => {
    const verify = await get(sim, '/user/tokens/verify', token);
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: { id: data.tokens.find((t) => t.value === token)!.id, status },
    });
    const other = await get(sim, `/accounts/${a1.id}/members`, token);
    expect(other.status).toBe(403);
    expect(other.body).toEqual(failure([{ code: 9109, message: 'Invalid access token' }]));
  });
});

describe('permissions and visibility', () => {
  const authError = failure([{ code: 10000, message: 'Authentication error' }]);
  const unauthorized = failure([{ code: 9109, message: 'Unauthorized to access requested resource' }]);

  test.each([
    [SIM_TOKENS.noAccountSettingsRead, `/accounts/${a1.id}/members`],
    [SIM_TOKENS.noAccountSettingsRead, `/accounts/${a1.id}/roles`],
    [SIM_TOKENS.noZoneRead, '/zones'],
    [SIM_TOKENS.noDnsRead, `/zones/${cdnZone.id}/dns_records`],
  ])('%s on %s → 403 10000', async (token, path) => {
    const reply = await get(sim, path, token);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(authError);
  });

  test('a missing permission does not block other endpoints', async () => {
    expect((await get(sim, `/zones/${cdnZone.id}/dns_records`, SIM_TOKENS.noZoneRead)).status).toBe(200);
    expect((await get(sim, '/accounts', SIM_TOKENS.noAccountSettingsRead)).status).toBe(200);
  });

  test.each([
    `/accounts/${MISSING_ID}`,
    `/accounts/${MISSING_ID}/members`,
    `/accounts/${MISSING_ID}/roles`,
    `/zones/${MISSING_ID}/dns_records`,
  ])('unknown resource %s → 403 9109 Unauthorized', async (path) => {
    const reply = await get(sim, path);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(unauthorized);
  });

  test('a token restricted by accountIds only sees those accounts and their zones', async () => {
    const dataset = realisticDataset();
    const value = `restricted${'_NOT_REAL'.repeat(4)}`.slice(0, 40);
    dataset.tokens.push({
      value,
      id: MISSING_ID,
      kind: 'user',
      status: 'active',
      accountIds: [a2.id],
      permissions: ['zone_read', 'dns_read', 'account_settings_read'],
    });
    const restricted = await start({ dataset });
    const accounts = await get(restricted, '/accounts', value);
    expect(accounts.body.result.map((a: { id: string }) => a.id)).toEqual([a2.id]);
    const zones = await get(restricted, '/zones?per_page=50&type=full,partial,secondary,internal', value);
    expect(zones.body.result).toEqual(clone(zonesOf(a2.id)));
    expect((await get(restricted, `/accounts/${a1.id}/members`, value)).body).toEqual(unauthorized);
    expect((await get(restricted, `/zones/${cdnZone.id}/dns_records`, value)).body).toEqual(unauthorized);
  });
});

describe('account-owned token', () => {
  const token = SIM_TOKENS.accountOwned;
  const invalid = failure([{ code: 1000, message: 'Invalid API Token' }]);

  test('/user/tokens/verify → 403 1000', async () => {
    const reply = await get(sim, '/user/tokens/verify', token);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(invalid);
  });

  test('GET /accounts → 400 1001', async () => {
    const reply = await get(sim, '/accounts', token);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(
      failure([{ code: 1001, message: 'List accounts endpoint does not support account owned tokens.' }]),
    );
  });

  test('/accounts/:id/tokens/verify works only for its own account and only for account tokens', async () => {
    const own = await get(sim, `/accounts/${a1.id}/tokens/verify`, token);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({
      success: true,
      errors: [],
      messages: [{ code: 10000, message: 'This API Token is valid and active', type: null }],
      result: { id: data.tokens[1].id, status: 'active' },
    });
    for (const [path, t] of [
      [`/accounts/${a2.id}/tokens/verify`, token],
      [`/accounts/${a1.id}/tokens/verify`, SIM_TOKENS.user],
      [`/accounts/${a1.id}/tokens/verify`, SIM_TOKENS.unknown],
    ]) {
      const reply = await get(sim, path, t);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual(invalid);
    }
  });

  test('sees its own account and zones only', async () => {
    expect((await get(sim, `/accounts/${a1.id}`, token)).body).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: clone(a1),
    });
    expect((await get(sim, `/accounts/${a2.id}`, token)).status).toBe(403);
    const zones = await get(sim, '/zones?per_page=50', token);
    expect(zones.body.result_info.total_count).toBe(zonesOf(a1.id).length);
    const foreign = await get(sim, `/zones/${a2Zone.id}/dns_records`, token);
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors).toEqual([{ code: 9109, message: 'Unauthorized to access requested resource' }]);
  });
});

describe('routing', () => {
  test.each([['/zones/example.com/dns_records'], ['/accounts/not-an-id/members'], ['/nope'], ['/zones/']])(
    '%s → 400 7003 + 7000',
    async (path) => {
      const reply = await get(sim, path);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(
        failure([
          { code: 7003, message: `Could not route to /client/v4${path}, perhaps your object identifier is invalid?` },
          { code: 7000, message: 'No route for that URI' },
        ]),
      );
    },
  );

  test.each([['/client/v5/zones'], ['/client/v4x'], ['/'], ['/zones']])(
    '%s outside /client/v4 → 404 7000 No route for that URI',
    async (path) => {
      const res = await fetch(`http://127.0.0.1:${sim.port}${path}`, {
        headers: { authorization: `Bearer ${SIM_TOKENS.user}` },
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual(failure([{ code: 7000, message: 'No route for that URI' }]));
    },
  );

  test('/client/v4 itself is under the prefix: 400 7003', async () => {
    const res = await fetch(`http://127.0.0.1:${sim.port}/client/v4`, {
      headers: { authorization: `Bearer ${SIM_TOKENS.user}` },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { code: number }) => e.code)).toEqual([7003, 7000]);
  });

  test('wrong method is unroutable too', async () => {
    const res = await fetch(`${sim.url}/zones`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SIM_TOKENS.user}` },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].code).toBe(7003);
  });
});

describe('fault profile', () => {
  const urls = [
    '/accounts',
    `/accounts/${a1.id}/members`,
    `/accounts/${a1.id}/roles`,
    '/zones',
    `/zones/${cdnZone.id}/dns_records`,
    `/zones/${cdnZone.id}/dns_records?page=2`,
    '/user/tokens/verify',
    `/accounts/${a2.id}`,
  ];
  const profile: FaultProfile = { seed: 42, rate: 0.5, kinds: ['500', '502html'] };
  const ATTEMPTS = 6;

  async function statuses(
    order: string[],
    concurrent: boolean,
    p: FaultProfile = profile,
  ): Promise<Record<string, number[]>> {
    const s = await start({ dataset: data, faults: p });
    const out: Record<string, number[]> = {};
    const chain = async (url: string) => {
      out[url] = [];
      for (let i = 0; i < ATTEMPTS; i++) out[url].push((await get(s, url)).status);
    };
    if (concurrent) await Promise.all(order.map(chain));
    else for (const url of order) await chain(url);
    return out;
  }

  test('same seed → same per-URL status sequences regardless of request order and concurrency', async () => {
    const sequential = await statuses(urls, false);
    const concurrent = await statuses([...urls].reverse(), true);
    expect(concurrent).toEqual(sequential);
    // Regression anchor for the hash-based decision.
    expect(sequential['/accounts']).toEqual(EXPECTED_ACCOUNTS_SEQUENCE);
    const all = Object.values(sequential).flat();
    expect(all.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(all.filter((s) => s === 500 || s === 502).length).toBeGreaterThan(0);
    for (const seq of Object.values(sequential)) expect(seq.join(',')).not.toMatch(/5\d\d,5\d\d,5\d\d/);
    const otherSeed = await statuses(urls, false, { ...profile, seed: 43 });
    expect(otherSeed).not.toEqual(sequential);
  });

  test("'500': JSON envelope; the same URL never faults more than maxConsecutivePerRequest times in a row", async () => {
    const s = await start({ faults: { seed: 1, rate: 1, kinds: ['500'] } });
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await get(s, '/accounts'));
    expect(replies.map((r) => r.status)).toEqual([500, 500, 200, 500]);
    expect(replies[0].body).toEqual(failure([{ code: 10001, message: 'Internal server error' }]));
    const three = await start({ faults: { seed: 1, rate: 1, kinds: ['500'], maxConsecutivePerRequest: 3 } });
    const seq = [];
    for (let i = 0; i < 4; i++) seq.push((await get(three, '/zones')).status);
    expect(seq).toEqual([500, 500, 500, 200]);
    expect(three.stats.faultsInjected).toBe(3);
    expect(three.stats.faultsByKind).toEqual({ '500': 3 });
  });

  test("'502html': an HTML gateway page", async () => {
    const s = await start({ faults: { seed: 1, rate: 1, kinds: ['502html'] } });
    const reply = await get(s, '/zones');
    expect(reply.status).toBe(502);
    expect(reply.headers['content-type']).toBe('text/html');
    expect(reply.body).toBe(BAD_GATEWAY_HTML);
  });

  test("'reset': the socket is destroyed without an answer", async () => {
    const s = await start({ faults: { seed: 1, rate: 1, kinds: ['reset'] } });
    await expect(get(s, '/zones')).rejects.toMatchObject({ type: 'system', code: 'ECONNRESET' });
    await expect(get(s, '/zones')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await get(s, '/zones')).status).toBe(200);
    expect(s.stats.faultsInjected).toBe(2);
    expect(s.stats.faultsByKind).toEqual({ reset: 2 });
    expect(s.stats.responsesByStatus).toEqual({ 200: 1 });
  });

  test("'slow': the answer comes after slowMs, so a client timeout fires first", async () => {
    const s = await start({ faults: { seed: 1, rate: 1, kinds: ['slow'], slowMs: 300 } });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    await expect(get(s, '/zones', SIM_TOKENS.user, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    clearTimeout(timer);
    const started = Date.now();
    const patient = await get(s, '/zones');
    expect(patient.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const fast = Date.now();
    expect((await get(s, '/zones')).status).toBe(200);
    expect(Date.now() - fast).toBeLessThan(250);
  });

  test("'429': Retry-After, code 971, and a burst that throttles every URL until it ends", async () => {
    let now = 1_700_000_000_000;
    const s = await start({
      clock: () => now,
      faults: { seed: 1, rate: 1, kinds: ['429'], retryAfterSeconds: 2, maxConsecutivePerRequest: 1 },
    });
    const first = await get(s, '/zones');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('2');
    expect(first.body).toEqual(
      failure([{ code: 971, message: 'Please wait and consider throttling your request speed' }]),
    );
    const other = await get(s, '/accounts');
    expect([other.status, other.headers['retry-after']]).toEqual([429, '2']);
    now += 1500;
    const later = await get(s, '/zones');
    expect([later.status, later.headers['retry-after']]).toEqual([429, '1']);
    now += 500;
    expect((await get(s, '/zones')).status).toBe(200);
    expect(s.stats.faultsInjected).toBe(3);
  });

  test('failPaths always fail, beyond maxConsecutivePerRequest', async () => {
    const s = await start({ faults: { seed: 1, rate: 0, failPaths: [{ pattern: /\/dns_records/, status: 503 }] } });
    const zone = tinyDataset().zones[0].id;
    for (let i = 0; i < 5; i++) {
      const reply = await get(s, `/zones/${zone}/dns_records`);
      expect(reply.status).toBe(503);
      expect(reply.body).toEqual(failure([{ code: 10001, message: 'Internal server error' }]));
    }
    expect((await get(s, '/zones')).status).toBe(200);
  });
});

describe('server-side rate limiting', () => {
  const message = (n: number, w: number) =>
    `More than ${n} requests per ${w} seconds reached. Please wait and consider throttling your request speed`;

  test('sliding window: headers on every response, 429 with Retry-After while blocked, recovery after the window', async () => {
    let now = 1_700_000_000_000;
    const s = await start({ clock: () => now, rateLimit: { requests: 3, windowSeconds: 60, headers: true } });
    for (const remaining of [2, 1, 0]) {
      const reply = await get(s, '/zones');
      expect(reply.status).toBe(200);
      expect(reply.headers['ratelimit']).toBe(`"default";r=${remaining};t=60`);
      expect(reply.headers['ratelimit-policy']).toBe('"default";q=3;w=60');
    }
    const blocked = await get(s, '/accounts');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.headers['ratelimit']).toBe('"default";r=0;t=60');
    expect(blocked.body).toEqual(failure([{ code: 971, message: message(3, 60) }]));
    now += 30_000;
    const stillBlocked = await get(s, '/zones');
    expect([stillBlocked.status, stillBlocked.headers['retry-after']]).toEqual([429, '30']);
    now += 30_001;
    const recovered = await get(s, '/zones');
    expect(recovered.status).toBe(200);
    expect(recovered.headers['ratelimit']).toBe('"default";r=1;t=30');
    expect(s.stats.rateLimited).toBe(2);
    expect(s.stats.responsesByStatus).toEqual({ 200: 4, 429: 2 });
  });

  test('blockSeconds sets the block length; no headers unless asked', async () => {
    const now = 1_700_000_000_000;
    const s = await start({ clock: () => now, rateLimit: { requests: 1, windowSeconds: 10, blockSeconds: 5 } });
    const ok = await get(s, '/zones');
    expect(ok.headers['ratelimit']).toBeUndefined();
    const blocked = await get(s, '/zones');
    expect([blocked.status, blocked.headers['retry-after']]).toEqual([429, '5']);
    expect(blocked.body.errors[0].message).toBe(message(1, 10));
  });

  test('externalSpend: budget already used by someone else shows in the headers', async () => {
    const now = 1_700_000_000_000;
    const s = await start({
      clock: () => now,
      rateLimit: { requests: 5, windowSeconds: 300, headers: true, externalSpend: 4 },
    });
    const first = await get(s, '/zones');
    expect([first.status, first.headers['ratelimit']]).toEqual([200, '"default";r=0;t=300']);
    const second = await get(s, '/zones');
    expect([second.status, second.headers['retry-after']]).toEqual([429, '300']);
  });
});

describe('stats and lifecycle', () => {
  test('counts by route template and status, never stores the token; resetStats clears in place', async () => {
    const s = await start();
    const zone = tinyDataset().zones[0].id;
    await get(s, '/accounts');
    await get(s, `/zones/${zone}/dns_records`);
    await get(s, `/zones/${zone}/dns_records?page=2`);
    await get(s, '/zones/example.com/dns_records');
    const stats = s.stats;
    expect(stats).toMatchObject({
      requests: 4,
      byRoute: { 'GET /accounts': 1, 'GET /zones/:id/dns_records': 2, UNROUTED: 1 },
      responsesByStatus: { 200: 3, 400: 1 },
      faultsInjected: 0,
      rateLimited: 0,
      maxInFlight: 1,
      peakPerSecond: 4,
    });
    expect(stats.firstRequestAt).toEqual(expect.any(Number));
    expect(stats.lastResponseAt).toBeGreaterThanOrEqual(stats.firstRequestAt!);
    expect(JSON.stringify(stats)).not.toContain(SIM_TOKENS.user);
    s.resetStats();
    expect(s.stats).toBe(stats);
    expect(stats).toEqual({
      requests: 0,
      byRoute: {},
      responsesByStatus: {},
      faultsInjected: 0,
      faultsByKind: {},
      rateLimited: 0,
      hostileAnswers: 0,
      hostileByBehaviour: {},
      hostileBytesSent: 0,
      maxInFlight: 0,
      peakPerSecond: 0,
    });
  });

  test('peakPerSecond: the most requests arriving within any 1 s, sliding', async () => {
    let now = 1_700_000_000_000;
    const s = await start({ clock: () => now });
    await get(s, '/accounts');
    await get(s, '/accounts');
    now += 500;
    await get(s, '/accounts');
    now += 499; // 999 ms after the first two: all three in one second
    await get(s, '/accounts');
    expect(s.stats.peakPerSecond).toBe(4);
    now += 1; // the first two have left the second: 3 in it
    await get(s, '/accounts');
    expect(s.stats.peakPerSecond).toBe(4);
    now += 999; // only the one of a second ago is left: 2, then 6 with four at once
    await get(s, '/accounts');
    expect(s.stats.peakPerSecond).toBe(4);
    await Promise.all(Array.from({ length: 4 }, () => get(s, '/accounts')));
    expect(s.stats.peakPerSecond).toBe(6);
    s.resetStats();
    await get(s, '/accounts');
    expect(s.stats.peakPerSecond).toBe(1);
  });

  test('latency applies to every answer and maxInFlight tracks concurrency', async () => {
    const s = await start({ latencyMs: 60 });
    const started = Date.now();
    const replies = await Promise.all([0, 1, 2, 3, 4].map(() => get(s, '/accounts')));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(s.stats.maxInFlight).toBe(5);
    const errStarted = Date.now();
    expect((await get(s, '/nope')).status).toBe(400);
    expect(Date.now() - errStarted).toBeGreaterThanOrEqual(55);
  });

  test('close() destroys keep-alive sockets and stops listening', async () => {
    const s = await startSimulator({ dataset: tinyDataset() });
    const agent = new http.Agent({ keepAlive: true });
    expect((await get(s, '/accounts', SIM_TOKENS.user, { agent })).status).toBe(200);
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(get(s, '/accounts')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    agent.destroy();
  });
});

// Filled in from a first run; guards against accidental changes to the fault hash.
const EXPECTED_ACCOUNTS_SEQUENCE = [502, 200, 500, 200, 200, 200];
