/**
 * The simulator's own model of Cloudflare's JSON, written from Cloudflare's
 * documented shapes (docs/cloudflare-facts.md), NOT from the
 * integration's types: the simulator must not share assumptions with the code
 * it tests. Field names are exactly Cloudflare's. Nested shapes are type
 * aliases (not interfaces) so that values stay assignable to index-signature
 * types such as Record<string, unknown>.
 *
 * The fields are the ones the simulator produces, typed as it produces them
 * (e.g. an account's `settings` is always present here, although a client must
 * tolerate it missing).
 */

// ---------------------------------------------------------------------------
// Envelope (docs/cloudflare-facts.md#response-envelope)
// ---------------------------------------------------------------------------

/** An entry of `errors[]` or `messages[]`; header-validation failures add `error_chain[]`. */
export interface SimMessage {
  code: number;
  message: string;
  documentation_url?: string;
  source?: { pointer: string };
  error_chain?: SimMessage[];
}

/** `messages[]` on success carry `type` (null in recordings), e.g. the token-verify message. */
export interface SimSuccessMessage extends SimMessage {
  type: string | null;
}

/** Page-number style (docs/cloudflare-facts.md#page-number-lists). */
export type SimPageResultInfo = {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
};

/** Cursor style (docs/cloudflare-facts.md#cursor-lists): next page is `?cursor=<cursor>`; empty at the end. */
export type SimCursorResultInfo = {
  count: number;
  cursor: string;
  per_page: number;
};

export type SimResultInfo = SimPageResultInfo | SimCursorResultInfo;

export interface SimEnvelope<T = unknown> {
  success: boolean;
  errors: SimMessage[];
  messages: SimMessage[];
  result: T | null;
  /** List endpoints only; absent for single objects and single-array lists. */
  result_info?: SimResultInfo;
}

// ---------------------------------------------------------------------------
// Token verification (docs/cloudflare-facts.md#token-kinds-and-verification)
// ---------------------------------------------------------------------------

export type SimTokenStatus = 'active' | 'disabled' | 'expired';

export type SimTokenVerification = {
  id: string;
  status: SimTokenStatus;
  expires_on?: string;
  not_before?: string;
};

// ---------------------------------------------------------------------------
// Accounts (docs/cloudflare-facts.md#accounts)
// ---------------------------------------------------------------------------

export type SimAccountSettings = {
  enforce_twofactor: boolean;
  /** null in a 2023 recording. */
  access_approval_expiry: string | null;
  /** Deprecated 2025-03-14, still returned. */
  use_account_custom_ns_by_default: boolean;
  abuse_contact_email: string | null;
};

export type SimManagedBy = {
  parent_org_id: string;
  parent_org_name: string;
};

export type SimAccount = {
  id: string;
  name: string;
  type: 'standard' | 'enterprise';
  created_on: string;
  settings: SimAccountSettings;
  managed_by?: SimManagedBy;
};

// ---------------------------------------------------------------------------
// Roles (docs/cloudflare-facts.md#roles)
// ---------------------------------------------------------------------------

/** Area → flags; real responses use {read, edit} plus extras such as report/pii/publish. */
/**
 * Either shape Cloudflare has served: flags per area (`{dns_records: {read,
 * edit}}`), or the older list of strings (`['#zone:read', '#dns_records:edit']`).
 */
export type SimRolePermissions = Record<string, Record<string, boolean>> | string[];

export type SimRole = {
  id: string;
  name: string;
  description: string;
  permissions: SimRolePermissions;
};

// ---------------------------------------------------------------------------
// Members (docs/cloudflare-facts.md#members)
// ---------------------------------------------------------------------------

export type SimMemberStatus = 'accepted' | 'pending' | 'rejected';

export type SimMemberUser = {
  /** Populated for most pending invites, but null for some (docs/cloudflare-facts.md#members). */
  id: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  two_factor_authentication_enabled: boolean;
};

export type SimMember = {
  /** The membership id (not user.id). */
  id: string;
  email: string;
  status: SimMemberStatus;
  user: SimMemberUser;
  roles: SimRole[];
  /** Newer permission model; absent on members that predate it (only roles). */
  policies?: SimMemberPolicy[];
};

// ---------------------------------------------------------------------------
// Zones (docs/cloudflare-facts.md#zones)
// ---------------------------------------------------------------------------

export type SimZoneType = 'full' | 'partial' | 'secondary' | 'internal';

export type SimZone = {
  id: string;
  name: string;
  /** Open string: values beyond the filter enum exist (deactivated, …). */
  status: string;
  paused: boolean;
  type: SimZoneType;
  /** Seconds; 0 = never. */
  development_mode: number;
  name_servers: string[];
  original_name_servers: string[] | null;
  original_registrar: string | null;
  original_dnshost: string | null;
  created_on: string;
  modified_on: string;
  activated_on: string | null;
  account: { id: string; name: string };
  owner: { id: string | null; name: string | null; type: string };
  plan: { id: string; name: string };
  vanity_name_servers: string[];
  meta: { step: number; custom_certificate_quota: number; page_rule_quota: number; phishing_detected: boolean };
};

// ---------------------------------------------------------------------------
// DNS records (docs/cloudflare-facts.md#dns-records)
// ---------------------------------------------------------------------------

/** From a 2020 recording; absent from current SDK types. */
export type SimDnsRecordMeta = {
  auto_added: boolean;
  managed_by_apps: boolean;
  managed_by_argo_tunnel: boolean;
  source: string;
};

export type SimDnsRecord = {
  id: string;
  zone_id: string;
  zone_name: string;
  name: string;
  type: string;
  content: string;
  proxiable: boolean;
  proxied: boolean;
  /** 1 = automatic. */
  ttl: number;
  /** MX / URI (and SRV in our data). */
  priority?: number;
  /** Structured types (SRV, CAA, …). */
  data?: Record<string, unknown>;
  comment: string | null;
  tags: string[];
  created_on: string;
  modified_on: string;
  meta: SimDnsRecordMeta;
};

// ---------------------------------------------------------------------------
// Member policies, the newer permission model (docs/cloudflare-facts.md#members)
// ---------------------------------------------------------------------------

export type SimPermissionGroupRef = {
  id: string;
  name?: string;
  meta?: { label?: string; scopes?: string };
};

/** scope.key `com.cloudflare.api.account.<id>`; objects `[{key: '*'}]` or zone keys. */
export type SimResourceGroupRef = {
  id: string;
  name?: string;
  scope: { key: string; objects: Array<{ key: string }> };
  meta?: { editable?: string };
};

export type SimMemberPolicy = {
  id: string;
  access: 'allow' | 'deny';
  permission_groups: SimPermissionGroupRef[];
  resource_groups: SimResourceGroupRef[];
};

// ---------------------------------------------------------------------------
// Zone settings and DNSSEC (docs/cloudflare-facts.md#zone-settings, #dnssec)
// ---------------------------------------------------------------------------

export type SimHstsValue = {
  strict_transport_security: {
    enabled: boolean;
    include_subdomains: boolean;
    max_age: number;
    nosniff: boolean;
    preload: boolean;
  };
};

export type SimZoneSetting = {
  id: string;
  /** Mostly strings ('on', 'strict', '1.2'); numbers and objects for a few (security_header). */
  value: string | number | SimHstsValue | Record<string, unknown>;
  editable: boolean;
  modified_on: string | null;
};

export type SimDnssecStatus = 'active' | 'pending' | 'disabled' | 'pending-disabled' | 'error';

export type SimDnssec = {
  status: SimDnssecStatus;
  algorithm: string | null;
  digest: string | null;
  digest_algorithm: string | null;
  digest_type: string | null;
  ds: string | null;
  flags: number | null;
  key_tag: number | null;
  key_type: string | null;
  public_key: string | null;
  modified_on: string | null;
  dnssec_multi_signer: boolean;
  dnssec_presigned: boolean;
  dnssec_use_nsec3: boolean;
};

// ---------------------------------------------------------------------------
// API tokens (docs/cloudflare-facts.md#api-tokens)
// ---------------------------------------------------------------------------

/** Keys like `com.cloudflare.api.account.<id>` → '*' or a nested map of zone keys → '*'. */
export type SimTokenResources = Record<string, string | Record<string, string>>;

export type SimTokenPolicy = {
  id: string;
  effect: 'allow' | 'deny';
  permission_groups: Array<{ id: string; name: string; meta?: Record<string, string> }>;
  resources: SimTokenResources;
};

export type SimApiToken = {
  id: string;
  name: string;
  status: SimTokenStatus;
  issued_on: string;
  modified_on: string;
  last_used_on: string | null;
  not_before: string | null;
  expires_on: string | null;
  condition?: { request_ip?: { in?: string[]; not_in?: string[] } };
  policies: SimTokenPolicy[];
  /** Account-owned tokens only. Cloudflare's tokens name no creator. */
  provisioner_type?: string;
  provisioner_id?: string;
};

// ---------------------------------------------------------------------------
// Zero Trust users (docs/cloudflare-facts.md#zero-trust-users)
// ---------------------------------------------------------------------------

export type SimAccessUser = {
  /** UUID. */
  id: string;
  uid: string;
  seat_uid: string;
  email: string;
  name: string;
  access_seat: boolean;
  gateway_seat: boolean;
  active_device_count: number;
  last_successful_login: string | null;
  created_at: string;
  updated_at: string;
};

// ---------------------------------------------------------------------------
// Devices (docs/cloudflare-facts.md#devices)
// ---------------------------------------------------------------------------

export type SimDeviceType = 'windows' | 'mac' | 'linux' | 'android' | 'ios' | 'chromeos';

export type SimDeviceUserRef = { id: string; email: string; name: string };

export type SimPhysicalDevice = {
  id: string;
  name: string;
  active_registrations: number;
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
  deleted_at: string | null;
  client_version: string;
  device_type: SimDeviceType;
  hardware_id: string | null;
  os_version: string;
  os_version_extra: string | null;
  manufacturer: string | null;
  model: string | null;
  serial_number: string | null;
  mac_address: string | null;
  /** Deprecated. */
  public_ip: string | null;
  tags: Record<string, string>;
  last_seen_user: SimDeviceUserRef | null;
  last_seen_registration: {
    policy: { id: string; name: string; default: boolean; deleted: boolean; updated_at: string };
  } | null;
};

export type SimDeviceRegistration = {
  id: string;
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
  deleted_at: string | null;
  revoked_at: string | null;
  key: string;
  key_type: string;
  tunnel_type: string;
  device: { id: string; name: string; client_version: string };
  user: SimDeviceUserRef | null;
};

/** The deprecated GET /accounts/{id}/devices item; `id` is the registration id. */
export type SimLegacyDevice = {
  id: string;
  name: string;
  device_type: SimDeviceType;
  os_version: string;
  os_version_extra: string | null;
  os_distro_name: string | null;
  os_distro_revision: string | null;
  model: string | null;
  manufacturer: string | null;
  serial_number: string | null;
  mac_address: string | null;
  ip: string | null;
  key: string;
  version: string;
  created: string;
  updated: string;
  last_seen: string | null;
  revoked_at: string | null;
  deleted: boolean;
  user: SimDeviceUserRef | null;
};

export type SimPostureRule = {
  id: string;
  name: string;
  description: string;
  type: string;
  schedule: string;
  expiration: string | null;
  match: Array<{ platform: string }>;
  input: Record<string, unknown>;
  enabled: boolean;
};

// ---------------------------------------------------------------------------
// Gateway locations (docs/cloudflare-facts.md#gateway-locations)
// ---------------------------------------------------------------------------

export type SimGatewayLocation = {
  id: string;
  name: string;
  client_default: boolean;
  created_at: string;
  updated_at: string;
  doh_subdomain: string;
  ecs_support: boolean;
  /** IPv6 address. */
  ip: string;
  ipv4_destination: string;
  ipv4_destination_backup: string;
  dns_destination_ips_id: string;
  dns_destination_ipv6_block_id: string | null;
  networks: Array<{ network: string }>;
  endpoints: {
    doh: { enabled: boolean; networks: Array<{ network: string }>; require_token: boolean };
    dot: { enabled: boolean; networks: Array<{ network: string }> };
    ipv4: { enabled: boolean };
    ipv6: { enabled: boolean; networks: Array<{ network: string }> };
  };
};

// ---------------------------------------------------------------------------
// Cloudflare Tunnels (docs/cloudflare-facts.md#cloudflare-tunnels)
// ---------------------------------------------------------------------------

export type SimTunnelStatus = 'inactive' | 'degraded' | 'healthy' | 'down';

/** One connection of a connector to a Cloudflare data center. */
export type SimTunnelConnection = {
  id: string;
  client_id: string;
  client_version: string;
  colo_name: string;
  is_pending_reconnect: boolean;
  opened_at: string;
  origin_ip: string;
  uuid: string;
};

/** A connector (cloudflared instance), as the connections endpoint lists it. */
export type SimTunnelClient = {
  id: string;
  arch: string;
  config_version: number;
  conns: SimTunnelConnection[];
  features: string[];
  run_at: string;
  version: string;
};

export type SimTunnel = {
  id: string;
  account_tag: string;
  name: string;
  status: SimTunnelStatus;
  created_at: string;
  deleted_at: string | null;
  conns_active_at: string | null;
  conns_inactive_at: string | null;
  config_src: 'local' | 'cloudflare';
  remote_config: boolean;
  /** Deprecated by Cloudflare ("will start returning an empty array"). */
  connections: SimTunnelConnection[];
  tun_type: 'cfd_tunnel';
  metadata: Record<string, unknown>;
};

// ---------------------------------------------------------------------------
// Access configuration (docs/cloudflare-facts.md#access-identity-providers to #access-rules)
// ---------------------------------------------------------------------------

/** Exactly one key, e.g. {email: {email}}, {email_domain: {domain}}, {group: {id}}, {everyone: {}}. */
export type SimAccessRule = Record<string, Record<string, unknown>>;

export type SimIdentityProvider = {
  id: string;
  name: string;
  type: string;
  /** Type-specific; may carry (fake) secrets such as client_secret, which must never reach entities. */
  config: Record<string, unknown>;
  scim_config: {
    enabled: boolean;
    identity_update_behavior: 'automatic' | 'reauth' | 'no_action';
    seat_deprovision: boolean;
    user_deprovision: boolean;
    scim_base_url?: string;
    secret?: string;
  };
};

export type SimAccessGroup = {
  id: string;
  name: string;
  include: SimAccessRule[];
  exclude: SimAccessRule[];
  require: SimAccessRule[];
  is_default: SimAccessRule[];
  created_at: string;
  updated_at: string;
};

export type SimAccessDecision = 'allow' | 'deny' | 'non_identity' | 'bypass';

/** GET /access/policies (reusable). */
export type SimAccessPolicy = {
  id: string;
  name: string;
  decision: SimAccessDecision;
  include: SimAccessRule[];
  exclude: SimAccessRule[];
  require: SimAccessRule[];
  app_count: number;
  reusable: true;
  session_duration: string;
  approval_required: boolean;
  approval_groups: Array<{ approvals_needed: number; email_addresses: string[]; email_list_uuid?: string }>;
  isolation_required: boolean;
  purpose_justification_required: boolean;
  purpose_justification_prompt?: string;
  mfa_config?: { allowed_authenticators: string[]; mfa_disabled: boolean; session_duration: string };
  created_at: string;
  updated_at: string;
};

/**
 * An entry of an app's policies[]: a reusable policy (same id) or a legacy
 * inline one. Cloudflare's schema has no `reusable` on these entries: only the
 * reusable-policy list says so.
 */
export type SimAppPolicy = {
  id: string;
  name: string;
  decision: SimAccessDecision;
  include: SimAccessRule[];
  exclude: SimAccessRule[];
  require: SimAccessRule[];
  precedence: number;
  session_duration?: string;
  approval_required?: boolean;
  approval_groups?: SimAccessPolicy['approval_groups'];
  isolation_required?: boolean;
  purpose_justification_required?: boolean;
  purpose_justification_prompt?: string;
  created_at: string;
  updated_at: string;
};

export type SimAccessApp = {
  id: string;
  /** 64 hex. */
  aud: string;
  name: string;
  /** Absent for some SaaS apps. */
  domain?: string;
  type: string;
  self_hosted_domains: string[];
  destinations: Array<{ type: 'public'; uri: string }>;
  /** Empty = every IdP of the account. */
  allowed_idps: string[];
  auto_redirect_to_identity: boolean;
  app_launcher_visible: boolean;
  session_duration: string;
  enable_binding_cookie: boolean;
  http_only_cookie_attribute: boolean;
  same_site_cookie_attribute: string;
  allow_authenticate_via_warp: boolean;
  skip_interstitial: boolean;
  policies: SimAppPolicy[];
  saas_app?: Record<string, unknown>;
  tags: string[];
  created_at: string;
  updated_at: string;
};

// ---------------------------------------------------------------------------
// Activity logs: account audit log v1 and the Access authentication log
// ---------------------------------------------------------------------------

/**
 * One audit log entry as stored: `ageMs` before the simulator's clock
 * (dataset.activityNowMs, or the time of the request) becomes `when`, so
 * "N days ago" stays true whenever the dataset is served.
 */
export type SimAuditLogRecord = {
  id: string;
  ageMs: number;
  action: { type: string; result: boolean };
  actor: { id: string; email: string; ip: string; type: 'user' };
  interface: string;
  resource: { id: string; type: string };
};

/** One Access authentication as stored; `ageMs` becomes `created_at`. */
export type SimAccessRequestRecord = {
  ageMs: number;
  user_email: string;
  app_uid: string;
  app_domain: string;
  allowed: boolean;
  action: string;
  connection: string;
  ip_address: string;
  ray_id: string;
};
