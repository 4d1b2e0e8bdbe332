import type { SimDnsRecord } from './types';
import {
  ADMIN_ROLE_ID,
  DNS_RECORD_TYPES,
  largeDataset,
  realisticDataset,
  SIM_TOKENS,
  SimulatorDataset,
  SUPER_ADMIN_ROLE_ID,
  tinyDataset,
} from '.';

const HEX32 = /^[0-9a-f]{32}$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/;

function allRecords(ds: SimulatorDataset): SimDnsRecord[] {
  return [...ds.dnsRecordsByZone.values()].flat();
}

function idsOf(ds: SimulatorDataset): string[] {
  const ids = [...ds.accounts.map((a) => a.id), ...ds.zones.map((z) => z.id), ...ds.tokens.map((t) => t.id)];
  for (const roles of ds.rolesByAccount.values()) ids.push(...roles.map((r) => r.id));
  for (const members of ds.membersByAccount.values()) {
    for (const m of members) {
      ids.push(m.id, ...m.roles!.map((r) => r.id));
      if (m.user?.id != null) ids.push(m.user.id);
    }
  }
  ids.push(...allRecords(ds).map((r) => r.id));
  return ids;
}

const tiny = tinyDataset();
const realistic = realisticDataset();

describe.each([
  ['tiny', tiny],
  ['realistic', realistic],
  ['large (small options)', largeDataset({ zones: 40, records: 2000, members: 30, seed: 5 })],
])('%s dataset invariants', (_name, ds) => {
  test('every SIM_TOKEN except unknown is present; the account-owned one owns the first account', () => {
    const { unknown, ...present } = SIM_TOKENS;
    expect(ds.tokens.map((t) => t.value).sort()).toEqual(Object.values(present).sort());
    expect(ds.tokens.some((t) => t.value === unknown)).toBe(false);
    const owned = ds.tokens.find((t) => t.value === SIM_TOKENS.accountOwned)!;
    expect(owned).toMatchObject({ kind: 'account', status: 'active', accountIds: [ds.accounts[0].id] });
    expect(ds.tokens.find((t) => t.value === SIM_TOKENS.disabled)!.status).toBe('disabled');
    expect(ds.tokens.find((t) => t.value === SIM_TOKENS.noDnsRead)!.permissions).toEqual([
      'account_settings_read',
      'zone_read',
      'zone_settings_read',
      'account_api_tokens_read',
      'user_api_tokens_read',
      'zero_trust_read',
      'access_audit_logs_read',
      'access_apps_policies_read',
      'access_idps_groups_read',
      'account_logs_read',
      'tunnel_read',
    ]);
    expect(ds.tokens.find((t) => t.value === SIM_TOKENS.noZeroTrust)!.permissions).toEqual([
      'account_settings_read',
      'zone_read',
      'dns_read',
      'zone_settings_read',
      'account_api_tokens_read',
      'user_api_tokens_read',
      'account_logs_read',
      'tunnel_read',
    ]);
    expect(ds.tokens.find((t) => t.value === SIM_TOKENS.noApiTokensRead)!.permissions).toEqual([
      'account_settings_read',
      'zone_read',
      'dns_read',
      'zone_settings_read',
      'zero_trust_read',
      'access_audit_logs_read',
      'access_apps_policies_read',
      'access_idps_groups_read',
      'account_logs_read',
      'tunnel_read',
    ]);
  });

  test('ids are 32 lowercase hex; zone, account and record ids are unique', () => {
    for (const id of idsOf(ds)) expect(id).toMatch(HEX32);
    expect(new Set(ds.zones.map((z) => z.id)).size).toBe(ds.zones.length);
    expect(new Set(ds.zones.map((z) => z.name)).size).toBe(ds.zones.length);
    expect(new Set(ds.accounts.map((a) => a.id)).size).toBe(ds.accounts.length);
  });

  test('timestamps are RFC 3339 with 0–6 fractional digits', () => {
    const stamps = [
      ...ds.accounts.map((a) => a.created_on),
      ...ds.zones.flatMap((z) => [z.created_on, z.modified_on, z.activated_on]),
      ...allRecords(ds).flatMap((r) => [r.created_on, r.modified_on]),
    ].filter((s): s is string => s != null);
    for (const s of stamps) expect(s).toMatch(RFC3339);
  });

  test('every listed role catalogue uses the same ids in every account and omits Super Administrator', () => {
    const lists = [...ds.rolesByAccount.values()].map((roles) => roles.map((r) => r.id));
    for (const ids of lists) {
      expect(ids).toEqual(lists[0]);
      expect(ids).toContain(ADMIN_ROLE_ID);
      expect(ids).not.toContain(SUPER_ADMIN_ROLE_ID);
    }
  });

  test('zones carry account {id, name} of an existing account; pending zones have activated_on null', () => {
    for (const z of ds.zones) {
      const account = ds.accounts.find((a) => a.id === z.account?.id);
      expect(z.account).toEqual({ id: account!.id, name: account!.name });
      if (z.status === 'pending') expect(z.activated_on).toBeNull();
      expect(ds.dnsRecordsByZone.has(z.id)).toBe(true);
    }
  });

  test('proxied records use ttl 1; other ttls are 1 or 60..86400', () => {
    for (const r of allRecords(ds)) {
      if (r.proxied) expect(r.ttl).toBe(1);
      expect(r.ttl === 1 || (r.ttl! >= 60 && r.ttl! <= 86400)).toBe(true);
    }
  });
});

describe('tinyDataset', () => {
  test('exact contents', () => {
    expect(tiny.accounts.map((a) => [a.id, a.name, a.type, a.settings?.enforce_twofactor])).toEqual([
      ['ba68a4165965bae09b3065e30a16ee77', 'Tiny Example Account', 'standard', false],
    ]);
    const accountId = tiny.accounts[0].id;
    expect(tiny.rolesByAccount.get(accountId)!.map((r) => r.name)).toEqual([
      'Administrator',
      'Administrator Read Only',
      'DNS',
    ]);
    expect(
      tiny.membersByAccount
        .get(accountId)!
        .map((m) => [
          m.id,
          m.status,
          m.user?.first_name,
          m.user?.two_factor_authentication_enabled,
          m.roles!.map((r) => r.id),
        ]),
    ).toEqual([
      ['39c907355338d7f4f141ef5edf993a5f', 'accepted', 'Ada', true, [SUPER_ADMIN_ROLE_ID]],
      ['844d64e4af6f6c6384b905f88f5cbe9b', 'accepted', 'Grace', false, [tiny.rolesByAccount.get(accountId)![1].id]],
      ['bf464c160074ddbb017616130a93ff04', 'pending', null, false, [tiny.rolesByAccount.get(accountId)![2].id]],
    ]);
    expect(tiny.zones.map((z) => [z.id, z.name, z.status, z.type])).toEqual([
      ['117e94fa2983f4823beed0d08f3a0d39', 'example.com', 'active', 'full'],
      ['6442bb04190f885bb028e63b369538d5', 'example.net', 'pending', 'partial'],
    ]);
    expect(allRecords(tiny).map((r) => [r.id, r.zone_name, r.type, r.name, r.content, r.proxied, r.priority])).toEqual([
      ['d9983d591a5a553d06a9f6d20adf518c', 'example.com', 'A', 'example.com', '192.0.2.10', true, undefined],
      ['5b5df35fa7878e7c5cb924e5ab9e26b4', 'example.com', 'AAAA', 'example.com', '2001:db8::1', false, undefined],
      ['50cd1e190274a78cc3811ea3d52642b1', 'example.com', 'CNAME', 'www.example.com', 'example.com', true, undefined],
      ['59dd6b990193dba53d142c86829f3a5f', 'example.com', 'MX', 'example.com', 'mx1.mail.example.net', false, 10],
      [
        'f63f69e85786c4122a10a148d39fca5e',
        'example.net',
        'TXT',
        'example.net',
        '"v=spf1 include:_spf.mail.example.net ~all"',
        false,
        undefined,
      ],
      [
        '706715db63d1f8b0c4c6252b3961afe3',
        'example.net',
        'HTTPS',
        'example.net',
        '1 . alpn="h3,h2" ipv4hint="192.0.2.1"',
        false,
        undefined,
      ],
    ]);
    expect(allRecords(tiny)[4]).toMatchObject({
      comment: 'SPF policy; owned by the platform team',
      tags: ['owner:platform', 'env:prod'],
    });
  });
});

describe('realisticDataset', () => {
  const [a1, a2] = realistic.accounts;
  const members = realistic.membersByAccount.get(a1.id)!;

  test('accounts: one enterprise with enforced 2FA, one managed', () => {
    expect(
      realistic.accounts.map((a) => [a.type, a.settings?.enforce_twofactor, a.managed_by?.parent_org_name ?? null]),
    ).toEqual([
      ['enterprise', true, null],
      ['standard', false, 'Acme Holdings'],
      ['standard', false, null],
    ]);
  });

  test('account 1 members: paging size, duplicate at the page boundary, odd invites', () => {
    expect(members.length).toBe(68);
    expect(new Set(members.map((m) => m.id)).size).toBe(67);
    expect(members[50]).toBe(members[49]);
    const pending = members.filter((m) => m.status === 'pending');
    expect(pending.length).toBeGreaterThanOrEqual(5);
    for (const m of pending) expect([m.user?.first_name, m.user?.last_name]).toEqual([null, null]);
    expect(members.filter((m) => m.user?.id === null)).toEqual([
      expect.objectContaining({ email: 'contractor@partner.example', user: expect.objectContaining({ email: null }) }),
    ]);
    expect(members.filter((m) => m.status === 'rejected')).toHaveLength(1);
    expect(members.some((m) => m.roles!.some((r) => r.id === SUPER_ADMIN_ROLE_ID))).toBe(true);
    expect(members.some((m) => m.roles!.some((r) => r.name === 'Administrator Read Only'))).toBe(true);
    expect(members.some((m) => m.roles!.length === 2)).toBe(true);
  });

  test('one person is a member of accounts 1 and 2 with different memberships and roles', () => {
    const other = realistic.membersByAccount.get(a2.id)!;
    const shared = members.filter((m) => other.some((o) => o.user?.id === m.user?.id));
    expect(shared).toHaveLength(1);
    const twin = other.find((o) => o.user?.id === shared[0].user?.id)!;
    expect(twin.email).toBe(shared[0].email);
    expect(twin.id).not.toBe(shared[0].id);
    expect(twin.roles!.map((r) => r.id)).not.toEqual(shared[0].roles!.map((r) => r.id));
  });

  test('account 1 zones: paging size and variety', () => {
    const zones = realistic.zones.filter((z) => z.account?.id === a1.id);
    expect(zones.length).toBeGreaterThanOrEqual(55);
    const names = zones.map((z) => z.name);
    expect(names).toEqual(expect.arrayContaining(['xn--mnchen-3ya.de', 'xn--bcher-kva.example']));
    expect(new Set(zones.map((z) => z.status))).toEqual(new Set(['active', 'pending', 'moved', 'deactivated']));
    expect(new Set(zones.map((z) => z.type))).toEqual(new Set(['full', 'partial', 'secondary']));
    expect(new Set(zones.map((z) => z.plan?.name))).toEqual(
      new Set(['Free Website', 'Pro Website', 'Business Website', 'Enterprise Website']),
    );
    expect(zones.some((z) => z.paused)).toBe(true);
    expect(zones.some((z) => z.original_name_servers === null)).toBe(true);
    for (const accountId of [realistic.accounts[1].id, realistic.accounts[2].id]) {
      expect(realistic.zones.filter((z) => z.account?.id === accountId).length).toBeGreaterThanOrEqual(2);
    }
  });

  test('DNS records: every type in one zone, an empty zone, a 250+ zone with a duplicate at the boundary', () => {
    const byName = (name: string) => realistic.dnsRecordsByZone.get(realistic.zones.find((z) => z.name === name)!.id)!;
    const all = byName('acme.example');
    expect(new Set(all.map((r) => r.type))).toEqual(new Set(DNS_RECORD_TYPES));
    for (const r of all) {
      if (r.type === 'MX' || r.type === 'URI') expect(r.priority).toEqual(expect.any(Number));
      if (
        [
          'SRV',
          'CAA',
          'HTTPS',
          'SVCB',
          'TLSA',
          'SSHFP',
          'URI',
          'NAPTR',
          'DS',
          'LOC',
          'CERT',
          'SMIMEA',
          'DNSKEY',
        ].includes(r.type)
      )
        expect(r.data).toEqual(expect.any(Object));
    }
    expect(byName('acme-empty.example')).toEqual([]);
    const big = byName('acme-cdn.example');
    expect(big.length).toBeGreaterThanOrEqual(251);
    expect(big[100]).toBe(big[99]);
    const records = allRecords(realistic);
    expect(records.some((r) => r.ttl === 1) && records.some((r) => r.ttl! > 1)).toBe(true);
    expect(records.some((r) => r.comment === null) && records.some((r) => typeof r.comment === 'string')).toBe(true);
    expect(records.some((r) => r.tags!.includes('owner:platform'))).toBe(true);
    expect(records.some((r) => 'locked' in r)).toBe(false);
  });

  test('is deterministic', () => {
    expect(JSON.stringify(realisticDataset().zones)).toBe(JSON.stringify(realistic.zones));
    expect(JSON.stringify(allRecords(realisticDataset()))).toBe(JSON.stringify(allRecords(realistic)));
  });
});

describe('largeDataset', () => {
  test('defaults: 2 accounts, 1000 zones, 100000 records, 500 members, fast, skewed, all types', () => {
    const started = Date.now();
    const ds = largeDataset();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ds.accounts).toHaveLength(2);
    expect(ds.zones).toHaveLength(1000);
    expect([...ds.membersByAccount.values()].reduce((n, m) => n + m.length, 0)).toBe(500);
    const sizes = [...ds.dnsRecordsByZone.values()].map((r) => r.length).sort((a, b) => a - b);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100000);
    const median = sizes[500];
    expect(median).toBeGreaterThan(80);
    expect(median).toBeLessThan(120);
    expect(sizes[sizes.length - 1]).toBeGreaterThan(3 * median);
    expect(new Set(allRecords(ds).map((r) => r.type))).toEqual(new Set(DNS_RECORD_TYPES));
  });

  test('is deterministic by seed', () => {
    const opts = { zones: 30, records: 1500, members: 20, accounts: 3 };
    expect(JSON.stringify(allRecords(largeDataset({ ...opts, seed: 9 })))).toBe(
      JSON.stringify(allRecords(largeDataset({ ...opts, seed: 9 }))),
    );
    expect(largeDataset({ ...opts, seed: 9 }).zones[0].id).not.toBe(largeDataset({ ...opts, seed: 10 }).zones[0].id);
  });
});
