import { IntegrationIngestionConfigFieldMap } from '@jupiterone/integration-sdk-core';
import { IngestionSources } from './constants';

/** The areas a JupiterOne user can switch off in the integration's settings. */
export const ingestionConfig: IntegrationIngestionConfigFieldMap = {
  [IngestionSources.DNS_RECORDS]: {
    title: 'DNS records',
    description: 'Every DNS record of every zone: at least one request per zone, the bulk of a collection.',
  },
};
