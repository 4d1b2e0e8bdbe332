import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { CloudflareZone } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { runStep, StepContext } from '../common/StepRun';
import { createZoneEntity } from './converter';

export async function fetchZones(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    await run.forEachAccount('zones', (accountId) =>
      run.collect<CloudflareZone>({
        endpoint: 'zones',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'zones',
        describe: (zone) => `zone ${zone?.id}`,
        convert: (zone) => {
          if (zone.account?.id && zone.account.id !== accountId) {
            run.logger.warn(
              { accountId, zoneId: zone.id },
              `Zone ${zone.id} listed for account ${accountId} names account ${zone.account.id}; linking it to ${accountId}, the account filter used`,
            );
          }
          const entity = createZoneEntity(accountId, zone);
          return {
            entities: [entity],
            relationships: [relationshipBetween(Relationships.ACCOUNT_HAS_ZONE, accountKey(accountId), entity._key)],
          };
        },
      }),
    );
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
