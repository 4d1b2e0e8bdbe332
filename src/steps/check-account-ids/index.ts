import { IntegrationProviderAPIError, IntegrationStep } from '@jupiterone/integration-sdk-core';
import { quiet } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities, Steps } from '../../constants';
import { oneLine } from '../../util/oneLine';
import { UNREADABLE_ACCOUNT_IDS } from '../accounts';
import { StepContext } from '../common/StepRun';

/**
 * Fails, after everything else ran, when an id in ACCOUNT_IDS could not be
 * read. Its one declared type, the account, is then reported partial, and
 * only it: the other accounts' members, zones and records were collected in
 * full (fetch-accounts itself succeeded), so JupiterOne still deletes what
 * has gone away from them.
 */
export async function checkAccountIds(context: StepContext): Promise<void> {
  const unreadable = (await context.jobState.getData<string[]>(UNREADABLE_ACCOUNT_IDS)) ?? [];
  if (unreadable.length > 0) {
    throw quiet(
      new IntegrationProviderAPIError({
        endpoint: `GET /accounts/${unreadable[0]}`,
        status: 'unreadable',
        statusText: oneLine(
          `${unreadable.length === 1 ? 'Account' : 'Accounts'} ${unreadable.join(', ')} in ACCOUNT_IDS could not be read ` +
            '(see the warning of fetch-accounts): remove stale ids from ACCOUNT_IDS, or give the token access. ' +
            'The account type is reported partial so JupiterOne keeps the previous account entities.',
        ),
      }),
    );
  }
}

export const checkAccountIdsSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.CHECK_ACCOUNT_IDS,
    name: 'Check Configured Account IDs',
    // Declared so that this step's failure reports the account type partial.
    entities: [Entities.ACCOUNT],
    relationships: [],
    dependsOn: [Steps.ACCOUNTS],
    executionHandler: checkAccountIds,
  },
];
