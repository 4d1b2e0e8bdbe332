import { AccessModel, MemberAccess, TokenInfo } from '../graph/access';
import { cmp } from '../util/compare';
import { isoDay } from '../util/output';
import { Policy } from './policy';
import { Roster, RosterEntry } from './roster';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface Offender {
  accountId: string;
  accountName: string;
  /** The member's email ('' for a token: Cloudflare records no creator). */
  email: string;
  memberId?: string;
  tokenId?: string;
  detail: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** One line: what was checked, or why it was skipped. */
  summary: string;
  offenders: Offender[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Accepted members and pending invitations: an invitation can be accepted at any time. */
export const hasAccess = (member: MemberAccess): boolean => member.status === 'accepted' || member.status === 'pending';

const membershipText = (member: MemberAccess) =>
  member.status === 'pending' ? 'invitation pending' : `membership ${member.status}`;

const offender = (member: MemberAccess, detail: string): Offender => ({
  accountId: member.accountId,
  accountName: member.accountName,
  email: member.email,
  memberId: member.memberId,
  detail,
});

function result(id: string, title: string, summary: string, offenders: Offender[]): CheckResult {
  return { id, title, status: offenders.length > 0 ? 'fail' : 'pass', summary, offenders };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function rosterKeys(entry: RosterEntry): string {
  const keys = [
    entry.role ? `role "${entry.role}"` : undefined,
    entry.department ? `department "${entry.department}"` : undefined,
  ].filter(Boolean);
  return keys.length > 0 ? keys.join(' / ') : 'no role or department in the roster';
}

/** What a member may hold: the union of allowedRoles for their roster role and department. */
function allowedFor(entry: RosterEntry, allowedRoles: Record<string, string[]>): Set<string> | undefined {
  const byKey = new Map(Object.entries(allowedRoles).map(([key, names]) => [key.toLowerCase(), names]));
  let found = false;
  const allowed = new Set<string>();
  for (const key of [entry.role, entry.department]) {
    const names = key === undefined ? undefined : byKey.get(key.toLowerCase());
    if (names) {
      found = true;
      names.forEach((n) => allowed.add(n));
    }
  }
  return found ? allowed : undefined;
}

function tokenAge(token: TokenInfo, now: number): { since?: number; text: string } {
  if (token.lastUsedOn !== undefined) {
    const days = Math.floor((now - token.lastUsedOn) / DAY_MS);
    return { since: token.lastUsedOn, text: `last used ${isoDay(token.lastUsedOn)} (${plural(days, 'day')} ago)` };
  }
  if (token.issuedOn !== undefined) {
    const days = Math.floor((now - token.issuedOn) / DAY_MS);
    return { since: token.issuedOn, text: `never used, issued ${isoDay(token.issuedOn)} (${plural(days, 'day')} ago)` };
  }
  return { text: 'never used, issue date unknown' };
}

/** The compliance checks of `check`, in a fixed order. */
export function runChecks(model: AccessModel, roster: Roster, policy: Policy, now: number): CheckResult[] {
  const withAccess = model.members.filter(hasAccess);
  const inRoster = (m: MemberAccess) => roster.entries.get(m.email);
  const results: CheckResult[] = [];
  const scope = `${plural(withAccess.length, 'member')} with access (accepted or invited) in ${plural(
    new Set(withAccess.map((m) => m.accountId)).size,
    'account',
  )}`;

  results.push(
    result(
      'identified',
      'Every member is identified in the roster',
      scope,
      withAccess.filter((m) => !inRoster(m)).map((m) => offender(m, `not in the roster (${membershipText(m)})`)),
    ),
  );

  results.push(
    result(
      'leavers',
      'No access for people the roster marks as terminated or does not list',
      scope,
      withAccess.flatMap((m) => {
        const entry = inRoster(m);
        if (!entry) return [offender(m, `not in the roster, ${membershipText(m)}`)];
        if (entry.status === 'terminated') {
          return [offender(m, `terminated in the roster (line ${entry.line}), ${membershipText(m)}`)];
        }
        return [];
      }),
    ),
  );

  if (!policy.allowedRoles) {
    results.push({
      id: 'roles',
      title: "Each member's roles are allowed for their roster role or department",
      status: 'skip',
      summary: 'the policy sets no allowedRoles',
      offenders: [],
    });
  } else {
    const judged = withAccess.filter((m) => inRoster(m)?.status === 'active');
    const offenders: Offender[] = [];
    for (const member of judged) {
      const entry = inRoster(member)!;
      const allowed = allowedFor(entry, policy.allowedRoles);
      const held = [
        ...member.roles.map((role) => ({ name: role, text: `role "${role}"` })),
        ...member.grants.flatMap((grant) =>
          grant.permissionGroups.map((group) => ({
            name: group,
            text: `"${group}" on ${grant.scope} ${grant.targetName}`,
          })),
        ),
      ];
      const outside = held.filter((item) => !allowed?.has(item.name));
      if (outside.length === 0) continue;
      const because = allowed
        ? `allowed for ${rosterKeys(entry)}: ${
            [...allowed]
              .sort(cmp)
              .map((name) => `"${name}"`)
              .join(', ') || 'nothing'
          }`
        : `the policy allows nothing for ${rosterKeys(entry)}`;
      offenders.push(offender(member, `${outside.map((o) => o.text).join(', ')} not allowed (${because})`));
    }
    results.push(
      result(
        'roles',
        "Each member's roles are allowed for their roster role or department",
        `${plural(judged.length, 'active roster member')} with access`,
        offenders,
      ),
    );
  }

  if (!policy.require2fa) {
    results.push({
      id: '2fa',
      title: '2FA is on for every member',
      status: 'skip',
      summary: 'the policy sets require2fa to false',
      offenders: [],
    });
  } else {
    const accepted = model.members.filter((m) => m.status === 'accepted');
    results.push(
      result(
        '2fa',
        '2FA is on for every member',
        `${plural(accepted.length, 'accepted member')} (pending invitations cannot sign in yet)`,
        accepted
          .filter((m) => m.mfa !== 'on')
          .map((m) =>
            offender(
              m,
              m.mfa === 'off' ? '2FA off' : '2FA unknown (Cloudflare did not give the user, so not known to be on)',
            ),
          ),
      ),
    );
  }

  const maxText = `${policy.maxSuperAdmins} Super Administrator${policy.maxSuperAdmins === 1 ? '' : 's'}`;
  const superAdminOffenders: Offender[] = [];
  for (const account of model.accounts) {
    const admins = withAccess.filter((m) => m.accountId === account.id && m.superAdmin);
    if (admins.length <= policy.maxSuperAdmins) continue;
    for (const admin of admins) {
      superAdminOffenders.push(
        offender(
          admin,
          `Super Administrator, ${membershipText(admin)}; ${account.name} has ${admins.length} (at most ${policy.maxSuperAdmins})`,
        ),
      );
    }
  }
  results.push(
    result(
      'super-admins',
      `At most ${maxText} per account`,
      `${plural(model.accounts.length, 'account')}, accepted and invited members`,
      superAdminOffenders,
    ),
  );

  const idleTitle = `No active API token unused for more than ${plural(policy.maxTokenIdleDays, 'day')}`;
  if (!model.tokensCollected) {
    results.push({
      id: 'token-idle',
      title: idleTitle,
      status: 'skip',
      summary: 'the graph holds no API tokens (the api-tokens area was not collected)',
      offenders: [],
    });
  } else {
    const active = model.tokens.filter((t) => t.active);
    const limit = now - policy.maxTokenIdleDays * DAY_MS;
    const accountName = (id?: string) =>
      id === undefined ? '(user token)' : (model.accounts.find((a) => a.id === id)?.name ?? id);
    const offenders = active
      .map((token) => ({ token, age: tokenAge(token, now) }))
      .filter(({ age }) => age.since === undefined || age.since < limit)
      .map(({ token, age }) => ({
        accountId: token.accountId ?? '',
        accountName: accountName(token.accountId),
        // Cloudflare records no token creator.
        email: '',
        tokenId: token.id,
        detail: `token "${token.name}" (${token.id}) ${age.text}`,
      }))
      .sort((a, b) => cmp(a.accountName, b.accountName) || cmp(a.detail, b.detail));
    results.push(result('token-idle', idleTitle, `${plural(active.length, 'active token')}`, offenders));
  }
  // Only when the policy asks for it: policies written before it keep their report.
  if (policy.maxInactiveDays !== undefined) results.push(inactiveCheck(model, policy.maxInactiveDays, now));
  return results;
}

/**
 * Accepted members without a dashboard login in `maxInactiveDays`. A member
 * can be judged only when the activity area read their account's audit log
 * over at least that many days (or found a login): the others are counted,
 * never failed, so a collection without activity does not fail everyone.
 */
function inactiveCheck(model: AccessModel, days: number, now: number): CheckResult {
  const id = 'inactive';
  const title = `Every accepted member logged in to the dashboard in the last ${plural(days, 'day')}`;
  const accepted = model.members.filter((m) => m.status === 'accepted');
  const limit = now - days * DAY_MS;
  const offenders: Offender[] = [];
  let notCollected = 0;
  let shortWindow = 0;
  for (const member of accepted) {
    const login = member.dashboardLogin;
    if (login.kind === 'not-collected') notCollected++;
    else if (login.kind === 'at') {
      if (login.at < limit) {
        const ago = Math.floor((now - login.at) / DAY_MS);
        offenders.push(offender(member, `last dashboard login ${isoDay(login.at)} (${plural(ago, 'day')} ago)`));
      }
    } else if (login.windowDays < days) shortWindow++;
    else offenders.push(offender(member, `no dashboard login in the ${login.windowDays} days read`));
  }
  const judged = accepted.length - notCollected - shortWindow;
  if (judged === 0 && accepted.length > 0) {
    return {
      id,
      title,
      status: 'skip',
      summary:
        notCollected > 0
          ? 'the graph holds no login activity for these members (the activity area was off, or the token could not read the audit log)'
          : `the audit log was read over fewer than ${plural(days, 'day')} (set ACTIVITY_LOOKBACK_DAYS to at least ${days})`,
      offenders: [],
    };
  }
  const notes = [
    notCollected > 0 ? `${plural(notCollected, 'member')} not judged: login activity not collected for them` : '',
    shortWindow > 0 ? `${plural(shortWindow, 'member')} not judged: the audit log was read over fewer days` : '',
  ].filter(Boolean);
  return result(
    id,
    title,
    `${plural(judged, 'accepted member')}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
    offenders,
  );
}
