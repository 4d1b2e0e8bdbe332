import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { toEpochMs } from '../../util/time';
import { required } from '../common/required';
import { CloudflareTunnel, CloudflareTunnelClient, CloudflareTunnelConnection } from './types';

export function tunnelKey(tunnelId: string): string {
  return `${Entities.TUNNEL._type}:${tunnelId}`;
}

/** Statuses in which the tunnel has connections and serves traffic. */
const SERVING = new Set(['healthy', 'degraded']);

/**
 * True when the tunnel has connections but its list entry lists none:
 * Cloudflare has deprecated the list's `connections` in favour of the
 * connections endpoint, so they are read from there.
 */
export function needsConnectionLookup(tunnel: CloudflareTunnel): boolean {
  return !tunnel.deleted_at && SERVING.has(String(tunnel.status)) && !tunnel.connections?.some(Boolean);
}

/** The connections endpoint's connectors, as the list's flat connections (each knows its connector). */
export function connectionsOfClients(clients: Array<CloudflareTunnelClient | null>): CloudflareTunnelConnection[] {
  return clients.flatMap((client) =>
    (client?.conns ?? [])
      .filter((conn): conn is CloudflareTunnelConnection => Boolean(conn))
      .map((conn) => ({
        ...conn,
        client_id: conn.client_id ?? client?.id,
        client_version: conn.client_version ?? client?.version,
      })),
  );
}

/** Distinct non-empty values, sorted. */
function distinct(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
}

function remoteConfig(tunnel: CloudflareTunnel): boolean | undefined {
  if (typeof tunnel.remote_config === 'boolean') return tunnel.remote_config;
  if (tunnel.config_src === 'cloudflare') return true;
  if (tunnel.config_src === 'local') return false;
  return undefined;
}

/**
 * One tunnel. `connections` are the list entry's own, or those the
 * connections endpoint gave, or undefined when they could not be read (the
 * connection properties are then left out rather than reported as none).
 */
export function createTunnelEntity(
  accountId: string,
  tunnel: CloudflareTunnel,
  connections: CloudflareTunnelConnection[] | undefined,
): Entity {
  const id = required(tunnel.id, 'id');
  const name = tunnel.name?.trim() || id;
  const status = tunnel.status ?? undefined;
  const known = status === 'inactive' || status === 'down' || SERVING.has(String(status));
  const serving = connections?.filter((c) => c.is_pending_reconnect !== true);
  return createIntegrationEntity({
    entityData: {
      source: tunnel,
      assign: {
        _key: tunnelKey(id),
        _type: Entities.TUNNEL._type,
        _class: Entities.TUNNEL._class,
        id,
        accountId,
        name,
        displayName: name,
        status,
        // healthy or degraded: connected and serving traffic; an unknown status says nothing.
        active: known ? SERVING.has(String(status)) : undefined,
        tunnelType: tunnel.tun_type ?? undefined,
        configSource: tunnel.config_src ?? undefined,
        remoteConfig: remoteConfig(tunnel),
        createdOn: toEpochMs(tunnel.created_at),
        deleted: Boolean(tunnel.deleted_at),
        deletedOn: toEpochMs(tunnel.deleted_at),
        connectionsActiveOn: toEpochMs(tunnel.conns_active_at),
        connectionsInactiveOn: toEpochMs(tunnel.conns_inactive_at),
        // Connections serving traffic (a disconnected one is tracked a few minutes as pending reconnect).
        connectionCount: serving?.length,
        connectorCount: connections && distinct(connections.map((c) => c.client_id)).length,
        origins: connections && distinct(connections.map((c) => c.origin_ip)),
        coloNames: connections && distinct(connections.map((c) => c.colo_name)),
        clientVersions: connections && distinct(connections.map((c) => c.client_version)),
      },
    },
  });
}
