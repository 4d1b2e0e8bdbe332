import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { runStep, StepContext } from '../common/StepRun';
import { CloudflareDevicePostureRule } from '../common/zeroTrustTypes';
import { createDevicePostureRuleEntity } from './converter';

export async function fetchDevicePostureRules(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccountInArea({ what: 'device posture rules', endpoints: ['devicePostureRules'] }, (accountId) =>
      run.collect<CloudflareDevicePostureRule>({
        endpoint: 'devicePostureRules',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'device posture rules',
        describe: (rule) => `device posture rule ${rule?.id}`,
        convert: (rule) => {
          const entity = createDevicePostureRuleEntity(accountId, rule);
          return {
            entities: [entity],
            relationships: [
              relationshipBetween(Relationships.ACCOUNT_HAS_DEVICE_POSTURE_RULE, accountKey(accountId), entity._key),
            ],
          };
        },
      }),
    ),
  );
}

export const devicePostureRuleSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.DEVICE_POSTURE_RULES,
    name: 'Fetch Device Posture Rules',
    entities: [Entities.DEVICE_POSTURE_RULE],
    relationships: [Relationships.ACCOUNT_HAS_DEVICE_POSTURE_RULE],
    dependsOn: [Steps.ACCOUNTS],
    ingestionSourceId: ingestionSourceOf(Steps.DEVICE_POSTURE_RULES),
    executionHandler: fetchDevicePostureRules,
  },
];
