/**
 * What an enforcement command would change, worked out from the account's
 * state alone (no I/O): the member and role a user named, the request that
 * makes the change, or why no request is needed or allowed.
 */

/** The fields of a role the commands use (Cloudflare sends more). */
export interface Role {
  id: string;
  name: string;
}

/** The fields of a member the commands use (reference §6.4). */
export interface Member {
  /** The membership id: PUT and DELETE take this, not user.id (§7 item 4). */
  id: string;
  email?: string | null;
  status?: string | null;
  user?: { id?: string | null; email?: string | null } | null;
  roles?: Role[] | null;
  /** Newer permission model; read defensively (shapes vary, §6.4). */
  policies?: unknown;
}

export interface AccountState {
  accountId: string;
  /** Every member of the account, one per membership id. */
  members: Member[];
  /** /roles plus roles held by members (Super Administrator is not listed, §6.5). */
  roles: Role[];
}

export interface PlannedRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Relative to the API base URL. */
  path: string;
  body?: unknown;
}

export type Plan =
  | { kind: 'write'; request: PlannedRequest; summary: string }
  | { kind: 'no-change'; summary: string }
  | { kind: 'refused'; summary: string };

/** A problem with what the user named (unknown member or role, bad format): exit 1, nothing sent. */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

export const CLOUDFLARE_ID = /^[0-9a-f]{32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function memberEmail(member: Member): string | undefined {
  const email = member.email ?? member.user?.email;
  return email ? email.toLowerCase() : undefined;
}

export function describeMember(member: Member): string {
  const email = memberEmail(member);
  return `${email ?? '(no email)'} (member ${member.id}, ${member.status ?? 'status unknown'})`;
}

export function roleNames(roles: readonly Role[]): string {
  return roles.length === 0 ? '(none)' : roles.map((r) => r.name).join(', ');
}

function rolesOf(member: Member): Role[] {
  return (member.roles ?? []).filter((r): r is Role => Boolean(r && typeof r.id === 'string'));
}

/** Cloudflare's owner role is "Super Administrator - All Privileges". */
export function isSuperAdminRole(role: Pick<Role, 'name'>): boolean {
  return typeof role.name === 'string' && role.name.startsWith('Super Administrator');
}

/** An allow policy granting a Super Administrator permission group (newer permission model). */
function hasSuperAdminPolicy(member: Member): boolean {
  if (!Array.isArray(member.policies)) return false;
  return member.policies.some((policy) => {
    if (!policy || typeof policy !== 'object') return false;
    const { access, permission_groups: groups } = policy as { access?: unknown; permission_groups?: unknown };
    if (access !== undefined && access !== null && access !== 'allow') return false;
    return (
      Array.isArray(groups) && groups.some((g) => g && typeof g === 'object' && isSuperAdminRole(g as { name: string }))
    );
  });
}

/**
 * Roles decide for a member that has any: its policies mirror them (and may
 * lag behind a change). Policies decide for a member with policies only.
 */
function isSuperAdmin(member: Member, roles: Role[] = rolesOf(member)): boolean {
  return roles.length > 0 ? roles.some(isSuperAdminRole) : hasSuperAdminPolicy(member);
}

/**
 * Accepted members that are Super Administrators, after `target` (if given)
 * would hold `roles` instead, or be gone (null). A policy that mirrors the
 * Super Administrator role goes with that role.
 */
export function superAdminsAfter(state: AccountState, target?: { id: string; roles: Role[] | null }): Member[] {
  return state.members.filter((member) => {
    if (member.status !== 'accepted') return false;
    if (!target || member.id !== target.id) return isSuperAdmin(member);
    if (target.roles === null) return false;
    const losesRole = rolesOf(member).some(isSuperAdminRole) && !target.roles.some(isSuperAdminRole);
    return !losesRole && isSuperAdmin(member, target.roles);
  });
}

function lastSuperAdminRefusal(state: AccountState, member: Member, roles: Role[] | null): string | undefined {
  const before = superAdminsAfter(state);
  if (!before.some((m) => m.id === member.id)) return undefined;
  if (superAdminsAfter(state, { id: member.id, roles }).length > 0) return undefined;
  const change = roles === null ? 'remove' : 'demote';
  return (
    `refused: ${describeMember(member)} is the last Super Administrator of account ${state.accountId}; ` +
    `Cloudflare accounts need one. Make another member Super Administrator first, then ${change} this one.`
  );
}

/** A member by membership id or email (case-insensitive); undefined when the account has none. */
export function findMember(state: AccountState, ref: string): Member | undefined {
  const wanted = ref.toLowerCase();
  if (CLOUDFLARE_ID.test(wanted)) {
    const member = state.members.find((m) => m.id === wanted);
    if (member) return member;
    // A user id is 32 hex too, and the commonest mix-up (§7 item 4).
    const byUser = state.members.find((m) => m.user?.id === wanted);
    if (byUser) {
      throw new TargetError(
        `${ref} is the user id of ${memberEmail(byUser) ?? 'a member'}, not a membership id; ` +
          `use the membership id ${byUser.id} or the email address`,
      );
    }
    return undefined;
  }
  const matches = state.members.filter((m) => memberEmail(m) === wanted || m.user?.email?.toLowerCase() === wanted);
  if (matches.length > 1) {
    throw new TargetError(
      `${ref} matches ${matches.length} memberships of account ${state.accountId} (${matches
        .map((m) => m.id)
        .join(', ')}); name one by its membership id`,
    );
  }
  return matches[0];
}

export function requireMember(state: AccountState, ref: string): Member {
  const member = findMember(state, ref);
  if (!member) {
    throw new TargetError(
      `no member ${ref} in account ${state.accountId} (${state.members.length} members read); ` +
        'give a membership id (32 hexadecimal characters) or the email address of a member',
    );
  }
  return member;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** Role names near `ref`: same letters in another case, containing it, or a few typos away. */
function closeNames(roles: readonly Role[], ref: string): string[] {
  const wanted = ref.toLowerCase();
  const names = [...new Set(roles.map((r) => r.name))];
  const close = names.filter((name) => {
    const lower = name.toLowerCase();
    return lower.includes(wanted) || wanted.includes(lower) || editDistance(lower, wanted) <= 3;
  });
  return (close.length > 0 ? close : names).sort();
}

/** A role by id or exact name. */
export function resolveRole(state: AccountState, ref: string): Role {
  const trimmed = ref.trim();
  if (CLOUDFLARE_ID.test(trimmed)) {
    const role = state.roles.find((r) => r.id === trimmed);
    if (role) return role;
    throw new TargetError(
      `no role with id ${trimmed} in account ${state.accountId}; roles: ${closeNames(state.roles, '')
        .map((n) => `"${n}"`)
        .join(', ')}`,
    );
  }
  const matches = state.roles.filter((r) => r.name === trimmed);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new TargetError(
      `role name "${trimmed}" is ambiguous in account ${state.accountId}: ${matches
        .map((r) => `${r.name} (${r.id})`)
        .join(', ')}; give the role id`,
    );
  }
  const close = closeNames(state.roles, trimmed);
  throw new TargetError(
    `no role named "${trimmed}" in account ${state.accountId} (names are exact, case included); ` +
      `${close.length === state.roles.length ? 'roles' : 'did you mean'}: ${close.map((n) => `"${n}"`).join(', ')}`,
  );
}

function putRoles(state: AccountState, member: Member, roles: Role[]): PlannedRequest {
  return {
    method: 'PUT',
    path: `/accounts/${state.accountId}/members/${member.id}`,
    // PUT replaces the whole set and takes {id} objects (§6.17).
    body: { roles: roles.map((r) => ({ id: r.id })) },
  };
}

export function planGrant(state: AccountState, member: Member, role: Role): Plan & { after: Role[] } {
  const current = rolesOf(member);
  if (current.some((r) => r.id === role.id)) {
    return {
      kind: 'no-change',
      after: current,
      summary: `no change needed: ${describeMember(member)} already holds "${role.name}"`,
    };
  }
  const after = [...current, role];
  return {
    kind: 'write',
    after,
    request: putRoles(state, member, after),
    summary: `grant "${role.name}" to ${describeMember(member)}: roles ${roleNames(current)} -> ${roleNames(after)}`,
  };
}

export function planRevoke(state: AccountState, member: Member, role: Role): Plan & { after: Role[] } {
  const current = rolesOf(member);
  if (!current.some((r) => r.id === role.id)) {
    return {
      kind: 'no-change',
      after: current,
      summary: `no change needed: ${describeMember(member)} does not hold "${role.name}" (roles: ${roleNames(current)})`,
    };
  }
  const after = current.filter((r) => r.id !== role.id);
  const refusal = lastSuperAdminRefusal(state, member, after);
  if (refusal) return { kind: 'refused', after: current, summary: refusal };
  const hasPolicies = Array.isArray(member.policies) && member.policies.length > 0;
  if (after.length === 0 && !hasPolicies) {
    return {
      kind: 'refused',
      after: current,
      summary:
        `refused: "${role.name}" is the only role of ${describeMember(member)}; a member needs at least one role. ` +
        'Grant another role first, or use remove-member to take away all access.',
    };
  }
  return {
    kind: 'write',
    after,
    request: putRoles(state, member, after),
    summary: `revoke "${role.name}" from ${describeMember(member)}: roles ${roleNames(current)} -> ${roleNames(after)}`,
  };
}

export function planRemove(state: AccountState, ref: string): Plan & { member?: Member } {
  const member = findMember(state, ref);
  if (!member) {
    return {
      kind: 'no-change',
      summary: `no change needed: ${ref} is not a member of account ${state.accountId} (already absent)`,
    };
  }
  const refusal = lastSuperAdminRefusal(state, member, null);
  if (refusal) return { kind: 'refused', member, summary: refusal };
  return {
    kind: 'write',
    member,
    request: { method: 'DELETE', path: `/accounts/${state.accountId}/members/${member.id}` },
    summary: `remove ${describeMember(member)} (roles: ${roleNames(rolesOf(member))}) from account ${state.accountId}`,
  };
}

export function planInvite(state: AccountState, email: string, roles: Role[]): Plan & { member?: Member } {
  const lower = email.toLowerCase();
  const existing = state.members.find((m) => memberEmail(m) === lower || m.user?.email?.toLowerCase() === lower);
  if (existing) {
    return {
      kind: 'no-change',
      member: existing,
      summary:
        `no change needed: ${describeMember(existing)} is already a member (roles: ${roleNames(rolesOf(existing))}); ` +
        'use grant-role or revoke-role to change its roles',
    };
  }
  const unique = roles.filter((role, i) => roles.findIndex((r) => r.id === role.id) === i);
  return {
    kind: 'write',
    request: {
      method: 'POST',
      path: `/accounts/${state.accountId}/members`,
      // POST takes role id strings (§6.17); pending = an emailed invitation.
      body: { email: lower, roles: unique.map((r) => r.id), status: 'pending' },
    },
    summary: `invite ${lower} to account ${state.accountId} with roles ${roleNames(unique)}`,
  };
}

export function memberRoles(member: Member): Role[] {
  return rolesOf(member);
}

export function sameRoleSet(a: readonly Role[], b: readonly Role[]): boolean {
  const ids = (roles: readonly Role[]) => [...new Set(roles.map((r) => r.id))].sort().join(',');
  return ids(a) === ids(b);
}
