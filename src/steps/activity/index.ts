import { IntegrationStep, PublishEventLevel, Relationship } from '@jupiterone/integration-sdk-core';
import { ListingResult } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { oneLine } from '../../util/oneLine';
import { relationshipWith } from '../../util/relationships';
import { toEpochMs } from '../../util/time';
import { accessUserKeysByEmail } from '../access-users';
import { areaIsOn } from '../common/areaIsOn';
import { runStep, StepContext, StepRun, tagRefusal } from '../common/StepRun';
import {
  AccessRequestActivity,
  accessRequestActivity,
  ActivityDataKeys,
  addAccessRequests,
  addLogins,
  LoginActivity,
} from './summaries';
import { CloudflareAccessRequest, CloudflareAuditLogEntry } from './types';

/**
 * Most requests one account's Access authentication log may take (1,000
 * entries each): 100,000 authentications in the window. Past it the walk
 * stops with a warning and the edges are reported partial.
 */
export const MAX_ACCESS_REQUEST_PAGES = 100;

const DAY_MS = 86_400_000;

/**
 * Whether the activity area runs: its INGEST_ACTIVITY switch and JupiterOne's
 * `activity` ingestion source. fetch-activity checks this itself instead of
 * being disabled (see activitySteps).
 */
export function activityIsOn(context: StepContext): boolean {
  return areaIsOn(context, 'activity');
}

function listingWarning(run: StepRun, what: string, accountId: string, result: ListingResult): void {
  const description = oneLine(
    `Stopped reading ${what} of account ${accountId} (${result.endpoint}) early: ${result.stop?.detail ?? 'unknown reason'} ` +
      `(${result.stop?.reason}). Read ${result.items} entries in ${result.pages} requests; activity found is kept, ` +
      'but "no activity in the window" cannot be told for this account (activityWindowDays is left out).',
  );
  run.logger.warn({ accountId }, description);
  run.logger.publishEvent({ name: 'incomplete_listing', description, level: PublishEventLevel.Warn });
}

async function readLogins(run: StepRun, accountId: string, now: number): Promise<void> {
  const windowDays = run.settings.activityLookbackDays;
  const sinceMs = now - windowDays * DAY_MS;
  const activity: LoginActivity = { windowDays, complete: false, byUserId: {}, byEmail: {} };
  const result = await tagRefusal('auditLogins', () =>
    run.client.list<CloudflareAuditLogEntry>(
      'auditLogins',
      { accountId },
      (entries) => addLogins(activity, entries, sinceMs),
      { since: new Date(sinceMs).toISOString() },
    ),
  );
  activity.complete = result.complete;
  if (!result.complete) listingWarning(run, 'the audit log', accountId, result);
  run.tally('accounts with logins read').added++;
  run.tally('members with a login').added += Object.keys(activity.byUserId).length;
  await run.jobState.setData(ActivityDataKeys.logins(accountId), activity);
}

async function readAccessRequests(run: StepRun, accountId: string, now: number): Promise<void> {
  const windowDays = run.settings.activityLookbackDays;
  const activity: AccessRequestActivity = { windowDays, complete: false, users: {}, withoutEmail: 0 };
  const result = await tagRefusal('accessRequests', () =>
    run.client.walkByTime<CloudflareAccessRequest>(
      'accessRequests',
      { accountId },
      {
        since: new Date(now - windowDays * DAY_MS),
        until: new Date(now),
        maxRequests: MAX_ACCESS_REQUEST_PAGES,
        timeOf: (entry) => toEpochMs(entry?.created_at),
        idOf: (entry) => entry?.ray_id || JSON.stringify(entry),
        onPage: (entries) => addAccessRequests(activity, entries),
      },
    ),
  );
  activity.complete = result.complete;
  if (!result.complete) listingWarning(run, 'the Access authentication log', accountId, result);
  run.tally('Access authentications').added += result.items;
  if (activity.withoutEmail > 0) {
    run.logger.info(
      { accountId },
      `${activity.withoutEmail} Access authentications of account ${accountId} name no user email (service tokens or odd entries); they are counted nowhere.`,
    );
  }
  await run.jobState.setData(ActivityDataKeys.accessRequests(accountId), activity);
}

/**
 * Reads the two activity logs and leaves per-account summaries in job data;
 * it adds nothing to the graph itself.
 *
 * Why this order: an entity cannot change once added, and "no login in 90
 * days" should be one query on the member (`lastLoginOn` +
 * `activityWindowDays`), not a join through extra entities. So the logs are
 * read first and fetch-account-members / fetch-access-users put the
 * properties on the entities they create. Those core steps depend on this
 * one, and the SDK never runs the dependents of a disabled step: this step
 * is therefore never disabled; with the area off (INGEST_ACTIVITY=false or
 * JupiterOne's `activity` source off) it returns at once and costs nothing.
 */
export async function fetchActivity(context: StepContext): Promise<void> {
  if (!activityIsOn(context)) {
    context.logger.info('Activity is off (INGEST_ACTIVITY=false or the activity source is disabled): logs not read.');
    return;
  }
  const now = Date.now();
  await runStep(context, async (run) => {
    await run.forEachAccountInArea({ what: 'member logins (audit log)', endpoints: ['auditLogins'] }, (accountId) =>
      readLogins(run, accountId, now),
    );
    // No Zero Trust users to put it on when their area or source is off.
    if (!areaIsOn(context, 'zeroTrust')) return;
    await run.forEachAccountInArea({ what: 'Access authentications', endpoints: ['accessRequests'] }, (accountId) =>
      readAccessRequests(run, accountId, now),
    );
  });
}

/** Application keys of one account by id and by domain, from fetch-access-applications. */
async function applicationKeys(run: StepRun): Promise<Map<string, Map<string, string>>> {
  const byAccount = new Map<string, Map<string, string>>();
  await run.jobState.iterateEntities({ _type: Entities.ACCESS_APPLICATION._type }, (app) => {
    const accountId = String(app.accountId);
    let keys = byAccount.get(accountId);
    if (!keys) byAccount.set(accountId, (keys = new Map()));
    keys.set(String(app.id), app._key);
    if (typeof app.domain === 'string' && !keys.has(`domain:${app.domain}`)) keys.set(`domain:${app.domain}`, app._key);
  });
  return byAccount;
}

/** USES edges from one account's summary; counts what could not be matched. */
export function userApplicationRelationships(
  activity: AccessRequestActivity,
  users: Record<string, string>,
  apps: Map<string, string>,
): { relationships: Relationship[]; unknownUsers: number; unknownApps: number } {
  const relationships: Relationship[] = [];
  let unknownUsers = 0;
  const unknownApps = new Set<string>();
  for (const [email, user] of Object.entries(activity.users)) {
    const userKey = users[email];
    if (!userKey) {
      unknownUsers++;
      continue;
    }
    for (const [appId, app] of Object.entries(user.apps)) {
      const appKey =
        apps.get(appId) ??
        (app.appUid ? apps.get(app.appUid) : undefined) ??
        (app.appDomain ? apps.get(`domain:${app.appDomain}`) : undefined);
      if (!appKey) {
        unknownApps.add(appId);
        continue;
      }
      relationships.push(
        relationshipWith(Relationships.ACCESS_USER_USES_APPLICATION, userKey, appKey, {
          lastAccessOn: app.lastAccessOn,
          allowedAccessCount: app.allowed,
          deniedAccessCount: app.denied,
          activityWindowDays: activity.complete ? activity.windowDays : undefined,
        }),
      );
    }
  }
  return { relationships, unknownUsers, unknownApps: unknownApps.size };
}

/** Zero Trust user USES Access application, from fetch-activity's summaries; no requests. */
export async function buildAccessUserActivity(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const appsByAccount = await applicationKeys(run);
    const edges = run.tally('user-application edges');
    await run.forEachAccount('Access activity edges', async (accountId) => {
      const activity = await accessRequestActivity(run.jobState, accountId);
      if (!activity) return;
      const users = await accessUserKeysByEmail(run.jobState, accountId);
      const { relationships, unknownUsers, unknownApps } = userApplicationRelationships(
        activity,
        users,
        appsByAccount.get(accountId) ?? new Map(),
      );
      await run.add([], relationships);
      edges.added += relationships.length;
      if (unknownUsers > 0 || unknownApps > 0) {
        run.logger.info(
          { accountId },
          oneLine(
            `Access authentications of account ${accountId} name ${unknownUsers} users and ${unknownApps} applications ` +
              'that are not (or no longer) in the lists read: no edge for those.',
          ),
        );
      }
      if (!activity.complete) {
        run.markIncomplete(`Access authentication log of account ${accountId} was not read to the end`);
      }
    });
  });
}

export const activitySteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACTIVITY,
    name: 'Fetch Activity',
    entities: [],
    relationships: [],
    // No ingestionSourceId on purpose: it checks the `activity` source itself (see fetchActivity).
    dependsOn: [Steps.ACCOUNTS],
    executionHandler: fetchActivity,
  },
  {
    id: Steps.ACCESS_USER_ACTIVITY,
    name: 'Build Access User Activity',
    entities: [],
    relationships: [Relationships.ACCESS_USER_USES_APPLICATION],
    dependsOn: [Steps.ACTIVITY, Steps.ACCESS_USERS, Steps.ACCESS_APPLICATIONS],
    ingestionSourceId: ingestionSourceOf(Steps.ACCESS_USER_ACTIVITY),
    executionHandler: buildAccessUserActivity,
  },
];
