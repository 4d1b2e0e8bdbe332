import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { ingestionSourceOf } from '../../areas';
import { Entities, Relationships, Steps } from '../../constants';
import { relationshipBetween } from '../../util/relationships';
import { runStep, StepContext } from '../common/StepRun';
import { collectedZones } from '../common/ZoneRefusals';
import { zoneKey } from '../zones/converter';
import { createZoneSettingsEntity } from './converter';
import { ZonePostureReader } from './securityPosture';

/**
 * Each zone's security settings and DNSSEC status (2 requests per zone), as a
 * settings entity beside the zone. It runs at the same time as
 * fetch-dns-records and shares the run's request slots, so its requests fill
 * the gaps while the records are converted. A zone whose settings and DNSSEC
 * were both refused or unreadable gets no settings entity.
 */
export async function fetchZoneSettings(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const zones = await collectedZones(run.jobState);
    const reader = new ZonePostureReader(run);
    const tally = run.tally('zone settings');
    await run
      .forEach(
        zones,
        (zone) => `security settings of zone ${zone.id} (${zone.name})`,
        async (zone) => {
          const posture = await reader.read(zone.accountId, zone.id, zone.name);
          if (Object.values(posture).every((value) => value === undefined)) return;
          const entity = createZoneSettingsEntity(zone, posture);
          await run.add(
            [entity],
            [relationshipBetween(Relationships.ZONE_HAS_SETTINGS, zoneKey(zone.id), entity._key)],
          );
          tally.added++;
        },
      )
      .finally(() => reader.report());
  });
}

export const zoneSettingsSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ZONE_SETTINGS,
    name: 'Fetch Zone Security Settings',
    entities: [Entities.ZONE_SETTINGS],
    relationships: [Relationships.ZONE_HAS_SETTINGS],
    dependsOn: [Steps.ZONES],
    ingestionSourceId: ingestionSourceOf(Steps.ZONE_SETTINGS),
    executionHandler: fetchZoneSettings,
  },
];
