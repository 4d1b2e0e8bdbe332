import http from 'http';
import fetch, { Response } from 'node-fetch';
import { IntegrationError } from '@jupiterone/integration-sdk-core';
import { CloudflareSettings, DEFAULT_API_BASE_URL } from '../config';
import { CloudflareRequestError, ErrorContext, quiet, toIntegrationError } from './errors';
import { oneLine } from '../util/oneLine';
import { tokenScrubber } from './tokenScrubber';
import { RateLimiter, RateLimitWait } from './RateLimiter';
import { parseRateLimitHeaders } from './rateLimitHeaders';
import { createNetwork, Network } from './network';
import { ClientLogger, CloudflareEnvelope, CloudflareMessage } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestDescriptor extends ErrorContext {
  /** GET unless said otherwise. */
  method?: HttpMethod;
  path: string;
  /** A list is sent as the key repeated once per value. */
  query?: Record<string, string | number | readonly string[] | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Overrides TransportOptions.retries for this request. */
  retries?: number;
  /**
   * Whether a failed attempt after which Cloudflare may already have acted
   * (a timeout, a reset connection, a 5xx) may simply be sent again. True for
   * reads. A write must say false: it is then retried only after a 429 (which
   * Cloudflare did not act on), and any other failure is reported with
   * `outcomeUnknown` so the caller reads the state before deciding.
   */
  repeatable?: boolean;
}

export interface TransportOptions {
  /** Retries after the first attempt for 5xx, network errors and timeouts (default 5). */
  retries?: number;
  /** First backoff before a retry (default 500 ms; doubles, randomised x1-2). */
  minRetryDelayMs?: number;
  /** Longest wait before one retry (default 8 s). */
  maxRetryDelayMs?: number;
  /** 429s one request may wait out before it fails (default 10); counted apart from `retries`. */
  maxRateLimitWaits?: number;
  /** Most bytes read of an error answer (the rest is not downloaded). */
  maxErrorBodyBytes?: number;
  /** Most bytes read of a successful answer. */
  maxBodyBytes?: number;
}

export interface TransportStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

/** Cloudflare's own 429 block lasts 5 minutes; a longer Retry-After is not waited out in full. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 300;

const RETRYABLE_STATUS = new Set([408, 409, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527, 530]);

/** An error page only needs its title and Cloudflare's codes; 64 KiB holds both. */
const DEFAULT_MAX_ERROR_BODY_BYTES = 64 * 1024;
/** A DNS page of 5,000 records is a few MB; anything near this is not an API answer. */
const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/**
 * The one place that speaks HTTP to Cloudflare: auth header, deadline, body
 * size caps, pacing, retries, error mapping and token scrubbing. One per run,
 * so a single rate limiter paces every request. It knows nothing of the
 * graph, and each call brings the logger of whoever made it.
 */
export class CloudflareTransport {
  readonly limiter: RateLimiter;
  readonly stats: TransportStats = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly agent: http.Agent;
  private readonly network: Network;
  private readonly options: Required<TransportOptions>;
  /** Defence in depth: no message leaves this class with the token in it. */
  private readonly scrub: (text: string) => string;

  constructor(
    private readonly settings: CloudflareSettings,
    options: TransportOptions = {},
  ) {
    this.scrub = tokenScrubber(settings.apiToken);
    this.options = {
      retries: options.retries ?? 5,
      minRetryDelayMs: options.minRetryDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 8000,
      maxRateLimitWaits: options.maxRateLimitWaits ?? 10,
      maxErrorBodyBytes: options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    };
    // Proxy, extra CAs and keep-alive pooling; an unusable CA bundle fails here, at start-up.
    this.network = createNetwork(settings);
    this.agent = this.network.agent;
    this.limiter = new RateLimiter({
      requests: settings.rateLimit.requests,
      windowMs: settings.rateLimit.windowMs,
      perIp: { requests: settings.rateLimit.perSecond, windowMs: 1000 },
      maxInFlight: settings.maxConcurrentRequests,
    });
  }

  /** One line on how requests reach Cloudflare, when a proxy is configured (never its credentials). */
  describeRoute(): string | undefined {
    if (this.network.proxy) {
      return `Requests to ${this.settings.apiBaseUrl} go through the HTTPS proxy ${this.network.proxy.display} (HTTPS_PROXY).`;
    }
    if (this.settings.httpsProxy) {
      return `HTTPS_PROXY is set but not used for ${this.settings.apiBaseUrl}: the proxy applies only to https:// base URLs whose host NO_PROXY does not exempt.`;
    }
    return undefined;
  }

  /** GET a Cloudflare v4 path and return its envelope; throws an SDK error. */
  get<T>(request: RequestDescriptor, logger: ClientLogger): Promise<CloudflareEnvelope<T>> {
    return this.send<T>({ ...request, method: 'GET', repeatable: true }, logger);
  }

  /**
   * Any method; see RequestDescriptor.repeatable for how failures are retried.
   *
   * One retry policy, one loop: each failed attempt is judged once.
   * - A 429 (Cloudflare did not act on it) waits what Retry-After says, or a
   *   full rate-limit window when none came, at most the longer of
   *   RATE_LIMIT_WINDOW_SECONDS and 300 s, pausing every request of the run;
   *   then the request is sent again, at most `maxRateLimitWaits` (10) times.
   * - A network error, a timeout, a 5xx (and 408, 409, a 200 that is not
   *   JSON) is sent again only when the request is repeatable, at most
   *   `retries` (5) times, after an exponential backoff (500 ms doubling,
   *   randomised x1-2) or the answer's Retry-After when longer, each wait at
   *   most `maxRetryDelayMs` (8 s).
   * - Anything else fails at once.
   * Worst case with the defaults: 1 + 5 + 10 = 16 attempts; an endless 429
   * makes 11, an endless 503 makes 6. Waits add up to at most 5 x 8 s = 40 s
   * of backoff plus 10 rate-limit waits of at most max(window, 300 s) each
   * (50 min with the default window), besides each attempt's own
   * REQUEST_TIMEOUT_SECONDS deadline.
   */
  async send<T>(request: RequestDescriptor, logger: ClientLogger): Promise<CloudflareEnvelope<T>> {
    const method = request.method ?? 'GET';
    const repeatable = request.repeatable ?? method === 'GET';
    const url = this.buildUrl(request);
    const endpoint = `${method} ${url.slice(this.settings.apiBaseUrl.length)}`;
    const maxRetries = request.retries ?? this.options.retries;
    let attempts = 0;
    let retries = 0;
    let rateLimitWaits = 0;
    for (;;) {
      attempts++;
      try {
        return await this.attempt<T>(request, url, endpoint, logger);
      } catch (err) {
        if (!(err instanceof CloudflareRequestError)) throw this.finalError(err, request, url, attempts);
        if (err.status === 429) {
          this.stats.rateLimited++;
          if (rateLimitWaits >= this.options.maxRateLimitWaits) throw this.finalError(err, request, url, attempts);
          rateLimitWaits++;
          this.waitOutRateLimit(err, endpoint, logger);
          continue;
        }
        // A write Cloudflare may have acted on is never sent again blindly.
        if (!repeatable && err.retryable) err.outcomeUnknown = true;
        if (!err.retryable || !repeatable || retries >= maxRetries) {
          throw this.finalError(err, request, url, attempts);
        }
        retries++;
        this.stats.retries++;
        logger.warn(
          { endpoint, status: err.status, attempt: retries, retriesLeft: maxRetries - retries + 1 },
          oneLine(`Cloudflare request failed (${this.scrub(err.message)}); retrying`),
        );
        await sleep(this.retryDelayMs(retries, err.retryAfterSeconds));
      }
    }
  }

  /** Backoff before retry number `retry` (1-based), or the answer's Retry-After when longer; capped. */
  private retryDelayMs(retry: number, retryAfterSeconds: number | undefined): number {
    const { minRetryDelayMs, maxRetryDelayMs } = this.options;
    const backoff = minRetryDelayMs * 2 ** (retry - 1) * (1 + Math.random());
    return Math.round(Math.min(maxRetryDelayMs, Math.max(backoff, (retryAfterSeconds ?? 0) * 1000)));
  }

  /**
   * Cloudflare blocks every call for the rest of its window: pause all
   * requests of the run, not just this one. A 429 without Retry-After gets
   * the full window; no wait is longer than max(window, 300 s).
   */
  private waitOutRateLimit(err: CloudflareRequestError, endpoint: string, logger: ClientLogger): void {
    const windowSeconds = this.settings.rateLimit.windowMs / 1000;
    const longest = Math.max(windowSeconds, MAX_RATE_LIMIT_WAIT_SECONDS);
    const waitSeconds = Math.min(err.retryAfterSeconds ?? windowSeconds, longest);
    const until = Date.now() + waitSeconds * 1000;
    this.limiter.pauseUntil(until);
    const why =
      err.retryAfterSeconds === undefined ? 'a full rate-limit window, as no Retry-After came' : 'as Retry-After says';
    logger.info(
      { endpoint, retryAfterSeconds: waitSeconds },
      `Cloudflare answered 429 (rate limit reached, possibly by other tools sharing this user's budget); waiting ${waitSeconds} s ${why}, until ${new Date(until).toISOString()}, then continuing`,
    );
  }

  private async attempt<T>(
    request: RequestDescriptor,
    url: string,
    endpoint: string,
    logger: ClientLogger,
  ): Promise<CloudflareEnvelope<T>> {
    await this.limiter.acquire((wait) => this.logWait(wait, logger));
    this.stats.requests++;
    const started = Date.now();
    const timeoutMs = this.settings.requestTimeoutMs;
    // One deadline for the whole attempt, headers and body: aborting makes
    // node-fetch destroy the socket, so a stalled answer cannot keep a
    // keep-alive socket (and, after eight of them, the whole run) hanging.
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    let truncated = false;
    let arrivedAt: number | undefined;
    let limit = this.options.maxBodyBytes;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${this.settings.apiToken}`,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        agent: this.agent,
        signal: controller.signal,
        // Never followed: a redirected write would come back as a read that
        // "succeeded", and every hop would bypass the rate limiter.
        redirect: 'manual',
      });
      arrivedAt = Date.now();
      if (!response.ok) limit = this.options.maxErrorBodyBytes;
      const read = await readBody(response, limit, () => controller.abort());
      truncated = read.truncated;
      // Scrub at the source: errors built from the body keep it as their
      // message, and the SDK error appends its cause's stack to its own.
      text = this.scrub(read.text);
    } catch (err) {
      // A proxy refusal or a failed certificate check gets its fix; the latter is never retried.
      const network = controller.signal.aborted ? undefined : this.network.explain(err);
      const reason = controller.signal.aborted
        ? `no complete answer within ${timeoutMs / 1000} s (REQUEST_TIMEOUT_SECONDS)`
        : this.scrub(network?.reason ?? (err as Error).message);
      throw new CloudflareRequestError(endpoint, 'NETWORK', reason, [], network?.retryable ?? true);
    } finally {
      clearTimeout(deadline);
      this.limiter.release(arrivedAt);
    }

    const limits = parseRateLimitHeaders(response.headers);
    // Policy first: the quota is measured in the server's window, so foreign
    // spend must be worked out against that window, not only our own.
    for (const policy of limits.policies) this.limiter.observePolicy(policy);
    if (limits.quota) this.limiter.observeServerQuota(limits.quota.remaining, limits.quota.resetSeconds);

    logger.debug?.({ endpoint, status: response.status, durationMs: Date.now() - started }, 'Cloudflare API request');

    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      throw new CloudflareRequestError(
        endpoint,
        response.status,
        `${response.statusText || 'Redirect'} to ${location ? oneLine(location.split('?')[0]) : 'nowhere'}: Cloudflare's API does not redirect, so the request was not followed; check API_BASE_URL`,
        [],
        false,
      );
    }
    const body = truncated ? undefined : parseBody<T>(text, response.headers.get('content-type'));
    if (response.ok && body && body.success !== false) return body;

    const errors: CloudflareMessage[] = Array.isArray(body?.errors) ? body!.errors : [];
    const statusText = response.statusText || String(response.status);
    const detail = body ? statusText : `${statusText}${describeNonJson(text, truncated, limit)}`;
    throw new CloudflareRequestError(
      endpoint,
      response.status,
      detail,
      errors,
      // An oversized success answer would be as large again: not retried.
      response.status === 429 || RETRYABLE_STATUS.has(response.status) || (response.ok && !body && !truncated),
      limits.retryAfterSeconds,
    );
  }

  private finalError(err: unknown, request: RequestDescriptor, url: string, attempts: number): Error {
    if (err instanceof IntegrationError) return err;
    if (err instanceof CloudflareRequestError) {
      const mapped = toIntegrationError(err, {
        ...request,
        attempts,
        url: url.split('?')[0],
        defaultBaseUrl: DEFAULT_API_BASE_URL,
      });
      mapped.message = this.scrub(mapped.message);
      return quiet(mapped);
    }
    const error = err as Error;
    error.message = this.scrub(error.message);
    if (error.stack) error.stack = this.scrub(error.stack);
    return error;
  }

  private buildUrl(request: RequestDescriptor): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (Array.isArray(value)) for (const item of value) params.append(key, item);
      else if (value !== undefined) params.set(key, String(value));
    }
    const query = params.toString();
    return `${this.settings.apiBaseUrl}${request.path}${query ? `?${query}` : ''}`;
  }

  private logWait(wait: RateLimitWait, logger: ClientLogger): void {
    // A 429 pause is announced where the 429 is handled, with its endpoint;
    // a per-IP wait lasts a second at most, too short to be worth a line.
    if (wait.waitMs < 1000 || wait.reason === 'retry-after' || wait.window?.perIp) return;
    const seconds = Math.ceil(wait.waitMs / 1000);
    let why: string;
    if (wait.reason === 'server-quota') {
      why = 'Cloudflare reports part of the request budget spent by someone else (Ratelimit header)';
    } else if (wait.window?.fromServer) {
      why = `Cloudflare's Ratelimit-Policy header allows ${wait.window.requests} requests per ${wait.window.windowMs / 1000} s, and they are spent for now`;
    } else {
      const budget = wait.window
        ? `${wait.window.requests} requests per ${wait.window.windowMs / 1000} s`
        : 'the budget';
      why = `the request budget (${budget}; RATE_LIMIT_REQUESTS / RATE_LIMIT_WINDOW_SECONDS) is spent for now`;
    }
    logger.info(
      { waitSeconds: seconds, reason: wait.reason },
      `Pacing Cloudflare requests: ${why}; next request in about ${seconds} s`,
    );
  }
}

/**
 * Reads a body up to `limit` bytes; past it, stops reading and closes the
 * connection (`abort`) instead of downloading the rest.
 */
async function readBody(
  response: Response,
  limit: number,
  abort: () => void,
): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = response.body as NodeJS.ReadableStream;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      if (size + buffer.length > limit) {
        chunks.push(buffer.subarray(0, limit - size));
        size = limit;
        abort();
        return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
      }
      chunks.push(buffer);
      size += buffer.length;
    }
  } catch (err) {
    if (size >= limit) return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    throw err;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function parseBody<T>(text: string, contentType: string | null): CloudflareEnvelope<T> | undefined {
  if (contentType && !/json/i.test(contentType)) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as CloudflareEnvelope<T>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A gateway's HTML error page, a truncated or an oversized body: say what came back. */
function describeNonJson(text: string, truncated: boolean, limit: number): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const cut = truncated ? `; only the first ${Math.round(limit / 1024)} KiB were read` : '';
  if (title) return ` (HTML error page: "${oneLine(title)}"${cut})`;
  if (text.trim() === '') return ' (empty body)';
  if (truncated) return ` (body larger than ${Math.round(limit / 1024)} KiB${cut})`;
  return ' (body is not Cloudflare JSON: cut short or not JSON)';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
