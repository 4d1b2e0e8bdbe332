import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { DNS_RECORD_TYPES, realisticDataset, SIM_TOKENS, tinyDataset } from '../../../test/simulator';
import { COM_ZONE, NET_ZONE } from '../../../test/fixtures';

const zone = (id: string) => `cloudflare_dns_zone:${id}`;
const record = (id: string) => `cloudflare_dns_record:${id}`;

const TINY_RECORDS: Record<string, { zone: string; type: string; recordType: string; name: string; TTL: number }> = {
  d9983d591a5a553d06a9f6d20adf518c: { zone: COM_ZONE, type: 'A', recordType: 'A', name: 'example.com', TTL: 1 },
  '5b5df35fa7878e7c5cb924e5ab9e26b4': {
    zone: COM_ZONE,
    type: 'AAAA',
    recordType: 'AAAA',
    name: 'example.com',
    TTL: 3600,
  },
  '50cd1e190274a78cc3811ea3d52642b1': {
    zone: COM_ZONE,
    type: 'CNAME',
    recordType: 'CNAME',
    name: 'www.example.com',
    TTL: 1,
  },
  '59dd6b990193dba53d142c86829f3a5f': { zone: COM_ZONE, type: 'MX', recordType: 'MX', name: 'example.com', TTL: 300 },
  f63f69e85786c4122a10a148d39fca5e: { zone: NET_ZONE, type: 'TXT', recordType: 'TXT', name: 'example.net', TTL: 86400 },
  '706715db63d1f8b0c4c6252b3961afe3': {
    zone: NET_ZONE,
    type: 'SRV',
    recordType: 'HTTPS',
    name: 'example.net',
    TTL: 300,
  },
};

const startRecording = useRecordings();

describe('fetch-dns-records, tiny dataset', () => {
  const tiny = useSimulator(tinyDataset);

  test('six records, each linked to its zone', async () => {
    startRecording({ directory: __dirname, name: 'fetch-dns-records-tiny' });
    const result = await executeStepWithDependencies({
      stepId: Steps.DNS_RECORDS,
      invocationConfig,
      instanceConfig: tiny.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.DNS_RECORDS));
    expect(keysOf(result.collectedEntities)).toEqual(Object.keys(TINY_RECORDS).map(record).sort());
    for (const entity of result.collectedEntities) {
      const expected = TINY_RECORDS[entity.id as string];
      expect(entity).toMatchObject({
        zoneId: expected.zone,
        type: expected.type,
        recordType: expected.recordType,
        name: expected.name,
        TTL: expected.TTL,
      });
    }
    const byType = Object.fromEntries(result.collectedEntities.map((e) => [e.recordType, e]));
    expect(byType['MX']).toMatchObject({ priority: 10, value: 'mx1.mail.example.net' });
    expect(byType['A']).toMatchObject({ value: '192.0.2.10', proxied: true });
    expect(byType['TXT']).toMatchObject({
      tags: ['owner:platform', 'env:prod'],
      comment: 'SPF policy; owned by the platform team',
    });

    expect(result.collectedRelationships).toHaveLength(6);
    expect(edgesOf(result.collectedRelationships, Relationships.ZONE_HAS_RECORD._type)).toEqual(
      Object.entries(TINY_RECORDS)
        .map(([id, r]) => `${zone(r.zone)} -> ${record(id)}`)
        .sort(),
    );
    // Keyed `<record id>|zone`, not the SDK's 111-character default (converter.ts).
    expect(keysOf(result.collectedRelationships)).toEqual(
      Object.keys(TINY_RECORDS)
        .map((id) => `${id}|zone`)
        .sort(),
    );
  });
});

describe('fetch-dns-records, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('every record type, the repeated record once, every record linked to its zone', async () => {
    startRecording({ directory: __dirname, name: 'fetch-dns-records-realistic' });
    const result = await executeStepWithDependencies({
      stepId: Steps.DNS_RECORDS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.DNS_RECORDS));
    expect(result.collectedEntities).toMatchGraphObjectSchema({ _class: Entities.DNS_RECORD._class });
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);

    // 486 records listed, one of them twice (acme-cdn.example, across the page boundary at 100).
    const dataset = realisticDataset();
    const cdn = dataset.zones.find((z) => z.name === 'acme-cdn.example')!;
    const cdnRecords = dataset.dnsRecordsByZone.get(cdn.id)!;
    expect(cdnRecords[100]).toBe(cdnRecords[99]);
    expect(result.collectedEntities).toHaveLength(485);
    expect(result.collectedEntities.filter((e) => e._key === record(cdnRecords[99].id))).toHaveLength(1);

    // Every Cloudflare record type appears; HTTPS and SVCB are SRV for the data model.
    const recordTypes = countBy(result.collectedEntities, (e) => e.recordType as string);
    expect(Object.keys(recordTypes).sort()).toEqual([...DNS_RECORD_TYPES].sort());
    for (const entity of result.collectedEntities) {
      const cloudflareType = entity.recordType as string;
      expect(entity.type).toBe(cloudflareType === 'HTTPS' || cloudflareType === 'SVCB' ? 'SRV' : cloudflareType);
    }

    // Against the dataset: each record from its own zone.
    const expectedEdges = new Set<string>();
    for (const [zoneId, records] of dataset.dnsRecordsByZone) {
      for (const r of records) expectedEdges.add(`${zone(zoneId)} -> ${record(r.id)}`);
    }
    expect(expectedEdges.size).toBe(485);
    expect(edgesOf(result.collectedRelationships, Relationships.ZONE_HAS_RECORD._type)).toEqual(
      [...expectedEdges].sort(),
    );
    expect(result.collectedRelationships).toHaveLength(485);
    for (const entity of result.collectedEntities) {
      expect(dataset.dnsRecordsByZone.get(entity.zoneId as string)!.some((r) => r.id === entity.id)).toBe(true);
    }
  });
});

describe('fetch-dns-records: requests and errors (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);
  // Zone security settings (two requests per zone, fetch-zones) are off: these tests count DNS requests.
  const config = (overrides: Partial<IntegrationConfig> = {}) =>
    realistic.config({ ingestZoneSettings: 'false', ...overrides });

  test('one records page per zone (per_page 5000), empty zones included', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.DNS_RECORDS,
      invocationConfig,
      instanceConfig: config(),
    });
    expect(result.collectedEntities).toHaveLength(485);
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /zones': 4,
      'GET /zones/:id/dns_records': 64,
    });
  });

  test('without DNS Read the step fails with an authorization error naming "DNS Read"', async () => {
    const promise = executeStepWithDependencies({
      stepId: Steps.DNS_RECORDS,
      invocationConfig,
      instanceConfig: config({ apiToken: SIM_TOKENS.noDnsRead }),
    });
    await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAuthorizationError);
    await expect(promise).rejects.toThrow('"DNS Read"');
    await expect(promise).rejects.not.toThrow(SIM_TOKENS.noDnsRead);
    // Zones are listed; the zones already under way when the first 403 came
    // (MAX_CONCURRENT_REQUESTS = 8) are tried once each, with no retry on
    // 403, and none of the other 56 is started: the permission is missing.
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /zones': 4,
      'GET /zones/:id/dns_records': 8,
    });
    await expect(promise).rejects.toThrow('(56 of 64 not attempted)');
  });
});
