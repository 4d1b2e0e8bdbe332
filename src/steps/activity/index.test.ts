/**
 * The activity area against the simulator: member logins from the audit log,
 * Zero Trust users' Access authentications, the user → application edges,
 * and the degraded paths (permission missing, no Zero Trust, area off).
 */
import { PublishEventLevel, Relationship } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships } from '../../constants';
import { simulatorConfig, SimulatorHandle, useSimulator } from '../../../test/config';
import { ACME_CORP, ACME_LABS, ADA, GRACE, NEW_HIRE, SANDBOX, TINY_ACCOUNT } from '../../../test/fixtures';
import { realisticDataset, SIM_TOKENS, SimulatorDataset, startSimulator, tinyDataset } from '../../../simulator';
import { acceptedOnce, DAY_MS, memberLoginAgeDays } from '../../../simulator/data/activity';
import { fetchAccessApplications } from '../access-applications';
import { fetchAccessUsers } from '../access-users';
import { fetchAccountMembers } from '../account-members';
import { fetchAccountRoles } from '../account-roles';
import { fetchAccounts } from '../accounts';
import { StepContext } from '../common/StepRun';
import { AccessRequestActivity, ActivityDataKeys } from './summaries';
import { buildAccessUserActivity, fetchActivity } from '.';

/** The simulator's clock for the logs: fixed, so times in answers are exact. */
const NOW = Date.now();
/** The served dataset, kept so a test can change a token's permissions in place. */
const served: Record<string, SimulatorDataset> = {};
const at = (name: string, dataset: () => SimulatorDataset) => (): SimulatorDataset =>
  (served[name] = { ...dataset(), activityNowMs: NOW });

type Handler = (context: StepContext) => Promise<void>;

/** A config with the activity area on (test/config turns it off for every other simulator test). */
const on = (handle: SimulatorHandle, overrides: Partial<IntegrationConfig> = {}) =>
  handle.config({ ingestActivity: true, ...overrides });

async function run(config: IntegrationConfig, handlers: Handler[], disabledSources?: string[]) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: config });
  if (disabledSources) {
    (context.instance as { disabledSources?: unknown }).disabledSources = disabledSources.map((ingestionSourceId) => ({
      ingestionSourceId,
    }));
  }
  const warn = jest.spyOn(context.logger, 'warn');
  const info = jest.spyOn(context.logger, 'info');
  const events = jest.spyOn(context.logger, 'publishEvent');
  for (const handler of handlers) await handler(context);
  const entity = (key: string) => context.jobState.collectedEntities.find((e) => e._key === key);
  return {
    context,
    entity,
    warn: warn.mock.calls,
    info: info.mock.calls.map((call) => call[call.length - 1] as string),
    events: events.mock.calls.map(([event]) => event),
  };
}

const MEMBER_STEPS: Handler[] = [fetchAccounts, fetchActivity, fetchAccountRoles, fetchAccountMembers];
const memberKey = (id: string) => `${Entities.ACCOUNT_MEMBER._type}:${id}`;
const activityOf = (entity: Record<string, unknown> | undefined) => ({
  lastLoginOn: entity?.lastLoginOn,
  activityWindowDays: entity?.activityWindowDays,
});

describe('member logins (tiny dataset)', () => {
  const tiny = useSimulator(at('tiny', tinyDataset));

  test('last successful login per member; a failed login is not one; the window is on every member', async () => {
    const r = await run(on(tiny), MEMBER_STEPS);
    expect(activityOf(r.entity(memberKey(ADA)))).toEqual({ lastLoginOn: NOW - 2 * DAY_MS, activityWindowDays: 90 });
    // Grace has only a failed login in the window; the new hire none at all.
    expect(activityOf(r.entity(memberKey(GRACE)))).toEqual({ lastLoginOn: undefined, activityWindowDays: 90 });
    expect(activityOf(r.entity(memberKey(NEW_HIRE)))).toEqual({ lastLoginOn: undefined, activityWindowDays: 90 });
    expect(tiny.sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBe(1);
    expect(r.warn).toEqual([]);
    expect(r.info).toContain('Collected 1 accounts with logins read, 1 members with a login, 0 Access authentications');
  });

  test('ACTIVITY_LOOKBACK_DAYS=1: the login 2 days ago is outside the window', async () => {
    const r = await run(on(tiny, { activityLookbackDays: '1' }), MEMBER_STEPS);
    expect(activityOf(r.entity(memberKey(ADA)))).toEqual({ lastLoginOn: undefined, activityWindowDays: 1 });
  });

  test('INGEST_ACTIVITY=false: no log read, no activity properties', async () => {
    const r = await run(on(tiny, { ingestActivity: 'false' }), MEMBER_STEPS);
    expect(r.entity(memberKey(ADA))).toBeDefined();
    expect(activityOf(r.entity(memberKey(ADA)))).toEqual({ lastLoginOn: undefined, activityWindowDays: undefined });
    expect(tiny.sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBeUndefined();
    expect(r.info).toContain(
      'Activity is off (INGEST_ACTIVITY=false or the activity source is disabled): logs not read.',
    );
  });

  test("JupiterOne's activity source switched off: no log read", async () => {
    const r = await run(on(tiny), MEMBER_STEPS, ['activity']);
    expect(activityOf(r.entity(memberKey(ADA)))).toEqual({ lastLoginOn: undefined, activityWindowDays: undefined });
    expect(tiny.sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBeUndefined();
  });

  test('a token that may not read the audit log: one warning naming the permission; members still collected', async () => {
    const noLogs = on(tiny);
    const token = served.tiny.tokens[0];
    const saved = [...token.permissions];
    token.permissions = saved.filter((p) => p !== 'account_logs_read');
    try {
      const r = await run(noLogs, MEMBER_STEPS);
      const description =
        `Skipped member logins (audit log) of account ${TINY_ACCOUNT}: the token may not read them. Grant the token ` +
        '"Account Settings Read and Account Logs Read (unconfirmed)" for this account (Cloudflare dashboard > API Tokens > Edit). ' +
        'Everything else is still collected. (';
      expect(r.warn).toHaveLength(1);
      expect(r.warn[0][0]).toEqual({
        accountId: TINY_ACCOUNT,
        permission: 'Account Settings Read and Account Logs Read (unconfirmed)',
      });
      expect(String(r.warn[0][1]).startsWith(description)).toBe(true);
      expect(r.events).toEqual([
        { name: 'permission_missing', description: r.warn[0][1], level: PublishEventLevel.Warn },
      ]);
      expect(activityOf(r.entity(memberKey(ADA)))).toEqual({ lastLoginOn: undefined, activityWindowDays: undefined });
      expect(
        r.context.jobState.collectedEntities.filter((e) => e._type === Entities.ACCOUNT_MEMBER._type),
      ).toHaveLength(3);
      expect(tiny.sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBe(1);
    } finally {
      token.permissions = saved;
    }
  });
});

const ACCESS_STEPS: Handler[] = [...MEMBER_STEPS, fetchAccessUsers, fetchAccessApplications, buildAccessUserActivity];

describe('Zero Trust users and applications (realistic dataset)', () => {
  const realistic = useSimulator(at('realistic', realisticDataset));

  test('members: some logged in, one only failed, one none in 90 days', async () => {
    const r = await run(on(realistic), MEMBER_STEPS);
    const dataset = realisticDataset();
    for (const accountId of [ACME_CORP, ACME_LABS, SANDBOX]) {
      acceptedOnce(dataset.membersByAccount.get(accountId)!).forEach((member, position) => {
        const days = memberLoginAgeDays(position);
        expect([member.email, activityOf(r.entity(memberKey(member.id)))]).toEqual([
          member.email,
          { lastLoginOn: days !== undefined && days <= 90 ? NOW - days * DAY_MS : undefined, activityWindowDays: 90 },
        ]);
      });
    }
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBe(3);
  });

  test('users carry last access and counts; USES edges per application; Sandbox (no Zero Trust) said once', async () => {
    const r = await run(on(realistic), ACCESS_STEPS);
    const dataset = realisticDataset();
    // One request per account: each log holds fewer than 1,000 entries; Sandbox's answer is the 403.
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/access/logs/access_requests']).toBe(3);
    // Sandbox: the activity step asked first and was told it has no Zero Trust; no Zero Trust step asks again.
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/access/users']).toBe(2);
    expect(r.info.filter((line) => line.includes(`Account ${SANDBOX} has no Zero Trust`))).toHaveLength(1);
    expect(r.warn).toEqual([]);

    const users = dataset.accessUsersByAccount.get(ACME_CORP)!;
    const apps = dataset.accessAppsByAccount.get(ACME_CORP)!;
    const userKey = (id: string) => `${Entities.ACCESS_USER._type}:${id}`;
    const appKey = (id: string) => `${Entities.ACCESS_APPLICATION._type}:${id}`;
    const activity = (e: Record<string, unknown> | undefined) => ({
      lastAccessOn: e?.lastAccessOn,
      allowedAccessCount: e?.allowedAccessCount,
      deniedAccessCount: e?.deniedAccessCount,
      activityWindowDays: e?.activityWindowDays,
    });
    // User 0: 3 allowed on app 0 (newest 1 day ago), 2 denied on app 1.
    expect(activity(r.entity(userKey(users[0].id)))).toEqual({
      lastAccessOn: NOW - DAY_MS,
      allowedAccessCount: 3,
      deniedAccessCount: 2,
      activityWindowDays: 90,
    });
    // User 3: nothing in the log.
    expect(activity(r.entity(userKey(users[3].id)))).toEqual({
      lastAccessOn: undefined,
      allowedAccessCount: 0,
      deniedAccessCount: 0,
      activityWindowDays: 90,
    });
    const edges = r.context.jobState.collectedRelationships.filter(
      (e) => e._type === Relationships.ACCESS_USER_USES_APPLICATION._type,
    );
    const edge = (from: string, to: string) =>
      edges.find((e: Relationship) => e._fromEntityKey === userKey(from) && e._toEntityKey === appKey(to));
    expect(edge(users[0].id, apps[0].id)).toMatchObject({
      _class: 'USES',
      lastAccessOn: NOW - DAY_MS,
      allowedAccessCount: 3,
      deniedAccessCount: 0,
      activityWindowDays: 90,
    });
    expect(edge(users[0].id, apps[1 % apps.length].id)).toMatchObject({
      allowedAccessCount: 0,
      deniedAccessCount: 2,
      activityWindowDays: 90,
    });
    expect(edge(users[0].id, apps[1 % apps.length].id)?.lastAccessOn).toBeUndefined();
    // Every user/app pair of the log, for both Zero Trust accounts.
    let expected = 0;
    for (const accountId of [ACME_CORP, ACME_LABS]) {
      const pairs = new Set(
        dataset.accessRequestsByAccount.get(accountId)!.map((entry) => `${entry.user_email}|${entry.app_uid}`),
      );
      expected += pairs.size;
    }
    expect(edges).toHaveLength(expected);
    expect(r.info).toContain(`Collected ${expected} user-application edges`);
  });

  test('Zero Trust off (INGEST_ZERO_TRUST=false or its source): the Access log is not read; logins still are', async () => {
    await run(on(realistic, { ingestZeroTrust: 'false' }), MEMBER_STEPS);
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/access/logs/access_requests']).toBeUndefined();
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBe(3);
    realistic.sim.resetStats();
    await run(on(realistic), MEMBER_STEPS, ['zero-trust']);
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/access/logs/access_requests']).toBeUndefined();
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBe(3);
  });

  test('a token without Access: Audit Logs Read: one warning per Zero Trust account; users lack activity', async () => {
    const token = served.realistic.tokens[0];
    const saved = [...token.permissions];
    token.permissions = saved.filter((p) => p !== 'access_audit_logs_read');
    try {
      const r = await run(on(realistic), ACCESS_STEPS);
      expect(r.warn.map(([fields]) => fields)).toEqual(
        expect.arrayContaining([
          { accountId: ACME_CORP, permission: 'Access: Audit Logs Read' },
          { accountId: ACME_LABS, permission: 'Access: Audit Logs Read' },
          { accountId: SANDBOX, permission: 'Access: Audit Logs Read' },
        ]),
      );
      expect(r.warn).toHaveLength(3);
      const user = r.context.jobState.collectedEntities.find((e) => e._type === Entities.ACCESS_USER._type);
      expect(user?.activityWindowDays).toBeUndefined();
      expect(user?.allowedAccessCount).toBeUndefined();
      expect(
        r.context.jobState.collectedRelationships.filter(
          (e) => e._type === Relationships.ACCESS_USER_USES_APPLICATION._type,
        ),
      ).toEqual([]);
      // Members still got their logins.
      expect(r.entity(memberKey(realisticDataset().membersByAccount.get(ACME_CORP)![0].id))?.activityWindowDays).toBe(
        90,
      );
    } finally {
      token.permissions = saved;
    }
  });
});

describe('logs that end badly', () => {
  test('an audit log page that repeats ends the listing: a warning, logins found kept, no activityWindowDays', async () => {
    const dataset: SimulatorDataset = { ...tinyDataset(), activityNowMs: NOW };
    const ada = dataset.membersByAccount.get(TINY_ACCOUNT)![0];
    const entries = dataset.auditLogsByAccount.get(TINY_ACCOUNT)!;
    // 1,500 older logins of Ada: the first page is full, so the pager asks for page 2.
    for (let i = 0; i < 1500; i++) {
      entries.push({
        id: `bulk${i}`,
        ageMs: 3 * DAY_MS + i * 60_000,
        action: { type: 'login', result: true },
        actor: { id: ada.user.id!, email: ada.email, ip: '198.51.100.7', type: 'user' },
        interface: 'UI',
        resource: { id: ada.user.id!, type: 'user' },
      });
    }
    const sim = await startSimulator({
      dataset,
      hostile: [{ pattern: /\/audit_logs$/, behaviour: 'repeat-first-page' }],
    });
    try {
      const r = await run(simulatorConfig(sim, { ingestActivity: true }), MEMBER_STEPS);
      expect(activityOf(r.entity(memberKey(ADA)))).toEqual({
        lastLoginOn: NOW - 2 * DAY_MS,
        activityWindowDays: undefined,
      });
      expect(activityOf(r.entity(memberKey(GRACE)))).toEqual({ lastLoginOn: undefined, activityWindowDays: undefined });
      const description =
        `Stopped reading the audit log of account ${TINY_ACCOUNT} (GET /accounts/${TINY_ACCOUNT}/audit_logs) early: ` +
        'request 2 answered only items already read (repeated-page). Read 1000 entries in 2 requests; activity found is kept, ' +
        'but "no activity in the window" cannot be told for this account (activityWindowDays is left out).';
      expect(r.warn).toEqual([[{ accountId: TINY_ACCOUNT }, description]]);
      expect(r.events).toEqual([{ name: 'incomplete_listing', description, level: PublishEventLevel.Warn }]);
      expect(sim.stats.byRoute['GET /accounts/:id/audit_logs']).toBe(2);
    } finally {
      await sim.close();
    }
  });

  test('an Access log not read to the end: the edges are still made, without a window, and reported partial', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({
      instanceConfig: { apiToken: SIM_TOKENS.user, apiBaseUrl: 'http://127.0.0.1:1/client/v4' },
    });
    await context.jobState.addEntities([
      { _key: 'cloudflare_account:acc1', _type: 'cloudflare_account', _class: ['Account'], id: 'acc1' },
      {
        _key: 'cloudflare_access_application:app1',
        _type: 'cloudflare_access_application',
        _class: ['Application'],
        id: 'app1',
        accountId: 'acc1',
        domain: 'wiki.example',
      },
    ]);
    await context.jobState.setData('access-users:acc1', { 'ann@example.com': 'cloudflare_access_user:u1' });
    const activity: AccessRequestActivity = {
      windowDays: 90,
      complete: false,
      withoutEmail: 0,
      users: {
        'ann@example.com': {
          lastAccessOn: 1_700_000_000_000,
          allowed: 4,
          denied: 1,
          apps: {
            // Matched by domain when the entry names no uid.
            'domain:wiki.example': {
              appDomain: 'wiki.example',
              lastAccessOn: 1_700_000_000_000,
              allowed: 4,
              denied: 1,
            },
            'gone-app': { appUid: 'gone-app', allowed: 1, denied: 0 },
          },
        },
        'left@example.com': { allowed: 1, denied: 0, apps: {} },
      },
    };
    await context.jobState.setData(ActivityDataKeys.accessRequests('acc1'), activity);
    await expect(buildAccessUserActivity(context)).rejects.toThrow(
      "Collected everything else, but one listing is incomplete, so this step's types are reported partial: " +
        'Access authentication log of account acc1 was not read to the end',
    );
    expect(context.jobState.collectedRelationships).toEqual([
      expect.objectContaining({
        _type: 'cloudflare_access_user_uses_access_application',
        _class: 'USES',
        _fromEntityKey: 'cloudflare_access_user:u1',
        _toEntityKey: 'cloudflare_access_application:app1',
        lastAccessOn: 1_700_000_000_000,
        allowedAccessCount: 4,
        deniedAccessCount: 1,
      }),
    ]);
    expect(context.jobState.collectedRelationships[0].activityWindowDays).toBeUndefined();
  });
});
