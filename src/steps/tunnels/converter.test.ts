import { Entities } from '../../constants';
import { connectionsOfClients, createTunnelEntity, needsConnectionLookup, tunnelKey } from './converter';
import { CloudflareTunnel, CloudflareTunnelConnection } from './types';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const ID = 'f70ff985-a4ef-4643-bbbc-4a0ed4fc8415';

const connection = (over: Partial<CloudflareTunnelConnection>): CloudflareTunnelConnection => ({
  id: '1bedc50d-42b3-473c-b108-ff3d10c0d925',
  client_id: '1bedc50d-42b3-473c-b108-ff3d10c0d926',
  client_version: '2025.8.0',
  colo_name: 'ams01',
  is_pending_reconnect: false,
  opened_at: '2025-11-30T06:12:44Z',
  origin_ip: '203.0.113.10',
  ...over,
});

describe('createTunnelEntity', () => {
  test('every field: status and activity, times, configuration source, connections summarised', () => {
    const tunnel: CloudflareTunnel = {
      id: ID,
      account_tag: ACCOUNT,
      name: ' hq-web ',
      status: 'healthy',
      created_at: '2024-02-10T09:00:00Z',
      deleted_at: null,
      conns_active_at: '2025-11-30T06:12:44.123456Z',
      conns_inactive_at: null,
      config_src: 'cloudflare',
      remote_config: true,
      tun_type: 'cfd_tunnel',
      metadata: {},
    };
    const connections = [
      connection({}),
      connection({ colo_name: 'ams01', client_version: '2025.8.0' }),
      connection({ client_id: 'other', origin_ip: '198.51.100.1', colo_name: 'lhr01', client_version: '2024.2.1' }),
      connection({ colo_name: 'fra08', is_pending_reconnect: true, origin_ip: null }),
    ];
    const entity = createTunnelEntity(ACCOUNT, tunnel, connections);
    expect(entity).toEqual({
      _key: `cloudflare_tunnel:${ID}`,
      _type: 'cloudflare_tunnel',
      _class: ['NetworkEndpoint'],
      id: ID,
      accountId: ACCOUNT,
      name: 'hq-web',
      displayName: 'hq-web',
      status: 'healthy',
      active: true,
      tunnelType: 'cfd_tunnel',
      configSource: 'cloudflare',
      remoteConfig: true,
      createdOn: Date.parse('2024-02-10T09:00:00Z'),
      deleted: false,
      connectionsActiveOn: Date.parse('2025-11-30T06:12:44.123Z'),
      // Three serving, one pending reconnect (counted in origins, data centers and versions all the same).
      connectionCount: 3,
      connectorCount: 2,
      origins: ['198.51.100.1', '203.0.113.10'],
      coloNames: ['ams01', 'fra08', 'lhr01'],
      clientVersions: ['2024.2.1', '2025.8.0'],
      _rawData: [{ name: 'default', rawData: tunnel }],
    });
    expect(tunnelKey(ID)).toBe(entity._key);
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.TUNNEL._class });
  });

  test('a deleted tunnel is flagged with its deletion time; a tunnel never run is inactive and not active', () => {
    const deleted = createTunnelEntity(
      ACCOUNT,
      { id: ID, name: 'old-vpn', status: 'down', deleted_at: '2024-03-01T17:45:00Z', config_src: 'local' },
      [],
    );
    expect(deleted).toMatchObject({
      deleted: true,
      deletedOn: Date.parse('2024-03-01T17:45:00Z'),
      active: false,
      remoteConfig: false,
      connectionCount: 0,
      origins: [],
    });
    expect(createTunnelEntity(ACCOUNT, { id: ID, status: 'inactive' }, [])).toMatchObject({ active: false });
  });

  test('odd shapes are kept: null name and fields, an unknown status, connections that could not be read', () => {
    const entity = createTunnelEntity(
      ACCOUNT,
      { id: ID, name: null, status: 'rebalancing', created_at: null, config_src: null, remote_config: null },
      undefined,
    );
    expect(entity).toMatchObject({ id: ID, name: ID, displayName: ID, status: 'rebalancing', deleted: false });
    // An unknown status says nothing about activity; unread connections are not "none".
    for (const property of ['active', 'remoteConfig', 'createdOn', 'connectionCount', 'origins', 'coloNames']) {
      expect(entity[property]).toBeUndefined();
    }
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.TUNNEL._class });
  });

  test('a tunnel without an id cannot be converted (the step skips it with a warning)', () => {
    expect(() => createTunnelEntity(ACCOUNT, { id: null, name: 'x' }, [])).toThrow('its id is null');
  });
});

describe('needsConnectionLookup', () => {
  test('only a connected tunnel, not deleted, whose list entry lists no connection', () => {
    expect(needsConnectionLookup({ id: ID, status: 'healthy', connections: [] })).toBe(true);
    expect(needsConnectionLookup({ id: ID, status: 'degraded', connections: [null] })).toBe(true);
    expect(needsConnectionLookup({ id: ID, status: 'degraded' })).toBe(true);
    expect(needsConnectionLookup({ id: ID, status: 'healthy', connections: [connection({})] })).toBe(false);
    expect(needsConnectionLookup({ id: ID, status: 'down', connections: [] })).toBe(false);
    expect(needsConnectionLookup({ id: ID, status: 'inactive' })).toBe(false);
    expect(needsConnectionLookup({ id: ID, status: 'healthy', deleted_at: '2024-01-01T00:00:00Z' })).toBe(false);
  });
});

describe('connectionsOfClients', () => {
  test('each connection knows its connector and version, from the connector when it does not say; nulls skipped', () => {
    expect(
      connectionsOfClients([
        {
          id: 'connector-1',
          version: '2024.2.1',
          conns: [{ colo_name: 'fra02', origin_ip: '198.51.100.7' }, null],
        },
        null,
        { id: 'connector-2', version: '2025.1.0', conns: [connection({ client_id: 'c', client_version: '2025.1.1' })] },
        { id: 'connector-3', conns: null },
      ]),
    ).toEqual([
      { colo_name: 'fra02', origin_ip: '198.51.100.7', client_id: 'connector-1', client_version: '2024.2.1' },
      connection({ client_id: 'c', client_version: '2025.1.1' }),
    ]);
  });
});
