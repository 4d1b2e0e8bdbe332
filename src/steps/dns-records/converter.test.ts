import { CloudflareDnsRecord } from '../../client/types';
import { Entities } from '../../constants';
import { DNS_RECORD_TYPES, realisticDataset, tinyDataset } from '../../../simulator';
import { createDnsRecordEntity, dataModelRecordType, dnsRecordKey, zoneHasRecordKey } from './converter';
import { COM_ZONE, NET_ZONE } from '../../../test/fixtures';

function tinyRecord(zoneId: string, type: string): CloudflareDnsRecord {
  const record = tinyDataset()
    .dnsRecordsByZone.get(zoneId)!
    .find((r) => r.type === type);
  if (!record) throw new Error(`tiny dataset has no ${type} record in zone ${zoneId}`);
  return record;
}

/** Every record of the realistic dataset with its zone id (the one repeated record once). */
function realisticRecords(): Array<{ zoneId: string; record: CloudflareDnsRecord }> {
  const out = new Map<string, { zoneId: string; record: CloudflareDnsRecord }>();
  for (const [zoneId, records] of realisticDataset().dnsRecordsByZone) {
    for (const record of records) out.set(record.id, { zoneId, record });
  }
  return [...out.values()];
}

const TINY_CREATED = Date.UTC(2020, 3, 26, 1, 25, 0);
const TINY_MODIFIED = Date.UTC(2021, 6, 5, 14, 3, 11, 920);

describe('dnsRecordKey', () => {
  test('is keyed by record id', () => {
    expect(dnsRecordKey('d9983d591a5a553d06a9f6d20adf518c')).toBe(
      'cloudflare_dns_record:d9983d591a5a553d06a9f6d20adf518c',
    );
  });
});

describe('zoneHasRecordKey', () => {
  test('is the record id and "|zone": one zone per record, and short (the job state holds it all run)', () => {
    expect(zoneHasRecordKey('d9983d591a5a553d06a9f6d20adf518c')).toBe('d9983d591a5a553d06a9f6d20adf518c|zone');
  });
});

describe('dataModelRecordType', () => {
  test('data-model types pass through; HTTPS and SVCB become SRV', () => {
    expect(dataModelRecordType('A')).toBe('A');
    expect(dataModelRecordType('MX')).toBe('MX');
    expect(dataModelRecordType('DNSKEY')).toBe('DNSKEY');
    expect(dataModelRecordType('HTTPS')).toBe('SRV');
    expect(dataModelRecordType('SVCB')).toBe('SRV');
  });
});

describe('createDnsRecordEntity', () => {
  test('a proxied A record: TTL 1 (Cloudflare automatic) is kept as 1', () => {
    const record = tinyRecord(COM_ZONE, 'A');
    const entity = createDnsRecordEntity(COM_ZONE, record);
    expect(entity).toEqual({
      _key: 'cloudflare_dns_record:d9983d591a5a553d06a9f6d20adf518c',
      _type: 'cloudflare_dns_record',
      _class: ['DomainRecord'],
      id: 'd9983d591a5a553d06a9f6d20adf518c',
      zoneId: COM_ZONE,
      name: 'example.com',
      displayName: 'example.com',
      type: 'A',
      recordType: 'A',
      value: '192.0.2.10',
      TTL: 1,
      ttlAutomatic: true,
      proxied: true,
      proxiable: true,
      createdOn: TINY_CREATED,
      updatedOn: TINY_MODIFIED,
      _rawData: [],
    });
    expect(entity.tags).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_RECORD._class });
  });

  test('an MX record keeps its priority and its TTL', () => {
    const entity = createDnsRecordEntity(COM_ZONE, tinyRecord(COM_ZONE, 'MX'));
    expect(entity).toEqual({
      _key: 'cloudflare_dns_record:59dd6b990193dba53d142c86829f3a5f',
      _type: 'cloudflare_dns_record',
      _class: ['DomainRecord'],
      id: '59dd6b990193dba53d142c86829f3a5f',
      zoneId: COM_ZONE,
      name: 'example.com',
      displayName: 'example.com',
      type: 'MX',
      recordType: 'MX',
      value: 'mx1.mail.example.net',
      TTL: 300,
      ttlAutomatic: false,
      proxied: false,
      proxiable: false,
      priority: 10,
      createdOn: TINY_CREATED,
      updatedOn: TINY_MODIFIED,
      _rawData: [],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_RECORD._class });
  });

  test('a TXT record keeps its comment and its tags as `tags`', () => {
    const entity = createDnsRecordEntity(NET_ZONE, tinyRecord(NET_ZONE, 'TXT'));
    expect(entity).toEqual({
      _key: 'cloudflare_dns_record:f63f69e85786c4122a10a148d39fca5e',
      _type: 'cloudflare_dns_record',
      _class: ['DomainRecord'],
      id: 'f63f69e85786c4122a10a148d39fca5e',
      zoneId: NET_ZONE,
      name: 'example.net',
      displayName: 'example.net',
      type: 'TXT',
      recordType: 'TXT',
      value: '"v=spf1 include:_spf.mail.example.net ~all"',
      TTL: 86400,
      ttlAutomatic: false,
      proxied: false,
      proxiable: false,
      comment: 'SPF policy; owned by the platform team',
      createdOn: TINY_CREATED,
      updatedOn: Date.UTC(2023, 1, 17, 8, 41, 2),
      tags: ['owner:platform', 'env:prod'],
      _rawData: [],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_RECORD._class });
  });

  test('an HTTPS record: type SRV for the data model, recordType HTTPS', () => {
    const entity = createDnsRecordEntity(NET_ZONE, tinyRecord(NET_ZONE, 'HTTPS'));
    expect(entity).toEqual({
      _key: 'cloudflare_dns_record:706715db63d1f8b0c4c6252b3961afe3',
      _type: 'cloudflare_dns_record',
      _class: ['DomainRecord'],
      id: '706715db63d1f8b0c4c6252b3961afe3',
      zoneId: NET_ZONE,
      name: 'example.net',
      displayName: 'example.net',
      type: 'SRV',
      recordType: 'HTTPS',
      value: '1 . alpn="h3,h2" ipv4hint="192.0.2.1"',
      TTL: 300,
      ttlAutomatic: false,
      proxied: false,
      proxiable: false,
      createdOn: TINY_CREATED,
      updatedOn: TINY_MODIFIED,
      _rawData: [],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_RECORD._class });
  });

  test('an SVCB record: type SRV, recordType SVCB', () => {
    const { zoneId, record } = realisticRecords().find((r) => r.record.type === 'SVCB')!;
    const entity = createDnsRecordEntity(zoneId, record);
    expect(entity).toMatchObject({
      _key: `cloudflare_dns_record:${record.id}`,
      type: 'SRV',
      recordType: 'SVCB',
      displayName: record.name,
      value: record.content,
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DNS_RECORD._class });
  });

  test('every record type of the realistic dataset passes the DomainRecord schema', () => {
    const records = realisticRecords();
    const types = new Set(records.map((r) => r.record.type));
    expect([...types].sort()).toEqual([...DNS_RECORD_TYPES].sort());
    for (const type of DNS_RECORD_TYPES) {
      const entities = records
        .filter((r) => r.record.type === type)
        .map((r) => createDnsRecordEntity(r.zoneId, r.record));
      expect(entities.length).toBeGreaterThan(0);
      expect(entities).toMatchGraphObjectSchema({ _class: Entities.DNS_RECORD._class });
      for (const entity of entities) {
        expect(entity.recordType).toBe(type);
        expect(entity.type).toBe(type === 'HTTPS' || type === 'SVCB' ? 'SRV' : type);
      }
    }
  });

  test('over the realistic dataset: TTL (1 = automatic), value, priority, comment and tags carried over', () => {
    const ttls = new Set<number>();
    for (const { zoneId, record } of realisticRecords()) {
      const entity = createDnsRecordEntity(zoneId, record);
      expect(entity.TTL).toBe(record.ttl);
      ttls.add(entity.TTL as number);
      expect(entity.value).toBe(record.content);
      expect(entity.priority).toBe(record.priority ?? undefined);
      expect(entity.tags).toEqual(record.tags?.length ? record.tags : undefined);
      expect(entity.comment).toBe(record.comment ?? undefined);
    }
    expect(ttls.has(1)).toBe(true);
  });

  test('a minimal record: no ttl gives TTL 1 (Cloudflare automatic); optional fields absent', () => {
    const record: CloudflareDnsRecord = {
      id: '0123456789abcdef0123456789abcdef',
      name: 'a.example',
      type: 'A',
      content: '192.0.2.1',
    };
    expect(createDnsRecordEntity(COM_ZONE, record)).toEqual({
      _key: 'cloudflare_dns_record:0123456789abcdef0123456789abcdef',
      _type: 'cloudflare_dns_record',
      _class: ['DomainRecord'],
      id: '0123456789abcdef0123456789abcdef',
      zoneId: COM_ZONE,
      name: 'a.example',
      displayName: 'a.example',
      type: 'A',
      recordType: 'A',
      value: '192.0.2.1',
      // No ttl from the API: TTL (required by the data model) says 1, but
      // ttlAutomatic stays unset rather than claiming what we were not told.
      TTL: 1,
      _rawData: [],
    });
  });
});
