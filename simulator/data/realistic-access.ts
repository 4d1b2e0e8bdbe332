/**
 * The realistic dataset's access surface: Zero Trust users and
 * devices, Access configuration, API tokens, member policies and zone
 * security settings. Fixed literals only (no PRNG), so adding to it never
 * shifts the values of the older realistic data.
 */
import type { SimAccessSurface } from '../dataset';
import type {
  SimAccessUser,
  SimAccount,
  SimApiToken,
  SimDnssec,
  SimDnssecStatus,
  SimMember,
  SimZone,
  SimZoneSetting,
} from '../types';
import { SUPER_ADMIN_ROLE } from './roles';
import { buildMember } from './entities';
import { hexId, uuidId } from './random';
import {
  accountResource,
  ALL_ZONES_RESOURCE,
  buildApiToken,
  buildMemberPolicy,
  userResource,
  zoneResource,
} from './tokens';
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
import { buildDnssec, buildZoneSettings, variedSecurity, ZoneSecurity } from './zone-settings';

export const uid = (...parts: Array<string | number>) => uuidId('realistic', ...parts);
const hid = (...parts: Array<string | number>) => hexId('realistic', ...parts);

/** Ids tests name (exported through test/fixtures.ts). */
export const REALISTIC_ACCESS_IDS = {
  oktaIdp: uid('idp', 1, 'okta'),
  otpIdp: uid('idp', 1, 'otp'),
  azureIdp: uid('idp', 1, 'azure'),
  labsIdp: uid('idp', 2, 'github'),
  engineeringGroup: uid('group', 1, 'engineering'),
  contractorsGroup: uid('group', 1, 'contractors'),
  allowEngineeringPolicy: uid('policy', 1, 'allow-engineering'),
  denyContractorPolicy: uid('policy', 1, 'deny-contractor'),
  bypassEveryonePolicy: uid('policy', 1, 'bypass-everyone'),
  wikiApp: uid('app', 1, 'wiki'),
  adminPanelApp: uid('app', 1, 'admin-panel'),
  adminPanelInlinePolicy: uid('app-policy', 1, 'admin-panel', 'inline'),
  salesforceApp: uid('app', 1, 'salesforce'),
  statusApp: uid('app', 1, 'status'),
  labsApp: uid('app', 2, 'labs-dashboard'),
  dnsToken: hid('api-token', 1, 'dns-edit'),
  readToken: hid('api-token', 1, 'account-read'),
  expiredToken: hid('api-token', 1, 'expired'),
  disabledToken: hid('api-token', 1, 'disabled'),
  expiringToken: hid('api-token', 1, 'expiring'),
  unusedToken: hid('api-token', 1, 'unused'),
  labsToken: hid('api-token', 2, 'labs-dns'),
  personalUserToken: hid('user-token', 'personal'),
  denyUserToken: hid('user-token', 'deny'),
  revokedDevice: uid('device', 1, 'revoked'),
  deletedDevice: uid('device', 1, 'deleted'),
  unownedDevice: uid('device', 1, 'kiosk'),
  contractorUser: uid('access-user', 1, 'contractor'),
  frontDeskUser: uid('access-user', 1, 'frontdesk'),
} as const;

const IDS = REALISTIC_ACCESS_IDS;

export interface RealisticAccessInput {
  accounts: SimAccount[];
  /** Account 1's members; new policy-only members are appended here. */
  a1Members: SimMember[];
  a2Members: SimMember[];
  zones: SimZone[];
  /** The SIM user token's id: /user/tokens lists it first. */
  simUserTokenId: string;
}

/** Appended after the 65 existing account-1 members; k continues the person numbering. */
export function policyOnlyMembers(account: SimAccount, zoneIds: (name: string) => string): SimMember[] {
  const member = (k: number, email: string, first: string, last: string) =>
    buildMember({
      id: hid('member', 1, k),
      status: 'accepted',
      email,
      userId: hid('user', k),
      firstName: first,
      lastName: last,
      twoFactor: true,
      roles: [],
    });
  const zoneDns = member(64, 'zoe.zonedns@acme.example', 'Zoë', 'Zonedns');
  zoneDns.policies = [
    buildMemberPolicy({
      id: hid('member-policy', 64, 1),
      access: 'allow',
      groups: ['Domain DNS'],
      accountId: account.id,
      zoneIds: [zoneIds('acme.example'), zoneIds('acme-cdn.example')],
    }),
  ];
  const zoneAdmin = member(65, 'kai.zoneadmin@acme.example', 'Kai', 'Zoneadmin');
  zoneAdmin.policies = [
    buildMemberPolicy({
      id: hid('member-policy', 65, 1),
      access: 'allow',
      groups: ['Domain Administrator'],
      accountId: account.id,
      zoneIds: [zoneIds('acme-shop.example')],
    }),
    buildMemberPolicy({
      id: hid('member-policy', 65, 2),
      access: 'allow',
      groups: ['Domain Administrator Read Only'],
      accountId: account.id,
      zoneIds: [zoneIds('acme.example')],
    }),
  ];
  const accountDns = member(66, 'Leo.AccountDNS@acme.example', 'Leo', 'Accountdns');
  accountDns.policies = [
    buildMemberPolicy({
      id: hid('member-policy', 66, 1),
      access: 'allow',
      groups: ['DNS', 'Zone Read'],
      accountId: account.id,
    }),
    buildMemberPolicy({
      id: hid('member-policy', 66, 2),
      access: 'deny',
      groups: ['DNS'],
      accountId: account.id,
      zoneIds: [zoneIds('acme.example')],
    }),
  ];
  return [zoneDns, zoneAdmin, accountDns];
}

/** The Super Administrator's policy mirrors its legacy role (must not be counted twice). */
export function superAdminMirrorPolicy(member: SimMember, accountId: string): void {
  member.policies = [
    buildMemberPolicy({
      id: hid('member-policy', member.id, 'mirror'),
      access: 'allow',
      groups: [SUPER_ADMIN_ROLE.name],
      accountId,
    }),
  ];
}

type ZtLists = Omit<
  SimAccessSurface,
  | 'accountTokensByAccount'
  | 'userTokens'
  | 'zoneSettingsByZone'
  | 'dnssecByZone'
  | 'zeroTrustDisabled'
  | 'legacyDevicesRetired'
  | 'physicalDevicesMissing'
  | 'zoneSettingsListMissing'
  | 'rolesRetired'
>;

function emptyZtLists(): ZtLists {
  return {
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
  };
}

function setDevices(out: ZtLists, accountId: string, devices: BuiltDevice[]): void {
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
}

/** Fills active_device_count from the devices (a device counts when it has an active registration). */
function countDevices(users: SimAccessUser[], devices: BuiltDevice[]): void {
  for (const u of users) {
    u.active_device_count = devices.filter(
      (d) => d.physical.last_seen_user?.id === u.id && d.physical.active_registrations > 0 && !d.physical.deleted_at,
    ).length;
  }
}

function acmeCorpZeroTrust(out: ZtLists, a1: string, members: SimMember[]): void {
  const memberEmail = (k: number) => members[k].email;
  const recase = (email: string) =>
    email.replace(/(^|\.)([a-z])/g, (_, dot: string, c: string) => dot + c.toUpperCase());
  const fullName = (m: SimMember) => `${m.user.first_name} ${m.user.last_name}`;
  // Users 0–9 share emails with members (some in other case); 10–11 are not members.
  const memberUsers: Array<[number, string]> = [
    [0, recase(memberEmail(0))],
    [1, memberEmail(1)],
    [2, memberEmail(2).replace('acme.example', 'ACME.example')],
    [3, memberEmail(3)],
    [4, memberEmail(4)],
    [5, memberEmail(5)],
    [6, recase(memberEmail(6))],
    [7, memberEmail(7)],
    [8, memberEmail(8)],
    [64, 'zoe.zonedns@acme.example'],
  ];
  const users: SimAccessUser[] = memberUsers.map(([k, email], i) => {
    const m = members.find((x) => x.email.toLowerCase() === email.toLowerCase()) ?? members[k];
    return buildAccessUser({
      id: uid('access-user', 1, i),
      email,
      name: fullName(m),
      accessSeat: i % 4 !== 3,
      gatewaySeat: i % 3 !== 2,
      activeDeviceCount: 0,
      lastLogin: i === 9 ? null : `2025-0${(i % 9) + 1}-1${i % 10}T08:${10 + i}:05Z`,
      createdAt: `2023-0${(i % 9) + 1}-0${(i % 9) + 1}T10:00:00.${100 + i}Z`,
      updatedAt: `2025-06-${10 + i}T12:00:00Z`,
    });
  });
  users.push(
    buildAccessUser({
      id: IDS.contractorUser,
      email: 'dev.contractor@contractors.example',
      name: 'Dev Contractor',
      accessSeat: true,
      gatewaySeat: true,
      activeDeviceCount: 0,
      lastLogin: '2025-05-02T16:40:00Z',
      createdAt: '2024-11-20T09:12:44.5Z',
      updatedAt: '2025-05-02T16:40:00Z',
    }),
    buildAccessUser({
      id: IDS.frontDeskUser,
      email: 'frontdesk@acme.example',
      name: 'Front Desk',
      accessSeat: true,
      gatewaySeat: false,
      activeDeviceCount: 0,
      lastLogin: '2025-04-28T07:59:13.123456Z',
      createdAt: '2024-02-01T00:00:00Z',
      updatedAt: '2025-04-28T07:59:13.123456Z',
    }),
  );
  out.accessUsersByAccount.set(a1, users);

  const reg = (device: string, n: number, extra: Partial<{ revokedAt: string; deletedAt: string }> = {}) => ({
    id: uid('registration', 1, device, n),
    createdAt: `2024-0${n + 1}-15T09:30:00Z`,
    lastSeenAt: extra.revokedAt ?? '2025-06-30T18:02:11.52Z',
    ...extra,
  });
  const common = { createdAt: '2024-01-15T09:30:00Z', updatedAt: '2025-06-30T18:02:11.52Z' };
  const devices = [
    buildDevice({
      ...common,
      id: uid('device', 1, 'macbook'),
      name: 'Olivia’s MacBook Pro',
      type: 'mac',
      osVersion: '14.5.0',
      manufacturer: 'Apple Inc.',
      model: 'MacBookPro18,3',
      serial: 'C02FK1AAQ6L4',
      mac: 'a4:83:e7:11:22:01',
      clientVersion: '2025.4.929.0',
      user: users[0],
      lastSeenAt: '2025-06-30T18:02:11.52Z',
      tags: { team: 'leadership' },
      registrations: [reg('macbook', 0)],
    }),
    buildDevice({
      ...common,
      id: uid('device', 1, 'thinkpad'),
      name: 'LIAM-THINKPAD',
      type: 'windows',
      osVersion: '10.0.22631',
      osVersionExtra: 'Windows 11 Enterprise',
      manufacturer: 'LENOVO',
      model: '21HM',
      serial: 'PF4ABCDE',
      mac: '3c:52:82:aa:bb:02',
      clientVersion: '2025.2.600.0',
      user: users[1],
      lastSeenAt: '2025-06-29T07:45:00Z',
      registrations: [reg('thinkpad', 0)],
    }),
    buildDevice({
      ...common,
      id: uid('device', 1, 'workstation'),
      name: 'emma-ws',
      type: 'linux',
      osVersion: '6.8.0-35-generic',
      osDistroName: 'ubuntu',
      manufacturer: 'Dell Inc.',
      model: 'Precision 3660',
      serial: '9XK2LM3',
      mac: null,
      clientVersion: '2025.4.929.0',
      user: users[2],
      lastSeenAt: '2025-06-30T11:00:00.1Z',
      // Re-enrolled: the old registration was revoked, the new one is active.
      registrations: [reg('workstation', 0, { revokedAt: '2024-06-01T10:00:00Z' }), reg('workstation', 1)],
    }),
    buildDevice({
      ...common,
      id: uid('device', 1, 'iphone'),
      name: 'Noah iPhone',
      type: 'ios',
      osVersion: '17.5.1',
      manufacturer: 'Apple Inc.',
      model: 'iPhone15,2',
      serial: null,
      mac: null,
      clientVersion: '1.9.2',
      user: users[3],
      lastSeenAt: '2025-06-28T20:15:43Z',
      registrations: [reg('iphone', 0)],
    }),
    buildDevice({
      ...common,
      id: IDS.revokedDevice,
      name: 'Pixel 7 (lost)',
      type: 'android',
      osVersion: '14',
      manufacturer: 'Google',
      model: 'Pixel 7',
      serial: null,
      mac: null,
      clientVersion: '6.30',
      user: users[4],
      lastSeenAt: '2025-02-11T13:37:00Z',
      registrations: [reg('revoked', 0, { revokedAt: '2025-02-12T08:00:00Z' })],
    }),
    buildDevice({
      ...common,
      id: IDS.deletedDevice,
      name: 'Old Chromebook',
      type: 'chromeos',
      osVersion: '120.0.6099.235',
      manufacturer: 'Acer',
      model: 'Chromebook Spin 714',
      serial: 'NXK0PAA001',
      mac: '00:1a:2b:3c:4d:05',
      clientVersion: '2024.1.160.0',
      user: users[5],
      lastSeenAt: '2024-03-01T10:00:00Z',
      deletedAt: '2024-04-01T00:00:00Z',
      registrations: [reg('deleted', 0, { revokedAt: '2024-03-15T00:00:00Z', deletedAt: '2024-04-01T00:00:00Z' })],
    }),
    buildDevice({
      ...common,
      id: IDS.unownedDevice,
      name: 'Lobby kiosk',
      type: 'windows',
      osVersion: '10.0.19045',
      manufacturer: 'HP',
      model: 'EliteDesk 800 G6',
      serial: 'CZC1234XYZ',
      mac: '9c:7b:ef:00:00:06',
      clientVersion: '2025.2.600.0',
      user: null,
      lastSeenAt: '2025-06-30T06:00:00Z',
      registrations: [reg('kiosk', 0)],
    }),
    buildDevice({
      ...common,
      id: uid('device', 1, 'contractor-mac'),
      name: 'contractor-mbp',
      type: 'mac',
      osVersion: '13.6.7',
      manufacturer: 'Apple Inc.',
      model: 'MacBookAir10,1',
      serial: 'FVFDX0AAQ6LR',
      mac: 'f0:18:98:00:00:07',
      clientVersion: '2024.11.309.0',
      user: users[10],
      lastSeenAt: '2025-05-02T16:41:00Z',
      registrations: [reg('contractor-mac', 0)],
    }),
  ];
  countDevices(users, devices);
  setDevices(out, a1, devices);

  out.postureRulesByAccount.set(a1, [
    buildPostureRule({
      id: uid('posture', 1, 'disk'),
      name: 'Disk encryption',
      description: 'All laptops must have full-disk encryption',
      type: 'disk_encryption',
      platforms: ['mac', 'windows'],
      input: { requireAll: true },
    }),
    buildPostureRule({
      id: uid('posture', 1, 'macos'),
      name: 'macOS 14 or later',
      description: '',
      type: 'os_version',
      platforms: ['mac'],
      input: { operating_system: 'mac', operator: '>=', version: '14.0.0' },
      schedule: '1h',
    }),
    buildPostureRule({
      id: uid('posture', 1, 'firewall'),
      name: 'Windows firewall',
      description: 'Firewall on (pilot, not enforced)',
      type: 'firewall',
      platforms: ['windows'],
      input: { enabled: true, operating_system: 'windows' },
      expiration: '30m',
      enabled: false,
    }),
  ]);
  out.gatewayLocationsByAccount.set(a1, [
    buildGatewayLocation({
      id: uid('location', 1, 'hq'),
      name: 'HQ office',
      clientDefault: true,
      createdAt: '2023-03-01T10:00:00Z',
      updatedAt: '2025-01-20T15:30:00.25Z',
      networks: ['203.0.113.0/24'],
      ecsSupport: true,
      dot: true,
      dohRequireToken: true,
      dohNetworks: ['203.0.113.0/24', '2001:db8:100::/48'],
    }),
    buildGatewayLocation({
      id: uid('location', 1, 'berlin'),
      name: 'Berlin branch',
      clientDefault: false,
      createdAt: '2024-06-11T08:00:00Z',
      updatedAt: '2024-06-11T08:00:00Z',
      networks: ['198.51.100.0/26', '198.51.100.64/26'],
      ipv6: false,
    }),
  ]);

  const okta = buildIdentityProvider({
    id: IDS.oktaIdp,
    name: 'Acme Okta',
    type: 'okta',
    config: {
      client_id: '0oa1acmeoktaclient',
      client_secret: 'sim-okta-client-secret-NOT-REAL',
      okta_account: 'https://acme.okta.com',
      claims: ['groups'],
      email_claim_name: 'email',
    },
    scim: {
      enabled: true,
      identity_update_behavior: 'automatic',
      seat_deprovision: true,
      user_deprovision: true,
      scim_base_url: `https://acme.cloudflareaccess.com/populi/${IDS.oktaIdp}`,
      secret: 'sim-scim-secret-NOT-REAL',
    },
  });
  const otp = buildIdentityProvider({ id: IDS.otpIdp, name: 'One-time PIN login', type: 'onetimepin', config: {} });
  const azure = buildIdentityProvider({
    id: IDS.azureIdp,
    name: 'Acme Entra ID',
    type: 'azureAD',
    config: {
      client_id: '7c1e9a52-3b1f-4d8e-9a0b-5f6e7d8c9b0a',
      client_secret: 'sim-azure-client-secret-NOT-REAL',
      directory_id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
      support_groups: true,
      conditional_access_enabled: false,
    },
  });
  out.identityProvidersByAccount.set(a1, [okta, otp, azure]);

  const engineering = buildAccessGroup({
    id: IDS.engineeringGroup,
    name: 'Engineering',
    include: [rule.emailDomain('acme.example')],
    createdAt: '2023-03-02T10:00:00Z',
    updatedAt: '2024-09-09T09:09:09.9Z',
  });
  const contractors = buildAccessGroup({
    id: IDS.contractorsGroup,
    name: 'Contractors',
    include: [rule.email('Dev.Contractor@contractors.example'), rule.email('contractor@partner.example')],
    require: [rule.loginMethod(IDS.otpIdp)],
    createdAt: '2024-11-20T09:00:00Z',
    updatedAt: '2024-11-20T09:00:00Z',
  });
  out.accessGroupsByAccount.set(a1, [engineering, contractors]);

  const stamp = { createdAt: '2024-01-05T12:00:00Z', updatedAt: '2025-03-03T03:03:03Z' };
  const allowEngineering = buildReusablePolicy({
    ...stamp,
    id: IDS.allowEngineeringPolicy,
    name: 'Allow Engineering',
    decision: 'allow',
    include: [rule.group(engineering.id)],
    exclude: [rule.email('frontdesk@acme.example')],
    mfa: {
      allowed_authenticators: ['totp', 'biometrics', 'security_key'],
      mfa_disabled: false,
      session_duration: '12h',
    },
  });
  const denyContractor = buildReusablePolicy({
    ...stamp,
    id: IDS.denyContractorPolicy,
    name: 'Block contractor',
    decision: 'deny',
    include: [rule.email('dev.contractor@contractors.example')],
  });
  const bypassEveryone = buildReusablePolicy({
    ...stamp,
    id: IDS.bypassEveryonePolicy,
    name: 'Bypass health checks',
    decision: 'bypass',
    include: [rule.everyone()],
    sessionDuration: '0s',
  });
  const policies = [allowEngineering, denyContractor, bypassEveryone];
  out.accessPoliciesByAccount.set(a1, policies);

  const apps = [
    buildAccessApp({
      ...stamp,
      id: IDS.wikiApp,
      name: 'Internal Wiki',
      type: 'self_hosted',
      domain: 'wiki.acme.example',
      policies: [appPolicyRef(denyContractor, 1), appPolicyRef(allowEngineering, 2)],
      tags: ['engineering'],
    }),
    buildAccessApp({
      ...stamp,
      id: IDS.adminPanelApp,
      name: 'Legacy Admin Panel',
      type: 'self_hosted',
      domain: 'admin.acme.example',
      allowedIdps: [okta.id, otp.id],
      sessionDuration: '8h',
      policies: [
        inlinePolicy({
          ...stamp,
          id: IDS.adminPanelInlinePolicy,
          name: 'Admins only',
          decision: 'allow',
          precedence: 1,
          include: [rule.email(recase(memberEmail(0))), rule.group(contractors.id)],
          require: [rule.group(contractors.id)],
          approvalRequired: true,
          approvers: ['Ada.Owner@acme.example', 'security@acme.example'],
          isolationRequired: true,
          justificationPrompt: 'Why do you need the admin panel?',
        }),
      ],
      bindingCookie: true,
      sameSite: 'strict',
      viaWarp: true,
    }),
    buildAccessApp({
      ...stamp,
      id: IDS.salesforceApp,
      name: 'Salesforce',
      type: 'saas',
      allowedIdps: [okta.id],
      autoRedirect: true,
      policies: [appPolicyRef(allowEngineering, 1)],
      saasApp: {
        auth_type: 'saml',
        sp_entity_id: 'https://acme.my.salesforce.com',
        consumer_service_url: 'https://acme.my.salesforce.com/?so=00D000000000001',
        name_id_format: 'email',
        idp_entity_id: `https://acme.cloudflareaccess.com/${IDS.salesforceApp}`,
      },
    }),
    buildAccessApp({
      ...stamp,
      id: IDS.statusApp,
      name: 'Status dashboard',
      type: 'self_hosted',
      domain: 'status.acme.example',
      launcherVisible: false,
      policies: [],
    }),
  ];
  linkPolicies(policies, apps);
  out.accessAppsByAccount.set(a1, apps);
}

function acmeLabsZeroTrust(out: ZtLists, a2: string, members: SimMember[]): void {
  const users = [members[0], members[1]].map((m, i) =>
    buildAccessUser({
      id: uid('access-user', 2, i),
      email: m.email,
      name: `${m.user.first_name} ${m.user.last_name}`,
      accessSeat: true,
      gatewaySeat: i === 0,
      activeDeviceCount: 0,
      lastLogin: '2025-06-01T09:00:00Z',
      createdAt: '2024-05-05T05:05:05Z',
      updatedAt: '2025-06-01T09:00:00Z',
    }),
  );
  // The internationalised members as Zero Trust users: Anna's domain in its ASCII form, José's as given.
  const idn = (key: string, email: string, name: string) =>
    buildAccessUser({
      id: uid('access-user', 2, key),
      email,
      name,
      accessSeat: true,
      gatewaySeat: false,
      activeDeviceCount: 0,
      lastLogin: '2025-06-02T09:00:00Z',
      createdAt: '2024-05-05T05:05:05Z',
      updatedAt: '2025-06-02T09:00:00Z',
    });
  users.push(
    idn('anna', 'anna@xn--bcher-kva.example', 'Anna Bücher'),
    idn('jose', 'josé.garcía@acme-corp.example', 'José García'),
  );
  out.accessUsersByAccount.set(a2, users);
  const devices = [
    buildDevice({
      id: uid('device', 2, 'labs-mac'),
      name: 'labs-mbp-01',
      type: 'mac',
      osVersion: '15.0.1',
      manufacturer: 'Apple Inc.',
      model: 'Mac15,6',
      serial: 'LABS0001MAC',
      mac: null,
      clientVersion: '2025.4.929.0',
      user: users[0],
      createdAt: '2024-05-06T10:00:00Z',
      updatedAt: '2025-06-01T09:00:00Z',
      lastSeenAt: '2025-06-01T09:00:00Z',
      registrations: [
        {
          id: uid('registration', 2, 'labs-mac', 0),
          createdAt: '2024-05-06T10:00:00Z',
          lastSeenAt: '2025-06-01T09:00:00Z',
        },
      ],
    }),
  ];
  countDevices(users, devices);
  setDevices(out, a2, devices);
  out.postureRulesByAccount.set(a2, []);
  out.gatewayLocationsByAccount.set(a2, []);
  const github = buildIdentityProvider({
    id: IDS.labsIdp,
    name: 'GitHub',
    type: 'github',
    config: { client_id: 'Iv1.acmelabs0000001', client_secret: 'sim-github-secret-NOT-REAL' },
  });
  out.identityProvidersByAccount.set(a2, [github]);
  out.accessGroupsByAccount.set(a2, []);
  out.accessPoliciesByAccount.set(a2, []);
  out.accessAppsByAccount.set(a2, [
    buildAccessApp({
      id: IDS.labsApp,
      name: 'Labs dashboard',
      type: 'self_hosted',
      domain: 'dash.acmelabs.example',
      allowedIdps: [github.id],
      createdAt: '2024-05-06T10:00:00Z',
      updatedAt: '2024-05-06T10:00:00Z',
      policies: [
        inlinePolicy({
          id: uid('app-policy', 2, 'labs-dashboard', 'inline'),
          name: 'Labs staff',
          decision: 'allow',
          precedence: 1,
          include: [rule.emailDomain('acme.example')],
          createdAt: '2024-05-06T10:00:00Z',
          updatedAt: '2024-05-06T10:00:00Z',
        }),
      ],
    }),
  ]);
}

function tokens(input: RealisticAccessInput): { byAccount: Map<string, SimApiToken[]>; user: SimApiToken[] } {
  const [a1, a2, a3] = input.accounts;
  const zone = (name: string) => input.zones.find((z) => z.name === name)!.id;
  const a1Tokens = [
    buildApiToken({
      id: IDS.dnsToken,
      name: 'DNS edit: acme.example and CDN',
      status: 'active',
      issuedOn: '2024-02-01T10:00:00Z',
      modifiedOn: '2024-08-01T10:00:00.5Z',
      lastUsedOn: '2025-06-30T23:59:59.999999Z',
      ipIn: ['192.0.2.0/24', '2001:db8::/32'],
      ipNotIn: ['192.0.2.7/32'],
      provisioned: true,
      policies: [
        {
          effect: 'allow',
          groups: ['DNS Write', 'Zone Read'],
          resources: {
            [accountResource(a1.id)]: {
              [zoneResource(zone('acme.example'))]: '*',
              [zoneResource(zone('acme-cdn.example'))]: '*',
            },
          },
        },
      ],
    }),
    buildApiToken({
      id: IDS.readToken,
      name: 'Account-wide read (SIEM)',
      status: 'active',
      issuedOn: '2023-07-07T07:07:07Z',
      lastUsedOn: '2025-06-30T12:00:00Z',
      provisioned: true,
      policies: [
        {
          effect: 'allow',
          groups: ['Account Settings Read', 'Zone Read', 'DNS Read', 'Zero Trust Read'],
          resources: { [accountResource(a1.id)]: '*' },
        },
      ],
    }),
    buildApiToken({
      id: IDS.expiredToken,
      name: 'Old CI deploy',
      status: 'expired',
      issuedOn: '2022-01-01T00:00:00Z',
      lastUsedOn: '2023-12-31T22:10:00Z',
      notBefore: '2022-01-01T00:00:00Z',
      expiresOn: '2024-01-01T00:00:00Z',
      provisioned: true,
      policies: [
        {
          effect: 'allow',
          groups: ['Workers Scripts Write', 'Zone Read'],
          resources: { [accountResource(a1.id)]: '*' },
        },
      ],
    }),
    buildApiToken({
      id: IDS.disabledToken,
      name: 'Terraform (paused)',
      status: 'disabled',
      issuedOn: '2023-05-05T05:05:05Z',
      modifiedOn: '2025-01-01T00:00:00Z',
      lastUsedOn: '2024-12-24T10:00:00Z',
      provisioned: true,
      policies: [
        {
          effect: 'allow',
          groups: ['Zone Settings Write', 'Zone Write'],
          resources: { [zoneResource(zone('acme-shop.example'))]: '*' },
        },
      ],
    }),
    buildApiToken({
      id: IDS.expiringToken,
      name: 'Cache purge (expires soon)',
      status: 'active',
      issuedOn: '2025-12-01T00:00:00Z',
      lastUsedOn: '2026-11-30T08:00:00Z',
      notBefore: '2025-12-01T00:00:00Z',
      expiresOn: '2027-01-10T00:00:00Z',
      provisioned: true,
      policies: [{ effect: 'allow', groups: ['Cache Purge'], resources: { [ALL_ZONES_RESOURCE]: '*' } }],
    }),
    buildApiToken({
      id: IDS.unusedToken,
      name: 'Never used (Zero Trust audit)',
      status: 'active',
      issuedOn: '2025-03-03T03:03:03Z',
      lastUsedOn: null,
      provisioned: true,
      policies: [
        {
          effect: 'allow',
          groups: ['Access: Apps and Policies Read', 'Access: Organizations, Identity Providers, and Groups Read'],
          resources: { [accountResource(a1.id)]: '*' },
        },
      ],
    }),
  ];
  const a2Tokens = [
    buildApiToken({
      id: IDS.labsToken,
      name: 'Labs DNS automation',
      status: 'active',
      issuedOn: '2024-05-06T10:00:00Z',
      lastUsedOn: '2025-06-01T09:05:00Z',
      provisioned: true,
      policies: [
        { effect: 'allow', groups: ['DNS Write'], resources: { [zoneResource(zone('acmelabs.example'))]: '*' } },
      ],
    }),
  ];
  const userId = input.a1Members[0].user.id!;
  const user = [
    buildApiToken({
      id: input.simUserTokenId,
      name: 'graph-cloudflare read-only',
      status: 'active',
      issuedOn: '2024-01-01T00:00:00Z',
      lastUsedOn: '2026-12-01T00:00:00Z',
      policies: [
        {
          effect: 'allow',
          groups: ['Account Settings Read', 'Zone Read', 'DNS Read', 'Zone Settings Read', 'Zero Trust Read'],
          resources: {
            [accountResource(a1.id)]: '*',
            [accountResource(a2.id)]: '*',
            [accountResource(a3.id)]: '*',
          },
        },
      ],
    }),
    buildApiToken({
      id: IDS.personalUserToken,
      name: 'Personal sandbox DNS',
      status: 'active',
      issuedOn: '2023-02-17T08:45:00Z',
      lastUsedOn: '2024-02-17T08:45:00Z',
      policies: [
        { effect: 'allow', groups: ['DNS Write'], resources: { [zoneResource(zone('sandbox.example'))]: '*' } },
        { effect: 'allow', groups: ['User Details Read'], resources: { [userResource(userId)]: '*' } },
      ],
    }),
    buildApiToken({
      id: IDS.denyUserToken,
      name: 'Labs read, no DNS edit',
      status: 'active',
      issuedOn: '2024-06-06T06:06:06Z',
      lastUsedOn: null,
      policies: [
        { effect: 'allow', groups: ['Zone Read', 'DNS Write'], resources: { [accountResource(a2.id)]: '*' } },
        { effect: 'deny', groups: ['DNS Write'], resources: { [zoneResource(zone('acmelabs.example'))]: '*' } },
      ],
    }),
  ];
  return {
    byAccount: new Map([
      [a1.id, a1Tokens],
      [a2.id, a2Tokens],
      [a3.id, []],
    ]),
    user,
  };
}

/** Hand-picked posture for named zones; the rest vary deterministically. */
const NAMED_SECURITY: Record<string, Omit<ZoneSecurity, 'modifiedOn' | 'freePlan'>> = {
  'acme.example': {
    ssl: 'strict',
    minTls: '1.2',
    alwaysUseHttps: true,
    tls13: 'zrt',
    hsts: { maxAge: 31536000, includeSubdomains: true, preload: true },
  },
  'acme-cdn.example': { ssl: 'full', minTls: '1.2', alwaysUseHttps: true, tls13: 'on', hsts: null },
  'xn--mnchen-3ya.de': { ssl: 'flexible', minTls: '1.0', alwaysUseHttps: false, tls13: 'on', hsts: null },
  'xn--bcher-kva.example': { ssl: 'off', minTls: '1.0', alwaysUseHttps: false, tls13: 'off', hsts: null },
  'acmelabs.example': {
    ssl: 'strict',
    minTls: '1.3',
    alwaysUseHttps: true,
    tls13: 'on',
    hsts: { maxAge: 15552000, includeSubdomains: false, preload: false },
  },
  'sandbox.example': { ssl: 'flexible', minTls: '1.0', alwaysUseHttps: false, tls13: 'on', hsts: null },
};

const DNSSEC_STATUS: Record<string, SimDnssecStatus> = {
  'acme.example': 'active',
  'acme-cdn.example': 'active',
  'acmelabs.example': 'active',
  'xn--mnchen-3ya.de': 'pending',
};

function zoneSecurity(zones: SimZone[]): { settings: Map<string, SimZoneSetting[]>; dnssec: Map<string, SimDnssec> } {
  const settings = new Map<string, SimZoneSetting[]>();
  const dnssec = new Map<string, SimDnssec>();
  zones.forEach((z, n) => {
    const freePlan = z.plan.name === 'Free Website';
    const named = NAMED_SECURITY[z.name];
    const security = named
      ? { ...named, modifiedOn: z.modified_on, freePlan }
      : variedSecurity(n, z.modified_on, freePlan);
    settings.set(z.id, buildZoneSettings(security));
    const status = DNSSEC_STATUS[z.name] ?? 'disabled';
    dnssec.set(z.id, buildDnssec(z.name, status, status === 'disabled' ? null : z.modified_on));
  });
  return { settings, dnssec };
}

/**
 * Acme Corp: a healthy tunnel with two connectors, a degraded one whose list
 * entry no longer lists its connections (Cloudflare's deprecation; the
 * connections endpoint has them), one never run, and one deleted. Acme Labs:
 * one that is down. Sandbox: none.
 */
function tunnels(out: ZtLists, a1: string, a2: string): void {
  const built = [
    buildTunnel({
      accountId: a1,
      name: 'hq-web',
      status: 'healthy',
      createdAt: '2024-02-10T09:00:00Z',
      connsActiveAt: '2025-11-30T06:12:44.5Z',
      configSrc: 'cloudflare',
      connectors: [
        {
          version: '2025.8.0',
          arch: 'linux_amd64',
          originIp: '203.0.113.10',
          colos: ['ams01'],
          runAt: '2025-11-30T06:12:44.5Z',
        },
        {
          version: '2025.7.1',
          arch: 'linux_arm64',
          originIp: '203.0.113.11',
          colos: ['lhr01'],
          runAt: '2025-11-30T06:13:02Z',
        },
      ],
    }),
    buildTunnel({
      accountId: a1,
      name: 'billing-api',
      status: 'degraded',
      createdAt: '2024-09-01T12:00:00Z',
      connsActiveAt: '2025-12-01T08:00:00Z',
      configSrc: 'local',
      listsConnections: false,
      connectors: [
        {
          version: '2024.2.1',
          arch: 'windows_amd64',
          originIp: '198.51.100.7',
          colos: ['fra02', { colo: 'fra08', pendingReconnect: true }],
          runAt: '2025-12-01T08:00:00Z',
        },
      ],
    }),
    buildTunnel({
      accountId: a1,
      name: 'staging',
      status: 'inactive',
      createdAt: '2025-06-15T10:30:00Z',
      configSrc: 'local',
    }),
    buildTunnel({
      accountId: a1,
      name: 'old-vpn',
      status: 'down',
      createdAt: '2022-01-05T10:00:00Z',
      deletedAt: '2024-03-01T17:45:00Z',
      connsActiveAt: '2023-12-30T10:00:00Z',
      connsInactiveAt: '2024-02-28T09:00:00Z',
      configSrc: 'cloudflare',
    }),
    buildTunnel({
      accountId: a2,
      name: 'labs-ci',
      status: 'down',
      createdAt: '2024-04-20T14:00:00Z',
      connsActiveAt: '2025-10-01T10:00:00Z',
      connsInactiveAt: '2025-11-15T22:10:00Z',
      configSrc: 'cloudflare',
    }),
  ];
  for (const accountId of [a1, a2]) {
    out.tunnelsByAccount.set(
      accountId,
      built.filter((b) => b.tunnel.account_tag === accountId).map((b) => b.tunnel),
    );
  }
  for (const b of built) out.tunnelClientsByTunnel.set(b.tunnel.id, b.clients);
}

/** The whole access surface for realisticDataset (members must already hold the policy-only ones). */
export function realisticAccessSurface(input: RealisticAccessInput): SimAccessSurface {
  const [a1, a2, a3] = input.accounts;
  const zt = emptyZtLists();
  acmeCorpZeroTrust(zt, a1.id, input.a1Members);
  acmeLabsZeroTrust(zt, a2.id, input.a2Members);
  tunnels(zt, a1.id, a2.id);
  const t = tokens(input);
  const zs = zoneSecurity(input.zones);
  return {
    ...zt,
    accountTokensByAccount: t.byAccount,
    userTokens: t.user,
    zoneSettingsByZone: zs.settings,
    dnssecByZone: zs.dnssec,
    zeroTrustDisabled: new Set([a3.id]),
    legacyDevicesRetired: true,
    physicalDevicesMissing: false,
  };
}

/** Empty Zero Trust data, no tokens listed; zone settings still cover every zone. */
export function minimalAccessSurface(zones: SimZone[], simUserTokenId: string): SimAccessSurface {
  const zs = zoneSecurity(zones);
  return {
    ...emptyZtLists(),
    accountTokensByAccount: new Map(),
    userTokens: [
      buildApiToken({
        id: simUserTokenId,
        name: 'graph-cloudflare read-only',
        status: 'active',
        issuedOn: '2024-01-01T00:00:00Z',
        lastUsedOn: null,
        policies: [{ effect: 'allow', groups: ['Zone Read'], resources: { [ALL_ZONES_RESOURCE]: '*' } }],
      }),
    ],
    zoneSettingsByZone: zs.settings,
    dnssecByZone: zs.dnssec,
    zeroTrustDisabled: new Set(),
    legacyDevicesRetired: true,
    physicalDevicesMissing: false,
  };
}
