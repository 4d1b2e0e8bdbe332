import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { oneLine } from '../../util/oneLine';
import { AccessDataKeys, GroupRuleData, PolicyRuleDataMap } from '../common/accessRules';
import { CloudflareAccessApplication } from '../common/accessTypes';
import { runStep, StepContext } from '../common/StepRun';
import { convertApplication } from './converter';

export async function fetchAccessApplications(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccountInArea({ what: 'Access applications', endpoints: ['accessApplications'] }, async (accountId) => {
      const data = run.jobState;
      const reusable = (await data.getData<PolicyRuleDataMap>(AccessDataKeys.policies(accountId))) ?? {};
      const appContext = {
        reusablePolicyIds: new Set(Object.keys(reusable)),
        reusablePoliciesListed: (await data.getData<boolean>(AccessDataKeys.policiesListed(accountId))) === true,
        identityProviderIds: (await data.getData<string[]>(AccessDataKeys.identityProviders(accountId))) ?? [],
        groups: (await data.getData<GroupRuleData>(AccessDataKeys.groups(accountId))) ?? {},
        groupCollected: (key: string) => data.hasKey(key) === true,
      };
      const inline: PolicyRuleDataMap = {};
      const unknownIdps = new Set<string>();
      try {
        await run.collect<CloudflareAccessApplication>({
          endpoint: 'accessApplications',
          params: { accountId },
          scope: `account ${accountId}`,
          what: 'Access applications',
          describe: (app) => `application ${app?.id}`,
          convert: (app) => {
            const graph = convertApplication(accountId, app, appContext);
            Object.assign(inline, graph.inlinePolicies);
            for (const id of graph.unknownIdpIds) unknownIdps.add(id);
            return graph;
          },
        });
      } finally {
        if (Object.keys(inline).length > 0) {
          await data.setData(AccessDataKeys.applicationPolicies(accountId), inline);
        }
      }
      if (unknownIdps.size > 0) {
        run.logger.info(
          { accountId },
          oneLine(
            `Applications of account ${accountId} allow identity providers that were not collected ` +
              `(${[...unknownIdps].sort().join(', ')}); no USES edge is drawn to them.`,
          ),
        );
      }
    }),
  );
}

export const accessApplicationSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCESS_APPLICATIONS,
    name: 'Fetch Access Applications',
    entities: [Entities.ACCESS_APPLICATION, Entities.ACCESS_POLICY],
    relationships: [
      Relationships.ACCOUNT_HAS_ACCESS_APPLICATION,
      Relationships.ACCESS_APPLICATION_HAS_POLICY,
      Relationships.ACCESS_APPLICATION_USES_IDENTITY_PROVIDER,
      Relationships.ACCOUNT_HAS_ACCESS_POLICY,
      Relationships.ACCESS_POLICY_USES_GROUP,
    ],
    dependsOn: [Steps.ACCESS_POLICIES, Steps.ACCESS_IDENTITY_PROVIDERS],
    ingestionSourceId: ingestionSourceOf(Steps.ACCESS_APPLICATIONS),
    executionHandler: fetchAccessApplications,
  },
];
