import { DisabledStepReason, IntegrationExecutionContext, StepStartStates } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from './config';
import { Steps } from './constants';
import { runOf } from './execution';

/**
 * Which steps run. Each new area adds its entry here, with the reason when it
 * is off; every step must have one (a test checks).
 */
export function getStepStartStates(context: IntegrationExecutionContext<IntegrationConfig>): StepStartStates {
  const { settings } = runOf(context);
  const on = { disabled: false };
  return {
    [Steps.ACCOUNTS]: on,
    // Only configured ids can be stale; a listed account is always readable.
    [Steps.CHECK_ACCOUNT_IDS]:
      settings.accountIds.length > 0 ? on : { disabled: true, disabledReason: DisabledStepReason.CONFIG },
    [Steps.ACCOUNT_ROLES]: on,
    [Steps.ACCOUNT_MEMBERS]: on,
    [Steps.ZONES]: on,
    [Steps.DNS_RECORDS]: on,
  };
}
