import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entity } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { createAccountEntity } from '../accounts/converter';
import { fetchZones } from '../zones';
import { fetchZoneSettings, zoneSettingsSteps } from '.';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys } from '../../../test/graph';
import { realisticDataset, SIM_TOKENS } from '../../../simulator';
import { ACME_CDN_ZONE, ACME_CORP, ACME_ZONE, MUNCHEN_ZONE, SANDBOX } from '../../../test/fixtures';

/** Settings entities by zone id. */
function byZone(entities: Entity[]): Record<string, Entity> {
  return Object.fromEntries(
    entities.filter((e) => e._type === Entities.ZONE_SETTINGS._type).map((e) => [e.zoneId as string, e]),
  );
}

/** fetch-zones, then fetch-zone-settings, in one job state (as the SDK runs them). */
async function collectZonesAndSettings(instanceConfig: IntegrationConfig) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig });
  for (const account of realisticDataset().accounts) await context.jobState.addEntity(createAccountEntity(account));
  await fetchZones(context);
  const warn = jest.spyOn(context.logger, 'warn');
  const publish = jest.spyOn(context.logger, 'publishEvent');
  await fetchZoneSettings(context);
  const zones = context.jobState.collectedEntities.filter((e) => e._type === Entities.DNS_ZONE._type);
  return { context, zones, settings: byZone(context.jobState.collectedEntities), warn, publish };
}

describe('fetch-zone-settings: a settings entity beside each zone', () => {
  // Tests below change this dataset in place (and restore it).
  const data = realisticDataset();
  const realistic = useSimulator(() => data);

  test('exact values for a strict zone, a weak one and a zone without HSTS; zone HAS settings', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ZONE_SETTINGS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ZONE_SETTINGS));
    expectUniqueKeys(result.collectedEntities);
    const byId = byZone(result.collectedEntities);
    expect(byId[ACME_ZONE]).toMatchObject({
      _key: `cloudflare_zone_settings:${ACME_ZONE}`,
      _class: ['Configuration'],
      name: 'acme.example security settings',
      zoneName: 'acme.example',
      accountId: ACME_CORP,
      sslMode: 'strict',
      minTlsVersion: '1.2',
      alwaysUseHttps: true,
      tls13: 'zrt',
      hstsEnabled: true,
      hstsMaxAge: 31536000,
      hstsIncludeSubdomains: true,
      hstsPreload: true,
      hstsNosniff: true,
      dnssecStatus: 'active',
      dnssecEnabled: true,
    });
    // Properties of the zones list stay on the zone: settings are not read in fetch-zones.
    expect(byId[ACME_ZONE].phishingDetected).toBeUndefined();
    expect(byId[MUNCHEN_ZONE]).toMatchObject({
      sslMode: 'flexible',
      minTlsVersion: '1.0',
      alwaysUseHttps: false,
      tls13: 'on',
      hstsEnabled: false,
      hstsNosniff: false,
      dnssecStatus: 'pending',
      dnssecEnabled: false,
    });
    expect(byId[ACME_CDN_ZONE]).toMatchObject({ sslMode: 'full', hstsEnabled: false, dnssecEnabled: true });
    // Every zone has its settings, with every property, as the dataset has them for all 64.
    expect(Object.keys(byId)).toHaveLength(64);
    for (const zone of Object.values(byId)) {
      expect(typeof zone.sslMode).toBe('string');
      expect(typeof zone.minTlsVersion).toBe('string');
      expect(typeof zone.alwaysUseHttps).toBe('boolean');
      expect(typeof zone.dnssecStatus).toBe('string');
    }
    expect(Object.values(byId)).toMatchGraphObjectSchema({ _class: Entities.ZONE_SETTINGS._class });
    expect(edgesOf(result.collectedRelationships, Relationships.ZONE_HAS_SETTINGS._type)).toEqual(
      realisticDataset()
        .zones.map((z) => `cloudflare_dns_zone:${z.id} -> cloudflare_zone_settings:${z.id}`)
        .sort(),
    );
    // Two requests per zone: every setting in one, DNSSEC in the other.
    expect(realistic.sim.stats.byRoute['GET /zones/:id/settings']).toBe(64);
    expect(realistic.sim.stats.byRoute['GET /zones/:id/dnssec']).toBe(64);
  });

  test('once GET /settings is retired (404), the rest are read one setting each, with the same values', async () => {
    data.zoneSettingsListMissing = true;
    try {
      const result = await executeStepWithDependencies({
        stepId: Steps.ZONE_SETTINGS,
        invocationConfig,
        instanceConfig: realistic.config({ maxConcurrentRequests: '1' }),
      });
      const settings = byZone(result.collectedEntities);
      const acme = settings[ACME_ZONE];
      expect(acme).toMatchObject({ sslMode: 'strict', minTlsVersion: '1.2', hstsPreload: true, dnssecEnabled: true });
      // One request found the list gone; then 5 settings for each of the 64 zones.
      expect(realistic.sim.stats.byRoute['GET /zones/:id/settings']).toBe(1);
      expect(realistic.sim.stats.byRoute['GET /zones/:id/settings/:setting']).toBe(64 * 5);
      expect(Object.values(settings).every((e) => typeof e.sslMode === 'string')).toBe(true);
      expect(Object.keys(settings)).toHaveLength(64);
    } finally {
      data.zoneSettingsListMissing = false;
    }
  });

  test('without Zone Settings Read: zones kept, their settings without those properties, at most 3 requests and one warning + event per account', async () => {
    const token = data.tokens.find((t) => t.value === SIM_TOKENS.user)!;
    const saved = [...token.permissions];
    token.permissions = saved.filter((p) => p !== 'zone_settings_read');
    try {
      const { zones, settings, warn, publish } = await collectZonesAndSettings(realistic.config());
      expect(zones).toHaveLength(64);
      expect(Object.values(settings).filter((z) => z.sslMode !== undefined)).toEqual([]);
      // DNSSEC needs DNS Read only, so it is still there, on every zone's settings.
      expect(Object.keys(settings)).toHaveLength(64);
      expect(Object.values(settings).every((z) => typeof z.dnssecStatus === 'string')).toBe(true);
      const warnings = warn.mock.calls.map((call) => String(call[1]));
      expect(warnings).toHaveLength(3);
      for (const warning of warnings) expect(warning).toContain('Grant the token "Zone Settings Read"');
      // Acme Corp (58 zones) and Acme Labs (3): concluded after their first 3 zones; Sandbox's 2 zones are named.
      expect(warnings[0]).toContain(
        `Zone security settings of account ${ACME_CORP} are left out: the token may not read them in this account.`,
      );
      expect(warnings[0]).toContain('so the other 55 were not asked');
      expect(warnings[2]).toContain(`Zone security settings of 2 zones of account ${SANDBOX} are left out`);
      expect(publish.mock.calls.map((call) => call[0].name)).toEqual([
        'permission_missing',
        'permission_missing',
        'permission_missing',
      ]);
      // At most 3 refused requests per account (REFUSALS_TO_CONCLUDE), then none.
      expect(realistic.sim.stats.byRoute['GET /zones/:id/settings']).toBe(3 + 3 + 2);
    } finally {
      token.permissions = saved;
    }
  });

  test('settings and DNSSEC refused for one zone each: those zones alone lose them, one warning each', async () => {
    const token = data.tokens.find((t) => t.value === SIM_TOKENS.user)!;
    const others = (refused: string) => data.zones.map((z) => z.id).filter((id) => id !== refused);
    token.zonesOnly = { zone_settings_read: others(ACME_ZONE), dns_read: others(MUNCHEN_ZONE) };
    try {
      const { zones, settings: byId, warn, publish } = await collectZonesAndSettings(realistic.config());
      expect(zones).toHaveLength(data.zones.length);
      // The refused zone has no settings, but its DNSSEC; München the other way round.
      expect(byId[ACME_ZONE]).toMatchObject({ dnssecStatus: 'active', dnssecEnabled: true });
      expect(byId[ACME_ZONE].sslMode).toBeUndefined();
      expect(byId[ACME_ZONE].hstsEnabled).toBeUndefined();
      expect(byId[MUNCHEN_ZONE]).toMatchObject({ sslMode: 'flexible', minTlsVersion: '1.0', tls13: 'on' });
      expect(byId[MUNCHEN_ZONE].dnssecStatus).toBeUndefined();
      // Every other zone keeps both, with the dataset's values.
      for (const zone of zones.filter((z) => z.id !== ACME_ZONE && z.id !== MUNCHEN_ZONE)) {
        const ssl = data.zoneSettingsByZone.get(zone.id as string)!.find((s) => s.id === 'ssl')!.value;
        expect(byId[zone.id as string].sslMode).toBe(ssl);
        expect(byId[zone.id as string].dnssecStatus).toBe(data.dnssecByZone.get(zone.id as string)!.status);
      }
      // One request each per zone, the refused ones included.
      expect(realistic.sim.stats.byRoute['GET /zones/:id/settings']).toBe(data.zones.length);
      expect(realistic.sim.stats.byRoute['GET /zones/:id/dnssec']).toBe(data.zones.length);
      const cause = (path: string, permission: string) =>
        `Provider authorization failed at GET ${path}: 403 Forbidden (Cloudflare error 10000 Authentication error). ` +
        `The token may not read this resource: grant the token the "${permission}" permission (Cloudflare dashboard > API Tokens > Edit).`;
      const expected = [
        `Zone security settings of 1 zone of account ${ACME_CORP} are left out: the token may not read them there ` +
          '(acme.example). Grant the token "Zone Settings Read" on that zone (Cloudflare dashboard > API Tokens > Edit). ' +
          `Every zone is still collected; the refused zones' settings lack these properties. (${cause(`/zones/${ACME_ZONE}/settings`, 'Zone Settings Read')})`,
        `DNSSEC settings of 1 zone of account ${ACME_CORP} are left out: the token may not read them there ` +
          '(xn--mnchen-3ya.de). Grant the token "DNS Read" on that zone (Cloudflare dashboard > API Tokens > Edit). ' +
          `Every zone is still collected; the refused zones' settings lack these properties. (${cause(`/zones/${MUNCHEN_ZONE}/dnssec`, 'DNS Read')})`,
      ];
      expect(warn.mock.calls.map((call) => String(call[1]))).toEqual(expected);
      expect(publish.mock.calls.map((call) => call[0])).toEqual(
        expected.map((description) => ({ name: 'permission_missing', description, level: 'warn' })),
      );
    } finally {
      delete token.zonesOnly;
    }
  });
});

describe('fetch-zone-settings: a zone refused altogether', () => {
  const data = realisticDataset();
  const realistic = useSimulator(() => data);

  test('a zone whose settings and DNSSEC are both refused gets no settings entity', async () => {
    const token = data.tokens.find((t) => t.value === SIM_TOKENS.user)!;
    const others = data.zones.map((z) => z.id).filter((id) => id !== ACME_ZONE);
    token.zonesOnly = { zone_settings_read: others, dns_read: others };
    try {
      const { zones, settings } = await collectZonesAndSettings(realistic.config());
      expect(zones).toHaveLength(data.zones.length);
      expect(settings[ACME_ZONE]).toBeUndefined();
      expect(Object.keys(settings)).toHaveLength(data.zones.length - 1);
    } finally {
      delete token.zonesOnly;
    }
  });
});

test('is the zone-settings area step: after fetch-zones alone (beside fetch-dns-records), named by its ingestion source', () => {
  expect(zoneSettingsSteps).toHaveLength(1);
  expect(zoneSettingsSteps[0]).toMatchObject({
    id: Steps.ZONE_SETTINGS,
    dependsOn: [Steps.ZONES],
    ingestionSourceId: 'zone-settings',
  });
  expect(stepMetadata(Steps.ZONE_SETTINGS).stepId).toBe('fetch-zone-settings');
  // The switch (INGEST_ZONE_SETTINGS=false) disables this step alone: getStepStartStates.test.ts.
});
