import { RateLimitWindow } from './RateLimiter';

type HeaderGetter = { get(name: string): string | null };

export interface RateLimitHeaders {
  /** Remaining quota and seconds until it resets (`Ratelimit: "default";r=50;t=30`). */
  quota?: { remaining: number; resetSeconds: number };
  /** Windows the server enforces (`Ratelimit-Policy: "burst";q=100;w=60`). */
  policies: RateLimitWindow[];
  /** Seconds to wait (`Retry-After`, seconds or an HTTP date). */
  retryAfterSeconds?: number;
}

/** Parses `"name";k=v;k=v, "name2";k=v` into one parameter map per item. */
function parseStructuredList(value: string): Array<Record<string, number>> {
  return value.split(',').map((item) => {
    const params: Record<string, number> = {};
    for (const part of item.split(';').slice(1)) {
      const [key, raw] = part.split('=').map((s) => s.trim());
      const num = Number(raw);
      if (key && Number.isFinite(num)) params[key] = num;
    }
    return params;
  });
}

export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - nowMs) / 1000);
}

/**
 * Reads Cloudflare's rate-limit headers. The docs named them `Ratelimit` and
 * `Ratelimit-Policy` from September 2025 and briefly `X-RateLimit-*` before;
 * recordings from 2020-2023 carry none, so every one is optional.
 */
export function parseRateLimitHeaders(headers: HeaderGetter, nowMs = Date.now()): RateLimitHeaders {
  const result: RateLimitHeaders = { policies: [] };

  const ratelimit = headers.get('ratelimit');
  if (ratelimit) {
    const quotas = parseStructuredList(ratelimit).filter((p) => p.r !== undefined);
    if (quotas.length > 0) {
      // Several limits: the one closest to running out decides.
      const tightest = quotas.reduce((a, b) => (b.r < a.r ? b : a));
      result.quota = { remaining: tightest.r, resetSeconds: tightest.t ?? 0 };
    }
  } else {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? NaN);
    const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
    if (Number.isFinite(remaining) && Number.isFinite(reset)) {
      // Unconfirmed whether reset was seconds-from-now or an epoch; accept both.
      const resetSeconds = reset > 1e9 ? Math.max(0, reset - nowMs / 1000) : reset;
      result.quota = { remaining, resetSeconds };
    }
  }

  const policy = headers.get('ratelimit-policy');
  if (policy) {
    for (const p of parseStructuredList(policy)) {
      if (p.q > 0 && p.w > 0) result.policies.push({ requests: p.q, windowMs: p.w * 1000 });
    }
  }

  result.retryAfterSeconds = parseRetryAfter(headers.get('retry-after'), nowMs);
  return result;
}
