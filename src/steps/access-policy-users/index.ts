import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { accessUserKeysByEmail } from '../access-users';
import { AccessDataKeys, GroupRuleData, PolicyRuleDataMap } from '../common/accessRules';
import { runStep, StepContext } from '../common/StepRun';
import { policyUserRelationships } from './converter';

/**
 * Policy ASSIGNED access user, from data the Access steps and
 * fetch-access-users left in job data; no requests. An account whose users
 * or policies were not read gets no edges.
 */
export async function buildAccessPolicyUserRelationships(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const links = run.tally('policy-user links');
    await run.forEachAccount('Access policy users', async (accountId) => {
      const users = await accessUserKeysByEmail(run.jobState, accountId);
      if (Object.keys(users).length === 0) return;
      const policies: PolicyRuleDataMap = {
        ...(await run.jobState.getData<PolicyRuleDataMap>(AccessDataKeys.policies(accountId))),
        ...(await run.jobState.getData<PolicyRuleDataMap>(AccessDataKeys.applicationPolicies(accountId))),
      };
      const groups = (await run.jobState.getData<GroupRuleData>(AccessDataKeys.groups(accountId))) ?? {};
      const relationships = policyUserRelationships(policies, groups, users);
      await run.add([], relationships);
      links.added += relationships.length;
    });
  });
}

export const accessPolicyUserSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCESS_POLICY_USERS,
    name: 'Build Access Policy User Relationships',
    entities: [],
    relationships: [Relationships.ACCESS_POLICY_ASSIGNED_USER],
    dependsOn: [Steps.ACCESS_APPLICATIONS, Steps.ACCESS_USERS],
    ingestionSourceId: ingestionSourceOf(Steps.ACCESS_POLICY_USERS),
    executionHandler: buildAccessPolicyUserRelationships,
  },
];
