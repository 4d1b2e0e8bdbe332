import {
  IntegrationExecutionContext,
  IntegrationProviderAuthenticationError,
} from '@jupiterone/integration-sdk-core';
import { CloudflareClient, getCloudflareClient } from './client';
import { CloudflareTokenVerification } from './client/types';
import { IntegrationConfig, parseConfig } from './config';

function assertActive(verification: CloudflareTokenVerification, endpoint: string): void {
  if (verification.status !== 'active') {
    throw new IntegrationProviderAuthenticationError({
      endpoint,
      status: 200,
      statusText: `Cloudflare reports the API token as "${verification.status}"${
        verification.expires_on ? ` (expires_on ${verification.expires_on})` : ''
      }: re-enable it or create a new token, and set it as API_TOKEN.`,
    });
  }
}

/** Account-owned tokens are verified at their account's path (§6.2). */
async function verifyAccountOwnedToken(
  client: CloudflareClient,
  accountIds: string[],
  userTokenError: IntegrationProviderAuthenticationError,
): Promise<void> {
  let lastError: Error = userTokenError;
  for (const accountId of accountIds) {
    try {
      assertActive(await client.verifyAccountToken(accountId), `GET /accounts/${accountId}/tokens/verify`);
      return;
    } catch (err) {
      if (!(err instanceof IntegrationProviderAuthenticationError)) throw err;
      lastError = err;
    }
  }
  throw lastError;
}

/**
 * Checks the configuration, then the token against Cloudflare: once, with no
 * retry loop for a rejected token (4xx answers are never retried).
 */
export async function validateInvocation(
  context: IntegrationExecutionContext<IntegrationConfig>,
): Promise<void> {
  const settings = parseConfig(context.instance.config);
  const client = getCloudflareClient(context);
  try {
    assertActive(await client.verifyUserToken(), 'GET /user/tokens/verify');
  } catch (err) {
    if (!(err instanceof IntegrationProviderAuthenticationError) || err.status === 200) throw err;
    if (settings.accountIds.length > 0) {
      await verifyAccountOwnedToken(client, settings.accountIds, err);
      return;
    }
    throw new IntegrationProviderAuthenticationError({
      endpoint: err.endpoint,
      status: err.status,
      statusText:
        `${err.statusText} If this is an account-owned token (Manage Account > Account API Tokens), ` +
        'set ACCOUNT_IDS to its account id: account-owned tokens are verified at /accounts/{account_id}/tokens/verify and cannot list accounts.',
    });
  }
}
