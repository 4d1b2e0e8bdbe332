import { IntegrationStep, IntegrationStepExecutionContext } from '@jupiterone/integration-sdk-core';
import { getCloudflareClient } from '../../client';
import { IntegrationConfig, parseConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { addNewEntities, addNewRelationships } from '../../util/addNew';
import { forEachIsolated } from '../../util/forEachIsolated';
import { relationshipBetween } from '../../util/relationships';
import { zoneKey } from '../zones/converter';
import { createDnsRecordEntity, zoneHasRecordKey } from './converter';

interface ZoneRef {
  id: string;
  accountId: string;
}

export async function fetchDnsRecords(context: IntegrationStepExecutionContext<IntegrationConfig>): Promise<void> {
  const { jobState, logger } = context;
  const client = getCloudflareClient(context);
  // Zone ids only (two short strings per zone), not the zone entities.
  const zones: ZoneRef[] = [];
  await jobState.iterateEntities({ _type: Entities.DNS_ZONE._type }, (zone) => {
    zones.push({ id: zone.id as string, accountId: zone.accountId as string });
  });

  const perAccount = new Map<string, { records: number; repeated: number; zones: number }>();
  // Zones run concurrently; the shared limiter paces the requests.
  await forEachIsolated(
    zones,
    { concurrency: parseConfig(context.instance.config).maxConcurrentRequests, logger, describe: (z) => `DNS records of zone ${z.id}` },
    async (zone) => {
      const counts = perAccount.get(zone.accountId) ?? { records: 0, repeated: 0, zones: 0 };
      perAccount.set(zone.accountId, counts);
      await client.iterateDnsRecords(zone.id, async (records) => {
        const entities = records.map((record) => createDnsRecordEntity(zone.id, record));
        const skipped = await addNewEntities(jobState, entities);
        await addNewRelationships(
          jobState,
          records.map((record, i) =>
            relationshipBetween(Relationships.ZONE_HAS_RECORD, zoneKey(zone.id), entities[i]._key, zoneHasRecordKey(record.id)),
          ),
        );
        counts.records += records.length - skipped;
        counts.repeated += skipped;
      });
      counts.zones++;
    },
  ).finally(() => {
    for (const [accountId, counts] of perAccount) {
      logger.info(
        { accountId, ...counts },
        `Collected ${counts.records} DNS records from ${counts.zones} zones of account ${accountId}` +
          (counts.repeated ? ` (skipped ${counts.repeated} repeated across pages)` : ''),
      );
    }
  });
}

export const dnsRecordSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.DNS_RECORDS,
    name: 'Fetch DNS Records',
    entities: [Entities.DNS_RECORD],
    relationships: [Relationships.ZONE_HAS_RECORD],
    dependsOn: [Steps.ZONES],
    executionHandler: fetchDnsRecords,
  },
];
