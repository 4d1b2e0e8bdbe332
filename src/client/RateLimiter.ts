/**
 * Client-side pacing inside Cloudflare's request budget (by default 1,200
 * requests per 5 minutes per user, shared with the dashboard and every other
 * tool; going over blocks everything for 5 minutes) and inside its per-IP
 * limit (200 requests per second), which the budget's burst would otherwise
 * overrun whenever latency is low
 * (https://developers.cloudflare.com/fundamentals/api/reference/limits/).
 *
 * One limiter is shared by every request of a run. It is a sliding-window
 * log: a request counts against the window from when its response arrived
 * (the server counted it somewhere between send and arrival, so counting at
 * arrival keeps our window behind the server's, never ahead of it), and
 * requests still in flight count too. It also obeys what Cloudflare tells it:
 * `Ratelimit` (remaining quota), `Ratelimit-Policy` (a stricter window) and
 * 429 pauses.
 */

export interface RateLimitWindow {
  requests: number;
  windowMs: number;
  /** Set for a window adopted from Cloudflare's `Ratelimit-Policy` header (not from config). */
  fromServer?: boolean;
  /**
   * Set for the per-IP window (RATE_LIMIT_PER_SECOND). It is not the user's
   * budget, so budget the `Ratelimit` header reports spent by someone else
   * neither counts against it nor is measured with it.
   */
  perIp?: boolean;
}

type WindowSize = Pick<RateLimitWindow, 'requests' | 'windowMs'>;

export type RateLimitWaitReason = 'window' | 'server-quota' | 'retry-after' | 'concurrency';

export interface RateLimitWait {
  reason: RateLimitWaitReason;
  waitMs: number;
  window?: RateLimitWindow;
}

export interface RateLimiterOptions extends WindowSize {
  /** The per-IP limit, a second and shorter window (Cloudflare's: 200 requests per 1 s). */
  perIp?: WindowSize;
  /** Most requests in flight at once (bounded concurrency for the whole run). */
  maxInFlight?: number;
  /**
   * Called once each time the limiter starts holding requests back, unless
   * the request at the head of the queue brought its own callback (acquire).
   */
  onWait?: (wait: RateLimitWait) => void;
  now?: () => number;
}

/**
 * Budget someone else spent: the server reports less remaining quota than our
 * own log accounts for. Counted as used until the server's reset time.
 */
interface ForeignSpend {
  requests: number;
  until: number;
}

export class RateLimiter {
  readonly windows: RateLimitWindow[];
  private readonly completions: number[] = [];
  private completionsStart = 0;
  private inFlight = 0;
  private pausedUntil = 0;
  private foreignSpend?: ForeignSpend;
  private readonly queue: Array<{ resolve: () => void; onWait?: (wait: RateLimitWait) => void }> = [];
  private timer?: NodeJS.Timeout;
  private timerAt = 0;
  private waiting = false;
  private readonly maxInFlight: number;
  private readonly now: () => number;
  private readonly onWait?: (wait: RateLimitWait) => void;

  constructor(options: RateLimiterOptions) {
    this.windows = [{ requests: options.requests, windowMs: options.windowMs }];
    if (options.perIp) this.windows.push({ ...options.perIp, perIp: true });
    this.maxInFlight = options.maxInFlight ?? Infinity;
    this.now = options.now ?? Date.now;
    this.onWait = options.onWait;
  }

  /**
   * Resolves when one more request may be sent. Pair with `release()`.
   * `onWait` hears about a wait this request is the first to meet, so the
   * notice goes out through the logger of the step that made the request.
   */
  acquire(onWait?: (wait: RateLimitWait) => void): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ resolve, onWait });
      this.pump();
    });
  }

  /**
   * The response of an acquired request arrived (or the request failed).
   * `arrivedAt` is when its headers came in: the body may be read later, when
   * a busy event loop gets to it, and counting from then would make every
   * window start later than it has to.
   */
  release(arrivedAt: number = this.now()): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const at = Math.min(arrivedAt, this.now());
    // Keep the log sorted (binary search relies on it); arrivals are nearly in order.
    let i = this.completions.length;
    this.completions.push(at);
    while (i > this.completionsStart && this.completions[i - 1] > at) {
      this.completions[i] = this.completions[i - 1];
      i--;
    }
    this.completions[i] = at;
    this.prune();
    this.pump();
  }

  /** Hold every request until `until` (a 429's Retry-After). */
  pauseUntil(until: number): void {
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.foreignSpend = undefined;
  }

  /**
   * Cloudflare's remaining quota, from a `Ratelimit` header of a response.
   * The server counts a request when it arrives; we count it from when its
   * response arrived, so our log holds at least what the server's window
   * holds, except requests still in flight, which the server may not have
   * seen yet. Reported quota below what our log leaves (N - logged) is budget
   * spent by someone else (the dashboard, other tools of the same user): held
   * back until the reset. Quota at or above it changes nothing, so the
   * header's whole-second granularity does not slow a run that has the
   * budget to itself. The per-IP window is left out: the header reports the
   * user's budget, and a second's worth of quota says nothing about it.
   */
  observeServerQuota(remaining: number, resetSeconds: number): void {
    const now = this.now();
    const logRemaining = Math.min(
      ...this.windows.filter((w) => !w.perIp).map((w) => w.requests - this.countSince(now - w.windowMs)),
    );
    const foreign = logRemaining - remaining;
    this.foreignSpend =
      foreign > 0 && resetSeconds > 0 ? { requests: foreign, until: now + resetSeconds * 1000 } : undefined;
  }

  /** A `Ratelimit-Policy` window: adopted only when it is stricter. */
  observePolicy(policy: RateLimitWindow): void {
    if (policy.requests <= 0 || policy.windowMs <= 0) return;
    const looser = this.windows.some((w) => w.windowMs >= policy.windowMs && w.requests <= policy.requests);
    if (!looser) this.windows.push({ requests: policy.requests, windowMs: policy.windowMs, fromServer: true });
  }

  /**
   * About how long `requests` more requests will take to be let through,
   * from the budget left in each window: 0 when they fit now.
   */
  estimateMs(requests: number): number {
    const now = this.now();
    let longest = Math.max(0, this.pausedUntil - now);
    for (const window of this.windows) {
      const available =
        window.requests - this.countSince(now - window.windowMs) - this.inFlight - this.foreign(now, window);
      if (requests <= available) continue;
      const rounds = Math.ceil((requests - Math.max(0, available)) / window.requests);
      longest = Math.max(longest, rounds * window.windowMs);
    }
    return longest;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  private prune(): void {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    const horizon = this.now() - longest;
    while (this.completionsStart < this.completions.length && this.completions[this.completionsStart] <= horizon) {
      this.completionsStart++;
    }
    // Compact now and then so the log stays as small as the largest budget.
    if (this.completionsStart > 1024 && this.completionsStart * 2 > this.completions.length) {
      this.completions.splice(0, this.completionsStart);
      this.completionsStart = 0;
    }
  }

  /**
   * 0 when a request may go now; otherwise how long to wait, or Infinity when
   * only a release (a response arriving) can free a slot.
   */
  private delay(): { waitMs: number; reason: RateLimitWaitReason; window?: RateLimitWindow } {
    const now = this.now();
    if (now < this.pausedUntil) {
      return { waitMs: this.pausedUntil - now, reason: 'retry-after' };
    }
    if (this.inFlight >= this.maxInFlight) {
      return { waitMs: Infinity, reason: 'concurrency' };
    }
    let longest = 0;
    let longestWindow: RateLimitWindow | undefined;
    for (const window of this.windows) {
      const wait = this.windowDelay(window, now);
      if (wait > longest) {
        longest = wait;
        longestWindow = window;
      }
    }
    if (longest > 0) {
      const reason = this.foreignSpend && !longestWindow?.perIp ? 'server-quota' : 'window';
      return { waitMs: longest, reason, window: longestWindow };
    }
    return { waitMs: 0, reason: 'window' };
  }

  /** Completions logged after `from` (the log is sorted: binary search). */
  private countSince(from: number): number {
    return this.completions.length - this.firstAfter(from);
  }

  private firstAfter(from: number): number {
    let lo = this.completionsStart;
    let hi = this.completions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.completions[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private windowDelay(window: RateLimitWindow, now: number): number {
    const first = this.firstAfter(now - window.windowMs);
    const counted = this.completions.length - first;
    // Slots over budget: ours (logged + in flight), then with foreign spend.
    const own = counted + this.inFlight - window.requests + 1;
    const foreign = this.foreign(now, window);
    if (own + foreign <= 0) return 0;
    // When the k oldest logged completions have left the window (Infinity
    // when only responses still in flight can free the slot).
    const leftBy = (k: number) =>
      k <= 0 ? now : k > counted ? Infinity : this.completions[first + k - 1] + window.windowMs;
    let at = leftBy(own + foreign);
    if (foreign > 0) at = Math.min(at, Math.max(this.foreignSpend!.until, leftBy(own)));
    return at - now;
  }

  /** Foreign spend counted against `window` (none against the per-IP one). */
  private foreign(now: number, window: RateLimitWindow): number {
    if (!this.foreignSpend || window.perIp) return 0;
    if (now >= this.foreignSpend.until) {
      this.foreignSpend = undefined;
      return 0;
    }
    return this.foreignSpend.requests;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const { waitMs, reason, window } = this.delay();
      if (waitMs > 0) {
        // An unbounded wait (only in-flight requests fill the budget) is not
        // announced: its length is known once a response arrives.
        if (!this.waiting && reason !== 'concurrency' && Number.isFinite(waitMs)) {
          this.waiting = true;
          (this.queue[0].onWait ?? this.onWait)?.({ reason, waitMs, window });
        }
        if (Number.isFinite(waitMs)) this.schedule(waitMs);
        return;
      }
      this.waiting = false;
      this.inFlight++;
      this.queue.shift()!.resolve();
    }
  }

  private schedule(waitMs: number): void {
    const at = this.now() + waitMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.prune();
      this.pump();
    }, Math.ceil(waitMs));
  }
}
