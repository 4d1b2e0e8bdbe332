import { DisabledStepReason, IntegrationExecutionContext, StepStartStates } from '@jupiterone/integration-sdk-core';
import { Area, AREA_FIELDS, IntegrationConfig } from './config';
import { Steps } from './constants';
import { runOf } from './execution';
import { integrationSteps } from './steps';

type StepId = (typeof Steps)[keyof typeof Steps];

/**
 * The area each step belongs to: `core` always runs; an area's steps run
 * when its config switch is on (INGEST_* , default on). The JupiterOne
 * switch of the same area (ingestionConfig) is applied by the SDK through
 * each step's ingestionSourceId. A step that links two areas is off when
 * either is. Every step must be listed (a test checks).
 */
export const STEP_AREAS: Record<StepId, Array<Area | 'core'>> = {
  [Steps.ACCOUNTS]: ['core'],
  [Steps.CHECK_ACCOUNT_IDS]: ['core'],
  // Members and Zero Trust users depend on it, and the SDK never runs the
  // dependents of a disabled step: it stays on and skips itself when the
  // activity area is off (steps/activity).
  [Steps.ACTIVITY]: ['core'],
  [Steps.ACCOUNT_ROLES]: ['core'],
  [Steps.ACCOUNT_MEMBERS]: ['core'],
  [Steps.ZONES]: ['core'],
  [Steps.DNS_RECORDS]: ['dnsRecords'],
  [Steps.ZONE_SETTINGS]: ['zoneSettings'],
  [Steps.MEMBER_ZONE_ACCESS]: ['core'],
  [Steps.API_TOKENS]: ['apiTokens'],
  [Steps.ACCESS_USERS]: ['zeroTrust'],
  [Steps.DEVICES]: ['zeroTrust'],
  [Steps.DEVICE_POSTURE_RULES]: ['zeroTrust'],
  [Steps.GATEWAY_LOCATIONS]: ['zeroTrust'],
  [Steps.ACCESS_IDENTITY_PROVIDERS]: ['accessConfiguration'],
  [Steps.ACCESS_GROUPS]: ['accessConfiguration'],
  [Steps.ACCESS_POLICIES]: ['accessConfiguration'],
  [Steps.ACCESS_APPLICATIONS]: ['accessConfiguration'],
  [Steps.ACCESS_POLICY_USERS]: ['accessConfiguration', 'zeroTrust'],
  [Steps.ACCESS_USER_ACTIVITY]: ['activity', 'zeroTrust', 'accessConfiguration'],
};

export function getStepStartStates(context: IntegrationExecutionContext<IntegrationConfig>): StepStartStates {
  const { settings } = runOf(context);
  const states: StepStartStates = {};
  for (const step of integrationSteps) {
    const id = step.id as StepId;
    if (id === Steps.CHECK_ACCOUNT_IDS) {
      // Only configured ids can be stale; a listed account is always readable.
      states[id] =
        settings.accountIds.length > 0
          ? { disabled: false }
          : { disabled: true, disabledReason: DisabledStepReason.CONFIG };
      continue;
    }
    const off = (STEP_AREAS[id] ?? ['core']).filter((area): area is Area => area !== 'core' && !settings.areas[area]);
    if (off.length > 0) {
      context.logger.info(
        `Step ${id} is off: ${off.map((area) => `${AREA_FIELDS[area].env}=false`).join(' and ')} (config ${off.map((area) => AREA_FIELDS[area].field).join(', ')}).`,
      );
      states[id] = { disabled: true, disabledReason: DisabledStepReason.CONFIG };
    } else {
      states[id] = { disabled: false };
    }
  }
  return states;
}
