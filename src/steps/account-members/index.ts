import { Entity, IntegrationStep, Relationship } from '@jupiterone/integration-sdk-core';
import { CloudflareMember } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { describeEmailOddities, EmailOddity, userEmailProperties } from '../../util/email';
import { oneLine } from '../../util/oneLine';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { accountHasRole, rolesListedDataKey } from '../account-roles';
import { isEditPermissionGroup, permissionsEdit } from '../../cloudflare/roles';
import { createRoleEntity, roleKey } from '../account-roles/converter';
import { loginActivity } from '../activity/summaries';
import { runStep, StepContext, StepRun } from '../common/StepRun';
import { createMemberEntity, memberEmail, memberKey } from './converter';
import { memberAllowsAccount, MemberZoneGrant, memberZoneGrants, memberZoneGrantsKey } from './grants';
import { addUnique, groupEditsFrom, memberPolicyAccess } from './policies';

/**
 * Role name → whether it edits, per account, from the roles fetch-account-roles
 * collected: a policy group named like a catalogue role is judged by its flags.
 */
async function roleCatalogues(run: StepRun): Promise<Map<string, Map<string, boolean>>> {
  const byAccount = new Map<string, Map<string, boolean>>();
  await run.jobState.iterateEntities({ _type: Entities.ACCOUNT_ROLE._type }, (role) => {
    const accountId = String(role.accountId);
    const permissions = (role.permissions as string[] | undefined) ?? [];
    const edits = permissions.length > 0 ? permissionsEdit(permissions) : isEditPermissionGroup(String(role.name));
    if (!byAccount.has(accountId)) byAccount.set(accountId, new Map());
    byAccount.get(accountId)!.set(String(role.name), edits);
  });
  return byAccount;
}

export async function fetchAccountMembers(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const catalogues = await roleCatalogues(run);
    await run.forEachAccount('members', async (accountId) => {
      const rolesListed = (await run.jobState.getData<boolean>(rolesListedDataKey(accountId))) === true;
      const logins = await loginActivity(run.jobState, accountId);
      const groupEdits = groupEditsFrom(catalogues.get(accountId) ?? new Map());
      const zoneGrants: MemberZoneGrant[] = [];
      const ignoredScopes: string[] = [];
      // Roles members hold that /roles did not give us (Super Administrator is
      // the known case): built from the member's embedded role, so no ASSIGNED
      // edge is ever dropped.
      const builtRoles = new Map<string, string>();
      const unknownMfa: string[] = [];
      const oddEmails = new Map<EmailOddity, string[]>();
      await run.collect<CloudflareMember>({
        endpoint: 'members',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'members',
        describe: (member) => `member ${member?.id}`,
        convert: (member) => {
          const entities: Entity[] = [createMemberEntity(accountId, member, logins)];
          const relationships: Relationship[] = [
            relationshipBetween(Relationships.ACCOUNT_HAS_MEMBER, accountKey(accountId), memberKey(member.id)),
          ];
          if (!member.user) unknownMfa.push(member.id);
          const oddity = userEmailProperties(memberEmail(member)).oddity;
          if (oddity) oddEmails.set(oddity, [...(oddEmails.get(oddity) ?? []), member.id]);
          const access = memberPolicyAccess(accountId, member);
          const allowsAccount = memberAllowsAccount(accountId, member, access, groupEdits);
          if (allowsAccount) relationships.push(allowsAccount);
          zoneGrants.push(...memberZoneGrants(member, access, groupEdits));
          addUnique(ignoredScopes, access?.ignored ?? []);
          for (const role of member.roles ?? []) {
            const key = roleKey(accountId, role.id);
            if (!builtRoles.has(key) && run.jobState.hasKey(key) !== true) {
              builtRoles.set(key, role.name);
              // false only if /roles was read in full; otherwise nobody can tell.
              entities.push(createRoleEntity(accountId, role, rolesListed ? false : undefined));
              relationships.push(accountHasRole(accountId, key));
            }
            relationships.push(relationshipBetween(Relationships.MEMBER_ASSIGNED_ROLE, memberKey(member.id), key));
          }
          return { entities, relationships };
        },
      });
      // A member repeated across pages gives the same grants twice: keep one.
      const unique = new Map(zoneGrants.map((g) => [`${g.memberKey}|${g.zoneId}`, g]));
      await run.jobState.setData(memberZoneGrantsKey(accountId), [...unique.values()]);
      if (ignoredScopes.length > 0) {
        run.logger.info(
          { accountId },
          oneLine(
            `Member policies of account ${accountId} name resources that are neither this account nor its zones ` +
              `(${ignoredScopes.length}: ${ignoredScopes.slice(0, 5).join(', ')}${ignoredScopes.length > 5 ? ', …' : ''}); ` +
              'no edge is made for them.',
          ),
        );
      }
      if (builtRoles.size > 0) {
        const names = [...builtRoles.values()].map((name) => `"${name}"`).join(', ');
        run.logger.info(
          rolesListed
            ? `Roles held by members of account ${accountId} but not listed by /roles, built from the members' roles: ${names}`
            : `/roles of account ${accountId} was not read in full, so roles held by its members were built from the members' roles: ${names}`,
        );
      }
      for (const line of describeEmailOddities(oddEmails, `members of account ${accountId}`)) {
        run.logger.info({ accountId }, line);
      }
      if (unknownMfa.length > 0) {
        run.logger.warn(
          oneLine(
            `${unknownMfa.length} members of account ${accountId} came without their user (${unknownMfa.slice(0, 5).join(', ')}` +
              `${unknownMfa.length > 5 ? ', …' : ''}): their 2FA state is unknown and left out (mfaEnabled absent), not reported as off.`,
          ),
        );
      }
    });
  });
}

export const accountMemberSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT_MEMBERS,
    name: 'Fetch Account Members',
    entities: [Entities.ACCOUNT_MEMBER, Entities.ACCOUNT_ROLE],
    relationships: [
      Relationships.ACCOUNT_HAS_MEMBER,
      Relationships.MEMBER_ASSIGNED_ROLE,
      Relationships.ACCOUNT_HAS_ROLE,
      Relationships.MEMBER_ALLOWS_ACCOUNT,
    ],
    // fetch-activity first: the members carry the logins it read (see steps/activity).
    dependsOn: [Steps.ACCOUNTS, Steps.ACCOUNT_ROLES, Steps.ACTIVITY],
    executionHandler: fetchAccountMembers,
  },
];
