import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS, SUPER_ADMIN_ROLE_ID, tinyDataset } from '../../../test/simulator';
import {
  ACME_CORP,
  ACME_LABS,
  ADA,
  ADMIN_READ_ONLY_ID,
  DNS_ROLE_ID,
  GRACE,
  NEW_HIRE,
  SANDBOX,
  TINY_ACCOUNT,
} from '../../../test/fixtures';

const member = (id: string) => `cloudflare_account_member:${id}`;
const role = (accountId: string, roleId: string) => `cloudflare_account_role:${accountId}:${roleId}`;

const startRecording = useRecordings();

describe('fetch-account-members, tiny dataset', () => {
  const tiny = useSimulator(tinyDataset);

  test('members, the unlisted Super Administrator role and every edge, exactly', async () => {
    startRecording({ directory: __dirname, name: 'fetch-account-members-tiny' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_MEMBERS,
      invocationConfig,
      instanceConfig: tiny.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCOUNT_MEMBERS));

    const superAdmin = role(TINY_ACCOUNT, SUPER_ADMIN_ROLE_ID);
    expect(keysOf(result.collectedEntities)).toEqual([member(ADA), member(GRACE), member(NEW_HIRE), superAdmin].sort());

    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    expect(byKey[member(ADA)]).toMatchObject({
      name: 'Ada Owner',
      email: 'ada.owner@example.com',
      userId: 'b5d5d9d08aeb0c62ab458b8587561271',
      accountId: TINY_ACCOUNT,
      status: 'accepted',
      active: true,
      mfaEnabled: true,
      admin: true,
      superAdmin: true,
      roles: ['Super Administrator - All Privileges'],
    });
    expect(byKey[member(GRACE)]).toMatchObject({
      name: 'Grace Auditor',
      status: 'accepted',
      active: true,
      mfaEnabled: false,
      admin: false,
      superAdmin: false,
      roles: ['Administrator Read Only'],
    });
    // A pending invite is a member, inactive, named by its email.
    expect(byKey[member(NEW_HIRE)]).toMatchObject({
      name: 'new.hire@example.com',
      email: 'new.hire@example.com',
      status: 'pending',
      active: false,
      roles: ['DNS'],
    });
    // Held by Ada, absent from /roles: built from her membership.
    expect(byKey[superAdmin]).toMatchObject({
      _type: 'cloudflare_account_role',
      id: SUPER_ADMIN_ROLE_ID,
      accountId: TINY_ACCOUNT,
      name: 'Super Administrator - All Privileges',
      admin: true,
      superAdmin: true,
      listedByRolesEndpoint: false,
    });

    const rels = result.collectedRelationships;
    expect(rels).toHaveLength(7);
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_MEMBER._type)).toEqual(
      [ADA, GRACE, NEW_HIRE].map((id) => `cloudflare_account:${TINY_ACCOUNT} -> ${member(id)}`).sort(),
    );
    expect(edgesOf(rels, Relationships.MEMBER_ASSIGNED_ROLE._type)).toEqual(
      [
        `${member(ADA)} -> ${superAdmin}`,
        `${member(GRACE)} -> ${role(TINY_ACCOUNT, ADMIN_READ_ONLY_ID)}`,
        `${member(NEW_HIRE)} -> ${role(TINY_ACCOUNT, DNS_ROLE_ID)}`,
      ].sort(),
    );
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_ROLE._type)).toEqual([
      `cloudflare_account:${TINY_ACCOUNT} -> ${superAdmin}`,
    ]);

    // Every ASSIGNED target exists: listed roles from fetch-account-roles, the rest from this step.
    for (const r of ofType(rels, Relationships.MEMBER_ASSIGNED_ROLE._type)) {
      expect(result.encounteredEntityKeys.has(String(r._toEntityKey))).toBe(true);
    }
  });
});

describe('fetch-account-members, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('paged members across three accounts, de-duplicated, every role assignment an edge', async () => {
    startRecording({ directory: __dirname, name: 'fetch-account-members-realistic' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_MEMBERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCOUNT_MEMBERS));
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);

    const members = ofType(result.collectedEntities, Entities.ACCOUNT_MEMBER._type);
    const roles = ofType(result.collectedEntities, Entities.ACCOUNT_ROLE._type);
    // Acme Corp lists 65 members, one of them twice (end of page 1, start of page 2): 64.
    expect(countBy(members, (m) => m.accountId as string)).toEqual({ [ACME_CORP]: 64, [ACME_LABS]: 8, [SANDBOX]: 2 });
    expect(members).toHaveLength(74);
    const list = realisticDataset().membersByAccount.get(ACME_CORP)!;
    expect(list[50]).toBe(list[49]); // the dataset repeats it across the page boundary
    expect(members.filter((m) => m._key === member(list[49].id))).toHaveLength(1);

    // Super Administrator is held in every account and listed by none: one role entity per account.
    expect(keysOf(roles)).toEqual([ACME_CORP, ACME_LABS, SANDBOX].map((a) => role(a, SUPER_ADMIN_ROLE_ID)).sort());
    expect(roles.every((r) => r.listedByRolesEndpoint === false && r.superAdmin === true)).toBe(true);
    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_ROLE._type)).toEqual(
      [ACME_CORP, ACME_LABS, SANDBOX].map((a) => `cloudflare_account:${a} -> ${role(a, SUPER_ADMIN_ROLE_ID)}`).sort(),
    );

    // Statuses: pending invites and the rejected member are members too, inactive.
    // Accepted: Acme Corp 58 (the repeated member counted once), Acme Labs 7, Sandbox 1.
    expect(countBy(members, (m) => `${String(m.status)}/${String(m.active)}`)).toEqual({
      'accepted/true': 58 + 7 + 1,
      'pending/false': 5 + 1 + 1,
      'rejected/false': 1,
    });

    // Assignments by hand: Acme Corp 64 members with one role each plus one member with two (DNS, Analytics);
    // Acme Labs 8 and Sandbox 2, one role each.
    const assigned = ofType(result.collectedRelationships, Relationships.MEMBER_ASSIGNED_ROLE._type);
    expect(assigned).toHaveLength(65 + 8 + 2);
    // ...and the same against the dataset: every role of every (unique) member is an edge.
    const expected = new Set<string>();
    for (const [accountId, list] of realisticDataset().membersByAccount) {
      for (const m of list) for (const r of m.roles ?? []) expected.add(`${member(m.id)} -> ${role(accountId, r.id)}`);
    }
    expect(edgesOf(assigned)).toEqual([...expected].sort());
    for (const r of assigned) expect(result.encounteredEntityKeys.has(String(r._toEntityKey))).toBe(true);

    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_MEMBER._type)).toEqual(
      members.map((m) => `cloudflare_account:${String(m.accountId)} -> ${m._key}`).sort(),
    );
    expect(result.collectedRelationships).toHaveLength(74 + 75 + 3);

    // The same person in two accounts: two member entities sharing a userId.
    const email = realisticDataset().membersByAccount.get(ACME_LABS)![1].email;
    const shared = members.filter((m) => m.email === email);
    expect(shared).toHaveLength(2);
    expect(new Set(shared.map((m) => m.accountId))).toEqual(new Set([ACME_CORP, ACME_LABS]));
    expect(shared[0].userId).toBeDefined();
    expect(shared[0].userId).toBe(shared[1].userId);
    expect(shared[0]._key).not.toBe(shared[1]._key);

    // The invite known only by its top-level email.
    expect(members.find((m) => m.email === 'contractor@partner.example')).toMatchObject({
      name: 'contractor@partner.example',
      status: 'pending',
      active: false,
      userId: undefined,
    });
  });
});

describe('fetch-account-members: requests and errors (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('pages: Acme Corp needs two pages of 50, the other accounts one', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_MEMBERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(ofType(result.collectedEntities, Entities.ACCOUNT_MEMBER._type)).toHaveLength(74);
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /accounts/:id/roles': 3,
      'GET /accounts/:id/members': 4,
    });
  });

  test('without Account Settings Read the step fails with an authorization error naming it', async () => {
    const promise = executeStepWithDependencies({
      stepId: Steps.ACCOUNT_MEMBERS,
      invocationConfig,
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.noAccountSettingsRead }),
    });
    // fetch-account-roles runs first as a dependency and fails the same way.
    await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAuthorizationError);
    await expect(promise).rejects.toThrow('Account Settings Read');
    await expect(promise).rejects.not.toThrow(SIM_TOKENS.noAccountSettingsRead);
  });
});
