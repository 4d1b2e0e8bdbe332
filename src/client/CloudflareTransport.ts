import http from 'http';
import https from 'https';
import fetch, { FetchError, Response } from 'node-fetch';
import pRetry from 'p-retry';
import { IntegrationError, IntegrationLogger } from '@jupiterone/integration-sdk-core';
import { CloudflareSettings } from '../config';
import { CloudflareRequestError, ErrorContext, toIntegrationError } from './errors';
import { RateLimiter, RateLimitWait } from './RateLimiter';
import { parseRateLimitHeaders } from './rateLimitHeaders';
import { CloudflareEnvelope, CloudflareMessage } from './types';

export interface RequestDescriptor extends ErrorContext {
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Overrides TransportOptions.retries for this request. */
  retries?: number;
}

export interface TransportOptions {
  /** Retries after the first attempt for 5xx, network errors and timeouts. */
  retries?: number;
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** 429s one request may wait out before it fails. */
  maxRateLimitWaits?: number;
}

export interface TransportStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

const RETRYABLE_STATUS = new Set([408, 409, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527, 530]);

/**
 * The one place that speaks HTTP to Cloudflare: auth header, timeout,
 * pacing, retries and error mapping. Shared by every step of a run so the
 * rate limiter sees every request.
 */
export class CloudflareTransport {
  readonly limiter: RateLimiter;
  readonly stats: TransportStats = { requests: 0, retries: 0, rateLimited: 0 };
  /** Where pacing notices go; the steps point it at their own logger. */
  logger?: IntegrationLogger;
  private readonly agent: http.Agent;
  private readonly options: Required<TransportOptions>;

  constructor(private readonly settings: CloudflareSettings, options: TransportOptions = {}) {
    this.options = {
      retries: options.retries ?? 5,
      minRetryDelayMs: options.minRetryDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 8000,
      maxRateLimitWaits: options.maxRateLimitWaits ?? 10,
    };
    const agentOptions = { keepAlive: true, maxSockets: settings.maxConcurrentRequests };
    this.agent = settings.apiBaseUrl.startsWith('https:')
      ? new https.Agent(agentOptions)
      : new http.Agent(agentOptions);
    this.limiter = new RateLimiter({
      requests: settings.rateLimit.requests,
      windowMs: settings.rateLimit.windowMs,
      maxInFlight: settings.maxConcurrentRequests,
      onWait: (wait) => this.logWait(wait),
    });
  }

  /** GET a Cloudflare v4 path and return its envelope; throws an SDK error. */
  async get<T>(request: RequestDescriptor, logger: IntegrationLogger): Promise<CloudflareEnvelope<T>> {
    const url = this.buildUrl(request);
    const endpoint = `GET ${url.replace(this.settings.apiBaseUrl, '')}`;
    let attempts = 0;
    try {
      return await pRetry(
        async () => {
          attempts++;
          return this.attemptUntilNotRateLimited<T>(url, endpoint, logger);
        },
        {
          retries: request.retries ?? this.options.retries,
          factor: 2,
          minTimeout: this.options.minRetryDelayMs,
          maxTimeout: this.options.maxRetryDelayMs,
          randomize: true,
          onFailedAttempt: async (error) => {
            const failure = error as unknown as CloudflareRequestError;
            if (!failure.retryable || error.retriesLeft === 0) return;
            this.stats.retries++;
            logger.warn(
              { endpoint, status: failure.status, attempt: error.attemptNumber, retriesLeft: error.retriesLeft },
              `Cloudflare request failed (${this.scrub(failure.message)}); retrying`,
            );
            if (failure.retryAfterSeconds) await sleep(failure.retryAfterSeconds * 1000);
          },
        },
      );
    } catch (err) {
      throw this.finalError(err, request, attempts);
    }
  }

  private async attemptUntilNotRateLimited<T>(
    url: string,
    endpoint: string,
    logger: IntegrationLogger,
  ): Promise<CloudflareEnvelope<T>> {
    for (let waits = 0; ; waits++) {
      try {
        return await this.attempt<T>(url, endpoint, logger);
      } catch (err) {
        if (!(err instanceof CloudflareRequestError)) throw err;
        if (!err.retryable) throw new pRetry.AbortError(err);
        if (err.status !== 429) throw err;
        this.stats.rateLimited++;
        if (waits >= this.options.maxRateLimitWaits) {
          throw new pRetry.AbortError(err);
        }
        // Cloudflare blocks every call for the rest of its window: pause all
        // requests of the run, not just this one. A 429 without Retry-After
        // gets the full window.
        const waitSeconds = err.retryAfterSeconds ?? this.settings.rateLimit.windowMs / 1000;
        const until = Date.now() + waitSeconds * 1000;
        this.limiter.pauseUntil(until);
        const why = err.retryAfterSeconds === undefined ? 'a full rate-limit window, as no Retry-After came' : 'as Retry-After says';
        logger.info(
          { endpoint, retryAfterSeconds: waitSeconds },
          `Cloudflare answered 429 (rate limit reached, possibly by other tools sharing this user's budget); waiting ${waitSeconds} s ${why}, until ${new Date(until).toISOString()}, then continuing`,
        );
      }
    }
  }

  private async attempt<T>(url: string, endpoint: string, logger: IntegrationLogger): Promise<CloudflareEnvelope<T>> {
    await this.limiter.acquire();
    this.stats.requests++;
    const started = Date.now();
    let response: Response;
    let text: string;
    let arrivedAt: number | undefined;
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bearer ${this.settings.apiToken}`, Accept: 'application/json' },
        agent: this.agent,
        timeout: this.settings.requestTimeoutMs,
      });
      arrivedAt = Date.now();
      // Scrub at the source: errors built from the body keep it as their
      // message, and the SDK error appends its cause's stack to its own.
      text = this.scrub(await response.text());
    } catch (err) {
      const reason = err instanceof FetchError && /timeout/.test(err.type)
        ? `no answer within ${this.settings.requestTimeoutMs / 1000} s (REQUEST_TIMEOUT_SECONDS)`
        : this.scrub((err as Error).message);
      throw new CloudflareRequestError(endpoint, 'NETWORK', reason, [], true);
    } finally {
      this.limiter.release(arrivedAt);
    }

    const limits = parseRateLimitHeaders(response.headers);
    // Policy first: the quota is measured in the server's window, so foreign
    // spend must be worked out against that window, not only our own.
    for (const policy of limits.policies) this.limiter.observePolicy(policy);
    if (limits.quota) this.limiter.observeServerQuota(limits.quota.remaining, limits.quota.resetSeconds);

    logger.debug({ endpoint, status: response.status, durationMs: Date.now() - started }, 'Cloudflare API request');

    const body = parseBody<T>(text, response.headers.get('content-type'));
    if (response.ok && body && body.success !== false) return body;

    const errors: CloudflareMessage[] = body?.errors ?? [];
    const statusText = response.statusText || String(response.status);
    const detail = body ? statusText : `${statusText}${describeNonJson(text)}`;
    throw new CloudflareRequestError(
      endpoint,
      response.status,
      detail,
      errors,
      response.status === 429 || RETRYABLE_STATUS.has(response.status) || (response.ok && !body),
      limits.retryAfterSeconds,
    );
  }

  private finalError(err: unknown, request: RequestDescriptor, attempts: number): Error {
    if (err instanceof IntegrationError) return err;
    if (err instanceof CloudflareRequestError) {
      const mapped = toIntegrationError(err, { ...request, attempts });
      mapped.message = this.scrub(mapped.message);
      return mapped;
    }
    const error = err as Error;
    error.message = this.scrub(error.message);
    if (error.stack) error.stack = this.scrub(error.stack);
    return error;
  }

  private buildUrl(request: RequestDescriptor): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const query = params.toString();
    return `${this.settings.apiBaseUrl}${request.path}${query ? `?${query}` : ''}`;
  }

  /** Defence in depth: no message leaves this class with the token in it. */
  private scrub(message: string): string {
    // Checked first: copying every response body would double its garbage.
    if (!message.includes(this.settings.apiToken)) return message;
    return message.split(this.settings.apiToken).join('[REDACTED]');
  }

  private logWait(wait: RateLimitWait): void {
    // A 429 pause is announced where the 429 is handled, with its endpoint.
    if (wait.waitMs < 1000 || wait.reason === 'retry-after' || !this.logger) return;
    const seconds = Math.ceil(wait.waitMs / 1000);
    const budget = wait.window
      ? `${wait.window.requests} requests per ${wait.window.windowMs / 1000} s`
      : 'the quota Cloudflare reported';
    const why =
      wait.reason === 'server-quota'
        ? 'Cloudflare reports part of the request budget spent by someone else (Ratelimit header)'
        : `the request budget (${budget}; RATE_LIMIT_REQUESTS / RATE_LIMIT_WINDOW_SECONDS) is spent for now`;
    this.logger.info({ waitSeconds: seconds, reason: wait.reason }, `Pacing Cloudflare requests: ${why}; next request in about ${seconds} s`);
  }
}

function parseBody<T>(text: string, contentType: string | null): CloudflareEnvelope<T> | undefined {
  if (contentType && !/json/i.test(contentType)) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as CloudflareEnvelope<T>) : undefined;
  } catch {
    return undefined;
  }
}

/** A gateway's HTML error page or a truncated body: say what came back. */
function describeNonJson(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return ` (HTML error page: "${title}")`;
  if (text.trim() === '') return ' (empty body)';
  return ' (body is not Cloudflare JSON)';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
