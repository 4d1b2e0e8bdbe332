/**
 * A member's policies (Cloudflare's newer permission model) as the
 * enforcement commands need them: one line each, and whether a policy only
 * mirrors one of the member's roles. Cloudflare's member PUT takes roles or
 * policies, never both, so a role change must not silently drop the rest.
 * Shapes vary (resource_groups[].scope is an object in current answers and
 * an array in older ones): anything unreadable is described, never dropped.
 */
import type { Member, Role } from './plan';

const ACCOUNT_KEY = 'com.cloudflare.api.account.';
const ZONE_KEY = 'com.cloudflare.api.account.zone.';

interface Scope {
  key?: unknown;
  objects?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function policiesOf(member: Member): unknown[] {
  return list(member.policies);
}

function groupNames(policy: Record<string, unknown>): string[] {
  return list(policy.permission_groups).map((g) => {
    const group = asRecord(g);
    const name = group?.name ?? group?.id;
    return typeof name === 'string' ? name : '(unnamed permission group)';
  });
}

function scopesOf(policy: Record<string, unknown>): Scope[] {
  return list(policy.resource_groups).flatMap((rg) => {
    const scope = asRecord(rg)?.scope;
    return (Array.isArray(scope) ? scope : [scope]).map((s) => asRecord(s) ?? {});
  });
}

function objectKeys(scope: Scope): string[] {
  return list(scope.objects).map((o) => {
    const key = asRecord(o)?.key;
    return typeof key === 'string' ? key : '?';
  });
}

/** True when every resource group is this whole account (`objects: [{key: "*"}]`). */
function isAccountWide(policy: Record<string, unknown>, accountId: string): boolean {
  const scopes = scopesOf(policy);
  return (
    scopes.length > 0 &&
    scopes.every((s) => s.key === `${ACCOUNT_KEY}${accountId}` && objectKeys(s).every((k) => k === '*'))
  );
}

function describeScope(policy: Record<string, unknown>, accountId: string): string {
  if (isAccountWide(policy, accountId)) return 'the account';
  const keys = scopesOf(policy).flatMap((s) => {
    const objects = objectKeys(s);
    return objects.length > 0 && !objects.every((k) => k === '*') ? objects : [typeof s.key === 'string' ? s.key : '?'];
  });
  if (keys.length === 0) return '(no resources named)';
  const zones = keys.filter((k) => k.startsWith(ZONE_KEY)).map((k) => k.slice(ZONE_KEY.length));
  const others = keys.filter((k) => !k.startsWith(ZONE_KEY));
  return [
    ...(zones.length > 0 ? [`${zones.length === 1 ? 'zone' : 'zones'} ${zones.join(', ')}`] : []),
    ...others,
  ].join(', ');
}

/** One line: `allow "Domain DNS" on zones <id>, <id>`. */
export function describePolicy(policy: unknown, accountId: string): string {
  const p = asRecord(policy);
  if (!p) return `(unreadable policy: ${JSON.stringify(policy)})`;
  const access = typeof p.access === 'string' ? p.access : 'allow';
  const groups = groupNames(p);
  const what = groups.length > 0 ? groups.map((g) => `"${g}"`).join(', ') : '(no permission groups)';
  return `${access} ${what} on ${describeScope(p, accountId)}`;
}

/**
 * A policy Cloudflare keeps in step with a role: allow, account-wide, and
 * granting only permission groups named like roles in `roles`.
 */
export function mirrorsRole(policy: unknown, roles: readonly Role[], accountId: string): boolean {
  const p = asRecord(policy);
  if (!p || (p.access !== undefined && p.access !== 'allow')) return false;
  const groups = groupNames(p);
  const names = new Set(roles.map((r) => r.name));
  return groups.length > 0 && groups.every((g) => names.has(g)) && isAccountWide(p, accountId);
}

/** The member's policies that do not merely mirror one of its roles: what a role PUT would put at risk. */
export function ownPolicies(member: Member, roles: readonly Role[], accountId: string): unknown[] {
  return policiesOf(member).filter((p) => !mirrorsRole(p, roles, accountId));
}

export function describePolicies(policies: readonly unknown[], accountId: string): string[] {
  return policies.map((p) => describePolicy(p, accountId));
}

export function policyList(lines: readonly string[]): string {
  return lines.length === 0 ? '(none)' : lines.join('; ');
}
