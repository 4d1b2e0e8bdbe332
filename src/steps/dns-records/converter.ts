import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { CloudflareDnsRecord } from '../../client/types';
import { Entities } from '../../constants';
import { toEpochMs } from '../../util/time';
import { required } from '../common/required';

export function dnsRecordKey(recordId: string): string {
  return `${Entities.DNS_RECORD._type}:${recordId}`;
}

/**
 * The zone HAS record relationship's key. The job state keeps every key for
 * the whole run, one such relationship per record, and the SDK's default
 * (`<zone key>|has|<record key>`) is 111 characters. A record belongs to
 * exactly one zone and record ids are unique, so `<record id>|zone` (37) is
 * as unique: 7 MB less live heap per 100,000 records, measured
 * (docs/benchmarks.md).
 */
export function zoneHasRecordKey(recordId: string): string {
  return `${recordId}|zone`;
}

/** The JupiterOne data model's DomainRecord `type` vocabulary (data-model 0.54). */
const DATA_MODEL_RECORD_TYPES = new Set([
  'A',
  'AAAA',
  'ALIAS',
  'CAA',
  'CERT',
  'CNAME',
  'DNSKEY',
  'DS',
  'LOC',
  'MX',
  'NX',
  'NS',
  'NAPTR',
  'PTR',
  'SMIMEA',
  'SOA',
  'SPF',
  'SRV',
  'SSHFP',
  'TLSA',
  'TXT',
  'URI',
]);

/**
 * Types Cloudflare serves (or may serve) that the data model's list lacks,
 * each mapped to the listed type closest in purpose. `recordType` always
 * keeps Cloudflare's exact type, and is what queries should use.
 * - HTTPS, SVCB (RFC 9460): service-binding records, the successors of SRV.
 * - OPENPGPKEY (RFC 7929): publishes an OpenPGP public key, as CERT records
 *   of type PGP do (RFC 4398).
 * - CDS, CDNSKEY (RFC 7344): the child's copies of its DS and DNSKEY records.
 */
const RECORD_TYPE_STAND_INS: Readonly<Record<string, string>> = {
  HTTPS: 'SRV',
  SVCB: 'SRV',
  OPENPGPKEY: 'CERT',
  CDS: 'DS',
  CDNSKEY: 'DNSKEY',
};

/**
 * Any other type (one Cloudflare adds later) is TXT: opaque data is all we
 * can say of it, and TXT is the data model's generic record. The step logs
 * every type it had to map.
 */
const UNKNOWN_RECORD_TYPE_STAND_IN = 'TXT';

/** The data model's `type` for a Cloudflare record type (see above). */
export function dataModelRecordType(cloudflareType: string): string {
  if (DATA_MODEL_RECORD_TYPES.has(cloudflareType)) return cloudflareType;
  return RECORD_TYPE_STAND_INS[cloudflareType] ?? UNKNOWN_RECORD_TYPE_STAND_IN;
}

export function createDnsRecordEntity(zoneId: string, record: CloudflareDnsRecord): Entity {
  // Records are the bulk of the graph: every property here costs memory and
  // time 100,000 times over (docs/benchmarks.md). So: no `_rawData` (every
  // API field we keep is below), no duplicated values, strings shared with the
  // parsed response rather than built per record.
  const entity = createIntegrationEntity({
    entityData: {
      source: {},
      assign: {
        _key: dnsRecordKey(required(record.id, 'id')),
        _type: Entities.DNS_RECORD._type,
        _class: Entities.DNS_RECORD._class,
        id: record.id,
        zoneId,
        name: required(record.name, 'name'),
        displayName: record.name,
        type: dataModelRecordType(required(record.type, 'type')),
        recordType: record.type,
        value: record.content ?? undefined,
        // 1 means "automatic" in Cloudflare: kept as-is, and said by ttlAutomatic.
        TTL: record.ttl ?? 1,
        ttlAutomatic: typeof record.ttl === 'number' ? record.ttl === 1 : undefined,
        proxied: record.proxied ?? undefined,
        proxiable: record.proxiable ?? undefined,
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
