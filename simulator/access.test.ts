/**
 * The access-surface read endpoints: zone settings, DNSSEC, API tokens, Zero Trust
 * users and devices, Access configuration. Requests go through handleRequest
 * (no sockets) except one walk over HTTP.
 */
import fetch from 'node-fetch';
import {
  ACME_ADMIN_PANEL_APP,
  ACME_ADMIN_PANEL_INLINE_POLICY,
  ACME_ALLOW_ENGINEERING_POLICY,
  ACME_BYPASS_POLICY,
  ACME_CDN_ZONE,
  ACME_CORP,
  ACME_DELETED_DEVICE,
  ACME_DENY_CONTRACTOR_POLICY,
  ACME_DISABLED_TOKEN,
  ACME_DNS_TOKEN,
  ACME_EXPIRED_TOKEN,
  ACME_EXPIRING_TOKEN,
  ACME_OKTA_IDP,
  ACME_READ_TOKEN,
  ACME_REVOKED_DEVICE,
  ACME_SALESFORCE_APP,
  ACME_STATUS_APP,
  ACME_UNUSED_TOKEN,
  ACME_WIKI_APP,
  ACME_ZONE,
  ACME_LABS,
  DENY_USER_TOKEN,
  MUNCHEN_ZONE,
  PERSONAL_USER_TOKEN,
  SANDBOX,
  SIM_USER_TOKEN,
} from '../test/fixtures';
import {
  handleRequest,
  realisticDataset,
  SIM_TOKENS,
  SimToken,
  SimulatorDataset,
  startSimulator,
  tinyDataset,
} from '.';
import { ZERO_TRUST_DISABLED_ERRORS } from './handlers';
import type { SimApiToken } from './types';

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One GET through the route table; the body as the wire would carry it. */
function call(dataset: SimulatorDataset, pathAndQuery: string, token: string = SIM_TOKENS.user): Reply {
  const url = new URL(`http://sim/client/v4${pathAndQuery}`);
  const res = handleRequest(
    { method: 'GET', path: url.pathname, query: url.searchParams, headers: { authorization: `Bearer ${token}` } },
    dataset,
  );
  return { status: res.status, body: JSON.parse(JSON.stringify(res.body)) };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const failure = (errors: unknown[]) => ({ success: false, errors, messages: [], result: null });
const success = (result: unknown, result_info?: unknown) => ({
  success: true,
  errors: [],
  messages: [],
  result,
  ...(result_info === undefined ? {} : { result_info }),
});
const AUTH_ERROR = failure([{ code: 10000, message: 'Authentication error' }]);
const UNAUTHORIZED = failure([{ code: 9109, message: 'Unauthorized to access requested resource' }]);
const NO_ROUTE = failure([{ code: 7000, message: 'No route for that URI' }]);
const MISSING_ID = '0123456789abcdef0123456789abcdef';

const data = realisticDataset();
const ids = (reply: Reply) => reply.body.result.map((x: { id: string }) => x.id);

/** A dataset copy with one extra user token holding only `permissions`. */
function withToken(permissions: SimToken['permissions']): { dataset: SimulatorDataset; value: string } {
  const dataset = realisticDataset();
  const value = `limited${'_NOT_REAL'.repeat(5)}`.slice(0, 40);
  dataset.tokens.push({ value, id: MISSING_ID, kind: 'user', status: 'active', permissions });
  return { dataset, value };
}

describe('zone settings and DNSSEC', () => {
  test('/zones/:id/settings: every setting in one array, no result_info', () => {
    const reply = call(data, `/zones/${ACME_ZONE}/settings`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(success(clone(data.zoneSettingsByZone.get(ACME_ZONE))));
    expect(ids(reply)).toEqual([
      '0rtt',
      'always_online',
      'always_use_https',
      'automatic_https_rewrites',
      'browser_check',
      'development_mode',
      'http3',
      'ipv6',
      'min_tls_version',
      'opportunistic_encryption',
      'security_header',
      'ssl',
      'tls_1_3',
      'tls_client_auth',
      'websockets',
    ]);
  });

  test('/zones/:id/settings/:setting: one object; acme.example strict + HSTS, münchen weak', () => {
    const modified = data.zones.find((z) => z.id === ACME_ZONE)!.modified_on;
    const setting = (zone: string, id: string) => call(data, `/zones/${zone}/settings/${id}`).body;
    expect(setting(ACME_ZONE, 'ssl')).toEqual(
      success({ id: 'ssl', value: 'strict', editable: true, modified_on: modified }),
    );
    expect(setting(ACME_ZONE, 'min_tls_version').result.value).toBe('1.2');
    expect(setting(ACME_ZONE, 'always_use_https').result.value).toBe('on');
    expect(setting(ACME_ZONE, 'tls_1_3').result.value).toBe('zrt');
    expect(setting(ACME_ZONE, 'security_header').result.value).toEqual({
      strict_transport_security: {
        enabled: true,
        include_subdomains: true,
        max_age: 31536000,
        nosniff: true,
        preload: true,
      },
    });
    // Defaults nobody changed carry modified_on null.
    expect(setting(MUNCHEN_ZONE, 'ssl').result).toEqual({
      id: 'ssl',
      value: 'flexible',
      editable: true,
      modified_on: null,
    });
    expect(setting(MUNCHEN_ZONE, 'min_tls_version').result).toMatchObject({ value: '1.0', modified_on: null });
    expect(setting(MUNCHEN_ZONE, 'security_header').result.value.strict_transport_security.enabled).toBe(false);
    expect(setting(MUNCHEN_ZONE, '0rtt').result).toMatchObject({ value: 'off', editable: true });
  });

  test('unknown setting → 404 1003; malformed setting name → 400 7003', () => {
    expect(call(data, `/zones/${ACME_ZONE}/settings/no_such_setting`)).toEqual({
      status: 404,
      body: failure([{ code: 1003, message: 'Unknown zone setting: no_such_setting' }]),
    });
    expect(call(data, `/zones/${ACME_ZONE}/settings/SSL-mode`).status).toBe(400);
    expect(call(data, `/zones/${ACME_ZONE}/settings/SSL-mode`).body.errors[0].code).toBe(7003);
  });

  test('zoneSettingsListMissing: the all-settings list is 404 7000, single settings still answer', () => {
    const dataset = realisticDataset();
    dataset.zoneSettingsListMissing = true;
    expect(call(dataset, `/zones/${ACME_ZONE}/settings`)).toEqual({ status: 404, body: NO_ROUTE });
    expect(call(dataset, `/zones/${ACME_ZONE}/settings/ssl`).status).toBe(200);
  });

  test('/zones/:id/dnssec: active with keys, pending, disabled with nulls', () => {
    const active = call(data, `/zones/${ACME_ZONE}/dnssec`);
    expect(active.body).toEqual(success(clone(data.dnssecByZone.get(ACME_ZONE))));
    expect(active.body.result).toMatchObject({
      status: 'active',
      algorithm: '13',
      digest_type: '2',
      flags: 257,
      key_type: 'ECDSAP256SHA256',
      dnssec_multi_signer: false,
    });
    expect(active.body.result.ds).toMatch(/^acme\.example\. 3600 IN DS \d+ 13 2 [0-9A-F]{64}$/);
    expect(call(data, `/zones/${MUNCHEN_ZONE}/dnssec`).body.result.status).toBe('pending');
    const sandboxZone = data.zones.find((z) => z.name === 'sandbox.example')!.id;
    expect(call(data, `/zones/${sandboxZone}/dnssec`).body.result).toEqual({
      status: 'disabled',
      algorithm: null,
      digest: null,
      digest_algorithm: null,
      digest_type: null,
      ds: null,
      flags: null,
      key_tag: null,
      key_type: null,
      public_key: null,
      modified_on: null,
      dnssec_multi_signer: false,
      dnssec_presigned: false,
      dnssec_use_nsec3: false,
    });
  });

  test('permissions: settings need zone_settings_read, dnssec dns_read; unknown zone → 403 9109', () => {
    const { dataset, value } = withToken(['zone_read', 'dns_read']);
    expect(call(dataset, `/zones/${ACME_ZONE}/settings`, value)).toEqual({ status: 403, body: AUTH_ERROR });
    expect(call(dataset, `/zones/${ACME_ZONE}/settings/ssl`, value)).toEqual({ status: 403, body: AUTH_ERROR });
    expect(call(dataset, `/zones/${ACME_ZONE}/dnssec`, value).status).toBe(200);
    expect(call(data, `/zones/${ACME_ZONE}/dnssec`, SIM_TOKENS.noDnsRead)).toEqual({ status: 403, body: AUTH_ERROR });
    for (const path of [
      `/zones/${MISSING_ID}/settings`,
      `/zones/${MISSING_ID}/settings/ssl`,
      `/zones/${MISSING_ID}/dnssec`,
    ]) {
      expect(call(data, path)).toEqual({ status: 403, body: UNAUTHORIZED });
    }
  });

  test('zonesOnly: DNS and zone settings permissions on named zones only; other zones answer 403 10000', () => {
    const { dataset, value } = withToken(['zone_read', 'dns_read', 'zone_settings_read']);
    dataset.tokens.find((t) => t.value === value)!.zonesOnly = {
      dns_read: [ACME_ZONE],
      zone_settings_read: [ACME_CDN_ZONE],
    };
    expect(call(dataset, `/zones/${ACME_ZONE}/dns_records`, value).status).toBe(200);
    expect(call(dataset, `/zones/${ACME_ZONE}/dnssec`, value).status).toBe(200);
    expect(call(dataset, `/zones/${ACME_CDN_ZONE}/dns_records`, value)).toEqual({ status: 403, body: AUTH_ERROR });
    expect(call(dataset, `/zones/${ACME_CDN_ZONE}/dnssec`, value)).toEqual({ status: 403, body: AUTH_ERROR });
    expect(call(dataset, `/zones/${ACME_CDN_ZONE}/settings`, value).status).toBe(200);
    expect(call(dataset, `/zones/${ACME_CDN_ZONE}/settings/ssl`, value).status).toBe(200);
    expect(call(dataset, `/zones/${ACME_ZONE}/settings`, value)).toEqual({ status: 403, body: AUTH_ERROR });
    expect(call(dataset, `/zones/${ACME_ZONE}/settings/ssl`, value)).toEqual({ status: 403, body: AUTH_ERROR });
    // Zone Read is not narrowed: every zone is still listed (internal ones only when asked for by type).
    expect(call(dataset, `/zones?per_page=50`, value).body.result_info.total_count).toBe(
      dataset.zones.filter((zone) => zone.type !== 'internal').length,
    );
  });
});

describe('API tokens', () => {
  const a1Tokens = data.accountTokensByAccount.get(ACME_CORP)!;

  test('/accounts/:id/tokens hides expired tokens unless include_expired=true', () => {
    const visible = call(data, `/accounts/${ACME_CORP}/tokens`);
    expect(visible.body).toEqual(
      success(clone(a1Tokens.filter((t) => t.status !== 'expired')), {
        page: 1,
        per_page: 20,
        count: 5,
        total_count: 5,
        total_pages: 1,
      }),
    );
    expect(ids(visible)).toEqual([
      ACME_DNS_TOKEN,
      ACME_READ_TOKEN,
      ACME_DISABLED_TOKEN,
      ACME_EXPIRING_TOKEN,
      ACME_UNUSED_TOKEN,
    ]);
    const all = call(data, `/accounts/${ACME_CORP}/tokens?include_expired=true`);
    expect(ids(all)).toEqual([
      ACME_DNS_TOKEN,
      ACME_READ_TOKEN,
      ACME_EXPIRED_TOKEN,
      ACME_DISABLED_TOKEN,
      ACME_EXPIRING_TOKEN,
      ACME_UNUSED_TOKEN,
    ]);
    expect(call(data, `/accounts/${ACME_CORP}/tokens?include_expired=false`).body.result).toHaveLength(5);
  });

  test('account tokens page by page', () => {
    const pages = [1, 2, 3].map((page) =>
      call(data, `/accounts/${ACME_CORP}/tokens?include_expired=true&per_page=5&page=${page}`),
    );
    expect(pages.map((p) => p.body.result_info)).toEqual([
      { page: 1, per_page: 5, count: 5, total_count: 6, total_pages: 2 },
      { page: 2, per_page: 5, count: 1, total_count: 6, total_pages: 2 },
      { page: 3, per_page: 5, count: 0, total_count: 6, total_pages: 2 },
    ]);
    expect(pages.flatMap(ids)).toEqual(a1Tokens.map((t) => t.id));
    // per_page 5-50.
    expect(call(data, `/accounts/${ACME_CORP}/tokens?per_page=51`).status).toBe(400);
    expect(call(data, `/accounts/${ACME_CORP}/tokens?per_page=4`).status).toBe(400);
  });

  test('token shape: nested resources, IP conditions, creator; never a secret value', () => {
    const dns = call(data, `/accounts/${ACME_CORP}/tokens`).body.result[0];
    expect(Object.keys(dns).sort()).toEqual(
      [
        'condition',
        'expires_on',
        'id',
        'issued_on',
        'last_used_on',
        'modified_on',
        'name',
        'not_before',
        'policies',
        'provisioner_type',
        'status',
      ].sort(),
    );
    expect(dns.condition).toEqual({ request_ip: { in: ['192.0.2.0/24', '2001:db8::/32'], not_in: ['192.0.2.7/32'] } });
    expect(dns.policies).toHaveLength(1);
    expect(dns.policies[0].resources).toEqual({
      [`com.cloudflare.api.account.${ACME_CORP}`]: {
        [`com.cloudflare.api.account.zone.${ACME_ZONE}`]: '*',
        [`com.cloudflare.api.account.zone.${ACME_CDN_ZONE}`]: '*',
      },
    });
    expect(dns.policies[0].permission_groups.map((g: { name: string }) => g.name)).toEqual(['DNS Write', 'Zone Read']);
    const unused = a1Tokens.find((t) => t.id === ACME_UNUSED_TOKEN)!;
    expect(unused.last_used_on).toBeNull();
  });

  test('account tokens: permission, visibility, account-owned token on its own account', () => {
    expect(call(data, `/accounts/${ACME_CORP}/tokens`, SIM_TOKENS.noApiTokensRead)).toEqual({
      status: 403,
      body: AUTH_ERROR,
    });
    expect(call(data, `/accounts/${ACME_CORP}/tokens`, SIM_TOKENS.accountOwned).status).toBe(200);
    expect(call(data, `/accounts/${ACME_LABS}/tokens`, SIM_TOKENS.accountOwned)).toEqual({
      status: 403,
      body: UNAUTHORIZED,
    });
    // Tokens are not a Zero Trust product: Sandbox (Zero Trust off) lists its (no) tokens.
    expect(call(data, `/accounts/${SANDBOX}/tokens`).body.result).toEqual([]);
    expect(call(data, `/accounts/${ACME_LABS}/tokens`).body.result).toHaveLength(1);
  });

  test('/user/tokens: the SIM user token first, then two more (one with a deny policy)', () => {
    const reply = call(data, '/user/tokens?include_expired=true');
    expect(reply.body).toEqual(
      success(clone(data.userTokens), { page: 1, per_page: 20, count: 3, total_count: 3, total_pages: 1 }),
    );
    expect(ids(reply)).toEqual([SIM_USER_TOKEN, PERSONAL_USER_TOKEN, DENY_USER_TOKEN]);
    expect(call(data, '/user/tokens/verify').body.result.id).toBe(SIM_USER_TOKEN);
    const deny = data.userTokens[2];
    expect(deny.policies.map((p) => p.effect)).toEqual(['allow', 'deny']);
  });

  test('/user/tokens: include_expired, per_page 5–50, account-owned 403 9109, permission 403 10000', () => {
    const dataset = realisticDataset();
    (dataset.userTokens[1] as SimApiToken).status = 'expired';
    expect(ids(call(dataset, '/user/tokens'))).toEqual([SIM_USER_TOKEN, DENY_USER_TOKEN]);
    expect(ids(call(dataset, '/user/tokens?include_expired=true'))).toEqual([
      SIM_USER_TOKEN,
      PERSONAL_USER_TOKEN,
      DENY_USER_TOKEN,
    ]);
    expect(call(data, '/user/tokens?per_page=4').status).toBe(400);
    expect(call(data, '/user/tokens?per_page=5').status).toBe(200);
    expect(call(data, '/user/tokens', SIM_TOKENS.accountOwned)).toEqual({ status: 403, body: UNAUTHORIZED });
    expect(call(data, '/user/tokens', SIM_TOKENS.noApiTokensRead)).toEqual({ status: 403, body: AUTH_ERROR });
    expect(call(data, '/user/tokens', SIM_TOKENS.disabled)).toEqual({
      status: 403,
      body: failure([{ code: 9109, message: 'Invalid access token' }]),
    });
  });
});

const ZT_PATHS = [
  'access/users',
  'devices',
  'devices/physical-devices',
  'devices/registrations',
  'devices/posture',
  'gateway/locations',
  'access/identity_providers',
  'access/groups',
  'access/policies',
  'access/apps',
];

describe('Zero Trust users and devices', () => {
  const users = data.accessUsersByAccount.get(ACME_CORP)!;
  const devices = data.physicalDevicesByAccount.get(ACME_CORP)!;
  const registrations = data.deviceRegistrationsByAccount.get(ACME_CORP)!;

  test('/access/users: page style', () => {
    expect(call(data, `/accounts/${ACME_CORP}/access/users`).body).toEqual(
      success(clone(users), { page: 1, per_page: 20, count: 12, total_count: 12, total_pages: 1 }),
    );
    const pages = [1, 2, 3].map((p) => call(data, `/accounts/${ACME_CORP}/access/users?per_page=5&page=${p}`));
    expect(pages.map((p) => p.body.result_info.count)).toEqual([5, 5, 2]);
    expect(pages.flatMap(ids)).toEqual(users.map((u) => u.id));
    expect(call(data, `/accounts/${ACME_CORP}/access/users?per_page=51`).status).toBe(400);
  });

  test('physical-devices: active_registrations only (default) / include / exclude; deleted only with include', () => {
    const list = (q: string) => ids(call(data, `/accounts/${ACME_CORP}/devices/physical-devices?per_page=100${q}`));
    const all = devices.map((d) => d.id);
    expect(list('')).toEqual(all.filter((id) => id !== ACME_REVOKED_DEVICE && id !== ACME_DELETED_DEVICE));
    expect(list('&active_registrations=only')).toEqual(list(''));
    expect(list('&active_registrations=include')).toEqual(all);
    expect(list('&active_registrations=exclude')).toEqual([ACME_REVOKED_DEVICE]);
    expect(call(data, `/accounts/${ACME_CORP}/devices/physical-devices?active_registrations=some`)).toEqual({
      status: 400,
      body: failure([{ code: 1001, message: 'Invalid value for active_registrations: some' }]),
    });
  });

  test('physical-devices: cursor pages of 3 walk every device once; per_page 1–100', () => {
    const seen: string[] = [];
    const infos: unknown[] = [];
    let cursor = '';
    do {
      const reply = call(
        data,
        `/accounts/${ACME_CORP}/devices/physical-devices?active_registrations=include&per_page=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(reply.status).toBe(200);
      infos.push({ ...reply.body.result_info, cursor: reply.body.result_info.cursor === '' ? '' : 'next' });
      seen.push(...ids(reply));
      cursor = reply.body.result_info.cursor;
    } while (cursor);
    expect(infos).toEqual([
      { count: 3, cursor: 'next', per_page: 3 },
      { count: 3, cursor: 'next', per_page: 3 },
      { count: 2, cursor: '', per_page: 3 },
    ]);
    expect(seen).toEqual(devices.map((d) => d.id));
    expect(call(data, `/accounts/${ACME_CORP}/devices/physical-devices?per_page=101`).status).toBe(400);
    expect(call(data, `/accounts/${ACME_CORP}/devices/physical-devices`).body.result_info).toEqual({
      count: 6,
      cursor: '',
      per_page: 20,
    });
  });

  test('registrations: status active (default) hides revoked; revoked; all', () => {
    const list = (q: string) => ids(call(data, `/accounts/${ACME_CORP}/devices/registrations${q}`));
    const revoked = registrations.filter((r) => r.revoked_at !== null).map((r) => r.id);
    expect(revoked).toHaveLength(3);
    expect(list('')).toEqual(registrations.filter((r) => r.revoked_at === null).map((r) => r.id));
    expect(list('')).toHaveLength(6);
    expect(list('?status=active')).toEqual(list(''));
    expect(list('?status=revoked')).toEqual(revoked);
    expect(list('?status=all')).toEqual(registrations.map((r) => r.id));
    expect(call(data, `/accounts/${ACME_CORP}/devices/registrations?status=gone`).status).toBe(400);
    const first = call(data, `/accounts/${ACME_CORP}/devices/registrations?status=all&per_page=5`);
    const second = call(
      data,
      `/accounts/${ACME_CORP}/devices/registrations?status=all&per_page=5&cursor=${first.body.result_info.cursor}`,
    );
    expect([...ids(first), ...ids(second)]).toEqual(registrations.map((r) => r.id));
    expect([first.body.result_info.count, second.body.result_info.count]).toEqual([5, 4]);
    expect(second.body.result_info.cursor).toBe('');
  });

  test('legacy /devices: retired (404 7000) by default; a single array when not; fallback flag', () => {
    expect(call(data, `/accounts/${ACME_CORP}/devices`)).toEqual({ status: 404, body: NO_ROUTE });
    const dataset = realisticDataset();
    dataset.legacyDevicesRetired = false;
    dataset.physicalDevicesMissing = true;
    expect(call(dataset, `/accounts/${ACME_CORP}/devices`)).toEqual({
      status: 200,
      body: success(clone(dataset.legacyDevicesByAccount.get(ACME_CORP))),
    });
    expect(call(dataset, `/accounts/${ACME_CORP}/devices`).body.result).toHaveLength(9);
    expect(call(dataset, `/accounts/${ACME_CORP}/devices/physical-devices`)).toEqual({ status: 404, body: NO_ROUTE });
    expect(call(dataset, `/accounts/${ACME_CORP}/devices/registrations`)).toEqual({ status: 404, body: NO_ROUTE });
  });

  test('posture rules and gateway locations: single arrays', () => {
    expect(call(data, `/accounts/${ACME_CORP}/devices/posture`).body).toEqual(
      success(clone(data.postureRulesByAccount.get(ACME_CORP))),
    );
    expect(call(data, `/accounts/${ACME_CORP}/gateway/locations`).body).toEqual(
      success(clone(data.gatewayLocationsByAccount.get(ACME_CORP))),
    );
    expect(call(data, `/accounts/${ACME_LABS}/gateway/locations`).body).toEqual(success([]));
    // Page parameters are ignored, not validated.
    expect(call(data, `/accounts/${ACME_CORP}/devices/posture?per_page=1000`).body.result).toHaveLength(3);
  });
});

describe('Access configuration', () => {
  // Default and largest per_page: identity providers 200 / 1,000, policies 100 / 1,000, the others 20 / 50.
  test.each([
    ['access/identity_providers', 'identityProvidersByAccount', 200, 1000],
    ['access/groups', 'accessGroupsByAccount', 20, 50],
    ['access/policies', 'accessPoliciesByAccount', 100, 1000],
    ['access/apps', 'accessAppsByAccount', 20, 50],
  ] as const)('/%s: page style, exact content', (path, field, perPage, max) => {
    const list = data[field].get(ACME_CORP)!;
    expect(call(data, `/accounts/${ACME_CORP}/${path}`).body).toEqual(
      success(clone(list), {
        page: 1,
        per_page: perPage,
        count: list.length,
        total_count: list.length,
        total_pages: 1,
      }),
    );
    expect(call(data, `/accounts/${ACME_CORP}/${path}?per_page=${max}`).status).toBe(200);
    expect(call(data, `/accounts/${ACME_CORP}/${path}?per_page=${max + 1}`).status).toBe(400);
    const page2 = call(data, `/accounts/${ACME_CORP}/${path}?per_page=1&page=2`);
    expect(page2.body.result).toEqual([clone(list[1])]);
    expect(page2.body.result_info.total_pages).toBe(list.length);
  });

  test('apps reference reusable policies by id, hold inline ones, or none; app_count follows', () => {
    const apps = call(data, `/accounts/${ACME_CORP}/access/apps`).body.result;
    const byId = Object.fromEntries(apps.map((a: { id: string }) => [a.id, a]));
    const policyIds = (id: string) => byId[id].policies.map((p: { id: string }) => p.id);
    expect(policyIds(ACME_WIKI_APP)).toEqual([ACME_DENY_CONTRACTOR_POLICY, ACME_ALLOW_ENGINEERING_POLICY]);
    expect(policyIds(ACME_ADMIN_PANEL_APP)).toEqual([ACME_ADMIN_PANEL_INLINE_POLICY]);
    // As in Cloudflare's schema: an app's entries never say whether they are reusable.
    for (const app of apps) {
      for (const policy of app.policies) expect(policy).not.toHaveProperty('reusable');
    }
    expect(byId[ACME_SALESFORCE_APP]).toMatchObject({ type: 'saas', allowed_idps: [ACME_OKTA_IDP] });
    expect(byId[ACME_SALESFORCE_APP].domain).toBeUndefined();
    expect(byId[ACME_STATUS_APP].policies).toEqual([]);
    const counts = call(data, `/accounts/${ACME_CORP}/access/policies`).body.result.map(
      (p: { id: string; app_count: number }) => [p.id, p.app_count],
    );
    expect(counts).toEqual([
      [ACME_ALLOW_ENGINEERING_POLICY, 2],
      [ACME_DENY_CONTRACTOR_POLICY, 1],
      [ACME_BYPASS_POLICY, 0],
    ]);
  });

  test('the Okta IdP carries its client id (and a fake secret a collector must drop)', () => {
    const okta = call(data, `/accounts/${ACME_CORP}/access/identity_providers`).body.result[0];
    expect(okta).toMatchObject({
      id: ACME_OKTA_IDP,
      type: 'okta',
      config: {
        client_id: '0oa1acmeoktaclient',
        okta_account: 'https://acme.okta.com',
        client_secret: 'sim-okta-client-secret-NOT-REAL',
      },
      scim_config: { enabled: true, secret: 'sim-scim-secret-NOT-REAL' },
    });
  });
});

describe('Zero Trust permissions and accounts without Zero Trust', () => {
  test.each(ZT_PATHS)('noZeroTrust token on /accounts/:id/%s → 403 10000', (path) => {
    const dataset = realisticDataset();
    dataset.legacyDevicesRetired = false;
    expect(call(dataset, `/accounts/${ACME_CORP}/${path}`, SIM_TOKENS.noZeroTrust)).toEqual({
      status: 403,
      body: AUTH_ERROR,
    });
    expect(call(dataset, `/accounts/${ACME_CORP}/${path}`).status).toBe(200);
  });

  test('each Access permission guards only its own routes', () => {
    const idpsGroups = withToken(['access_idps_groups_read']);
    const appsPolicies = withToken(['access_apps_policies_read']);
    const zeroTrust = withToken(['zero_trust_read']);
    const auditLogs = withToken(['access_audit_logs_read']);
    const status = (t: { dataset: SimulatorDataset; value: string }, path: string) =>
      call(t.dataset, `/accounts/${ACME_CORP}/${path}`, t.value).status;
    expect(
      ZT_PATHS.filter((p) => p !== 'devices').map((p) => [
        p,
        status(idpsGroups, p),
        status(appsPolicies, p),
        status(zeroTrust, p),
        status(auditLogs, p),
      ]),
    ).toEqual([
      ['access/users', 403, 403, 403, 200],
      ['devices/physical-devices', 403, 403, 200, 403],
      ['devices/registrations', 403, 403, 200, 403],
      ['devices/posture', 403, 403, 200, 403],
      ['gateway/locations', 403, 403, 200, 403],
      ['access/identity_providers', 200, 403, 403, 403],
      ['access/groups', 200, 403, 403, 403],
      ['access/policies', 403, 200, 403, 403],
      ['access/apps', 403, 200, 403, 403],
    ]);
  });

  test.each(ZT_PATHS)('Sandbox (Zero Trust off) on /accounts/:id/%s → 403 10000 + 10001', (path) => {
    expect(ZERO_TRUST_DISABLED_ERRORS).toEqual([
      { code: 10000, message: 'Authentication error' },
      { code: 10001, message: 'Zero Trust is not enabled for this account' },
    ]);
    expect(call(data, `/accounts/${SANDBOX}/${path}`)).toEqual({
      status: 403,
      body: failure(ZERO_TRUST_DISABLED_ERRORS),
    });
    // Without the permission the plain Authentication error comes first.
    expect(call(data, `/accounts/${SANDBOX}/${path}`, SIM_TOKENS.noZeroTrust)).toEqual({
      status: 403,
      body: AUTH_ERROR,
    });
  });

  test('unknown account → 403 9109; a UUID where the account id goes → 400 7003', () => {
    for (const path of ZT_PATHS) {
      expect(call(data, `/accounts/${MISSING_ID}/${path}`)).toEqual({ status: 403, body: UNAUTHORIZED });
      expect(call(data, `/accounts/${ACME_OKTA_IDP}/${path}`).body.errors[0].code).toBe(7003);
    }
  });

  test('tiny dataset: Zero Trust on but empty; zone settings for both zones', () => {
    const tiny = tinyDataset();
    const account = tiny.accounts[0].id;
    for (const path of ZT_PATHS.filter((p) => p !== 'devices')) {
      expect(call(tiny, `/accounts/${account}/${path}`).body.result).toEqual([]);
    }
    for (const zone of tiny.zones) expect(call(tiny, `/zones/${zone.id}/settings/ssl`).status).toBe(200);
    expect(ids(call(tiny, '/user/tokens'))).toEqual([SIM_USER_TOKEN]);
  });
});

test('over HTTP: a cursor walk of registrations and the ZT-off 403', async () => {
  const sim = await startSimulator({ dataset: realisticDataset() });
  try {
    const get = async (path: string) => {
      const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${SIM_TOKENS.user}` } });
      return { status: res.status, body: await res.json() };
    };
    const first = await get(`/accounts/${ACME_CORP}/devices/registrations?status=all&per_page=8`);
    expect(first.body.result_info).toEqual({
      count: 8,
      cursor: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      per_page: 8,
    });
    const last = await get(
      `/accounts/${ACME_CORP}/devices/registrations?status=all&per_page=8&cursor=${first.body.result_info.cursor}`,
    );
    expect(last.body.result_info).toEqual({ count: 1, cursor: '', per_page: 8 });
    expect(await get(`/accounts/${SANDBOX}/access/apps`)).toEqual({
      status: 403,
      body: failure(ZERO_TRUST_DISABLED_ERRORS),
    });
    expect(sim.stats.byRoute).toMatchObject({
      'GET /accounts/:id/devices/registrations': 2,
      'GET /accounts/:id/access/apps': 1,
    });
  } finally {
    await sim.close();
  }
});

describe('Cloudflare Tunnels', () => {
  const tunnels = (query = '') => call(data, `/accounts/${ACME_CORP}/cfd_tunnel${query}`);
  const names = (reply: Reply) => reply.body.result.map((t: { name: string }) => t.name);

  test('/accounts/:id/cfd_tunnel: is_deleted=false leaves the deleted one out, true lists only it, absent lists both', () => {
    expect(names(tunnels('?is_deleted=false'))).toEqual(['hq-web', 'billing-api', 'staging']);
    expect(names(tunnels('?is_deleted=true'))).toEqual(['old-vpn']);
    expect(names(tunnels())).toEqual(['hq-web', 'billing-api', 'staging', 'old-vpn']);
    expect(tunnels('?is_deleted=false').body.result_info).toEqual({
      page: 1,
      per_page: 20,
      count: 3,
      total_count: 3,
      total_pages: 1,
    });
    expect(tunnels('?is_deleted=maybe')).toEqual({
      status: 400,
      body: failure([{ code: 1001, message: 'Invalid value for is_deleted: maybe' }]),
    });
    expect(tunnels('?per_page=1000').status).toBe(200);
    expect(tunnels('?per_page=1001').status).toBe(400);
    // Not a Zero Trust list: an account without Zero Trust has tunnels too (none here).
    expect(call(data, `/accounts/${SANDBOX}/cfd_tunnel`)).toEqual({
      status: 200,
      body: expect.objectContaining({ result: [] }),
    });
  });

  test("the degraded tunnel's entry lists no connections; the connections endpoint has its connector and both connections", () => {
    const billing = data.tunnelsByAccount.get(ACME_CORP)!.find((t) => t.name === 'billing-api')!;
    expect(billing.connections).toEqual([]);
    const reply = call(data, `/accounts/${ACME_CORP}/cfd_tunnel/${billing.id}/connections`);
    expect(reply.status).toBe(200);
    expect(reply.body.result_info).toBeUndefined();
    expect(reply.body.result).toHaveLength(1);
    expect(reply.body.result[0]).toMatchObject({ version: '2024.2.1', arch: 'windows_amd64' });
    expect(
      reply.body.result[0].conns.map((c: { colo_name: string; origin_ip: string; is_pending_reconnect: boolean }) => [
        c.colo_name,
        c.origin_ip,
        c.is_pending_reconnect,
      ]),
    ).toEqual([
      ['fra02', '198.51.100.7', false],
      ['fra08', '198.51.100.7', true],
    ]);
    // Another account's path, or a tunnel nobody has: 404.
    expect(call(data, `/accounts/${ACME_LABS}/cfd_tunnel/${billing.id}/connections`).status).toBe(404);
    // The id is a UUID, not a Cloudflare hex id.
    expect(call(data, `/accounts/${ACME_CORP}/cfd_tunnel/${MISSING_ID}/connections`).status).toBe(400);
  });

  test('both routes need tunnel_read', () => {
    const noTunnels = withToken(['zero_trust_read', 'account_settings_read']);
    const billing = data.tunnelsByAccount.get(ACME_CORP)!.find((t) => t.name === 'billing-api')!;
    for (const path of ['cfd_tunnel', `cfd_tunnel/${billing.id}/connections`]) {
      expect(call(noTunnels.dataset, `/accounts/${ACME_CORP}/${path}`, noTunnels.value)).toEqual({
        status: 403,
        body: AUTH_ERROR,
      });
    }
  });
});
