import {
  Entity,
  IntegrationStep,
  IntegrationStepExecutionContext,
  Relationship,
} from '@jupiterone/integration-sdk-core';
import { getCloudflareClient } from '../../client';
import { CloudflareMember } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { forEachCollectedAccount } from '../../util/accounts';
import { addNewEntities, addNewRelationships } from '../../util/addNew';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { accountHasRole, rolesListedDataKey } from '../account-roles';
import { createRoleEntity, roleKey } from '../account-roles/converter';
import { createMemberEntity, memberKey } from './converter';

/**
 * Graph objects for one page of members. A role a member holds but `/roles`
 * did not list (Super Administrator is the known case) is built from the
 * member's embedded role, so no ASSIGNED edge is ever dropped. Whether it is
 * "not listed" is known only if `/roles` of the account was read in full
 * (`rolesListed`); otherwise `listedByRolesEndpoint` is left out.
 */
function convertMembers(
  jobState: IntegrationStepExecutionContext['jobState'],
  accountId: string,
  members: CloudflareMember[],
  rolesListed: boolean,
): { entities: Entity[]; relationships: Relationship[]; unlistedRoles: string[] } {
  const entities: Entity[] = [];
  const relationships: Relationship[] = [];
  const unlistedRoles: string[] = [];
  for (const member of members) {
    entities.push(createMemberEntity(accountId, member));
    relationships.push(relationshipBetween(Relationships.ACCOUNT_HAS_MEMBER, accountKey(accountId), memberKey(member.id)));
    for (const role of member.roles ?? []) {
      const key = roleKey(accountId, role.id);
      if (jobState.hasKey(key) !== true && !entities.some((e) => e._key === key)) {
        entities.push(createRoleEntity(accountId, role, rolesListed ? false : undefined));
        relationships.push(accountHasRole(accountId, key));
        unlistedRoles.push(role.name);
      }
      relationships.push(relationshipBetween(Relationships.MEMBER_ASSIGNED_ROLE, memberKey(member.id), key));
    }
  }
  return { entities, relationships, unlistedRoles };
}

export async function fetchAccountMembers(context: IntegrationStepExecutionContext<IntegrationConfig>): Promise<void> {
  const { jobState, logger } = context;
  const client = getCloudflareClient(context);
  await forEachCollectedAccount(context, 'members', async (accountId) => {
    let added = 0;
    let repeated = 0;
    const rolesListed = (await jobState.getData<boolean>(rolesListedDataKey(accountId))) === true;
    await client.iterateMembers(accountId, async (members) => {
      const { entities, relationships, unlistedRoles } = convertMembers(jobState, accountId, members, rolesListed);
      const skipped = await addNewEntities(jobState, entities);
      await addNewRelationships(jobState, relationships);
      added += members.length - skipped; // unlisted roles are new by construction
      repeated += skipped;
      for (const name of unlistedRoles) {
        logger.info(
          { accountId, role: name },
          rolesListed
            ? `Role "${name}" is held by a member of account ${accountId} but not listed by /roles; built it from the member's role`
            : `Role "${name}" is held by a member of account ${accountId}; /roles of that account was not read in full, so built it from the member's role`,
        );
      }
    });
    if (repeated > 0) {
      logger.info({ accountId, repeated }, `Skipped ${repeated} members of account ${accountId} repeated across pages`);
    }
    logger.info({ accountId, members: added }, `Collected ${added} members for account ${accountId}`);
  });
}

export const accountMemberSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT_MEMBERS,
    name: 'Fetch Account Members',
    entities: [Entities.ACCOUNT_MEMBER, Entities.ACCOUNT_ROLE],
    relationships: [Relationships.ACCOUNT_HAS_MEMBER, Relationships.MEMBER_ASSIGNED_ROLE, Relationships.ACCOUNT_HAS_ROLE],
    dependsOn: [Steps.ACCOUNTS, Steps.ACCOUNT_ROLES],
    executionHandler: fetchAccountMembers,
  },
];
