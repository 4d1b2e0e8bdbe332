import { IntegrationStepExecutionContext } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig, parseConfig } from '../config';
import { Entities } from '../constants';
import { forEachIsolated } from './forEachIsolated';

type StepContext = IntegrationStepExecutionContext<IntegrationConfig>;

/** Ids of the accounts collected by fetch-accounts (a handful, so a list is fine). */
export async function collectedAccountIds(jobState: StepContext['jobState']): Promise<string[]> {
  const ids: string[] = [];
  await jobState.iterateEntities({ _type: Entities.ACCOUNT._type }, (account) => {
    ids.push(account.id as string);
  });
  return ids;
}

/**
 * Runs `fn` for every collected account, several at once (the shared limiter
 * paces their requests); one account failing does not stop the others.
 */
export async function forEachCollectedAccount(
  context: StepContext,
  what: string,
  fn: (accountId: string) => Promise<void>,
): Promise<void> {
  await forEachIsolated(
    await collectedAccountIds(context.jobState),
    {
      concurrency: parseConfig(context.instance.config).maxConcurrentRequests,
      logger: context.logger,
      describe: (accountId) => `${what} of account ${accountId}`,
    },
    fn,
  );
}
