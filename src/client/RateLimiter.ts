/**
 * Client-side pacing inside Cloudflare's request budget (by default 1,200
 * requests per 5 minutes per user, shared with the dashboard and every other
 * tool; going over blocks everything for 5 minutes).
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
}

export type RateLimitWaitReason = 'window' | 'server-quota' | 'retry-after' | 'concurrency';

export interface RateLimitWait {
  reason: RateLimitWaitReason;
  waitMs: number;
  window?: RateLimitWindow;
}

export interface RateLimiterOptions extends RateLimitWindow {
  /** Most requests in flight at once (bounded concurrency for the whole run). */
  maxInFlight?: number;
  /** Called once each time the limiter starts holding requests back. */
  onWait?: (wait: RateLimitWait) => void;
  now?: () => number;
}

interface ServerQuota {
  remaining: number;
  resetAt: number;
  /** Requests that may not have been counted in `remaining` yet. */
  uncounted: number;
}

export class RateLimiter {
  readonly windows: RateLimitWindow[];
  private readonly completions: number[] = [];
  private completionsStart = 0;
  private inFlight = 0;
  private pausedUntil = 0;
  private serverQuota?: ServerQuota;
  private readonly queue: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private timerAt = 0;
  private waiting = false;
  private readonly maxInFlight: number;
  private readonly now: () => number;
  private readonly onWait?: (wait: RateLimitWait) => void;

  constructor(options: RateLimiterOptions) {
    this.windows = [{ requests: options.requests, windowMs: options.windowMs }];
    this.maxInFlight = options.maxInFlight ?? Infinity;
    this.now = options.now ?? Date.now;
    this.onWait = options.onWait;
  }

  /** Resolves when one more request may be sent. Pair with `release()`. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.pump();
    });
  }

  /** The response of an acquired request arrived (or the request failed). */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.completions.push(this.now());
    this.prune();
    this.pump();
  }

  /** Hold every request until `until` (a 429's Retry-After). */
  pauseUntil(until: number): void {
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.serverQuota = undefined;
  }

  /** Cloudflare's remaining quota, from a `Ratelimit` header of a response. */
  observeServerQuota(remaining: number, resetSeconds: number): void {
    this.serverQuota = {
      remaining,
      resetAt: this.now() + resetSeconds * 1000,
      uncounted: this.inFlight,
    };
  }

  /** A `Ratelimit-Policy` window: adopted only when it is stricter. */
  observePolicy(policy: RateLimitWindow): void {
    if (policy.requests <= 0 || policy.windowMs <= 0) return;
    const looser = this.windows.some(
      (w) => w.windowMs >= policy.windowMs && w.requests <= policy.requests,
    );
    if (!looser) this.windows.push(policy);
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  private prune(): void {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    const horizon = this.now() - longest;
    while (
      this.completionsStart < this.completions.length &&
      this.completions[this.completionsStart] <= horizon
    ) {
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
    if (longest > 0) return { waitMs: longest, reason: 'window', window: longestWindow };

    const quota = this.serverQuota;
    if (quota) {
      if (now >= quota.resetAt) {
        this.serverQuota = undefined;
      } else if (quota.remaining - quota.uncounted <= 0) {
        return { waitMs: quota.resetAt - now, reason: 'server-quota' };
      }
    }
    return { waitMs: 0, reason: 'window' };
  }

  private windowDelay(window: RateLimitWindow, now: number): number {
    // Completions are appended in time order: binary-search the window start.
    const from = now - window.windowMs;
    let lo = this.completionsStart;
    let hi = this.completions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.completions[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    const counted = this.completions.length - lo;
    const excess = counted + this.inFlight - window.requests + 1;
    if (excess <= 0) return 0;
    if (excess > counted) return Infinity;
    // The `excess`-th oldest completion must leave the window first.
    return this.completions[lo + excess - 1] + window.windowMs - now;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const { waitMs, reason, window } = this.delay();
      if (waitMs > 0) {
        // An unbounded wait (only in-flight requests fill the budget) is not
        // announced: its length is known once a response arrives.
        if (!this.waiting && reason !== 'concurrency' && Number.isFinite(waitMs)) {
          this.waiting = true;
          this.onWait?.({ reason, waitMs, window });
        }
        if (Number.isFinite(waitMs)) this.schedule(waitMs);
        return;
      }
      this.waiting = false;
      this.inFlight++;
      if (this.serverQuota) this.serverQuota.remaining--;
      this.queue.shift()!();
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
