/**
 * The simulator's own model of Cloudflare's JSON, written from the offline
 * reference (/work/shared/cloudflare-api.md §2, §2.1, §6.3–6.7), NOT from the
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
// §2 envelope
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

/** §2.1 page-number style. */
export type SimPageResultInfo = {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
};

/** §2.1 cursor style: next page is `?cursor=<cursor>`; empty at the end. */
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
// §6.1 / §6.2 token verification
// ---------------------------------------------------------------------------

export type SimTokenStatus = 'active' | 'disabled' | 'expired';

export type SimTokenVerification = {
  id: string;
  status: SimTokenStatus;
  expires_on?: string;
  not_before?: string;
};

// ---------------------------------------------------------------------------
// §6.3 accounts
// ---------------------------------------------------------------------------

export type SimAccountSettings = {
  enforce_twofactor: boolean;
  /** null in a 2023 recording. */
  api_access_enabled: boolean | null;
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
// §6.5 roles
// ---------------------------------------------------------------------------

/** Area → flags; real responses use {read, edit} plus extras such as report/pii/publish. */
export type SimRolePermissions = Record<string, Record<string, boolean>>;

export type SimRole = {
  id: string;
  name: string;
  description: string;
  permissions: SimRolePermissions;
};

// ---------------------------------------------------------------------------
// §6.4 members
// ---------------------------------------------------------------------------

export type SimMemberStatus = 'accepted' | 'pending' | 'rejected';

export type SimMemberUser = {
  /** Populated for most pending invites, but null for some (reference §6.4). */
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
  api_access_enabled: boolean | null;
};

// ---------------------------------------------------------------------------
// §6.6 zones
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
};

// ---------------------------------------------------------------------------
// §6.7 DNS records
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
  locked: boolean;
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
