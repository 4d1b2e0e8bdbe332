/**
 * API tokens as GET /accounts/{id}/tokens and GET /user/tokens list them
 * (docs/cloudflare-facts.md#api-tokens), and member `policies`
 * (docs/cloudflare-facts.md#members). Both name permission
 * groups with Cloudflare-style ids and resource keys.
 */
import type { SimApiToken, SimMemberPolicy, SimTokenResources, SimTokenStatus } from '../types';
import { hexId } from './random';

/** Permission groups have the same id everywhere; derived from the name here. */
export function permissionGroup(name: string): { id: string; name: string } {
  return { id: hexId('permission-group', name), name };
}

export const accountResource = (accountId: string) => `com.cloudflare.api.account.${accountId}`;
export const zoneResource = (zoneId: string) => `com.cloudflare.api.account.zone.${zoneId}`;
export const userResource = (userId: string) => `com.cloudflare.api.user.${userId}`;
export const ALL_ZONES_RESOURCE = 'com.cloudflare.api.account.zone.*';

export interface TokenPolicySpec {
  effect: 'allow' | 'deny';
  groups: string[];
  resources: SimTokenResources;
}

export interface TokenSpec {
  id: string;
  name: string;
  status: SimTokenStatus;
  issuedOn: string;
  modifiedOn?: string;
  lastUsedOn: string | null;
  notBefore?: string | null;
  expiresOn?: string | null;
  ipIn?: string[];
  ipNotIn?: string[];
  policies: TokenPolicySpec[];
  /** Account-owned tokens name how they were provisioned (never who created them). */
  provisioned?: boolean;
}

export function buildApiToken(s: TokenSpec): SimApiToken {
  const token: SimApiToken = {
    id: s.id,
    name: s.name,
    status: s.status,
    issued_on: s.issuedOn,
    modified_on: s.modifiedOn ?? s.issuedOn,
    last_used_on: s.lastUsedOn,
    not_before: s.notBefore ?? null,
    expires_on: s.expiresOn ?? null,
    policies: s.policies.map((p, i) => ({
      id: hexId('token-policy', s.id, i),
      effect: p.effect,
      permission_groups: p.groups.map(permissionGroup),
      resources: p.resources,
    })),
  };
  if (s.ipIn || s.ipNotIn) {
    token.condition = { request_ip: { ...(s.ipIn && { in: s.ipIn }), ...(s.ipNotIn && { not_in: s.ipNotIn }) } };
  }
  if (s.provisioned) token.provisioner_type = 'user';
  return token;
}

export interface MemberPolicySpec {
  id: string;
  access: 'allow' | 'deny';
  /** Permission group names, e.g. 'Domain DNS' or the name of a mirrored legacy role. */
  groups: string[];
  accountId: string;
  /** Zone ids the policy is limited to; absent = the whole account. */
  zoneIds?: string[];
}

/** A member policy: permission groups bound to one resource group (account-wide or some zones). */
export function buildMemberPolicy(s: MemberPolicySpec): SimMemberPolicy {
  const objects = s.zoneIds ? s.zoneIds.map((z) => ({ key: zoneResource(z) })) : [{ key: '*' }];
  return {
    id: s.id,
    access: s.access,
    permission_groups: s.groups.map((name) => ({
      ...permissionGroup(name),
      meta: {
        label: name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
        scopes: s.zoneIds ? 'com.cloudflare.api.account.zone' : 'com.cloudflare.api.account',
      },
    })),
    resource_groups: [
      {
        id: hexId('resource-group', s.id),
        name: s.zoneIds ? `${s.zoneIds.length} zone(s)` : 'Account',
        scope: { key: accountResource(s.accountId), objects },
        meta: { editable: 'false' },
      },
    ],
  };
}
