/**
 * Server-side rate limiting like Cloudflare's (docs/cloudflare-facts.md#rate-limits): a sliding window
 * counted at arrival; exceeding it blocks everything for blockSeconds with 429.
 */
import type { SimResponse } from './envelope';
import { throttledResponse } from './faults';

export interface RateLimitOptions {
  requests: number;
  windowSeconds: number;
  /** How long a block lasts once the budget is exceeded (default windowSeconds). */
  blockSeconds?: number;
  /** Send Ratelimit / Ratelimit-Policy headers on every response. */
  headers?: boolean;
  /** Requests already spent by "someone else" when the simulator starts. */
  externalSpend?: number;
}

export interface RateLimitVerdict {
  /** Set when the request must be answered with this 429. */
  rejection?: SimResponse;
  /** Headers for whatever response goes out (empty unless `headers`). */
  headers: Record<string, string>;
}

export class SlidingWindowLimiter {
  private readonly arrivals: number[] = [];
  private head = 0;
  private blockedUntil = 0;

  constructor(
    private readonly opts: RateLimitOptions,
    nowMs: number,
  ) {
    if (opts.requests < 1 || opts.windowSeconds <= 0)
      throw new Error('rateLimit needs requests >= 1 and windowSeconds > 0');
    for (let i = 0; i < (opts.externalSpend ?? 0); i++) this.arrivals.push(nowMs);
  }

  /** Count one arriving request (blocked ones count too, as every call spends budget). */
  arrive(nowMs: number): RateLimitVerdict {
    const windowMs = this.opts.windowSeconds * 1000;
    while (this.head < this.arrivals.length && this.arrivals[this.head] <= nowMs - windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.head);
      this.head = 0;
    }
    this.arrivals.push(nowMs);
    const counted = this.arrivals.length - this.head;

    let rejection: SimResponse | undefined;
    if (nowMs < this.blockedUntil) {
      rejection = this.reject(Math.ceil((this.blockedUntil - nowMs) / 1000));
    } else if (counted > this.opts.requests) {
      const blockSeconds = this.opts.blockSeconds ?? this.opts.windowSeconds;
      this.blockedUntil = nowMs + blockSeconds * 1000;
      rejection = this.reject(Math.ceil(blockSeconds));
    }

    const headers: Record<string, string> = {};
    if (this.opts.headers) {
      const remaining = Math.max(0, this.opts.requests - counted);
      const resetSeconds = Math.max(0, Math.ceil((this.arrivals[this.head] + windowMs - nowMs) / 1000));
      headers['ratelimit'] = `"default";r=${remaining};t=${resetSeconds}`;
      headers['ratelimit-policy'] = `"default";q=${this.opts.requests};w=${this.opts.windowSeconds}`;
    }
    return { rejection, headers };
  }

  private reject(retryAfterSeconds: number): SimResponse {
    const { requests, windowSeconds } = this.opts;
    return throttledResponse(
      retryAfterSeconds,
      `More than ${requests} requests per ${windowSeconds} seconds reached. Please wait and consider throttling your request speed`,
    );
  }
}

/**
 * The most requests that arrived within any window of `windowMs` (sliding):
 * shows whether a client kept to Cloudflare's per-IP limit of 200 requests
 * per second, which the simulator reports but does not enforce.
 */
export class PeakRate {
  private readonly arrivals: number[] = [];
  private head = 0;
  peak = 0;

  constructor(private readonly windowMs: number) {}

  arrive(nowMs: number): void {
    while (this.head < this.arrivals.length && this.arrivals[this.head] <= nowMs - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.head);
      this.head = 0;
    }
    this.arrivals.push(nowMs);
    this.peak = Math.max(this.peak, this.arrivals.length - this.head);
  }
}
