import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { ADMIN_ROLE_ID, realisticDataset, ROLE_CATALOGUE, SIM_TOKENS, tinyDataset } from '../../../test/simulator';
import { ADMIN_READ_ONLY_ID, DNS_ROLE_ID, TINY_ACCOUNT } from '../../../test/fixtures';

const REALISTIC_ACCOUNTS = [
  '1fc675a3041063afd773477f673b43cc',
  '0da10344e773e794262f8baa2bb3f3c5',
  '32895b171ee9cb3f51efebeddc07b8e3',
];

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
