import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { CloudflareDnsRecord } from '../../client/types';
import { Entities } from '../../constants';
import { toEpochMs } from '../../util/time';

export function dnsRecordKey(recordId: string): string {
  return `${Entities.DNS_RECORD._type}:${recordId}`;
}

/**
 * The zone HAS record relationship's key. The job state keeps every key for
 * the whole run, one such relationship per record, and the SDK's default
 * (`<zone key>|has|<record key>`) is 111 characters. A record belongs to
 * exactly one zone and record ids are unique, so `<record id>|zone` (37) is
 * as unique: 7 MB less live heap per 100,000 records, measured (README,
 * Performance).
 */
export function zoneHasRecordKey(recordId: string): string {
  return `${recordId}|zone`;
}

/** The JupiterOne data model's DomainRecord `type` vocabulary (data-model 0.54). */
const DATA_MODEL_RECORD_TYPES = new Set([
  'A', 'AAAA', 'ALIAS', 'CAA', 'CERT', 'CNAME', 'DNSKEY', 'DS', 'LOC', 'MX', 'NX', 'NS',
  'NAPTR', 'PTR', 'SMIMEA', 'SOA', 'SPF', 'SRV', 'SSHFP', 'TLSA', 'TXT', 'URI',
]);

/**
 * The data model lacks HTTPS and SVCB (RFC 9460), and `j1-integration collect`
 * rejects a DomainRecord whose `type` is outside its list. SVCB and HTTPS are
 * service-binding records, the successors of SRV, so `type` says SRV for
 * them; `recordType` always carries Cloudflare's exact type, and is what
 * queries should use.
 */
export function dataModelRecordType(cloudflareType: string): string {
  if (DATA_MODEL_RECORD_TYPES.has(cloudflareType)) return cloudflareType;
  return 'SRV';
}

export function createDnsRecordEntity(zoneId: string, record: CloudflareDnsRecord): Entity {
  // Records are the bulk of the graph: every property here costs memory and
  // time 100,000 times over (README, Performance). So: no `_rawData` (every
  // API field we keep is below), no duplicated values, strings shared with the
  // parsed response rather than built per record.
  const entity = createIntegrationEntity({
    entityData: {
      source: {},
      assign: {
        _key: dnsRecordKey(record.id),
        _type: Entities.DNS_RECORD._type,
        _class: Entities.DNS_RECORD._class,
        id: record.id,
        zoneId,
        name: record.name,
        displayName: record.name,
        type: dataModelRecordType(record.type),
        recordType: record.type,
        value: record.content ?? undefined,
        // 1 means "automatic" in Cloudflare: kept as-is, and said by ttlAutomatic.
        TTL: record.ttl ?? 1,
        ttlAutomatic: typeof record.ttl === 'number' ? record.ttl === 1 : undefined,
        proxied: record.proxied ?? undefined,
        proxiable: record.proxiable ?? undefined,
        locked: record.locked ?? undefined,
        priority: record.priority ?? undefined,
        comment: record.comment || undefined,
        createdOn: toEpochMs(record.created_on),
        updatedOn: toEpochMs(record.modified_on),
      },
    },
  });
  if (record.tags?.length) entity.tags = record.tags;
  return entity;
}
