/**
 * The large dataset's access surface: Zero Trust, Access, API tokens and zone
 * security at benchmark scale. Uses its own PRNG so the older large data
 * (zones, records, members) keeps its values for a given seed.
 */
import type { SimAccessSurface } from '../dataset';
import type {
  SimAccessApp,
  SimAccessGroup,
  SimAccessPolicy,
  SimAccessUser,
  SimAccount,
  SimApiToken,
  SimDnssec,
  SimDnssecStatus,
  SimIdentityProvider,
  SimMember,
  SimZone,
} from '../types';
import { hexId, mulberry32, pick, uuidId } from './random';
import { accountResource, ALL_ZONES_RESOURCE, buildApiToken, TokenPolicySpec, zoneResource } from './tokens';
import {
  appPolicyRef,
  buildAccessApp,
  buildAccessGroup,
  buildAccessUser,
  buildDevice,
  BuiltDevice,
  buildGatewayLocation,
  buildIdentityProvider,
  buildPostureRule,
  buildReusablePolicy,
  inlinePolicy,
  linkPolicies,
  rule,
} from './zero-trust';
import { buildTunnel } from './tunnels';
import { buildDnssec, buildZoneSettings, variedSecurity } from './zone-settings';

/** Per-account sizes of the access surface in the benchmark estate. */
export const LARGE_ACCESS_SIZES = {
  postureRules: 10,
  gatewayLocations: 5,
  /** Listed tunnels (not deleted); one more deleted per account, left out by default. */
  tunnels: 6,
  identityProviders: 3,
  accessGroups: 20,
  accessPolicies: 30,
  accessApps: 40,
  accountTokens: 30,
  /** Overall, for /user/tokens. */
  userTokens: 10,
} as const;

export interface LargeAccessInput {
  seed: number;
  zeroTrust: boolean;
  accounts: SimAccount[];
  membersByAccount: Map<string, SimMember[]>;
  zones: SimZone[];
  /** Pre-formatted [created, modified] pairs (formatting dates is the slow part). */
  stampPool: Array<[string, string]>;
  simUserTokenId: string;
}

const DEVICE_MODELS: Array<{
  type: 'mac' | 'windows' | 'linux' | 'ios' | 'android';
  make: string;
  model: string;
  os: string;
}> = [
  { type: 'mac', make: 'Apple Inc.', model: 'MacBookPro18,3', os: '14.5.0' },
  { type: 'mac', make: 'Apple Inc.', model: 'Mac15,6', os: '15.0.1' },
  { type: 'windows', make: 'LENOVO', model: '21HM', os: '10.0.22631' },
  { type: 'windows', make: 'Dell Inc.', model: 'Latitude 7440', os: '10.0.19045' },
  { type: 'linux', make: 'Framework', model: 'Laptop 13', os: '6.8.0-35-generic' },
  { type: 'ios', make: 'Apple Inc.', model: 'iPhone15,2', os: '17.5.1' },
  { type: 'android', make: 'Google', model: 'Pixel 8', os: '14' },
];
const POSTURE_TYPES = [
  'disk_encryption',
  'os_version',
  'firewall',
  'file',
  'application',
  'serial_number',
  'domain_joined',
];
const DECISIONS = ['allow', 'allow', 'allow', 'deny', 'bypass', 'non_identity'] as const;
const PERMISSION_SETS = [
  ['DNS Write', 'Zone Read'],
  ['Zone Read', 'DNS Read'],
  ['Account Settings Read'],
  ['Cache Purge'],
  ['Zone Settings Write'],
  ['Workers Scripts Write', 'Zone Read'],
  ['Zero Trust Read'],
];

export function largeAccessSurface(input: LargeAccessInput): SimAccessSurface {
  const rng = mulberry32((input.seed ^ 0x9e3779b9) >>> 0);
  const uid = (...parts: Array<string | number>) => uuidId('large', input.seed, ...parts);
  const hid = (...parts: Array<string | number>) => hexId('large', input.seed, ...parts);
  const stamp = () => input.stampPool[(rng() * input.stampPool.length) | 0];

  const out: SimAccessSurface = {
    accessUsersByAccount: new Map(),
    physicalDevicesByAccount: new Map(),
    deviceRegistrationsByAccount: new Map(),
    legacyDevicesByAccount: new Map(),
    postureRulesByAccount: new Map(),
    gatewayLocationsByAccount: new Map(),
    tunnelsByAccount: new Map(),
    tunnelClientsByTunnel: new Map(),
    identityProvidersByAccount: new Map(),
    accessGroupsByAccount: new Map(),
    accessPoliciesByAccount: new Map(),
    accessAppsByAccount: new Map(),
    accountTokensByAccount: new Map(),
    userTokens: [],
    zoneSettingsByZone: new Map(),
    dnssecByZone: new Map(),
    zeroTrustDisabled: new Set(input.zeroTrust ? [] : input.accounts.map((a) => a.id)),
    legacyDevicesRetired: true,
    physicalDevicesMissing: false,
  };

  const zonesByAccount = new Map<string, SimZone[]>(input.accounts.map((a) => [a.id, []]));
  for (const z of input.zones) zonesByAccount.get(z.account.id)?.push(z);

  input.accounts.forEach((account, a) => {
    const zones = zonesByAccount.get(account.id)!;
    if (input.zeroTrust) zeroTrust(account.id, a, input.membersByAccount.get(account.id) ?? []);
    out.accountTokensByAccount.set(account.id, accountTokens(account.id, a, zones));
    tunnels(account.id, a);
  });

  /** Healthy, degraded, down and inactive tunnels in turn, and one deleted. */
  function tunnels(accountId: string, a: number): void {
    const statuses = ['healthy', 'degraded', 'down', 'inactive'] as const;
    const built = Array.from({ length: LARGE_ACCESS_SIZES.tunnels + 1 }, (_, i) => {
      // Picked by index, not from the PRNG, so the data generated after the tunnels keeps its values.
      const [created, updated] = input.stampPool[(a * 31 + i * 7) % input.stampPool.length];
      const deleted = i === LARGE_ACCESS_SIZES.tunnels;
      const status = deleted ? 'down' : statuses[i % statuses.length];
      const serving = status === 'healthy' || status === 'degraded';
      return buildTunnel({
        accountId,
        name: `tunnel-${a + 1}-${i + 1}`,
        status,
        createdAt: created,
        deletedAt: deleted ? updated : undefined,
        connsActiveAt: status === 'inactive' ? undefined : updated,
        connsInactiveAt: serving || status === 'inactive' ? undefined : updated,
        configSrc: i % 2 === 0 ? 'cloudflare' : 'local',
        connectors: serving
          ? [
              {
                version: '2025.8.0',
                arch: 'linux_amd64',
                originIp: `203.0.113.${(a * 16 + i) % 250}`,
                colos: ['ams01', 'fra02'],
                runAt: updated,
              },
            ]
          : [],
      });
    });
    out.tunnelsByAccount.set(
      accountId,
      built.map((b) => b.tunnel),
    );
    for (const b of built) out.tunnelClientsByTunnel.set(b.tunnel.id, b.clients);
  }

  function zeroTrust(accountId: string, a: number, members: SimMember[]): void {
    // Every other member is an Access user; a few in another case.
    const users: SimAccessUser[] = [];
    members.forEach((m, i) => {
      if (i % 2 === 1) return;
      const [created, updated] = stamp();
      users.push(
        buildAccessUser({
          id: uid('access-user', a, i),
          email: i % 10 === 0 ? m.email.toUpperCase() : m.email,
          name: m.user.first_name ? `${m.user.first_name} ${m.user.last_name}` : m.email,
          accessSeat: rng() < 0.9,
          gatewaySeat: rng() < 0.7,
          activeDeviceCount: 0,
          lastLogin: rng() < 0.9 ? updated : null,
          createdAt: created,
          updatedAt: updated,
        }),
      );
    });
    out.accessUsersByAccount.set(accountId, users);

    // ~1.5 devices per user; a few revoked, deleted or without a user.
    const devices: BuiltDevice[] = [];
    users.forEach((user, u) => {
      const count = u % 2 === 0 ? 2 : 1;
      for (let k = 0; k < count; k++) {
        const n = devices.length;
        const kind = DEVICE_MODELS[(u + k) % DEVICE_MODELS.length];
        const [created, seen] = stamp();
        const r = rng();
        const revoked = r < 0.05;
        const deleted = r >= 0.05 && r < 0.07;
        devices.push(
          buildDevice({
            id: uid('device', a, n),
            name: `${kind.type}-${a}-${n}`,
            type: kind.type,
            osVersion: kind.os,
            manufacturer: kind.make,
            model: kind.model,
            serial: kind.type === 'ios' || kind.type === 'android' ? null : `SN${a}X${n.toString(36).toUpperCase()}`,
            mac: null,
            clientVersion: '2025.4.929.0',
            user: rng() < 0.03 ? null : user,
            createdAt: created,
            updatedAt: seen,
            lastSeenAt: seen,
            deletedAt: deleted ? seen : null,
            registrations: [
              {
                id: uid('registration', a, n),
                createdAt: created,
                lastSeenAt: seen,
                revokedAt: revoked || deleted ? seen : null,
                deletedAt: deleted ? seen : null,
              },
            ],
          }),
        );
      }
    });
    const active = new Map<string, number>();
    for (const d of devices) {
      const owner = d.physical.last_seen_user?.id;
      if (owner && d.physical.active_registrations > 0) active.set(owner, (active.get(owner) ?? 0) + 1);
    }
    for (const u of users) u.active_device_count = active.get(u.id) ?? 0;
    out.physicalDevicesByAccount.set(
      accountId,
      devices.map((d) => d.physical),
    );
    out.deviceRegistrationsByAccount.set(
      accountId,
      devices.flatMap((d) => d.registrations),
    );
    out.legacyDevicesByAccount.set(
      accountId,
      devices.flatMap((d) => d.legacy),
    );

    out.postureRulesByAccount.set(
      accountId,
      Array.from({ length: LARGE_ACCESS_SIZES.postureRules }, (_, i) =>
        buildPostureRule({
          id: uid('posture', a, i),
          name: `Posture rule ${i + 1}`,
          description: i % 3 === 0 ? '' : `Checks ${POSTURE_TYPES[i % POSTURE_TYPES.length]}`,
          type: POSTURE_TYPES[i % POSTURE_TYPES.length],
          platforms: i % 2 === 0 ? ['mac', 'windows'] : ['linux'],
          input: {},
          enabled: i % 5 !== 4,
        }),
      ),
    );
    out.gatewayLocationsByAccount.set(
      accountId,
      Array.from({ length: LARGE_ACCESS_SIZES.gatewayLocations }, (_, i) => {
        const [created, updated] = stamp();
        return buildGatewayLocation({
          id: uid('location', a, i),
          name: `Office ${i + 1}`,
          clientDefault: i === 0,
          createdAt: created,
          updatedAt: updated,
          networks: [`198.51.${(a * 10 + i) % 256}.0/24`],
        });
      }),
    );

    const idps: SimIdentityProvider[] = [
      buildIdentityProvider({
        id: uid('idp', a, 'okta'),
        name: 'Okta',
        type: 'okta',
        config: { client_id: `0oa${hid('okta-client', a).slice(0, 17)}`, okta_account: `https://load${a}.okta.com` },
      }),
      buildIdentityProvider({ id: uid('idp', a, 'otp'), name: 'One-time PIN', type: 'onetimepin', config: {} }),
      buildIdentityProvider({
        id: uid('idp', a, 'azure'),
        name: 'Entra ID',
        type: 'azureAD',
        config: { client_id: uid('azure-client', a), directory_id: uid('azure-tenant', a) },
      }),
    ];
    out.identityProvidersByAccount.set(accountId, idps);

    const groups: SimAccessGroup[] = Array.from({ length: LARGE_ACCESS_SIZES.accessGroups }, (_, i) => {
      const [created, updated] = stamp();
      const emails = users.length ? [0, 1, 2].map((k) => rule.email(users[(i * 3 + k) % users.length].email)) : [];
      return buildAccessGroup({
        id: uid('group', a, i),
        name: `Group ${i + 1}`,
        include:
          i % 4 === 0 ? [rule.emailDomain(users[0]?.email.split('@')[1].toLowerCase() ?? 'example.com')] : emails,
        exclude: i % 7 === 3 && users.length ? [rule.email(users[i % users.length].email)] : [],
        createdAt: created,
        updatedAt: updated,
      });
    });
    out.accessGroupsByAccount.set(accountId, groups);

    const policies: SimAccessPolicy[] = Array.from({ length: LARGE_ACCESS_SIZES.accessPolicies }, (_, i) => {
      const [created, updated] = stamp();
      const decision = DECISIONS[i % DECISIONS.length];
      const include =
        decision === 'bypass'
          ? [rule.everyone()]
          : i % 3 === 0 && users.length
            ? [rule.email(users[(i * 7) % users.length].email)]
            : [rule.group(groups[i % groups.length].id)];
      return buildReusablePolicy({
        id: uid('policy', a, i),
        name: `Policy ${i + 1}`,
        decision,
        include,
        require: i % 5 === 2 ? [rule.group(groups[(i + 1) % groups.length].id)] : [],
        createdAt: created,
        updatedAt: updated,
      });
    });
    out.accessPoliciesByAccount.set(accountId, policies);

    const apps: SimAccessApp[] = Array.from({ length: LARGE_ACCESS_SIZES.accessApps }, (_, i) => {
      const [created, updated] = stamp();
      const saas = i % 8 === 5;
      const refs = i % 10 === 9 ? 0 : 1 + (i % 3);
      const appPolicies = Array.from({ length: refs }, (_, k) =>
        appPolicyRef(policies[(i * 3 + k) % policies.length], k + 1),
      );
      if (i % 6 === 1 && users.length) {
        appPolicies.push(
          inlinePolicy({
            id: uid('app-policy', a, i),
            name: `Inline ${i + 1}`,
            decision: 'allow',
            precedence: appPolicies.length + 1,
            include: [rule.email(users[i % users.length].email)],
            createdAt: created,
            updatedAt: updated,
          }),
        );
      }
      return buildAccessApp({
        id: uid('app', a, i),
        name: `App ${i + 1}`,
        type: saas ? 'saas' : 'self_hosted',
        domain: saas ? undefined : `app-${i}.load${input.seed}-${a}.example`,
        allowedIdps: i % 4 === 0 ? [] : [pick(rng, idps).id],
        policies: appPolicies,
        createdAt: created,
        updatedAt: updated,
        saasApp: saas ? { auth_type: 'saml', sp_entity_id: `https://saas-${i}.example` } : undefined,
      });
    });
    linkPolicies(policies, apps);
    out.accessAppsByAccount.set(accountId, apps);
  }

  function accountTokens(accountId: string, a: number, zones: SimZone[]): SimApiToken[] {
    return Array.from({ length: LARGE_ACCESS_SIZES.accountTokens }, (_, i) => {
      const [issued, modified] = stamp();
      const r = rng();
      const status = r < 0.1 ? 'expired' : r < 0.15 ? 'disabled' : 'active';
      const groups = PERMISSION_SETS[i % PERMISSION_SETS.length];
      let resources: TokenPolicySpec['resources'];
      if (i % 5 === 0 || zones.length === 0) resources = { [accountResource(accountId)]: '*' };
      else if (i % 5 === 1) resources = { [ALL_ZONES_RESOURCE]: '*' };
      else if (i % 5 === 2) resources = { [zoneResource(zones[i % zones.length].id)]: '*' };
      else {
        const nested: Record<string, string> = {};
        for (let k = 0; k < 3; k++) nested[zoneResource(zones[(i * 3 + k) % zones.length].id)] = '*';
        resources = { [accountResource(accountId)]: nested };
      }
      const policies: TokenPolicySpec[] = [{ effect: 'allow', groups, resources }];
      if (i % 9 === 4 && zones.length) {
        policies.push({ effect: 'deny', groups: ['DNS Write'], resources: { [zoneResource(zones[0].id)]: '*' } });
      }
      return buildApiToken({
        id: hid('api-token', a, i),
        name: `Token ${a + 1}.${i + 1}`,
        status,
        issuedOn: issued,
        modifiedOn: modified,
        lastUsedOn: rng() < 0.2 ? null : modified,
        expiresOn: status === 'expired' ? modified : null,
        ipIn: i % 6 === 0 ? ['192.0.2.0/24'] : undefined,
        provisioned: true,
        policies,
      });
    });
  }

  // /user/tokens: the SIM user token first, then personal tokens on the first account's zones.
  const firstZones = zonesByAccount.get(input.accounts[0].id)!;
  for (let i = 0; i < LARGE_ACCESS_SIZES.userTokens; i++) {
    const [issued, modified] = stamp();
    out.userTokens.push(
      buildApiToken({
        id: i === 0 ? input.simUserTokenId : hid('user-token', i),
        name: i === 0 ? 'graph-cloudflare read-only' : `Personal token ${i}`,
        status: i === 9 ? 'expired' : 'active',
        issuedOn: issued,
        modifiedOn: modified,
        lastUsedOn: i % 3 === 2 ? null : modified,
        expiresOn: i === 9 ? modified : null,
        policies:
          i === 0 || firstZones.length === 0
            ? [
                {
                  effect: 'allow',
                  groups: ['Zone Read', 'DNS Read'],
                  resources: Object.fromEntries(input.accounts.map((acc) => [accountResource(acc.id), '*'])),
                },
              ]
            : [
                {
                  effect: 'allow',
                  groups: PERMISSION_SETS[i % PERMISSION_SETS.length],
                  resources: { [zoneResource(firstZones[i % firstZones.length].id)]: '*' },
                },
              ],
      }),
    );
  }

  const DNSSEC: SimDnssecStatus[] = ['disabled', 'disabled', 'disabled', 'active', 'active', 'pending'];
  input.zones.forEach((z, n) => {
    const settings = buildZoneSettings(variedSecurity(n, z.modified_on, z.plan.name === 'Free Website'));
    out.zoneSettingsByZone.set(z.id, settings);
    const status = DNSSEC[n % DNSSEC.length];
    const dnssec: SimDnssec = buildDnssec(z.name, status, status === 'disabled' ? null : z.modified_on);
    out.dnssecByZone.set(z.id, dnssec);
  });
  return out;
}
