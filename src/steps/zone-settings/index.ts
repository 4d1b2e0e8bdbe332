import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { StepContext } from '../shared/StepRun';

/**
 * The zone-settings area's own step. The settings go on the zone entity,
 * which cannot change once added, so fetch-zones reads them (when this area
 * is on) before adding each zone; this step reports how many zones carry
 * them. It exists so that the area has a step: JupiterOne offers a source
 * switch only for a source some step names (j1-integration
 * generate-ingestion-sources-config skips the others), and a switched-off
 * area then shows as this step disabled, with its reason.
 */
export async function reportZoneSettings(context: StepContext): Promise<void> {
  let zones = 0;
  let withSettings = 0;
  let withDnssec = 0;
  await context.jobState.iterateEntities({ _type: Entities.DNS_ZONE._type }, (zone) => {
    zones++;
    if (zone.sslMode !== undefined) withSettings++;
    if (zone.dnssecStatus !== undefined) withDnssec++;
  });
  context.logger.info(
    `Zone security settings are on ${withSettings} of ${zones} zones and DNSSEC status on ${withDnssec} (read by fetch-zones, on each zone entity).`,
  );
}

export const zoneSettingsSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ZONE_SETTINGS,
    name: 'Report Zone Security Settings',
    entities: [],
    relationships: [],
    dependsOn: [Steps.ZONES],
    ingestionSourceId: ingestionSourceOf(Steps.ZONE_SETTINGS),
    executionHandler: reportZoneSettings,
  },
];
