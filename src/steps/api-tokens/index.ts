import { IntegrationProviderAuthorizationError, IntegrationStep } from '@jupiterone/integration-sdk-core';
import { Endpoints } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { runStep, StepContext, StepRun } from '../common/StepRun';
import { TokenGraphContext, tokenGraph } from './converter';
import { CloudflareApiToken } from './types';

async function graphContext(run: StepRun): Promise<TokenGraphContext> {
  const zoneAccounts = new Map<string, string>();
  await run.jobState.iterateEntities({ _type: Entities.DNS_ZONE._type }, (zone) => {
    zoneAccounts.set(String(zone.id), String(zone.accountId));
  });
  return {
    accountIds: await run.accountIds(),
    zoneAccount: (zoneId) => zoneAccounts.get(zoneId),
    isCollected: (key) => run.jobState.hasKey(key) === true,
  };
}

/**
 * /user/tokens lists the tokens of the user who owns the run's token, so only
 * a user-owned token can read it: the run knows which kind the token is.
 */
async function collectUserTokens(run: StepRun, context: TokenGraphContext, onGraph: (uncollected: number) => void) {
  const kind = await run.tokenKind();
  if (kind === 'account') {
    run.logger.info('The API token is account-owned, so there are no user-owned API tokens to list (/user/tokens).');
    return;
  }
  try {
    await run.collect<CloudflareApiToken>({
      endpoint: 'userTokens',
      params: {},
      scope: 'the user of the API token',
      what: 'user API tokens',
      describe: (token) => `API token ${token?.id}`,
      convert: (token) => {
        const graph = tokenGraph(token, { type: 'user' }, context);
        onGraph(graph.uncollected);
        return graph;
      },
    });
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (err instanceof IntegrationProviderAuthorizationError && status === 403) {
      const permission = Endpoints.userTokens.permission;
      run.gate.reportMissingPermission(
        run.logger,
        permission,
        undefined,
        `Skipped the user-owned API tokens (/user/tokens): the token may not read them. Grant the token "${permission}" ` +
          '(Cloudflare dashboard > My Profile > API Tokens > Edit). Everything else is still collected. ' +
          `(${(err as Error).message})`,
      );
      return;
    }
    throw err;
  }
}

/**
 * API tokens: account-owned ones per account, and the user-owned ones of the
 * token's user. A token id in both lists is one entity (the account listing,
 * read first, wins). Edges go to the accounts and zones collected by this run.
 */
export async function fetchApiTokens(stepContext: StepContext): Promise<void> {
  await runStep(stepContext, async (run) => {
    const context = await graphContext(run);
    let uncollected = 0;
    const count = (n: number) => (uncollected += n);
    await run.forEachAccountInArea({ what: 'API tokens', endpoints: ['accountTokens'] }, (accountId) =>
      run.collect<CloudflareApiToken>({
        endpoint: 'accountTokens',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'account API tokens',
        describe: (token) => `API token ${token?.id}`,
        convert: (token) => {
          const graph = tokenGraph(token, { type: 'account', accountId }, context);
          count(graph.uncollected);
          return graph;
        },
      }),
    );
    await collectUserTokens(run, context, count);
    if (uncollected > 0) {
      run.logger.info(
        `${uncollected} API token grants name accounts or zones this run did not collect; no edge is made for them.`,
      );
    }
  });
}

export const apiTokenSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.API_TOKENS,
    name: 'Fetch API Tokens',
    entities: [Entities.API_TOKEN],
    relationships: [
      Relationships.ACCOUNT_HAS_API_TOKEN,
      Relationships.API_TOKEN_ALLOWS_ACCOUNT,
      Relationships.API_TOKEN_ALLOWS_ZONE,
    ],
    dependsOn: [Steps.ACCOUNTS, Steps.ZONES],
    ingestionSourceId: ingestionSourceOf(Steps.API_TOKENS),
    executionHandler: fetchApiTokens,
  },
];
