import {
  IntegrationStep,
  IntegrationStepExecutionContext,
  Relationship,
} from '@jupiterone/integration-sdk-core';
import { getCloudflareClient } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { forEachCollectedAccount } from '../../util/accounts';
import { addNewEntities, addNewRelationships } from '../../util/addNew';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
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

export async function fetchAccountRoles(context: IntegrationStepExecutionContext<IntegrationConfig>): Promise<void> {
  const { jobState, logger } = context;
  const client = getCloudflareClient(context);
  await forEachCollectedAccount(context, 'roles', async (accountId) => {
    let added = 0;
    let repeated = 0;
    await client.iterateRoles(accountId, async (roles) => {
      const entities = roles.map((role) => createRoleEntity(accountId, role, true));
      const skipped = await addNewEntities(jobState, entities);
      await addNewRelationships(jobState, entities.map((e) => accountHasRole(accountId, e._key)));
      added += roles.length - skipped;
      repeated += skipped;
    });
    await jobState.setData(rolesListedDataKey(accountId), true);
    logger.info({ accountId, roles: added, repeated }, `Collected ${added} roles for account ${accountId}`);
  });
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
