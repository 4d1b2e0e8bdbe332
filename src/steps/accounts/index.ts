import { IntegrationStep, IntegrationStepExecutionContext } from '@jupiterone/integration-sdk-core';
import { getCloudflareClient } from '../../client';
import { CloudflareAccount } from '../../client/types';
import { IntegrationConfig, parseConfig } from '../../config';
import { Entities, Steps } from '../../constants';
import { addNewEntities } from '../../util/addNew';
import { forEachIsolated } from '../../util/forEachIsolated';
import { createAccountEntity } from './converter';

export async function fetchAccounts(context: IntegrationStepExecutionContext<IntegrationConfig>): Promise<void> {
  const { jobState, logger } = context;
  const settings = parseConfig(context.instance.config);
  const client = getCloudflareClient(context);
  let added = 0;
  let repeated = 0;
  const addPage = async (accounts: CloudflareAccount[]) => {
    const skipped = await addNewEntities(jobState, accounts.map(createAccountEntity));
    added += accounts.length - skipped;
    repeated += skipped;
  };

  if (settings.accountIds.length > 0) {
    // ACCOUNT_IDS limits collection (and is required for account-owned tokens,
    // which cannot list accounts).
    await forEachIsolated(
      settings.accountIds,
      { concurrency: settings.maxConcurrentRequests, logger, describe: (id) => `account ${id}` },
      async (accountId) => addPage([await client.getAccount(accountId)]),
    );
  } else {
    await client.iterateAccounts(addPage);
  }
  logger.info({ accounts: added, repeated }, `Collected ${added} Cloudflare accounts`);
}

export const accountSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNTS,
    name: 'Fetch Accounts',
    entities: [Entities.ACCOUNT],
    relationships: [],
    dependsOn: [],
    executionHandler: fetchAccounts,
  },
];
