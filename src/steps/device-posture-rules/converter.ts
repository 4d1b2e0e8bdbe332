import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { required } from '../common/required';
import { CloudflareDevicePostureRule } from '../common/zeroTrustTypes';

export function devicePostureRuleKey(ruleId: string): string {
  return `${Entities.DEVICE_POSTURE_RULE._type}:${ruleId}`;
}

type Flat = string | number | boolean | string[] | number[] | boolean[];

/** `operating_system` → `OperatingSystem`, `requireAll` → `RequireAll`. */
function pascalCase(key: string): string {
  const camel = key.replace(/[_-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

function isFlat(value: unknown): value is Flat {
  if (['string', 'number', 'boolean'].includes(typeof value)) return true;
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === typeof value[0] && ['string', 'number', 'boolean'].includes(typeof v))
  );
}

/**
 * The rule's check (`input`, whose keys depend on its type) as entity
 * properties: the whole of it as `inputJson`, each flat value as
 * `input<Key>` (`inputOperatingSystem`, `inputOperator`, `inputVersion`,
 * `inputRequireAll`, ...), and plain-language fields for the common checks.
 * Nested values are only in `inputJson`.
 */
export function postureInputProperties(
  type: string | null | undefined,
  input: Record<string, unknown> | null | undefined,
): Record<string, Flat | undefined> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return {};
  const out: Record<string, Flat | undefined> = { inputJson: JSON.stringify(input) };
  for (const [key, value] of Object.entries(input)) {
    if (isFlat(value)) out[`input${pascalCase(key)}`] = value;
  }
  if (type === 'disk_encryption') out.requireDiskEncryption = true;
  if (type === 'firewall' && typeof input.enabled === 'boolean') out.requireFirewall = input.enabled;
  if (type === 'os_version' && input.operator === '>=' && typeof input.version === 'string') {
    out.minimumOsVersion = input.version;
  }
  return out;
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
        ...postureInputProperties(rule.type, rule.input),
      },
    },
  });
}
