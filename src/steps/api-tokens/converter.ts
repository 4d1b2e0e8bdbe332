import { createIntegrationEntity, Entity, Relationship } from '@jupiterone/integration-sdk-core';
import { Entities, Relationships } from '../../constants';
import { relationshipBetween, relationshipWith } from '../../util/relationships';
import { toEpochMs } from '../../util/time';
import { accountKey } from '../accounts/converter';
import { isEditPermissionGroup } from '../../cloudflare/roles';
import { ACCOUNT_RESOURCE_PREFIX, addUnique, ZONE_RESOURCE_PREFIX } from '../account-members/policies';
import { required } from '../common/required';
import { zoneKey } from '../zones/converter';
import { CloudflareApiToken, CloudflareTokenPolicy } from './types';

export const USER_RESOURCE_PREFIX = 'com.cloudflare.api.user.';

export function apiTokenKey(tokenId: string): string {
  return `${Entities.API_TOKEN._type}:${tokenId}`;
}

export type TokenOwner = { type: 'account'; accountId: string } | { type: 'user' };

export type TokenTarget = { kind: 'account'; accountId: string } | { kind: 'zone'; zoneId: string; accountId?: string };

/** What a token's policies give on one resource with one effect, merged across policies. */
export interface TokenGrant {
  target: TokenTarget;
  effect: 'allow' | 'deny';
  permissionGroups: string[];
  /** Granted through `com.cloudflare.api.account.zone.*`: every zone of the account. */
  allZones: boolean;
}

export interface TokenScope {
  grants: TokenGrant[];
  /** A policy names the user (`com.cloudflare.api.user.<id>`): user-level access, no edge. */
  userScoped: boolean;
  /** Resource keys we do not model; ignored. */
  ignored: string[];
}

function effectOf(policy: CloudflareTokenPolicy): 'allow' | 'deny' {
  return policy.effect === 'deny' ? 'deny' : 'allow';
}

function groupNames(policy: CloudflareTokenPolicy): string[] {
  const names: string[] = [];
  addUnique(
    names,
    (policy.permission_groups ?? []).map((g) => g?.name ?? g?.id ?? '').filter((n): n is string => n !== ''),
  );
  return names;
}

/**
 * A token's policies to grants per (resource, effect). Resource keys (docs/cloudflare-facts.md#api-tokens):
 * - `com.cloudflare.api.account.<id>`: `"*"` is that account; a nested map
 *   names its zones (`…account.zone.<zid>`) or all of them (`…account.zone.*`).
 * - `com.cloudflare.api.account.zone.<zid>`: that zone.
 * - `com.cloudflare.api.account.zone.*` / `com.cloudflare.api.account.*`:
 *   every account the run collected (`accountIds`), the former as allZones.
 * - `com.cloudflare.api.user.<id>`: user-level, no edge (userScoped).
 * Anything else is ignored.
 */
export function tokenScope(token: CloudflareApiToken, accountIds: readonly string[]): TokenScope {
  const merged = new Map<string, TokenGrant>();
  const scope: TokenScope = { grants: [], userScoped: false, ignored: [] };
  const grant = (target: TokenTarget, effect: 'allow' | 'deny', names: string[], allZones = false) => {
    const id = target.kind === 'account' ? `account:${target.accountId}` : `zone:${target.zoneId}`;
    const key = `${id}|${effect}`;
    let existing = merged.get(key);
    if (!existing) merged.set(key, (existing = { target, effect, permissionGroups: [], allZones: false }));
    addUnique(existing.permissionGroups, names);
    existing.allZones ||= allZones;
    if (existing.target.kind === 'zone' && target.kind === 'zone') existing.target.accountId ??= target.accountId;
  };
  const ignore = (key: string) => addUnique(scope.ignored, [key]);

  for (const policy of token.policies ?? []) {
    if (!policy) continue;
    const effect = effectOf(policy);
    const names = groupNames(policy);
    for (const [key, value] of Object.entries(policy.resources ?? {})) {
      if (key.startsWith(USER_RESOURCE_PREFIX)) {
        scope.userScoped = true;
      } else if (key.startsWith(ZONE_RESOURCE_PREFIX)) {
        const zoneId = key.slice(ZONE_RESOURCE_PREFIX.length);
        if (zoneId === '*')
          for (const accountId of accountIds) grant({ kind: 'account', accountId }, effect, names, true);
        else if (zoneId) grant({ kind: 'zone', zoneId }, effect, names);
        else ignore(key);
      } else if (key.startsWith(ACCOUNT_RESOURCE_PREFIX)) {
        const accountId = key.slice(ACCOUNT_RESOURCE_PREFIX.length);
        if (!accountId) ignore(key);
        else if (accountId === '*')
          for (const id of accountIds) grant({ kind: 'account', accountId: id }, effect, names);
        else if (typeof value === 'string') grant({ kind: 'account', accountId }, effect, names);
        else if (value && typeof value === 'object') {
          for (const inner of Object.keys(value as Record<string, unknown>)) {
            const zoneId = inner.startsWith(ZONE_RESOURCE_PREFIX) ? inner.slice(ZONE_RESOURCE_PREFIX.length) : '';
            if (zoneId === '*') grant({ kind: 'account', accountId }, effect, names, true);
            else if (zoneId) grant({ kind: 'zone', zoneId, accountId }, effect, names);
            else ignore(inner);
          }
        } else ignore(key);
      } else {
        ignore(key);
      }
    }
  }
  scope.grants = [...merged.values()];
  return scope;
}

function namesByEffect(token: CloudflareApiToken, effect: 'allow' | 'deny'): string[] {
  const names: string[] = [];
  for (const policy of token.policies ?? [])
    if (policy && effectOf(policy) === effect) addUnique(names, groupNames(policy));
  return names;
}

/**
 * Only the fields we know, copied one by one: the listing never returns the
 * secret, and a field Cloudflare adds later cannot reach the graph unseen.
 */
function knownFields(token: CloudflareApiToken): CloudflareApiToken {
  return {
    id: token.id,
    name: token.name,
    status: token.status,
    issued_on: token.issued_on,
    modified_on: token.modified_on,
    last_used_on: token.last_used_on,
    not_before: token.not_before,
    expires_on: token.expires_on,
    condition: token.condition
      ? { request_ip: { in: token.condition.request_ip?.in, not_in: token.condition.request_ip?.not_in } }
      : token.condition,
    policies: token.policies?.map((p) =>
      p
        ? {
            id: p.id,
            effect: p.effect,
            permission_groups: p.permission_groups?.map((g) => (g ? { id: g.id, name: g.name } : g)),
            resources: p.resources,
          }
        : p,
    ),
  };
}

export function createApiTokenEntity(token: CloudflareApiToken, owner: TokenOwner, scope: TokenScope): Entity {
  const id = required(token.id, 'id');
  const status = token.status ?? undefined;
  const allowed = namesByEffect(token, 'allow');
  const denied = namesByEffect(token, 'deny');
  const source = knownFields(token);
  return createIntegrationEntity({
    entityData: {
      source,
      assign: {
        _key: apiTokenKey(id),
        _type: Entities.API_TOKEN._type,
        _class: Entities.API_TOKEN._class,
        id,
        name: token.name || id,
        displayName: token.name || id,
        status,
        // By status only, so a run's result does not depend on its clock;
        // Cloudflare sets "expired" itself once expires_on has passed.
        active: status === 'active',
        expired: status === 'expired',
        ownerType: owner.type,
        accountId: owner.type === 'account' ? owner.accountId : undefined,
        createdOn: toEpochMs(token.issued_on),
        issuedOn: toEpochMs(token.issued_on),
        modifiedOn: toEpochMs(token.modified_on),
        updatedOn: toEpochMs(token.modified_on),
        expiresOn: toEpochMs(token.expires_on),
        notBefore: toEpochMs(token.not_before),
        lastUsedOn: toEpochMs(token.last_used_on),
        permissionGroups: allowed,
        deniedPermissionGroups: denied.length > 0 ? denied : undefined,
        allowedIps: token.condition?.request_ip?.in ?? undefined,
        deniedIps: token.condition?.request_ip?.not_in ?? undefined,
        policyCount: (token.policies ?? []).length,
        canEdit: allowed.some((name) => !denied.includes(name) && isEditPermissionGroup(name)),
        userScoped: scope.userScoped,
      },
    },
  });
}

function targetKey(target: TokenTarget): string {
  return target.kind === 'account' ? accountKey(target.accountId) : zoneKey(target.zoneId);
}

/** One edge per (token, resource, effect); the effect is in the key so allow and deny on one resource both stay. */
export function tokenAllows(tokenKey: string, grant: TokenGrant): Relationship {
  const toKey = targetKey(grant.target);
  const metadata =
    grant.target.kind === 'account' ? Relationships.API_TOKEN_ALLOWS_ACCOUNT : Relationships.API_TOKEN_ALLOWS_ZONE;
  return relationshipWith(metadata, tokenKey, toKey, {
    _key: `${tokenKey}|${grant.effect}|${toKey}`,
    permissionGroups: grant.permissionGroups.join(', ') || undefined,
    effect: grant.effect,
    // What a deny edge takes away is not an ability to edit.
    canEdit: grant.effect === 'allow' && grant.permissionGroups.some(isEditPermissionGroup),
    allZones: grant.allZones || undefined,
  });
}

export interface TokenGraphContext {
  /** Accounts the run collected (for `*` resource keys). */
  accountIds: readonly string[];
  /** The account of a collected zone. */
  zoneAccount: (zoneId: string) => string | undefined;
  /** Whether the job holds an entity with this key: edges go to collected resources only. */
  isCollected: (key: string) => boolean;
}

export interface TokenGraph {
  entities: Entity[];
  relationships: Relationship[];
  /** Grants naming accounts or zones this run did not collect (no edge). */
  uncollected: number;
}

/**
 * A token, its HAS edge(s) and its ALLOWS edges. An account-owned token
 * belongs to its account; a user-owned one is HAS from every collected
 * account its allow policies reach (directly or through a zone of it), so
 * each account's view shows the user tokens that can act on it.
 */
export function tokenGraph(token: CloudflareApiToken, owner: TokenOwner, context: TokenGraphContext): TokenGraph {
  // An account-owned token cannot reach past its account: its wildcards mean that account only.
  const scope = tokenScope(token, owner.type === 'account' ? [owner.accountId] : context.accountIds);
  const entity = createApiTokenEntity(token, owner, scope);
  const relationships: Relationship[] = [];
  const owners = new Set<string>();
  if (owner.type === 'account') owners.add(owner.accountId);
  let uncollected = 0;
  for (const grant of scope.grants) {
    const key = targetKey(grant.target);
    if (!context.isCollected(key)) {
      uncollected++;
      continue;
    }
    relationships.push(tokenAllows(entity._key, grant));
    if (owner.type === 'user' && grant.effect === 'allow') {
      const accountId =
        grant.target.kind === 'account'
          ? grant.target.accountId
          : (context.zoneAccount(grant.target.zoneId) ?? grant.target.accountId);
      if (accountId) owners.add(accountId);
    }
  }
  const has = [...owners]
    .filter((accountId) => context.isCollected(accountKey(accountId)))
    .map((accountId) => relationshipBetween(Relationships.ACCOUNT_HAS_API_TOKEN, accountKey(accountId), entity._key));
  return { entities: [entity], relationships: [...has, ...relationships], uncollected };
}
