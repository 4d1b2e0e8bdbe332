import { IntegrationIngestionConfigFieldMap } from '@jupiterone/integration-sdk-core';
import { Permissions } from './client/endpoints';
import { IngestionSources } from './constants';

/**
 * The areas a JupiterOne user can switch off in the integration's settings.
 * The same areas have INGEST_* config switches (config.ts AREA_FIELDS).
 */
export const ingestionConfig: IntegrationIngestionConfigFieldMap = {
  [IngestionSources.ZERO_TRUST]: {
    title: 'Zero Trust users and devices',
    description:
      'Zero Trust (Access) users, their devices, device posture rules and Gateway locations. ' +
      `Needs ${Permissions.ACCESS_AUDIT_LOGS_READ} (users) and ${Permissions.ZERO_TRUST_READ} (the rest).`,
  },
  [IngestionSources.ACCESS_CONFIGURATION]: {
    title: 'Access configuration',
    description:
      'Access applications, reusable and per-app policies, groups and identity providers, and which users each policy names.',
  },
  [IngestionSources.API_TOKENS]: {
    title: 'API tokens',
    description: 'Account-owned and user-owned API tokens, with edges to the accounts and zones each can act on.',
  },
  [IngestionSources.ZONE_SETTINGS]: {
    title: 'Zone security settings',
    description:
      'SSL mode, minimum TLS, Always Use HTTPS, TLS 1.3, HSTS and DNSSEC on each zone: two requests per zone.',
  },
  [IngestionSources.DNS_RECORDS]: {
    title: 'DNS records',
    description: 'Every DNS record of every zone: at least one request per zone, the bulk of a collection.',
  },
  [IngestionSources.ACTIVITY]: {
    title: 'Activity (who is still active)',
    description:
      "Last dashboard login of each member (account audit log) and Zero Trust users' allowed and denied Access requests per application (Access authentication log), over ACTIVITY_LOOKBACK_DAYS (default 90).",
  },
};
