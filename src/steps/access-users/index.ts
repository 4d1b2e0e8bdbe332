import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';

// Placeholder: the step is being written.
export const accessUserSteps: IntegrationStep<IntegrationConfig>[] = [];
