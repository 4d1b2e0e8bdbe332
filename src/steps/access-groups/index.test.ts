import { IntegrationLogger } from '@jupiterone/integration-sdk-runtime';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset } from '../../../simulator';
import { ACME_CONTRACTORS_GROUP, ACME_CORP, ACME_ENGINEERING_GROUP, ACME_LABS, SANDBOX } from '../../../test/fixtures';
import { AccessDataKeys } from '../common/accessRules';

const group = (id: string) => `cloudflare_access_group:${id}`;
const none = { emails: [], emailDomains: [], groupIds: [], everyone: false };

const startRecording = useRecordings();

describe('fetch-access-groups, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('groups with their rules, account edges, and the rules passed on for policy users', async () => {
    startRecording({ directory: __dirname, name: 'fetch-access-groups-realistic', recordFailedRequests: true });
    const warn = jest.spyOn(IntegrationLogger.prototype, 'warn');
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_GROUPS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCESS_GROUPS));
    expectUniqueKeys(result.collectedEntities);

    // Acme Corp has two groups; Acme Labs none; Sandbox has no Zero Trust.
    expect(keysOf(result.collectedEntities)).toEqual(
      [ACME_ENGINEERING_GROUP, ACME_CONTRACTORS_GROUP].map(group).sort(),
    );
    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    const { _rawData, ...engineering } = byKey[group(ACME_ENGINEERING_GROUP)];
    expect(_rawData).toHaveLength(1);
    expect(engineering).toEqual({
      _key: group(ACME_ENGINEERING_GROUP),
      _type: 'cloudflare_access_group',
      _class: ['UserGroup'],
      id: ACME_ENGINEERING_GROUP,
      name: 'Engineering',
      displayName: 'Engineering',
      includeRules: ['email_domain:acme.example'],
      requireRules: [],
      excludeRules: [],
      emails: [],
      emailDomains: ['acme.example'],
      includesEveryone: false,
      accountId: ACME_CORP,
      createdOn: Date.parse('2023-03-02T10:00:00Z'),
      updatedOn: Date.parse('2024-09-09T09:09:09.900Z'),
    });
    expect(byKey[group(ACME_CONTRACTORS_GROUP)]).toMatchObject({
      name: 'Contractors',
      includeRules: ['email:dev.contractor@contractors.example', 'email:contractor@partner.example'],
      requireRules: ['login_method'],
      excludeRules: [],
      emails: ['dev.contractor@contractors.example', 'contractor@partner.example'],
      emailDomains: [],
      includesEveryone: false,
    });
    for (const e of result.collectedEntities)
      expect(e).toMatchGraphObjectSchema({ _class: Entities.ACCESS_GROUP._class });

    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_ACCESS_GROUP._type)).toEqual(
      [ACME_ENGINEERING_GROUP, ACME_CONTRACTORS_GROUP]
        .map((id) => `cloudflare_account:${ACME_CORP} -> ${group(id)}`)
        .sort(),
    );
    expect(result.collectedRelationships).toHaveLength(2);

    expect(result.collectedData[AccessDataKeys.groups(ACME_CORP)]).toEqual({
      [ACME_ENGINEERING_GROUP]: {
        include: { ...none, emailDomains: ['acme.example'] },
        require: none,
        exclude: none,
      },
      [ACME_CONTRACTORS_GROUP]: {
        include: { ...none, emails: ['dev.contractor@contractors.example', 'contractor@partner.example'] },
        require: none,
        exclude: none,
      },
    });
    // No groups, no data.
    expect(result.collectedData[AccessDataKeys.groups(ACME_LABS)]).toBeUndefined();
    expect(result.collectedData[AccessDataKeys.groups(SANDBOX)]).toBeUndefined();
  });
});
