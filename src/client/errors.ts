import {
  IntegrationError,
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import type { EndpointName } from './endpoints';
import { CloudflareMessage } from './types';

/**
 * A failed Cloudflare answer or transport failure, before retries are
 * exhausted. `retryable` decides whether the client tries again.
 */
export class CloudflareRequestError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number | string,
    readonly statusText: string,
    readonly cloudflareErrors: CloudflareMessage[],
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${endpoint}: ${status} ${statusText}${describeCloudflareErrors(cloudflareErrors)}`);
    this.name = 'CloudflareRequestError';
    // Internal: where it was thrown says nothing to a user, and the SDK
    // prints a cause's stack under every error that wraps it.
    this.stack = `${this.name}: ${this.message}`;
  }

  /**
   * Set on a failed write that Cloudflare may have carried out (a timeout, a
   * reset, a 5xx): it was not repeated, and the caller must read the state.
   */
  outcomeUnknown = false;

  hasCode(code: number): boolean {
    return this.cloudflareErrors.some((e) => e.code === code || (e.error_chain ?? []).some((c) => c.code === code));
  }
}

export function describeCloudflareErrors(errors: CloudflareMessage[]): string {
  if (errors.length === 0) return '';
  const parts = errors.map((e) => {
    const chain = (e.error_chain ?? []).map((c) => `${c.code} ${c.message}`);
    return `${e.code} ${e.message}${chain.length ? ` (${chain.join('; ')})` : ''}`;
  });
  return ` (Cloudflare error ${parts.join('; ')})`;
}

export interface ErrorContext {
  /** The endpoints.ts name of the request, when the client made it from the endpoint table. */
  endpointName?: EndpointName;
  /** Dashboard name of the token permission the endpoint needs. */
  permission?: string;
  /** More advice for a refused request, after the permission to grant. */
  hint?: string;
  attempts?: number;
  /** The full URL requested, without its query (it never holds the token). */
  url?: string;
  /** Named when Cloudflare has no route for the URL: the base URL is likely wrong. */
  defaultBaseUrl?: string;
}

/**
 * Maps a final request failure to the SDK's error classes, with Cloudflare's
 * codes and messages and the fix in the text. The endpoint never carries the
 * token (it travels in a header only).
 */
export function toIntegrationError(err: CloudflareRequestError, context: ErrorContext): ClientError {
  const error = sdkErrorFor(err, context);
  // Our own property, not the SDK's cause: printing the error shows its message alone.
  Object.defineProperty(error, 'requestError', { value: err, enumerable: false });
  if (context.endpointName)
    Object.defineProperty(error, 'endpointName', { value: context.endpointName, enumerable: false });
  return error as ClientError;
}

/**
 * The SDK error the client throws, with the failed request behind it. The
 * mapped message already holds everything the request error says.
 */
export type ClientError = IntegrationError & {
  /** The failure as Cloudflare answered it: status text, codes, outcomeUnknown. */
  readonly requestError: CloudflareRequestError;
  /** Which endpoint of endpoints.ts failed (and so which permission it needed), when the client named it. */
  readonly endpointName?: EndpointName;
};

/** The CloudflareRequestError behind an error the client threw (or the error itself). */
export function requestErrorOf(err: unknown): CloudflareRequestError | undefined {
  if (err instanceof CloudflareRequestError) return err;
  const attached = err instanceof Error ? (err as Partial<ClientError>).requestError : undefined;
  return attached instanceof CloudflareRequestError ? attached : undefined;
}

function sdkErrorFor(err: CloudflareRequestError, context: ErrorContext): IntegrationError {
  const { endpoint, status } = err;
  const cloudflare = describeCloudflareErrors(err.cloudflareErrors);
  const options = (statusText: string) => ({ endpoint, status, statusText });

  if (status === 401 || (status === 400 && err.hasCode(6003))) {
    return new IntegrationProviderAuthenticationError(
      options(
        `${err.statusText}${cloudflare}. Cloudflare did not accept the API token: check that API_TOKEN holds an active, unexpired API token (not a Global API Key), copied exactly.`,
      ),
    );
  }
  if (status === 403) {
    const message = err.cloudflareErrors.map((e) => e.message).join(' ');
    if (/invalid access token|invalid api token|cannot use the access token/i.test(message)) {
      return new IntegrationProviderAuthenticationError(
        options(
          `${err.statusText}${cloudflare}. The API token is invalid, revoked, expired or restricted to other client IP addresses: check the token under My Profile > API Tokens (or Manage Account > Account API Tokens).`,
        ),
      );
    }
    const grant = context.permission
      ? `grant the token the "${context.permission}" permission`
      : 'grant the token the permission this endpoint needs';
    return new IntegrationProviderAuthorizationError({
      ...options(
        `${err.statusText}${cloudflare}. The token may not read this resource: ${grant} (Cloudflare dashboard > API Tokens > Edit)` +
          (context.hint ? `; ${context.hint}.` : '.'),
      ),
    });
  }
  if (status === 400 && err.hasCode(1001) && /account owned tokens/i.test(err.message)) {
    return new IntegrationProviderAuthorizationError({
      ...options(
        `${err.statusText}${cloudflare}. Account-owned tokens cannot list accounts: set ACCOUNT_IDS to the account ids the token belongs to.`,
      ),
    });
  }
  if (status === 404 && (err.hasCode(7000) || err.cloudflareErrors.length === 0)) {
    // Every path we call exists under the real base URL: a 404 "No route"
    // means API_BASE_URL points somewhere else (e.g. .../client/v5).
    const where = context.url ? ` for ${context.url}` : '';
    return new IntegrationProviderAPIError(
      options(
        `${err.statusText}${cloudflare}: Cloudflare has no route${where}. Check API_BASE_URL` +
          (context.defaultBaseUrl ? ` (the default is ${context.defaultBaseUrl}; leave it unset to use it).` : '.'),
      ),
    );
  }
  if (err.outcomeUnknown) {
    return new IntegrationProviderAPIError(
      options(
        `${err.statusText}${cloudflare}. The change may or may not have been made: it was not sent again; read the current state before retrying.`,
      ),
    );
  }
  const attempts = context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  return new IntegrationProviderAPIError({
    ...options(`${err.statusText}${cloudflare}${attempts}`),
  });
}

/**
 * Makes an error whose message already says everything print as that message
 * alone, without stack frames. The SDK logs a failure with its stack: for a
 * rejected token that was ~120 lines around one sentence. (The client's
 * errors carry no SDK cause either: see toIntegrationError.)
 */
export function quiet<E extends Error>(error: E): E {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
