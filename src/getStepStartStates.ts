import { DisabledStepReason, IntegrationExecutionContext, StepStartStates } from '@jupiterone/integration-sdk-core';
import { Areas, areasOfStep, envNameOf, StepId } from './areas';
import { IntegrationConfig } from './config';
import { Steps } from './constants';
import { runOf } from './execution';
import { integrationSteps } from './steps';

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
    // An area's steps and the steps that need it run when its switch is on
    // (default on). JupiterOne's switch of the same area is applied by the
    // SDK through each step's ingestionSourceId.
    const off = areasOfStep(id).filter((area) => !settings.areas[area]);
    if (off.length > 0) {
      context.logger.info(
        `Step ${id} is off: ${off.map((area) => `${envNameOf(Areas[area].field)}=false`).join(' and ')} (config ${off.map((area) => Areas[area].field).join(', ')}).`,
      );
      states[id] = { disabled: true, disabledReason: DisabledStepReason.CONFIG };
    } else {
      states[id] = { disabled: false };
    }
  }
  return states;
}
