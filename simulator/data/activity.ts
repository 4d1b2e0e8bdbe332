/**
 * Activity logs derived from a dataset's members, Zero Trust users and
 * Access applications, by fixed rules (no clock, no PRNG): times are ages
 * before the simulator's clock.
 *
 * Members (accepted only, each once, by position in their account):
 *   position 0: logged in 2 days ago, and a failed attempt 1 day ago;
 *   position % 5 == 1: only a failed login in the window (3 days ago);
 *   position % 5 == 2: last login 120 days ago (none in a 90-day window);
 *   otherwise: logged in ((position * 7) % 85) + 1 days ago.
 * Each member also has a non-login entry (the log holds more than logins).
 *
 * Zero Trust users (by position j in their account, apps A0..An-1):
 *   j % 4 == 3: no authentication at all;
 *   otherwise `perUser` allowed authentications on app A(j % n), the newest
 *   (j + 1) days ago, one hour apart; j % 3 == 0: also 2 denied on A((j+1) % n).
 */
import { hexId } from './random';
import type { SimAccessApp, SimAccessRequestRecord, SimAccessUser, SimAuditLogRecord, SimMember } from '../types';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface SimActivity {
  auditLogsByAccount: Map<string, SimAuditLogRecord[]>;
  accessRequestsByAccount: Map<string, SimAccessRequestRecord[]>;
  /** The clock the logs' ages count back from; the request's time when unset. */
  activityNowMs?: number;
}

/** Days ago of a member's last successful login, or undefined for none ever (by the rules above). */
export function memberLoginAgeDays(position: number): number | undefined {
  if (position === 0) return 2;
  if (position % 5 === 1) return undefined;
  if (position % 5 === 2) return 120;
  return ((position * 7) % 85) + 1;
}

function auditEntry(
  accountId: string,
  member: SimMember,
  n: number,
  ageMs: number,
  type: string,
  result: boolean,
): SimAuditLogRecord {
  return {
    id: hexId('audit', accountId, member.id, n),
    ageMs,
    action: { type, result },
    actor: { id: member.user.id ?? member.id, email: member.email, ip: '198.51.100.7', type: 'user' },
    interface: 'UI',
    resource: { id: member.user.id ?? member.id, type: type === 'login' ? 'user' : 'account' },
  };
}

/** Accepted members, each once (a dataset may list one twice, as Cloudflare does across pages). */
export function acceptedOnce(members: SimMember[]): SimMember[] {
  const seen = new Set<string>();
  return members.filter((m) => m.status === 'accepted' && !seen.has(m.id) && seen.add(m.id) !== undefined);
}

function memberEntries(accountId: string, members: SimMember[]): SimAuditLogRecord[] {
  const entries: SimAuditLogRecord[] = [];
  acceptedOnce(members).forEach((member, position) => {
    const days = memberLoginAgeDays(position);
    if (days !== undefined) entries.push(auditEntry(accountId, member, 0, days * DAY_MS, 'login', true));
    if (position === 0) entries.push(auditEntry(accountId, member, 1, DAY_MS, 'login', false));
    if (position % 5 === 1) entries.push(auditEntry(accountId, member, 1, 3 * DAY_MS, 'login', false));
    entries.push(auditEntry(accountId, member, 2, 10 * DAY_MS + HOUR_MS, 'update', true));
  });
  return entries.sort((a, b) => a.ageMs - b.ageMs);
}

function accessEntries(
  accountId: string,
  users: SimAccessUser[],
  apps: SimAccessApp[],
  perUser: number,
): SimAccessRequestRecord[] {
  if (apps.length === 0) return [];
  const entries: SimAccessRequestRecord[] = [];
  const entry = (user: SimAccessUser, app: SimAccessApp, ageMs: number, allowed: boolean, n: number) => ({
    ageMs,
    user_email: user.email,
    app_uid: app.id,
    app_domain: app.domain ?? '',
    allowed,
    action: 'login',
    connection: 'okta',
    ip_address: '203.0.113.9',
    ray_id: hexId('ray', accountId, user.id, n).slice(0, 16),
  });
  users.forEach((user, j) => {
    if (j % 4 === 3) return;
    const app = apps[j % apps.length];
    for (let k = 0; k < perUser; k++) entries.push(entry(user, app, (j + 1) * DAY_MS + k * HOUR_MS, true, k));
    if (j % 3 === 0) {
      const other = apps[(j + 1) % apps.length];
      for (let k = 0; k < 2; k++) entries.push(entry(user, other, (j + 1) * DAY_MS + 30 * 60_000 + k, false, 100 + k));
    }
  });
  return entries.sort((a, b) => a.ageMs - b.ageMs);
}

/** The activity logs of a dataset (accounts without Zero Trust get no Access log). */
export function activityLogs(
  base: {
    accounts: Array<{ id: string }>;
    membersByAccount: Map<string, SimMember[]>;
    accessUsersByAccount: Map<string, SimAccessUser[]>;
    accessAppsByAccount: Map<string, SimAccessApp[]>;
    zeroTrustDisabled: Set<string>;
  },
  perUser = 3,
): SimActivity {
  const auditLogsByAccount = new Map<string, SimAuditLogRecord[]>();
  const accessRequestsByAccount = new Map<string, SimAccessRequestRecord[]>();
  for (const { id } of base.accounts) {
    auditLogsByAccount.set(id, memberEntries(id, base.membersByAccount.get(id) ?? []));
    if (base.zeroTrustDisabled.has(id)) continue;
    accessRequestsByAccount.set(
      id,
      accessEntries(id, base.accessUsersByAccount.get(id) ?? [], base.accessAppsByAccount.get(id) ?? [], perUser),
    );
  }
  return { auditLogsByAccount, accessRequestsByAccount };
}
