import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { required } from '../shared/required';
import { CloudflareDevicePostureRule } from '../shared/zeroTrustTypes';

export function devicePostureRuleKey(ruleId: string): string {
  return `${Entities.DEVICE_POSTURE_RULE._type}:${ruleId}`;
}

export function createDevicePostureRuleEntity(accountId: string, rule: CloudflareDevicePostureRule): Entity {
  const name = rule.name?.trim() || rule.id;
  const platforms = (rule.match ?? []).map((m) => m?.platform).filter((p): p is string => Boolean(p));
  return createIntegrationEntity({
    entityData: {
      source: rule,
      assign: {
        _key: devicePostureRuleKey(required(rule.id, 'id')),
        _type: Entities.DEVICE_POSTURE_RULE._type,
        _class: Entities.DEVICE_POSTURE_RULE._class,
        id: rule.id,
        accountId,
        name,
        displayName: name,
        description: rule.description || undefined,
        type: rule.type ?? undefined,
        schedule: rule.schedule ?? undefined,
        expiration: rule.expiration ?? undefined,
        enabled: rule.enabled ?? undefined,
        platforms: [...new Set(platforms)],
      },
    },
  });
}
