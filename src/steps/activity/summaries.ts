import { JobState } from '@jupiterone/integration-sdk-core';
import { toEpochMs } from '../../util/time';
import { normalizeEmail } from '../../util/email';
import { CloudflareAccessRequest, CloudflareAuditLogEntry } from './types';

/**
 * What fetch-activity read for one account, kept in job data for the steps
 * that build the entities (fetch-account-members, fetch-access-users) and
 * the user → application edges (build-access-user-activity). Absent when
 * the account's log was not read (area off, permission missing, no Zero Trust).
 */
export const ActivityDataKeys = {
  logins: (accountId: string) => `activity:logins:${accountId}`,
  accessRequests: (accountId: string) => `activity:access-requests:${accountId}`,
};

export interface LoginActivity {
  /** Days the log was read back. */
  windowDays: number;
  /** False when the listing stopped early: a member without a login found may still have one. */
  complete: boolean;
  /** Newest successful login (epoch ms) by Cloudflare user id, and by lower-cased email. */
  byUserId: Record<string, number>;
  byEmail: Record<string, number>;
}

export interface AccessCounts {
  /** Newest allowed request (epoch ms). */
  lastAccessOn?: number;
  allowed: number;
  denied: number;
}

export interface AppAccess extends AccessCounts {
  appUid?: string;
  appDomain?: string;
}

export interface UserAccess extends AccessCounts {
  /** By app_uid, or `domain:<app_domain>` when the entry names no uid. */
  apps: Record<string, AppAccess>;
}

export interface AccessRequestActivity {
  windowDays: number;
  complete: boolean;
  /** By lower-cased user email. */
  users: Record<string, UserAccess>;
  /** Entries without a user email (service tokens, odd shapes): counted, not dropped silently. */
  withoutEmail: number;
}

/** Keeps the newest time of each key. */
function keepNewest(map: Record<string, number>, key: string | undefined, when: number): void {
  if (key && (map[key] === undefined || map[key] < when)) map[key] = when;
}

/**
 * A login counts only when Cloudflare says it succeeded (`result: true`):
 * a failed login is an attempt, not activity. Entries before the window
 * (a server that ignored `since`) are left out.
 */
export function addLogins(activity: LoginActivity, entries: CloudflareAuditLogEntry[], sinceMs: number): void {
  for (const entry of entries) {
    if (entry?.action?.type !== 'login' || entry.action.result !== true) continue;
    const when = toEpochMs(entry.when);
    if (when === undefined || when < sinceMs) continue;
    keepNewest(activity.byUserId, entry.actor?.id ?? undefined, when);
    keepNewest(activity.byEmail, normalizeEmail(entry.actor?.email), when);
  }
}

function count(target: AccessCounts, allowed: boolean, when: number | undefined): void {
  if (allowed) {
    target.allowed++;
    if (when !== undefined && (target.lastAccessOn === undefined || target.lastAccessOn < when)) {
      target.lastAccessOn = when;
    }
  } else {
    target.denied++;
  }
}

/** Adds Access authentications per user and per application; `allowed` other than true is a denial. */
export function addAccessRequests(activity: AccessRequestActivity, entries: CloudflareAccessRequest[]): void {
  for (const entry of entries) {
    const email = normalizeEmail(entry?.user_email);
    if (!email) {
      activity.withoutEmail++;
      continue;
    }
    const allowed = entry.allowed === true;
    const when = toEpochMs(entry.created_at);
    const user = (activity.users[email] ??= { allowed: 0, denied: 0, apps: {} });
    count(user, allowed, when);
    const appUid = entry.app_uid || undefined;
    const appDomain = entry.app_domain || undefined;
    const appId = appUid ?? (appDomain ? `domain:${appDomain}` : undefined);
    if (!appId) continue;
    const app = (user.apps[appId] ??= { appUid, appDomain, allowed: 0, denied: 0 });
    count(app, allowed, when);
  }
}

export async function loginActivity(jobState: JobState, accountId: string): Promise<LoginActivity | undefined> {
  return jobState.getData<LoginActivity>(ActivityDataKeys.logins(accountId));
}

export async function accessRequestActivity(
  jobState: JobState,
  accountId: string,
): Promise<AccessRequestActivity | undefined> {
  return jobState.getData<AccessRequestActivity>(ActivityDataKeys.accessRequests(accountId));
}

/**
 * Member properties from the audit log: `lastLoginOn` when a login was found,
 * `activityWindowDays` whenever the log was read in full, so "no login in N
 * days" is `lastLoginOn = undefined and activityWindowDays >= N`.
 */
export function memberActivityProperties(
  activity: LoginActivity | undefined,
  userId: string | undefined,
  email: string | undefined,
): { lastLoginOn?: number; activityWindowDays?: number } {
  if (!activity) return {};
  const byId = userId ? activity.byUserId[userId] : undefined;
  const byEmail = email ? activity.byEmail[normalizeEmail(email) ?? ''] : undefined;
  const found = [byId, byEmail].filter((t): t is number => t !== undefined);
  return {
    lastLoginOn: found.length > 0 ? Math.max(...found) : undefined,
    activityWindowDays: activity.complete ? activity.windowDays : undefined,
  };
}

/** Zero Trust user properties from the Access authentication log (counts are 0 for a user not in it). */
export function accessUserActivityProperties(
  activity: AccessRequestActivity | undefined,
  email: string | undefined,
): { lastAccessOn?: number; allowedAccessCount?: number; deniedAccessCount?: number; activityWindowDays?: number } {
  if (!activity) return {};
  const user = email ? activity.users[email] : undefined;
  return {
    lastAccessOn: user?.lastAccessOn,
    allowedAccessCount: user?.allowed ?? 0,
    deniedAccessCount: user?.denied ?? 0,
    activityWindowDays: activity.complete ? activity.windowDays : undefined,
  };
}
