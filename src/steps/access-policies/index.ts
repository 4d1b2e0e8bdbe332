import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { AccessDataKeys, GroupRuleData, includesEveryone, PolicyRuleDataMap, ruleSetData } from '../common/accessRules';
import { CloudflareAccessPolicy } from '../common/accessTypes';
import { runStep, StepContext } from '../common/StepRun';
import { createAccessPolicyEntity, policyUsesGroupRelationships } from './converter';

export async function fetchAccessPolicies(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccountInArea({ what: 'Access policies', endpoints: ['accessPolicies'] }, async (accountId) => {
      const groups = (await run.jobState.getData<GroupRuleData>(AccessDataKeys.groups(accountId))) ?? {};
      const policies: PolicyRuleDataMap = {};
      try {
        const listing = await run.collect<CloudflareAccessPolicy>({
          endpoint: 'accessPolicies',
          params: { accountId },
          scope: `account ${accountId}`,
          what: 'Access policies',
          describe: (policy) => `policy ${policy?.id}`,
          convert: (policy) => {
            const rules = ruleSetData(policy);
            const entity = createAccessPolicyEntity(accountId, policy, {
              reusable: true,
              appliesToEveryone: includesEveryone(rules, groups),
            });
            policies[policy.id] = { decision: policy.decision ?? undefined, rules };
            return {
              entities: [entity],
              relationships: [
                relationshipBetween(Relationships.ACCOUNT_HAS_ACCESS_POLICY, accountKey(accountId), entity._key),
                ...policyUsesGroupRelationships(policy, (key) => run.jobState.hasKey(key) === true),
              ],
            };
          },
        });
        if (listing.complete) await run.jobState.setData(AccessDataKeys.policiesListed(accountId), true);
      } finally {
        if (Object.keys(policies).length > 0) {
          await run.jobState.setData(AccessDataKeys.policies(accountId), policies);
        }
      }
    }),
  );
}

export const accessPolicySteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCESS_POLICIES,
    name: 'Fetch Access Policies',
    entities: [Entities.ACCESS_POLICY],
    relationships: [Relationships.ACCOUNT_HAS_ACCESS_POLICY, Relationships.ACCESS_POLICY_USES_GROUP],
    dependsOn: [Steps.ACCESS_GROUPS],
    ingestionSourceId: ingestionSourceOf(Steps.ACCESS_POLICIES),
    executionHandler: fetchAccessPolicies,
  },
];
