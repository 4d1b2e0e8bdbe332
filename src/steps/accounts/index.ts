import { IntegrationProviderAPIError, IntegrationStep } from '@jupiterone/integration-sdk-core';
import { quiet } from '../../client';
import { CloudflareAccount } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Steps } from '../../constants';
import { oneLine } from '../../util/oneLine';
import { runStep, StepContext } from '../common/StepRun';
import { createAccountEntity } from './converter';

/** Job-state key: configured account ids that could not be read. */
export const UNREADABLE_ACCOUNT_IDS = 'accounts:unreadable';

export async function fetchAccounts(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const convert = (account: CloudflareAccount) => ({ entities: [createAccountEntity(account)] });
    const configured = run.settings.accountIds;
    if (configured.length === 0) {
      await run.collect<CloudflareAccount>({
        endpoint: 'accounts',
        params: {},
        scope: 'the token',
        what: 'accounts',
        describe: (account) => `account ${account?.id}`,
        convert,
      });
      return;
    }

    // ACCOUNT_IDS limits collection (and is required for account-owned
    // tokens, which cannot list accounts). An id that cannot be read fails
    // only itself: the other accounts are collected in full, and
    // check-account-ids reports the account type partial.
    const unreadable: Array<{ id: string; error: Error }> = [];
    const tally = run.tally('accounts');
    await Promise.all(
      configured.map(async (accountId) => {
        try {
          const account = await run.client.get<CloudflareAccount>('account', { accountId });
          tally.added += (await run.add(convert(account).entities)) === 0 ? 1 : 0;
        } catch (err) {
          unreadable.push({ id: accountId, error: err as Error });
        }
      }),
    );
    if (unreadable.length === configured.length) {
      // Nothing to collect is an error, not an empty graph.
      const [first] = unreadable;
      throw quiet(
        new IntegrationProviderAPIError({
          endpoint: `GET /accounts/${first.id}`,
          status: (first.error as { status?: number }).status ?? 'unknown',
          statusText: oneLine(
            `None of the accounts in ACCOUNT_IDS could be read (${configured.join(', ')}). First failure: ${first.error.message}`,
          ),
          cause: first.error,
        }),
      );
    }
    for (const { id, error } of unreadable) {
      run.logger.warn(
        { accountId: id },
        oneLine(`Account ${id} from ACCOUNT_IDS could not be read; collecting the others. ${error.message}`),
      );
    }
    await run.jobState.setData(
      UNREADABLE_ACCOUNT_IDS,
      unreadable.map((u) => u.id),
    );
  });
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
