import { CloudflareMember, CloudflareMemberPolicy, CloudflareResourceScope, CloudflareRole } from '../../client/types';
import { isEditPermissionGroup, permissionsEdit } from '../../cloudflare/roles';
import { flattenPermissions, hasPermissionData } from '../account-roles/converter';

/** Resource keys of Cloudflare's permission model (docs/cloudflare-facts.md#members, #api-tokens). */
export const ACCOUNT_RESOURCE_PREFIX = 'com.cloudflare.api.account.';
export const ZONE_RESOURCE_PREFIX = 'com.cloudflare.api.account.zone.';

/** A role edits when any of its permissions (either shape) says edit/write; without any, by its name. */
export function isEditRole(role: CloudflareRole): boolean {
  if (!hasPermissionData(role.permissions)) return isEditPermissionGroup(role.name);
  return permissionsEdit(flattenPermissions(role.permissions));
}

/**
 * Whether a policy's permission group edits: a group named like a role of the
 * account's catalogue goes by that role's flags — exactly (Cloudflare mirrors
 * legacy roles into policies, e.g. "DNS") or as its domain-scoped form
 * ("Domain DNS", "Domain Administrator Read Only"); anything else by name.
 */
export type GroupEdits = (name: string) => boolean;

export function groupEditsFrom(catalogue: ReadonlyMap<string, boolean>): GroupEdits {
  return (name) => catalogue.get(name) ?? catalogue.get(name.replace(/^Domain /, '')) ?? isEditPermissionGroup(name);
}

/** What one member holds on one resource (the account or a zone), merged across policies. */
export interface Grant {
  allowed: string[];
  denied: string[];
}

/** A member's policies, by resource. */
export interface MemberPolicyAccess {
  /** Account-wide grants on the member's own account; undefined when no policy is account-wide. */
  account?: Grant;
  /** Zone id → grants. */
  zones: Map<string, Grant>;
  /** Permission group names of allow / deny policies, any scope, first-seen order. */
  allowedGroups: string[];
  deniedGroups: string[];
  /** Resource keys we do not model (another account, unknown kinds): ignored, counted. */
  ignored: string[];
}

type Target = { kind: 'account' } | { kind: 'zone'; zoneId: string } | { kind: 'ignored'; key: string };

/** Appends values not yet in the list (names keep their first-seen order). */
export function addUnique(list: string[], values: Iterable<string>): void {
  for (const value of values) if (!list.includes(value)) list.push(value);
}

function scopesOf(scope: CloudflareResourceScope | CloudflareResourceScope[] | null | undefined) {
  if (!scope) return [];
  return (Array.isArray(scope) ? scope : [scope]).filter((s): s is CloudflareResourceScope => !!s);
}

/**
 * A resource group's scope to targets. `com.cloudflare.api.account.<id>` with
 * objects `*` (or the account key itself, or none) is the whole account;
 * objects `com.cloudflare.api.account.zone.<zid>` are those zones. A scope
 * naming another account is ignored: members are listed per account.
 */
export function scopeTargets(
  accountId: string,
  scope: CloudflareResourceScope | CloudflareResourceScope[] | null | undefined,
): Target[] {
  const ownKey = `${ACCOUNT_RESOURCE_PREFIX}${accountId}`;
  const zoneTarget = (key: string): Target => {
    const zoneId = key.slice(ZONE_RESOURCE_PREFIX.length);
    // zone.* is every zone of the account: as wide as the account for zone permissions.
    if (zoneId === '*') return { kind: 'account' };
    return zoneId ? { kind: 'zone', zoneId } : { kind: 'ignored', key };
  };
  const targets: Target[] = [];
  for (const { key, objects } of scopesOf(scope)) {
    if (!key) continue;
    if (key.startsWith(ZONE_RESOURCE_PREFIX)) {
      targets.push(zoneTarget(key));
      continue;
    }
    if (key !== ownKey) {
      targets.push({ kind: 'ignored', key });
      continue;
    }
    const objectKeys = (objects ?? []).map((o) => o?.key).filter((k): k is string => !!k);
    if (objectKeys.length === 0) targets.push({ kind: 'account' });
    for (const objectKey of objectKeys) {
      if (objectKey === '*' || objectKey === ownKey) targets.push({ kind: 'account' });
      else if (objectKey.startsWith(ZONE_RESOURCE_PREFIX)) targets.push(zoneTarget(objectKey));
      else targets.push({ kind: 'ignored', key: objectKey });
    }
  }
  return targets;
}

function groupNames(policy: CloudflareMemberPolicy): string[] {
  const names: string[] = [];
  addUnique(
    names,
    (policy.permission_groups ?? []).map((g) => g?.name ?? g?.id ?? '').filter((n): n is string => n !== ''),
  );
  return names;
}

/** Folds a member's policies into grants per resource; undefined when the member has no `policies` field. */
export function memberPolicyAccess(accountId: string, member: CloudflareMember): MemberPolicyAccess | undefined {
  if (!Array.isArray(member.policies)) return undefined;
  const access: MemberPolicyAccess = { zones: new Map(), allowedGroups: [], deniedGroups: [], ignored: [] };
  for (const policy of member.policies) {
    if (!policy) continue;
    const names = groupNames(policy);
    // Anything but an explicit deny allows: Cloudflare's default access is allow.
    const deny = policy.access === 'deny';
    addUnique(deny ? access.deniedGroups : access.allowedGroups, names);
    for (const group of policy.resource_groups ?? []) {
      for (const target of scopeTargets(accountId, group?.scope)) {
        if (target.kind === 'ignored') {
          addUnique(access.ignored, [target.key]);
          continue;
        }
        let grant: Grant | undefined;
        if (target.kind === 'account') grant = access.account ??= { allowed: [], denied: [] };
        else {
          grant = access.zones.get(target.zoneId);
          if (!grant) access.zones.set(target.zoneId, (grant = { allowed: [], denied: [] }));
        }
        addUnique(deny ? grant.denied : grant.allowed, names);
      }
    }
  }
  return access;
}

/** Entity properties from a member's policies; all absent when the API sent no `policies`. */
export function memberPolicyProperties(access: MemberPolicyAccess | undefined, policyCount: number | undefined) {
  if (!access) return {};
  return {
    permissionGroups: access.allowedGroups,
    deniedPermissionGroups: access.deniedGroups.length > 0 ? access.deniedGroups : undefined,
    policyCount,
    // Any policy bound to zones (the member's access is not account-wide only).
    resourceScopedAccess: access.zones.size > 0,
  };
}
