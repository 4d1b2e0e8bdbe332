/**
 * What an enforcement command would change, worked out from the account's
 * state alone (no I/O): the member and role a user named, the request that
 * makes the change, or why no request is needed or allowed.
 */
import { isSuperAdminRoleName } from '../../src/cloudflare/roles';
import { closestEmails, editDistance, sameEmail } from './email';
import { describePolicies, mirrorsRole, ownPolicies, policiesOf, policyList } from './policies';

/** The fields of a role the commands use (Cloudflare sends more). */
export interface Role {
  id: string;
  name: string;
}

/** The fields of a member the commands use (docs/cloudflare-facts.md#members). */
export interface Member {
  /** The membership id: PUT and DELETE take this, not user.id (docs/cloudflare-facts.md#change-a-member). */
  id: string;
  email?: string | null;
  status?: string | null;
  user?: { id?: string | null; email?: string | null } | null;
  roles?: Role[] | null;
  /** Newer permission model; read defensively (shapes vary, docs/cloudflare-facts.md#members). */
  policies?: unknown;
}

export interface AccountState {
  accountId: string;
  /** Every member of the account, one per membership id. */
  members: Member[];
  /** /roles plus roles held by members (Super Administrator is not listed, docs/cloudflare-facts.md#roles). */
  roles: Role[];
}

export interface PlannedRequest {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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

/** The owner role, by the exact name the graph uses too (src/cloudflare/roles.ts). */
export function isSuperAdminRole(role: Pick<Role, 'name'>): boolean {
  return isSuperAdminRoleName(role.name);
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
    // A user id is 32 hex too, and the commonest mix-up (docs/cloudflare-facts.md#change-a-member).
    const byUser = state.members.find((m) => m.user?.id === wanted);
    if (byUser) {
      throw new TargetError(
        `${ref} is the user id of ${memberEmail(byUser) ?? 'a member'}, not a membership id; ` +
          `use the membership id ${byUser.id} or the email address`,
      );
    }
    return undefined;
  }
  const matches = state.members.filter((m) => sameEmail(memberEmail(m), wanted) || sameEmail(m.user?.email, wanted));
  if (matches.length > 1) {
    throw new TargetError(
      `${ref} matches ${matches.length} memberships of account ${state.accountId} (${matches
        .map((m) => m.id)
        .join(', ')}); name one by its membership id`,
    );
  }
  return matches[0];
}

/** The error for a member that is not there, with the nearest emails when `ref` is one. */
export function noSuchMember(state: AccountState, ref: string): TargetError {
  const emails = state.members.map(memberEmail).filter((e): e is string => e !== undefined);
  const close = CLOUDFLARE_ID.test(ref.toLowerCase()) ? [] : closestEmails(emails, ref);
  return new TargetError(
    `no member ${ref} in account ${state.accountId} (${state.members.length} members read); ` +
      (close.length > 0
        ? `did you mean ${close.join(' or ')}?`
        : 'give a membership id (32 hexadecimal characters) or the email address of a member'),
  );
}

export function requireMember(state: AccountState, ref: string): Member {
  const member = findMember(state, ref);
  if (!member) throw noSuchMember(state, ref);
  return member;
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
    // PUT replaces the whole set and takes {id} objects; never an empty list (what
    // `roles: []` does to a member's policies is undocumented).
    body: { roles: roles.map((r) => ({ id: r.id })) },
  };
}

/** A member's policies before a role change and after it (policies mirroring a role follow that role). */
export interface PolicyChange {
  before: string[];
  after: string[];
}

export type RolePlan = Plan & { after: Role[]; policies: PolicyChange };

function policyChange(state: AccountState, member: Member, before: Role[], after: Role[]): PolicyChange {
  const policies = policiesOf(member);
  return {
    before: describePolicies(policies, state.accountId),
    after: describePolicies(
      policies.filter((p) => !mirrorsRole(p, before, state.accountId) || mirrorsRole(p, after, state.accountId)),
      state.accountId,
    ),
  };
}

function changeLine(roles: [Role[], Role[]], policies: PolicyChange): string {
  return (
    `roles ${roleNames(roles[0])} -> ${roleNames(roles[1])}; ` +
    `policies ${policyList(policies.before)} -> ${policyList(policies.after)}`
  );
}

/**
 * Cloudflare's PUT sets roles or policies, never both: a role PUT would drop
 * policies of the member's own (zone-scoped grants, for instance). A role
 * cannot be turned into a policy faithfully here (that needs its permission
 * group ids), so the change is refused, naming what would be lost.
 */
function policyRefusal(state: AccountState, member: Member, current: Role[], verb: string): string | undefined {
  const own = ownPolicies(member, current, state.accountId);
  if (own.length === 0) return undefined;
  return (
    `refused: ${describeMember(member)} has access through policies that a role change would remove: ` +
    `${policyList(describePolicies(own, state.accountId))}. Cloudflare sets a member's roles or its policies, ` +
    `never both, so nothing was sent. ${verb} in the Cloudflare dashboard (Manage Account > Members > the member > Edit), ` +
    'which edits roles and policies together.'
  );
}

export function planGrant(state: AccountState, member: Member, role: Role): RolePlan {
  const current = rolesOf(member);
  const unchanged = policyChange(state, member, current, current);
  if (current.some((r) => r.id === role.id)) {
    return {
      kind: 'no-change',
      after: current,
      policies: unchanged,
      summary: `no change needed: ${describeMember(member)} already holds "${role.name}"`,
    };
  }
  const refusal = policyRefusal(state, member, current, `Grant "${role.name}"`);
  if (refusal) return { kind: 'refused', after: current, policies: unchanged, summary: refusal };
  const after = [...current, role];
  const policies = policyChange(state, member, current, after);
  return {
    kind: 'write',
    after,
    policies,
    request: putRoles(state, member, after),
    summary: `grant "${role.name}" to ${describeMember(member)}: ${changeLine([current, after], policies)}`,
  };
}

export function planRevoke(state: AccountState, member: Member, role: Role): RolePlan {
  const current = rolesOf(member);
  const unchanged = policyChange(state, member, current, current);
  const refused = (summary: string): RolePlan => ({ kind: 'refused', after: current, policies: unchanged, summary });
  if (!current.some((r) => r.id === role.id)) {
    return {
      kind: 'no-change',
      after: current,
      policies: unchanged,
      summary: `no change needed: ${describeMember(member)} does not hold "${role.name}" (roles: ${roleNames(current)})`,
    };
  }
  const after = current.filter((r) => r.id !== role.id);
  const superRefusal = lastSuperAdminRefusal(state, member, after);
  if (superRefusal) return refused(superRefusal);
  const refusal = policyRefusal(state, member, current, `Revoke "${role.name}"`);
  if (refusal) return refused(refusal);
  if (after.length === 0) {
    return refused(
      `refused: "${role.name}" is the only role of ${describeMember(member)}; a member needs at least one role. ` +
        'Grant another role first, or use remove-member to take away all access.',
    );
  }
  const policies = policyChange(state, member, current, after);
  return {
    kind: 'write',
    after,
    policies,
    request: putRoles(state, member, after),
    summary: `revoke "${role.name}" from ${describeMember(member)}: ${changeLine([current, after], policies)}`,
  };
}

/**
 * A membership id that is not there is already absent (no change); an email
 * that matches no member is an error, most likely a typo (with the nearest).
 */
export function planRemove(state: AccountState, ref: string): Plan & { member?: Member } {
  const member = findMember(state, ref);
  if (!member) {
    if (!CLOUDFLARE_ID.test(ref.toLowerCase())) throw noSuchMember(state, ref);
    return {
      kind: 'no-change',
      summary: `no change needed: member ${ref} is not in account ${state.accountId} (already absent)`,
    };
  }
  const refusal = lastSuperAdminRefusal(state, member, null);
  if (refusal) return { kind: 'refused', member, summary: refusal };
  const policies = describePolicies(policiesOf(member), state.accountId);
  return {
    kind: 'write',
    member,
    request: { method: 'DELETE', path: `/accounts/${state.accountId}/members/${member.id}`, body: {} },
    summary:
      `remove ${describeMember(member)} (roles: ${roleNames(rolesOf(member))}; policies: ${policyList(policies)}) ` +
      `from account ${state.accountId}`,
  };
}

/**
 * `email` is already checked and normalised (domain lower-cased, local part
 * as typed). An existing member (matched ignoring case) is no change only when
 * it already holds every role asked for; otherwise the command says so and
 * points at grant-role, never a second invitation.
 */
export function planInvite(state: AccountState, email: string, roles: Role[]): Plan & { member?: Member } {
  const unique = roles.filter((role, i) => roles.findIndex((r) => r.id === role.id) === i);
  const existing = state.members.find((m) => sameEmail(memberEmail(m), email) || sameEmail(m.user?.email, email));
  if (existing) {
    const held = rolesOf(existing);
    const missing = unique.filter((r) => !held.some((h) => h.id === r.id));
    if (missing.length === 0) {
      return {
        kind: 'no-change',
        member: existing,
        summary: `no change needed: ${describeMember(existing)} is already a member with roles ${roleNames(held)}`,
      };
    }
    const who = memberEmail(existing) ?? existing.id;
    return {
      kind: 'refused',
      member: existing,
      summary:
        `refused: ${describeMember(existing)} is already a member, with roles ${roleNames(held)}; ` +
        `to add ${missing.map((r) => `"${r.name}"`).join(', ')} use ` +
        missing.map((r) => `grant-role --member ${who} --role "${r.name}"`).join(', then '),
    };
  }
  return {
    kind: 'write',
    request: {
      method: 'POST',
      path: `/accounts/${state.accountId}/members`,
      // POST takes role id strings; pending = an emailed invitation.
      body: { email, roles: unique.map((r) => r.id), status: 'pending' },
    },
    summary: `invite ${email} to account ${state.accountId} with roles ${roleNames(unique)}`,
  };
}

/** The member's status, roles and policies as read: what the audit log keeps as "before". */
export function memberSnapshot(member: Member): {
  status: string | null;
  roles: Array<{ id: string; name: string }>;
  policies: unknown[];
} {
  return {
    status: member.status ?? null,
    roles: rolesOf(member).map((r) => ({ id: r.id, name: r.name })),
    policies: policiesOf(member),
  };
}

export function memberRoles(member: Member): Role[] {
  return rolesOf(member);
}

export function sameRoleSet(a: readonly Role[], b: readonly Role[]): boolean {
  const ids = (roles: readonly Role[]) => [...new Set(roles.map((r) => r.id))].sort().join(',');
  return ids(a) === ids(b);
}
