/**
 * What offboarding one person means in one account, worked out from what was
 * read (no I/O): hand Super Administrator over when asked and needed, remove
 * the membership, end their Zero Trust sessions and free their Zero Trust
 * seat. A person who is the last Super Administrator of an account without a
 * successor gets no steps there: the account is refused as a whole.
 */
import { SUPER_ADMIN_ROLE } from '../../src/cloudflare/roles';
import { sameEmail } from './email';
import {
  AccountState,
  describeMember,
  isSuperAdminRole,
  Member,
  memberEmail,
  memberRoles,
  memberSnapshot,
  planGrant,
  planRemove,
  PlannedRequest,
  Role,
  superAdminsAfter,
} from './plan';
import { describePolicies, policiesOf, policyList } from './policies';
import { AccessUser, AccessUsers, WRITE_PERMISSIONS } from './session';

export type OffboardStepKind = 'grant-successor' | 'remove-member' | 'revoke-sessions' | 'free-seat';

export interface OffboardStep {
  kind: OffboardStepKind;
  summary: string;
  request: PlannedRequest;
  permission: string;
  /** A Zero Trust write: a 403 may mean Zero Trust is off. */
  zeroTrust: boolean;
  /** Whom the step changes (the successor for grant-successor). */
  target: string;
  memberId?: string;
  /** What the step changes, as read before it (for the audit log). */
  before: unknown;
}

export interface AccountPlan {
  accountId: string;
  accountName?: string;
  email: string;
  /** planned: steps to run; nothing: nothing of theirs here; refused: nothing will be done here. */
  status: 'planned' | 'nothing' | 'refused';
  steps: OffboardStep[];
  refusal?: string;
  /** What was found that needs no step (not a member, no seat, Zero Trust off, ...). */
  notes: string[];
  /** Set when part of the account could not be read: the plan may miss something there. */
  incomplete?: string;
}

/** One account as read: members and roles, and its Zero Trust users. */
export interface AccountView {
  accountId: string;
  accountName?: string;
  state: AccountState;
  access: AccessUsers;
}

export interface OffboardOptions {
  devices: boolean;
  /** --successor: who becomes Super Administrator where the person is the last one. */
  successor?: string;
}

function seatHolders(users: AccessUser[], email: string): AccessUser[] {
  return users.filter((u) => sameEmail(u.email, email) && (u.access_seat === true || u.gateway_seat === true));
}

function seatNames(user: AccessUser): string {
  return [user.access_seat ? 'Access' : '', user.gateway_seat ? 'Gateway' : ''].filter(Boolean).join(' + ');
}

function handOver(view: AccountView, member: Member, options: OffboardOptions): OffboardStep | string {
  const { state } = view;
  const where = `account ${view.accountId}${view.accountName ? ` (${view.accountName})` : ''}`;
  const who = memberEmail(member) ?? member.id;
  const howTo =
    `Hand over first: run offboard again with --successor EMAIL (an accepted member of this account, who is made ` +
    `Super Administrator before ${who} is removed), or grant the role yourself: graph-cloudflare grant-role ` +
    `--account ${view.accountId} --member EMAIL --role "${SUPER_ADMIN_ROLE}" --apply.`;
  const refuse = (why: string) =>
    `refused: ${describeMember(member)} is the last Super Administrator of ${where}${why}; nothing will be done in this account. ${howTo}`;
  if (!options.successor) return refuse('');
  if (sameEmail(options.successor, who)) return refuse(', and is also the --successor given');
  const successor = state.members.find((m) => sameEmail(memberEmail(m), options.successor));
  if (!successor || successor.status !== 'accepted') {
    return refuse(
      successor
        ? ` and the successor ${options.successor} has not accepted the invitation yet (status ${successor.status ?? 'unknown'})`
        : ` and the successor ${options.successor} is not a member of it (invite them first: invite-member ... --role "${SUPER_ADMIN_ROLE}", and wait for them to accept)`,
    );
  }
  const role: Role | undefined =
    memberRoles(member).find(isSuperAdminRole) ?? state.roles.find((r) => isSuperAdminRole(r));
  if (!role) return refuse(' and the Super Administrator role id is not known here (it is held through a policy)');
  const grant = planGrant(state, successor, role);
  if (grant.kind !== 'write') return refuse(`; the hand-over to ${options.successor} cannot be made: ${grant.summary}`);
  return {
    kind: 'grant-successor',
    summary: `hand over: ${grant.summary}`,
    request: grant.request,
    permission: WRITE_PERMISSIONS.members,
    zeroTrust: false,
    target: memberEmail(successor) ?? successor.id,
    memberId: successor.id,
    before: memberSnapshot(successor),
  };
}

/** The state once a grant-successor step has run (the removal is then judged against it). */
function withSuccessor(state: AccountState, step: OffboardStep): AccountState {
  const ids = ((step.request.body as { roles: Array<{ id: string }> }).roles ?? []).map((r) => r.id);
  const roles = ids.map((id) => state.roles.find((r) => r.id === id)).filter((r): r is Role => r !== undefined);
  return { ...state, members: state.members.map((m) => (m.id === step.memberId ? { ...m, roles } : m)) };
}

export function planOffboardAccount(view: AccountView, email: string, options: OffboardOptions): AccountPlan {
  const plan: AccountPlan = {
    accountId: view.accountId,
    ...(view.accountName ? { accountName: view.accountName } : {}),
    email,
    status: 'nothing',
    steps: [],
    notes: [],
  };
  const refuse = (message: string): AccountPlan => ({ ...plan, status: 'refused', steps: [], refusal: message });
  let state = view.state;

  const memberships = state.members.filter((m) => sameEmail(memberEmail(m), email) || sameEmail(m.user?.email, email));
  if (memberships.length > 1) {
    return refuse(
      `refused: ${email} matches ${memberships.length} memberships of account ${view.accountId} ` +
        `(${memberships.map((m) => m.id).join(', ')}); remove them one by one with remove-member --member ID`,
    );
  }
  const member = memberships[0];
  if (member) {
    const isLast =
      superAdminsAfter(state).some((m) => m.id === member.id) &&
      superAdminsAfter(state, { id: member.id, roles: null }).length === 0;
    if (isLast) {
      const step = handOver(view, member, options);
      if (typeof step === 'string') return refuse(step);
      plan.steps.push(step);
      state = withSuccessor(state, step);
    }
    const removal = planRemove(state, member.id);
    if (removal.kind === 'refused') return refuse(removal.summary);
    if (removal.kind === 'write') {
      plan.steps.push({
        kind: 'remove-member',
        summary: removal.summary,
        request: removal.request,
        permission: WRITE_PERMISSIONS.members,
        zeroTrust: false,
        target: memberEmail(member) ?? email,
        memberId: member.id,
        before: memberSnapshot(member),
      });
    }
  } else {
    plan.notes.push('not a member');
  }

  const { access } = view;
  if (access.kind === 'zero-trust-off') {
    plan.notes.push('Zero Trust is not enabled (no sessions or seat)');
  } else if (access.kind === 'unreadable') {
    plan.incomplete =
      `its Zero Trust users could not be read (${access.detail}), so sessions and seat were not checked; ` +
      `run offboard again once the token may read them`;
  } else {
    const seated = seatHolders(access.users, email);
    const known = access.users.filter((u) => sameEmail(u.email, email));
    if (seated.length === 0) {
      plan.notes.push(
        known.length === 0
          ? 'no Zero Trust user'
          : 'Zero Trust user holds no seat (sessions revoked and seat freed already, or never used)',
      );
    } else {
      const what = options.devices ? 'Zero Trust sessions and devices' : 'Zero Trust sessions';
      const ztEmail = seated[0].email ?? email;
      plan.steps.push({
        kind: 'revoke-sessions',
        summary: `revoke the ${what} of ${ztEmail}`,
        request: {
          method: 'POST',
          path: `/accounts/${view.accountId}/access/organizations/revoke_user`,
          body: { email: ztEmail, devices: options.devices },
        },
        permission: WRITE_PERMISSIONS.revokeUser,
        zeroTrust: true,
        target: ztEmail,
        before: seated.map(zeroTrustSnapshot),
      });
      plan.steps.push({
        kind: 'free-seat',
        summary: `free the Zero Trust seat${seated.length > 1 ? 's' : ''} of ${ztEmail} (${seated
          .map((u) => `${u.seat_uid}: ${seatNames(u)}`)
          .join('; ')})`,
        request: {
          method: 'PATCH',
          path: `/accounts/${view.accountId}/access/seats`,
          // Both false frees the seat; the user must log in again to take one.
          body: seated.map((u) => ({ seat_uid: u.seat_uid, access_seat: false, gateway_seat: false })),
        },
        permission: WRITE_PERMISSIONS.seats,
        zeroTrust: true,
        target: ztEmail,
        before: seated.map(zeroTrustSnapshot),
      });
    }
  }
  if (plan.steps.length > 0) plan.status = 'planned';
  if (member && plan.steps.every((s) => s.kind !== 'remove-member')) plan.notes.push('membership: nothing to remove');
  if (member) {
    const policies = describePolicies(policiesOf(member), view.accountId);
    if (policies.length > 0) plan.notes.push(`policies going with the membership: ${policyList(policies)}`);
  }
  return plan;
}

function zeroTrustSnapshot(user: AccessUser): unknown {
  return {
    id: user.id,
    email: user.email ?? null,
    seat_uid: user.seat_uid ?? null,
    access_seat: user.access_seat ?? null,
    gateway_seat: user.gateway_seat ?? null,
    active_device_count: user.active_device_count ?? null,
  };
}

/** The view once a plan has run, so the next person of the same run is planned against it. */
export function afterPlan(view: AccountView, plan: AccountPlan): AccountView {
  let members = view.state.members;
  let users = view.access.kind === 'users' ? view.access.users : undefined;
  for (const step of plan.steps) {
    if (step.kind === 'grant-successor') members = withSuccessor({ ...view.state, members }, step).members;
    if (step.kind === 'remove-member') members = members.filter((m) => m.id !== step.memberId);
    if (step.kind === 'free-seat' && users) {
      const freed = new Set((step.request.body as Array<{ seat_uid: string }>).map((s) => s.seat_uid));
      users = users.map((u) => (freed.has(u.seat_uid ?? '') ? { ...u, access_seat: false, gateway_seat: false } : u));
    }
  }
  return {
    ...view,
    state: { ...view.state, members },
    access: users ? { kind: 'users', users } : view.access,
  };
}
