import { IntegrationProviderAuthenticationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Endpoints } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { DNS_RECORD_TYPES, realisticDataset, SIM_TOKENS, tinyDataset } from '../../../simulator';
import { ACME_CDN_ZONE, ACME_CORP, ACME_LABS, COM_ZONE, NET_ZONE, SANDBOX } from '../../../test/fixtures';
import { fetchAccounts } from '../accounts';
import { IncompleteCollectionError } from '../common/StepRun';
import { fetchZones } from '../zones';
import { fetchDnsRecords } from '.';

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
  // One test changes a token's status in place (and restores it).
  const data = realisticDataset();
  const realistic = useSimulator(() => data);
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

  test('without DNS Read: at most 3 refused requests per account, one warning each, the types partial', async () => {
    const { entities, warnings, events, error } = await collectDns(config({ apiToken: SIM_TOKENS.noDnsRead }));
    expect(entities).toEqual([]);
    // Acme Corp (58 zones) and Acme Labs (4, one internal): the first 3 zones each, refused, conclude; Sandbox has only 2 zones.
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /zones': 4,
      'GET /zones/:id/dns_records': 3 + 3 + 2,
    });
    const data = realisticDataset();
    const zonesOf = (accountId: string) => data.zones.filter((z) => z.account.id === accountId);
    const corp = zonesOf(ACME_CORP);
    const labs = zonesOf(ACME_LABS);
    const sandbox = zonesOf(SANDBOX);
    const cause = (zoneId: string) =>
      `Provider authorization failed at GET /zones/${zoneId}/dns_records${FIRST_PAGE}: 403 Forbidden (Cloudflare error 10000 ` +
      'Authentication error). The token may not read this resource: grant the token the "DNS Read" permission ' +
      '(Cloudflare dashboard > API Tokens > Edit).';
    const firstThree = (zones: typeof corp) =>
      zones
        .slice(0, 3)
        .map((z) => z.name)
        .join(', ');
    const grant = `Grant the token "DNS Read" for this account's zones (Cloudflare dashboard > API Tokens > Edit).`;
    const expected = [
      `DNS records of account ${ACME_CORP} are left out: the token may not read them in this account. The first 3 ` +
        `zones asked were refused (${firstThree(corp)}) and none answered, so the other 55 were not asked. ` +
        `${grant} ${CONSEQUENCE} (${cause(corp[0].id)})`,
      `DNS records of account ${ACME_LABS} are left out: the token may not read them in this account. The first 3 ` +
        `zones asked were refused (${firstThree(labs)}) and none answered, so the other zone was not asked. ` +
        `${grant} ${CONSEQUENCE} (${cause(labs[0].id)})`,
      `DNS records of 2 zones of account ${SANDBOX} are left out: the token may not read them there ` +
        `(${sandbox.map((z) => z.name).join(', ')}). Grant the token "DNS Read" on those zones (Cloudflare ` +
        `dashboard > API Tokens > Edit). ${CONSEQUENCE} (${cause(sandbox[0].id)})`,
    ];
    expect(warnings).toEqual(expected);
    expect(events).toEqual(expected.map((description) => ({ name: 'permission_missing', description })));
    expect(error).toBeInstanceOf(IncompleteCollectionError);
    expect((error as IncompleteCollectionError).problems).toEqual([
      `DNS records of account ${ACME_CORP}: the token may not read them ("DNS Read"); 3 zones refused, 55 not asked`,
      `DNS records of account ${ACME_LABS}: the token may not read them ("DNS Read"); 3 zones refused, 1 not asked`,
      `DNS records of 2 zones of account ${SANDBOX} were refused (403)`,
    ]);
    expect(JSON.stringify({ warnings, error: String(error) })).not.toContain(SIM_TOKENS.noDnsRead);
  });

  test('a rejected token (403 9109 "Invalid access token") still stops every zone', async () => {
    // Valid while zones are listed, then revoked: every later request would fail the same way.
    const user = data.tokens.find((t) => t.value === SIM_TOKENS.user)!;
    const { error } = await collectDns(config(), () => (user.status = 'disabled')).finally(
      () => (user.status = 'active'),
    );
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    // The requests under way when the first answer came (MAX_CONCURRENT_REQUESTS = 16), none after.
    expect(realistic.sim.stats.byRoute['GET /zones/:id/dns_records']).toBe(16);
    expect(String((error as Error).message)).toContain(
      `(${data.zones.length - 16} of ${data.zones.length} not attempted)`,
    );
  });
});

describe('fetch-dns-records: a token that may read DNS in some zones only (live simulator)', () => {
  const data = realisticDataset();
  const refused = data.zones.find((z) => z.id === ACME_CDN_ZONE)!;
  const token = data.tokens.find((t) => t.value === SIM_TOKENS.user)!;
  token.zonesOnly = { dns_read: data.zones.filter((z) => z !== refused).map((z) => z.id) };
  const scoped = useSimulator(() => data);

  test("a 403 on one zone costs that zone alone: every other zone's records exact, one warning, types partial", async () => {
    const { entities, relationships, warnings, events, error } = await collectDns(
      scoped.config({ ingestZoneSettings: 'false' }),
    );
    // One request per zone, the refused one included, none repeated.
    expect(scoped.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /zones': 4,
      'GET /zones/:id/dns_records': data.zones.length,
    });
    const expectedRecords = new Map<string, string>();
    for (const [zoneId, records] of data.dnsRecordsByZone) {
      if (zoneId !== refused.id) for (const r of records) expectedRecords.set(r.id, zoneId);
    }
    expect(expectedRecords.size).toBe(485 - 260);
    expect(keysOf(entities)).toEqual([...expectedRecords.keys()].map(record).sort());
    for (const entity of entities) expect(entity.zoneId).toBe(expectedRecords.get(entity.id as string));
    expect(edgesOf(relationships, Relationships.ZONE_HAS_RECORD._type)).toEqual(
      [...expectedRecords].map(([id, zoneId]) => `${zone(zoneId)} -> ${record(id)}`).sort(),
    );
    expect(relationships).toHaveLength(expectedRecords.size);
    const warning =
      `DNS records of 1 zone of account ${ACME_CORP} are left out: the token may not read them there ` +
      `(acme-cdn.example). Grant the token "DNS Read" on that zone (Cloudflare dashboard > API Tokens > Edit). ` +
      `${CONSEQUENCE} (Provider authorization failed at GET /zones/${refused.id}/dns_records${FIRST_PAGE}: 403 Forbidden ` +
      '(Cloudflare error 10000 Authentication error). The token may not read this resource: grant the token the ' +
      '"DNS Read" permission (Cloudflare dashboard > API Tokens > Edit).)';
    expect(warnings).toEqual([warning]);
    expect(events).toEqual([{ name: 'permission_missing', description: warning }]);
    expect(error).toBeInstanceOf(IncompleteCollectionError);
    expect((error as IncompleteCollectionError).problems).toEqual([
      `DNS records of 1 zone of account ${ACME_CORP} were refused (403)`,
    ]);
  });

  test('the first three zones of an account refused: the rest of the account is skipped (documented trade-off)', async () => {
    const saved = token.zonesOnly;
    const corp = data.zones.filter((z) => z.account.id === ACME_CORP);
    // DNS Read on every zone but Acme Corp's first three (in listing order).
    token.zonesOnly = { dns_read: data.zones.filter((z) => !corp.slice(0, 3).includes(z)).map((z) => z.id) };
    try {
      const { entities, error } = await collectDns(scoped.config({ ingestZoneSettings: 'false' }));
      expect(scoped.sim.stats.byRoute['GET /zones/:id/dns_records']).toBe(3 + 4 + 2);
      expect(new Set(entities.map((e) => e.zoneId)).size).toBe(4 + 2 - 1);
      expect((error as IncompleteCollectionError).problems).toEqual([
        `DNS records of account ${ACME_CORP}: the token may not read them ("DNS Read"); 3 zones refused, 55 not asked`,
      ]);
    } finally {
      token.zonesOnly = saved;
    }
  });
});

/** The query of the one request per zone, as errors name it. */
const FIRST_PAGE = `?page=1&per_page=${Endpoints.dnsRecords.pageSize}`;
const CONSEQUENCE =
  "Every other zone's DNS records are collected; these types are reported partial, so JupiterOne keeps their previous data.";

/**
 * fetch-zones then fetch-dns-records in one mock context, warnings and
 * events of fetch-dns-records captured; `between` runs between the two.
 */
async function collectDns(instanceConfig: IntegrationConfig, between?: () => void) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig });
  await fetchAccounts(context);
  await fetchZones(context);
  const zonesAndAccounts = context.jobState.collectedEntities.length;
  between?.();
  const warn = jest.spyOn(context.logger, 'warn');
  const publish = jest.spyOn(context.logger, 'publishEvent');
  let error: unknown;
  await fetchDnsRecords(context).catch((err) => (error = err));
  return {
    entities: context.jobState.collectedEntities.slice(zonesAndAccounts),
    relationships: context.jobState.collectedRelationships.filter(
      (r) => r._type === Relationships.ZONE_HAS_RECORD._type,
    ),
    // Warnings with a field object first: (fields, text); "Collection failed" lines are (text) only.
    warnings: warn.mock.calls.map((call) => String(call.length > 1 ? call[1] : call[0])),
    events: publish.mock.calls.map((call) => ({ name: call[0].name, description: call[0].description })),
    error,
  };
}
