import { IntegrationLogger } from '@jupiterone/integration-sdk-runtime';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset } from '../../../simulator';
import {
  ACME_ALLOW_ENGINEERING_POLICY,
  ACME_BYPASS_POLICY,
  ACME_CORP,
  ACME_DENY_CONTRACTOR_POLICY,
  ACME_ENGINEERING_GROUP,
  ACME_LABS,
  SANDBOX,
} from '../../../test/fixtures';
import { AccessDataKeys } from '../common/accessRules';

const policy = (id: string) => `cloudflare_access_policy:${id}`;
const group = (id: string) => `cloudflare_access_group:${id}`;
const none = { emails: [], emailDomains: [], groupIds: [], everyone: false };

const startRecording = useRecordings();

describe('fetch-access-policies, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('reusable policies, their account and group edges, and their rules passed on', async () => {
    startRecording({ directory: __dirname, name: 'fetch-access-policies-realistic', recordFailedRequests: true });
    const warn = jest.spyOn(IntegrationLogger.prototype, 'warn');
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_POLICIES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCESS_POLICIES));
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);

    expect(keysOf(result.collectedEntities)).toEqual(
      [ACME_ALLOW_ENGINEERING_POLICY, ACME_DENY_CONTRACTOR_POLICY, ACME_BYPASS_POLICY].map(policy).sort(),
    );
    for (const e of result.collectedEntities)
      expect(e).toMatchGraphObjectSchema({ _class: Entities.ACCESS_POLICY._class });
    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    const { _rawData, ...allow } = byKey[policy(ACME_ALLOW_ENGINEERING_POLICY)];
    expect(_rawData).toHaveLength(1);
    expect(allow).toEqual({
      _key: policy(ACME_ALLOW_ENGINEERING_POLICY),
      _type: 'cloudflare_access_policy',
      _class: ['AccessPolicy'],
      id: ACME_ALLOW_ENGINEERING_POLICY,
      name: 'Allow Engineering',
      displayName: 'Allow Engineering',
      decision: 'allow',
      reusable: true,
      includeRules: [`group:${ACME_ENGINEERING_GROUP}`],
      requireRules: [],
      excludeRules: ['email:frontdesk@acme.example'],
      appliesToEveryone: false,
      // The wiki and Salesforce.
      appCount: 2,
      sessionDuration: '24h',
      approvalRequired: false,
      purposeJustificationRequired: false,
      isolationRequired: false,
      // Its MFA settings, as the simulator serves them.
      mfaDisabled: false,
      mfaAllowedAuthenticators: ['totp', 'biometrics', 'security_key'],
      mfaSessionDuration: '12h',
      accountId: ACME_CORP,
      createdOn: Date.parse('2024-01-05T12:00:00Z'),
      updatedOn: Date.parse('2025-03-03T03:03:03Z'),
    });
    expect(byKey[policy(ACME_DENY_CONTRACTOR_POLICY)]).toMatchObject({
      name: 'Block contractor',
      decision: 'deny',
      reusable: true,
      includeRules: ['email:dev.contractor@contractors.example'],
      appliesToEveryone: false,
      appCount: 1,
    });
    // Everyone: flagged on the policy, never fanned out to users.
    expect(byKey[policy(ACME_BYPASS_POLICY)]).toMatchObject({
      name: 'Bypass health checks',
      decision: 'bypass',
      includeRules: ['everyone'],
      appliesToEveryone: true,
      appCount: 0,
      sessionDuration: '0s',
    });
    for (const e of result.collectedEntities) expect(e.precedence).toBeUndefined();

    const rels = result.collectedRelationships;
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_ACCESS_POLICY._type)).toEqual(
      [ACME_ALLOW_ENGINEERING_POLICY, ACME_DENY_CONTRACTOR_POLICY, ACME_BYPASS_POLICY]
        .map((id) => `cloudflare_account:${ACME_CORP} -> ${policy(id)}`)
        .sort(),
    );
    const uses = ofType(rels, Relationships.ACCESS_POLICY_USES_GROUP._type);
    expect(uses.map((r) => [r._fromEntityKey, r._toEntityKey, r.rule])).toEqual([
      [policy(ACME_ALLOW_ENGINEERING_POLICY), group(ACME_ENGINEERING_GROUP), 'include'],
    ]);
    expect(rels).toHaveLength(3 + 1);

    expect(result.collectedData[AccessDataKeys.policies(ACME_CORP)]).toEqual({
      [ACME_ALLOW_ENGINEERING_POLICY]: {
        decision: 'allow',
        rules: {
          include: { ...none, groupIds: [ACME_ENGINEERING_GROUP] },
          require: none,
          exclude: { ...none, emails: ['frontdesk@acme.example'] },
        },
      },
      [ACME_DENY_CONTRACTOR_POLICY]: {
        decision: 'deny',
        rules: { include: { ...none, emails: ['dev.contractor@contractors.example'] }, require: none, exclude: none },
      },
      [ACME_BYPASS_POLICY]: {
        decision: 'bypass',
        rules: { include: { ...none, everyone: true }, require: none, exclude: none },
      },
    });
    expect(result.collectedData[AccessDataKeys.policies(ACME_LABS)]).toBeUndefined();
    expect(result.collectedData[AccessDataKeys.policies(SANDBOX)]).toBeUndefined();
  });
});
