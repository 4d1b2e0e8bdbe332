/**
 * Shapes of the Cloudflare v4 API objects this integration reads.
 *
 * Only the fields we use are typed; Cloudflare adds fields over time and many
 * are nullable (see docs/cloudflare-facts.md#identifiers-and-timestamps). Enums are open strings on
 * purpose: real responses carry values outside the documented sets.
 */

export interface CloudflareMessage {
  code: number;
  message: string;
  documentation_url?: string;
  error_chain?: CloudflareMessage[];
}

export interface PageResultInfo {
  page?: number;
  per_page?: number;
  count?: number;
  total_count?: number;
  total_pages?: number;
  /** Cursor style (docs/cloudflare-facts.md#cursor-lists): the next page's cursor; empty or absent at the end. */
  cursor?: string | null;
}

export interface CloudflareEnvelope<T> {
  success: boolean;
  errors?: CloudflareMessage[];
  messages?: CloudflareMessage[];
  result?: T | null;
  result_info?: PageResultInfo;
}

export interface CloudflareTokenVerification {
  id: string;
  status: string; // active | disabled | expired
  expires_on?: string | null;
  not_before?: string | null;
}

export interface CloudflareAccount {
  id: string;
  name: string;
  type?: string; // standard | enterprise
  created_on?: string | null;
  settings?: {
    enforce_twofactor?: boolean | null;
    abuse_contact_email?: string | null;
    [key: string]: unknown;
  } | null;
  managed_by?: { parent_org_id?: string; parent_org_name?: string } | null;
}

/**
 * A role's permissions, in either shape Cloudflare serves: flags per area
 * (`{dns: {read: true, write: false}}`; real answers also use `edit`), or a
 * list of strings such as `"#zones:read"`, `"#dns_records:edit"`.
 */
export type CloudflareRolePermissions = Record<string, Record<string, boolean | undefined> | null> | string[];

export interface CloudflareRole {
  id: string;
  name: string;
  description?: string | null;
  permissions?: CloudflareRolePermissions | null;
}

export interface CloudflareMember {
  id: string; // membership id
  email?: string | null;
  status?: string | null; // accepted | pending | rejected
  user?: {
    id?: string | null;
    email?: string | null;
    first_name?: string | null;
    last_name?: string | null;
    two_factor_authentication_enabled?: boolean | null;
  } | null;
  roles?: CloudflareRole[] | null;
  /** The newer permission model (docs/cloudflare-facts.md#members): permission groups bound to account or zone resource groups. */
  policies?: CloudflareMemberPolicy[] | null;
}

/** A resource group's scope: the account, and the objects in it (`*` or zone keys). */
export interface CloudflareResourceScope {
  key?: string | null; // com.cloudflare.api.account.<id>
  objects?: Array<{ key?: string | null } | null> | null; // '*' or com.cloudflare.api.account.zone.<id>
}

export interface CloudflareMemberPolicy {
  id?: string | null;
  access?: string | null; // allow | deny
  permission_groups?: Array<{ id?: string | null; name?: string | null } | null> | null;
  resource_groups?: Array<{
    id?: string | null;
    name?: string | null;
    /** An object per the reference; the SDK types it as a list of them, so both are read. */
    scope?: CloudflareResourceScope | CloudflareResourceScope[] | null;
  } | null> | null;
}

export interface CloudflareZone {
  id: string;
  name: string;
  status?: string | null;
  paused?: boolean | null;
  type?: string | null;
  development_mode?: number | null;
  name_servers?: string[] | null;
  original_name_servers?: string[] | null;
  original_registrar?: string | null;
  original_dnshost?: string | null;
  created_on?: string | null;
  modified_on?: string | null;
  activated_on?: string | null;
  account?: { id: string; name?: string | null } | null;
  owner?: { id?: string | null; name?: string | null; type?: string | null } | null;
  plan?: { id?: string | null; name?: string | null } | null;
  vanity_name_servers?: string[] | null;
  meta?: { phishing_detected?: boolean | null; [key: string]: unknown } | null;
}

export interface CloudflareDnsRecord {
  id: string;
  zone_id?: string | null;
  zone_name?: string | null;
  name: string;
  type: string;
  content?: string | null;
  ttl?: number | null;
  proxied?: boolean | null;
  proxiable?: boolean | null;
  priority?: number | null;
  comment?: string | null;
  tags?: string[] | null;
  data?: Record<string, unknown> | null;
  created_on?: string | null;
  modified_on?: string | null;
  meta?: Record<string, unknown> | null;
}

/** One zone setting (docs/cloudflare-facts.md#zone-settings): `value` is a string for most, an object for security_header. */
export interface CloudflareZoneSetting {
  id: string;
  value?: unknown;
  editable?: boolean | null;
  modified_on?: string | null;
}

/** GET /zones/{id}/dnssec (docs/cloudflare-facts.md#dnssec); most fields are null when DNSSEC is off. */
export interface CloudflareDnssec {
  status?: string | null;
  algorithm?: string | null;
  modified_on?: string | null;
}

/**
 * What the client needs of a logger: pacing and retry notices (info, warn)
 * and one debug line per request. The SDK's IntegrationLogger satisfies it;
 * so does a plain writer (the governance CLI's stderr).
 */
export interface ClientLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  debug?(fields: Record<string, unknown>, message: string): void;
}
