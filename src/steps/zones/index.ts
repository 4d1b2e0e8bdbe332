import { IntegrationStep, IntegrationStepExecutionContext } from '@jupiterone/integration-sdk-core';
import { getCloudflareClient } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { forEachCollectedAccount } from '../../util/accounts';
import { addNewEntities, addNewRelationships } from '../../util/addNew';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { createZoneEntity } from './converter';

export async function fetchZones(context: IntegrationStepExecutionContext<IntegrationConfig>): Promise<void> {
  const { jobState, logger } = context;
  const client = getCloudflareClient(context);
  await forEachCollectedAccount(context, 'zones', async (accountId) => {
    let added = 0;
    let repeated = 0;
    await client.iterateZones(accountId, async (zones) => {
      const entities = zones.map((zone) => {
        if (zone.account?.id && zone.account.id !== accountId) {
          logger.warn({ accountId, zoneId: zone.id }, `Zone ${zone.id} listed for account ${accountId} names account ${zone.account.id}; linking it to ${accountId}, the account filter used`);
        }
        return createZoneEntity(accountId, zone);
      });
      const skipped = await addNewEntities(jobState, entities);
      await addNewRelationships(
        jobState,
        entities.map((zone) => relationshipBetween(Relationships.ACCOUNT_HAS_ZONE, accountKey(accountId), zone._key)),
      );
      added += zones.length - skipped;
      repeated += skipped;
    });
    logger.info({ accountId, zones: added, repeated }, `Collected ${added} zones for account ${accountId}`);
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
