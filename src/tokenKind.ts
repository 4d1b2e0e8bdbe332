import {
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { CloudflareClient, describeCloudflareErrors, quiet, requestErrorOf } from './client';
import { CloudflareTokenVerification } from './client/types';

function assertActive(verification: CloudflareTokenVerification, endpoint: string): void {
  if (verification.status !== 'active') {
    throw quiet(
      new IntegrationProviderAuthenticationError({
        endpoint,
        status: 200,
        statusText: `Cloudflare reports the API token as "${verification.status}"${
          verification.expires_on ? ` (expires_on ${verification.expires_on})` : ''
        }: re-enable it or create a new token, and set it as API_TOKEN.`,
      }),
    );
  }
}

/**
 * The verify endpoints need no permission, so a 401 or 403 from them means
 * Cloudflare refused the token itself: an account-owned token at
 * /user/tokens/verify gets 403 code 1000 "Invalid API Token", which the client
 * maps (like any 403) to an authorization error. Returns the failure as an
 * authentication error, or undefined for anything else.
 */
function tokenRejection(err: unknown): IntegrationProviderAuthenticationError | undefined {
  if (err instanceof IntegrationProviderAuthenticationError) return err;
  if (!(err instanceof IntegrationProviderAuthorizationError)) return undefined;
  const request = requestErrorOf(err);
  const detail = request
    ? `${request.statusText}${describeCloudflareErrors(request.cloudflareErrors)}.`
    : `${err.statusText}`;
  return quiet(
    new IntegrationProviderAuthenticationError({
      endpoint: err.endpoint,
      status: err.status,
      statusText: `${detail} Cloudflare did not accept the API token at this verify endpoint.`,
    }),
  );
}

/** Account-owned tokens are verified at their account's path (docs/cloudflare-facts.md#token-kinds-and-verification). */
async function verifyAccountOwnedToken(
  client: CloudflareClient,
  accountIds: readonly string[],
  userTokenError: IntegrationProviderAuthenticationError,
): Promise<void> {
  let lastError: Error = userTokenError;
  for (const accountId of accountIds) {
    try {
      assertActive(await client.verifyAccountToken(accountId), `GET /accounts/${accountId}/tokens/verify`);
      return;
    } catch (err) {
      const rejection = tokenRejection(err);
      if (!rejection) throw err;
      lastError = rejection;
    }
  }
  throw lastError;
}

/** Who owns the run's API token: a user (it may list /user/tokens) or an account. */
export type TokenKind = 'user' | 'account';

/**
 * Verifies the token against Cloudflare and tells its kind: once, with no
 * retry loop for a rejected token (4xx answers are never retried). A user
 * token is verified at /user/tokens/verify; an account-owned token is
 * rejected there and verified at its account's path (one of `accountIds`).
 */
export async function identifyToken(client: CloudflareClient, accountIds: readonly string[]): Promise<TokenKind> {
  try {
    assertActive(await client.verifyUserToken(), 'GET /user/tokens/verify');
    return 'user';
  } catch (err) {
    const rejection = tokenRejection(err);
    // status 200: the token is known but disabled or expired; ACCOUNT_IDS cannot help.
    if (!rejection || rejection.status === 200) throw err;
    if (accountIds.length > 0) {
      await verifyAccountOwnedToken(client, accountIds, rejection);
      return 'account';
    }
    throw quiet(
      new IntegrationProviderAuthenticationError({
        endpoint: rejection.endpoint,
        status: rejection.status,
        statusText:
          `${rejection.statusText} If this is an account-owned token (Manage Account > Account API Tokens), ` +
          'set ACCOUNT_IDS to its account id: account-owned tokens are verified at /accounts/{account_id}/tokens/verify and cannot list accounts.',
      }),
    );
  }
}
