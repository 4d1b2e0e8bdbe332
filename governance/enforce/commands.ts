/**
 * The five enforcement commands. Each reads what it needs, works out a plan
 * (plan.ts) and then, by default, only prints the request it would send;
 * with --apply it sends it once, records the outcome in the audit log and,
 * when the answer was lost, reads the state back instead of sending again.
 */
import { appendAuditRecord, AuditContext, AuditEntry, auditRequest, AuditResult } from './audit';
import type { CommandName, ParsedArgs } from './args';
import {
  describeMember,
  memberEmail,
  memberRoles,
  Plan,
  PolicyChange,
  planGrant,
  planInvite,
  planRemove,
  planRevoke,
  PlannedRequest,
  requireMember,
  resolveRole,
  Role,
  roleNames,
  sameRoleSet,
  findMember,
  memberSnapshot,
} from './plan';
import { CloudflareSession, WRITE_PERMISSIONS, WriteFailure } from './session';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface RunContext {
  name: CommandName;
  args: ParsedArgs;
  session: CloudflareSession;
  out: Output;
  now: () => Date;
  scrub: (text: string) => string;
  /** Actor, reason, tool version and API base URL: on every audit line. */
  audit: AuditContext;
}

/** What a command's run ended with; index.ts prints it as JSON when asked and maps it to an exit code. */
export interface CommandReport {
  command: CommandName;
  account: string;
  dryRun: boolean;
  result: AuditResult | 'dry-run';
  verified?: 'changed' | 'unchanged';
  target: string;
  memberId?: string;
  roles?: Array<{ id: string; name: string }>;
  /** A role change: the member's policies before and after. */
  policies?: PolicyChange;
  /** What the change acts on, as read before it. */
  before?: unknown;
  summary: string;
  message: string;
  request: { method: string; url: string; body?: unknown } | null;
  error?: string;
  auditLog?: string;
}

/** What reading the state back after a lost answer showed. */
export interface Verification {
  state: 'changed' | 'unchanged' | 'other';
  detail: string;
}

interface Action {
  target: string;
  memberId?: string;
  roles?: Role[];
  policies?: PolicyChange;
  before?: unknown;
  plan: Plan;
  permission: string;
  /** A Zero Trust write: a 403 may mean Zero Trust is not enabled. */
  zeroTrust?: boolean;
  /** The success line for Cloudflare's answer. */
  applied(result: unknown): string;
  /** A success answer that does not confirm the change: why (the result is then 'failed'). */
  unconfirmed?: (result: unknown) => string | undefined;
  /** Reads the state after an outcome-unknown write; absent when nothing can show it. */
  verify?: () => Promise<Verification>;
  /** A refused write that means the state is already what was asked (1008, 404): the line to print. */
  alreadyDone?: (failure: WriteFailure) => Promise<string | undefined>;
}

const roleRefs = (roles: Role[] | undefined) => roles?.map((r) => ({ id: r.id, name: r.name }));

function printRequest(ctx: RunContext, request: PlannedRequest): void {
  const lines = [
    'request:',
    `  ${request.method} ${ctx.session.url(request.path)}`,
    '  Authorization: Bearer [REDACTED]',
    '  Accept: application/json',
  ];
  if (request.body !== undefined) lines.push('  Content-Type: application/json', `  ${JSON.stringify(request.body)}`);
  text(ctx, `${lines.join('\n')}\n`);
}

function text(ctx: RunContext, line: string): void {
  if (!ctx.args.json) ctx.out.stdout(line);
}

/** Runs an action: prints, then (with --apply) writes, verifies and logs. */
async function execute(ctx: RunContext, action: Action): Promise<CommandReport> {
  const { plan } = action;
  const report: CommandReport = {
    command: ctx.name,
    account: ctx.args.account,
    dryRun: !ctx.args.apply,
    result: 'no-change',
    target: action.target,
    ...(action.memberId ? { memberId: action.memberId } : {}),
    ...(action.roles ? { roles: roleRefs(action.roles) } : {}),
    ...(action.policies ? { policies: action.policies } : {}),
    ...(action.before !== undefined ? { before: action.before } : {}),
    summary: plan.summary,
    message: plan.summary,
    request: null,
  };
  if (plan.kind === 'refused') return finish(ctx, report, 'refused', plan.summary);
  if (plan.kind === 'no-change') return finish(ctx, report, 'no-change', plan.summary);

  const { request } = plan;
  text(ctx, `${plan.summary}\n`);
  report.request = {
    method: request.method,
    url: ctx.session.url(request.path),
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  printRequest(ctx, request);
  if (!ctx.args.apply) {
    report.result = 'dry-run';
    report.message = 'dry run: nothing changed; add --apply to make this change';
    text(ctx, `${report.message}\n`);
    return report;
  }

  const outcome = await ctx.session.write(request, action.permission, action.zeroTrust);
  if (outcome.ok) {
    const unconfirmed = action.unconfirmed?.(outcome.result);
    if (unconfirmed) return finish(ctx, report, 'failed', `failed: ${unconfirmed}`, request, unconfirmed);
    return finish(ctx, report, 'applied', `applied: ${action.applied(outcome.result)}`, request);
  }
  if (outcome.kind === 'rejected') {
    const already = await action.alreadyDone?.(outcome);
    if (already) return finish(ctx, report, 'no-change', already, request);
    return finish(ctx, report, 'failed', `failed: nothing was changed: ${outcome.message}`, request, outcome.message);
  }

  // The answer was lost: Cloudflare may or may not have acted. Never send again blindly.
  ctx.out.stderr(
    `graph-cloudflare ${ctx.name}: the answer to ${request.method} was lost (${outcome.message}); the request was NOT sent again; ` +
      'reading the state to find out whether the change was made\n',
  );
  if (!action.verify) {
    return finish(
      ctx,
      report,
      'unknown',
      'outcome unknown: nothing can show whether it happened; running the command again is safe',
      request,
      outcome.message,
    );
  }
  let verification: Verification;
  try {
    verification = await action.verify();
  } catch (err) {
    const why = (err as Error).message;
    return finish(
      ctx,
      report,
      'unknown',
      `outcome unknown: the state could not be read back either (${why}); check it before running the command again`,
      request,
      outcome.message,
    );
  }
  if (verification.state === 'other') {
    return finish(
      ctx,
      report,
      'unknown',
      `outcome unknown: ${verification.detail}; check it before running the command again`,
      request,
      outcome.message,
    );
  }
  report.verified = verification.state;
  const message =
    verification.state === 'changed'
      ? `applied (verified by reading the state back): ${verification.detail}`
      : `not applied (verified by reading the state back): ${verification.detail}; run the command again to retry`;
  return finish(ctx, report, 'unknown-then-verified', message, request, outcome.message);
}

function finish(
  ctx: RunContext,
  report: CommandReport,
  result: AuditResult,
  message: string,
  request?: PlannedRequest,
  error?: string,
): CommandReport {
  report.result = result;
  report.message = message;
  if (error) report.error = error;
  const ok = result === 'applied' || result === 'no-change' || report.verified === 'changed';
  if (ok) text(ctx, `${message}\n`);
  else ctx.out.stderr(`graph-cloudflare ${ctx.name}: ${message}\n`);
  if (ctx.args.apply) logAudit(ctx, report, request);
  return report;
}

export function logAudit(ctx: RunContext, report: CommandReport, request?: PlannedRequest): void {
  const entry: AuditEntry = {
    time: ctx.now().toISOString(),
    account: report.account,
    action: report.command,
    target: report.target,
    ...(report.memberId ? { memberId: report.memberId } : {}),
    ...(report.roles ? { roles: report.roles } : {}),
    ...(report.policies ? { policies: report.policies } : {}),
    ...(report.before !== undefined ? { before: report.before } : {}),
    request: request ? auditRequest(request) : null,
    result: report.result as AuditResult,
    ...(report.verified ? { verified: report.verified } : {}),
    message: report.message,
    ...(report.error ? { error: report.error } : {}),
  };
  appendAuditRecord(ctx.args.auditLog, ctx.audit, entry, ctx.scrub);
  report.auditLog = ctx.args.auditLog;
  text(ctx, `audit: appended to ${ctx.args.auditLog}\n`);
}

function memberTarget(member: { id: string; email?: string | null } | undefined, ref: string): string {
  return (member && memberEmail(member)) ?? ref.toLowerCase();
}

/** Reads the member's roles back after a lost PUT answer. */
export function verifyRoles(
  session: CloudflareSession,
  account: string,
  memberId: string,
  before: readonly Role[],
  after: readonly Role[],
): () => Promise<Verification> {
  return async () => {
    const members = await session.readMembers(account);
    const member = members.find((m) => m.id === memberId);
    if (!member) return { state: 'other', detail: `member ${memberId} is no longer in the account` };
    const now = memberRoles(member);
    if (sameRoleSet(now, after)) return { state: 'changed', detail: `roles are now ${roleNames(now)}` };
    if (sameRoleSet(now, before)) return { state: 'unchanged', detail: `roles are still ${roleNames(now)}` };
    return { state: 'other', detail: `roles are now ${roleNames(now)}, neither the old nor the planned set` };
  };
}

/** Reads the member list back after a lost DELETE answer. */
export function verifyRemoved(
  session: CloudflareSession,
  account: string,
  memberId: string | undefined,
): () => Promise<Verification> {
  return async () =>
    (await session.readMembers(account)).some((m) => m.id === memberId)
      ? { state: 'unchanged', detail: `member ${memberId} is still in the account` }
      : { state: 'changed', detail: `member ${memberId} is no longer in the account` };
}

function appliedMember(result: unknown): string {
  const member = result as { id?: string; roles?: Role[] } | null;
  return member && Array.isArray(member.roles)
    ? `member ${member.id} now holds ${roleNames(member.roles)}`
    : 'Cloudflare accepted the change';
}

async function roleChange(ctx: RunContext, grant: boolean): Promise<CommandReport> {
  const { account, member: ref } = ctx.args;
  const state = await ctx.session.readState(account, true);
  const member = requireMember(state, ref!);
  const role = resolveRole(state, ctx.args.roles[0]);
  const plan = grant ? planGrant(state, member, role) : planRevoke(state, member, role);
  return execute(ctx, {
    target: memberTarget(member, ref!),
    memberId: member.id,
    roles: [role],
    policies: plan.policies,
    before: memberSnapshot(member),
    plan,
    permission: WRITE_PERMISSIONS.members,
    applied: appliedMember,
    verify: verifyRoles(ctx.session, account, member.id, memberRoles(member), plan.after),
  });
}

async function removeMember(ctx: RunContext): Promise<CommandReport> {
  const { account, member: ref } = ctx.args;
  const state = await ctx.session.readState(account, false);
  const plan = planRemove(state, ref!);
  const gone = async (): Promise<boolean> =>
    !(await ctx.session.readMembers(account)).some((m) => m.id === plan.member?.id);
  return execute(ctx, {
    target: memberTarget(plan.member, ref!),
    memberId: plan.member?.id,
    before: plan.member ? memberSnapshot(plan.member) : undefined,
    plan,
    permission: WRITE_PERMISSIONS.members,
    applied: () => `${plan.member ? describeMember(plan.member) : ref} removed from account ${account}`,
    verify: verifyRemoved(ctx.session, account, plan.member?.id),
    // 404: someone removed it in the meantime; say so only once the list agrees.
    alreadyDone: async (failure) =>
      failure.kind === 'rejected' && failure.status === 404 && (await gone())
        ? `no change needed: member ${plan.member?.id} was already gone (Cloudflare answered 404)`
        : undefined,
  });
}

async function inviteMember(ctx: RunContext): Promise<CommandReport> {
  const { account, email } = ctx.args;
  const state = await ctx.session.readState(account, true);
  const roles = ctx.args.roles.map((ref) => resolveRole(state, ref));
  const plan = planInvite(state, email!, roles);
  return execute(ctx, {
    target: email!,
    memberId: plan.member?.id,
    roles,
    plan,
    permission: WRITE_PERMISSIONS.members,
    applied: (result) => {
      const member = result as { id?: string; status?: string } | null;
      return `invited ${email}: member ${member?.id ?? '(id not returned)'}, status ${member?.status ?? 'unknown'}`;
    },
    verify: async () => {
      const member = findMember({ ...state, members: await ctx.session.readMembers(account) }, email!);
      return member
        ? { state: 'changed', detail: `${describeMember(member)} is now in the account` }
        : { state: 'unchanged', detail: `${email} is not in the account` };
    },
    // 1008: someone invited them meanwhile; no change only if they hold every role asked for.
    alreadyDone: async (failure) => {
      if (failure.kind !== 'rejected' || !failure.codes.includes(1008)) return undefined;
      const now = planInvite({ ...state, members: await ctx.session.readMembers(account) }, email!, roles);
      return now.kind === 'no-change' ? `${now.summary} (Cloudflare answered 1008)` : undefined;
    },
  });
}

async function revokeSessions(ctx: RunContext): Promise<CommandReport> {
  const { account, email, devices } = ctx.args;
  // A read first: a wrong account or token fails here, before anything is sent.
  const name = await ctx.session.readAccountName(account);
  const lower = email!;
  const what = devices ? 'Zero Trust sessions and devices' : 'Zero Trust sessions';
  return execute(ctx, {
    target: lower,
    plan: {
      kind: 'write',
      request: {
        method: 'POST',
        path: `/accounts/${account}/access/organizations/revoke_user`,
        body: { email: lower, devices },
      },
      summary: `revoke the ${what} of ${lower} in account ${account}${name ? ` (${name})` : ''}`,
    },
    permission: WRITE_PERMISSIONS.revokeUser,
    zeroTrust: true,
    applied: () => `the ${what} of ${lower} were revoked`,
    unconfirmed: (result) =>
      result === true
        ? undefined
        : `Cloudflare answered result: ${JSON.stringify(result)}, not true: it did not confirm the revocation`,
  });
}

export function runCommand(ctx: RunContext): Promise<CommandReport> {
  switch (ctx.name) {
    case 'grant-role':
      return roleChange(ctx, true);
    case 'revoke-role':
      return roleChange(ctx, false);
    case 'remove-member':
      return removeMember(ctx);
    case 'invite-member':
      return inviteMember(ctx);
    case 'revoke-sessions':
      return revokeSessions(ctx);
    case 'offboard':
      throw new Error('offboard has its own runner (offboard.ts)');
  }
}
