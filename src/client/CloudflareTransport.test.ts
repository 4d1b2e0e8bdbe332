import { parseConfig } from '../config';
import {
  IntegrationLogger,
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../config';
import { CloudflareTransport, RequestDescriptor, TransportOptions } from './CloudflareTransport';
import { CloudflareRequestError, requestErrorOf } from './errors';
import { envelope, failure, json, LogCall, useScriptedServer, scriptedTransport } from '../../test/scriptedServer';

// A distinctive fake 40-character token: it must never show up in errors or logs.
const TOKEN = 'TRANSPORTfake0token-zz9Q_unitTEST-aa1bb2';

const server = useScriptedServer();
const { received } = server;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------
// Transport under test, with a logger whose every call is captured.
// ---------------------------------------------------------------------------

function setup(
  config: Partial<IntegrationConfig> = {},
  options: TransportOptions = {},
): { transport: CloudflareTransport; logger: IntegrationLogger; calls: LogCall[] } {
  return scriptedTransport(TOKEN, server.baseUrl, config, options);
}

function expectNoToken(value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain('TRANSPORTfake0token');
}

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    expectNoToken((err as Error).message);
    expectNoToken((err as Error).stack);
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

function logText(calls: LogCall[]): string {
  return JSON.stringify(calls);
}

const VERIFY: RequestDescriptor = { path: '/user/tokens/verify' };

// ---------------------------------------------------------------------------

describe('CloudflareTransport request', () => {
  test('sends the token as a Bearer header to the joined base URL and returns the envelope', async () => {
    server.handler = (_req, res) => json(res, 200, envelope({ id: 'abc', status: 'active' }));
    const { transport, logger, calls } = setup();
    const body = await transport.get(VERIFY, logger);
    expect(body).toEqual(envelope({ id: 'abc', status: 'active' }));
    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('GET');
    expect(received[0].url).toBe('/client/v4/user/tokens/verify');
    expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received[0].headers.accept).toBe('application/json');
    expect(received[0].headers['x-auth-key']).toBeUndefined();
    expect(transport.stats).toEqual({ requests: 1, retries: 0, rateLimited: 0 });
    expectNoToken(calls);
  });

  test('a trailing slash on the base URL does not double the slash', async () => {
    const { transport, logger } = setup({ apiBaseUrl: `${server.baseUrl}/` });
    await transport.get(VERIFY, logger);
    expect(received[0].url).toBe('/client/v4/user/tokens/verify');
  });

  test('query values are encoded and undefined ones left out', async () => {
    const { transport, logger } = setup();
    await transport.get(
      { path: '/zones', query: { 'account.id': 'abc123', page: 2, per_page: 50, name: 'a b&c', skip: undefined } },
      logger,
    );
    expect(received[0].url).toBe('/client/v4/zones?account.id=abc123&page=2&per_page=50&name=a+b%26c');
  });

  test('a JSON body without content-type is accepted', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200);
      res.end(JSON.stringify(envelope([1, 2])));
    };
    const { transport, logger } = setup();
    expect((await transport.get<number[]>(VERIFY, logger)).result).toEqual([1, 2]);
  });
});

describe('CloudflareTransport retries', () => {
  test('retries a 500 JSON answer, then succeeds', async () => {
    server.handler = (_req, res, n) =>
      n <= 2 ? json(res, 500, failure(10001, 'Internal server error')) : json(res, 200, envelope('ok'));
    const { transport, logger, calls } = setup();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(received).toHaveLength(3);
    expect(transport.stats).toEqual({ requests: 3, retries: 2, rateLimited: 0 });
    const warnings = calls.filter((c) => c.level === 'warn');
    expect(warnings).toHaveLength(2);
    expect(warnings[0].args[1]).toBe(
      'Cloudflare request failed (GET /user/tokens/verify: 500 Internal Server Error (Cloudflare error 10001 Internal server error)); retrying',
    );
    expectNoToken(calls);
  });

  test('retries a 502 HTML gateway page; the log names the page title', async () => {
    server.handler = (_req, res, n) => {
      if (n === 1) {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>');
      } else {
        json(res, 200, envelope('ok'));
      }
    };
    const { transport, logger, calls } = setup();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(received).toHaveLength(2);
    const warnings = calls.filter((c) => c.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].args[1]).toBe(
      'Cloudflare request failed (GET /user/tokens/verify: 502 Bad Gateway (HTML error page: "502 Bad Gateway")); retrying',
    );
  });

  test('a 200 answer that is not JSON is retried', async () => {
    server.handler = (_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"success": tr');
      } else {
        json(res, 200, envelope('ok'));
      }
    };
    const { transport, logger } = setup();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(received).toHaveLength(2);
  });

  test('retries a connection reset', async () => {
    server.handler = (_req, res, n, raw) => (n === 1 ? raw.socket.destroy() : json(res, 200, envelope('ok')));
    const { transport, logger, calls } = setup();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(received).toHaveLength(2);
    expect(transport.stats.retries).toBe(1);
    expect(calls.filter((c) => c.level === 'warn')).toHaveLength(1);
  });

  test('retries an answer slower than REQUEST_TIMEOUT_SECONDS', async () => {
    server.handler = (_req, res, n) => {
      if (n === 1) setTimeout(() => json(res, 200, envelope('late')), 1500);
      else json(res, 200, envelope('ok'));
    };
    const { transport, logger, calls } = setup({ requestTimeoutSeconds: '1' });
    const started = Date.now();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(received).toHaveLength(2);
    const warnings = calls.filter((c) => c.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].args[1]).toBe(
      'Cloudflare request failed (GET /user/tokens/verify: NETWORK no complete answer within 1 s (REQUEST_TIMEOUT_SECONDS)); retrying',
    );
  });

  test('a timeout with no retries left fails with the timeout named', async () => {
    server.handler = (_req, res) => setTimeout(() => json(res, 200, envelope('late')), 1500);
    const { transport, logger } = setup({ requestTimeoutSeconds: '1' }, { retries: 0 });
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: NETWORK no complete answer within 1 s (REQUEST_TIMEOUT_SECONDS)',
    );
    expect(received).toHaveLength(1);
  });

  test.each([
    [400, 7003, 'Could not route to /client/v4/zones/example.com, perhaps your object identifier is invalid?'],
    [401, 1000, 'Invalid API Token'],
    [403, 10000, 'Authentication error'],
    [404, 7000, 'No route for that URI'],
  ])('no retry on %i: exactly one request', async (status, code, message) => {
    server.handler = (_req, res) => json(res, status, failure(code, message));
    const { transport, logger, calls } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.status).toBe(status);
    expect(received).toHaveLength(1);
    expect(transport.stats).toEqual({ requests: 1, retries: 0, rateLimited: 0 });
    expect(calls.filter((c) => c.level === 'warn')).toEqual([]);
  });

  test('200 with success: false is not retried', async () => {
    server.handler = (_req, res) => json(res, 200, failure(1234, 'Something odd'));
    const { transport, logger } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error.constructor).toBe(IntegrationProviderAPIError);
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: 200 OK (Cloudflare error 1234 Something odd)',
    );
    expect(received).toHaveLength(1);
  });
});

describe('CloudflareTransport 429 and rate-limit headers', () => {
  test('429 without Retry-After waits a full rate-limit window, and says so once', async () => {
    server.handler = (_req, res, n) =>
      n === 1
        ? json(res, 429, failure(971, 'Please wait and consider throttling your request speed'))
        : json(res, 200, envelope('ok'));
    const { transport, logger, calls } = setup({ rateLimitWindowSeconds: '1' });
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(950);
    const notices = calls.filter((c) => /429|Pacing/.test(String(c.args[1] ?? c.args[0])));
    expect(notices).toHaveLength(1);
    expect(String(notices[0].args[1])).toMatch(
      /^Cloudflare answered 429 .* waiting 1 s a full rate-limit window, as no Retry-After came, until \S+, then continuing$/,
    );
  });

  test('429 with Retry-After: 1 waits about a second, then succeeds', async () => {
    server.handler = (_req, res, n) =>
      n === 1
        ? json(res, 429, failure(971, 'Please wait and consider throttling your request speed'), { 'retry-after': '1' })
        : json(res, 200, envelope('ok'));
    const { transport, logger, calls } = setup();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(received).toHaveLength(2);
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(950);
    expect(transport.stats).toEqual({ requests: 2, retries: 0, rateLimited: 1 });
    const info = calls.filter((c) => c.level === 'info' && String(c.args[1]).startsWith('Cloudflare answered 429'));
    expect(info).toHaveLength(1);
    expect(info[0].args[0]).toEqual({ endpoint: 'GET /user/tokens/verify', retryAfterSeconds: 1 });
    expect(String(info[0].args[1])).toMatch(/^Cloudflare answered 429 .* waiting 1 s as Retry-After says/);
    expectNoToken(calls);
  });

  test('429s are not counted against the 5xx retries', async () => {
    // Five 500s use up every retry; the sixth attempt meets a 429, then succeeds.
    server.handler = (_req, res, n) => {
      if (n <= 5) json(res, 500, failure(10001, 'Internal server error'));
      else if (n === 6) json(res, 429, failure(971, 'Please wait'), { 'retry-after': '1' });
      else json(res, 200, envelope('ok'));
    };
    const { transport, logger } = setup();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(received).toHaveLength(7);
    expect(transport.stats).toEqual({ requests: 7, retries: 5, rateLimited: 1 });
  });

  test('a 429 pauses the other requests of the run too', async () => {
    let first429At = 0;
    server.handler = (req, res) => {
      if (req.path.endsWith('/a') && first429At === 0) {
        first429At = Date.now();
        json(res, 429, failure(971, 'Please wait'), { 'retry-after': '1' });
      } else {
        json(res, 200, envelope(req.path));
      }
    };
    const { transport, logger } = setup();
    const a = transport.get({ path: '/a' }, logger);
    while (first429At === 0) await sleep(5);
    await sleep(50); // let the client read the 429
    const b = transport.get({ path: '/b' }, logger);
    expect((await Promise.all([a, b])).map((r) => r.result)).toEqual(['/client/v4/a', '/client/v4/b']);
    const bAt = received.find((r) => r.path.endsWith('/b'))!.at;
    const aRetryAt = received.filter((r) => r.path.endsWith('/a'))[1].at;
    expect(bAt - first429At).toBeGreaterThanOrEqual(950);
    expect(aRetryAt - first429At).toBeGreaterThanOrEqual(950);
    expect(received).toHaveLength(3);
  });

  test('too many 429s in a row fail the request', async () => {
    server.handler = (_req, res) => json(res, 429, failure(971, 'Please wait'), { 'retry-after': '0' });
    const { transport, logger } = setup({}, { maxRateLimitWaits: 2 });
    const error = await caught(transport.get(VERIFY, logger));
    expect(error.constructor).toBe(IntegrationProviderAPIError);
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: 429 Too Many Requests (Cloudflare error 971 Please wait) after 3 attempts',
    );
    expect(received).toHaveLength(3);
  });

  test('Ratelimit r=0;t=1 makes the next request wait about a second', async () => {
    server.handler = (_req, res, n) =>
      json(res, 200, envelope(n), n === 1 ? { ratelimit: '"default";r=0;t=1' } : { ratelimit: '"default";r=5;t=1' });
    const { transport, logger } = setup();
    await transport.get(VERIFY, logger);
    await transport.get(VERIFY, logger);
    await transport.get(VERIFY, logger);
    expect(received).toHaveLength(3);
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(950);
    expect(received[2].at - received[1].at).toBeLessThan(500);
  });

  test('Ratelimit-Policy adopts a stricter window', async () => {
    server.handler = (_req, res) => json(res, 200, envelope('ok'), { 'ratelimit-policy': '"burst";q=100;w=60' });
    const { transport, logger } = setup();
    await transport.get(VERIFY, logger);
    expect(transport.limiter.windows).toEqual([
      { requests: 1200, windowMs: 300_000 },
      { requests: 200, windowMs: 1000, perIp: true },
      { requests: 100, windowMs: 60_000, fromServer: true },
    ]);
  });

  test('RATE_LIMIT_PER_SECOND paces requests the budget would let through at once, without a log line', async () => {
    server.handler = (_req, res) => json(res, 200, envelope('ok'));
    const { transport, logger, calls } = setup({ rateLimitPerSecond: '2' });
    expect(transport.limiter.windows).toEqual([
      { requests: 1200, windowMs: 300_000 },
      { requests: 2, windowMs: 1000, perIp: true },
    ]);
    await Promise.all(Array.from({ length: 3 }, () => transport.get(VERIFY, logger)));
    expect(received).toHaveLength(3);
    // The third goes once the first answer is a second old.
    expect(received[1].at - received[0].at).toBeLessThan(500);
    expect(received[2].at - received[0].at).toBeGreaterThanOrEqual(950);
    expect(calls.filter((c) => /Pacing/.test(String(c.args[1] ?? c.args[0])))).toEqual([]);
  });

  test('at most MAX_CONCURRENT_REQUESTS requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    server.handler = (_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, envelope('ok'));
      }, 20);
    };
    const { transport, logger } = setup({ maxConcurrentRequests: '3' });
    await Promise.all(Array.from({ length: 12 }, () => transport.get(VERIFY, logger)));
    expect(received).toHaveLength(12);
    expect(peak).toBe(3);
  });
});

describe('CloudflareTransport worst case: one retry policy', () => {
  const TOO_MANY = '429 Too Many Requests (Cloudflare error 971 Please wait)';
  const UNAVAILABLE = '503 Service Unavailable (Cloudflare error 10001 Service unavailable)';

  // Defaults: 5 retries for 5xx and 10 rate-limit waits, counted apart (once 66 attempts were possible).
  test.each([
    ['always 429', () => true, TOO_MANY, { requests: 11, retries: 0, rateLimited: 11 }],
    ['always 503', () => false, UNAVAILABLE, { requests: 6, retries: 5, rateLimited: 0 }],
    ['429 and 503 taking turns', (n: number) => n % 2 === 1, UNAVAILABLE, { requests: 12, retries: 5, rateLimited: 6 }],
    // Once: ten 429s before each of six 503s made 66 attempts.
    ['ten 429s before every 503', (n: number) => n % 11 !== 0, TOO_MANY, { requests: 12, retries: 1, rateLimited: 11 }],
    [
      'ten 429s, then 503s (the worst case)',
      (n: number) => n <= 10,
      UNAVAILABLE,
      { requests: 16, retries: 5, rateLimited: 10 },
    ],
  ])('a server answering %s: the exact attempt count', async (_what, is429, detail, stats) => {
    server.handler = (_req, res, n) =>
      is429(n)
        ? json(res, 429, failure(971, 'Please wait'), { 'retry-after': '0' })
        : json(res, 503, failure(10001, 'Service unavailable'));
    const { transport, logger } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error.message).toBe(
      `Provider API failed at GET /user/tokens/verify: ${detail} after ${stats.requests} attempts`,
    );
    expect(received).toHaveLength(stats.requests);
    expect(transport.stats).toEqual(stats);
  });

  test('a 503 with a long Retry-After waits at most maxRetryDelayMs before its retry', async () => {
    server.handler = (_req, res, n) =>
      n === 1
        ? json(res, 503, failure(10001, 'Service unavailable'), { 'retry-after': '3600' })
        : json(res, 200, envelope('ok'));
    const { transport, logger } = setup({}, { maxRetryDelayMs: 200 });
    const started = Date.now();
    expect((await transport.get(VERIFY, logger)).result).toBe('ok');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(190);
  });
});

describe('CloudflareTransport final errors', () => {
  test('401 -> IntegrationProviderAuthenticationError', async () => {
    server.handler = (_req, res) => json(res, 401, failure(1000, 'Invalid API Token'));
    const { transport, logger } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error.endpoint).toBe('GET /user/tokens/verify');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      'Provider authentication failed at GET /user/tokens/verify: 401 Unauthorized (Cloudflare error 1000 Invalid API Token). ' +
        'Cloudflare did not accept the API token: check that API_TOKEN holds an active, unexpired API token (not a Global API Key), copied exactly.',
    );
  });

  test('400 code 6003 with an error_chain -> IntegrationProviderAuthenticationError', async () => {
    server.handler = (_req, res) =>
      json(
        res,
        400,
        failure(6003, 'Invalid request headers', {
          error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
        }),
      );
    const { transport, logger } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error.status).toBe(400);
    expect(error.message).toContain(
      '400 Bad Request (Cloudflare error 6003 Invalid request headers (6111 Invalid format for Authorization header)). Cloudflare did not accept the API token',
    );
    expect(received).toHaveLength(1);
  });

  test.each(['Invalid access token', 'Cannot use the access token from location: 203.0.113.9'])(
    '403 9109 "%s" -> IntegrationProviderAuthenticationError',
    async (message) => {
      server.handler = (_req, res) => json(res, 403, failure(9109, message));
      const { transport, logger } = setup();
      const error = await caught(transport.get({ path: '/accounts', permission: 'X Read' }, logger));
      expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
      expect(error.message).toBe(
        `Provider authentication failed at GET /accounts: 403 Forbidden (Cloudflare error 9109 ${message}). ` +
          'The API token is invalid, revoked, expired or restricted to other client IP addresses: check the token under My Profile > API Tokens (or Manage Account > Account API Tokens).',
      );
    },
  );

  test('403 10000 -> IntegrationProviderAuthorizationError naming the permission', async () => {
    server.handler = (_req, res) => json(res, 403, failure(10000, 'Authentication error'));
    const { transport, logger } = setup();
    const error = await caught(transport.get({ path: '/zones/z1/dns_records', permission: 'DNS Read' }, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(error).not.toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error.message).toBe(
      'Provider authorization failed at GET /zones/z1/dns_records: 403 Forbidden (Cloudflare error 10000 Authentication error). ' +
        'The token may not read this resource: grant the token the "DNS Read" permission (Cloudflare dashboard > API Tokens > Edit).',
    );
  });

  test('500 forever -> IntegrationProviderAPIError after 6 attempts, with Cloudflare code and message', async () => {
    server.handler = (_req, res) => json(res, 500, failure(10001, 'Internal server error'));
    const { transport, logger, calls } = setup();
    const error = await caught(transport.get({ path: '/zones', query: { page: 1 } }, logger));
    expect(error.constructor).toBe(IntegrationProviderAPIError);
    expect(error.code).toBe('PROVIDER_API_ERROR');
    expect(error.endpoint).toBe('GET /zones?page=1');
    expect(error.status).toBe(500);
    expect(error.message).toBe(
      'Provider API failed at GET /zones?page=1: 500 Internal Server Error (Cloudflare error 10001 Internal server error) after 6 attempts',
    );
    expect(received).toHaveLength(6);
    expect(transport.stats).toEqual({ requests: 6, retries: 5, rateLimited: 0 });
    // A warning per retry, none for the final failure.
    expect(calls.filter((c) => c.level === 'warn')).toHaveLength(5);
  });

  test('502 HTML forever: the final error names the HTML title', async () => {
    server.handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title> api.cloudflare.com | 502: Bad gateway </title></head></html>');
    };
    const { transport, logger } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: 502 Bad Gateway (HTML error page: "api.cloudflare.com | 502: Bad gateway") after 6 attempts',
    );
    expect(received).toHaveLength(6);
  });

  test('the token never appears in errors, stacks or logs, even when the server echoes it', async () => {
    server.handler = (req, res, n) =>
      n <= 2
        ? json(res, 500, failure(10001, `boom for ${req.headers.authorization}`))
        : json(
            res,
            400,
            failure(6003, 'Invalid request headers', {
              error_chain: [
                { code: 6111, message: `Invalid format for Authorization header ${req.headers.authorization}` },
              ],
            }),
          );
    const { transport, logger, calls } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error.message).toContain('Invalid format for Authorization header Bearer [REDACTED]');
    const cause = requestErrorOf(error)!;
    expect(cause).toBeDefined();
    expectNoToken(cause.message);
    expectNoToken(cause.stack);
    expectNoToken(JSON.stringify(cause));
    expect(calls.filter((c) => c.level === 'warn')).toHaveLength(2);
    expectNoToken(logText(calls));
  });
});

describe('describeRoute', () => {
  const settings = (overrides: Record<string, string>) =>
    parseConfig({ apiToken: 'ROUTEtest0token-not-real-0000000000000000', ...overrides });

  test('no proxy configured: nothing to say', () => {
    expect(new CloudflareTransport(settings({})).describeRoute()).toBeUndefined();
  });

  test('a proxy set for an http:// loopback base URL is named as unused, without its credentials', () => {
    const route = new CloudflareTransport(
      settings({ apiBaseUrl: 'http://127.0.0.1:9/client/v4', httpsProxy: 'http://user:s3cret@proxy.example:3128' }),
    ).describeRoute();
    expect(route).toBe(
      'HTTPS_PROXY is set but not used for http://127.0.0.1:9/client/v4: the proxy applies only to https:// base URLs whose host NO_PROXY does not exempt.',
    );
    expect(route).not.toContain('s3cret');
  });

  test('a proxy in use is named by host:port only', () => {
    const route = new CloudflareTransport(
      settings({ httpsProxy: 'http://user:s3cret@proxy.example:3128' }),
    ).describeRoute();
    expect(route).toBe(
      'Requests to https://api.cloudflare.com/client/v4 go through the HTTPS proxy proxy.example:3128 (HTTPS_PROXY).',
    );
  });
});

describe('the errors the transport throws', () => {
  test('carry the request failure as their own property, not the SDK cause, and print as their message', async () => {
    server.handler = (_req, res) => json(res, 401, failure(1000, 'Invalid API Token'));
    const { transport, logger } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    const request = requestErrorOf(error);
    expect(request).toBeInstanceOf(CloudflareRequestError);
    expect(request!.status).toBe(401);
    expect((error as unknown as { cause(): unknown }).cause()).toBeUndefined();
    expect(Object.keys(error)).not.toContain('requestError');
    expect(error.stack).toBe(`${error.name}: ${error.message}`);
  });
});
