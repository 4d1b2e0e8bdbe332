import {
  IntegrationInstanceConfig,
  IntegrationInstanceConfigFieldMap,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { Area, AREA_KEYS, Areas, envNameOf } from './areas';

export const DEFAULT_API_BASE_URL = 'https://api.cloudflare.com/client/v4';

/**
 * Instance configuration as the SDK hands it over: strings from the
 * environment (`j1-integration` reads `API_TOKEN` for `apiToken`, and so on)
 * or values from the JupiterOne platform.
 */
export interface IntegrationConfig extends IntegrationInstanceConfig {
  apiToken: string;
  apiBaseUrl?: string;
  accountIds?: string | string[];
  rateLimitRequests?: string | number;
  rateLimitWindowSeconds?: string | number;
  rateLimitPerSecond?: string | number;
  requestTimeoutSeconds?: string | number;
  maxConcurrentRequests?: string | number;
  /** Area switches (default on): see src/areas.ts. */
  ingestZeroTrust?: string | boolean;
  ingestAccessConfiguration?: string | boolean;
  ingestApiTokens?: string | boolean;
  ingestZoneSettings?: string | boolean;
  ingestDnsRecords?: string | boolean;
  ingestActivity?: string | boolean;
  ingestTunnels?: string | boolean;
  /** Days of audit and Access logs the activity area reads (default 90). */
  activityLookbackDays?: string | number;
  /** Device options. */
  includeRevokedDevices?: string | boolean;
  includeDeletedDevices?: string | boolean;
  /** Tunnel option: list deleted tunnels too, flagged `deleted: true`. */
  includeDeletedTunnels?: string | boolean;
  /** Network options for enterprise networks. */
  httpsProxy?: string;
  caBundleFile?: string;
}

export const instanceConfigFields: IntegrationInstanceConfigFieldMap<IntegrationConfig> = {
  apiToken: { type: 'string', mask: true },
  apiBaseUrl: { type: 'string', optional: true },
  accountIds: { type: 'string', optional: true },
  rateLimitRequests: { type: 'string', optional: true },
  rateLimitWindowSeconds: { type: 'string', optional: true },
  rateLimitPerSecond: { type: 'string', optional: true },
  requestTimeoutSeconds: { type: 'string', optional: true },
  maxConcurrentRequests: { type: 'string', optional: true },
  ...Object.fromEntries(AREA_KEYS.map((area) => [Areas[area].field, { type: 'boolean', optional: true }])),
  activityLookbackDays: { type: 'string', optional: true },
  includeRevokedDevices: { type: 'boolean', optional: true },
  includeDeletedDevices: { type: 'boolean', optional: true },
  includeDeletedTunnels: { type: 'boolean', optional: true },
  // A proxy URL may carry a user name and password.
  httpsProxy: { type: 'string', optional: true, mask: true },
  caBundleFile: { type: 'string', optional: true },
};

/** The configuration after validation: every value checked and typed. */
export interface CloudflareSettings {
  apiToken: string;
  apiBaseUrl: string;
  accountIds: string[];
  /** The user's budget (`requests` per `windowMs`) and the per-IP limit (`perSecond` requests per 1 s). */
  rateLimit: { requests: number; windowMs: number; perSecond: number };
  requestTimeoutMs: number;
  maxConcurrentRequests: number;
  /** Which areas are collected (all by default). */
  areas: Record<Area, boolean>;
  devices: { includeRevoked: boolean; includeDeleted: boolean };
  tunnels: { includeDeleted: boolean };
  /** Days back the activity area reads logins and Access requests. */
  activityLookbackDays: number;
  /** `https://[user:password@]host:port` of a proxy for Cloudflare's https:// API, if any. */
  httpsProxy?: string;
  /** A PEM file of extra CA certificates to trust (TLS-inspecting proxies). */
  caBundleFile?: string;
}

/**
 * Cloudflare's per-IP limit: 200 requests per second
 * (https://developers.cloudflare.com/fundamentals/api/reference/limits/).
 */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 200;
/**
 * Requests in flight at once. The limiter's windows bound the rate (the
 * user's budget and, whatever the latency, the per-IP 200 requests per
 * second), so more slots cannot overrun Cloudflare: they only hide latency.
 * 16 keep up with 200 per second up to 80 ms of latency; 8 left a
 * collection latency-bound (docs/benchmarks.md#what-the-optional-areas-cost).
 */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 16;
export const DEFAULT_ACTIVITY_LOOKBACK_DAYS = 90;
/**
 * Cloudflare keeps the account audit log for 18 months
 * (https://developers.cloudflare.com/fundamentals/account/account-security/review-audit-logs/):
 * 548 days is the longest window with data in it.
 */
export const MAX_ACTIVITY_LOOKBACK_DAYS = 548;

const ACCOUNT_ID = /^[0-9a-f]{32}$/;
const GLOBAL_API_KEY = /^[0-9a-f]{37}$/i;
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function fieldError(field: string, problem: string): IntegrationValidationError {
  return new IntegrationValidationError(`Invalid config field ${field} (env ${envNameOf(field)}): ${problem}`);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

function parseApiToken(value: unknown): string {
  if (isBlank(value)) {
    throw new IntegrationValidationError(
      `Missing required config field apiToken (env ${envNameOf('apiToken')}): create a Cloudflare API token ` +
        '(My Profile > API Tokens, or Manage Account > Account API Tokens) with Account Settings Read, ' +
        'Zone Read and DNS Read, and set it as API_TOKEN.',
    );
  }
  const token = String(value).trim();
  // Never echo the token: describe what is wrong with it instead.
  if (!HEADER_SAFE.test(token)) {
    throw fieldError(
      'apiToken',
      'the token contains spaces, line breaks or non-ASCII characters; paste the token value exactly as Cloudflare showed it.',
    );
  }
  if (GLOBAL_API_KEY.test(token)) {
    throw fieldError(
      'apiToken',
      'this looks like a Global API Key (37 hexadecimal characters), which this integration does not accept; create a scoped API token instead.',
    );
  }
  return token;
}

function parseApiBaseUrl(value: unknown): string {
  if (isBlank(value)) return DEFAULT_API_BASE_URL;
  const raw = String(value).trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fieldError('apiBaseUrl', `"${raw}" is not a valid URL; use ${DEFAULT_API_BASE_URL} or leave it unset.`);
  }
  if (url.username || url.password) {
    throw fieldError(
      'apiBaseUrl',
      'the URL must not contain a user name or password; the API token is the only credential.',
    );
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    throw fieldError(
      'apiBaseUrl',
      `"${raw}" uses http://, which would send the token unencrypted; use https:// (http:// is allowed only for 127.0.0.1, localhost or [::1]).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw fieldError('apiBaseUrl', `"${raw}" must start with https://, for example ${DEFAULT_API_BASE_URL}.`);
  }
  // `url.search`/`url.hash` are empty for a bare trailing "?" or "#", which
  // would still break joining paths onto the base URL: look at the raw text.
  if (url.search || url.hash || /[?#]/.test(raw)) {
    throw fieldError(
      'apiBaseUrl',
      `"${raw}" must not contain a query string or fragment, for example ${DEFAULT_API_BASE_URL}.`,
    );
  }
  return url.toString().replace(/\/+$/, '');
}

function parseAccountIds(value: unknown): string[] {
  if (isBlank(value)) return [];
  const parts = (Array.isArray(value) ? value.map(String) : String(value).split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const invalid = parts.filter((part) => !ACCOUNT_ID.test(part));
  if (invalid.length > 0) {
    throw fieldError(
      'accountIds',
      `${invalid.map((id) => `"${id}"`).join(', ')} ${invalid.length === 1 ? 'is not a Cloudflare account id' : 'are not Cloudflare account ids'}; ` +
        'an account id is 32 lowercase hexadecimal characters (dashboard: Account Home > the account > Account ID). Separate several with commas.',
    );
  }
  return [...new Set(parts)];
}

function parseInteger(value: unknown, field: string, defaultValue: number, min: number, max: number, why = ''): number {
  if (isBlank(value)) return defaultValue;
  const raw = String(value).trim();
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw fieldError(field, `"${raw}" must be a whole number from ${min} to ${max} (default ${defaultValue})${why}.`);
  }
  return parsed;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

function parseBoolean(value: unknown, field: string, defaultValue: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (isBlank(value)) return defaultValue;
  const raw = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(raw)) return true;
  if (FALSE_WORDS.has(raw)) return false;
  throw fieldError(field, `"${String(value).trim()}" must be true or false (default ${defaultValue}).`);
}

function parseAreas(config: IntegrationConfig): Record<Area, boolean> {
  const areas = {} as Record<Area, boolean>;
  for (const area of AREA_KEYS) {
    const { field } = Areas[area];
    areas[area] = parseBoolean((config as Record<string, unknown>)[field], field, true);
  }
  return areas;
}

/** The proxy URL, checked; its password is never echoed. */
function parseHttpsProxy(value: unknown): string | undefined {
  if (isBlank(value)) return undefined;
  const raw = String(value).trim();
  // Without a scheme, `user:password@host` would parse as scheme "user:".
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw fieldError(
      'httpsProxy',
      'the proxy URL must start with http:// or https://, for example http://proxy.example:3128 or http://user:password@proxy.example:3128.',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fieldError(
      'httpsProxy',
      'the value is not a valid URL; use http://host:port or http://user:password@host:port.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fieldError(
      'httpsProxy',
      `the proxy URL must start with http:// or https:// (it starts with ${url.protocol}//), for example http://proxy.example:3128.`,
    );
  }
  if (!url.hostname) throw fieldError('httpsProxy', 'the proxy URL has no host name.');
  return raw;
}

function parseCaBundleFile(value: unknown): string | undefined {
  if (isBlank(value)) return undefined;
  return String(value).trim();
}

/**
 * Checks the configuration's shape without touching the network and returns
 * typed settings. Throws `IntegrationValidationError` naming the field, its
 * environment variable and the fix.
 */
export function parseConfig(config: IntegrationConfig): CloudflareSettings {
  return {
    apiToken: parseApiToken(config.apiToken),
    apiBaseUrl: parseApiBaseUrl(config.apiBaseUrl),
    accountIds: parseAccountIds(config.accountIds),
    rateLimit: {
      requests: parseInteger(config.rateLimitRequests, 'rateLimitRequests', 1200, 1, 1_000_000),
      windowMs: 1000 * parseInteger(config.rateLimitWindowSeconds, 'rateLimitWindowSeconds', 300, 1, 86_400),
      perSecond: parseInteger(
        config.rateLimitPerSecond,
        'rateLimitPerSecond',
        DEFAULT_RATE_LIMIT_PER_SECOND,
        1,
        1_000_000,
      ),
    },
    requestTimeoutMs: 1000 * parseInteger(config.requestTimeoutSeconds, 'requestTimeoutSeconds', 60, 1, 600),
    maxConcurrentRequests: parseInteger(
      config.maxConcurrentRequests,
      'maxConcurrentRequests',
      DEFAULT_MAX_CONCURRENT_REQUESTS,
      1,
      64,
    ),
    areas: parseAreas(config),
    devices: {
      includeRevoked: parseBoolean(config.includeRevokedDevices, 'includeRevokedDevices', true),
      includeDeleted: parseBoolean(config.includeDeletedDevices, 'includeDeletedDevices', false),
    },
    tunnels: { includeDeleted: parseBoolean(config.includeDeletedTunnels, 'includeDeletedTunnels', false) },
    activityLookbackDays: parseInteger(
      config.activityLookbackDays,
      'activityLookbackDays',
      DEFAULT_ACTIVITY_LOOKBACK_DAYS,
      1,
      MAX_ACTIVITY_LOOKBACK_DAYS,
      ': Cloudflare keeps the account audit log for 18 months',
    ),
    httpsProxy: parseHttpsProxy(config.httpsProxy),
    caBundleFile: parseCaBundleFile(config.caBundleFile),
  };
}
