/**
 * API token objects of GET /accounts/{id}/tokens and GET /user/tokens (docs/cloudflare-facts.md#api-tokens).
 * Only the fields we read; the secret value is never returned by a listing,
 * and the converter copies fields one by one so nothing unknown is stored.
 */

export interface CloudflareTokenPermissionGroup {
  id?: string | null;
  name?: string | null;
}

/**
 * Resource key → `"*"` (or another grant string), or a nested map for an
 * account: `{ "com.cloudflare.api.account.<id>": { "com.cloudflare.api.account.zone.<zid>": "*" } }`.
 */
export type CloudflareTokenResources = Record<string, unknown>;

export interface CloudflareTokenPolicy {
  id?: string | null;
  effect?: string | null; // allow | deny
  permission_groups?: Array<CloudflareTokenPermissionGroup | null> | null;
  resources?: CloudflareTokenResources | null;
}

export interface CloudflareApiToken {
  id: string;
  name?: string | null;
  status?: string | null; // active | disabled | expired
  issued_on?: string | null;
  modified_on?: string | null;
  last_used_on?: string | null;
  not_before?: string | null;
  expires_on?: string | null;
  condition?: {
    request_ip?: { in?: string[] | null; not_in?: string[] | null } | null;
  } | null;
  policies?: Array<CloudflareTokenPolicy | null> | null;
  // Cloudflare's token objects name no creator: there is no creator field to read.
}
