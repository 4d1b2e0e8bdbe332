import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { CloudflareDnsRecord } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { runOf } from '../../execution';
import { relationshipBetween } from '../../util/relationships';
import { Progress } from '../common/Progress';
import { runStep, StepContext } from '../common/StepRun';
import { collectedZones, ZoneRefusals } from '../common/ZoneRefusals';
import { zoneKey } from '../zones/converter';
import { createDnsRecordEntity, dataModelRecordType, zoneHasRecordKey } from './converter';

export async function fetchDnsRecords(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const zones = await collectedZones(run.jobState);
    const progress = new Progress(
      run.logger,
      runOf(context).transport.limiter,
      'DNS records',
      zones.map((zone) => zone.accountId),
    );
    const mappedTypes = new Set<string>();
    // A 403 on one zone's records costs that zone alone (a token may read some zones only).
    const refusals = new ZoneRefusals(run, {
      endpoint: 'dnsRecords',
      what: 'DNS records',
      consequence:
        "Every other zone's DNS records are collected; these types are reported partial, so JupiterOne keeps their previous data.",
      partial: true,
    });

    await run
      .forEach(
        zones,
        (zone) => `DNS records of zone ${zone.id} (${zone.name})`,
        async (zone) => {
          await refusals.read(zone, () =>
            run.collect<CloudflareDnsRecord>({
              endpoint: 'dnsRecords',
              params: { zoneId: zone.id },
              scope: `zone ${zone.id} (${zone.name})`,
              what: 'DNS records',
              describe: (record) => `record ${record?.id}`,
              convert: (record) => {
                const entity = createDnsRecordEntity(zone.id, record);
                if (entity.type !== record.type) mappedTypes.add(record.type);
                const edge = relationshipBetween(
                  Relationships.ZONE_HAS_RECORD,
                  zoneKey(zone.id),
                  entity._key,
                  zoneHasRecordKey(record.id),
                );
                return { entities: [entity], relationships: [edge] };
              },
              onAdded: (added) => progress.add(zone.accountId, added),
            }),
          );
          progress.unitDone(zone.accountId);
        },
      )
      .finally(() => {
        refusals.report();
        progress.summarize();
        for (const type of mappedTypes) {
          run.logger.info(
            `DNS record type ${type} is not in the JupiterOne data model's list: collected with type ${dataModelRecordType(type)}, and recordType ${type}`,
          );
        }
      });
  });
}

export const dnsRecordSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.DNS_RECORDS,
    name: 'Fetch DNS Records',
    entities: [Entities.DNS_RECORD],
    relationships: [Relationships.ZONE_HAS_RECORD],
    dependsOn: [Steps.ZONES],
    ingestionSourceId: ingestionSourceOf(Steps.DNS_RECORDS),
    executionHandler: fetchDnsRecords,
  },
];
