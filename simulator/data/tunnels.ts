/**
 * Builder for Cloudflare Tunnels (docs/cloudflare-facts.md#cloudflare-tunnels): a
 * tunnel as the list answers it and its connectors as the connections
 * endpoint answers them, from one description so the two agree.
 */
import type { SimTunnel, SimTunnelClient, SimTunnelConnection, SimTunnelStatus } from '../types';
import { uuidId } from './random';

export interface TunnelConnectorSpec {
  version: string;
  arch: string;
  originIp: string;
  /** One connection per data center; each may be pending reconnect (disconnected, still tracked). */
  colos: Array<string | { colo: string; pendingReconnect: true }>;
  runAt: string;
}

export interface TunnelSpec {
  accountId: string;
  name: string;
  status: SimTunnelStatus;
  createdAt: string;
  deletedAt?: string;
  connsActiveAt?: string;
  connsInactiveAt?: string;
  configSrc: 'local' | 'cloudflare';
  connectors?: TunnelConnectorSpec[];
  /**
   * False: the list entry's (deprecated) `connections` is empty although the
   * tunnel has some, as Cloudflare says it will become; the connections
   * endpoint still has them. Default true.
   */
  listsConnections?: boolean;
}

export function buildTunnel(s: TunnelSpec): { tunnel: SimTunnel; clients: SimTunnelClient[] } {
  const id = uuidId('tunnel', s.accountId, s.name);
  const clients = (s.connectors ?? []).map((c, i): SimTunnelClient => {
    const clientId = uuidId('tunnel-connector', id, i);
    const conns = c.colos.map((entry, j): SimTunnelConnection => {
      const colo = typeof entry === 'string' ? entry : entry.colo;
      const connId = uuidId('tunnel-connection', clientId, j);
      return {
        id: connId,
        client_id: clientId,
        client_version: c.version,
        colo_name: colo,
        is_pending_reconnect: typeof entry !== 'string',
        opened_at: c.runAt,
        origin_ip: c.originIp,
        uuid: connId,
      };
    });
    return {
      id: clientId,
      arch: c.arch,
      config_version: 3,
      conns,
      features: ['ha-origin'],
      run_at: c.runAt,
      version: c.version,
    };
  });
  const tunnel: SimTunnel = {
    id,
    account_tag: s.accountId,
    name: s.name,
    status: s.status,
    created_at: s.createdAt,
    deleted_at: s.deletedAt ?? null,
    conns_active_at: s.connsActiveAt ?? null,
    conns_inactive_at: s.connsInactiveAt ?? null,
    config_src: s.configSrc,
    remote_config: s.configSrc === 'cloudflare',
    connections: s.listsConnections === false ? [] : clients.flatMap((c) => c.conns),
    tun_type: 'cfd_tunnel',
    metadata: {},
  };
  return { tunnel, clients };
}
