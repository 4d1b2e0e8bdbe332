/**
 * graph-cloudflare offboard: takes people out of every account the token
 * sees. It reads first (accounts, members and roles, Zero Trust users), prints
 * the whole plan, and only with --apply runs it, account by account, step by
 * step. A step that fails stops the rest of its account (later steps may
 * depend on it); the closing lines say exactly which steps ran and which did
 * not. When a write's answer is lost, the step is not sent again: the state
 * is read back (members, the seat) to learn whether it happened; a session
 * revocation cannot be read back, stays unknown, and the seat step still
 * runs (revoking again is harmless). Running it again re-reads everything and plans only what is left, so
 * a second --apply changes nothing and says so.
 */
import type { AuditEntry, AuditResult } from './audit';
import { appendAuditRecord, auditRequest } from './audit';
import { RunContext, Verification, verifyRemoved, verifyRoles } from './commands';
import { sameEmail } from './email';
import { AccountPlan, AccountView, afterPlan, OffboardStep, planOffboardAccount } from './offboardPlan';
import { memberEmail, Role } from './plan';

export interface StepOutcome {
  kind: OffboardStep['kind'];
  summary: string;
  request: { method: string; url: string; body?: unknown };
  result: AuditResult | 'dry-run';
  /** unknown-then-verified: what reading the state back showed. */
  verified?: 'changed' | 'unchanged';
  message: string;
  /** The lost answer's error, when the outcome was unknown. */
  error?: string;
}

export interface OffboardReport {
  command: 'offboard';
  dryRun: boolean;
  reason?: string;
  /** Accounts read, with their names. */
  accounts: Array<{ id: string; name?: string }>;
  people: Array<{
    email: string;
    accounts: Array<Omit<AccountPlan, 'steps' | 'email'> & { steps: StepOutcome[] }>;
  }>;
  result: 'dry-run' | 'applied' | 'no-change' | 'refused' | 'failed' | 'incomplete';
  summary: string;
  auditLog?: string;
}

function text(ctx: RunContext, line: string): void {
  if (!ctx.args.json) ctx.out.stdout(line);
}

function accountLabel(plan: Pick<AccountPlan, 'accountId' | 'accountName'>): string {
  return `account ${plan.accountId}${plan.accountName ? ` (${plan.accountName})` : ''}`;
}

function requestLine(ctx: RunContext, step: OffboardStep): string {
  const body = step.request.body === undefined ? '' : ` ${JSON.stringify(step.request.body)}`;
  return `${step.request.method} ${ctx.session.url(step.request.path)}${body}`;
}

/** Whom to offboard: --email, the check report's leavers, and the roster's leavers among the members read. */
function people(ctx: RunContext, views: AccountView[]): string[] {
  const found: string[] = [...ctx.args.emails, ...(ctx.args.fromCheck?.emails ?? [])];
  const { roster } = ctx.args;
  if (roster) {
    for (const entry of roster.entries.values()) if (entry.status === 'terminated') found.push(entry.email);
    for (const view of views) {
      for (const member of view.state.members) {
        const email = memberEmail(member);
        const hasAccess = member.status === 'accepted' || member.status === 'pending';
        if (email && hasAccess && !roster.entries.has(email)) found.push(email);
      }
    }
  }
  const unique: string[] = [];
  for (const email of found) if (!unique.some((e) => sameEmail(e, email))) unique.push(email);
  return unique;
}

function printPlan(ctx: RunContext, email: string, plans: AccountPlan[]): void {
  text(ctx, `offboard ${email}${ctx.args.reason ? ` (reason: ${ctx.args.reason})` : ''}\n`);
  for (const plan of plans) {
    const notes = plan.notes.length > 0 ? ` [${plan.notes.join('; ')}]` : '';
    if (plan.status === 'refused') {
      text(ctx, `  ${accountLabel(plan)}: REFUSED, nothing will be done here\n    ${plan.refusal}\n`);
      continue;
    }
    if (plan.status === 'nothing') text(ctx, `  ${accountLabel(plan)}: nothing to do${notes}\n`);
    else {
      text(ctx, `  ${accountLabel(plan)}:${notes}\n`);
      plan.steps.forEach((step, i) => {
        text(ctx, `    ${i + 1}. ${step.kind}: ${step.summary}\n       ${requestLine(ctx, step)}\n`);
      });
    }
    if (plan.incomplete) text(ctx, `    INCOMPLETE: ${plan.incomplete}\n`);
  }
}

interface StepResult {
  result: AuditResult;
  message: string;
  /** unknown-then-verified: what reading the state back showed. */
  verified?: 'changed' | 'unchanged';
  /** The lost answer's error, when the outcome was unknown. */
  error?: string;
}

/** The step's seats, read back after a lost PATCH answer: freed, still held, or neither. */
function verifySeatsFreed(ctx: RunContext, account: string, step: OffboardStep): () => Promise<Verification> {
  const seats = (step.request.body as Array<{ seat_uid: string }>).map((s) => s.seat_uid);
  return async () => {
    const access = await ctx.session.readAccessUsers(account);
    if (access.kind !== 'users') throw new Error(`the Zero Trust users could not be read (${access.detail})`);
    const users = seats.map((uid) => access.users.find((u) => u.seat_uid === uid));
    const missing = seats.filter((_uid, i) => users[i] === undefined);
    if (missing.length > 0) return { state: 'other', detail: `seat ${missing.join(', ')} is no longer listed` };
    const held = users.filter((u) => u!.access_seat === true || u!.gateway_seat === true);
    if (held.length === 0) return { state: 'changed', detail: `seat ${seats.join(', ')} is now free` };
    if (held.length === users.length) return { state: 'unchanged', detail: `seat ${seats.join(', ')} is still held` };
    return { state: 'other', detail: `only some of the seats ${seats.join(', ')} are free` };
  };
}

/** How to read back whether a step whose answer was lost took effect; undefined when nothing can show it. */
function readBack(ctx: RunContext, step: OffboardStep): (() => Promise<Verification>) | undefined {
  const account = step.request.path.split('/')[2];
  switch (step.kind) {
    case 'grant-successor': {
      const before = (step.before as { roles: Role[] }).roles;
      const after = (step.request.body as { roles: Array<{ id: string }> }).roles.map((r) => ({
        id: r.id,
        name: r.id,
      }));
      return verifyRoles(ctx.session, account, step.memberId!, before, after);
    }
    case 'remove-member':
      return verifyRemoved(ctx.session, account, step.memberId);
    case 'free-seat':
      return verifySeatsFreed(ctx, account, step);
    case 'revoke-sessions':
      return undefined;
  }
}

async function runStep(ctx: RunContext, step: OffboardStep, where: string): Promise<StepResult> {
  const outcome = await ctx.session.write<unknown>(step.request, step.permission, step.zeroTrust);
  if (outcome.ok) {
    if (step.kind === 'revoke-sessions' && outcome.result !== true) {
      return {
        result: 'failed',
        message: `Cloudflare answered result: ${JSON.stringify(outcome.result)}, not true: it did not confirm the revocation`,
      };
    }
    return { result: 'applied', message: `applied: ${step.summary}` };
  }
  if (outcome.kind === 'rejected') {
    // 404 to a removal: someone removed them meanwhile; no change once the list agrees.
    if (step.kind === 'remove-member' && outcome.status === 404) {
      const account = step.request.path.split('/')[2];
      const members = await ctx.session.readMembers(account);
      if (!members.some((m) => m.id === step.memberId)) {
        return {
          result: 'no-change',
          message: `no change needed: member ${step.memberId} was already gone (Cloudflare answered 404)`,
        };
      }
    }
    return { result: 'failed', message: `failed: ${outcome.message}` };
  }

  // The answer was lost: Cloudflare may or may not have acted. Never resend blindly; read the state back.
  const error = outcome.message;
  const verify = readBack(ctx, step);
  if (!verify) {
    const { email, devices } = step.request.body as { email: string; devices: boolean };
    return {
      result: 'unknown',
      error,
      message:
        `outcome unknown: the answer was lost (${error}); the request was NOT sent again, and nothing can show ` +
        'whether the sessions were revoked; going on with the next step. Revoking again is harmless: ' +
        `graph-cloudflare revoke-sessions --account ${step.request.path.split('/')[2]} --email ${email}` +
        `${devices ? ' --devices' : ''} --apply`,
    };
  }
  ctx.out.stderr(
    `graph-cloudflare offboard: ${where}: the answer to ${step.request.method} was lost (${error}); ` +
      'the request was NOT sent again; reading the state to find out whether the change was made\n',
  );
  let verification: Verification;
  try {
    verification = await verify();
  } catch (err) {
    return {
      result: 'unknown',
      error,
      message:
        `outcome unknown: the state could not be read back either (${(err as Error).message}); ` +
        'check it before running offboard again',
    };
  }
  if (verification.state === 'other') {
    return {
      result: 'unknown',
      error,
      message: `outcome unknown: ${verification.detail}; check it before running offboard again`,
    };
  }
  return {
    result: 'unknown-then-verified',
    verified: verification.state,
    error,
    message:
      verification.state === 'changed'
        ? `applied (verified by reading the state back): ${verification.detail}`
        : `not applied (verified by reading the state back): ${verification.detail}; run offboard again to retry`,
  };
}

function nothingLeft(who: string[], accounts: number, refused: number): string {
  return refused > 0
    ? `nothing will change: every account still holding something of ${who.join(', ')} was refused`
    : `no change needed: nothing of ${who.join(', ')} is left to remove in the ${accounts} accounts read`;
}

function audit(ctx: RunContext, entry: Omit<AuditEntry, 'time'>): void {
  appendAuditRecord(ctx.args.auditLog, ctx.audit, { time: ctx.now().toISOString(), ...entry }, ctx.scrub);
}

export async function runOffboard(ctx: RunContext): Promise<{ code: number; report: OffboardReport }> {
  const seen = await ctx.session.readAccounts();
  const accounts = ctx.args.account ? seen.filter((a) => a.id === ctx.args.account) : seen;
  if (ctx.args.account && accounts.length === 0) {
    throw new Error(
      `account ${ctx.args.account} is not among the ${seen.length} accounts the token sees; check the id and the token's account access`,
    );
  }
  const views: AccountView[] = [];
  for (const account of accounts) {
    const state = await ctx.session.readState(account.id, true);
    const access = await ctx.session.readAccessUsers(account.id);
    views.push({ accountId: account.id, ...(account.name ? { accountName: account.name } : {}), state, access });
  }
  const who = people(ctx, views);
  const options = { devices: ctx.args.devices, successor: ctx.args.successor };

  // Plan everyone first, each against the state the people before them leave behind.
  const plans = new Map<string, AccountPlan[]>();
  for (const email of who) {
    const mine: AccountPlan[] = [];
    views.forEach((view, i) => {
      const plan = planOffboardAccount(view, email, options);
      mine.push(plan);
      if (plan.status === 'planned') views[i] = afterPlan(view, plan);
    });
    plans.set(email, mine);
  }

  const all = [...plans.values()].flat();
  const planned = all.flatMap((p) => (p.status === 'planned' ? p.steps : []));
  const refused = all.filter((p) => p.status === 'refused');
  const incomplete = all.filter((p) => p.incomplete);
  const report: OffboardReport = {
    command: 'offboard',
    dryRun: !ctx.args.apply,
    ...(ctx.args.reason ? { reason: ctx.args.reason } : {}),
    accounts: accounts.map((a) => ({ id: a.id, ...(a.name ? { name: a.name } : {}) })),
    people: [],
    result: 'no-change',
    summary: '',
  };

  if (who.length === 0) {
    report.summary = 'no one to offboard: the check report or roster names no leaver';
    text(ctx, `${report.summary}\n`);
    return { code: 0, report };
  }
  for (const [email, mine] of plans) printPlan(ctx, email, mine);
  const size =
    `${planned.length} change${planned.length === 1 ? '' : 's'} in ` +
    `${new Set(all.filter((p) => p.status === 'planned').map((p) => p.accountId)).size} of ${accounts.length} accounts` +
    (refused.length > 0 ? `; ${refused.length} refused` : '') +
    (incomplete.length > 0 ? `; ${incomplete.length} not fully read` : '');
  text(ctx, `plan: ${size}\n`);

  const outcomes = new Map<OffboardStep, StepOutcome>();
  const describe = (
    step: OffboardStep,
    result: StepOutcome['result'],
    message: string,
    extra: Pick<StepOutcome, 'verified' | 'error'> = {},
  ): StepOutcome => {
    const outcome: StepOutcome = {
      kind: step.kind,
      summary: step.summary,
      request: {
        method: step.request.method,
        url: ctx.session.url(step.request.path),
        ...(step.request.body === undefined ? {} : { body: step.request.body }),
      },
      result,
      ...(extra.verified ? { verified: extra.verified } : {}),
      message,
      ...(extra.error ? { error: extra.error } : {}),
    };
    outcomes.set(step, outcome);
    return outcome;
  };

  let failedSteps = 0;
  if (!ctx.args.apply) {
    for (const step of planned) describe(step, 'dry-run', 'dry run: not sent');
    report.result =
      refused.length > 0
        ? 'refused'
        : incomplete.length > 0
          ? 'incomplete'
          : planned.length > 0
            ? 'dry-run'
            : 'no-change';
    report.summary =
      planned.length > 0
        ? `dry run: nothing changed; add --apply to make these ${planned.length} changes`
        : nothingLeft(who, accounts.length, refused.length);
    text(ctx, `${report.summary}\n`);
  } else {
    const ran: string[] = [];
    let alreadyDone = 0;
    const notRun: string[] = [];
    for (const [email, mine] of plans) {
      for (const plan of mine) {
        if (plan.status === 'refused') {
          audit(ctx, {
            account: plan.accountId,
            action: 'offboard',
            target: email,
            request: null,
            result: 'refused',
            message: plan.refusal!,
          });
          continue;
        }
        let stopped: string | undefined;
        for (const step of plan.steps) {
          const where = `${accountLabel(plan)}, ${step.kind}`;
          const auditStep = (request: AuditEntry['request'], { result, message, verified, error }: StepResult) =>
            audit(ctx, {
              account: plan.accountId,
              action: 'offboard',
              step: step.kind,
              target: step.target,
              ...(step.memberId ? { memberId: step.memberId } : {}),
              before: step.before,
              request,
              result,
              ...(verified ? { verified } : {}),
              message,
              ...(error ? { error } : {}),
            });
          if (stopped) {
            describe(step, 'not-run', `not run: ${stopped}`);
            notRun.push(`${email}: ${where}`);
            auditStep(null, { result: 'not-run', message: `not run: ${stopped}` });
            continue;
          }
          const outcome = await runStep(ctx, step, `${email}: ${where}`);
          const { result, message, verified } = outcome;
          describe(step, result, message, outcome);
          auditStep(auditRequest(step.request), outcome);
          if (result === 'applied' || result === 'no-change' || verified === 'changed') {
            if (result === 'no-change') alreadyDone++;
            else ran.push(`${email}: ${where}`);
            text(ctx, `${email}: ${where}: ${message}\n`);
          } else {
            failedSteps++;
            // A revocation of unknown outcome does not stop the seat step: revoking again is harmless.
            if (!(step.kind === 'revoke-sessions' && result === 'unknown')) {
              stopped = `${step.kind} before it did not succeed in this account`;
            }
            ctx.out.stderr(`graph-cloudflare offboard: ${email}: ${where}: ${message}\n`);
          }
        }
      }
    }
    if (planned.length === 0) {
      report.summary = nothingLeft(who, accounts.length, refused.length);
      for (const email of who) {
        if (refused.some((p) => p.email === email)) continue;
        audit(ctx, {
          account: '*',
          action: 'offboard',
          target: email,
          request: null,
          result: 'no-change',
          message: report.summary,
        });
      }
    } else {
      report.summary =
        `${ran.length} of ${planned.length} changes applied` +
        (alreadyDone > 0 ? `; ${alreadyDone} already done meanwhile` : '') +
        (notRun.length > 0 ? `; not run (an earlier step of the same account failed): ${notRun.join('; ')}` : '') +
        (failedSteps > 0 ? `; ${failedSteps} failed or not known to be applied (see above)` : '');
    }
    report.result =
      failedSteps > 0
        ? 'failed'
        : refused.length > 0
          ? 'refused'
          : incomplete.length > 0
            ? 'incomplete'
            : planned.length > 0
              ? 'applied'
              : 'no-change';
    const ok = report.result === 'applied' || report.result === 'no-change';
    if (ok) text(ctx, `${report.summary}\n`);
    else ctx.out.stderr(`graph-cloudflare offboard: ${report.summary}\n`);
    report.auditLog = ctx.args.auditLog;
    text(ctx, `audit: appended to ${ctx.args.auditLog}\n`);
  }

  if (refused.length > 0) {
    ctx.out.stderr(
      `graph-cloudflare offboard: refused in ${refused.map((p) => `${accountLabel(p)} for ${p.email}`).join(', ')}: ` +
        'nothing was done there (see the plan above)\n',
    );
  }
  if (incomplete.length > 0) {
    ctx.out.stderr(
      `graph-cloudflare offboard: not fully read: ${incomplete.map((p) => `${accountLabel(p)} for ${p.email}`).join(', ')}; ` +
        'its Zero Trust sessions and seat were not checked\n',
    );
  }
  report.people = [...plans].map(([email, mine]) => ({
    email,
    accounts: mine.map(({ steps, email: _email, ...rest }) => ({
      ...rest,
      steps: steps.map((s) => outcomes.get(s) ?? describe(s, 'not-run', 'not run')),
    })),
  }));
  const code = report.result === 'applied' || report.result === 'no-change' || report.result === 'dry-run' ? 0 : 1;
  return { code, report };
}
