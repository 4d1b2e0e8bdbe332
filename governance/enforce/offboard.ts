/**
 * graph-cloudflare offboard: takes people out of every account the token
 * sees. It reads first (accounts, members and roles, Zero Trust users), prints
 * the whole plan, and only with --apply runs it, account by account, step by
 * step. A step that fails stops the rest of its account (later steps may
 * depend on it); the closing lines say exactly which steps ran and which did
 * not. Running it again re-reads everything and plans only what is left, so
 * a second --apply changes nothing and says so.
 */
import type { AuditEntry, AuditResult } from './audit';
import { appendAuditRecord, auditRequest } from './audit';
import type { RunContext } from './commands';
import { sameEmail } from './email';
import { AccountPlan, AccountView, afterPlan, OffboardStep, planOffboardAccount } from './offboardPlan';
import { memberEmail } from './plan';

export interface StepOutcome {
  kind: OffboardStep['kind'];
  summary: string;
  request: { method: string; url: string; body?: unknown };
  result: AuditResult | 'dry-run';
  message: string;
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

async function runStep(ctx: RunContext, step: OffboardStep): Promise<{ result: AuditResult; message: string }> {
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
  // The answer was lost: never resend blindly; the next run re-reads the state and plans what is left.
  return {
    result: 'unknown',
    message:
      `outcome unknown: the answer was lost (${outcome.message}); the request was NOT sent again. ` +
      'Run offboard again: it reads the state and plans only what is left',
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
  const describe = (step: OffboardStep, result: StepOutcome['result'], message: string): StepOutcome => {
    const outcome: StepOutcome = {
      kind: step.kind,
      summary: step.summary,
      request: {
        method: step.request.method,
        url: ctx.session.url(step.request.path),
        ...(step.request.body === undefined ? {} : { body: step.request.body }),
      },
      result,
      message,
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
          const auditStep = (request: AuditEntry['request'], result: AuditResult, message: string) =>
            audit(ctx, {
              account: plan.accountId,
              action: 'offboard',
              step: step.kind,
              target: step.target,
              ...(step.memberId ? { memberId: step.memberId } : {}),
              before: step.before,
              request,
              result,
              message,
            });
          if (stopped) {
            describe(step, 'not-run', `not run: ${stopped}`);
            notRun.push(`${email}: ${where}`);
            auditStep(null, 'not-run', `not run: ${stopped}`);
            continue;
          }
          const { result, message } = await runStep(ctx, step);
          describe(step, result, message);
          auditStep(auditRequest(step.request), result, message);
          if (result === 'applied' || result === 'no-change') {
            if (result === 'applied') ran.push(`${email}: ${where}`);
            else alreadyDone++;
            text(ctx, `${email}: ${where}: ${message}\n`);
          } else {
            failedSteps++;
            stopped = `${step.kind} before it did not succeed in this account`;
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
