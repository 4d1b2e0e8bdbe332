import { Entities } from '../../constants';
import { CloudflareGatewayLocation } from '../common/zeroTrustTypes';
import { createGatewayLocationEntity, gatewayLocationKey } from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';

describe('createGatewayLocationEntity', () => {
  test('every field: networks as CIDR strings, endpoint switches as booleans', () => {
    const location: CloudflareGatewayLocation = {
      id: 'ed35569b41ce4d1facfe683550f54086',
      name: 'HQ office',
      client_default: true,
      created_at: '2023-03-01T00:00:00Z',
      updated_at: '2024-03-01T00:00:00.000001Z',
      doh_subdomain: 'oli3n9zkz5',
      ecs_support: false,
      ip: '2001:db8::1',
      ipv4_destination: '172.64.36.1',
      networks: [{ network: '192.0.2.0/24' }, null, { network: '198.51.100.0/24' }],
      endpoints: {
        doh: { enabled: true, require_token: true, networks: [{ network: '192.0.2.0/24' }, null] },
        dot: { enabled: false, networks: [] },
        ipv4: { enabled: true },
        ipv6: { enabled: null },
      },
    };
    const entity = createGatewayLocationEntity(ACCOUNT, location);
    expect(entity).toEqual({
      _key: 'cloudflare_gateway_location:ed35569b41ce4d1facfe683550f54086',
      _type: 'cloudflare_gateway_location',
      _class: ['Site'],
      id: 'ed35569b41ce4d1facfe683550f54086',
      accountId: ACCOUNT,
      name: 'HQ office',
      displayName: 'HQ office',
      clientDefault: true,
      dohSubdomain: 'oli3n9zkz5',
      ecsSupport: false,
      ipv4Destination: '172.64.36.1',
      ipv6: '2001:db8::1',
      networks: ['192.0.2.0/24', '198.51.100.0/24'],
      dohEnabled: true,
      dohRequireToken: true,
      dohNetworks: ['192.0.2.0/24'],
      dotNetworks: [],
      dotEnabled: false,
      ipv4Enabled: true,
      createdOn: Date.parse('2023-03-01T00:00:00Z'),
      updatedOn: Date.parse('2024-03-01T00:00:00Z'),
      _rawData: [{ name: 'default', rawData: location }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.GATEWAY_LOCATION._class });
  });

  test('an older location without endpoints or networks', () => {
    const location: CloudflareGatewayLocation = { id: 'ed35569b41ce4d1facfe683550f54087', name: null, networks: null };
    const entity = createGatewayLocationEntity(ACCOUNT, location);
    expect(entity).toEqual({
      _key: 'cloudflare_gateway_location:ed35569b41ce4d1facfe683550f54087',
      _type: 'cloudflare_gateway_location',
      _class: ['Site'],
      id: 'ed35569b41ce4d1facfe683550f54087',
      accountId: ACCOUNT,
      name: 'ed35569b41ce4d1facfe683550f54087',
      displayName: 'ed35569b41ce4d1facfe683550f54087',
      networks: [],
      _rawData: [{ name: 'default', rawData: location }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.GATEWAY_LOCATION._class });
    expect(gatewayLocationKey('abc')).toBe('cloudflare_gateway_location:abc');
  });
});
