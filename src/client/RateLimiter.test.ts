import { RateLimiter, RateLimiterOptions, RateLimitWait } from './RateLimiter';

/**
 * Every test runs on jest's modern fake timers (Date.now is faked too), with
 * the limiter's clock injected as `() => Date.now()`. Times below are
 * milliseconds since the test started.
 */

let T0 = 0;
const now = () => Date.now() - T0;

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Advances the fake clock 1 ms at a time so resolutions are seen at their exact time. */
async function tick(ms: number): Promise<void> {
  for (let i = 0; i < ms; i++) {
    jest.advanceTimersByTime(1);
    await flush();
  }
}

/** Advances the clock to an absolute test time. */
async function tickTo(t: number): Promise<void> {
  expect(now()).toBeLessThanOrEqual(t);
  await tick(t - now());
}

interface Tracked {
  resolvedAt?: number;
}

function acquire(limiter: RateLimiter): Tracked {
  const tracked: Tracked = {};
  void limiter.acquire().then(() => {
    tracked.resolvedAt = now();
  });
  return tracked;
}

function makeLimiter(options: Partial<RateLimiterOptions> = {}): { limiter: RateLimiter; waits: RateLimitWait[] } {
  const waits: RateLimitWait[] = [];
  const limiter = new RateLimiter({
    requests: 3,
    windowMs: 1000,
    now: () => Date.now(),
    onWait: (wait) => waits.push(wait),
    ...options,
  });
  return { limiter, waits };
}

beforeEach(() => {
  jest.useFakeTimers();
  T0 = Date.now();
});

afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

describe('RateLimiter sliding window', () => {
  test('the first N acquisitions are immediate, N+1 waits', async () => {
    const { limiter, waits } = makeLimiter({ requests: 3, windowMs: 1000 });
    const first = [acquire(limiter), acquire(limiter), acquire(limiter)];
    await flush();
    expect(first.map((t) => t.resolvedAt)).toEqual([0, 0, 0]);
    expect(limiter.requestsInFlight).toBe(3);

    for (const _ of first) limiter.release();
    const fourth = acquire(limiter);
    await tick(999);
    expect(fourth.resolvedAt).toBeUndefined();
    await tick(1);
    expect(fourth.resolvedAt).toBe(1000);
    expect(waits).toEqual([{ reason: 'window', waitMs: 1000, window: { requests: 3, windowMs: 1000 } }]);
  });

  test('N+1 waits until the oldest completion + window, counted from release time, not acquire time', async () => {
    const { limiter } = makeLimiter({ requests: 3, windowMs: 1000 });
    acquire(limiter);
    acquire(limiter);
    acquire(limiter);
    await tickTo(100);
    limiter.release(); // completion at 100
    await tickTo(300);
    limiter.release(); // completions at 300
    limiter.release();

    const fourth = acquire(limiter);
    const fifth = acquire(limiter);
    await tickTo(1000); // acquire + window: must NOT be free yet
    expect(fourth.resolvedAt).toBeUndefined();
    await tickTo(1099);
    expect(fourth.resolvedAt).toBeUndefined();
    await tickTo(1100);
    expect(fourth.resolvedAt).toBe(1100);
    expect(fifth.resolvedAt).toBeUndefined();
    await tickTo(1300);
    expect(fifth.resolvedAt).toBe(1300);
  });

  test('requests in flight count against the budget until they complete', async () => {
    const { limiter } = makeLimiter({ requests: 2, windowMs: 1000 });
    acquire(limiter);
    acquire(limiter);
    const third = acquire(limiter);
    // Nothing completes: the third request may never go, however long we wait.
    await tick(3000);
    expect(third.resolvedAt).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);

    limiter.release(); // completion at 3000; one still in flight
    await flush();
    expect(third.resolvedAt).toBeUndefined();
    await tickTo(3999);
    expect(third.resolvedAt).toBeUndefined();
    await tickTo(4000);
    expect(third.resolvedAt).toBe(4000);
  });

  test('completions older than the window no longer count', async () => {
    const { limiter } = makeLimiter({ requests: 2, windowMs: 1000 });
    acquire(limiter);
    acquire(limiter);
    limiter.release();
    limiter.release();
    await tickTo(1000);
    const next = [acquire(limiter), acquire(limiter)];
    await flush();
    expect(next.map((t) => t.resolvedAt)).toEqual([1000, 1000]);
  });

  test('waiting requests are served in order', async () => {
    const { limiter } = makeLimiter({ requests: 1, windowMs: 100 });
    const order: number[] = [];
    for (let i = 0; i < 5; i++) {
      void limiter.acquire().then(() => {
        order.push(i);
        setTimeout(() => limiter.release(), 10);
      });
    }
    await tick(1000);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('RateLimiter concurrency', () => {
  test('maxInFlight bounds concurrency; a release lets the next one go at once', async () => {
    const { limiter, waits } = makeLimiter({ requests: 100, windowMs: 1000, maxInFlight: 2 });
    const tracked = [acquire(limiter), acquire(limiter), acquire(limiter), acquire(limiter), acquire(limiter)];
    await flush();
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, 0, undefined, undefined, undefined]);
    expect(limiter.requestsInFlight).toBe(2);

    await tickTo(50);
    limiter.release();
    await flush();
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, 0, 50, undefined, undefined]);
    expect(limiter.requestsInFlight).toBe(2);

    limiter.release();
    limiter.release();
    await flush();
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, 0, 50, 50, 50]);
    // Concurrency waits are not reported as pacing.
    expect(waits).toEqual([]);
  });

  test('never more than maxInFlight at once under load', async () => {
    const { limiter } = makeLimiter({ requests: 1000, windowMs: 1000, maxInFlight: 3 });
    let inFlight = 0;
    let peak = 0;
    let done = 0;
    for (let i = 0; i < 30; i++) {
      void limiter.acquire().then(() => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(
          () => {
            inFlight--;
            done++;
            limiter.release();
          },
          5 + (i % 7),
        );
      });
    }
    await tick(500);
    expect(done).toBe(30);
    expect(peak).toBe(3);
  });
});

describe('RateLimiter server signals', () => {
  test('pauseUntil holds every request until the pause ends', async () => {
    const { limiter, waits } = makeLimiter({ requests: 100, windowMs: 1000 });
    limiter.pauseUntil(Date.now() + 500);
    const tracked = [acquire(limiter), acquire(limiter), acquire(limiter)];
    await tickTo(499);
    expect(tracked.map((t) => t.resolvedAt)).toEqual([undefined, undefined, undefined]);
    await tickTo(500);
    expect(tracked.map((t) => t.resolvedAt)).toEqual([500, 500, 500]);
    expect(waits).toEqual([{ reason: 'retry-after', waitMs: 500, window: undefined }]);
  });

  test('a shorter pause does not shorten a longer one', async () => {
    const { limiter } = makeLimiter({ requests: 100, windowMs: 1000 });
    limiter.pauseUntil(Date.now() + 800);
    limiter.pauseUntil(Date.now() + 200);
    const tracked = acquire(limiter);
    await tickTo(799);
    expect(tracked.resolvedAt).toBeUndefined();
    await tickTo(800);
    expect(tracked.resolvedAt).toBe(800);
  });

  test('observeServerQuota(0, t) holds until the reset', async () => {
    const { limiter, waits } = makeLimiter({ requests: 100, windowMs: 1000 });
    limiter.observeServerQuota(0, 2);
    const tracked = [acquire(limiter), acquire(limiter)];
    await tickTo(1999);
    expect(tracked.map((t) => t.resolvedAt)).toEqual([undefined, undefined]);
    await tickTo(2000);
    expect(tracked.map((t) => t.resolvedAt)).toEqual([2000, 2000]);
    expect(waits).toEqual([{ reason: 'server-quota', waitMs: 2000, window: { requests: 100, windowMs: 1000 } }]);
  });

  test('observeServerQuota(r, t) lets r requests go, then holds until the reset', async () => {
    const { limiter } = makeLimiter({ requests: 100, windowMs: 1000 });
    limiter.observeServerQuota(2, 5);
    const tracked = [acquire(limiter), acquire(limiter), acquire(limiter)];
    await flush();
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, 0, undefined]);
    await tickTo(5000);
    expect(tracked[2].resolvedAt).toBe(5000);
  });

  test('a reported quota that matches our own log holds nothing back (no foreign spend)', async () => {
    const { limiter, waits } = makeLimiter({ requests: 10, windowMs: 1000 });
    const first = Array.from({ length: 4 }, () => acquire(limiter));
    await flush();
    for (const _ of first) limiter.release();
    // The server saw our 4 requests: 6 left, reset in 1 s (whole seconds).
    limiter.observeServerQuota(6, 1);
    const next = Array.from({ length: 6 }, () => acquire(limiter));
    await flush();
    expect(next.map((t) => t.resolvedAt)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(waits).toEqual([]);
  });

  test('budget spent by someone else is held back until the reported reset', async () => {
    const { limiter, waits } = makeLimiter({ requests: 10, windowMs: 1000 });
    const first = Array.from({ length: 2 }, () => acquire(limiter));
    await flush();
    for (const _ of first) limiter.release();
    // Our log leaves 8; the server says 3: 5 were spent elsewhere.
    limiter.observeServerQuota(3, 2);
    const next = Array.from({ length: 4 }, () => acquire(limiter));
    await flush();
    expect(next.map((t) => t.resolvedAt)).toEqual([0, 0, 0, undefined]);
    expect(waits).toEqual([{ reason: 'server-quota', waitMs: 1000, window: { requests: 10, windowMs: 1000 } }]);
    await tickTo(1000);
    expect(next[3].resolvedAt).toBe(1000);
  });

  test('foreign spend ends at the reported reset even while our own requests stay in the window', async () => {
    const { limiter } = makeLimiter({ requests: 100, windowMs: 300_000 });
    const first = acquire(limiter);
    await flush();
    limiter.release();
    expect(first.resolvedAt).toBe(0);
    limiter.observeServerQuota(0, 1); // 99 spent elsewhere, reset in 1 s
    const next = acquire(limiter);
    await tickTo(999);
    expect(next.resolvedAt).toBeUndefined();
    await tickTo(1000); // not 300 s: our one completion leaves the window much later
    expect(next.resolvedAt).toBe(1000);
  });

  test('requests in flight when the quota was reported may not be counted in it yet', async () => {
    const { limiter } = makeLimiter({ requests: 100, windowMs: 1000 });
    acquire(limiter); // in flight
    await flush();
    limiter.observeServerQuota(2, 3);
    const tracked = [acquire(limiter), acquire(limiter)];
    await flush();
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, undefined]);
    await tickTo(3000);
    expect(tracked[1].resolvedAt).toBe(3000);
  });

  test('observePolicy adopts only windows that are stricter', () => {
    const { limiter } = makeLimiter({ requests: 1200, windowMs: 300_000 });
    limiter.observePolicy({ requests: 1200, windowMs: 300_000 }); // the same
    limiter.observePolicy({ requests: 2000, windowMs: 300_000 }); // looser
    limiter.observePolicy({ requests: 1200, windowMs: 60_000 }); // implied by 1200 / 300 s
    limiter.observePolicy({ requests: 0, windowMs: 60_000 }); // invalid
    limiter.observePolicy({ requests: 10, windowMs: 0 }); // invalid
    expect(limiter.windows).toEqual([{ requests: 1200, windowMs: 300_000 }]);

    limiter.observePolicy({ requests: 100, windowMs: 60_000 }); // burst: stricter
    limiter.observePolicy({ requests: 100, windowMs: 60_000 }); // seen again: not duplicated
    limiter.observePolicy({ requests: 2000, windowMs: 900_000 }); // binds over a longer window
    expect(limiter.windows).toEqual([
      { requests: 1200, windowMs: 300_000 },
      { requests: 100, windowMs: 60_000, fromServer: true },
      { requests: 2000, windowMs: 900_000, fromServer: true },
    ]);
  });

  test('an adopted policy paces requests', async () => {
    const { limiter, waits } = makeLimiter({ requests: 100, windowMs: 10_000 });
    limiter.observePolicy({ requests: 2, windowMs: 500 });
    const tracked = [acquire(limiter), acquire(limiter), acquire(limiter)];
    await flush();
    limiter.release();
    limiter.release();
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, 0, undefined]);
    await tickTo(500);
    expect(tracked[2].resolvedAt).toBe(500);
    expect(waits).toEqual([
      { reason: 'window', waitMs: 500, window: { requests: 2, windowMs: 500, fromServer: true } },
    ]);
  });
});

describe('RateLimiter per-IP window', () => {
  test('a burst the budget allows is held to the per-IP window', async () => {
    const { limiter, waits } = makeLimiter({ requests: 100, windowMs: 10_000, perIp: { requests: 3, windowMs: 1000 } });
    expect(limiter.windows).toEqual([
      { requests: 100, windowMs: 10_000 },
      { requests: 3, windowMs: 1000, perIp: true },
    ]);
    const tracked = Array.from({ length: 5 }, () => acquire(limiter));
    await flush();
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, 0, 0, undefined, undefined]);
    await tickTo(50);
    for (let i = 0; i < 3; i++) limiter.release(); // completions at 50
    await tickTo(1049);
    expect(tracked[3].resolvedAt).toBeUndefined();
    await tickTo(1050);
    expect(tracked.map((t) => t.resolvedAt)).toEqual([0, 0, 0, 1050, 1050]);
    expect(waits).toEqual([{ reason: 'window', waitMs: 1000, window: { requests: 3, windowMs: 1000, perIp: true } }]);
  });

  test('both windows hold: the per-IP one second by second, the budget over its window', async () => {
    const { limiter } = makeLimiter({ requests: 4, windowMs: 10_000, perIp: { requests: 2, windowMs: 1000 } });
    const resolvedAt: number[] = [];
    const all = Array.from({ length: 5 }, () =>
      limiter.acquire().then(() => {
        resolvedAt.push(now());
        limiter.release();
      }),
    );
    await flush();
    await tickTo(10_000);
    // Two per second until the budget of 4 is spent, then the first completion (at 0) must leave its 10 s window.
    expect(resolvedAt).toEqual([0, 0, 1000, 1000, 10_000]);
    await Promise.all(all);
  });

  test('budget someone else spent (Ratelimit header) does not count against the per-IP window', async () => {
    const { limiter, waits } = makeLimiter({ requests: 100, windowMs: 10_000, perIp: { requests: 5, windowMs: 1000 } });
    const first = [acquire(limiter), acquire(limiter)];
    await flush();
    limiter.release();
    limiter.release();
    expect(first.map((t) => t.resolvedAt)).toEqual([0, 0]);
    // Our log leaves 98 of the budget; the server says 90: 8 spent elsewhere, held back for 10 s.
    limiter.observeServerQuota(90, 10);
    const next = Array.from({ length: 6 }, () => acquire(limiter));
    await flush();
    // The budget has 90 left; the per-IP window 3 (5 less our 2), then frees at 1000.
    expect(next.map((t) => t.resolvedAt)).toEqual([0, 0, 0, undefined, undefined, undefined]);
    await tickTo(1000);
    // 3 still in flight: 2 more fit the per-IP window; the sixth waits for an answer.
    expect(next.map((t) => t.resolvedAt)).toEqual([0, 0, 0, 1000, 1000, undefined]);
    expect(waits).toEqual([{ reason: 'window', waitMs: 1000, window: { requests: 5, windowMs: 1000, perIp: true } }]);
  });

  test("the Ratelimit header's quota is compared with the budget's log, not the per-IP window's", async () => {
    const { limiter, waits } = makeLimiter({ requests: 100, windowMs: 10_000, perIp: { requests: 5, windowMs: 1000 } });
    const first = Array.from({ length: 4 }, () => acquire(limiter));
    await flush();
    for (const _ of first) limiter.release();
    // The budget's log leaves 96 (the per-IP window only 1); the server says 2: 94 spent elsewhere until 5 s.
    limiter.observeServerQuota(2, 5);
    await tickTo(1000); // the per-IP window is free again
    const next = Array.from({ length: 3 }, () => acquire(limiter));
    await flush();
    expect(next.map((t) => t.resolvedAt)).toEqual([1000, 1000, undefined]);
    await tickTo(4999);
    expect(next[2].resolvedAt).toBeUndefined();
    await tickTo(5000);
    expect(next[2].resolvedAt).toBe(5000);
    expect(waits).toEqual([{ reason: 'server-quota', waitMs: 4000, window: { requests: 100, windowMs: 10_000 } }]);
  });

  test('estimateMs: the per-IP window counts rounds of a second, without foreign spend', () => {
    const { limiter } = makeLimiter({ requests: 1000, windowMs: 300_000, perIp: { requests: 10, windowMs: 1000 } });
    expect(limiter.estimateMs(10)).toBe(0);
    expect(limiter.estimateMs(25)).toBe(2000);
    limiter.observeServerQuota(995, 300); // 5 spent elsewhere: the budget's concern only
    expect(limiter.estimateMs(8)).toBe(0);
    expect(limiter.estimateMs(996)).toBe(300_000);
  });
});

describe('RateLimiter onWait', () => {
  test('called once per waiting period, with the reason', async () => {
    const { limiter, waits } = makeLimiter({ requests: 1, windowMs: 1000 });
    acquire(limiter);
    await flush();
    limiter.release();
    // Three requests queue up behind one spent budget: one notice, not three.
    const queued = [acquire(limiter), acquire(limiter), acquire(limiter)];
    await tickTo(1000);
    expect(queued[0].resolvedAt).toBe(1000);
    expect(waits).toEqual([{ reason: 'window', waitMs: 1000, window: { requests: 1, windowMs: 1000 } }]);

    // The second waiting period starts when the dispatched request completes.
    await tickTo(1200);
    limiter.release();
    await tickTo(2200);
    expect(queued[1].resolvedAt).toBe(2200);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toEqual({ reason: 'window', waitMs: 1000, window: { requests: 1, windowMs: 1000 } });
  });

  test('never reports an unbounded wait while only in-flight requests fill the budget', async () => {
    const { limiter, waits } = makeLimiter({ requests: 2, windowMs: 1000 });
    acquire(limiter);
    acquire(limiter);
    const third = acquire(limiter); // both slots in flight: wait for a completion
    await tickTo(100);
    expect(waits).toEqual([]);
    limiter.release(); // now the wait is known: completion 100 + 1000
    await tickTo(1100);
    expect(third.resolvedAt).toBe(1100);
    expect(waits).toEqual([{ reason: 'window', waitMs: 1000, window: { requests: 2, windowMs: 1000 } }]);
  });

  test('no notice when nothing has to wait', async () => {
    const { limiter, waits } = makeLimiter({ requests: 5, windowMs: 1000 });
    for (let i = 0; i < 5; i++) acquire(limiter);
    await flush();
    expect(waits).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Property test: the server never sees more than N requests in any window.
// ---------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Most arrivals any server-side window (t - W, t] contains. */
function maxInAnyWindow(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[lo] <= sorted[hi] - windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

interface Limiter {
  acquire(): Promise<void>;
  release(): void;
}

interface Simulation {
  arrivals: number[];
  durationMs: number;
}

/**
 * Sends `total` requests through `limiter` from `workers` concurrent callers.
 * Each request has a random latency; the server counts it at a random moment
 * between send and response (sometimes exactly at either end).
 */
async function simulate(
  limiter: Limiter,
  options: { total: number; workers: number; maxLatencyMs: number; seed: number },
): Promise<Simulation> {
  const random = prng(options.seed);
  const arrivals: number[] = [];
  let remaining = options.total;
  const worker = async () => {
    while (remaining > 0) {
      remaining--;
      await limiter.acquire();
      const sent = now();
      // Mostly short latencies, with a long tail.
      const latency = Math.floor(
        random() < 0.9 ? random() * options.maxLatencyMs * 0.2 : random() * options.maxLatencyMs,
      );
      const where = random();
      const arrival = where < 0.15 ? sent : where < 0.3 ? sent + latency : sent + random() * latency;
      arrivals.push(arrival);
      await new Promise((resolve) => setTimeout(resolve, latency));
      limiter.release();
    }
  };
  let finished = false;
  const all = Promise.all(Array.from({ length: options.workers }, worker)).then(() => {
    finished = true;
  });
  let steps = 0;
  while (!finished) {
    jest.advanceTimersToNextTimer();
    await flush();
    if (++steps > options.total * 20) throw new Error('simulation did not finish');
  }
  await all;
  return { arrivals, durationMs: now() };
}

/** A limiter that (wrongly) counts each request at send time. */
class SendTimeLimiter implements Limiter {
  private readonly sends: number[] = [];
  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
  ) {}
  async acquire(): Promise<void> {
    for (;;) {
      const t = now();
      const inWindow = this.sends.filter((s) => s > t - this.windowMs);
      if (inWindow.length < this.requests) {
        this.sends.push(t);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, inWindow[0] + this.windowMs - t));
    }
  }
  release(): void {}
}

describe('RateLimiter property: server-side sliding window is never exceeded', () => {
  const scenarios = [
    {
      name: '5,000 requests, N=50 per 1 s, 12 workers, maxInFlight 8',
      requests: 50,
      windowMs: 1000,
      workers: 12,
      maxInFlight: 8,
      maxLatencyMs: 600,
      total: 5000,
      seed: 1,
    },
    {
      name: '1,500 requests, N=7 per 500 ms, 20 workers, no concurrency cap, latency up to 4x the window',
      requests: 7,
      windowMs: 500,
      workers: 20,
      maxInFlight: undefined,
      maxLatencyMs: 2000,
      total: 1500,
      seed: 2,
    },
    {
      name: '1,500 requests, N=20 per 2 s, 64 workers, maxInFlight 30',
      requests: 20,
      windowMs: 2000,
      workers: 64,
      maxInFlight: 30,
      maxLatencyMs: 300,
      total: 1500,
      seed: 3,
    },
  ];

  test.each(scenarios)('$name', async (scenario) => {
    const limiter = new RateLimiter({
      requests: scenario.requests,
      windowMs: scenario.windowMs,
      maxInFlight: scenario.maxInFlight,
      now: () => Date.now(),
    });
    const { arrivals, durationMs } = await simulate(limiter, scenario);
    expect(arrivals).toHaveLength(scenario.total);
    expect(limiter.requestsInFlight).toBe(0);
    const peak = maxInAnyWindow(arrivals, scenario.windowMs);
    expect(peak).toBeLessThanOrEqual(scenario.requests);
    // The limiter is not merely slow: it uses most of the budget...
    expect(peak).toBeGreaterThanOrEqual(Math.ceil(scenario.requests * 0.6));
    // ...and keeps going (each slot is busy at most latency + window).
    const slotCycles = Math.ceil(scenario.total / scenario.requests) + 1;
    expect(durationMs).toBeLessThanOrEqual(slotCycles * (scenario.windowMs + scenario.maxLatencyMs));
  });

  test('the reference check catches a limiter that counts requests at send time', async () => {
    const limiter = new SendTimeLimiter(7, 500);
    const { arrivals } = await simulate(limiter, { total: 1500, workers: 20, maxLatencyMs: 2000, seed: 2 });
    expect(maxInAnyWindow(arrivals, 500)).toBeGreaterThan(7);
  });

  test('with a per-IP window, both windows hold', async () => {
    const limiter = new RateLimiter({
      requests: 40,
      windowMs: 2000,
      perIp: { requests: 8, windowMs: 250 },
      maxInFlight: 16,
      now: () => Date.now(),
    });
    const { arrivals } = await simulate(limiter, { total: 1000, workers: 24, maxLatencyMs: 400, seed: 5 });
    expect(maxInAnyWindow(arrivals, 2000)).toBeLessThanOrEqual(40);
    const peak = maxInAnyWindow(arrivals, 250);
    expect(peak).toBeLessThanOrEqual(8);
    expect(peak).toBeGreaterThanOrEqual(5);
  });

  test('with a stricter policy adopted, both windows hold', async () => {
    const limiter = new RateLimiter({ requests: 40, windowMs: 2000, maxInFlight: 10, now: () => Date.now() });
    limiter.observePolicy({ requests: 8, windowMs: 250 });
    const { arrivals } = await simulate(limiter, { total: 1000, workers: 16, maxLatencyMs: 400, seed: 4 });
    expect(maxInAnyWindow(arrivals, 2000)).toBeLessThanOrEqual(40);
    expect(maxInAnyWindow(arrivals, 250)).toBeLessThanOrEqual(8);
  });
});
