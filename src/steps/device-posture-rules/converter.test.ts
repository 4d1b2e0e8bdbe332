import { Entities } from '../../constants';
import { CloudflareDevicePostureRule } from '../common/zeroTrustTypes';
import { createDevicePostureRuleEntity, postureInputProperties, devicePostureRuleKey } from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';

describe('createDevicePostureRuleEntity', () => {
  test('every field; platforms from match, each once', () => {
    const rule: CloudflareDevicePostureRule = {
      id: '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3',
      name: 'Disk encryption',
      description: 'FileVault / BitLocker on',
      type: 'disk_encryption',
      schedule: '5m',
      expiration: '1h',
      enabled: true,
      match: [{ platform: 'mac' }, { platform: 'windows' }, { platform: 'mac' }, null, { platform: null }],
      input: { requireAll: true, checkDisks: ['C', 'D'], nested: { a: 1 } },
    };
    const entity = createDevicePostureRuleEntity(ACCOUNT, rule);
    expect(entity).toEqual({
      _key: 'cloudflare_device_posture_rule:0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3',
      _type: 'cloudflare_device_posture_rule',
      _class: ['Rule'],
      id: '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3',
      accountId: ACCOUNT,
      name: 'Disk encryption',
      displayName: 'Disk encryption',
      description: 'FileVault / BitLocker on',
      type: 'disk_encryption',
      schedule: '5m',
      expiration: '1h',
      enabled: true,
      platforms: ['mac', 'windows'],
      inputJson: '{"requireAll":true,"checkDisks":["C","D"],"nested":{"a":1}}',
      inputRequireAll: true,
      inputCheckDisks: ['C', 'D'],
      requireDiskEncryption: true,
      _rawData: [{ name: 'default', rawData: rule }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DEVICE_POSTURE_RULE._class });
  });

  test('nulls are left out, an empty description too; no match means no platforms', () => {
    const rule: CloudflareDevicePostureRule = {
      id: '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d4',
      name: 'WARP on',
      description: '',
      type: 'warp',
      schedule: null,
      expiration: null,
      enabled: null,
      match: null,
    };
    const entity = createDevicePostureRuleEntity(ACCOUNT, rule);
    expect(entity).toEqual({
      _key: 'cloudflare_device_posture_rule:0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d4',
      _type: 'cloudflare_device_posture_rule',
      _class: ['Rule'],
      id: '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d4',
      accountId: ACCOUNT,
      name: 'WARP on',
      displayName: 'WARP on',
      type: 'warp',
      platforms: [],
      _rawData: [{ name: 'default', rawData: rule }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DEVICE_POSTURE_RULE._class });
  });

  test('a rule without an id cannot be converted; key', () => {
    expect(() => createDevicePostureRuleEntity(ACCOUNT, { id: '' } as CloudflareDevicePostureRule)).toThrow(
      'its id is empty',
    );
    expect(devicePostureRuleKey('abc')).toBe('cloudflare_device_posture_rule:abc');
  });
});

describe('postureInputProperties', () => {
  test('OS version: each flat input key, and the minimum version when the operator is >=', () => {
    expect(
      postureInputProperties('os_version', { operating_system: 'mac', operator: '>=', version: '14.0.0' }),
    ).toEqual({
      inputJson: '{"operating_system":"mac","operator":">=","version":"14.0.0"}',
      inputOperatingSystem: 'mac',
      inputOperator: '>=',
      inputVersion: '14.0.0',
      minimumOsVersion: '14.0.0',
    });
    expect(postureInputProperties('os_version', { operator: '<', version: '15' }).minimumOsVersion).toBeUndefined();
  });

  test('firewall: requireFirewall follows the check; empty arrays and nested values only in inputJson', () => {
    expect(postureInputProperties('firewall', { enabled: false, operating_system: 'windows', paths: [] })).toEqual({
      inputJson: '{"enabled":false,"operating_system":"windows","paths":[]}',
      inputEnabled: false,
      inputOperatingSystem: 'windows',
      requireFirewall: false,
    });
  });

  test('no input, or not an object: nothing', () => {
    expect(postureInputProperties('firewall', null)).toEqual({});
    expect(postureInputProperties('firewall', undefined)).toEqual({});
    expect(postureInputProperties('firewall', ['x'] as unknown as Record<string, unknown>)).toEqual({});
  });
});
