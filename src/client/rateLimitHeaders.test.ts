import { Headers } from 'node-fetch';
import { parseRateLimitHeaders, parseRetryAfter } from './rateLimitHeaders';

const NOW = Date.parse('2025-10-01T12:00:00.000Z');

function headers(values: Record<string, string | string[]>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) result.append(name, v);
  }
  return result;
}

describe('parseRateLimitHeaders', () => {
  test('no rate-limit headers at all (2020-2023 recordings)', () => {
    expect(parseRateLimitHeaders(headers({ 'content-type': 'application/json' }), NOW)).toEqual({
      policies: [],
      retryAfterSeconds: undefined,
    });
  });

  test('Ratelimit with one item', () => {
    expect(parseRateLimitHeaders(headers({ Ratelimit: '"default";r=50;t=30' }), NOW)).toEqual({
      quota: { remaining: 50, resetSeconds: 30 },
      policies: [],
      retryAfterSeconds: undefined,
    });
  });

  test('Ratelimit header name is case-insensitive and tolerates spaces', () => {
    expect(parseRateLimitHeaders(headers({ RATELIMIT: '"default"; r=7; t=12' }), NOW).quota).toEqual({
      remaining: 7,
      resetSeconds: 12,
    });
  });

  test('Ratelimit with r=0', () => {
    expect(parseRateLimitHeaders(headers({ Ratelimit: '"default";r=0;t=1' }), NOW).quota).toEqual({
      remaining: 0,
      resetSeconds: 1,
    });
  });

  test('Ratelimit with several items: the one with the least remaining wins', () => {
    expect(
      parseRateLimitHeaders(headers({ Ratelimit: '"default";r=50;t=30, "burst";r=3;t=9, "day";r=900;t=3600' }), NOW)
        .quota,
    ).toEqual({ remaining: 3, resetSeconds: 9 });
  });

  test('Ratelimit items split over several header lines', () => {
    expect(
      parseRateLimitHeaders(headers({ Ratelimit: ['"default";r=50;t=30', '"burst";r=2;t=5'] }), NOW).quota,
    ).toEqual({ remaining: 2, resetSeconds: 5 });
  });

  test('Ratelimit without t resets at once; without r it is ignored', () => {
    expect(parseRateLimitHeaders(headers({ Ratelimit: '"default";r=4' }), NOW).quota).toEqual({
      remaining: 4,
      resetSeconds: 0,
    });
    expect(parseRateLimitHeaders(headers({ Ratelimit: '"default";t=30' }), NOW).quota).toBeUndefined();
    expect(parseRateLimitHeaders(headers({ Ratelimit: 'garbage' }), NOW).quota).toBeUndefined();
  });

  test('Ratelimit-Policy with one policy', () => {
    expect(parseRateLimitHeaders(headers({ 'Ratelimit-Policy': '"burst";q=100;w=60' }), NOW).policies).toEqual([
      { requests: 100, windowMs: 60_000 },
    ]);
  });

  test('Ratelimit-Policy with several policies, invalid ones skipped', () => {
    expect(
      parseRateLimitHeaders(
        headers({ 'Ratelimit-Policy': '"burst";q=100;w=60, "default";q=1200;w=300, "bad";q=0;w=10, "nowindow";q=5' }),
        NOW,
      ).policies,
    ).toEqual([
      { requests: 100, windowMs: 60_000 },
      { requests: 1200, windowMs: 300_000 },
    ]);
  });

  test('Ratelimit and Ratelimit-Policy together', () => {
    expect(
      parseRateLimitHeaders(
        headers({ Ratelimit: '"default";r=1199;t=300', 'Ratelimit-Policy': '"default";q=1200;w=300' }),
        NOW,
      ),
    ).toEqual({
      quota: { remaining: 1199, resetSeconds: 300 },
      policies: [{ requests: 1200, windowMs: 300_000 }],
      retryAfterSeconds: undefined,
    });
  });

  test('X-RateLimit-Remaining with X-RateLimit-Reset in seconds', () => {
    expect(
      parseRateLimitHeaders(
        headers({ 'X-RateLimit-Limit': '1200', 'X-RateLimit-Remaining': '10', 'X-RateLimit-Reset': '42' }),
        NOW,
      ).quota,
    ).toEqual({ remaining: 10, resetSeconds: 42 });
  });

  test('X-RateLimit-Reset as an epoch timestamp', () => {
    const epoch = NOW / 1000 + 90;
    expect(
      parseRateLimitHeaders(headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(epoch) }), NOW).quota,
    ).toEqual({ remaining: 0, resetSeconds: 90 });
  });

  test('X-RateLimit-Reset epoch in the past resets at once', () => {
    expect(
      parseRateLimitHeaders(headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 - 5) }), NOW)
        .quota,
    ).toEqual({ remaining: 0, resetSeconds: 0 });
  });

  test('X-RateLimit-* needs both remaining and reset', () => {
    expect(parseRateLimitHeaders(headers({ 'X-RateLimit-Remaining': '10' }), NOW).quota).toBeUndefined();
    expect(parseRateLimitHeaders(headers({ 'X-RateLimit-Reset': '10' }), NOW).quota).toBeUndefined();
    expect(
      parseRateLimitHeaders(headers({ 'X-RateLimit-Remaining': 'many', 'X-RateLimit-Reset': '10' }), NOW).quota,
    ).toBeUndefined();
  });

  test('Ratelimit takes precedence over X-RateLimit-*', () => {
    expect(
      parseRateLimitHeaders(
        headers({ Ratelimit: '"default";r=5;t=6', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '100' }),
        NOW,
      ).quota,
    ).toEqual({ remaining: 5, resetSeconds: 6 });
  });

  test('Retry-After in seconds', () => {
    expect(parseRateLimitHeaders(headers({ 'Retry-After': '1' }), NOW).retryAfterSeconds).toBe(1);
    expect(parseRateLimitHeaders(headers({ 'Retry-After': '300' }), NOW).retryAfterSeconds).toBe(300);
  });

  test('Retry-After as an HTTP date', () => {
    expect(
      parseRateLimitHeaders(headers({ 'Retry-After': 'Wed, 01 Oct 2025 12:00:30 GMT' }), NOW).retryAfterSeconds,
    ).toBe(30);
  });
});

describe('parseRetryAfter', () => {
  test.each([
    [null, undefined],
    ['', undefined],
    ['0', 0],
    ['2', 2],
    [' 7 ', 7],
    ['1.5', 1.5],
    ['-3', 0],
    ['Wed, 01 Oct 2025 12:01:00 GMT', 60],
    ['Wed, 01 Oct 2025 11:59:00 GMT', 0],
    ['soon', undefined],
  ])('%p -> %p', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
