import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { CloudflareMember } from '../../client/types';
import { Entities } from '../../constants';
import { userEmailProperties } from '../../util/email';
import { required } from '../common/required';
import { isAdminRoleName, isSuperAdminRoleName } from '../../cloudflare/roles';
import { LoginActivity, memberActivityProperties } from '../activity/summaries';
import { memberPolicyAccess, memberPolicyProperties } from './policies';

export function memberKey(membershipId: string): string {
  return `${Entities.ACCOUNT_MEMBER._type}:${membershipId}`;
}

/** The member's address as Cloudflare gave it (the user's, or the invite's for a pending member). */
export function memberEmail(member: CloudflareMember): string | undefined {
  return member.user?.email ?? member.email ?? undefined;
}

/** `activity`: the account's logins from fetch-activity, when its audit log was read. */
export function createMemberEntity(accountId: string, member: CloudflareMember, activity?: LoginActivity): Entity {
  const user = member.user ?? {};
  // Lower-cased so JupiterOne maps members to employees whatever the case Cloudflare kept;
  // an internationalised address is kept, never a reason to drop the member.
  const { email, username, emailOriginal } = userEmailProperties(memberEmail(member));
  const firstName = user.first_name ?? undefined;
  const lastName = user.last_name ?? undefined;
  // Pending invites have no names yet: fall back to the email, then the id.
  const fullName = [firstName, lastName].filter(Boolean).join(' ');
  const name = fullName || username || member.id;
  const roleNames = (member.roles ?? []).map((role) => role.name);
  const status = member.status ?? undefined;
  return createIntegrationEntity({
    entityData: {
      source: member,
      assign: {
        _key: memberKey(required(member.id, 'id')),
        _type: Entities.ACCOUNT_MEMBER._type,
        _class: Entities.ACCOUNT_MEMBER._class,
        id: member.id,
        userId: user.id ?? undefined,
        accountId,
        email,
        username,
        emailOriginal,
        name,
        displayName: name,
        firstName,
        lastName,
        // Unknown stays unknown: without the user object (or its flag) the
        // property is left out rather than claimed false.
        mfaEnabled:
          typeof user.two_factor_authentication_enabled === 'boolean'
            ? user.two_factor_authentication_enabled
            : undefined,
        status,
        // Only an accepted membership grants access; invites do not yet.
        active: status === 'accepted',
        admin: roleNames.some(isAdminRoleName),
        superAdmin: roleNames.some(isSuperAdminRoleName),
        roles: roleNames,
        ...memberPolicyProperties(memberPolicyAccess(accountId, member), member.policies?.length),
        ...memberActivityProperties(activity, user.id ?? undefined, username),
      },
    },
  });
}
