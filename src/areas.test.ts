import { EndpointName, Endpoints, EndpointSpec } from './client/endpoints';
import {
  AREA_KEYS,
  areaOfRequestPath,
  Areas,
  AreaSpec,
  areasOfStep,
  envNameOf,
  ingestionSourceOf,
  permissionsOf,
  PerAccountEndpoint,
} from './areas';
import { instanceConfigFields } from './config';
import { Steps } from './constants';
import { ingestionConfig } from './ingestionConfig';
import { integrationSteps } from './steps';

const spec = (area: (typeof AREA_KEYS)[number]): AreaSpec => Areas[area];

test('envNameOf is the SDK rule for every config field', () => {
  expect(envNameOf('ingestZeroTrust')).toBe('INGEST_ZERO_TRUST');
  expect(envNameOf('apiToken')).toBe('API_TOKEN');
  expect(envNameOf('rateLimitWindowSeconds')).toBe('RATE_LIMIT_WINDOW_SECONDS');
  expect(envNameOf('caBundleFile')).toBe('CA_BUNDLE_FILE');
  expect(AREA_KEYS.map((area) => envNameOf(Areas[area].field))).toEqual([
    'INGEST_ZERO_TRUST',
    'INGEST_ACCESS_CONFIGURATION',
    'INGEST_API_TOKENS',
    'INGEST_ZONE_SETTINGS',
    'INGEST_DNS_RECORDS',
    'INGEST_ACTIVITY',
    'INGEST_TUNNELS',
  ]);
});

test('each area has a boolean config switch and a JupiterOne source with its title', () => {
  for (const area of AREA_KEYS) {
    expect(instanceConfigFields[Areas[area].field]).toEqual({ type: 'boolean', optional: true });
    expect(ingestionConfig[Areas[area].id]).toEqual({ title: Areas[area].title, description: Areas[area].description });
  }
  expect(Object.keys(ingestionConfig)).toEqual(AREA_KEYS.map((area) => Areas[area].id));
});

test("each step's ingestionSourceId is its area's, and every source is named by a step", () => {
  const named = new Set<string>();
  for (const step of integrationSteps) {
    const owner = AREA_KEYS.find((area) => spec(area).steps.includes(step.id as never));
    expect([step.id, step.ingestionSourceId]).toEqual([step.id, owner ? Areas[owner].id : undefined]);
    expect(ingestionSourceOf(step.id as never)).toBe(step.ingestionSourceId);
    if (step.ingestionSourceId) named.add(step.ingestionSourceId);
  }
  expect([...named].sort()).toEqual(AREA_KEYS.map((area) => Areas[area].id).sort());
});

test("an area's steps, and the steps that need it, are its; the steps it is a mode of stay core", () => {
  const stepIds = new Set(integrationSteps.map((s) => s.id));
  for (const area of AREA_KEYS) {
    for (const step of [...spec(area).steps, ...(spec(area).neededBy ?? []), ...(spec(area).modeOf ?? [])]) {
      expect(stepIds).toContain(step);
    }
    for (const step of spec(area).modeOf ?? []) expect(areasOfStep(step)).toEqual([]);
  }
  expect(areasOfStep(Steps.ACCESS_USER_ACTIVITY)).toEqual(['zeroTrust', 'accessConfiguration', 'activity']);
  expect(areasOfStep(Steps.ACCOUNTS)).toEqual([]);
});

test('each endpoint belongs to one area at most, and its path is recognised as that area', () => {
  const seen = new Map<string, string>();
  for (const area of AREA_KEYS) {
    for (const name of Areas[area].endpoints) {
      expect([name, seen.get(name)]).toEqual([name, undefined]);
      seen.set(name, area);
      const path = Endpoints[name].path.replace(/\{[^}]+\}/g, '0123456789abcdef0123456789abcdef');
      expect([name, areaOfRequestPath(path)]).toEqual([name, area]);
    }
  }
  expect(areaOfRequestPath('/accounts/0123456789abcdef0123456789abcdef/tokens/verify')).toBeUndefined();
  expect(areaOfRequestPath('GET /zones/:id/dns_records')).toBe('dnsRecords');
});

test("an area's permissions come from its endpoints", () => {
  expect(permissionsOf('apiTokens')).toEqual([Endpoints.accountTokens.permission, Endpoints.userTokens.permission]);
  expect(permissionsOf('dnsRecords')).toEqual([Endpoints.dnsRecords.permission]);
});

test('Zero Trust endpoints belong to per-account areas, where forEachAccountInArea reads the flag', () => {
  const zeroTrust = (Object.keys(Endpoints) as EndpointName[]).filter(
    (name) => (Endpoints[name] as EndpointSpec).zeroTrust,
  );
  expect(zeroTrust.length).toBeGreaterThan(0);
  for (const name of zeroTrust) {
    const area = AREA_KEYS.find((a) => (spec(a).endpoints as readonly string[]).includes(name));
    expect([name, area && spec(area).refusal]).toEqual([name, 'per-account']);
  }
  // The Access authentication log is the activity area's, and still a Zero Trust endpoint.
  expect(Endpoints.accessRequests.zeroTrust).toBe(true);
  const perAccount: PerAccountEndpoint[] = ['gatewayLocations', 'accessRequests', 'tunnels'];
  // @ts-expect-error DNS records are refused per zone, so forEachAccountInArea does not take them.
  perAccount.push('dnsRecords');
  expect(perAccount).toHaveLength(4);
});
