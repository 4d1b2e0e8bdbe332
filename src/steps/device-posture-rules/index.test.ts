import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset } from '../../../simulator';
import { ACME_CORP } from '../../../test/fixtures';

const startRecording = useRecordings();

describe('fetch-device-posture-rules, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test("Acme Corp's three rules, exactly; Acme Labs has none and Sandbox no Zero Trust", async () => {
    startRecording({ directory: __dirname, name: 'fetch-device-posture-rules-realistic', recordFailedRequests: true });
    const result = await executeStepWithDependencies({
      stepId: Steps.DEVICE_POSTURE_RULES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.DEVICE_POSTURE_RULES));
    expectUniqueKeys(result.collectedEntities);

    const rules = realisticDataset().postureRulesByAccount.get(ACME_CORP)!;
    expect(rules.map((r) => r.name)).toEqual(['Disk encryption', 'macOS 14 or later', 'Windows firewall']);
    const key = (name: string) => `cloudflare_device_posture_rule:${rules.find((r) => r.name === name)!.id}`;
    expect(keysOf(result.collectedEntities)).toEqual(rules.map((r) => `cloudflare_device_posture_rule:${r.id}`).sort());

    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    expect(byKey[key('Disk encryption')]).toMatchObject({
      _class: ['Rule'],
      name: 'Disk encryption',
      description: 'All laptops must have full-disk encryption',
      type: 'disk_encryption',
      schedule: '5m',
      enabled: true,
      platforms: ['mac', 'windows'],
      accountId: ACME_CORP,
    });
    expect(byKey[key('macOS 14 or later')]).toMatchObject({
      type: 'os_version',
      schedule: '1h',
      platforms: ['mac'],
      // The check itself.
      inputOperatingSystem: 'mac',
      inputOperator: '>=',
      inputVersion: '14.0.0',
      minimumOsVersion: '14.0.0',
      inputJson: '{"operating_system":"mac","operator":">=","version":"14.0.0"}',
    });
    expect(byKey[key('Disk encryption')]).toMatchObject({ requireDiskEncryption: true, inputRequireAll: true });
    expect(byKey[key('Windows firewall')]).toMatchObject({ requireFirewall: true, inputEnabled: true });
    expect(byKey[key('macOS 14 or later')].description).toBeUndefined();
    expect(byKey[key('Windows firewall')]).toMatchObject({
      type: 'firewall',
      expiration: '30m',
      enabled: false,
      platforms: ['windows'],
    });
    for (const e of result.collectedEntities) {
      expect(e).toMatchGraphObjectSchema({ _class: Entities.DEVICE_POSTURE_RULE._class });
    }

    expect(edgesOf(result.collectedRelationships)).toEqual(
      rules.map((r) => `cloudflare_account:${ACME_CORP} -> cloudflare_device_posture_rule:${r.id}`).sort(),
    );
    expect(
      result.collectedRelationships.every((r) => r._type === Relationships.ACCOUNT_HAS_DEVICE_POSTURE_RULE._type),
    ).toBe(true);
  });
});
