import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { CloudflareRole, CloudflareRolePermissions } from '../../client/types';
import { Entities } from '../../constants';
import { required } from '../common/required';
import { isAdminRoleName, isSuperAdminRoleName } from '../../cloudflare/roles';

/** Role ids repeat across accounts (the catalogue is global): key by account too. */
export function roleKey(accountId: string, roleId: string): string {
  return `${Entities.ACCOUNT_ROLE._type}:${accountId}:${roleId}`;
}

/**
 * A role's granted permissions as `area:flag`, sorted and unique, from either
 * shape: `{zone: {read: true, edit: false}}` and `['#zone:read']` both give
 * `['zone:read']`. Anything else in the list is ignored.
 */
export function flattenPermissions(permissions: CloudflareRolePermissions | null | undefined): string[] {
  const flat = new Set<string>();
  if (Array.isArray(permissions)) {
    for (const entry of permissions) {
      if (typeof entry === 'string' && entry.trim() !== '') flat.add(entry.trim().replace(/^#/, ''));
    }
  } else {
    for (const [area, flags] of Object.entries(permissions ?? {})) {
      for (const [flag, granted] of Object.entries(flags ?? {})) {
        if (granted === true) flat.add(`${area}:${flag}`);
      }
    }
  }
  return [...flat].sort();
}

/** Whether Cloudflare sent any permission data for the role (either shape). */
export function hasPermissionData(permissions: CloudflareRolePermissions | null | undefined): boolean {
  return Array.isArray(permissions) ? permissions.length > 0 : Object.keys(permissions ?? {}).length > 0;
}

/**
 * `listedByRolesEndpoint`: true for roles read from /roles; false for a role
 * seen only on members although /roles was read in full (Super
 * Administrator); undefined (property absent) when /roles could not be read,
 * so nobody can tell.
 */
export function createRoleEntity(
  accountId: string,
  role: CloudflareRole,
  listedByRolesEndpoint: boolean | undefined,
): Entity {
  const permissions = flattenPermissions(role.permissions);
  return createIntegrationEntity({
    entityData: {
      source: role,
      assign: {
        _key: roleKey(accountId, required(role.id, 'id')),
        _type: Entities.ACCOUNT_ROLE._type,
        _class: Entities.ACCOUNT_ROLE._class,
        id: role.id,
        accountId,
        name: role.name,
        displayName: role.name,
        description: role.description ?? undefined,
        permissions,
        privilegeNames: permissions,
        admin: isAdminRoleName(role.name),
        superAdmin: isSuperAdminRoleName(role.name),
        listedByRolesEndpoint,
      },
    },
  });
}
