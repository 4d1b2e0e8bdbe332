import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { AccessDataKeys, GroupRuleData, ruleSetData } from '../common/accessRules';
import { CloudflareAccessGroup } from '../common/accessTypes';
import { runStep, StepContext } from '../common/StepRun';
import { createAccessGroupEntity } from './converter';

export async function fetchAccessGroups(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccountInArea({ what: 'Access groups', endpoints: ['accessGroups'] }, async (accountId) => {
      const groups: GroupRuleData = {};
      try {
        await run.collect<CloudflareAccessGroup>({
          endpoint: 'accessGroups',
          params: { accountId },
          scope: `account ${accountId}`,
          what: 'Access groups',
          describe: (group) => `group ${group?.id}`,
          convert: (group) => {
            const entity = createAccessGroupEntity(accountId, group);
            groups[group.id] = ruleSetData(group);
            return {
              entities: [entity],
              relationships: [
                relationshipBetween(Relationships.ACCOUNT_HAS_ACCESS_GROUP, accountKey(accountId), entity._key),
              ],
            };
          },
        });
      } finally {
        if (Object.keys(groups).length > 0) await run.jobState.setData(AccessDataKeys.groups(accountId), groups);
      }
    }),
  );
}

export const accessGroupSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCESS_GROUPS,
    name: 'Fetch Access Groups',
    entities: [Entities.ACCESS_GROUP],
    relationships: [Relationships.ACCOUNT_HAS_ACCESS_GROUP],
    dependsOn: [Steps.ACCOUNTS],
    ingestionSourceId: ingestionSourceOf(Steps.ACCESS_GROUPS),
    executionHandler: fetchAccessGroups,
  },
];
