import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS, SUPER_ADMIN_ROLE_ID, tinyDataset } from '../../../simulator';
import {
  ACCOUNT_POLICY_MEMBER,
  ACME_CDN_ZONE,
  ACME_CORP,
  ACME_LABS,
  ACME_SHOP_ZONE,
  ACME_ZONE,
  ADA,
  ADMIN_READ_ONLY_ID,
  DNS_ROLE_ID,
  GRACE,
  NEW_HIRE,
  POLICY_ONLY_MEMBER,
  SANDBOX,
  SUPER_ADMIN_MEMBER,
  TINY_ACCOUNT,
  ZONE_ADMIN_MEMBER,
} from '../../../test/fixtures';
import { fetchAccounts } from '../accounts';
import { fetchAccountRoles } from '../account-roles';
import { memberZoneGrantsKey } from './grants';
import { fetchAccountMembers } from '.';

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
    expect(rels).toHaveLength(10);
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
    // No member sends `policies`: each role-holder's one ALLOWS edge comes from its roles alone.
    const allows = ofType(rels, Relationships.MEMBER_ALLOWS_ACCOUNT._type);
    expect(
      allows.map(({ _fromEntityKey, permissionGroups, roles, grantedBy, access, canEdit, memberStatus }) => ({
        _fromEntityKey,
        permissionGroups,
        roles,
        grantedBy,
        access,
        canEdit,
        memberStatus,
      })),
    ).toEqual([
      {
        _fromEntityKey: member(ADA),
        permissionGroups: 'Super Administrator - All Privileges',
        roles: 'Super Administrator - All Privileges',
        grantedBy: 'role',
        access: 'allow',
        canEdit: true,
        memberStatus: 'accepted',
      },
      {
        _fromEntityKey: member(GRACE),
        permissionGroups: 'Administrator Read Only',
        roles: 'Administrator Read Only',
        grantedBy: 'role',
        access: 'allow',
        canEdit: false,
        memberStatus: 'accepted',
      },
      {
        _fromEntityKey: member(NEW_HIRE),
        permissionGroups: 'DNS',
        roles: 'DNS',
        grantedBy: 'role',
        access: 'allow',
        canEdit: true,
        memberStatus: 'pending',
      },
    ]);
    expect(allows.every((r) => r._toEntityKey === `cloudflare_account:${TINY_ACCOUNT}`)).toBe(true);
    expect(byKey[member(ADA)].policyCount).toBeUndefined();

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
    // Acme Corp lists 68 members, one of them twice (end of page 1, start of page 2): 67,
    // the last three holding policies only.
    expect(countBy(members, (m) => m.accountId as string)).toEqual({ [ACME_CORP]: 67, [ACME_LABS]: 10, [SANDBOX]: 2 });
    expect(members).toHaveLength(79);
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
    // Accepted: Acme Corp 58 (the repeated member counted once) + 3 policy-only, Acme Labs 9 (two with
    // internationalised addresses), Sandbox 1.
    expect(countBy(members, (m) => `${String(m.status)}/${String(m.active)}`)).toEqual({
      'accepted/true': 61 + 9 + 1,
      'pending/false': 5 + 1 + 1,
      'rejected/false': 1,
    });

    // Assignments by hand: Acme Corp 64 members with one role each plus one member with two (DNS, Analytics),
    // and 3 with none; Acme Labs 10 and Sandbox 2, one role each.
    const assigned = ofType(result.collectedRelationships, Relationships.MEMBER_ASSIGNED_ROLE._type);
    expect(assigned).toHaveLength(65 + 10 + 2);
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
    // ALLOWS account: every role holder (76) and the member with an account-wide policy but no role.
    expect(ofType(result.collectedRelationships, Relationships.MEMBER_ALLOWS_ACCOUNT._type)).toHaveLength(77);
    expect(result.collectedRelationships).toHaveLength(79 + 77 + 3 + 77);

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
  test('policies: the mirrored Super Administrator policy merges, policy-only members are never access-less', async () => {
    startRecording({ directory: __dirname, name: 'fetch-account-members-policies' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_MEMBERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    const rels = result.collectedRelationships;
    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    const allowsFrom = (id: string) =>
      ofType(rels, Relationships.MEMBER_ALLOWS_ACCOUNT._type).filter((r) => r._fromEntityKey === member(id));
    const accountKey = `cloudflare_account:${ACME_CORP}`;

    // The Super Administrator's policy mirrors its role: one edge, the group once, granted by both.
    expect(allowsFrom(SUPER_ADMIN_MEMBER)).toEqual([
      {
        _key: `${member(SUPER_ADMIN_MEMBER)}|allows|${accountKey}`,
        _type: 'cloudflare_account_member_allows_account',
        _class: 'ALLOWS',
        _fromEntityKey: member(SUPER_ADMIN_MEMBER),
        _toEntityKey: accountKey,
        displayName: 'ALLOWS',
        permissionGroups: 'Super Administrator - All Privileges',
        roles: 'Super Administrator - All Privileges',
        grantedBy: 'role, policy',
        access: 'allow',
        canEdit: true,
        memberStatus: 'accepted',
      },
    ]);
    expect(byKey[member(SUPER_ADMIN_MEMBER)]).toMatchObject({
      email: 'olivia.nguyen@acme.example',
      roles: ['Super Administrator - All Privileges'],
      permissionGroups: ['Super Administrator - All Privileges'],
      policyCount: 1,
      resourceScopedAccess: false,
      superAdmin: true,
    });

    // Zone-only members: no role, no account edge (their zone edges come from build-member-zone-access).
    for (const id of [POLICY_ONLY_MEMBER, ZONE_ADMIN_MEMBER]) {
      expect(allowsFrom(id)).toEqual([]);
      expect(rels.filter((r) => r._fromEntityKey === member(id))).toEqual([]);
    }
    expect(byKey[member(POLICY_ONLY_MEMBER)]).toMatchObject({
      email: 'zoe.zonedns@acme.example',
      roles: [],
      admin: false,
      permissionGroups: ['Domain DNS'],
      policyCount: 1,
      resourceScopedAccess: true,
    });
    expect(byKey[member(ZONE_ADMIN_MEMBER)]).toMatchObject({
      roles: [],
      permissionGroups: ['Domain Administrator', 'Domain Administrator Read Only'],
      policyCount: 2,
      resourceScopedAccess: true,
    });

    // No role, an account-wide policy: an edge from the policy; the zone deny is not on it.
    expect(allowsFrom(ACCOUNT_POLICY_MEMBER)).toHaveLength(1);
    expect(allowsFrom(ACCOUNT_POLICY_MEMBER)[0]).toMatchObject({
      _toEntityKey: accountKey,
      permissionGroups: 'DNS, Zone Read',
      roles: undefined,
      grantedBy: 'policy',
      access: 'allow',
      deniedPermissionGroups: undefined,
      canEdit: true, // "DNS" is judged by the DNS role's flags
      memberStatus: 'accepted',
    });
    expect(byKey[member(ACCOUNT_POLICY_MEMBER)]).toMatchObject({
      email: 'leo.accountdns@acme.example',
      username: 'leo.accountdns@acme.example',
      permissionGroups: ['DNS', 'Zone Read'],
      deniedPermissionGroups: ['DNS'],
      policyCount: 2,
      resourceScopedAccess: true,
    });

    // Members without a `policies` field leave the policy properties out.
    const withoutPolicies = ofType(result.collectedEntities, Entities.ACCOUNT_MEMBER._type).filter(
      (m) => m.policyCount === undefined,
    );
    expect(withoutPolicies).toHaveLength(79 - 4);
    expect(withoutPolicies.every((m) => m.permissionGroups === undefined && m.resourceScopedAccess === undefined)).toBe(
      true,
    );
    // Every email is lower-case.
    const emails = ofType(result.collectedEntities, Entities.ACCOUNT_MEMBER._type).map((m) => m.email as string);
    expect(emails.filter((e) => e !== undefined && e !== e.toLowerCase())).toEqual([]);
  });
});

describe('fetch-account-members: requests and errors (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('zone grants for build-member-zone-access: one per member and zone, exactly', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: realistic.config() });
    await fetchAccounts(context);
    await fetchAccountRoles(context);
    await fetchAccountMembers(context);
    expect(await context.jobState.getData(memberZoneGrantsKey(ACME_CORP))).toEqual([
      {
        memberKey: member(POLICY_ONLY_MEMBER),
        zoneId: ACME_ZONE,
        permissionGroups: ['Domain DNS'],
        deniedPermissionGroups: [],
        canEdit: true, // the domain form of the DNS role
        memberStatus: 'accepted',
      },
      {
        memberKey: member(POLICY_ONLY_MEMBER),
        zoneId: ACME_CDN_ZONE,
        permissionGroups: ['Domain DNS'],
        deniedPermissionGroups: [],
        canEdit: true,
        memberStatus: 'accepted',
      },
      {
        memberKey: member(ZONE_ADMIN_MEMBER),
        zoneId: ACME_SHOP_ZONE,
        permissionGroups: ['Domain Administrator'],
        deniedPermissionGroups: [],
        canEdit: true,
        memberStatus: 'accepted',
      },
      {
        memberKey: member(ZONE_ADMIN_MEMBER),
        zoneId: ACME_ZONE,
        permissionGroups: ['Domain Administrator Read Only'],
        deniedPermissionGroups: [],
        canEdit: false,
        memberStatus: 'accepted',
      },
      {
        memberKey: member(ACCOUNT_POLICY_MEMBER),
        zoneId: ACME_ZONE,
        permissionGroups: [],
        deniedPermissionGroups: ['DNS'],
        canEdit: false,
        memberStatus: 'accepted',
      },
    ]);
    expect(await context.jobState.getData(memberZoneGrantsKey(ACME_LABS))).toEqual([]);
    expect(await context.jobState.getData(memberZoneGrantsKey(SANDBOX))).toEqual([]);
  });

  test('pages: Acme Corp needs two pages of 50, the other accounts one', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNT_MEMBERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(ofType(result.collectedEntities, Entities.ACCOUNT_MEMBER._type)).toHaveLength(79);
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /accounts/:id/roles': 3,
      'GET /accounts/:id/members': 4,
    });
  });

  test('internationalised addresses: both members kept with their role edges, one informational note each', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: realistic.config() });
    const info = jest.spyOn(context.logger, 'info');
    const warn = jest.spyOn(context.logger, 'warn');
    // As `j1-integration collect` runs: every entity is checked against the data model as it is made.
    process.env.ENABLE_GRAPH_OBJECT_SCHEMA_VALIDATION = 'true';
    try {
      await fetchAccounts(context);
      await fetchAccountRoles(context);
      await fetchAccountMembers(context);
    } finally {
      delete process.env.ENABLE_GRAPH_OBJECT_SCHEMA_VALIDATION;
    }
    const labs = context.jobState.collectedEntities.filter(
      (e) => e._type === Entities.ACCOUNT_MEMBER._type && e.accountId === ACME_LABS,
    );
    const anna = labs.find((m) => m.username === 'anna@bücher.example')!;
    const jose = labs.find((m) => m.username === 'josé.garcía@acme-corp.example')!;
    expect(anna).toMatchObject({
      email: 'anna@xn--bcher-kva.example',
      emailOriginal: 'anna@bücher.example',
      roles: ['DNS'],
    });
    expect(jose).toMatchObject({ emailOriginal: 'josé.garcía@acme-corp.example', name: 'José García' });
    expect(jose.email).toBeUndefined();
    const assigned = context.jobState.collectedRelationships
      .filter((r) => r._type === Relationships.MEMBER_ASSIGNED_ROLE._type)
      .map((r) => r._fromEntityKey);
    expect(assigned).toEqual(expect.arrayContaining([anna._key, jose._key]));
    const notes = info.mock.calls.map((c) => c[c.length - 1]).filter((m) => /email/.test(String(m)));
    expect(notes).toEqual([
      `1 members of account ${ACME_LABS} have an internationalised email domain (${anna.id}): email holds the domain ` +
        'in its ASCII (punycode) form, emailOriginal the address as Cloudflare gave it.',
      `1 members of account ${ACME_LABS} have an email address whose part before the @ is not ASCII (${jose.id}), ` +
        "which JupiterOne's email format does not accept: email is left out and the address is kept in username and emailOriginal.",
    ]);
    expect(warn.mock.calls.map((c) => String(c[c.length - 1]))).not.toContainEqual(expect.stringMatching(/Skipped/));
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

describe('fetch-account-members: policies naming other resources (live simulator, no recording)', () => {
  const foreign = `com.cloudflare.api.account.${ACME_LABS}`;
  const worker = 'com.cloudflare.api.account.worker.script.deploy';
  const realistic = useSimulator(() => {
    const dataset = realisticDataset();
    const zoe = dataset.membersByAccount.get(ACME_CORP)!.find((m) => m.id === POLICY_ONLY_MEMBER)!;
    const group = zoe.policies![0].resource_groups[0];
    group.scope.objects.push({ key: worker });
    zoe.policies!.push({
      ...zoe.policies![0],
      resource_groups: [{ ...group, scope: { key: foreign, objects: [{ key: '*' }] } }],
    });
    return dataset;
  });

  test('are ignored (no edge, no grant) and named once in an info line', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: realistic.config() });
    await fetchAccounts(context);
    await fetchAccountRoles(context);
    const info = jest.spyOn(context.logger, 'info');
    await fetchAccountMembers(context);
    expect(info).toHaveBeenCalledWith(
      { accountId: ACME_CORP },
      `Member policies of account ${ACME_CORP} name resources that are neither this account nor its zones (2: ${worker}, ${foreign}); no edge is made for them.`,
    );
    expect(
      context.jobState.collectedRelationships.filter((r) => r._fromEntityKey === member(POLICY_ONLY_MEMBER)),
    ).toEqual([]);
    const grants = (await context.jobState.getData<Array<{ memberKey: string; zoneId: string }>>(
      memberZoneGrantsKey(ACME_CORP),
    ))!;
    expect(grants.filter((g) => g.memberKey === member(POLICY_ONLY_MEMBER)).map((g) => g.zoneId)).toEqual([
      ACME_ZONE,
      ACME_CDN_ZONE,
    ]);
  });
});
