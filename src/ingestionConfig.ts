import { IntegrationIngestionConfigFieldMap } from '@jupiterone/integration-sdk-core';
import { AREA_KEYS, Areas } from './areas';

/**
 * The areas a JupiterOne user can switch off in the integration's settings
 * (src/areas.ts); the same areas have INGEST_* config switches.
 */
export const ingestionConfig: IntegrationIngestionConfigFieldMap = Object.fromEntries(
  AREA_KEYS.map((area) => [Areas[area].id, { title: Areas[area].title, description: Areas[area].description }]),
);
