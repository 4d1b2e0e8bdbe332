/**
 * Builders for Zero Trust users and devices (docs/cloudflare-facts.md#zero-trust-users,
 * #devices, #gateway-locations) and Access configuration (the Access sections of
 * docs/cloudflare-facts.md#endpoints). They fill Cloudflare's field layout; datasets choose
 * the values.
 */
import type {
  SimAccessApp,
  SimAccessDecision,
  SimAccessGroup,
  SimAccessPolicy,
  SimAccessRule,
  SimAccessUser,
  SimAppPolicy,
  SimDeviceRegistration,
  SimDeviceType,
  SimDeviceUserRef,
  SimGatewayLocation,
  SimIdentityProvider,
  SimLegacyDevice,
  SimPhysicalDevice,
  SimPostureRule,
} from '../types';
import { base64String, hexString, uuidId } from './random';

// --- rules -------------------------------------------------------------------

export const rule = {
  email: (email: string): SimAccessRule => ({ email: { email } }),
  emailDomain: (domain: string): SimAccessRule => ({ email_domain: { domain } }),
  group: (id: string): SimAccessRule => ({ group: { id } }),
  everyone: (): SimAccessRule => ({ everyone: {} }),
  ip: (ip: string): SimAccessRule => ({ ip: { ip } }),
  geo: (countryCode: string): SimAccessRule => ({ geo: { country_code: countryCode } }),
  loginMethod: (id: string): SimAccessRule => ({ login_method: { id } }),
};

// --- users -------------------------------------------------------------------

export interface AccessUserSpec {
  id: string;
  email: string;
  name: string;
  accessSeat: boolean;
  gatewaySeat: boolean;
  activeDeviceCount: number;
  lastLogin: string | null;
  createdAt: string;
  updatedAt: string;
}

export function buildAccessUser(s: AccessUserSpec): SimAccessUser {
  return {
    id: s.id,
    uid: uuidId('access-user-uid', s.id),
    seat_uid: uuidId('access-user-seat', s.id),
    email: s.email,
    name: s.name,
    access_seat: s.accessSeat,
    gateway_seat: s.gatewaySeat,
    active_device_count: s.activeDeviceCount,
    last_successful_login: s.lastLogin,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function userRef(user: SimAccessUser | null): SimDeviceUserRef | null {
  return user ? { id: user.id, email: user.email, name: user.name } : null;
}

// --- devices -----------------------------------------------------------------

export interface RegistrationSpec {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt?: string | null;
  deletedAt?: string | null;
  tunnelType?: 'wireguard' | 'masque';
}

export interface DeviceSpec {
  id: string;
  name: string;
  type: SimDeviceType;
  osVersion: string;
  osVersionExtra?: string | null;
  osDistroName?: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  mac: string | null;
  clientVersion: string;
  user: SimAccessUser | null;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
  deletedAt?: string | null;
  publicIp?: string | null;
  tags?: Record<string, string>;
  profile?: { id: string; name: string; default: boolean; updatedAt: string };
  registrations: RegistrationSpec[];
}

export interface BuiltDevice {
  physical: SimPhysicalDevice;
  registrations: SimDeviceRegistration[];
  legacy: SimLegacyDevice[];
}

const DEFAULT_PROFILE = { id: 'default', name: 'Default', default: true, updatedAt: '2023-01-10T09:00:00Z' };

/** One physical device with its registrations and the rows the deprecated /devices list showed for them. */
export function buildDevice(s: DeviceSpec): BuiltDevice {
  const active = s.registrations.filter((r) => !r.revokedAt && !r.deletedAt).length;
  const user = userRef(s.user);
  const profile = s.profile ?? DEFAULT_PROFILE;
  const physical: SimPhysicalDevice = {
    id: s.id,
    name: s.name,
    active_registrations: active,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    last_seen_at: s.lastSeenAt,
    deleted_at: s.deletedAt ?? null,
    client_version: s.clientVersion,
    device_type: s.type,
    hardware_id: s.serial ? hexString(64, 'hardware', s.id) : null,
    os_version: s.osVersion,
    os_version_extra: s.osVersionExtra ?? null,
    manufacturer: s.manufacturer,
    model: s.model,
    serial_number: s.serial,
    mac_address: s.mac,
    public_ip: s.publicIp ?? null,
    tags: s.tags ?? {},
    last_seen_user: user,
    last_seen_registration: s.lastSeenAt
      ? {
          policy: {
            id: profile.id,
            name: profile.name,
            default: profile.default,
            deleted: false,
            updated_at: profile.updatedAt,
          },
        }
      : null,
  };
  const registrations = s.registrations.map((r): SimDeviceRegistration => ({
    id: r.id,
    created_at: r.createdAt,
    updated_at: r.revokedAt ?? r.deletedAt ?? r.lastSeenAt ?? r.createdAt,
    last_seen_at: r.lastSeenAt,
    deleted_at: r.deletedAt ?? null,
    revoked_at: r.revokedAt ?? null,
    key: `${base64String(43, 'wg-key', r.id)}=`,
    key_type: 'curve25519',
    tunnel_type: r.tunnelType ?? 'masque',
    device: { id: s.id, name: s.name, client_version: s.clientVersion },
    user,
  }));
  const legacy = s.registrations.map((r): SimLegacyDevice => ({
    id: r.id,
    name: s.name,
    device_type: s.type,
    os_version: s.osVersion,
    os_version_extra: s.osVersionExtra ?? null,
    os_distro_name: s.osDistroName ?? null,
    os_distro_revision: null,
    model: s.model,
    manufacturer: s.manufacturer,
    serial_number: s.serial,
    mac_address: s.mac,
    ip: s.publicIp ?? null,
    key: `${base64String(43, 'wg-key', r.id)}=`,
    version: s.clientVersion,
    created: r.createdAt,
    updated: r.revokedAt ?? r.lastSeenAt ?? r.createdAt,
    last_seen: r.lastSeenAt,
    revoked_at: r.revokedAt ?? null,
    deleted: Boolean(r.deletedAt ?? s.deletedAt),
    user,
  }));
  return { physical, registrations, legacy };
}

// --- posture rules, locations ------------------------------------------------

export interface PostureRuleSpec {
  id: string;
  name: string;
  description: string;
  type: string;
  platforms: string[];
  input: Record<string, unknown>;
  schedule?: string;
  expiration?: string | null;
  enabled?: boolean;
}

export function buildPostureRule(s: PostureRuleSpec): SimPostureRule {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    type: s.type,
    schedule: s.schedule ?? '5m',
    expiration: s.expiration ?? null,
    match: s.platforms.map((platform) => ({ platform })),
    input: s.input,
    enabled: s.enabled ?? true,
  };
}

export interface GatewayLocationSpec {
  id: string;
  name: string;
  clientDefault: boolean;
  createdAt: string;
  updatedAt: string;
  networks: string[];
  ecsSupport?: boolean;
  doh?: boolean;
  /** DoH only with a user token. */
  dohRequireToken?: boolean;
  /** Networks allowed to use the DoH endpoint; empty: any. */
  dohNetworks?: string[];
  dot?: boolean;
  ipv4?: boolean;
  ipv6?: boolean;
}

export function buildGatewayLocation(s: GatewayLocationSpec): SimGatewayLocation {
  const networks = s.networks.map((network) => ({ network }));
  const n = parseInt(s.id.slice(0, 2), 16);
  return {
    id: s.id,
    name: s.name,
    client_default: s.clientDefault,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    doh_subdomain: hexString(10, 'doh', s.id),
    ecs_support: s.ecsSupport ?? false,
    ip: `2a06:98c1:54::${n.toString(16)}`,
    ipv4_destination: `172.64.36.${(n % 250) + 1}`,
    ipv4_destination_backup: `172.64.37.${(n % 250) + 1}`,
    dns_destination_ips_id: uuidId('dns-destination', s.id),
    dns_destination_ipv6_block_id: null,
    networks,
    endpoints: {
      doh: {
        enabled: s.doh ?? true,
        networks: (s.dohNetworks ?? []).map((network) => ({ network })),
        require_token: s.dohRequireToken ?? false,
      },
      dot: { enabled: s.dot ?? false, networks: [] },
      ipv4: { enabled: s.ipv4 ?? true },
      ipv6: { enabled: s.ipv6 ?? true, networks: [] },
    },
  };
}

// --- Access configuration ----------------------------------------------------

export function buildIdentityProvider(
  s: Pick<SimIdentityProvider, 'id' | 'name' | 'type' | 'config'> & {
    scim?: Partial<SimIdentityProvider['scim_config']>;
  },
): SimIdentityProvider {
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    config: s.config,
    scim_config: {
      enabled: false,
      identity_update_behavior: 'no_action',
      seat_deprovision: false,
      user_deprovision: false,
      ...s.scim,
    },
  };
}

export interface RuleSets {
  include: SimAccessRule[];
  exclude?: SimAccessRule[];
  require?: SimAccessRule[];
}

export function buildAccessGroup(
  s: { id: string; name: string; createdAt: string; updatedAt: string } & RuleSets,
): SimAccessGroup {
  return {
    id: s.id,
    name: s.name,
    include: s.include,
    exclude: s.exclude ?? [],
    require: s.require ?? [],
    is_default: [],
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export interface PolicySpec extends RuleSets {
  id: string;
  name: string;
  decision: SimAccessDecision;
  createdAt: string;
  updatedAt: string;
  sessionDuration?: string;
  approvalRequired?: boolean;
  approvers?: string[];
  isolationRequired?: boolean;
  justificationPrompt?: string;
  mfa?: SimAccessPolicy['mfa_config'];
}

/** A reusable policy; `app_count` is filled in by `linkPolicies` once apps exist. */
export function buildReusablePolicy(s: PolicySpec): SimAccessPolicy {
  return {
    id: s.id,
    name: s.name,
    decision: s.decision,
    include: s.include,
    exclude: s.exclude ?? [],
    require: s.require ?? [],
    app_count: 0,
    reusable: true,
    session_duration: s.sessionDuration ?? '24h',
    approval_required: s.approvalRequired ?? false,
    approval_groups: s.approvers ? [{ approvals_needed: 1, email_addresses: s.approvers }] : [],
    isolation_required: s.isolationRequired ?? false,
    purpose_justification_required: s.justificationPrompt !== undefined,
    ...(s.justificationPrompt !== undefined && { purpose_justification_prompt: s.justificationPrompt }),
    ...(s.mfa && { mfa_config: s.mfa }),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

/** A reusable policy as an app's policies[] shows it (same id; no `reusable` flag). */
export function appPolicyRef(p: SimAccessPolicy, precedence: number): SimAppPolicy {
  return {
    id: p.id,
    name: p.name,
    decision: p.decision,
    include: p.include,
    exclude: p.exclude,
    require: p.require,
    precedence,
    session_duration: p.session_duration,
    approval_required: p.approval_required,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

/** A legacy per-app (inline) policy: exists only inside its app. */
export function inlinePolicy(s: PolicySpec & { precedence: number }): SimAppPolicy {
  return {
    id: s.id,
    name: s.name,
    decision: s.decision,
    include: s.include,
    exclude: s.exclude ?? [],
    require: s.require ?? [],
    precedence: s.precedence,
    session_duration: s.sessionDuration ?? '24h',
    approval_required: s.approvalRequired ?? false,
    ...(s.approvers && { approval_groups: [{ approvals_needed: 1, email_addresses: s.approvers }] }),
    ...(s.isolationRequired && { isolation_required: true }),
    ...(s.justificationPrompt !== undefined && {
      purpose_justification_required: true,
      purpose_justification_prompt: s.justificationPrompt,
    }),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export interface AppSpec {
  id: string;
  name: string;
  type: string;
  domain?: string;
  allowedIdps?: string[];
  policies: SimAppPolicy[];
  createdAt: string;
  updatedAt: string;
  sessionDuration?: string;
  autoRedirect?: boolean;
  launcherVisible?: boolean;
  saasApp?: Record<string, unknown>;
  tags?: string[];
  bindingCookie?: boolean;
  httpOnlyCookie?: boolean;
  sameSite?: string;
  viaWarp?: boolean;
  skipInterstitial?: boolean;
}

export function buildAccessApp(s: AppSpec): SimAccessApp {
  const app: SimAccessApp = {
    id: s.id,
    aud: hexString(64, 'aud', s.id),
    name: s.name,
    type: s.type,
    self_hosted_domains: s.domain && s.type === 'self_hosted' ? [s.domain] : [],
    destinations: s.domain && s.type === 'self_hosted' ? [{ type: 'public', uri: s.domain }] : [],
    allowed_idps: s.allowedIdps ?? [],
    auto_redirect_to_identity: s.autoRedirect ?? false,
    app_launcher_visible: s.launcherVisible ?? true,
    session_duration: s.sessionDuration ?? '24h',
    enable_binding_cookie: s.bindingCookie ?? false,
    http_only_cookie_attribute: s.httpOnlyCookie ?? true,
    same_site_cookie_attribute: s.sameSite ?? 'lax',
    allow_authenticate_via_warp: s.viaWarp ?? false,
    skip_interstitial: s.skipInterstitial ?? false,
    policies: s.policies,
    tags: s.tags ?? [],
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
  if (s.domain !== undefined) app.domain = s.domain;
  if (s.saasApp) app.saas_app = s.saasApp;
  return app;
}

/** Sets each reusable policy's app_count from the apps that reference it. */
export function linkPolicies(policies: SimAccessPolicy[], apps: SimAccessApp[]): void {
  for (const p of policies) p.app_count = apps.filter((a) => a.policies.some((ap) => ap.id === p.id)).length;
}
