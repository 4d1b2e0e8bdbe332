import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { CloudflareZone } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { areaIsOn } from '../shared/areaIsOn';
import { runStep, StepContext } from '../shared/StepRun';
import { createZoneEntity, zoneKey } from './converter';
import { ZonePosture, ZonePostureReader } from './securityPosture';

/**
 * Zone security settings go on the zone entity, which cannot change once
 * added, so this step reads them (when the zone-settings area is on) before
 * adding each page of zones.
 */
function zoneSettingsOn(context: StepContext): boolean {
  return areaIsOn(context, 'zoneSettings');
}

export async function fetchZones(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const posture = zoneSettingsOn(context) ? new ZonePostureReader(run) : undefined;
    if (!posture) {
      run.logger.info(
        'Zone security settings are off (INGEST_ZONE_SETTINGS=false or the zone-settings source is disabled): zones are collected without them.',
      );
    }
    const postures = new Map<string, ZonePosture>();
    const listing = run.forEachAccount('zones', (accountId) =>
      run.collect<CloudflareZone>({
        endpoint: 'zones',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'zones',
        describe: (zone) => `zone ${zone?.id}`,
        prepare: posture
          ? (zones) =>
              run.forEach(
                // A zone repeated within or across pages is read once.
                [
                  ...new Map(zones.filter((zone) => typeof zone?.id === 'string').map((z) => [z.id, z])).values(),
                ].filter((zone) => !postures.has(zone.id) && run.jobState.hasKey(zoneKey(zone.id)) !== true),
                (zone) => `security settings of zone ${zone.id}`,
                async (zone) => postures.set(zone.id, await posture.read(accountId, zone.id, zone.name)),
              )
          : undefined,
        convert: (zone) => {
          if (zone.account?.id && zone.account.id !== accountId) {
            run.logger.warn(
              { accountId, zoneId: zone.id },
              `Zone ${zone.id} listed for account ${accountId} names account ${zone.account.id}; linking it to ${accountId}, the account filter used`,
            );
          }
          const entity = createZoneEntity(accountId, zone, postures.get(zone.id));
          postures.delete(zone.id);
          return {
            entities: [entity],
            relationships: [relationshipBetween(Relationships.ACCOUNT_HAS_ZONE, accountKey(accountId), entity._key)],
          };
        },
      }),
    );
    await (posture ? listing.finally(() => posture.report()) : listing);
  });
}

export const zoneSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ZONES,
    name: 'Fetch Zones',
    entities: [Entities.DNS_ZONE],
    relationships: [Relationships.ACCOUNT_HAS_ZONE],
    dependsOn: [Steps.ACCOUNTS],
    executionHandler: fetchZones,
  },
];
