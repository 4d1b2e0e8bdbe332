import { CloudflareZone } from '../../client/types';
import { Entities } from '../../constants';
import { realisticDataset, tinyDataset } from '../../../simulator';
import { createZoneEntity, zoneKey } from './converter';
import { TINY_ACCOUNT } from '../../../test/fixtures';

function realisticZone(name: string): CloudflareZone {
  const zone = realisticDataset().zones.find((z) => z.name === name);
  if (!zone) throw new Error(`realistic dataset has no zone ${name}`);
  return zone;
}

describe('zoneKey', () => {
  test('is keyed by zone id', () => {
    expect(zoneKey('117e94fa2983f4823beed0d08f3a0d39')).toBe('cloudflare_dns_zone:117e94fa2983f4823beed0d08f3a0d39');
  });
});

describe('createZoneEntity', () => {
  test('an active zone', () => {
    const zone = tinyDataset().zones[0];
    const entity = createZoneEntity(TINY_ACCOUNT, zone);
    expect(entity).toEqual({
      _key: 'cloudflare_dns_zone:117e94fa2983f4823beed0d08f3a0d39',
      _type: 'cloudflare_dns_zone',
      _class: ['DomainZone'],
      id: '117e94fa2983f4823beed0d08f3a0d39',
      accountId: TINY_ACCOUNT,
      name: 'example.com',
      displayName: 'example.com',
      domainName: 'example.com',
      status: 'active',
      active: true,
      paused: false,
      phishingDetected: false,
      type: 'full',
      plan: 'Pro Website',
      planId: zone.plan!.id,
      developmentMode: false,
      nameServers: ['ada.ns.cloudflare.com', 'hank.ns.cloudflare.com'],
      originalNameServers: ['ns1.registrar-dns.example.net', 'ns2.registrar-dns.example.net'],
      originalRegistrar: 'example registrar, inc.',
      originalDnsHost: 'Example DNS Host',
      createdOn: Date.UTC(2020, 3, 26, 1, 20, 3, 123),
      modifiedOn: Date.UTC(2023, 1, 17, 8, 40, 46, 435),
      updatedOn: Date.UTC(2023, 1, 17, 8, 40, 46, 435),
      activatedOn: Date.UTC(2020, 3, 26, 2, 1, 17, 441),
      webLink: `https://dash.cloudflare.com/${TINY_ACCOUNT}/example.com`,
      _rawData: [{ name: 'default', rawData: zone }],
    });
    expect(entity.unicodeDomainName).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_ZONE._class });
  });

  test('a pending zone with activated_on null and no original name servers', () => {
    const zone = tinyDataset().zones[1];
    const entity = createZoneEntity(TINY_ACCOUNT, zone);
    expect(entity).toEqual({
      _key: 'cloudflare_dns_zone:6442bb04190f885bb028e63b369538d5',
      _type: 'cloudflare_dns_zone',
      _class: ['DomainZone'],
      id: '6442bb04190f885bb028e63b369538d5',
      accountId: TINY_ACCOUNT,
      name: 'example.net',
      displayName: 'example.net',
      domainName: 'example.net',
      status: 'pending',
      active: false,
      paused: false,
      phishingDetected: false,
      type: 'partial',
      plan: 'Free Website',
      planId: '0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee',
      developmentMode: false,
      nameServers: ['bob.ns.cloudflare.com', 'ivan.ns.cloudflare.com'],
      createdOn: Date.UTC(2023, 1, 17, 8, 40, 46, 435),
      modifiedOn: Date.UTC(2023, 1, 17, 8, 40, 46, 435),
      updatedOn: Date.UTC(2023, 1, 17, 8, 40, 46, 435),
      webLink: `https://dash.cloudflare.com/${TINY_ACCOUNT}/example.net`,
      _rawData: [{ name: 'default', rawData: zone }],
    });
    expect(entity.activatedOn).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_ZONE._class });
  });

  test.each([
    ['xn--mnchen-3ya.de', 'münchen.de'],
    ['xn--bcher-kva.example', 'bücher.example'],
    ['xn--e1afmkfd.example', 'пример.example'],
    ['xn--fiqs8s.example', '中国.example'],
  ])('IDN zone %s keeps punycode as name and adds %s', (name, unicode) => {
    const zone = realisticZone(name);
    const accountId = zone.account!.id;
    const entity = createZoneEntity(accountId, zone);
    expect(entity).toMatchObject({
      _key: `cloudflare_dns_zone:${zone.id}`,
      name,
      domainName: name,
      displayName: unicode,
      unicodeDomainName: unicode,
      webLink: `https://dash.cloudflare.com/${accountId}/${name}`,
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_ZONE._class });
  });

  test('an IDN zone, exactly', () => {
    const zone = realisticZone('xn--mnchen-3ya.de');
    const accountId = zone.account!.id;
    expect(createZoneEntity(accountId, zone)).toEqual({
      _key: `cloudflare_dns_zone:${zone.id}`,
      _type: 'cloudflare_dns_zone',
      _class: ['DomainZone'],
      id: zone.id,
      accountId,
      name: 'xn--mnchen-3ya.de',
      displayName: 'münchen.de',
      domainName: 'xn--mnchen-3ya.de',
      unicodeDomainName: 'münchen.de',
      status: 'active',
      active: true,
      paused: false,
      phishingDetected: false,
      type: 'full',
      plan: 'Pro Website',
      planId: zone.plan!.id,
      developmentMode: false,
      nameServers: zone.name_servers,
      originalNameServers: zone.original_name_servers ?? undefined,
      originalRegistrar: zone.original_registrar ?? undefined,
      createdOn: Date.parse(zone.created_on!),
      modifiedOn: Date.parse(zone.modified_on!),
      updatedOn: Date.parse(zone.modified_on!),
      activatedOn: Date.parse(zone.activated_on!),
      webLink: `https://dash.cloudflare.com/${accountId}/xn--mnchen-3ya.de`,
      _rawData: [{ name: 'default', rawData: zone }],
    });
  });

  test('a paused zone is not active even though its status is active', () => {
    const zone = realisticZone('acme-paused.example');
    expect(zone).toMatchObject({ status: 'active', paused: true });
    const entity = createZoneEntity(zone.account!.id, zone);
    expect(entity).toMatchObject({ status: 'active', paused: true, active: false, plan: 'Pro Website' });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_ZONE._class });
  });

  test.each(['moved', 'deactivated'])('a %s zone is inactive and keeps its status', (status) => {
    const zone = realisticDataset().zones.find((z) => z.status === status)!;
    expect(createZoneEntity(zone.account!.id, zone)).toMatchObject({ status, active: false });
  });

  test('links to the account it was listed for, and a secondary zone keeps its type', () => {
    const zone = realisticZone('acme-secondary.example');
    expect(createZoneEntity('0123456789abcdef0123456789abcdef', zone)).toMatchObject({
      accountId: '0123456789abcdef0123456789abcdef',
      type: 'secondary',
      plan: 'Enterprise Website',
    });
  });

  test('development mode on and vanity name servers', () => {
    const zone: CloudflareZone = {
      id: '0123456789abcdef0123456789abcdef',
      name: 'dev.example',
      development_mode: 7200,
      vanity_name_servers: ['ns1.dev.example'],
    };
    expect(createZoneEntity(TINY_ACCOUNT, zone)).toEqual({
      _key: 'cloudflare_dns_zone:0123456789abcdef0123456789abcdef',
      _type: 'cloudflare_dns_zone',
      _class: ['DomainZone'],
      id: '0123456789abcdef0123456789abcdef',
      accountId: TINY_ACCOUNT,
      name: 'dev.example',
      displayName: 'dev.example',
      domainName: 'dev.example',
      active: false,
      developmentMode: true,
      vanityNameServers: ['ns1.dev.example'],
      webLink: `https://dash.cloudflare.com/${TINY_ACCOUNT}/dev.example`,
      _rawData: [{ name: 'default', rawData: zone }],
    });
  });
});

describe('phishingDetected', () => {
  test("from Cloudflare's meta.phishing_detected; absent when Cloudflare sends no meta", () => {
    const zone: CloudflareZone = { id: '0123456789abcdef0123456789abcdef', name: 'phish.example' };
    expect(createZoneEntity(TINY_ACCOUNT, { ...zone, meta: { phishing_detected: true } }).phishingDetected).toBe(true);
    expect(createZoneEntity(TINY_ACCOUNT, { ...zone, meta: { phishing_detected: false } }).phishingDetected).toBe(
      false,
    );
    expect(createZoneEntity(TINY_ACCOUNT, zone).phishingDetected).toBeUndefined();
    expect(createZoneEntity(TINY_ACCOUNT, { ...zone, meta: {} }).phishingDetected).toBeUndefined();
  });
});
