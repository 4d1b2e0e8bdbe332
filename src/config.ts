import {
  IntegrationInstanceConfig,
  IntegrationInstanceConfigFieldMap,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';

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
  requestTimeoutSeconds?: string | number;
  maxConcurrentRequests?: string | number;
}

export const instanceConfigFields: IntegrationInstanceConfigFieldMap<IntegrationConfig> = {
  apiToken: { type: 'string', mask: true },
  apiBaseUrl: { type: 'string', optional: true },
  accountIds: { type: 'string', optional: true },
  rateLimitRequests: { type: 'string', optional: true },
  rateLimitWindowSeconds: { type: 'string', optional: true },
  requestTimeoutSeconds: { type: 'string', optional: true },
  maxConcurrentRequests: { type: 'string', optional: true },
};

/** The configuration after validation: every value checked and typed. */
export interface CloudflareSettings {
  apiToken: string;
  apiBaseUrl: string;
  accountIds: string[];
  rateLimit: { requests: number; windowMs: number };
  requestTimeoutMs: number;
  maxConcurrentRequests: number;
}

const ACCOUNT_ID = /^[0-9a-f]{32}$/;
const GLOBAL_API_KEY = /^[0-9a-f]{37}$/i;
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function fieldError(field: string, env: string, problem: string): IntegrationValidationError {
  return new IntegrationValidationError(`Invalid config field ${field} (env ${env}): ${problem}`);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

function parseApiToken(value: unknown): string {
  if (isBlank(value)) {
    throw new IntegrationValidationError(
      'Missing required config field apiToken (env API_TOKEN): create a Cloudflare API token ' +
        '(My Profile > API Tokens, or Manage Account > Account API Tokens) with Account Settings Read, ' +
        'Zone Read and DNS Read, and set it as API_TOKEN.',
    );
  }
  const token = String(value).trim();
  // Never echo the token: describe what is wrong with it instead.
  if (!HEADER_SAFE.test(token)) {
    throw fieldError(
      'apiToken',
      'API_TOKEN',
      'the token contains spaces, line breaks or non-ASCII characters; paste the token value exactly as Cloudflare showed it.',
    );
  }
  if (GLOBAL_API_KEY.test(token)) {
    throw fieldError(
      'apiToken',
      'API_TOKEN',
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
    throw fieldError(
      'apiBaseUrl',
      'API_BASE_URL',
      `"${raw}" is not a valid URL; use ${DEFAULT_API_BASE_URL} or leave it unset.`,
    );
  }
  if (url.username || url.password) {
    throw fieldError(
      'apiBaseUrl',
      'API_BASE_URL',
      'the URL must not contain a user name or password; the API token is the only credential.',
    );
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    throw fieldError(
      'apiBaseUrl',
      'API_BASE_URL',
      `"${raw}" uses http://, which would send the token unencrypted; use https:// (http:// is allowed only for 127.0.0.1, localhost or [::1]).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw fieldError(
      'apiBaseUrl',
      'API_BASE_URL',
      `"${raw}" must start with https://, for example ${DEFAULT_API_BASE_URL}.`,
    );
  }
  // `url.search`/`url.hash` are empty for a bare trailing "?" or "#", which
  // would still break joining paths onto the base URL: look at the raw text.
  if (url.search || url.hash || /[?#]/.test(raw)) {
    throw fieldError(
      'apiBaseUrl',
      'API_BASE_URL',
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
      'ACCOUNT_IDS',
      `${invalid.map((id) => `"${id}"`).join(', ')} ${invalid.length === 1 ? 'is not a Cloudflare account id' : 'are not Cloudflare account ids'}; ` +
        'an account id is 32 lowercase hexadecimal characters (dashboard: Account Home > the account > Account ID). Separate several with commas.',
    );
  }
  return [...new Set(parts)];
}

function parseInteger(
  value: unknown,
  field: string,
  env: string,
  defaultValue: number,
  min: number,
  max: number,
): number {
  if (isBlank(value)) return defaultValue;
  const raw = String(value).trim();
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw fieldError(field, env, `"${raw}" must be a whole number from ${min} to ${max} (default ${defaultValue}).`);
  }
  return parsed;
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
      requests: parseInteger(config.rateLimitRequests, 'rateLimitRequests', 'RATE_LIMIT_REQUESTS', 1200, 1, 1_000_000),
      windowMs:
        1000 *
        parseInteger(
          config.rateLimitWindowSeconds,
          'rateLimitWindowSeconds',
          'RATE_LIMIT_WINDOW_SECONDS',
          300,
          1,
          86_400,
        ),
    },
    requestTimeoutMs:
      1000 * parseInteger(config.requestTimeoutSeconds, 'requestTimeoutSeconds', 'REQUEST_TIMEOUT_SECONDS', 60, 1, 600),
    maxConcurrentRequests: parseInteger(
      config.maxConcurrentRequests,
      'maxConcurrentRequests',
      'MAX_CONCURRENT_REQUESTS',
      8,
      1,
      64,
    ),
  };
}
