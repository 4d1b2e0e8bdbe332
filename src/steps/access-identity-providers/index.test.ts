import { IntegrationInvocationConfig, RelationshipDirection } from '@jupiterone/integration-sdk-core';
import { IntegrationLogger } from '@jupiterone/integration-sdk-runtime';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS } from '../../../simulator';
import {
  ACME_AZURE_IDP,
  ACME_CORP,
  ACME_LABS,
  ACME_OKTA_IDP,
  ACME_OTP_IDP,
  LABS_GITHUB_IDP,
  SANDBOX,
} from '../../../test/fixtures';
import { AccessDataKeys } from '../common/accessRules';

const account = (id: string) => `cloudflare_account:${id}`;
const idp = (id: string) => `cloudflare_access_identity_provider:${id}`;

/** The integration with this step's mapped relationships left out: toMatchStepMetadata refuses them. */
const withoutMapped: IntegrationInvocationConfig = {
  ...invocationConfig,
  integrationSteps: invocationConfig.integrationSteps.map((step) =>
    step.id === Steps.ACCESS_IDENTITY_PROVIDERS ? { ...step, mappedRelationships: undefined } : step,
  ),
};

const startRecording = useRecordings();

describe('fetch-access-identity-providers, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('IdPs of both Zero Trust accounts, their account edges and the IdP application mappings; no secrets', async () => {
    startRecording({
      directory: __dirname,
      name: 'fetch-access-identity-providers-realistic',
      recordFailedRequests: true,
    });
    const warn = jest.spyOn(IntegrationLogger.prototype, 'warn');
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_IDENTITY_PROVIDERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    // Sandbox has no Zero Trust: an info line, no warning.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();

    const mapped = result.collectedRelationships.filter((r) => '_mapping' in r);
    const direct = result.collectedRelationships.filter((r) => !('_mapping' in r));
    expect({ ...result, collectedRelationships: direct }).toMatchStepMetadata({
      stepId: Steps.ACCESS_IDENTITY_PROVIDERS,
      invocationConfig: withoutMapped,
      instanceConfig: {},
    });
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);

    expect(keysOf(result.collectedEntities)).toEqual(
      [ACME_OKTA_IDP, ACME_OTP_IDP, ACME_AZURE_IDP, LABS_GITHUB_IDP].map(idp).sort(),
    );
    for (const e of result.collectedEntities) {
      expect(e).toMatchGraphObjectSchema({ _class: Entities.ACCESS_IDENTITY_PROVIDER._class });
    }
    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    const { _rawData, ...okta } = byKey[idp(ACME_OKTA_IDP)];
    expect(okta).toEqual({
      _key: idp(ACME_OKTA_IDP),
      _type: 'cloudflare_access_identity_provider',
      _class: ['Service'],
      id: ACME_OKTA_IDP,
      name: 'Acme Okta',
      displayName: 'Acme Okta',
      idpType: 'okta',
      category: ['security'],
      function: ['IAM'],
      clientId: '0oa1acmeoktaclient',
      oktaAccount: 'https://acme.okta.com',
      scimEnabled: true,
      accountId: ACME_CORP,
    });
    // The raw data keeps the allow-listed config, never the client or SCIM secret.
    expect(_rawData).toEqual([
      {
        name: 'default',
        rawData: {
          id: ACME_OKTA_IDP,
          name: 'Acme Okta',
          type: 'okta',
          config: {
            client_id: '0oa1acmeoktaclient',
            okta_account: 'https://acme.okta.com',
            claims: ['groups'],
            email_claim_name: 'email',
          },
          scim_config: {
            enabled: true,
            identity_update_behavior: 'automatic',
            seat_deprovision: true,
            user_deprovision: true,
            scim_base_url: `https://acme.cloudflareaccess.com/populi/${ACME_OKTA_IDP}`,
          },
        },
      },
    ]);
    expect(byKey[idp(ACME_AZURE_IDP)]).toMatchObject({
      idpType: 'azureAD',
      clientId: '7c1e9a52-3b1f-4d8e-9a0b-5f6e7d8c9b0a',
      directoryId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
      scimEnabled: false,
      accountId: ACME_CORP,
    });
    expect(byKey[idp(ACME_OTP_IDP)]).toMatchObject({ idpType: 'onetimepin', name: 'One-time PIN login' });
    expect(byKey[idp(ACME_OTP_IDP)].clientId).toBeUndefined();
    expect(byKey[idp(LABS_GITHUB_IDP)]).toMatchObject({
      idpType: 'github',
      clientId: 'Iv1.acmelabs0000001',
      accountId: ACME_LABS,
    });

    const everything = JSON.stringify([result.collectedEntities, result.collectedRelationships, result.collectedData]);
    expect(everything).not.toMatch(/NOT-REAL|client_secret|"secret"/);

    expect(edgesOf(direct)).toEqual(
      [
        ...[ACME_OKTA_IDP, ACME_OTP_IDP, ACME_AZURE_IDP].map((id) => `${account(ACME_CORP)} -> ${idp(id)}`),
        `${account(ACME_LABS)} -> ${idp(LABS_GITHUB_IDP)}`,
      ].sort(),
    );
    expect(direct.every((r) => r._type === Relationships.ACCOUNT_HAS_ACCESS_IDENTITY_PROVIDER._type)).toBe(true);

    // One mapping per IdP with a client id (not the one-time PIN), exactly.
    const mapping = (accountId: string, idpId: string, idpType: string, clientId: string) => ({
      _key: `${account(accountId)}|connected_by|${idpId}`,
      _type: 'cloudflare_account_connected_by_idp_application',
      _class: 'CONNECTS',
      displayName: 'CONNECTS',
      idpId,
      idpType,
      _mapping: {
        relationshipDirection: RelationshipDirection.REVERSE,
        sourceEntityKey: account(accountId),
        targetFilterKeys: [['_class', 'clientId']],
        targetEntity: { _class: 'Application', clientId },
        skipTargetCreation: true,
      },
    });
    expect([...mapped].sort((a, b) => a._key.localeCompare(b._key))).toEqual(
      [
        mapping(ACME_CORP, ACME_OKTA_IDP, 'okta', '0oa1acmeoktaclient'),
        mapping(ACME_CORP, ACME_AZURE_IDP, 'azureAD', '7c1e9a52-3b1f-4d8e-9a0b-5f6e7d8c9b0a'),
        mapping(ACME_LABS, LABS_GITHUB_IDP, 'github', 'Iv1.acmelabs0000001'),
      ].sort((a, b) => a._key.localeCompare(b._key)),
    );

    // Ids for fetch-access-applications; none for Sandbox.
    expect(result.collectedData[AccessDataKeys.identityProviders(ACME_CORP)]).toEqual([
      ACME_OKTA_IDP,
      ACME_OTP_IDP,
      ACME_AZURE_IDP,
    ]);
    expect(result.collectedData[AccessDataKeys.identityProviders(ACME_LABS)]).toEqual([LABS_GITHUB_IDP]);
    expect(result.collectedData[AccessDataKeys.identityProviders(SANDBOX)]).toBeUndefined();
  });
});

describe('fetch-access-identity-providers: requests and degraded paths (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('one request per account; Sandbox answers "Zero Trust is not enabled" once', async () => {
    await executeStepWithDependencies({
      stepId: Steps.ACCESS_IDENTITY_PROVIDERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /accounts/:id/access/identity_providers': 3,
    });
    expect(realistic.sim.stats.responsesByStatus).toEqual({ 200: 3, 403: 1 });
  });

  test('a token without the IdP permission: one warning and one warn event per account naming it, step not failed', async () => {
    const warn = jest.spyOn(IntegrationLogger.prototype, 'warn');
    const publish = jest.spyOn(IntegrationLogger.prototype, 'publishEvent');
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_IDENTITY_PROVIDERS,
      invocationConfig,
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.noZeroTrust }),
    });
    const warnings = warn.mock.calls.map((args) => String(args[1]));
    const events = publish.mock.calls.map(([event]) => event);
    warn.mockRestore();
    publish.mockRestore();

    expect(result.collectedEntities).toEqual([]);
    expect(result.collectedRelationships).toEqual([]);
    expect(warnings).toHaveLength(3);
    for (const id of [ACME_CORP, ACME_LABS, SANDBOX]) {
      expect(warnings.filter((w) => w.includes(`account ${id}`))).toHaveLength(1);
    }
    for (const text of warnings) {
      expect(text).toContain('Skipped Access identity providers of account');
      expect(text).toContain('"Access: Organizations, Identity Providers, and Groups Read"');
    }
    expect(events).toEqual(warnings.map((description) => ({ name: 'permission_missing', description, level: 'warn' })));
  });
});
