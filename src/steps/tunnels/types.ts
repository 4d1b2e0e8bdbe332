/**
 * Cloudflare Tunnels as `GET /accounts/{account_id}/cfd_tunnel` and
 * `.../cfd_tunnel/{tunnel_id}/connections` answer
 * (https://developers.cloudflare.com/api/resources/zero_trust/subresources/tunnels/subresources/cloudflared/).
 * Every field optional or nullable, as the schema has them.
 */

/** One connection between a connector (cloudflared) and a Cloudflare data center. */
export interface CloudflareTunnelConnection {
  id?: string | null;
  /** The connector (cloudflared instance) that opened it. */
  client_id?: string | null;
  client_version?: string | null;
  colo_name?: string | null;
  /** Disconnected, still tracked for a few minutes; not serving traffic. */
  is_pending_reconnect?: boolean | null;
  opened_at?: string | null;
  /** The public IP address of the host running cloudflared. */
  origin_ip?: string | null;
  uuid?: string | null;
}

/** One connector of a tunnel (the connections endpoint's items). */
export interface CloudflareTunnelClient {
  id?: string | null;
  arch?: string | null;
  config_version?: number | null;
  conns?: Array<CloudflareTunnelConnection | null> | null;
  run_at?: string | null;
  version?: string | null;
}

export type CloudflareTunnelStatus = 'inactive' | 'degraded' | 'healthy' | 'down';

export interface CloudflareTunnel {
  id?: string | null;
  account_tag?: string | null;
  name?: string | null;
  /** inactive (never run), degraded, healthy, down (no connections). A string: new values are kept as sent. */
  status?: CloudflareTunnelStatus | string | null;
  created_at?: string | null;
  deleted_at?: string | null;
  /** When the tunnel last got a connection; null: inactive. */
  conns_active_at?: string | null;
  /** When the tunnel lost its last connection; null: active. */
  conns_inactive_at?: string | null;
  /** `cloudflare`: configured from the dashboard/API; `local`: from a file on the origin. */
  config_src?: 'local' | 'cloudflare' | string | null;
  /** Older form of config_src. */
  remote_config?: boolean | null;
  /** Deprecated by Cloudflare: "will start returning an empty array" (the connections endpoint has them). */
  connections?: Array<CloudflareTunnelConnection | null> | null;
  tun_type?: string | null;
  metadata?: unknown;
}
