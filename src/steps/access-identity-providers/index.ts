import { IntegrationStep, RelationshipDirection } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, MappedRelationships, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { AccessDataKeys } from '../common/accessRules';
import { CloudflareAccessIdentityProvider } from '../common/accessTypes';
import { runStep, StepContext } from '../common/StepRun';
import { createIdentityProviderEntity, createIdpApplicationMapping } from './converter';

export async function fetchAccessIdentityProviders(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccountInArea(
      { what: 'Access identity providers', endpoints: ['accessIdentityProviders'] },
      async (accountId) => {
        const ids: string[] = [];
        try {
          await run.collect<CloudflareAccessIdentityProvider>({
            endpoint: 'accessIdentityProviders',
            params: { accountId },
            scope: `account ${accountId}`,
            what: 'Access identity providers',
            describe: (idp) => `identity provider ${idp?.id}`,
            convert: (idp) => {
              const entity = createIdentityProviderEntity(accountId, idp);
              const mapping = createIdpApplicationMapping(accountId, idp);
              ids.push(idp.id);
              return {
                entities: [entity],
                relationships: [
                  relationshipBetween(
                    Relationships.ACCOUNT_HAS_ACCESS_IDENTITY_PROVIDER,
                    accountKey(accountId),
                    entity._key,
                  ),
                  ...(mapping ? [mapping] : []),
                ],
              };
            },
          });
        } finally {
          // What was read, even if the listing failed part way: applications link to these.
          if (ids.length > 0)
            await run.jobState.setData(AccessDataKeys.identityProviders(accountId), [...new Set(ids)]);
        }
      },
    ),
  );
}

export const accessIdentityProviderSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCESS_IDENTITY_PROVIDERS,
    name: 'Fetch Access Identity Providers',
    entities: [Entities.ACCESS_IDENTITY_PROVIDER],
    relationships: [Relationships.ACCOUNT_HAS_ACCESS_IDENTITY_PROVIDER],
    mappedRelationships: [
      { ...MappedRelationships.IDP_APPLICATION_CONNECTS_ACCOUNT, direction: RelationshipDirection.REVERSE },
    ],
    dependsOn: [Steps.ACCOUNTS],
    ingestionSourceId: ingestionSourceOf(Steps.ACCESS_IDENTITY_PROVIDERS),
    executionHandler: fetchAccessIdentityProviders,
  },
];
