/**
 * Rate limiting (docs/operations.md#pacing-what-you-see-while-it-waits): a
 * request counts against the window from when its response arrives, so a
 * steady run gets no 429; when a 429 does come (someone else spent the
 * budget), every request waits as Retry-After says, and the log tells the
 * user what it is waiting for and how long.
 *
 * Windows are 1-2 s so the waits stay short.
 */
import { largeDataset, RunningSimulator, SimulatorDataset, SimulatorOptions, startSimulator } from '../../simulator';
import { IntegrationConfig } from '../../src/config';
import { allSucceeded, collect, CollectResult, duplicates, keys, messages, statuses } from '../../tools/lib/collect';
import { requestsByRoute } from '../../tools/lib/requestPlan';

/*
 * Every area is on (the default), so the optional steps, which run alongside
 * the core ones, are paced by the same shared budget. A full collection costs
 * 35 requests for 2 accounts (verify, accounts, user tokens, and per account
 * 16 lists: roles, members, zones, tokens, Zero Trust users, devices,
 * registrations, posture rules, Gateway locations, the four Access lists,
 * the two activity logs and the Cloudflare Tunnels) plus 3 per zone (DNS records, settings, DNSSEC):
 * requestsByRoute (tools/lib/requestPlan.ts) counts them per simulator route,
 * from the simulator's endpoint table and our page sizes.
 */
/** 104 requests: 35 + 23 zones × 3, over four 30-request windows. */
const pacedDataset = largeDataset({ accounts: 2, zones: 23, records: 1500, members: 60 });
/** 44 requests (more than one 30-request window), for the 429 cases. */
const smallDataset = largeDataset({ accounts: 2, zones: 3, records: 600, members: 40 });

const total = (routes: Record<string, number>) => Object.values(routes).reduce((a, b) => a + b, 0);

const baselines = new Map<SimulatorDataset, CollectResult>();

async function run(
  options: Omit<SimulatorOptions, 'dataset'> & { dataset: SimulatorDataset },
  config: Partial<IntegrationConfig> = {},
): Promise<{ result: CollectResult; sim: RunningSimulator }> {
  const sim = await startSimulator(options);
  try {
    return { result: await collect({ apiBaseUrl: sim.url, config }), sim };
  } finally {
    await sim.close();
  }
}

beforeAll(async () => {
  for (const dataset of [pacedDataset, smallDataset]) {
    expect(dataset.zeroTrustDisabled.size).toBe(0);
    const { result, sim } = await run({ dataset });
    expect(result.error).toBeUndefined();
    expect(sim.stats.byRoute).toEqual(requestsByRoute(dataset));
    baselines.set(dataset, result);
  }
  // One Cloudflare Tunnels listing per account of each dataset is part of these.
  expect(total(requestsByRoute(pacedDataset))).toBe(104);
  expect(total(requestsByRoute(smallDataset))).toBe(44);
});

function expectFullGraph(result: CollectResult, dataset: SimulatorDataset): void {
  const baseline = baselines.get(dataset)!;
  expect(result.error).toBeUndefined();
  expect(statuses(result)).toEqual(allSucceeded(baseline));
  expect(result.partialTypes).toEqual([]);
  expect(duplicates(keys(result.entities))).toEqual([]);
  expect(keys(result.entities)).toEqual(keys(baseline.entities));
  expect(keys(result.relationships)).toEqual(keys(baseline.relationships));
}

const RETRY_AFTER_WAIT =
  /^Cloudflare answered 429 \(rate limit reached, possibly by other tools sharing this user's budget\); waiting (\d+) s as Retry-After says, until \S+, then continuing$/;

test('(a) client budget = server budget (30 per 2 s): zero 429s, paced, full graph', async () => {
  const { result, sim } = await run(
    { dataset: pacedDataset, rateLimit: { requests: 30, windowSeconds: 2 } },
    { rateLimitRequests: '30', rateLimitWindowSeconds: '2' },
  );
  expectFullGraph(result, pacedDataset);
  // Exactly the fault-free requests: none repeated, none refused.
  expect(sim.stats.byRoute).toEqual(requestsByRoute(pacedDataset));
  expect(sim.stats.requests).toBe(104);
  expect(sim.stats.rateLimited).toBe(0);
  expect(sim.stats.responsesByStatus[429]).toBeUndefined();
  expect(result.transportStats.rateLimited).toBe(0);
  expect(messages(result, /Retry-After/)).toEqual([]);

  // It really was paced: n requests at 30 per 2 s need (ceil(n/30) - 1) full windows.
  const span = sim.stats.lastResponseAt! - sim.stats.firstRequestAt!;
  expect(span).toBeGreaterThanOrEqual((Math.ceil(sim.stats.requests / 30) - 1) * 2000 - 50);
  // ... and said so.
  expect(
    messages(
      result,
      /^Pacing Cloudflare requests: the request budget \(30 requests per 2 s; RATE_LIMIT_REQUESTS \/ RATE_LIMIT_WINDOW_SECONDS\) is spent for now; next request in about \d+ s$/,
    ).length,
  ).toBeGreaterThan(0);
});

describe('(b) someone else spent most of the budget; the server sends Ratelimit headers', () => {
  // The client keeps its defaults (1,200 per 5 minutes): all it knows about
  // the 30-per-2-s budget and the 25 already spent comes from the headers.
  test('25 of 30 spent: the headers keep it at exactly zero 429s', async () => {
    const { result, sim } = await run({
      dataset: smallDataset,
      rateLimit: { requests: 30, windowSeconds: 2, headers: true, externalSpend: 25 },
    });
    expectFullGraph(result, smallDataset);
    expect(sim.stats.requests).toBe(total(requestsByRoute(smallDataset))); // 42: more than one window's worth
    expect(sim.stats.rateLimited).toBe(0);
    expect(result.transportStats.rateLimited).toBe(0);
    expect(
      messages(
        result,
        /^Pacing Cloudflare requests: Cloudflare reports part of the request budget spent by someone else \(Ratelimit header\); next request in about \d+ s$/,
      ).length,
    ).toBeGreaterThan(0);
  });

  test('29 of 30 spent: the first answer reports 0 remaining; it waits for the reset (2 s), not its own 300 s window, and gets zero 429s', async () => {
    // Before the fix in RateLimiter.windowDelay this run stalled for 300 s:
    // the foreign spend was charged against the default 1,200-per-300-s
    // window and the wait ran until our own first request left that window.
    const { result, sim } = await run({
      dataset: smallDataset,
      rateLimit: { requests: 30, windowSeconds: 2, headers: true, externalSpend: 29 },
    });
    expectFullGraph(result, smallDataset);
    expect(sim.stats.rateLimited).toBe(0);
    const waits = messages(
      result,
      /^Pacing Cloudflare requests: Cloudflare reports part of the request budget spent by someone else \(Ratelimit header\); next request in about (\d+) s$/,
    );
    expect(waits.length).toBeGreaterThan(0);
    for (const wait of waits) expect(Number(/about (\d+) s/.exec(wait)![1])).toBeLessThanOrEqual(2);
    expect(result.wallMs).toBeLessThan(15_000);
  }, 20_000);

  test('30 of 30 spent: exactly one 429 (the first request, sent before any header was seen), then it waits and finishes', async () => {
    const { result, sim } = await run({
      dataset: smallDataset,
      rateLimit: { requests: 30, windowSeconds: 2, headers: true, externalSpend: 30 },
    });
    expectFullGraph(result, smallDataset);
    expect(sim.stats.rateLimited).toBe(1);
    expect(result.transportStats.rateLimited).toBe(1);
    const waits = result.records.filter((r) => RETRY_AFTER_WAIT.test(r.msg));
    expect(waits).toHaveLength(1);
    expect(waits[0].endpoint).toBe('GET /user/tokens/verify');
    expect(waits[0].msg).toMatch(/waiting 2 s as Retry-After says/);
  });
});

describe('(c) 429s come anyway: wait as Retry-After says and go on', () => {
  test('429 bursts injected as faults (Retry-After 1)', async () => {
    const { result, sim } = await run({
      dataset: smallDataset,
      faults: { seed: 2, rate: 0.1, kinds: ['429'], retryAfterSeconds: 1 },
    });
    expectFullGraph(result, smallDataset);
    expect(sim.stats.responsesByStatus[429]).toBeGreaterThan(0);
    expect(result.transportStats.rateLimited).toBe(sim.stats.responsesByStatus[429]);
    expect(result.transportStats.retries).toBe(0); // a 429 is not a failed attempt
    const waits = messages(result, RETRY_AFTER_WAIT);
    expect(waits.length).toBe(sim.stats.responsesByStatus[429]);
    for (const wait of waits) expect(wait).toContain('waiting 1 s as Retry-After says');
    expect(result.wallMs).toBeGreaterThanOrEqual(1000);
  });

  test('server budget exceeded because the client is configured too high', async () => {
    // 20 per second on the server; the client believes 1,200 per 5 minutes
    // and gets no headers, so it overruns, is blocked, and must wait.
    const { result, sim } = await run({
      dataset: smallDataset,
      rateLimit: { requests: 20, windowSeconds: 1, blockSeconds: 1 },
    });
    expectFullGraph(result, smallDataset);
    expect(sim.stats.rateLimited).toBeGreaterThan(0);
    expect(result.transportStats.rateLimited).toBe(sim.stats.rateLimited);
    const waits = messages(result, RETRY_AFTER_WAIT);
    expect(waits.length).toBe(sim.stats.rateLimited);
    for (const wait of waits) expect(wait).toContain('waiting 1 s as Retry-After says');
  });
});
