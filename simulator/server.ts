/**
 * The HTTP side: binds 127.0.0.1 only, applies latency, rate limiting and
 * faults around the pure handlers, and keeps request statistics. It never
 * records the Authorization header.
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';
import type { SimulatorDataset } from './dataset';
import { serialise, SimResponse } from './envelope';
import { Fault, FaultInjector, FaultProfile, faultResponse, internalErrorResponse } from './faults';
import { CLOUDFLARE_ROUTES } from './handlers';
import {
  findHostileRule,
  HostileBehaviour,
  hostileAnswer,
  HostileRule,
  streamHugeAnswer,
  writeRawAnswer,
} from './hostile';
import { PeakRate, RateLimitOptions, SlidingWindowLimiter } from './rate-limit';
import { API_PREFIX, dispatch, matchRoute, Route, RouteMatch, SimRequest } from './router';

export interface SimulatorOptions {
  dataset: SimulatorDataset;
  /** Added before every answer (and before a reset). */
  latencyMs?: number;
  faults?: FaultProfile;
  rateLimit?: RateLimitOptions;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to CLOUDFLARE_ROUTES; pass an extended table to add endpoints. */
  routes?: readonly Route[];
  /** Time source for rate-limit windows, 429 bursts and stats; tests inject one to avoid sleeping. */
  clock?: () => number;
  /**
   * Deterministic misbehaviour (hostile.ts) for requests whose path (without query) matches;
   * first matching rule wins; applied after rate limiting and faults.
   */
  hostile?: readonly HostileRule[];
}

export interface SimulatorStats {
  requests: number;
  /** Keyed by route template, e.g. 'GET /zones/:id/dns_records'; unmatched requests under 'UNROUTED'. */
  byRoute: Record<string, number>;
  responsesByStatus: Record<number, number>;
  faultsInjected: number;
  /** The same, by kind ('failPath' for SimulatorOptions.faults.failPaths answers). */
  faultsByKind: Partial<Record<Fault['kind'], number>>;
  rateLimited: number;
  /** Answers given by a SimulatorOptions.hostile rule (a rule that does not apply to an answer, e.g. a 403, is not counted). */
  hostileAnswers: number;
  hostileByBehaviour: Partial<Record<HostileBehaviour, number>>;
  /** Body bytes of 'huge-error' answers handed to the socket (stops growing when the client disconnects). */
  hostileBytesSent: number;
  firstRequestAt?: number;
  lastResponseAt?: number;
  maxInFlight: number;
  /** The most requests that arrived within any 1 s (Cloudflare's per-IP limit is 200). */
  peakPerSecond: number;
}

export interface RunningSimulator {
  /** e.g. 'http://127.0.0.1:PORT/client/v4' */
  url: string;
  port: number;
  /** Live object; resetStats() clears it in place. */
  stats: SimulatorStats;
  resetStats(): void;
  /** Stops listening, cancels pending answers and destroys open (keep-alive) sockets. */
  close(): Promise<void>;
}

export const UNROUTED_KEY = 'UNROUTED';

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function emptyStats(maxInFlight: number): SimulatorStats {
  return {
    requests: 0,
    byRoute: {},
    responsesByStatus: {},
    faultsInjected: 0,
    faultsByKind: {},
    rateLimited: 0,
    hostileAnswers: 0,
    hostileByBehaviour: {},
    hostileBytesSent: 0,
    maxInFlight,
    peakPerSecond: 0,
  };
}

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const routes = opts.routes ?? CLOUDFLARE_ROUTES;
  const clock = opts.clock ?? Date.now;
  const latencyMs = opts.latencyMs ?? 0;
  const limiter = opts.rateLimit ? new SlidingWindowLimiter(opts.rateLimit, clock()) : undefined;
  const faults = opts.faults ? new FaultInjector(opts.faults) : undefined;
  const hostile = opts.hostile ?? [];
  const stats: SimulatorStats = emptyStats(0);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let perSecond = new PeakRate(1000);
  let closing: Promise<void> | undefined;

  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const send = (res: http.ServerResponse, response: SimResponse, extraHeaders: Record<string, string>) => {
    if (closing || res.destroyed || res.writableEnded) return;
    const text = serialise(response);
    res.writeHead(response.status, {
      ...response.headers,
      ...extraHeaders,
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  };

  // A handler bug should surface as a 500 in the client, not kill the test run.
  const answer = (req: SimRequest, match: RouteMatch | undefined): SimResponse => {
    try {
      return dispatch(req, opts.dataset, match);
    } catch (err) {
      process.emitWarning(`simulator handler failed: ${(err as Error).message}`);
      return internalErrorResponse();
    }
  };

  // The honest answer, or the hostile one when a rule matches and applies.
  const reply = (
    res: http.ServerResponse,
    req: SimRequest,
    match: RouteMatch | undefined,
    headers: Record<string, string>,
  ) => {
    if (closing || res.destroyed || res.writableEnded) return;
    const rule = hostile.length > 0 ? findHostileRule(hostile, req.path) : undefined;
    const outcome = rule && hostileAnswer(rule, req, (query) => answer({ ...req, query }, match));
    if (!rule || !outcome) return send(res, answer(req, match), headers);
    stats.hostileAnswers++;
    stats.hostileByBehaviour[rule.behaviour] = (stats.hostileByBehaviour[rule.behaviour] ?? 0) + 1;
    switch (outcome.kind) {
      case 'response':
        return send(res, outcome.response, headers);
      case 'raw':
        return writeRawAnswer(res, outcome, headers);
      case 'huge':
        return streamHugeAnswer(res, outcome, headers, (n) => {
          stats.hostileBytesSent += n;
        });
    }
  };

  const server = http.createServer((req, res) => {
    const now = clock();
    stats.requests++;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    stats.firstRequestAt ??= now;
    perSecond.arrive(now);
    stats.peakPerSecond = perSecond.peak;
    let open = true;
    res.on('close', () => {
      if (open) inFlight--;
      open = false;
    });
    res.on('finish', () => {
      stats.lastResponseAt = clock();
      stats.responsesByStatus[res.statusCode] = (stats.responsesByStatus[res.statusCode] ?? 0) + 1;
    });

    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://127.0.0.1');
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: flattenHeaders(req.headers),
    };
    // Write endpoints (writes.ts) read the body: a request that has one is
    // answered once it has arrived; any other is drained so keep-alive works.
    const hasBody = (req.headers['content-length'] ?? '0') !== '0' || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) {
      req.resume();
      return route(req, res, simReq, now);
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => route(req, res, { ...simReq, body: Buffer.concat(chunks).toString('utf8') }, now));
  });

  const route = (req: http.IncomingMessage, res: http.ServerResponse, simReq: SimRequest, now: number) => {
    const rawUrl = req.url ?? '/';
    const match = matchRoute(routes, simReq.method, simReq.path);
    const routeKey = match?.key ?? UNROUTED_KEY;
    stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1;

    const verdict = limiter?.arrive(now);
    const headers = verdict?.headers ?? {};
    const rejection = verdict?.rejection;
    if (rejection) {
      stats.rateLimited++;
      return later(latencyMs, () => send(res, rejection, headers));
    }

    const fault = faults?.decide(simReq.method, rawUrl, now);
    if (!fault) return later(latencyMs, () => reply(res, simReq, match, headers));
    stats.faultsInjected++;
    stats.faultsByKind[fault.kind] = (stats.faultsByKind[fault.kind] ?? 0) + 1;
    switch (fault.kind) {
      case 'reset':
        return later(latencyMs, () => req.socket.destroy());
      case 'slow':
        return later(latencyMs + fault.delayMs, () => reply(res, simReq, match, headers));
      default: {
        const response = faultResponse(fault, opts.faults!);
        return later(latencyMs, () => send(res, response, headers));
      }
    }
  };

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${API_PREFIX}`,
    port,
    stats,
    resetStats() {
      Object.assign(stats, emptyStats(inFlight));
      perSecond = new PeakRate(1000);
      delete stats.firstRequestAt;
      delete stats.lastResponseAt;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
