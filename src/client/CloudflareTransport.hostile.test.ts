import http from 'http';
import { Socket } from 'net';
import { IntegrationLogger, IntegrationProviderAPIError } from '@jupiterone/integration-sdk-core';
import { CloudflareSettings, IntegrationConfig } from '../config';
import { CloudflareTransport, RequestDescriptor, TransportOptions } from './CloudflareTransport';
import { CloudflareRequestError, requestErrorOf } from './errors';
import {
  capturingLogger,
  envelope,
  failure,
  json,
  LogCall,
  scriptedTransport,
  useScriptedServer,
} from '../../test/scriptedServer';

/**
 * The transport against a server that misbehaves on purpose: bodies that
 * stall after their headers, error pages of 50 MB, HTML and cut-short JSON
 * with status 200, failed writes, a wrong base URL, and pacing notices that
 * must reach the logger of the request that waits.
 */

const TOKEN = 'HOSTILEfake0token-zz9Q_unitTEST-cc3dd4ee';

const server = useScriptedServer();
const { received } = server;

/** Responses left hanging on purpose: destroyed after each test. */
const hanging: http.ServerResponse[] = [];
afterEach(() => {
  for (const res of hanging.splice(0)) res.destroy();
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

function setup(
  config: Partial<IntegrationConfig> = {},
  options: TransportOptions = {},
  overrides: Partial<CloudflareSettings> = {},
): { transport: CloudflareTransport; logger: IntegrationLogger; calls: LogCall[] } {
  return scriptedTransport(TOKEN, server.baseUrl, config, options, overrides);
}

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    expect((err as Error).message).not.toContain(TOKEN);
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

function causeOf(error: Error): CloudflareRequestError {
  return requestErrorOf(error)!;
}

function pacingLines(calls: LogCall[]): LogCall[] {
  return calls.filter((c) => /Pacing/.test(String(c.args[1] ?? c.args[0])));
}

const VERIFY: RequestDescriptor = { path: '/user/tokens/verify' };
const TIMEOUT = 'NETWORK no complete answer within 1 s (REQUEST_TIMEOUT_SECONDS)';
const OUTCOME_UNKNOWN =
  'The change may or may not have been made: it was not sent again; read the current state before retrying.';

/**
 * Answers paths ending in /stall with headers and half a JSON body, then
 * nothing; every other path with a small success. Records each stalled
 * connection's socket and whether the server saw it close.
 */
function stallingHandler(): { sockets: Socket[]; closed: Set<Socket> } {
  const sockets: Socket[] = [];
  const closed = new Set<Socket>();
  server.handler = (req, res, _n, raw) => {
    if (!req.path.endsWith('/stall')) {
      json(res, 200, envelope('healthy'));
      return;
    }
    const socket = raw.socket;
    sockets.push(socket);
    socket.once('close', () => closed.add(socket));
    hanging.push(res);
    const body = JSON.stringify(envelope([{ id: 'a' }, { id: 'b' }]));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    res.write(body.slice(0, Math.floor(body.length / 2)));
  };
  return { sockets, closed };
}

// ---------------------------------------------------------------------------

describe('a body that stalls after its headers', () => {
  test('MAX_CONCURRENT_REQUESTS=1: times out twice (~2 s), closes the socket, and the next request still gets through', async () => {
    const { sockets, closed } = stallingHandler();
    const { transport, logger, calls } = setup({ maxConcurrentRequests: '1' }, { retries: 1 });

    const started = Date.now();
    const error = await caught(transport.get({ path: '/stall' }, logger));
    const failedAfter = Date.now() - started;
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toContain('no complete answer within 1 s (REQUEST_TIMEOUT_SECONDS)');
    expect(error.message).toBe(`Provider API failed at GET /stall: ${TIMEOUT} after 2 attempts`);
    expect(failedAfter).toBeGreaterThanOrEqual(1950);
    expect(failedAfter).toBeLessThan(3000);
    expect(received.map((r) => r.path)).toEqual(['/client/v4/stall', '/client/v4/stall']);
    expect(calls.filter((c) => c.level === 'warn').map((c) => c.args[1])).toEqual([
      `Cloudflare request failed (GET /stall: ${TIMEOUT}); retrying`,
    ]);

    // The server saw both stalled connections closed by the client.
    expect(sockets).toHaveLength(2);
    expect(sockets[0]).not.toBe(sockets[1]);
    await waitFor(() => closed.size === 2);

    // With a single socket allowed, a leaked busy socket would hold this one forever.
    const healthyStarted = Date.now();
    const body = await transport.get({ path: '/ok' }, logger);
    expect(Date.now() - healthyStarted).toBeLessThan(1500);
    expect(body.result).toBe('healthy');
    expect(received).toHaveLength(3);
    expect(transport.stats).toEqual({ requests: 3, retries: 1, rateLimited: 0 });
    expect(transport.limiter.requestsInFlight).toBe(0);
  });

  test('default concurrency 16: sixteen stalled requests at once all time out, all sockets close, a 17th request succeeds', async () => {
    const { sockets, closed } = stallingHandler();
    const { transport, logger } = setup({}, { retries: 0 });

    const started = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => transport.get({ path: `/${i}/stall` }, logger)),
    );
    expect(Date.now() - started).toBeLessThan(1800);
    expect(outcomes.map((o) => o.status)).toEqual(Array(16).fill('rejected'));
    outcomes.forEach((outcome, i) => {
      const reason = (outcome as PromiseRejectedResult).reason as Error;
      expect(reason).toBeInstanceOf(IntegrationProviderAPIError);
      expect(reason.message).toBe(`Provider API failed at GET /${i}/stall: ${TIMEOUT}`);
    });
    // All sixteen were in flight together, each on its own connection.
    expect(received).toHaveLength(16);
    expect(received[15].at - received[0].at).toBeLessThan(500);
    expect(new Set(sockets).size).toBe(16);
    await waitFor(() => closed.size === 16);

    const healthyStarted = Date.now();
    expect((await transport.get({ path: '/ok' }, logger)).result).toBe('healthy');
    expect(Date.now() - healthyStarted).toBeLessThan(1500);
    expect(received).toHaveLength(17);
  });
});

// ---------------------------------------------------------------------------

describe('oversized bodies', () => {
  test('a 50 MB HTML error page is read only up to the 64 KiB cap; the rest is never sent', async () => {
    const TITLE = 'origin.example | 500: a very large error page';
    const TOTAL = 50 * 1024 * 1024;
    const CHUNK = Buffer.alloc(64 * 1024, 'x');
    let offered = 0;
    let flushed = 0;
    let finished = false;
    let closed = false;
    server.handler = (_req, res) => {
      res.once('close', () => {
        closed = true;
      });
      res.writeHead(500, { 'content-type': 'text/html' });
      res.write(`<!DOCTYPE html><html><head><title>${TITLE}</title></head><body>`);
      // One chunk at a time, the next once the kernel took the last (as a
      // streaming server does), so the count is what the client let through
      // rather than how much the loopback socket buffers can hold.
      const pump = (): void => {
        if (res.destroyed) return;
        if (offered >= TOTAL) {
          res.end('</body></html>', () => {
            finished = true;
          });
          return;
        }
        offered += CHUNK.length;
        res.write(CHUNK, (err) => {
          if (err) return;
          flushed += CHUNK.length;
          setImmediate(pump);
        });
      };
      pump();
    };
    const { transport, logger } = setup({}, { retries: 0 });

    const error = await caught(transport.get({ path: '/big' }, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toContain(`HTML error page: "${TITLE}"`);
    expect(error.message).toContain('only the first 64 KiB were read');
    expect(error.message).toBe(
      `Provider API failed at GET /big: 500 Internal Server Error (HTML error page: "${TITLE}"; only the first 64 KiB were read)`,
    );
    expect(received).toHaveLength(1);

    await waitFor(() => closed, 2000);
    // 64 KiB read, plus a chunk or two in flight when the client closed:
    // far from 50 MB (about 128 KiB in practice).
    expect(flushed).toBeGreaterThanOrEqual(64 * 1024);
    expect(flushed).toBeLessThan(1024 * 1024);
    expect(offered).toBeLessThan(TOTAL);
    expect(finished).toBe(false);
  });

  test('a success body larger than maxBodyBytes fails and names the 1 KiB limit', async () => {
    const big = envelope(Array.from({ length: 200 }, (_, i) => ({ id: `record-${i}`, name: `r${i}.example.com` })));
    expect(JSON.stringify(big).length).toBeGreaterThan(4096);
    server.handler = (_req, res) => json(res, 200, big);
    const { transport, logger } = setup({}, { retries: 0, maxBodyBytes: 1024 });
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: 200 OK (body larger than 1 KiB; only the first 1 KiB were read)',
    );
    expect(received).toHaveLength(1);
  });

  test('a body of exactly maxBodyBytes is accepted', async () => {
    const filler = 'x'.repeat(1024 - JSON.stringify(envelope('')).length);
    const body = envelope(filler);
    expect(JSON.stringify(body).length).toBe(1024);
    server.handler = (_req, res) => json(res, 200, body);
    const { transport, logger } = setup({}, { retries: 0, maxBodyBytes: 1024 });
    expect((await transport.get(VERIFY, logger)).result).toBe(filler);
  });
});

// ---------------------------------------------------------------------------

describe('status 200 answers that are not Cloudflare JSON', () => {
  test('an HTML page with status 200 is retried like a 5xx; the final error names its title', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      res.end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge</body></html>');
    };
    const { transport, logger, calls } = setup({}, { retries: 2 });
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: 200 OK (HTML error page: "Just a moment...") after 3 attempts',
    );
    expect(received).toHaveLength(3);
    expect(calls.filter((c) => c.level === 'warn')).toHaveLength(2);
  });

  test('JSON cut short with status 200 (content-length matches what is sent) is retried, then named', async () => {
    const cut = JSON.stringify(envelope([{ id: 'a' }, { id: 'b' }])).slice(0, 40);
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(cut)) });
      res.end(cut);
    };
    const { transport, logger } = setup({}, { retries: 2 });
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toContain('body is not Cloudflare JSON');
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: 200 OK (body is not Cloudflare JSON: cut short or not JSON) after 3 attempts',
    );
    expect(received).toHaveLength(3);
  });

  test('JSON cut short, then a whole answer: the retry succeeds', async () => {
    server.handler = (_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '12' });
        res.end('{"success":t');
      } else {
        json(res, 200, envelope('whole'));
      }
    };
    const { transport, logger } = setup({}, { retries: 2 });
    expect((await transport.get(VERIFY, logger)).result).toBe('whole');
    expect(received).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------

describe('writes', () => {
  const WRITE: RequestDescriptor = {
    method: 'POST',
    path: '/accounts/x/members',
    body: { a: 1 },
    repeatable: false,
  };

  /** Collects each request body, then answers with `answer`. */
  function readingBodies(answer: (res: http.ServerResponse, n: number) => void): string[] {
    const bodies: string[] = [];
    server.handler = (_req, res, n, raw) => {
      const chunks: Buffer[] = [];
      raw.on('data', (chunk: Buffer) => chunks.push(chunk));
      raw.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        answer(res, n);
      });
    };
    return bodies;
  }

  test('a 500 on a non-repeatable write is not retried, and says the outcome is unknown', async () => {
    readingBodies((res) => json(res, 500, failure(10001, 'Internal server error')));
    const { transport, logger, calls } = setup();
    const error = await caught(transport.send(WRITE, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toContain(OUTCOME_UNKNOWN);
    expect(error.message).toBe(
      `Provider API failed at POST /accounts/x/members: 500 Internal Server Error (Cloudflare error 10001 Internal server error). ${OUTCOME_UNKNOWN}`,
    );
    expect(causeOf(error).outcomeUnknown).toBe(true);
    await sleep(50);
    expect(received).toHaveLength(1);
    expect(transport.stats).toEqual({ requests: 1, retries: 0, rateLimited: 0 });
    expect(calls.filter((c) => c.level === 'warn')).toEqual([]);
  });

  test('a timeout on a non-repeatable write is not retried, and says the outcome is unknown', async () => {
    readingBodies((res) => hanging.push(res));
    // A deadline shorter than REQUEST_TIMEOUT_SECONDS allows, to keep the file fast.
    const { transport, logger } = setup({}, {}, { requestTimeoutMs: 300 });
    const started = Date.now();
    const error = await caught(transport.send(WRITE, logger));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      `Provider API failed at POST /accounts/x/members: NETWORK no complete answer within 0.3 s (REQUEST_TIMEOUT_SECONDS). ${OUTCOME_UNKNOWN}`,
    );
    expect(causeOf(error).outcomeUnknown).toBe(true);
    await sleep(50);
    expect(received).toHaveLength(1);
    expect(transport.stats).toEqual({ requests: 1, retries: 0, rateLimited: 0 });
  });

  test('a 429 with Retry-After: 1 on a write is retried after ~1 s and succeeds', async () => {
    const bodies = readingBodies((res, n) =>
      n === 1
        ? json(res, 429, failure(971, 'Please wait and consider throttling your request speed'), { 'retry-after': '1' })
        : json(res, 200, envelope({ id: 'member-1' })),
    );
    const { transport, logger } = setup();
    const body = await transport.send<{ id: string }>(WRITE, logger);
    expect(body.result).toEqual({ id: 'member-1' });
    expect(received).toHaveLength(2);
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(950);
    expect(bodies).toEqual(['{"a":1}', '{"a":1}']);
    expect(transport.stats).toEqual({ requests: 2, retries: 0, rateLimited: 1 });
  });

  test('the request body arrives as JSON with content-type application/json', async () => {
    const bodies = readingBodies((res) => json(res, 200, envelope({ id: 'member-1' })));
    const { transport, logger } = setup();
    await transport.send({ ...WRITE, body: { email: 'a@example.com', roles: ['r1'], status: 'pending' } }, logger);
    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('POST');
    expect(received[0].url).toBe('/client/v4/accounts/x/members');
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(bodies[0])).toEqual({ email: 'a@example.com', roles: ['r1'], status: 'pending' });
  });

  test('a GET without a body sends no content-type', async () => {
    const { transport, logger } = setup();
    await transport.get(VERIFY, logger);
    expect(received[0].headers['content-type']).toBeUndefined();
  });

  test('a GET (repeatable by default) 500 is retried as before', async () => {
    server.handler = (_req, res) => json(res, 500, failure(10001, 'Internal server error'));
    const { transport, logger } = setup({}, { retries: 2 });
    const error = await caught(transport.send({ method: 'GET', path: '/accounts/x/members' }, logger));
    expect(error.message).toBe(
      'Provider API failed at GET /accounts/x/members: 500 Internal Server Error (Cloudflare error 10001 Internal server error) after 3 attempts',
    );
    expect(error.message).not.toContain('may or may not');
    expect(received).toHaveLength(3);
  });

  test('a DELETE is not repeatable unless it says so; with repeatable: true it is retried', async () => {
    server.handler = (_req, res) => json(res, 503, failure(10001, 'Service unavailable'));
    const { transport, logger } = setup({}, { retries: 2 });
    const once = await caught(transport.send({ method: 'DELETE', path: '/accounts/x/members/m1' }, logger));
    expect(once.message).toBe(
      `Provider API failed at DELETE /accounts/x/members/m1: 503 Service Unavailable (Cloudflare error 10001 Service unavailable). ${OUTCOME_UNKNOWN}`,
    );
    expect(received).toHaveLength(1);

    const thrice = await caught(
      transport.send({ method: 'DELETE', path: '/accounts/x/members/m1', repeatable: true }, logger),
    );
    expect(thrice.message).toBe(
      'Provider API failed at DELETE /accounts/x/members/m1: 503 Service Unavailable (Cloudflare error 10001 Service unavailable) after 3 attempts',
    );
    expect(received).toHaveLength(4);
  });

  test('a 400 on a write is a plain error, not "outcome unknown"', async () => {
    server.handler = (_req, res) => json(res, 400, failure(1004, 'Invalid role'));
    const { transport, logger } = setup();
    const error = await caught(transport.send(WRITE, logger));
    expect(error.message).toBe(
      'Provider API failed at POST /accounts/x/members: 400 Bad Request (Cloudflare error 1004 Invalid role)',
    );
    expect(received).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------

describe('redirects', () => {
  // Cloudflare's API does not redirect. Following one turned a POST into a
  // GET "success" and sent hops the rate limiter never saw.
  test('a 301 answering a write is not followed as a GET: it fails, naming where it pointed', async () => {
    server.handler = (req, res) => {
      if (req.method === 'POST') {
        res.writeHead(301, { location: `${server.baseUrl}/accounts/x/members` });
        res.end();
      } else {
        json(res, 200, envelope([{ id: 'existing-member' }]));
      }
    };
    const { transport, logger } = setup({}, { retries: 0 });
    const error = await caught(
      transport.send({ method: 'POST', path: '/accounts/x/members', body: { a: 1 }, repeatable: false }, logger),
    );
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toContain('POST /accounts/x/members');
    expect(received.map((r) => r.method)).toEqual(['POST']);
    expect(transport.stats.requests).toBe(received.length);
  });

  test('a redirect loop makes one request (not retried), counted by the limiter', async () => {
    server.handler = (req, res) => {
      res.writeHead(302, { location: req.url });
      res.end();
    };
    const { transport, logger } = setup({}, { retries: 2 });
    const error = await caught(transport.get({ path: '/zones' }, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(received).toHaveLength(1);
    expect(transport.stats.requests).toBe(received.length);
    expect(error.message).toContain(
      "Cloudflare's API does not redirect, so the request was not followed; check API_BASE_URL",
    );
  });
});

// ---------------------------------------------------------------------------

describe('404 "No route": a wrong API_BASE_URL', () => {
  test('names the full URL and API_BASE_URL with its default', async () => {
    server.handler = (_req, res) =>
      json(res, 404, {
        success: false,
        errors: [{ code: 7000, message: 'No route for that URI' }],
        messages: [],
        result: null,
      });
    const { transport, logger } = setup();
    const error = await caught(transport.get(VERIFY, logger));
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      `Provider API failed at GET /user/tokens/verify: 404 Not Found (Cloudflare error 7000 No route for that URI): Cloudflare has no route for ${server.baseUrl}/user/tokens/verify. Check API_BASE_URL (the default is https://api.cloudflare.com/client/v4; leave it unset to use it).`,
    );
    expect(received).toHaveLength(1);
  });

  test('the URL named leaves out the query; a 404 HTML page without Cloudflare codes is treated the same', async () => {
    server.handler = (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><head><title>404 Not Found</title></head><body>nginx</body></html>');
    };
    const { transport, logger } = setup();
    const error = await caught(transport.get({ path: '/zones', query: { page: 1, per_page: 50 } }, logger));
    expect(error.message).toBe(
      `Provider API failed at GET /zones?page=1&per_page=50: 404 Not Found (HTML error page: "404 Not Found"): Cloudflare has no route for ${server.baseUrl}/zones. Check API_BASE_URL (the default is https://api.cloudflare.com/client/v4; leave it unset to use it).`,
    );
    expect(received).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------

describe('pacing notices go through the logger of the request that waits', () => {
  // Both scenarios wait a full 2 s window; they run side by side to keep the file fast.
  test('configured budget (RATE_LIMIT_*) and a Ratelimit-Policy window each name their source', async () => {
    server.handler = (req, res) =>
      json(
        res,
        200,
        envelope(req.path),
        req.path.includes('/policy/') ? { 'ratelimit-policy': '"burst";q=1;w=2' } : {},
      );

    // 1. The configured budget: 1 request per 2 s. Two requests at once from two loggers.
    const budget = setup({ rateLimitRequests: '1', rateLimitWindowSeconds: '2' });
    const budgetFirst = capturingLogger();
    const budgetSecond = capturingLogger();
    const configured = Promise.all([
      budget.transport.get({ path: '/budget/first' }, budgetFirst.logger),
      budget.transport.get({ path: '/budget/second' }, budgetSecond.logger),
    ]);

    // 2. A large configured budget, but the server's policy allows 1 per 2 s.
    const policy = setup();
    const policyFirst = capturingLogger();
    const policySecond = capturingLogger();
    const fromServer = (async () => {
      await policy.transport.get({ path: '/policy/first' }, policyFirst.logger);
      return policy.transport.get({ path: '/policy/second' }, policySecond.logger);
    })();

    await Promise.all([configured, fromServer]);
    const at = (path: string) => received.find((r) => r.path === `/client/v4${path}`)!.at;

    expect(at('/budget/second') - at('/budget/first')).toBeGreaterThanOrEqual(1900);
    expect(pacingLines(budgetFirst.calls)).toEqual([]);
    expect(pacingLines(budgetSecond.calls)).toEqual([
      {
        level: 'info',
        args: [
          { waitSeconds: 2, reason: 'window' },
          'Pacing Cloudflare requests: the request budget (1 requests per 2 s; RATE_LIMIT_REQUESTS / RATE_LIMIT_WINDOW_SECONDS) is spent for now; next request in about 2 s',
        ],
      },
    ]);

    expect(at('/policy/second') - at('/policy/first')).toBeGreaterThanOrEqual(1900);
    expect(pacingLines(policyFirst.calls)).toEqual([]);
    expect(pacingLines(policySecond.calls)).toEqual([
      {
        level: 'info',
        args: [
          { waitSeconds: 2, reason: 'window' },
          "Pacing Cloudflare requests: Cloudflare's Ratelimit-Policy header allows 1 requests per 2 s, and they are spent for now; next request in about 2 s",
        ],
      },
    ]);
    expect(JSON.stringify(policySecond.calls)).not.toContain('RATE_LIMIT_REQUESTS');
    expect(policy.transport.limiter.windows).toEqual([
      { requests: 1200, windowMs: 300_000 },
      { requests: 200, windowMs: 1000, perIp: true },
      { requests: 1, windowMs: 2000, fromServer: true },
    ]);
  });
});
