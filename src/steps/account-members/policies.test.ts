import { CloudflareMember, CloudflareMemberPolicy, CloudflareRole } from '../../client/types';
import { Entities, Relationships } from '../../constants';
import { createMemberEntity } from './converter';
import { allowsProperties, memberAllowsAccount, memberAllowsZone, memberZoneGrants } from './grants';
import { groupEditsFrom, isEditPermissionGroup, isEditRole, memberPolicyAccess, scopeTargets } from './policies';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const OTHER_ACCOUNT = '0da10344e773e794262f8baa2bb3f3c5';
const ZONE_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ZONE_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const MEMBER_ID = '0123456789abcdef0123456789abcdef';
const MEMBER_KEY = `cloudflare_account_member:${MEMBER_ID}`;
const ACCOUNT_KEY = `cloudflare_account:${ACCOUNT}`;
const accountScope = (...objects: string[]) => ({
  key: `com.cloudflare.api.account.${ACCOUNT}`,
  objects: objects.map((key) => ({ key })),
});
const zoneObject = (zoneId: string) => `com.cloudflare.api.account.zone.${zoneId}`;

function policy(
  access: 'allow' | 'deny',
  groups: string[],
  scope: NonNullable<NonNullable<CloudflareMemberPolicy['resource_groups']>[number]>['scope'],
): CloudflareMemberPolicy {
  return {
    id: `${access}-${groups.join('-')}`,
    access,
    permission_groups: groups.map((name, i) => ({ id: `pg${i}`, name })),
    resource_groups: [{ id: 'rg', name: 'group', scope }],
  };
}

const SUPER_ADMIN: CloudflareRole = {
  id: '33666b9c79b9a5273fc7344ff42f953d',
  name: 'Super Administrator - All Privileges',
  permissions: { organization: { read: true, edit: true }, dns_records: { read: true, edit: true } },
};
const READ_ONLY: CloudflareRole = {
  id: '58585779bdc27b4b8f29cba6b4286460',
  name: 'Administrator Read Only',
  permissions: { organization: { read: true, edit: false }, zone: { read: true, edit: false } },
};
const DNS: CloudflareRole = {
  id: 'c998f4b5af9c8e4b110b7f282f35b999',
  name: 'DNS',
  permissions: { zone: { read: true, edit: false }, dns_records: { read: true, edit: true } },
};

function member(overrides: Partial<CloudflareMember>): CloudflareMember {
  return { id: MEMBER_ID, status: 'accepted', email: 'Pat.Policy@Example.com', roles: [], ...overrides };
}

describe('isEditPermissionGroup / isEditRole', () => {
  test.each([
    ['Zone Write', true],
    ['DNS Edit', true],
    ['Domain Administrator', true],
    ['Super Administrator - All Privileges', true],
    ['Workers Admin', true],
    ['Administrator Read Only', false],
    ['Domain Administrator Read Only', false],
    ['Zone Read', false],
    ['DNS', false],
    ['Analytics', false],
  ])('%s → %s', (name, edits) => {
    expect(isEditPermissionGroup(name)).toBe(edits);
  });

  test('roles by their flags: edit or write; without flags, by name', () => {
    expect(isEditRole(DNS)).toBe(true);
    expect(isEditRole(READ_ONLY)).toBe(false);
    expect(isEditRole({ id: 'x', name: 'Custom', permissions: { zone: { read: true, write: true } } })).toBe(true);
    expect(isEditRole({ id: 'x', name: 'Administrator', permissions: null })).toBe(true);
    expect(isEditRole({ id: 'x', name: 'DNS', permissions: {} })).toBe(false);
    // The list-of-strings shape, judged the same way.
    expect(isEditRole({ id: 'x', name: 'Custom', permissions: ['#zones:read', '#dns_records:edit'] })).toBe(true);
    expect(isEditRole({ id: 'x', name: 'Custom', permissions: ['#zones:read', '#dns_records:read'] })).toBe(false);
    expect(
      isEditRole({ id: 'x', name: 'Custom', permissions: { zones: { read: true }, dns_records: { read: true } } }),
    ).toBe(false);
    expect(isEditRole({ id: 'x', name: 'Administrator', permissions: [] })).toBe(true);
  });

  test('a catalogue role name, or its "Domain " form, goes by its flags; anything else by name', () => {
    const edits = groupEditsFrom(
      new Map([
        ['DNS', true],
        ['Workers Admin', false],
        ['Administrator', true],
        ['Administrator Read Only', false],
      ]),
    );
    expect(edits('DNS')).toBe(true);
    expect(edits('Domain DNS')).toBe(true);
    expect(edits('Workers Admin')).toBe(false);
    expect(edits('Domain Administrator')).toBe(true);
    expect(edits('Domain Administrator Read Only')).toBe(false);
    expect(edits('Domain Page Shield')).toBe(false);
    expect(edits('Zone Write')).toBe(true);
    expect(edits('Analytics')).toBe(false);
  });
});

describe('scopeTargets', () => {
  test("'*', the account key itself and no objects are the whole account", () => {
    expect(scopeTargets(ACCOUNT, accountScope('*'))).toEqual([{ kind: 'account' }]);
    expect(scopeTargets(ACCOUNT, accountScope(`com.cloudflare.api.account.${ACCOUNT}`))).toEqual([{ kind: 'account' }]);
    expect(scopeTargets(ACCOUNT, { key: `com.cloudflare.api.account.${ACCOUNT}` })).toEqual([{ kind: 'account' }]);
    expect(scopeTargets(ACCOUNT, accountScope(zoneObject('*')))).toEqual([{ kind: 'account' }]);
  });

  test('zone objects are zones; a list of scopes (SDK shape) is read too', () => {
    expect(scopeTargets(ACCOUNT, accountScope(zoneObject(ZONE_A), zoneObject(ZONE_B)))).toEqual([
      { kind: 'zone', zoneId: ZONE_A },
      { kind: 'zone', zoneId: ZONE_B },
    ]);
    expect(scopeTargets(ACCOUNT, [accountScope(zoneObject(ZONE_A)), { key: zoneObject(ZONE_B) }])).toEqual([
      { kind: 'zone', zoneId: ZONE_A },
      { kind: 'zone', zoneId: ZONE_B },
    ]);
  });

  test('another account, unknown object kinds and empty keys are ignored', () => {
    expect(
      scopeTargets(ACCOUNT, { key: `com.cloudflare.api.account.${OTHER_ACCOUNT}`, objects: [{ key: '*' }] }),
    ).toEqual([{ kind: 'ignored', key: `com.cloudflare.api.account.${OTHER_ACCOUNT}` }]);
    expect(scopeTargets(ACCOUNT, accountScope('com.cloudflare.api.account.worker.script.x', zoneObject('')))).toEqual([
      { kind: 'ignored', key: 'com.cloudflare.api.account.worker.script.x' },
      { kind: 'ignored', key: 'com.cloudflare.api.account.zone.' },
    ]);
    expect(scopeTargets(ACCOUNT, null)).toEqual([]);
    expect(scopeTargets(ACCOUNT, { key: null, objects: [{ key: '*' }] })).toEqual([]);
  });
});

describe('memberPolicyAccess', () => {
  test('no policies field: unknown, not empty', () => {
    expect(memberPolicyAccess(ACCOUNT, member({}))).toBeUndefined();
  });

  test('merges groups per resource, keeps allow and deny apart, lists ignored keys once', () => {
    const access = memberPolicyAccess(
      ACCOUNT,
      member({
        policies: [
          policy('allow', ['Domain DNS'], accountScope(zoneObject(ZONE_A), zoneObject(ZONE_B))),
          policy('allow', ['Domain Administrator Read Only', 'Domain DNS'], accountScope(zoneObject(ZONE_A))),
          policy('deny', ['Domain DNS'], accountScope(zoneObject(ZONE_B))),
          policy('allow', ['Analytics'], accountScope('*')),
          policy('allow', ['Analytics'], { key: `com.cloudflare.api.account.${OTHER_ACCOUNT}`, objects: [] }),
          policy('allow', ['Analytics'], { key: `com.cloudflare.api.account.${OTHER_ACCOUNT}`, objects: [] }),
        ],
      }),
    );
    expect(access).toEqual({
      account: { allowed: ['Analytics'], denied: [] },
      zones: new Map([
        [ZONE_A, { allowed: ['Domain DNS', 'Domain Administrator Read Only'], denied: [] }],
        [ZONE_B, { allowed: ['Domain DNS'], denied: ['Domain DNS'] }],
      ]),
      allowedGroups: ['Domain DNS', 'Domain Administrator Read Only', 'Analytics'],
      deniedGroups: ['Domain DNS'],
      ignored: [`com.cloudflare.api.account.${OTHER_ACCOUNT}`],
    });
  });

  test('null entries and nameless groups (named by id) are tolerated', () => {
    const access = memberPolicyAccess(
      ACCOUNT,
      member({
        policies: [
          null as unknown as CloudflareMemberPolicy,
          {
            access: null,
            permission_groups: [null, { id: 'f1e2d3', name: null }],
            resource_groups: [null, { scope: accountScope('*') }],
          },
        ],
      }),
    );
    expect(access).toEqual({
      account: { allowed: ['f1e2d3'], denied: [] },
      zones: new Map(),
      allowedGroups: ['f1e2d3'],
      deniedGroups: [],
      ignored: [],
    });
  });
});

describe('member ALLOWS account: one edge for roles and account-wide policies', () => {
  test('roles only (no policies field): the edge carries the roles', () => {
    const m = member({ roles: [DNS, READ_ONLY] });
    expect(memberAllowsAccount(ACCOUNT, m, memberPolicyAccess(ACCOUNT, m))).toEqual({
      _key: `${MEMBER_KEY}|allows|${ACCOUNT_KEY}`,
      _type: Relationships.MEMBER_ALLOWS_ACCOUNT._type,
      _class: 'ALLOWS',
      _fromEntityKey: MEMBER_KEY,
      _toEntityKey: ACCOUNT_KEY,
      displayName: 'ALLOWS',
      permissionGroups: 'DNS, Administrator Read Only',
      roles: 'DNS, Administrator Read Only',
      grantedBy: 'role',
      access: 'allow',
      canEdit: true,
      memberStatus: 'accepted',
    });
  });

  test('a policy mirroring the Super Administrator role merges: one edge, the name once', () => {
    const m = member({ roles: [SUPER_ADMIN], policies: [policy('allow', [SUPER_ADMIN.name], accountScope('*'))] });
    const edge = memberAllowsAccount(ACCOUNT, m, memberPolicyAccess(ACCOUNT, m));
    expect(edge).toMatchObject({
      _key: `${MEMBER_KEY}|allows|${ACCOUNT_KEY}`,
      permissionGroups: 'Super Administrator - All Privileges',
      roles: 'Super Administrator - All Privileges',
      grantedBy: 'role, policy',
      access: 'allow',
      canEdit: true,
    });
    expect(edge?.deniedPermissionGroups).toBeUndefined();
    expect(memberZoneGrants(m, memberPolicyAccess(ACCOUNT, m))).toEqual([]);
  });

  test('no roles, an account-wide policy: still an edge (never access-less)', () => {
    const m = member({
      roles: [],
      status: 'pending',
      policies: [policy('allow', ['Billing Write'], accountScope('*'))],
    });
    expect(memberAllowsAccount(ACCOUNT, m, memberPolicyAccess(ACCOUNT, m))).toMatchObject({
      permissionGroups: 'Billing Write',
      roles: undefined,
      grantedBy: 'policy',
      access: 'allow',
      canEdit: true,
      memberStatus: 'pending',
    });
  });

  test('no roles, zone policies only: no account edge, one zone grant per zone', () => {
    const m = member({
      roles: null,
      policies: [
        policy('allow', ['Domain DNS'], accountScope(zoneObject(ZONE_A))),
        policy('allow', ['Domain Administrator Read Only'], accountScope(zoneObject(ZONE_A), zoneObject(ZONE_B))),
      ],
    });
    const access = memberPolicyAccess(ACCOUNT, m);
    expect(memberAllowsAccount(ACCOUNT, m, access)).toBeUndefined();
    const grants = memberZoneGrants(m, access, groupEditsFrom(new Map([['DNS', true]])));
    expect(grants).toEqual([
      {
        memberKey: MEMBER_KEY,
        zoneId: ZONE_A,
        permissionGroups: ['Domain DNS', 'Domain Administrator Read Only'],
        deniedPermissionGroups: [],
        canEdit: true,
        memberStatus: 'accepted',
      },
      {
        memberKey: MEMBER_KEY,
        zoneId: ZONE_B,
        permissionGroups: ['Domain Administrator Read Only'],
        deniedPermissionGroups: [],
        canEdit: false,
        memberStatus: 'accepted',
      },
    ]);
    expect(memberAllowsZone(grants[0], `cloudflare_dns_zone:${ZONE_A}`)).toEqual({
      _key: `${MEMBER_KEY}|allows|cloudflare_dns_zone:${ZONE_A}`,
      _type: Relationships.MEMBER_ALLOWS_ZONE._type,
      _class: 'ALLOWS',
      _fromEntityKey: MEMBER_KEY,
      _toEntityKey: `cloudflare_dns_zone:${ZONE_A}`,
      displayName: 'ALLOWS',
      permissionGroups: 'Domain DNS, Domain Administrator Read Only',
      grantedBy: 'policy',
      access: 'allow',
      canEdit: true,
      memberStatus: 'accepted',
    });
  });

  test('deny: allow and deny on one scope are ONE edge, access allow, denied groups listed and not counted for canEdit', () => {
    const m = member({
      roles: [READ_ONLY],
      policies: [policy('allow', ['Zone Write'], accountScope('*')), policy('deny', ['Zone Write'], accountScope('*'))],
    });
    expect(memberAllowsAccount(ACCOUNT, m, memberPolicyAccess(ACCOUNT, m))).toMatchObject({
      _key: `${MEMBER_KEY}|allows|${ACCOUNT_KEY}`,
      permissionGroups: 'Administrator Read Only, Zone Write',
      grantedBy: 'role, policy',
      access: 'allow',
      deniedPermissionGroups: 'Zone Write',
      canEdit: false,
    });
  });

  test('deny only: the edge says access deny and grants nothing', () => {
    const m = member({ roles: [], policies: [policy('deny', ['DNS Write'], accountScope(zoneObject(ZONE_A)))] });
    const access = memberPolicyAccess(ACCOUNT, m);
    expect(memberAllowsAccount(ACCOUNT, m, access)).toBeUndefined();
    const [grant] = memberZoneGrants(m, access);
    expect(memberAllowsZone(grant, `cloudflare_dns_zone:${ZONE_A}`)).toMatchObject({
      permissionGroups: undefined,
      access: 'deny',
      deniedPermissionGroups: 'DNS Write',
      canEdit: false,
      grantedBy: 'policy',
    });
    expect(allowsProperties([], { allowed: [], denied: ['DNS Write'] }, 'accepted')).toEqual({
      permissionGroups: undefined,
      roles: undefined,
      grantedBy: 'policy',
      access: 'deny',
      deniedPermissionGroups: 'DNS Write',
      canEdit: false,
      memberStatus: 'accepted',
    });
  });

  test('a deny on the role name takes the role out of canEdit', () => {
    expect(allowsProperties([DNS], { allowed: [], denied: ['DNS'] }, 'accepted')).toMatchObject({
      permissionGroups: 'DNS',
      access: 'allow',
      canEdit: false,
    });
  });

  test('nothing held: no edge', () => {
    const m = member({ roles: [], policies: [] });
    expect(memberAllowsAccount(ACCOUNT, m, memberPolicyAccess(ACCOUNT, m))).toBeUndefined();
  });
});

describe('createMemberEntity with policies', () => {
  test('email lower-cased; permission groups, policy count and resource-scoped access from policies', () => {
    const m = member({
      policies: [
        policy('allow', ['Domain DNS'], accountScope(zoneObject(ZONE_A))),
        policy('deny', ['Domain DNS'], accountScope(zoneObject(ZONE_B))),
        policy('allow', ['Analytics', 'Domain DNS'], accountScope('*')),
      ],
    });
    const entity = createMemberEntity(ACCOUNT, m);
    expect(entity).toMatchObject({
      email: 'pat.policy@example.com',
      username: 'pat.policy@example.com',
      name: 'pat.policy@example.com',
      permissionGroups: ['Domain DNS', 'Analytics'],
      deniedPermissionGroups: ['Domain DNS'],
      policyCount: 3,
      resourceScopedAccess: true,
      roles: [],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
  });

  test('account-wide policies only: not resource-scoped; an empty list is zero, not unknown', () => {
    expect(
      createMemberEntity(ACCOUNT, member({ policies: [policy('allow', ['Analytics'], accountScope('*'))] })),
    ).toMatchObject({ permissionGroups: ['Analytics'], policyCount: 1, resourceScopedAccess: false });
    const empty = createMemberEntity(ACCOUNT, member({ policies: [] }));
    expect(empty).toMatchObject({ permissionGroups: [], policyCount: 0, resourceScopedAccess: false });
    expect(empty.deniedPermissionGroups).toBeUndefined();
  });

  test('no policies field: the policy properties are absent', () => {
    const entity = createMemberEntity(ACCOUNT, member({}));
    for (const key of ['permissionGroups', 'deniedPermissionGroups', 'policyCount', 'resourceScopedAccess']) {
      expect(key in entity).toBe(false);
    }
  });
});
