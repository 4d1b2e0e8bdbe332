/**
 * Shapes of the Zero Trust users-and-devices answers (docs/cloudflare-facts.md#zero-trust-users,
 * #devices, #gateway-locations). Only the fields we read are typed; nearly all may be null,
 * and enums are open strings.
 */

/** GET /accounts/{id}/access/users (docs/cloudflare-facts.md#zero-trust-users). */
export interface CloudflareAccessUser {
  id: string;
  uid?: string | null;
  seat_uid?: string | null;
  email?: string | null;
  name?: string | null;
  access_seat?: boolean | null;
  gateway_seat?: boolean | null;
  active_device_count?: number | null;
  last_successful_login?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface CloudflareDeviceUser {
  id?: string | null;
  email?: string | null;
  name?: string | null;
}

/** GET /accounts/{id}/devices/physical-devices (docs/cloudflare-facts.md#devices), cursor-paged. */
export interface CloudflarePhysicalDevice {
  id: string;
  name?: string | null;
  active_registrations?: number | null;
  created_at?: string | null;
  updated_at?: string | null;
  last_seen_at?: string | null;
  deleted_at?: string | null;
  client_version?: string | null;
  /** windows | mac | linux | android | ios | chromeos (open). */
  device_type?: string | null;
  hardware_id?: string | null;
  os_version?: string | null;
  os_version_extra?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  serial_number?: string | null;
  mac_address?: string | null;
  tags?: Record<string, string> | null;
  last_seen_user?: CloudflareDeviceUser | null;
}

/** GET /accounts/{id}/devices/registrations (docs/cloudflare-facts.md#devices), cursor-paged, status=all. */
export interface CloudflareDeviceRegistration {
  id: string;
  created_at?: string | null;
  updated_at?: string | null;
  last_seen_at?: string | null;
  deleted_at?: string | null;
  revoked_at?: string | null;
  device?: { id?: string | null; name?: string | null; client_version?: string | null } | null;
  user?: CloudflareDeviceUser | null;
}

/** GET /accounts/{id}/devices (docs/cloudflare-facts.md#devices): deprecated, one registration per item. */
export interface CloudflareLegacyDevice {
  /** The registration id. */
  id: string;
  name?: string | null;
  device_type?: string | null;
  os_version?: string | null;
  os_version_extra?: string | null;
  os_distro_name?: string | null;
  os_distro_revision?: string | null;
  model?: string | null;
  manufacturer?: string | null;
  serial_number?: string | null;
  mac_address?: string | null;
  ip?: string | null;
  /** WARP client version. */
  version?: string | null;
  created?: string | null;
  updated?: string | null;
  last_seen?: string | null;
  revoked_at?: string | null;
  deleted?: boolean | null;
  user?: CloudflareDeviceUser | null;
}

/** GET /accounts/{id}/devices/posture (docs/cloudflare-facts.md#device-posture-rules). */
export interface CloudflareDevicePostureRule {
  id: string;
  name?: string | null;
  description?: string | null;
  type?: string | null;
  schedule?: string | null;
  expiration?: string | null;
  enabled?: boolean | null;
  match?: Array<{ platform?: string | null } | null> | null;
  /** The check itself; its keys depend on `type` (os_version: operating_system, operator, version; ...). */
  input?: Record<string, unknown> | null;
}

/** The networks (CIDRs) allowed to use one endpoint of a location; empty or absent: any. */
export type EndpointNetworks = Array<{ network?: string | null } | null> | null;

/** GET /accounts/{id}/gateway/locations (docs/cloudflare-facts.md#gateway-locations). */
export interface CloudflareGatewayLocation {
  id: string;
  name?: string | null;
  client_default?: boolean | null;
  created_at?: string | null;
  updated_at?: string | null;
  doh_subdomain?: string | null;
  ecs_support?: boolean | null;
  /** IPv6 address of the location. */
  ip?: string | null;
  ipv4_destination?: string | null;
  networks?: Array<{ network?: string | null } | null> | null;
  endpoints?: {
    doh?: { enabled?: boolean | null; require_token?: boolean | null; networks?: EndpointNetworks } | null;
    dot?: { enabled?: boolean | null; networks?: EndpointNetworks } | null;
    ipv4?: { enabled?: boolean | null } | null;
    ipv6?: { enabled?: boolean | null; networks?: EndpointNetworks } | null;
  } | null;
}
