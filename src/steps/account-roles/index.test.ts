import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { ADMIN_ROLE_ID, realisticDataset, ROLE_CATALOGUE, SIM_TOKENS, tinyDataset } from '../../../simulator';
import { ADMIN_READ_ONLY_ID, DNS_ROLE_ID, TINY_ACCOUNT } from '../../../test/fixtures';

const REALISTIC_ACCOUNTS = [
  '1fc675a3041063afd773477f673b43cc',
  '0da10344e773e794262f8baa2bb3f3c5',
  '32895b171ee9cb3f51efebeddc07b8e3',
];

import { fetchAccountMembers } from '../account-members';
import { fetchAccounts } from '../accounts';
import { fetchAccountRoles } from '.';

const startRecording = useRecordings();

describe('fetch-account-roles, tiny dataset', () => {
  const tiny = useSimulator(tinyDataset);

  test('collects the three listed roles, keyed by account, each linked to the account', async () => {
    startRecording({ directory: __dirname, name: 'fetch-account-roles-tiny' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_ROLES,
      invocationConfig,
      instanceConfig: tiny.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCOUNT_ROLES));
    const roleKeys = [ADMIN_ROLE_ID, ADMIN_READ_ONLY_ID, DNS_ROLE_ID].map(
      (id) => `cloudflare_account_role:${TINY_ACCOUNT}:${id}`,
    );
    expect(keysOf(result.collectedEntities)).toEqual([...roleKeys].sort());
    const byName = Object.fromEntries(result.collectedEntities.map((e) => [e.name, e]));
    expect(byName['Administrator']).toMatchObject({
      _key: roleKeys[0],
      id: ADMIN_ROLE_ID,
      accountId: TINY_ACCOUNT,
      admin: true,
      superAdmin: false,
      listedByRolesEndpoint: true,
    });
    expect(byName['Administrator Read Only']).toMatchObject({
      _key: roleKeys[1],
      admin: false,
      superAdmin: false,
      listedByRolesEndpoint: true,
    });
    expect(byName['DNS']).toMatchObject({
      _key: roleKeys[2],
      admin: false,
      superAdmin: false,
      listedByRolesEndpoint: true,
      permissions: [
        'analytics:read',
        'analytics:report',
        'dns_records:edit',
        'dns_records:read',
        'organization:read',
        'zone:read',
      ],
    });

    expect(result.collectedRelationships).toHaveLength(3);
    expect(result.collectedRelationships).toMatchDirectRelationshipSchema({});
    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_ROLE._type)).toEqual(
      roleKeys.map((key) => `cloudflare_account:${TINY_ACCOUNT} -> ${key}`).sort(),
    );
  });
});

describe('fetch-account-roles, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('the same role id in three accounts gives three role entities', async () => {
    startRecording({ directory: __dirname, name: 'fetch-account-roles-realistic' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_ROLES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCOUNT_ROLES));
    expect(result.collectedEntities).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_ROLE._class });

    // 13 catalogue roles x 3 accounts; Super Administrator is not listed by /roles.
    expect(ROLE_CATALOGUE).toHaveLength(13);
    expect(result.collectedEntities).toHaveLength(39);
    expectUniqueKeys(result.collectedEntities);
    expect(result.collectedEntities.some((e) => e.superAdmin === true)).toBe(false);
    expect(result.collectedEntities.every((e) => e.listedByRolesEndpoint === true)).toBe(true);
    expect(countBy(result.collectedEntities, (e) => e.accountId as string)).toEqual(
      Object.fromEntries(REALISTIC_ACCOUNTS.map((id) => [id, 13])),
    );

    const admins = result.collectedEntities.filter((e) => e.id === ADMIN_ROLE_ID);
    expect(keysOf(admins)).toEqual(
      REALISTIC_ACCOUNTS.map((a) => `cloudflare_account_role:${a}:${ADMIN_ROLE_ID}`).sort(),
    );
    expect(admins.every((e) => e.name === 'Administrator' && e.admin === true)).toBe(true);

    // Each role hangs off its own account.
    expect(result.collectedRelationships).toHaveLength(39);
    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_ROLE._type)).toEqual(
      result.collectedEntities.map((e) => `cloudflare_account:${String(e.accountId)} -> ${e._key}`).sort(),
    );
  });
});

describe('fetch-account-roles: requests and errors (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('one /roles page per account', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_ROLES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result.collectedEntities).toHaveLength(39);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts': 1, 'GET /accounts/:id/roles': 3 });
  });

  test('without Account Settings Read the step fails with an authorization error naming it', async () => {
    const promise = executeStepWithDependencies({
      stepId: Steps.ACCOUNT_ROLES,
      invocationConfig,
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.noAccountSettingsRead }),
    });
    await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAuthorizationError);
    await expect(promise).rejects.toThrow('Account Settings Read');
    await expect(promise).rejects.not.toThrow(SIM_TOKENS.noAccountSettingsRead);
    // One attempt per account: a 403 is not retried.
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts': 1, 'GET /accounts/:id/roles': 3 });
  });
});

describe('fetch-account-roles: /roles retired (live simulator, no recording)', () => {
  const dataset = () => ({ ...realisticDataset(), rolesRetired: true });
  const retired = useSimulator(dataset);

  test('one warning; the roles members hold are built by the members step, every ASSIGNED edge kept', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: retired.config() });
    const warn = jest.spyOn(context.logger, 'warn');
    const info = jest.spyOn(context.logger, 'info');
    await fetchAccounts(context);
    // Neither step fails.
    await fetchAccountRoles(context);
    await fetchAccountMembers(context);

    expect(warn.mock.calls.map((c) => c[c.length - 1])).toEqual([
      "Cloudflare's deprecated role list (GET /accounts/{id}/roles) is retired for 3 accounts: " +
        `${REALISTIC_ACCOUNTS.map((id) => `${id} (404)`).join(', ')}. Roles are built from the roles members hold ` +
        'instead (fetch-account-members), so roles nobody holds are not collected.',
    ]);
    expect(retired.sim.stats.byRoute['GET /accounts/:id/roles']).toBe(3);

    // Every role some member holds, per account, from the members' embedded roles; none claims a listing.
    const data = dataset();
    const held = REALISTIC_ACCOUNTS.flatMap((accountId) => [
      ...new Set(
        (data.membersByAccount.get(accountId) ?? []).flatMap((m) =>
          m.roles.map((r) => `cloudflare_account_role:${accountId}:${r.id}`),
        ),
      ),
    ]).sort();
    const roles = context.jobState.collectedEntities.filter((e) => e._type === Entities.ACCOUNT_ROLE._type);
    expect(keysOf(roles)).toEqual(held);
    for (const role of roles) expect(role.listedByRolesEndpoint).toBeUndefined();
    // The DNS role (served as a list of strings) still edits.
    const dns = roles.find((r) => r._key.endsWith(`:${DNS_ROLE_ID}`))!;
    expect(dns.permissions).toContain('dns_records:edit');

    const assigned = context.jobState.collectedRelationships.filter(
      (r) => r._type === Relationships.MEMBER_ASSIGNED_ROLE._type,
    );
    const expectedAssignments = REALISTIC_ACCOUNTS.flatMap((accountId) =>
      (data.membersByAccount.get(accountId) ?? []).flatMap((m) =>
        m.roles.map((r) => `cloudflare_account_member:${m.id} -> cloudflare_account_role:${accountId}:${r.id}`),
      ),
    );
    expect(edgesOf(assigned, Relationships.MEMBER_ASSIGNED_ROLE._type)).toEqual(
      [...new Set(expectedAssignments)].sort(),
    );
    expect(
      info.mock.calls.map((c) => String(c[c.length - 1])).filter((l) => l.includes('was not read in full')),
    ).toHaveLength(3);
  });
});
