/**
 * Shapes of the Cloudflare v4 API objects this integration reads.
 *
 * Only the fields we use are typed; Cloudflare adds fields over time and many
 * are nullable (see ../shared/cloudflare-api.md §5). Enums are open strings on
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
  /** Cursor style (§2.1): the next page's cursor; empty or absent at the end. */
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
    api_access_enabled?: boolean | null;
    [key: string]: unknown;
  } | null;
  managed_by?: { parent_org_id?: string; parent_org_name?: string } | null;
}

/** Permission flags per area; real responses use {read, edit, ...}. */
export type CloudflareRolePermissions = Record<string, Record<string, boolean | undefined>>;

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
  api_access_enabled?: boolean | null;
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
  locked?: boolean | null;
  priority?: number | null;
  comment?: string | null;
  tags?: string[] | null;
  data?: Record<string, unknown> | null;
  created_on?: string | null;
  modified_on?: string | null;
  meta?: Record<string, unknown> | null;
}
