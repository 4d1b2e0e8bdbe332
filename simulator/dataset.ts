/**
 * The simulator's data model and its three datasets. Pure and deterministic:
 * every value comes from fixed literals or a seeded PRNG, never the clock.
 */
import { activityLogs, SimActivity } from './data/activity';
import { buildDnsRecord, DNS_RECORD_TYPES, DnsRecordType, TTL_CHOICES } from './data/dns-records';
import { buildAccount, buildMember, buildZone, cloudflareNameServers, PlanKey } from './data/entities';
import { largeAccessSurface } from './data/large-access';
import { hexId, mulberry32, pick, randomTimestamp, timestampMs } from './data/random';
import {
  minimalAccessSurface,
  policyOnlyMembers,
  realisticAccessSurface,
  superAdminMirrorPolicy,
} from './data/realistic-access';
import {
  ADMIN_READ_ONLY_ROLE,
  ADMIN_ROLE,
  ANALYTICS_ROLE,
  AUDIT_LOGS_VIEWER_ROLE,
  BILLING_ROLE,
  DNS_ROLE,
  ROLE_CATALOGUE,
  SUPER_ADMIN_ROLE,
} from './data/roles';
import type {
  SimAccessApp,
  SimAccessGroup,
  SimAccessPolicy,
  SimAccessUser,
  SimAccount,
  SimApiToken,
  SimDeviceRegistration,
  SimDnsRecord,
  SimDnssec,
  SimGatewayLocation,
  SimTunnel,
  SimTunnelClient,
  SimIdentityProvider,
  SimLegacyDevice,
  SimMember,
  SimPhysicalDevice,
  SimPostureRule,
  SimRole,
  SimTokenStatus,
  SimZone,
  SimZoneSetting,
  SimZoneType,
} from './types';

export { ADMIN_ROLE_ID, ROLE_CATALOGUE, SUPER_ADMIN_ROLE, SUPER_ADMIN_ROLE_ID } from './data/roles';
export { DNS_RECORD_TYPES } from './data/dns-records';
export type { DnsRecordType } from './data/dns-records';

export type SimPermission =
  | 'account_settings_read'
  | 'zone_read'
  | 'dns_read'
  | 'zone_settings_read'
  | 'account_api_tokens_read'
  | 'user_api_tokens_read'
  | 'zero_trust_read'
  | 'access_audit_logs_read'
  | 'access_apps_policies_read'
  | 'access_idps_groups_read'
  | 'account_logs_read'
  | 'access_audit_logs_read'
  | 'tunnel_read';

export interface SimToken {
  value: string;
  id: string;
  kind: 'user' | 'account';
  status: SimTokenStatus;
  /** Accounts it can see; undefined = all. An account-owned token owns exactly accountIds[0]. */
  accountIds?: string[];
  permissions: SimPermission[];
  /**
   * Zone-level permissions granted on some zones only: permission → the zone
   * ids it covers (a token whose policy names zones). A permission absent
   * here covers every zone of the accounts the token sees.
   */
  zonesOnly?: Partial<Record<SimPermission, string[]>>;
}

/**
 * The access surface (Zero Trust users and devices, Access configuration, API
 * tokens, zone security settings). Maps are keyed by account id unless noted.
 * Zero Trust/Access maps hold nothing for accounts in `zeroTrustDisabled`.
 */
export interface SimAccessSurface {
  accessUsersByAccount: Map<string, SimAccessUser[]>;
  /** Every physical device, deleted ones (deleted_at set) included; the route filters. */
  physicalDevicesByAccount: Map<string, SimPhysicalDevice[]>;
  /** Every registration, revoked ones included; the route filters by `status`. */
  deviceRegistrationsByAccount: Map<string, SimDeviceRegistration[]>;
  /** What the deprecated /devices list answered (one row per registration). */
  legacyDevicesByAccount: Map<string, SimLegacyDevice[]>;
  postureRulesByAccount: Map<string, SimPostureRule[]>;
  gatewayLocationsByAccount: Map<string, SimGatewayLocation[]>;
  /** Cloudflare Tunnels, deleted ones (deleted_at set) included; the route filters by `is_deleted`. */
  tunnelsByAccount: Map<string, SimTunnel[]>;
  /** Tunnel id → its connectors, as the connections endpoint lists them. */
  tunnelClientsByTunnel: Map<string, SimTunnelClient[]>;
  identityProvidersByAccount: Map<string, SimIdentityProvider[]>;
  accessGroupsByAccount: Map<string, SimAccessGroup[]>;
  /** Reusable policies (/access/policies); inline ones live inside their app. */
  accessPoliciesByAccount: Map<string, SimAccessPolicy[]>;
  accessAppsByAccount: Map<string, SimAccessApp[]>;
  /** Account-owned tokens, expired ones included (the route hides them unless include_expired=true). */
  accountTokensByAccount: Map<string, SimApiToken[]>;
  /** What /user/tokens answers for a user-owned SIM token. */
  userTokens: SimApiToken[];
  /** Zone id → every setting (the all-settings list; single settings are looked up by id). */
  zoneSettingsByZone: Map<string, SimZoneSetting[]>;
  /** Zone id → DNSSEC. */
  dnssecByZone: Map<string, SimDnssec>;
  /** Accounts without Zero Trust: every ZT/Access route answers 403 10000 + 10001. */
  zeroTrustDisabled: Set<string>;
  /** The deprecated /accounts/:id/devices answers 404 (end of life 2025-11-11). Default true. */
  legacyDevicesRetired: boolean;
  /** physical-devices and registrations answer 404, so the legacy fallback can be tested. Default false. */
  physicalDevicesMissing: boolean;
  /** The deprecated all-settings list answers 404, so per-setting fallback can be tested. Default false. */
  zoneSettingsListMissing?: boolean;
  /** The deprecated /accounts/:id/roles answers 404 (retired), so the members' roles fallback can be tested. Default false. */
  rolesRetired?: boolean;
}

export interface SimulatorDataset extends SimAccessSurface, SimActivity {
  tokens: SimToken[];
  accounts: SimAccount[];
  /** What /roles lists (Super Administrator is held by members but not listed). */
  rolesByAccount: Map<string, SimRole[]>;
  membersByAccount: Map<string, SimMember[]>;
  /** Each zone carries account {id, name}. */
  zones: SimZone[];
  dnsRecordsByZone: Map<string, SimDnsRecord[]>;
}

/** 40 chars of [A-Za-z0-9_-], visibly fake so nobody mistakes them for secrets. */
function fakeToken(prefix: string): string {
  return `${prefix}${'_NOT_REAL'.repeat(5)}`.slice(0, 40);
}

export interface SimTokenValues {
  user: string;
  accountOwned: string;
  noAccountSettingsRead: string;
  noZoneRead: string;
  noDnsRead: string;
  disabled: string;
  /** Lacks the three Zero Trust/Access permissions. */
  noZeroTrust: string;
  /** Lacks account_api_tokens_read and user_api_tokens_read. */
  noApiTokensRead: string;
  /** Extra beyond the brief: a user token whose status is 'expired'. */
  expired: string;
  /** Well-formed but present in no dataset. */
  unknown: string;
}

export const SIM_TOKENS: SimTokenValues = {
  user: fakeToken('simUserToken'),
  accountOwned: fakeToken('simAccountOwnedToken'),
  noAccountSettingsRead: fakeToken('simNoAccountSettingsReadToken'),
  noZoneRead: fakeToken('simNoZoneReadToken'),
  noDnsRead: fakeToken('simNoDnsReadToken'),
  disabled: fakeToken('simDisabledToken'),
  noZeroTrust: fakeToken('simNoZeroTrustToken'),
  noApiTokensRead: fakeToken('simNoApiTokensReadToken'),
  expired: fakeToken('simExpiredToken'),
  unknown: fakeToken('simUnknownToken'),
};

const ALL_PERMISSIONS: SimPermission[] = [
  'account_settings_read',
  'zone_read',
  'dns_read',
  'zone_settings_read',
  'account_api_tokens_read',
  'user_api_tokens_read',
  'zero_trust_read',
  'access_audit_logs_read',
  'access_apps_policies_read',
  'access_idps_groups_read',
  'account_logs_read',
  'tunnel_read',
];
const without = (...ps: SimPermission[]) => ALL_PERMISSIONS.filter((x) => !ps.includes(x));

/** The id /user/tokens/verify reports for SIM_TOKENS.user (listed first by /user/tokens). */
export const SIM_USER_TOKEN_ID = hexId('token', 'user');

/** Every dataset's tokens; fresh objects so a test can tweak its own copy. */
export function simTokens(firstAccountId: string): SimToken[] {
  const user = (
    key: keyof SimTokenValues,
    permissions: SimPermission[],
    status: SimToken['status'] = 'active',
  ): SimToken => ({
    value: SIM_TOKENS[key],
    id: key === 'user' ? SIM_USER_TOKEN_ID : hexId('token', key),
    kind: 'user',
    status,
    permissions,
  });
  return [
    user('user', [...ALL_PERMISSIONS]),
    {
      value: SIM_TOKENS.accountOwned,
      id: hexId('token', 'accountOwned'),
      kind: 'account',
      status: 'active',
      accountIds: [firstAccountId],
      permissions: [...ALL_PERMISSIONS],
    },
    user('noAccountSettingsRead', without('account_settings_read')),
    user('noZoneRead', without('zone_read')),
    user('noDnsRead', without('dns_read')),
    user('disabled', [...ALL_PERMISSIONS], 'disabled'),
    user(
      'noZeroTrust',
      without('zero_trust_read', 'access_audit_logs_read', 'access_apps_policies_read', 'access_idps_groups_read'),
    ),
    user('noApiTokensRead', without('account_api_tokens_read', 'user_api_tokens_read')),
    user('expired', [...ALL_PERMISSIONS], 'expired'),
  ];
}

// ---------------------------------------------------------------------------
// tinyDataset: small enough to list every expected entity by hand.
// ---------------------------------------------------------------------------

export function tinyDataset(): SimulatorDataset {
  const account = buildAccount({
    id: 'ba68a4165965bae09b3065e30a16ee77',
    name: 'Tiny Example Account',
    type: 'standard',
    createdOn: '2020-04-26T01:15:45.54109Z',
    enforceTwoFactor: false,
  });
  const members = [
    buildMember({
      id: '39c907355338d7f4f141ef5edf993a5f',
      status: 'accepted',
      email: 'ada.owner@example.com',
      userId: 'b5d5d9d08aeb0c62ab458b8587561271',
      firstName: 'Ada',
      lastName: 'Owner',
      twoFactor: true,
      roles: [SUPER_ADMIN_ROLE],
    }),
    buildMember({
      id: '844d64e4af6f6c6384b905f88f5cbe9b',
      status: 'accepted',
      email: 'grace.auditor@example.com',
      userId: '0ef0c96f1a0906293ed4e8ed27eb51ea',
      firstName: 'Grace',
      lastName: 'Auditor',
      twoFactor: false,
      roles: [ADMIN_READ_ONLY_ROLE],
    }),
    buildMember({
      id: 'bf464c160074ddbb017616130a93ff04',
      status: 'pending',
      email: 'new.hire@example.com',
      userId: '8d4f98023673d61225feb5d33e046701',
      firstName: null,
      lastName: null,
      twoFactor: false,
      roles: [DNS_ROLE],
    }),
  ];
  const comZone = buildZone({
    id: '117e94fa2983f4823beed0d08f3a0d39',
    name: 'example.com',
    account,
    status: 'active',
    type: 'full',
    plan: 'pro',
    createdOn: '2020-04-26T01:20:03.123Z',
    modifiedOn: '2023-02-17T08:40:46.435338Z',
    activatedOn: '2020-04-26T02:01:17.4419Z',
    nameServers: ['ada.ns.cloudflare.com', 'hank.ns.cloudflare.com'],
    originalNameServers: ['ns1.registrar-dns.example.net', 'ns2.registrar-dns.example.net'],
    originalRegistrar: 'example registrar, inc.',
    originalDnshost: 'Example DNS Host',
  });
  const netZone = buildZone({
    id: '6442bb04190f885bb028e63b369538d5',
    name: 'example.net',
    account,
    status: 'pending',
    type: 'partial',
    plan: 'free',
    createdOn: '2023-02-17T08:40:46.435338Z',
    modifiedOn: '2023-02-17T08:40:46.435338Z',
    activatedOn: null,
    nameServers: ['bob.ns.cloudflare.com', 'ivan.ns.cloudflare.com'],
    originalNameServers: null,
  });
  const common = { createdOn: '2020-04-26T01:25:00Z', modifiedOn: '2021-07-05T14:03:11.92Z' };
  const comRecords = [
    buildDnsRecord({
      ...common,
      id: 'd9983d591a5a553d06a9f6d20adf518c',
      zone: comZone,
      type: 'A',
      n: 0,
      content: '192.0.2.10',
      ttl: 1,
      proxied: true,
      comment: null,
      tags: [],
    }),
    buildDnsRecord({
      ...common,
      id: '5b5df35fa7878e7c5cb924e5ab9e26b4',
      zone: comZone,
      type: 'AAAA',
      n: 0,
      ttl: 3600,
      proxied: false,
      comment: null,
      tags: [],
    }),
    buildDnsRecord({
      ...common,
      id: '50cd1e190274a78cc3811ea3d52642b1',
      zone: comZone,
      type: 'CNAME',
      n: 0,
      content: 'example.com',
      ttl: 1,
      proxied: true,
      comment: null,
      tags: [],
    }),
    buildDnsRecord({
      ...common,
      id: '59dd6b990193dba53d142c86829f3a5f',
      zone: comZone,
      type: 'MX',
      n: 0,
      ttl: 300,
      proxied: false,
      comment: null,
      tags: [],
    }),
  ];
  const netRecords = [
    buildDnsRecord({
      ...common,
      id: 'f63f69e85786c4122a10a148d39fca5e',
      zone: netZone,
      type: 'TXT',
      n: 0,
      ttl: 86400,
      proxied: false,
      comment: 'SPF policy; owned by the platform team',
      tags: ['owner:platform', 'env:prod'],
      modifiedOn: '2023-02-17T08:41:02Z',
    }),
    buildDnsRecord({
      ...common,
      id: '706715db63d1f8b0c4c6252b3961afe3',
      zone: netZone,
      type: 'HTTPS',
      n: 0,
      ttl: 300,
      proxied: false,
      comment: null,
      tags: [],
    }),
  ];
  const base = {
    tokens: simTokens(account.id),
    accounts: [account],
    rolesByAccount: new Map([[account.id, [ADMIN_ROLE, ADMIN_READ_ONLY_ROLE, DNS_ROLE]]]),
    membersByAccount: new Map([[account.id, members]]),
    zones: [comZone, netZone],
    dnsRecordsByZone: new Map([
      [comZone.id, comRecords],
      [netZone.id, netRecords],
    ]),
    ...minimalAccessSurface([comZone, netZone], SIM_USER_TOKEN_ID),
  };
  return { ...base, ...activityLogs(base) };
}

// ---------------------------------------------------------------------------
// Shared generators for realistic and large datasets.
// ---------------------------------------------------------------------------

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'Mateo',
  'Isabella',
  'Lucas',
  'Mia',
  'Levi',
  'Amelia',
  'Ezra',
  'Harper',
  'Asher',
  'Evelyn',
  'James',
  'Luna',
  'Leo',
  'Camila',
  'Aiden',
  'Zoë',
  'Kai',
  'Chloe',
  'Hiroshi',
  'Priya',
  'Chidi',
  'Zofia',
  'Björn',
  'José',
  'Aisha',
];
const LAST_NAMES = [
  'Nguyen',
  'Garcia',
  'Smith',
  'Okafor',
  'Kowalski',
  'Müller',
  'Tanaka',
  'Patel',
  'Silva',
  'Haddad',
  'Johansson',
  'Rossi',
  'Kim',
  'Dubois',
  "O'Brien",
  'Fernández',
  'Novak',
  'Cohen',
  'Mensah',
  'Ivanova',
  'Larsen',
  'Yamamoto',
  'Chen',
  'Khan',
  'Schmidt',
];
/** Roles ordinary members get, weighted towards the common ones. */
const MEMBER_ROLE_POOL: SimRole[] = [ADMIN_ROLE, ADMIN_ROLE, DNS_ROLE, DNS_ROLE, ...ROLE_CATALOGUE];
const COMMENTS: Array<string | null> = [
  null,
  null,
  null,
  null,
  'Managed by Terraform',
  'Legacy record, do not delete',
  'Verification for SaaS onboarding',
  'Ticket OPS-1423',
];
// Shared between records (read-only data).
const TAG_SETS: string[][] = [
  [],
  [],
  [],
  ['owner:platform'],
  ['owner:web', 'env:prod'],
  ['env:staging'],
  ['team:security', 'owner:platform'],
];

interface Person {
  first: string;
  last: string;
  email: string;
}

function person(k: number, domain: string): Person {
  const first = FIRST_NAMES[k % FIRST_NAMES.length];
  const last = LAST_NAMES[Math.floor(k / FIRST_NAMES.length + k) % LAST_NAMES.length];
  const local = `${first}.${last}${k >= FIRST_NAMES.length ? k : ''}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f']/g, '')
    .toLowerCase();
  return { first, last, email: `${local}@${domain}` };
}

/** created_on/modified_on with modified never before created. */
function timestampPair(rng: () => number): [string, string] {
  const a = randomTimestamp(rng);
  const b = randomTimestamp(rng);
  return timestampMs(a) <= timestampMs(b) ? [a, b] : [b, a];
}

function randomRecord(
  rng: () => number,
  zone: SimZone,
  type: DnsRecordType,
  n: number,
  id: string,
  stamps?: () => [string, string],
): SimDnsRecord {
  const [createdOn, modifiedOn] = stamps ? stamps() : timestampPair(rng);
  const automatic = rng() < 0.3;
  return buildDnsRecord({
    id,
    zone,
    type,
    n,
    ttl: automatic ? 1 : pick(rng, TTL_CHOICES),
    proxied: rng() < 0.6,
    // A draw the records no longer use (Cloudflare sends no `locked`), kept so every later draw stays the same.
    drawnAndUnused: rng() < 0.02,
    autoAdded: rng() < 0.05,
    comment: pick(rng, COMMENTS),
    tags: pick(rng, TAG_SETS),
    createdOn,
    modifiedOn,
  });
}

function randomZoneStatus(rng: () => number): { status: string; paused: boolean } {
  const r = rng();
  if (r < 0.8) return { status: 'active', paused: false };
  if (r < 0.88) return { status: 'pending', paused: false };
  if (r < 0.93) return { status: 'moved', paused: false };
  if (r < 0.97) return { status: 'deactivated', paused: false };
  return { status: 'active', paused: true };
}

interface ZoneSpec {
  name: string;
  status: string;
  type: SimZoneType;
  plan: PlanKey;
  paused?: boolean;
  originalNameServers?: string[] | null;
}

function makeZone(rng: () => number, id: string, account: SimAccount, n: number, spec: ZoneSpec): SimZone {
  const [createdOn, modifiedOn] = timestampPair(rng);
  const activated = spec.status === 'pending' || spec.status === 'initializing' ? null : modifiedOn;
  const hasOriginal =
    spec.originalNameServers !== undefined
      ? spec.originalNameServers
      : rng() < 0.6
        ? ['ns1.registrar-dns.example.net', 'ns2.registrar-dns.example.net']
        : null;
  return buildZone({
    id,
    name: spec.name,
    account,
    status: spec.status,
    type: spec.type,
    plan: spec.plan,
    paused: spec.paused,
    createdOn,
    modifiedOn,
    activatedOn: activated,
    nameServers: cloudflareNameServers(n),
    originalNameServers: hasOriginal,
    originalRegistrar: hasOriginal ? 'example registrar, inc.' : null,
    originalDnshost: null,
  });
}

// ---------------------------------------------------------------------------
// realisticDataset: paging, odd values and duplicates a real account produces.
// ---------------------------------------------------------------------------

const REALISTIC_SEED = 20230217;

export function realisticDataset(): SimulatorDataset {
  const rng = mulberry32(REALISTIC_SEED);
  const id = (...parts: Array<string | number>) => hexId('realistic', ...parts);

  const accounts = [
    buildAccount({
      id: id('account', 1),
      name: 'Acme Corp',
      type: 'enterprise',
      createdOn: '2014-03-01T12:21:02.0000Z',
      enforceTwoFactor: true,
      abuseContactEmail: 'abuse@acme.example',
    }),
    buildAccount({
      id: id('account', 2),
      name: 'Acme Labs',
      type: 'standard',
      createdOn: '2020-04-26T01:15:45.54109Z',
      enforceTwoFactor: false,
      managedBy: { parent_org_id: id('org', 'acme-holdings'), parent_org_name: 'Acme Holdings' },
    }),
    buildAccount({
      id: id('account', 3),
      name: 'Sandbox (personal)',
      type: 'standard',
      createdOn: '2023-02-17T08:40:46.435338Z',
      enforceTwoFactor: false,
    }),
  ];
  const [a1, a2, a3] = accounts;

  // --- members -------------------------------------------------------------
  const accepted = (accountNo: number, k: number, roles: SimRole[], twoFactor: boolean) => {
    const p = person(k, 'acme.example');
    return buildMember({
      id: id('member', accountNo, k),
      status: 'accepted',
      email: p.email,
      userId: id('user', k),
      firstName: p.first,
      lastName: p.last,
      twoFactor,
      roles,
    });
  };
  const invite = (accountNo: number, k: number, roles: SimRole[]) => {
    const p = person(k, 'acme.example');
    return buildMember({
      id: id('member', accountNo, k),
      status: 'pending',
      email: p.email,
      userId: id('user', k),
      firstName: null,
      lastName: null,
      twoFactor: false,
      roles,
    });
  };
  const SHARED = 3; // person k=3 is a member of accounts 1 and 2
  const a1Members: SimMember[] = [];
  for (let k = 0; k < 64; k++) {
    if (k === 0) a1Members.push(accepted(1, k, [SUPER_ADMIN_ROLE], true));
    else if (k === 1) a1Members.push(accepted(1, k, [ADMIN_READ_ONLY_ROLE], false));
    else if (k === 2) a1Members.push(accepted(1, k, [DNS_ROLE, ANALYTICS_ROLE], true));
    else if (k === SHARED) a1Members.push(accepted(1, k, [ADMIN_ROLE], true));
    else if (k === 7)
      a1Members.push(accepted(1, k, [SUPER_ADMIN_ROLE], false)); // a 2FA finding
    else if (k === 60) {
      // An invite known only by its top-level email (no user id, no user email).
      a1Members.push(
        buildMember({
          id: id('member', 1, k),
          status: 'pending',
          email: 'contractor@partner.example',
          userEmail: null,
          userId: null,
          firstName: null,
          lastName: null,
          twoFactor: false,
          roles: [AUDIT_LOGS_VIEWER_ROLE],
        }),
      );
    } else if ([10, 23, 37, 52].includes(k)) a1Members.push(invite(1, k, [pick(rng, MEMBER_ROLE_POOL)]));
    else if (k === 45) a1Members.push({ ...invite(1, k, [DNS_ROLE]), status: 'rejected' });
    else a1Members.push(accepted(1, k, [pick(rng, MEMBER_ROLE_POOL)], rng() < 0.75));
  }
  // The same member at the end of page 1 and start of page 2 (per_page 50/25/10/5):
  // consumers must de-duplicate by membership id.
  a1Members.splice(50, 0, a1Members[49]);

  const a2Members: SimMember[] = [accepted(2, 100, [SUPER_ADMIN_ROLE], true), accepted(2, SHARED, [DNS_ROLE], true)];
  for (let k = 101; k < 106; k++) a2Members.push(accepted(2, k, [pick(rng, MEMBER_ROLE_POOL)], rng() < 0.75));
  a2Members.push(invite(2, 106, [BILLING_ROLE]));
  // Internationalised addresses: an IDN domain, and a local part that is not ASCII.
  a2Members.push(
    buildMember({
      id: id('member', 2, 107),
      status: 'accepted',
      email: 'anna@bücher.example',
      userId: id('user', 107),
      firstName: 'Anna',
      lastName: 'Bücher',
      twoFactor: true,
      roles: [DNS_ROLE],
    }),
    buildMember({
      id: id('member', 2, 108),
      status: 'accepted',
      email: 'José.García@acme-corp.example',
      userId: id('user', 108),
      firstName: 'José',
      lastName: 'García',
      twoFactor: true,
      roles: [ANALYTICS_ROLE],
    }),
  );
  const a3Members: SimMember[] = [accepted(3, 200, [SUPER_ADMIN_ROLE], false), invite(3, 201, [ADMIN_ROLE])];

  // --- zones ---------------------------------------------------------------
  const zones: SimZone[] = [];
  const dnsRecordsByZone = new Map<string, SimDnsRecord[]>();
  const addZone = (account: SimAccount, spec: ZoneSpec, records: (zone: SimZone) => SimDnsRecord[]) => {
    const zone = makeZone(rng, id('zone', spec.name), account, zones.length, spec);
    zones.push(zone);
    dnsRecordsByZone.set(zone.id, records(zone));
    return zone;
  };
  const recordId = (zone: SimZone, i: number) => id('record', zone.name, i);
  const cycle =
    (types: readonly DnsRecordType[], count: number, offset = 0) =>
    (zone: SimZone) =>
      Array.from({ length: count }, (_, i) =>
        randomRecord(rng, zone, types[(i + offset) % types.length], i, recordId(zone, i)),
      );

  // One of every record type, plus extra common ones.
  addZone(
    a1,
    {
      name: 'acme.example',
      status: 'active',
      type: 'full',
      plan: 'enterprise',
      originalNameServers: ['ns-1.awsdns-00.example.org', 'ns-2.awsdns-01.example.net'],
    },
    (zone) => {
      const list = DNS_RECORD_TYPES.map((type, i) => randomRecord(rng, zone, type, 0, recordId(zone, i)));
      const extras: DnsRecordType[] = ['A', 'A', 'AAAA', 'CNAME', 'MX', 'MX', 'TXT', 'TXT', 'CAA', 'CAA', 'SRV', 'SRV'];
      extras.forEach((type, i) => list.push(randomRecord(rng, zone, type, 1 + (i % 2), recordId(zone, 100 + i))));
      return list;
    },
  );
  // 260 records plus one duplicated across the default page boundary (index 99/100).
  addZone(a1, { name: 'acme-cdn.example', status: 'active', type: 'full', plan: 'enterprise' }, (zone) => {
    const list = cycle(['A', 'AAAA', 'CNAME', 'A', 'TXT'], 260)(zone);
    list.splice(100, 0, list[99]);
    return list;
  });
  addZone(
    a1,
    { name: 'xn--mnchen-3ya.de', status: 'active', type: 'full', plan: 'pro' },
    cycle(['A', 'AAAA', 'MX', 'TXT'], 4),
  );
  addZone(
    a1,
    {
      name: 'xn--bcher-kva.example',
      status: 'pending',
      type: 'full',
      plan: 'free',
      originalNameServers: ['ns1.registrar-dns.example.net', 'ns2.registrar-dns.example.net'],
    },
    cycle(['A', 'CNAME'], 2),
  );
  addZone(a1, { name: 'xn--e1afmkfd.example', status: 'active', type: 'full', plan: 'free' }, cycle(['A'], 1));
  addZone(
    a1,
    { name: 'acme-empty.example', status: 'active', type: 'full', plan: 'free', originalNameServers: null },
    () => [],
  );
  addZone(a1, { name: 'acme-old.example', status: 'moved', type: 'full', plan: 'free' }, cycle(['A', 'MX'], 2));
  addZone(a1, { name: 'acme-retired.example', status: 'deactivated', type: 'full', plan: 'free' }, cycle(['A'], 1));
  addZone(
    a1,
    { name: 'acme-paused.example', status: 'active', paused: true, type: 'full', plan: 'pro' },
    cycle(['A', 'AAAA', 'CNAME'], 3),
  );
  addZone(
    a1,
    { name: 'acme-partial.example', status: 'active', type: 'partial', plan: 'business' },
    cycle(['CNAME'], 3),
  );
  addZone(
    a1,
    {
      name: 'acme-secondary.example',
      status: 'active',
      type: 'secondary',
      plan: 'enterprise',
      originalNameServers: null,
    },
    cycle(['A', 'NS', 'MX'], 3),
  );
  const WORDS = [
    'shop',
    'blog',
    'mail',
    'status',
    'docs',
    'api',
    'edge',
    'assets',
    'careers',
    'events',
    'support',
    'pay',
    'id',
    'static',
    'media',
    'partners',
  ];
  const PLAN_KEYS: PlanKey[] = ['free', 'free', 'pro', 'business', 'enterprise'];
  for (let i = 0; zones.length < 58; i++) {
    const name = `acme-${WORDS[i % WORDS.length]}${i >= WORDS.length ? `-${i}` : ''}.example`;
    const { status, paused } = randomZoneStatus(rng);
    const type = rng() < 0.85 ? 'full' : 'partial';
    const count = Math.floor(rng() * 7);
    addZone(a1, { name, status, paused, type, plan: pick(rng, PLAN_KEYS) }, cycle(DNS_RECORD_TYPES, count, i));
  }

  addZone(
    a2,
    { name: 'acmelabs.example', status: 'active', type: 'full', plan: 'pro' },
    cycle(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'CAA'], 10),
  );
  addZone(a2, { name: 'labs-staging.example', status: 'pending', type: 'full', plan: 'free' }, cycle(['A', 'TXT'], 2));
  addZone(
    a2,
    { name: 'xn--fiqs8s.example', status: 'active', type: 'partial', plan: 'business' },
    cycle(['CNAME', 'TXT'], 3),
  );
  addZone(
    a3,
    { name: 'sandbox.example', status: 'active', type: 'full', plan: 'free', originalNameServers: null },
    cycle(['A', 'AAAA', 'CNAME', 'TXT'], 4),
  );
  addZone(
    a3,
    { name: 'sandbox-test.example', status: 'pending', type: 'full', plan: 'free', originalNameServers: null },
    () => [],
  );
  // An internal zone (Cloudflare's internal DNS): GET /zones lists it only when `type` names it.
  addZone(
    a2,
    {
      name: 'labs.internal.example',
      status: 'active',
      type: 'internal',
      plan: 'enterprise',
      originalNameServers: null,
    },
    cycle(['A', 'CNAME'], 2),
  );

  // --- access surface: literals only, after every PRNG draw -------
  const zoneId = (name: string) => zones.find((z) => z.name === name)!.id;
  // Cloudflare flagged phishing on the moved zone.
  zones.find((z) => z.name === 'acme-old.example')!.meta.phishing_detected = true;
  a1Members.push(...policyOnlyMembers(a1, zoneId));
  superAdminMirrorPolicy(a1Members[0], a1.id);

  const base = {
    tokens: simTokens(a1.id),
    accounts,
    rolesByAccount: new Map(accounts.map((a) => [a.id, [...ROLE_CATALOGUE]])),
    membersByAccount: new Map([
      [a1.id, a1Members],
      [a2.id, a2Members],
      [a3.id, a3Members],
    ]),
    zones,
    dnsRecordsByZone,
    ...realisticAccessSurface({ accounts, a1Members, a2Members, zones, simUserTokenId: SIM_USER_TOKEN_ID }),
  };
  return { ...base, ...activityLogs(base) };
}

// ---------------------------------------------------------------------------
// largeDataset: volume for end-to-end runs and the benchmark.
// ---------------------------------------------------------------------------

export interface LargeDatasetOptions {
  accounts?: number;
  zones?: number;
  records?: number;
  members?: number;
  seed?: number;
  /**
   * Zero Trust/Access data for every account (default true): ~members/2 Access users per
   * account, ~1.5 devices each, posture rules, locations, IdPs, groups, policies, apps.
   * false: none, and every account answers the Zero Trust-not-enabled 403.
   */
  zeroTrust?: boolean;
}

/** How many records each zone gets: ~even, a few hot zones 4–8x larger, a few empty. */
function recordCounts(rng: () => number, zones: number, records: number): number[] {
  const weights = Array.from({ length: zones }, () => {
    const r = rng();
    if (r < 0.01) return 0;
    const w = 0.75 + rng() * 0.5;
    return r < 0.03 ? w * (4 + rng() * 4) : w;
  });
  let sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    weights.fill(1);
    sum = zones;
  }
  const counts = weights.map((w) => Math.floor((records * w) / sum));
  let left = records - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % zones) {
    if (weights[i] > 0) {
      counts[i]++;
      left--;
    }
  }
  return counts;
}

export function largeDataset(opts: LargeDatasetOptions = {}): SimulatorDataset {
  const {
    accounts: nAccounts = 2,
    zones: nZones = 1000,
    records: nRecords = 100000,
    members: nMembers = 500,
    seed = 1,
    zeroTrust = true,
  } = opts;
  if (nAccounts < 1) throw new Error('largeDataset needs at least one account');
  const rng = mulberry32(seed);
  const id = (...parts: Array<string | number>) => hexId('large', seed, ...parts);

  const accounts = Array.from({ length: nAccounts }, (_, i) =>
    buildAccount({
      id: id('account', i),
      name: `Load Test Account ${i + 1}`,
      type: i === 0 ? 'enterprise' : 'standard',
      createdOn: randomTimestamp(rng),
      enforceTwoFactor: i === 0,
    }),
  );

  const membersByAccount = new Map<string, SimMember[]>(accounts.map((a) => [a.id, []]));
  for (let k = 0; k < nMembers; k++) {
    const accountIndex = k % nAccounts;
    const list = membersByAccount.get(accounts[accountIndex].id)!;
    const p = person(k, `load${seed}.example`);
    const r = rng();
    const status = list.length === 0 || r < 0.9 ? 'accepted' : r < 0.98 ? 'pending' : 'rejected';
    const roles =
      list.length === 0
        ? [SUPER_ADMIN_ROLE]
        : rng() < 0.1
          ? [pick(rng, MEMBER_ROLE_POOL), AUDIT_LOGS_VIEWER_ROLE]
          : [pick(rng, MEMBER_ROLE_POOL)];
    const named = status === 'accepted';
    list.push(
      buildMember({
        id: id('member', k),
        status,
        email: p.email,
        userId: id('user', k),
        firstName: named ? p.first : null,
        lastName: named ? p.last : null,
        twoFactor: named && rng() < 0.8,
        roles,
      }),
    );
  }

  // A shared pool keeps 100k records cheap: formatting dates is the slow part.
  const stampPool = Array.from({ length: 512 }, () => timestampPair(rng));
  const stamps = () => stampPool[(rng() * stampPool.length) | 0];
  const PLAN_KEYS: PlanKey[] = ['free', 'free', 'free', 'pro', 'business', 'enterprise'];
  const zones: SimZone[] = [];
  const dnsRecordsByZone = new Map<string, SimDnsRecord[]>();
  const counts = recordCounts(rng, nZones, nRecords);
  let typeCursor = 0;
  for (let z = 0; z < nZones; z++) {
    const { status, paused } = randomZoneStatus(rng);
    const t = rng();
    const zone = makeZone(rng, id('zone', z), accounts[z % nAccounts], z, {
      name: `zone-${z}.load${seed}.example`,
      status,
      paused,
      type: t < 0.85 ? 'full' : t < 0.95 ? 'partial' : 'secondary',
      plan: pick(rng, PLAN_KEYS),
    });
    zones.push(zone);
    const records = new Array<SimDnsRecord>(counts[z]);
    for (let j = 0; j < counts[z]; j++) {
      records[j] = randomRecord(
        rng,
        zone,
        DNS_RECORD_TYPES[typeCursor++ % DNS_RECORD_TYPES.length],
        j,
        id('record', z, j),
        stamps,
      );
    }
    dnsRecordsByZone.set(zone.id, records);
  }

  const base = {
    tokens: simTokens(accounts[0].id),
    accounts,
    rolesByAccount: new Map(accounts.map((a) => [a.id, [...ROLE_CATALOGUE]])),
    membersByAccount,
    zones,
    dnsRecordsByZone,
    ...largeAccessSurface({
      seed,
      zeroTrust,
      accounts,
      membersByAccount,
      zones,
      stampPool,
      simUserTokenId: SIM_USER_TOKEN_ID,
    }),
  };
  // Six allowed authentications per active user: about two requests of the Access log per account.
  return { ...base, ...activityLogs(base, 6) };
}
