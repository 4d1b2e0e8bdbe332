import { IntegrationStep, Relationship } from '@jupiterone/integration-sdk-core';
import { CloudflareRole } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { runStep, StepContext } from '../shared/StepRun';
import { createRoleEntity } from './converter';

export function accountHasRole(accountId: string, roleEntityKey: string): Relationship {
  return relationshipBetween(Relationships.ACCOUNT_HAS_ROLE, accountKey(accountId), roleEntityKey);
}

/**
 * Job-state data key set once /roles of an account has been read to the end.
 * Only then can fetch-account-members say a role is *not* listed there; after
 * a failed or partial read it cannot tell.
 */
export function rolesListedDataKey(accountId: string): string {
  return `roles-listed:${accountId}`;
}

export async function fetchAccountRoles(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccount('roles', async (accountId) => {
      const listing = await run.collect<CloudflareRole>({
        endpoint: 'roles',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'roles',
        describe: (role) => `role ${role?.id}`,
        convert: (role) => {
          const entity = createRoleEntity(accountId, role, true);
          return { entities: [entity], relationships: [accountHasRole(accountId, entity._key)] };
        },
      });
      if (listing.complete) await run.jobState.setData(rolesListedDataKey(accountId), true);
    }),
  );
}

export const accountRoleSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT_ROLES,
    name: 'Fetch Account Roles',
    entities: [Entities.ACCOUNT_ROLE],
    relationships: [Relationships.ACCOUNT_HAS_ROLE],
    dependsOn: [Steps.ACCOUNTS],
    executionHandler: fetchAccountRoles,
  },
];
