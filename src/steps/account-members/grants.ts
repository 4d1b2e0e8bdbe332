import { Relationship } from '@jupiterone/integration-sdk-core';
import { CloudflareMember, CloudflareRole } from '../../client/types';
import { Relationships } from '../../constants';
import { relationshipWith } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { memberKey } from './converter';
import { isEditPermissionGroup } from '../../cloudflare/roles';
import { addUnique, Grant, GroupEdits, isEditRole, MemberPolicyAccess } from './policies';

/** Edge properties every member ALLOWS edge carries. Lists are joined: edge values are scalars. */
export interface AllowsProperties extends Record<string, string | boolean | undefined> {
  /** Roles and allowed policy groups, each name once; absent when only denies are held. */
  permissionGroups?: string;
  roles?: string;
  grantedBy: string;
  /**
   * Deny handling: ONE edge per (member, resource). `access` is 'allow' when
   * anything is allowed there (deny policies then listed in
   * deniedPermissionGroups, and removed from what canEdit considers), and
   * 'deny' when the member only holds deny policies there. One edge keeps
   * "who can change zone X" a single traversal, filtered on access/canEdit.
   */
  access: 'allow' | 'deny';
  deniedPermissionGroups?: string;
  canEdit: boolean;
  memberStatus?: string;
}

function joined(list: string[]): string | undefined {
  return list.length > 0 ? list.join(', ') : undefined;
}

/**
 * Properties of a member's grant on one resource. Roles count only on the
 * account. A policy group named like a role the member holds (Cloudflare
 * mirrors legacy roles into policies) is the same grant: listed once.
 */
export function allowsProperties(
  roles: CloudflareRole[],
  grant: Grant | undefined,
  memberStatus: string | undefined,
  groupEdits: GroupEdits = isEditPermissionGroup,
): AllowsProperties | undefined {
  const allowed = grant?.allowed ?? [];
  const denied = grant?.denied ?? [];
  if (roles.length === 0 && allowed.length === 0 && denied.length === 0) return undefined;
  const roleNames = roles.map((r) => r.name);
  const groups: string[] = [];
  addUnique(groups, roleNames);
  addUnique(groups, allowed);
  const grantedBy = [roles.length > 0 ? 'role' : '', allowed.length + denied.length > 0 ? 'policy' : '']
    .filter(Boolean)
    .join(', ');
  const effectiveRoles = roles.filter((r) => !denied.includes(r.name));
  const effectiveGroups = allowed.filter((n) => !denied.includes(n) && !roleNames.includes(n));
  return {
    permissionGroups: joined(groups),
    roles: joined(roleNames),
    grantedBy,
    access: groups.length > 0 ? 'allow' : 'deny',
    deniedPermissionGroups: joined(denied),
    canEdit: effectiveRoles.some(isEditRole) || effectiveGroups.some(groupEdits),
    memberStatus,
  };
}

/** The one edge from a member to its account: roles and account-wide policies together. */
export function memberAllowsAccount(
  accountId: string,
  member: CloudflareMember,
  access: MemberPolicyAccess | undefined,
  groupEdits: GroupEdits = isEditPermissionGroup,
): Relationship | undefined {
  const properties = allowsProperties(member.roles ?? [], access?.account, member.status ?? undefined, groupEdits);
  return properties
    ? relationshipWith(Relationships.MEMBER_ALLOWS_ACCOUNT, memberKey(member.id), accountKey(accountId), properties)
    : undefined;
}

/** A zone-scoped grant, passed from fetch-account-members to build-member-zone-access. */
export interface MemberZoneGrant {
  memberKey: string;
  zoneId: string;
  permissionGroups: string[];
  deniedPermissionGroups: string[];
  /** Judged here, where the account's role catalogue is known. */
  canEdit: boolean;
  memberStatus?: string;
}

export function memberZoneGrants(
  member: CloudflareMember,
  access: MemberPolicyAccess | undefined,
  groupEdits: GroupEdits = isEditPermissionGroup,
): MemberZoneGrant[] {
  return [...(access?.zones ?? [])].map(([zoneId, grant]) => ({
    memberKey: memberKey(member.id),
    zoneId,
    permissionGroups: grant.allowed,
    deniedPermissionGroups: grant.denied,
    canEdit: grant.allowed.some((name) => !grant.denied.includes(name) && groupEdits(name)),
    memberStatus: member.status ?? undefined,
  }));
}

/** The member → zone edge of one zone grant. */
export function memberAllowsZone(grant: MemberZoneGrant, zoneKey: string): Relationship {
  return relationshipWith(Relationships.MEMBER_ALLOWS_ZONE, grant.memberKey, zoneKey, {
    permissionGroups: joined(grant.permissionGroups),
    grantedBy: 'policy',
    access: grant.permissionGroups.length > 0 ? 'allow' : 'deny',
    deniedPermissionGroups: joined(grant.deniedPermissionGroups),
    canEdit: grant.canEdit,
    memberStatus: grant.memberStatus,
  });
}

/** Job-state key of an account's zone grants (small: one entry per member and zone). */
export function memberZoneGrantsKey(accountId: string): string {
  return `member-zone-grants:${accountId}`;
}
