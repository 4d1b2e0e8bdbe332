/** The access-surface dataset contract (simulator README): realistic content, fixture ids, large sizes. */
import * as fixtures from '../test/fixtures';
import { largeDataset, realisticDataset, SIM_TOKENS, SimulatorDataset } from '.';
import { LARGE_ACCESS_SIZES } from './data/large-access';
import type { SimMember } from './types';

const ds = realisticDataset();
const [a1, a2, a3] = ds.accounts;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/;
const zoneName = (id: string) => ds.zones.find((z) => z.id === id)!.name;

describe('realisticDataset: Zero Trust', () => {
  const users = ds.accessUsersByAccount.get(a1.id)!;
  const members = ds.membersByAccount.get(a1.id)!;
  const memberEmails = new Set(members.map((m) => m.email.toLowerCase()));

  test('Acme Corp: 12 Access users, 10 of them members (3 in another case), 2 not', () => {
    expect(users).toHaveLength(12);
    const asMembers = users.filter((u) => memberEmails.has(u.email.toLowerCase()));
    expect(asMembers).toHaveLength(10);
    expect(asMembers.filter((u) => !memberEmails.has(u.email)).map((u) => u.email)).toEqual([
      'Olivia.Nguyen@acme.Example',
      'emma.smith@ACME.example',
      'Sophia.Tanaka@acme.Example',
    ]);
    expect(users.filter((u) => !memberEmails.has(u.email.toLowerCase())).map((u) => u.id)).toEqual([
      fixtures.ACME_CONTRACTOR_USER,
      fixtures.ACME_FRONTDESK_USER,
    ]);
    expect(users[0].id).toBe(fixtures.ACME_FIRST_ACCESS_USER);
    for (const u of users) {
      expect([u.id, u.uid, u.seat_uid].every((x) => UUID.test(x))).toBe(true);
      for (const t of [u.created_at, u.updated_at, u.last_successful_login]) if (t !== null) expect(t).toMatch(RFC3339);
    }
  });

  test('Acme Corp devices: 8, one revoked, one deleted, one without a user; counts agree', () => {
    const devices = ds.physicalDevicesByAccount.get(a1.id)!;
    const registrations = ds.deviceRegistrationsByAccount.get(a1.id)!;
    expect(devices).toHaveLength(8);
    expect(devices.filter((d) => d.active_registrations === 0).map((d) => d.id)).toEqual([
      fixtures.ACME_REVOKED_DEVICE,
      fixtures.ACME_DELETED_DEVICE,
    ]);
    expect(devices.filter((d) => d.deleted_at !== null).map((d) => d.id)).toEqual([fixtures.ACME_DELETED_DEVICE]);
    expect(devices.filter((d) => d.last_seen_user === null).map((d) => d.id)).toEqual([fixtures.ACME_UNOWNED_DEVICE]);
    // Every registration of the revoked and deleted devices is revoked.
    for (const id of [fixtures.ACME_REVOKED_DEVICE, fixtures.ACME_DELETED_DEVICE]) {
      const own = registrations.filter((r) => r.device.id === id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((r) => r.revoked_at !== null)).toBe(true);
    }
    expect(registrations).toHaveLength(9);
    for (const d of devices) {
      const active = registrations.filter(
        (r) => r.device.id === d.id && r.revoked_at === null && r.deleted_at === null,
      );
      expect(d.active_registrations).toBe(active.length);
    }
    // active_device_count = devices last seen with the user that still have an active registration.
    expect(users.map((u) => u.active_device_count)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(ds.legacyDevicesByAccount.get(a1.id)!.map((l) => l.id)).toEqual(registrations.map((r) => r.id));
  });

  test('posture rules, gateway locations, IdPs, groups, policies, apps', () => {
    expect(ds.postureRulesByAccount.get(a1.id)!.map((r) => [r.type, r.match.map((m) => m.platform)])).toEqual([
      ['disk_encryption', ['mac', 'windows']],
      ['os_version', ['mac']],
      ['firewall', ['windows']],
    ]);
    expect(ds.gatewayLocationsByAccount.get(a1.id)!.map((l) => [l.name, l.client_default, l.networks])).toEqual([
      ['HQ office', true, [{ network: '203.0.113.0/24' }]],
      ['Berlin branch', false, [{ network: '198.51.100.0/26' }, { network: '198.51.100.64/26' }]],
    ]);
    expect(ds.identityProvidersByAccount.get(a1.id)!.map((i) => [i.id, i.type, i.config.client_id])).toEqual([
      [fixtures.ACME_OKTA_IDP, 'okta', '0oa1acmeoktaclient'],
      [fixtures.ACME_OTP_IDP, 'onetimepin', undefined],
      [fixtures.ACME_AZURE_IDP, 'azureAD', '7c1e9a52-3b1f-4d8e-9a0b-5f6e7d8c9b0a'],
    ]);
    expect(ds.identityProvidersByAccount.get(a1.id)![2].config.directory_id).toEqual(expect.stringMatching(UUID));
    expect(ds.accessGroupsByAccount.get(a1.id)!.map((g) => [g.id, g.name, g.include])).toEqual([
      [fixtures.ACME_ENGINEERING_GROUP, 'Engineering', [{ email_domain: { domain: 'acme.example' } }]],
      [
        fixtures.ACME_CONTRACTORS_GROUP,
        'Contractors',
        [
          { email: { email: 'Dev.Contractor@contractors.example' } },
          { email: { email: 'contractor@partner.example' } },
        ],
      ],
    ]);
    expect(ds.accessPoliciesByAccount.get(a1.id)!.map((p) => [p.id, p.decision, p.include, p.reusable])).toEqual([
      [fixtures.ACME_ALLOW_ENGINEERING_POLICY, 'allow', [{ group: { id: fixtures.ACME_ENGINEERING_GROUP } }], true],
      [
        fixtures.ACME_DENY_CONTRACTOR_POLICY,
        'deny',
        [{ email: { email: 'dev.contractor@contractors.example' } }],
        true,
      ],
      [fixtures.ACME_BYPASS_POLICY, 'bypass', [{ everyone: {} }], true],
    ]);
    expect(
      ds.accessAppsByAccount
        .get(a1.id)!
        .map((a) => [a.id, a.type, a.domain ?? null, a.allowed_idps, a.policies.length]),
    ).toEqual([
      [fixtures.ACME_WIKI_APP, 'self_hosted', 'wiki.acme.example', [], 2],
      [
        fixtures.ACME_ADMIN_PANEL_APP,
        'self_hosted',
        'admin.acme.example',
        [fixtures.ACME_OKTA_IDP, fixtures.ACME_OTP_IDP],
        1,
      ],
      [fixtures.ACME_SALESFORCE_APP, 'saas', null, [fixtures.ACME_OKTA_IDP], 1],
      [fixtures.ACME_STATUS_APP, 'self_hosted', 'status.acme.example', [], 0],
    ]);
    for (const app of ds.accessAppsByAccount.get(a1.id)!) expect(app.aud).toMatch(/^[0-9a-f]{64}$/);
  });

  test('Acme Labs is small; Sandbox has Zero Trust off and no Zero Trust data', () => {
    const size = (accountId: string) => [
      ds.accessUsersByAccount.get(accountId)?.length ?? 0,
      ds.physicalDevicesByAccount.get(accountId)?.length ?? 0,
      ds.accessAppsByAccount.get(accountId)?.length ?? 0,
      ds.identityProvidersByAccount.get(accountId)?.length ?? 0,
      ds.accountTokensByAccount.get(accountId)?.length ?? 0,
    ];
    expect(size(a2.id)).toEqual([4, 1, 1, 1, 1]); // two of the users have internationalised addresses
    expect(ds.identityProvidersByAccount.get(a2.id)![0].id).toBe(fixtures.LABS_GITHUB_IDP);
    expect(ds.accessAppsByAccount.get(a2.id)![0].id).toBe(fixtures.LABS_APP);
    expect(ds.accountTokensByAccount.get(a2.id)![0].id).toBe(fixtures.LABS_TOKEN);
    expect([...ds.zeroTrustDisabled]).toEqual([fixtures.SANDBOX]);
    expect(size(a3.id)).toEqual([0, 0, 0, 0, 0]);
    expect([ds.legacyDevicesRetired, ds.physicalDevicesMissing, ds.zoneSettingsListMissing]).toEqual([
      true,
      false,
      undefined,
    ]);
  });
});

describe('realisticDataset: tokens, member policies, zone security', () => {
  test('Acme Corp account tokens by status, expiry and use', () => {
    const tokens = ds.accountTokensByAccount.get(a1.id)!;
    expect(tokens.map((t) => [t.id, t.status, t.expires_on, t.last_used_on === null])).toEqual([
      [fixtures.ACME_DNS_TOKEN, 'active', null, false],
      [fixtures.ACME_READ_TOKEN, 'active', null, false],
      [fixtures.ACME_EXPIRED_TOKEN, 'expired', '2024-01-01T00:00:00Z', false],
      [fixtures.ACME_DISABLED_TOKEN, 'disabled', null, false],
      [fixtures.ACME_EXPIRING_TOKEN, 'active', '2027-01-10T00:00:00Z', false],
      [fixtures.ACME_UNUSED_TOKEN, 'active', null, true],
    ]);
    expect(tokens.map((t) => Object.keys(t.policies[0].resources))).toEqual([
      [`com.cloudflare.api.account.${a1.id}`],
      [`com.cloudflare.api.account.${a1.id}`],
      [`com.cloudflare.api.account.${a1.id}`],
      [`com.cloudflare.api.account.zone.${fixtures.ACME_SHOP_ZONE}`],
      ['com.cloudflare.api.account.zone.*'],
      [`com.cloudflare.api.account.${a1.id}`],
    ]);
    for (const t of tokens) expect(t.id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('/user/tokens data: the SIM user token (its verify id) plus two, one user-scoped, one with a deny', () => {
    const userToken = ds.tokens.find((t) => t.value === SIM_TOKENS.user)!;
    expect(ds.userTokens.map((t) => t.id)).toEqual([
      userToken.id,
      fixtures.PERSONAL_USER_TOKEN,
      fixtures.DENY_USER_TOKEN,
    ]);
    expect(userToken.id).toBe(fixtures.SIM_USER_TOKEN);
    expect(Object.keys(ds.userTokens[1].policies[1].resources)[0]).toMatch(
      /^com\.cloudflare\.api\.user\.[0-9a-f]{32}$/,
    );
    expect(ds.userTokens[2].policies[1]).toMatchObject({
      effect: 'deny',
      resources: { [`com.cloudflare.api.account.zone.${fixtures.ACMELABS_ZONE}`]: '*' },
    });
  });

  test('members: three policy-only members appended; the Super Administrator policy mirrors its role', () => {
    const members = ds.membersByAccount.get(a1.id)!;
    expect(members).toHaveLength(68);
    const summary = (m: SimMember) =>
      m.policies!.map((p) => [
        p.access,
        p.permission_groups.map((g) => g.name).join(', '),
        p.resource_groups[0].scope.key,
        p.resource_groups[0].scope.objects.map((o) => (o.key === '*' ? '*' : zoneName(o.key.split('.').pop()!))),
      ]);
    const account = `com.cloudflare.api.account.${a1.id}`;
    expect(members.slice(65).map((m) => [m.id, m.roles, summary(m)])).toEqual([
      [fixtures.POLICY_ONLY_MEMBER, [], [['allow', 'Domain DNS', account, ['acme.example', 'acme-cdn.example']]]],
      [
        fixtures.ZONE_ADMIN_MEMBER,
        [],
        [
          ['allow', 'Domain Administrator', account, ['acme-shop.example']],
          ['allow', 'Domain Administrator Read Only', account, ['acme.example']],
        ],
      ],
      [
        fixtures.ACCOUNT_POLICY_MEMBER,
        [],
        [
          ['allow', 'DNS, Zone Read', account, ['*']],
          ['deny', 'DNS', account, ['acme.example']],
        ],
      ],
    ]);
    expect(members[0].id).toBe(fixtures.SUPER_ADMIN_MEMBER);
    expect(members[0].roles.map((r) => r.name)).toEqual(['Super Administrator - All Privileges']);
    expect(summary(members[0])).toEqual([['allow', 'Super Administrator - All Privileges', account, ['*']]]);
    // Only those four carry policies.
    const withPolicies = [...ds.membersByAccount.values()].flat().filter((m) => m.policies !== undefined);
    expect(withPolicies.map((m) => m.id)).toEqual([
      fixtures.SUPER_ADMIN_MEMBER,
      fixtures.POLICY_ONLY_MEMBER,
      fixtures.ZONE_ADMIN_MEMBER,
      fixtures.ACCOUNT_POLICY_MEMBER,
    ]);
  });

  test('zone settings and DNSSEC for every zone; some weak; DNSSEC active on 3, pending on 1', () => {
    expect(ds.zones.every((z) => ds.zoneSettingsByZone.has(z.id) && ds.dnssecByZone.has(z.id))).toBe(true);
    const value = (zone: string, id: string) => ds.zoneSettingsByZone.get(zone)!.find((s) => s.id === id)!.value;
    expect(
      [
        fixtures.ACME_ZONE,
        fixtures.ACME_CDN_ZONE,
        fixtures.MUNCHEN_ZONE,
        fixtures.ACMELABS_ZONE,
        fixtures.SANDBOX_ZONE,
      ].map((z) => [zoneName(z), value(z, 'ssl'), value(z, 'min_tls_version'), value(z, 'always_use_https')]),
    ).toEqual([
      ['acme.example', 'strict', '1.2', 'on'],
      ['acme-cdn.example', 'full', '1.2', 'on'],
      ['xn--mnchen-3ya.de', 'flexible', '1.0', 'off'],
      ['acmelabs.example', 'strict', '1.3', 'on'],
      ['sandbox.example', 'flexible', '1.0', 'off'],
    ]);
    const ssl = new Set(ds.zones.map((z) => value(z.id, 'ssl')));
    expect(ssl).toEqual(new Set(['off', 'flexible', 'full', 'strict']));
    const byStatus: Record<string, string[]> = {};
    for (const z of ds.zones) (byStatus[ds.dnssecByZone.get(z.id)!.status] ??= []).push(z.name);
    expect(byStatus.active).toEqual(['acme.example', 'acme-cdn.example', 'acmelabs.example']);
    expect(byStatus.pending).toEqual(['xn--mnchen-3ya.de']);
    expect(byStatus.disabled).toHaveLength(ds.zones.length - 4);
  });

  test('fixture zone and account ids name the zones they say', () => {
    expect(
      [
        fixtures.ACME_ZONE,
        fixtures.ACME_CDN_ZONE,
        fixtures.ACME_SHOP_ZONE,
        fixtures.MUNCHEN_ZONE,
        fixtures.ACMELABS_ZONE,
        fixtures.SANDBOX_ZONE,
      ].map(zoneName),
    ).toEqual([
      'acme.example',
      'acme-cdn.example',
      'acme-shop.example',
      'xn--mnchen-3ya.de',
      'acmelabs.example',
      'sandbox.example',
    ]);
    expect(ds.accounts.map((a) => a.id)).toEqual([fixtures.ACME_CORP, fixtures.ACME_LABS, fixtures.SANDBOX]);
  });

  test('the access surface is deterministic', () => {
    const again = realisticDataset();
    const surface = (d: SimulatorDataset) =>
      JSON.stringify([
        [...d.accessUsersByAccount],
        [...d.physicalDevicesByAccount],
        [...d.accessAppsByAccount],
        [...d.accountTokensByAccount],
        d.userTokens,
        [...d.zoneSettingsByZone],
        [...d.dnssecByZone],
      ]);
    expect(surface(again)).toBe(surface(ds));
  });
});

describe('largeDataset access surface', () => {
  const large = largeDataset({ zones: 60, records: 600, members: 40, accounts: 2, seed: 3 });

  test('sizes per account; every zone has settings and DNSSEC', () => {
    for (const account of large.accounts) {
      const members = large.membersByAccount.get(account.id)!.length;
      const users = large.accessUsersByAccount.get(account.id)!;
      expect(users).toHaveLength(Math.ceil(members / 2));
      const devices = large.physicalDevicesByAccount.get(account.id)!;
      expect(devices).toHaveLength(Math.ceil(users.length / 2) * 2 + Math.floor(users.length / 2));
      expect(large.deviceRegistrationsByAccount.get(account.id)).toHaveLength(devices.length);
      expect(
        [
          large.postureRulesByAccount,
          large.gatewayLocationsByAccount,
          large.identityProvidersByAccount,
          large.accessGroupsByAccount,
          large.accessPoliciesByAccount,
          large.accessAppsByAccount,
          large.accountTokensByAccount,
        ].map((m) => m.get(account.id)!.length),
      ).toEqual([10, 5, 3, 20, 30, 40, 30]);
    }
    expect(large.userTokens).toHaveLength(LARGE_ACCESS_SIZES.userTokens);
    expect(large.userTokens[0].id).toBe(fixtures.SIM_USER_TOKEN);
    expect(large.zoneSettingsByZone.size).toBe(60);
    expect(large.dnssecByZone.size).toBe(60);
    expect(large.zeroTrustDisabled.size).toBe(0);
  });

  test('default estate: a few revoked and deleted devices, expired tokens, policies referenced by apps', () => {
    const big = largeDataset();
    const devices = [...big.physicalDevicesByAccount.values()].flat();
    expect(devices.length).toBe(376);
    expect(devices.some((d) => d.deleted_at !== null)).toBe(true);
    expect(devices.some((d) => d.active_registrations === 0 && d.deleted_at === null)).toBe(true);
    expect([...big.accountTokensByAccount.values()].flat().some((t) => t.status === 'expired')).toBe(true);
    expect([...big.accessPoliciesByAccount.values()].flat().some((p) => p.app_count > 0)).toBe(true);
  });

  test('zeroTrust: false → no Zero Trust data, every account Zero Trust-off; the rest unchanged', () => {
    const opts = { zones: 60, records: 600, members: 40, accounts: 2, seed: 3 };
    const off = largeDataset({ ...opts, zeroTrust: false });
    expect([...off.zeroTrustDisabled]).toEqual(off.accounts.map((a) => a.id));
    expect(off.accessUsersByAccount.size + off.accessAppsByAccount.size + off.physicalDevicesByAccount.size).toBe(0);
    expect(JSON.stringify(off.zones)).toBe(JSON.stringify(large.zones));
    expect(JSON.stringify([...off.dnsRecordsByZone])).toBe(JSON.stringify([...large.dnsRecordsByZone]));
    expect(JSON.stringify([...off.membersByAccount])).toBe(JSON.stringify([...large.membersByAccount]));
    expect(off.accountTokensByAccount.get(off.accounts[0].id)).toHaveLength(30);
  });
});
