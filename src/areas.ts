import { EndpointName, Endpoints, Permissions } from './client/endpoints';
import { Steps } from './constants';

export type StepId = (typeof Steps)[keyof typeof Steps];

/**
 * What a 403 of the area's requests means: it fails the step (the core
 * does, so it is not here), costs that account's part of the area, or costs
 * that zone alone (ZoneRefusals).
 */
export type RefusalScope = 'per-account' | 'per-zone';

export interface AreaSpec {
  /** JupiterOne's ingestion source id, which the area's steps name. */
  readonly id: string;
  /** JupiterOne's switch text (ingestionConfig). */
  readonly title: string;
  readonly description: string;
  /** Its config switch (default on); the environment variable is envNameOf(field). */
  readonly field: string;
  readonly refusal: RefusalScope;
  /** The requests the area makes (the bench counts requests by them; permissions derive from them). */
  readonly endpoints: readonly EndpointName[];
  /** The area's own steps: off when the area is off, and they name its ingestion source. */
  readonly steps: readonly StepId[];
  /** Steps of other areas that need this one too: off when it is off. */
  readonly neededBy?: readonly StepId[];
  /**
   * Core steps that do the area's work when it is on and stay on when it is
   * off, checking areaIsOn themselves: the SDK never runs the dependents of
   * a disabled step, and these have dependents outside the area.
   */
  readonly modeOf?: readonly StepId[];
}

/**
 * The areas a user can switch off, each once. Everything else about an area
 * derives from here: the steps' ingestionSourceId, which steps start,
 * ingestionConfig, the config switches, the 403 handling of forEachAccountInArea,
 * and the bench's requests per area.
 */
export const Areas = {
  zeroTrust: {
    id: 'zero-trust',
    title: 'Zero Trust users and devices',
    description:
      'Zero Trust (Access) users, their devices, device posture rules and Gateway locations. ' +
      `Needs ${Permissions.ACCESS_AUDIT_LOGS_READ} (users) and ${Permissions.ZERO_TRUST_READ} (the rest).`,
    field: 'ingestZeroTrust',
    refusal: 'per-account',
    endpoints: [
      'accessUsers',
      'physicalDevices',
      'deviceRegistrations',
      'legacyDevices',
      'devicePostureRules',
      'gatewayLocations',
    ],
    steps: [Steps.ACCESS_USERS, Steps.DEVICES, Steps.DEVICE_POSTURE_RULES, Steps.GATEWAY_LOCATIONS],
    neededBy: [Steps.ACCESS_POLICY_USERS, Steps.ACCESS_USER_ACTIVITY],
  },
  accessConfiguration: {
    id: 'access-configuration',
    title: 'Access configuration',
    description:
      'Access applications, reusable and per-app policies, groups and identity providers, and which users each policy names.',
    field: 'ingestAccessConfiguration',
    refusal: 'per-account',
    endpoints: ['accessIdentityProviders', 'accessGroups', 'accessPolicies', 'accessApplications'],
    steps: [
      Steps.ACCESS_IDENTITY_PROVIDERS,
      Steps.ACCESS_GROUPS,
      Steps.ACCESS_POLICIES,
      Steps.ACCESS_APPLICATIONS,
      Steps.ACCESS_POLICY_USERS,
    ],
    neededBy: [Steps.ACCESS_USER_ACTIVITY],
  },
  apiTokens: {
    id: 'api-tokens',
    title: 'API tokens',
    description: 'Account-owned and user-owned API tokens, with edges to the accounts and zones each can act on.',
    field: 'ingestApiTokens',
    refusal: 'per-account',
    endpoints: ['accountTokens', 'userTokens'],
    steps: [Steps.API_TOKENS],
  },
  zoneSettings: {
    id: 'zone-settings',
    title: 'Zone security settings',
    description:
      'SSL mode, minimum TLS, Always Use HTTPS, TLS 1.3, HSTS and DNSSEC on each zone: two requests per zone.',
    field: 'ingestZoneSettings',
    refusal: 'per-zone',
    endpoints: ['zoneSettings', 'zoneSetting', 'dnssec'],
    steps: [Steps.ZONE_SETTINGS],
  },
  dnsRecords: {
    id: 'dns-records',
    title: 'DNS records',
    description: 'Every DNS record of every zone: at least one request per zone, the bulk of a collection.',
    field: 'ingestDnsRecords',
    refusal: 'per-zone',
    endpoints: ['dnsRecords'],
    steps: [Steps.DNS_RECORDS],
  },
  activity: {
    id: 'activity',
    title: 'Activity (who is still active)',
    description:
      "Last dashboard login of each member (account audit log) and Zero Trust users' allowed and denied Access requests per application (Access authentication log), over ACTIVITY_LOOKBACK_DAYS (default 90).",
    field: 'ingestActivity',
    refusal: 'per-account',
    endpoints: ['auditLogins', 'accessRequests'],
    // fetch-activity reads the logs; members and Zero Trust users depend on
    // it, so it is a mode of the core and build-access-user-activity names
    // the source.
    steps: [Steps.ACCESS_USER_ACTIVITY],
    modeOf: [Steps.ACTIVITY],
  },
  tunnels: {
    id: 'tunnels',
    title: 'Cloudflare Tunnels',
    description:
      'Cloudflare Tunnels of each account: status, when connections came and went, remote configuration, ' +
      'and the origins (public IP addresses of the hosts running cloudflared), data centers and cloudflared versions of their connections.',
    field: 'ingestTunnels',
    refusal: 'per-account',
    endpoints: ['tunnels', 'tunnelConnections'],
    steps: [Steps.TUNNELS],
  },
} as const satisfies Record<string, AreaSpec>;

export type Area = keyof typeof Areas;
export const AREA_KEYS = Object.keys(Areas) as Area[];

/** Areas whose 403s cost one account's part of the area, not the step (forEachAccountInArea). */
export type PerAccountArea = {
  [A in Area]: (typeof Areas)[A]['refusal'] extends 'per-account' ? A : never;
}[Area];

/** The endpoints of those areas: the ones forEachAccountInArea may be asked to read. */
export type PerAccountEndpoint = (typeof Areas)[PerAccountArea]['endpoints'][number];

/** Ingestion source ids by area. */
export const IngestionSources = Object.fromEntries(AREA_KEYS.map((area) => [area, Areas[area].id])) as {
  [A in Area]: (typeof Areas)[A]['id'];
};

/**
 * The environment variable the SDK reads a config field from:
 * snake_case(field).toUpperCase(), so `ingestZeroTrust` → `INGEST_ZERO_TRUST`.
 */
export function envNameOf(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The permissions an area's requests need, each once, in endpoint order. */
export function permissionsOf(area: Area): string[] {
  return [...new Set(Areas[area].endpoints.map((name) => Endpoints[name].permission))];
}

/** The ingestion source a step names: its area's, if it is an area's own step. */
export function ingestionSourceOf(step: StepId): string | undefined {
  return AREA_KEYS.map((area) => Areas[area]).find((spec) => (spec.steps as readonly string[]).includes(step))?.id;
}

/** The areas a step needs on (its own and those it also needs); empty for the core. */
export function areasOfStep(step: StepId): Area[] {
  return AREA_KEYS.filter((area) => {
    const spec: AreaSpec = Areas[area];
    return spec.steps.includes(step) || (spec.neededBy ?? []).includes(step);
  });
}

const PATH_PARAM = /\{[^}]+\}/g;

/** Each endpoint's path template as a pattern matching real paths and simulator route keys (`:id`). */
function pathPattern(name: EndpointName): RegExp {
  const template = Endpoints[name].path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`${template.replace(PATH_PARAM, '[^/]+')}$`);
}

const AREA_PATTERNS: Array<[Area, RegExp]> = AREA_KEYS.flatMap((area) =>
  Areas[area].endpoints.map((name): [Area, RegExp] => [area, pathPattern(name)]),
);

/** The area whose endpoint a request path (without its query) is; undefined for the core. */
export function areaOfRequestPath(path: string): Area | undefined {
  const bare = path.replace(/[?#].*$/, '');
  return AREA_PATTERNS.find(([, pattern]) => pattern.test(bare))?.[0];
}
