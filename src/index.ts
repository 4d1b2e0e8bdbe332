import { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { instanceConfigFields, IntegrationConfig } from './config';
import { loadExecutionConfig } from './execution';
import { getStepStartStates } from './getStepStartStates';
import { ingestionConfig } from './ingestionConfig';
import { integrationSteps } from './steps';
import { validateInvocation } from './validateInvocation';

export const invocationConfig: IntegrationInvocationConfig<IntegrationConfig> = {
  instanceConfigFields,
  loadExecutionConfig,
  validateInvocation,
  getStepStartStates,
  integrationSteps,
  ingestionConfig,
};
