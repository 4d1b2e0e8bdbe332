import { Entities, Relationships } from '../../constants';
import { apiTokenKey, createApiTokenEntity, TokenGraphContext, tokenAllows, tokenGraph, tokenScope } from './converter';
import { CloudflareApiToken } from './types';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const OTHER = '0da10344e773e794262f8baa2bb3f3c5';
const ZONE_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ZONE_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const ZONE_OTHER = 'cccccccccccccccccccccccccccccccc';
const ZONE_GONE = 'dddddddddddddddddddddddddddddddd';
const TOKEN_ID = 'ed17574386854bf78a67040be0a770b0';
const TOKEN_KEY = `cloudflare_api_token:${TOKEN_ID}`;
const acc = (id: string) => `com.cloudflare.api.account.${id}`;
const zone = (id: string) => `com.cloudflare.api.account.zone.${id}`;
const accountKey = (id: string) => `cloudflare_account:${id}`;
const zoneKey = (id: string) => `cloudflare_dns_zone:${id}`;

const DNS_TOKEN: CloudflareApiToken = {
  id: TOKEN_ID,
  name: 'CI DNS edit',
  status: 'active',
  issued_on: '2024-01-15T10:00:00Z',
  modified_on: '2024-02-01T08:30:00.123456Z',
  last_used_on: '2026-11-30T23:59:59Z',
  not_before: '2024-01-15T00:00:00Z',
  expires_on: '2027-01-15T00:00:00Z',
  condition: { request_ip: { in: ['192.0.2.0/24', '2001:db8::/32'], not_in: ['192.0.2.7/32'] } },
  policies: [
    {
      id: 'p1',
      effect: 'allow',
      permission_groups: [
        { id: 'g1', name: 'DNS Write' },
        { id: 'g2', name: 'Zone Read' },
      ],
      resources: { [acc(ACCOUNT)]: { [zone(ZONE_A)]: '*', [zone(ZONE_B)]: '*' } },
    },
  ],
};

const context = (collected: string[], zones: Record<string, string> = {}): TokenGraphContext => ({
  accountIds: [ACCOUNT, OTHER],
  zoneAccount: (id) => zones[id],
  isCollected: (key) => collected.includes(key),
});

describe('tokenScope: resources to grants', () => {
  test("a nested account map names zones; '*' on an account is the account", () => {
    expect(tokenScope(DNS_TOKEN, [ACCOUNT])).toEqual({
      grants: [
        {
          target: { kind: 'zone', zoneId: ZONE_A, accountId: ACCOUNT },
          effect: 'allow',
          permissionGroups: ['DNS Write', 'Zone Read'],
          allZones: false,
        },
        {
          target: { kind: 'zone', zoneId: ZONE_B, accountId: ACCOUNT },
          effect: 'allow',
          permissionGroups: ['DNS Write', 'Zone Read'],
          allZones: false,
        },
      ],
      userScoped: false,
      ignored: [],
    });
    const readAll: CloudflareApiToken = {
      id: TOKEN_ID,
      policies: [
        { effect: 'allow', permission_groups: [{ name: 'Account Settings Read' }], resources: { [acc(ACCOUNT)]: '*' } },
      ],
    };
    expect(tokenScope(readAll, [ACCOUNT]).grants).toEqual([
      {
        target: { kind: 'account', accountId: ACCOUNT },
        effect: 'allow',
        permissionGroups: ['Account Settings Read'],
        allZones: false,
      },
    ]);
  });

  test('zone.* and account.* reach every collected account; zone.* inside a nested map is that account, allZones', () => {
    const token: CloudflareApiToken = {
      id: TOKEN_ID,
      policies: [
        { effect: 'allow', permission_groups: [{ name: 'Zone Read' }], resources: { [zone('*')]: '*' } },
        { effect: 'allow', permission_groups: [{ name: 'Billing Read' }], resources: { [acc('*')]: '*' } },
        {
          effect: 'allow',
          permission_groups: [{ name: 'DNS Write' }],
          resources: { [acc(OTHER)]: { [zone('*')]: '*' } },
        },
      ],
    };
    expect(tokenScope(token, [ACCOUNT, OTHER]).grants).toEqual([
      {
        target: { kind: 'account', accountId: ACCOUNT },
        effect: 'allow',
        permissionGroups: ['Zone Read', 'Billing Read'],
        allZones: true,
      },
      {
        target: { kind: 'account', accountId: OTHER },
        effect: 'allow',
        permissionGroups: ['Zone Read', 'Billing Read', 'DNS Write'],
        allZones: true,
      },
    ]);
  });

  test('deny is its own grant; a top-level zone key is a zone; the user key sets userScoped; unknown keys are ignored', () => {
    const token: CloudflareApiToken = {
      id: TOKEN_ID,
      policies: [
        { effect: 'allow', permission_groups: [{ name: 'DNS Write' }], resources: { [zone(ZONE_A)]: '*' } },
        { effect: 'deny', permission_groups: [{ name: 'DNS Write' }], resources: { [zone(ZONE_A)]: '*' } },
        {
          effect: 'allow',
          permission_groups: [{ name: 'API Tokens Read' }],
          resources: { 'com.cloudflare.api.user.9f8e7d': '*' },
        },
        {
          effect: 'allow',
          permission_groups: [{ name: 'Workers Scripts Write' }],
          resources: {
            'com.cloudflare.edge.r2.bucket.x': '*',
            'com.cloudflare.api.account.': '*',
            [acc(ACCOUNT)]: { 'com.cloudflare.api.account.worker.script.y': '*' },
            [acc(OTHER)]: 42,
          },
        },
        null,
      ],
    };
    expect(tokenScope(token, [ACCOUNT])).toEqual({
      grants: [
        { target: { kind: 'zone', zoneId: ZONE_A }, effect: 'allow', permissionGroups: ['DNS Write'], allZones: false },
        { target: { kind: 'zone', zoneId: ZONE_A }, effect: 'deny', permissionGroups: ['DNS Write'], allZones: false },
      ],
      userScoped: true,
      ignored: [
        'com.cloudflare.edge.r2.bucket.x',
        'com.cloudflare.api.account.',
        'com.cloudflare.api.account.worker.script.y',
        acc(OTHER),
      ],
    });
  });

  test('no policies: no grants', () => {
    expect(tokenScope({ id: TOKEN_ID, policies: null }, [ACCOUNT])).toEqual({
      grants: [],
      userScoped: false,
      ignored: [],
    });
  });
});

describe('createApiTokenEntity', () => {
  test('an account-owned token, every property exactly, and nothing unknown in its raw data', () => {
    const withExtras = {
      ...DNS_TOKEN,
      value: 'not-a-real-secret',
      material: 'x',
      unknown_field: 1,
    } as CloudflareApiToken;
    const entity = createApiTokenEntity(
      withExtras,
      { type: 'account', accountId: ACCOUNT },
      tokenScope(withExtras, []),
    );
    const { value: _v, material: _m, unknown_field: _u, ...known } = withExtras as unknown as Record<string, unknown>;
    expect(entity).toEqual({
      _key: TOKEN_KEY,
      _type: 'cloudflare_api_token',
      _class: ['AccessKey'],
      id: TOKEN_ID,
      name: 'CI DNS edit',
      displayName: 'CI DNS edit',
      status: 'active',
      active: true,
      expired: false,
      ownerType: 'account',
      accountId: ACCOUNT,
      createdOn: Date.parse('2024-01-15T10:00:00Z'),
      issuedOn: Date.parse('2024-01-15T10:00:00Z'),
      modifiedOn: Date.parse('2024-02-01T08:30:00.123Z'),
      updatedOn: Date.parse('2024-02-01T08:30:00.123Z'),
      expiresOn: Date.parse('2027-01-15T00:00:00Z'),
      notBefore: Date.parse('2024-01-15T00:00:00Z'),
      lastUsedOn: Date.parse('2026-11-30T23:59:59Z'),
      permissionGroups: ['DNS Write', 'Zone Read'],
      allowedIps: ['192.0.2.0/24', '2001:db8::/32'],
      deniedIps: ['192.0.2.7/32'],
      policyCount: 1,
      canEdit: true,
      userScoped: false,
      _rawData: [{ name: 'default', rawData: known }],
    });
    expect(JSON.stringify(entity)).not.toContain('not-a-real-secret');
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.API_TOKEN._class });
  });

  test('expired, disabled and never-used tokens; a user-owned read-only token', () => {
    const base: CloudflareApiToken = { id: TOKEN_ID, name: 'old', policies: [] };
    expect(createApiTokenEntity({ ...base, status: 'expired' }, { type: 'user' }, tokenScope(base, []))).toMatchObject({
      status: 'expired',
      active: false,
      expired: true,
      ownerType: 'user',
      accountId: undefined,
      policyCount: 0,
      permissionGroups: [],
      canEdit: false,
    });
    const disabled = createApiTokenEntity(
      { ...base, status: 'disabled', last_used_on: null, expires_on: null, condition: null },
      { type: 'user' },
      tokenScope(base, []),
    );
    expect(disabled).toMatchObject({ status: 'disabled', active: false, expired: false });
    for (const key of ['lastUsedOn', 'expiresOn', 'allowedIps', 'deniedIps', 'createdBy', 'deniedPermissionGroups']) {
      expect(disabled[key]).toBeUndefined();
    }
    expect(disabled).toMatchGraphObjectSchema({ _class: Entities.API_TOKEN._class });
  });

  test('canEdit: allowed Write/Edit groups or all privileges, minus what a deny takes away; no name → the id', () => {
    const token = (policies: CloudflareApiToken['policies']) =>
      createApiTokenEntity(
        { id: TOKEN_ID, name: null, status: 'active', policies },
        { type: 'user' },
        {
          grants: [],
          userScoped: false,
          ignored: [],
        },
      );
    const allow = (name: string) => ({ effect: 'allow', permission_groups: [{ name }], resources: {} });
    const deny = (name: string) => ({ effect: 'deny', permission_groups: [{ name }], resources: {} });
    expect(token([allow('Zone Read'), allow('Analytics Read')])).toMatchObject({ canEdit: false, name: TOKEN_ID });
    expect(token([allow('Zone Settings Edit')]).canEdit).toBe(true);
    expect(token([allow('Super Administrator - All Privileges')]).canEdit).toBe(true);
    expect(token([allow('DNS Write'), deny('DNS Write')])).toMatchObject({
      canEdit: false,
      permissionGroups: ['DNS Write'],
      deniedPermissionGroups: ['DNS Write'],
    });
  });
});

describe('tokenGraph: HAS and ALLOWS edges', () => {
  test('account-owned DNS token: HAS from its account, one ALLOWS per collected zone with the groups', () => {
    const graph = tokenGraph(
      DNS_TOKEN,
      { type: 'account', accountId: ACCOUNT },
      context([accountKey(ACCOUNT), zoneKey(ZONE_A)]),
    );
    expect(graph.entities.map((e) => e._key)).toEqual([TOKEN_KEY]);
    expect(graph.uncollected).toBe(1); // ZONE_B was not collected
    expect(graph.relationships).toEqual([
      {
        _key: `cloudflare_account:${ACCOUNT}|has|${TOKEN_KEY}`,
        _type: Relationships.ACCOUNT_HAS_API_TOKEN._type,
        _class: 'HAS',
        _fromEntityKey: accountKey(ACCOUNT),
        _toEntityKey: TOKEN_KEY,
        displayName: 'HAS',
      },
      {
        _key: `${TOKEN_KEY}|allow|${zoneKey(ZONE_A)}`,
        _type: 'cloudflare_api_token_allows_dns_zone',
        _class: 'ALLOWS',
        _fromEntityKey: TOKEN_KEY,
        _toEntityKey: zoneKey(ZONE_A),
        displayName: 'ALLOWS',
        permissionGroups: 'DNS Write, Zone Read',
        effect: 'allow',
        canEdit: true,
        allZones: undefined,
      },
    ]);
  });

  test('user-owned token: HAS from every collected account its allow grants reach, directly or through a zone', () => {
    const token: CloudflareApiToken = {
      id: TOKEN_ID,
      name: 'personal',
      status: 'active',
      policies: [
        { effect: 'allow', permission_groups: [{ name: 'Zone Read' }], resources: { [zone(ZONE_OTHER)]: '*' } },
        { effect: 'deny', permission_groups: [{ name: 'Zone Read' }], resources: { [acc(ACCOUNT)]: '*' } },
        { effect: 'allow', permission_groups: [{ name: 'DNS Read' }], resources: { [zone(ZONE_GONE)]: '*' } },
      ],
    };
    const graph = tokenGraph(
      token,
      { type: 'user' },
      context([accountKey(ACCOUNT), accountKey(OTHER), zoneKey(ZONE_OTHER)], { [ZONE_OTHER]: OTHER }),
    );
    expect(graph.uncollected).toBe(1);
    expect(graph.relationships.map((r) => r._key)).toEqual([
      `cloudflare_account:${OTHER}|has|${TOKEN_KEY}`,
      `${TOKEN_KEY}|allow|${zoneKey(ZONE_OTHER)}`,
      `${TOKEN_KEY}|deny|${accountKey(ACCOUNT)}`,
    ]);
    expect(graph.relationships[2]).toMatchObject({
      _type: 'cloudflare_api_token_allows_account',
      effect: 'deny',
      canEdit: false,
      permissionGroups: 'Zone Read',
    });
    expect(graph.entities[0]).toMatchObject({ ownerType: 'user', userScoped: false });
  });

  test('zone.* on an account-owned token is its own account only; on a user token every collected account', () => {
    const token: CloudflareApiToken = {
      id: TOKEN_ID,
      policies: [{ effect: 'allow', permission_groups: [{ name: 'Cache Purge' }], resources: { [zone('*')]: '*' } }],
    };
    const collected = context([accountKey(ACCOUNT), accountKey(OTHER)]);
    expect(
      tokenGraph(token, { type: 'account', accountId: ACCOUNT }, collected).relationships.map((r) => r._key),
    ).toEqual([`cloudflare_account:${ACCOUNT}|has|${TOKEN_KEY}`, `${TOKEN_KEY}|allow|${accountKey(ACCOUNT)}`]);
    expect(tokenGraph(token, { type: 'user' }, collected).relationships.map((r) => r._key)).toEqual([
      `cloudflare_account:${ACCOUNT}|has|${TOKEN_KEY}`,
      `cloudflare_account:${OTHER}|has|${TOKEN_KEY}`,
      `${TOKEN_KEY}|allow|${accountKey(ACCOUNT)}`,
      `${TOKEN_KEY}|allow|${accountKey(OTHER)}`,
    ]);
  });

  test('a token reaching only the user has no edges at all', () => {
    const token: CloudflareApiToken = {
      id: TOKEN_ID,
      policies: [
        {
          effect: 'allow',
          permission_groups: [{ name: 'API Tokens Write' }],
          resources: { 'com.cloudflare.api.user.1': '*' },
        },
      ],
    };
    const graph = tokenGraph(token, { type: 'user' }, context([accountKey(ACCOUNT)]));
    expect(graph).toMatchObject({ relationships: [], uncollected: 0 });
    expect(graph.entities[0]).toMatchObject({ userScoped: true, canEdit: true });
  });

  test('allow and deny on one account are two edges told apart by the effect in the key; allZones on the edge', () => {
    const allow = tokenAllows(TOKEN_KEY, {
      target: { kind: 'account', accountId: ACCOUNT },
      effect: 'allow',
      permissionGroups: ['Zone Read'],
      allZones: true,
    });
    const deny = tokenAllows(TOKEN_KEY, {
      target: { kind: 'account', accountId: ACCOUNT },
      effect: 'deny',
      permissionGroups: ['Zone Write'],
      allZones: false,
    });
    expect(allow).toMatchObject({ _key: `${TOKEN_KEY}|allow|${accountKey(ACCOUNT)}`, allZones: true, canEdit: false });
    expect(deny).toMatchObject({
      _key: `${TOKEN_KEY}|deny|${accountKey(ACCOUNT)}`,
      allZones: undefined,
      canEdit: false,
    });
  });

  test('apiTokenKey', () => {
    expect(apiTokenKey(TOKEN_ID)).toBe(TOKEN_KEY);
  });
});
