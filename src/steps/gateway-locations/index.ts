import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { runStep, StepContext } from '../common/StepRun';
import { CloudflareGatewayLocation } from '../common/zeroTrustTypes';
import { createGatewayLocationEntity } from './converter';

export async function fetchGatewayLocations(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccountInArea({ what: 'Gateway locations', endpoints: ['gatewayLocations'] }, (accountId) =>
      run.collect<CloudflareGatewayLocation>({
        endpoint: 'gatewayLocations',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'Gateway locations',
        describe: (location) => `Gateway location ${location?.id}`,
        convert: (location) => {
          const entity = createGatewayLocationEntity(accountId, location);
          return {
            entities: [entity],
            relationships: [
              relationshipBetween(Relationships.ACCOUNT_HAS_GATEWAY_LOCATION, accountKey(accountId), entity._key),
            ],
          };
        },
      }),
    ),
  );
}

export const gatewayLocationSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.GATEWAY_LOCATIONS,
    name: 'Fetch Gateway Locations',
    entities: [Entities.GATEWAY_LOCATION],
    relationships: [Relationships.ACCOUNT_HAS_GATEWAY_LOCATION],
    dependsOn: [Steps.ACCOUNTS],
    ingestionSourceId: ingestionSourceOf(Steps.GATEWAY_LOCATIONS),
    executionHandler: fetchGatewayLocations,
  },
];
