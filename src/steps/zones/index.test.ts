import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, IngestionSources, Relationships, Steps } from '../../constants';
import { createAccountEntity } from '../accounts/converter';
import { fetchZones } from '.';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS, tinyDataset } from '../../../test/simulator';
import {
  ACME_CDN_ZONE,
  ACME_CORP,
  ACME_LABS,
  ACME_ZONE,
  COM_ZONE,
  MUNCHEN_ZONE,
  NET_ZONE,
  SANDBOX,
  TINY_ACCOUNT,
} from '../../../test/fixtures';

const startRecording = useRecordings();

describe('fetch-zones, tiny dataset', () => {
  const tiny = useSimulator(tinyDataset);

  test('two zones, each linked to the account', async () => {
    startRecording({ directory: __dirname, name: 'fetch-zones-tiny' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ZONES,
      invocationConfig,
      instanceConfig: tiny.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ZONES));
    expect(keysOf(result.collectedEntities)).toEqual(
      [`cloudflare_dns_zone:${COM_ZONE}`, `cloudflare_dns_zone:${NET_ZONE}`].sort(),
    );
    const byName = Object.fromEntries(result.collectedEntities.map((e) => [e.name, e]));
    expect(byName['example.com']).toMatchObject({
      id: COM_ZONE,
      accountId: TINY_ACCOUNT,
      status: 'active',
      active: true,
      type: 'full',
      plan: 'Pro Website',
      activatedOn: Date.UTC(2020, 3, 26, 2, 1, 17, 441),
    });
    expect(byName['example.net']).toMatchObject({
      id: NET_ZONE,
      accountId: TINY_ACCOUNT,
      status: 'pending',
      active: false,
      type: 'partial',
      plan: 'Free Website',
      activatedOn: undefined,
    });
    expect(result.collectedRelationships).toHaveLength(2);
    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_ZONE._type)).toEqual(
      [COM_ZONE, NET_ZONE].map((z) => `cloudflare_account:${TINY_ACCOUNT} -> cloudflare_dns_zone:${z}`).sort(),
    );
  });
});

describe('fetch-zones, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('64 zones, each linked to its own account (account.id filter), the internal zone included', async () => {
    startRecording({ directory: __dirname, name: 'fetch-zones-realistic' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ZONES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ZONES));
    expect(result.collectedEntities).toMatchGraphObjectSchema({ _class: Entities.DNS_ZONE._class });
    expectUniqueKeys(result.collectedEntities);
    expect(result.collectedEntities).toHaveLength(64);
    expect(countBy(result.collectedEntities, (z) => z.accountId as string)).toEqual({
      [ACME_CORP]: 58,
      [ACME_LABS]: 4,
      [SANDBOX]: 2,
    });

    // Against the dataset: every zone, from the account that owns it.
    const dataset = realisticDataset();
    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_ZONE._type)).toEqual(
      dataset.zones.map((z) => `cloudflare_account:${z.account!.id} -> cloudflare_dns_zone:${z.id}`).sort(),
    );
    expect(result.collectedRelationships).toHaveLength(64);

    const byName = Object.fromEntries(result.collectedEntities.map((e) => [e.name, e]));
    expect(byName['xn--mnchen-3ya.de']).toMatchObject({
      displayName: 'münchen.de',
      unicodeDomainName: 'münchen.de',
      accountId: ACME_CORP,
    });
    expect(byName['xn--fiqs8s.example']).toMatchObject({ displayName: '中国.example', accountId: ACME_LABS });
    expect(byName['acme-paused.example']).toMatchObject({ status: 'active', paused: true, active: false });
    expect(byName['acme-old.example']).toMatchObject({ status: 'moved', active: false, phishingDetected: true });
    expect(byName['acme-retired.example']).toMatchObject({ status: 'deactivated', active: false });
    // Cloudflare lists internal zones only when asked for every type.
    expect(byName['labs.internal.example']).toMatchObject({ type: 'internal', accountId: ACME_LABS });
    expect(byName['sandbox-test.example']).toMatchObject({
      status: 'pending',
      active: false,
      activatedOn: undefined,
      accountId: SANDBOX,
    });
  });
});

describe('fetch-zones: requests and errors (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('zones are listed per account: Acme Corp in two pages of 50, the others in one', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ZONES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result.collectedEntities).toHaveLength(64);
    // Security posture: two requests per zone (every setting in one, DNSSEC in the other).
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /zones': 4,
      'GET /zones/:id/settings': 64,
      'GET /zones/:id/dnssec': 64,
    });
  });

  test('zone security settings switched off (INGEST_ZONE_SETTINGS=false): no settings requests, no posture properties', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ZONES,
      invocationConfig,
      instanceConfig: realistic.config({ ingestZoneSettings: 'false' }),
    });
    expect(result.collectedEntities).toHaveLength(64);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts': 1, 'GET /zones': 4 });
    for (const zone of result.collectedEntities) {
      expect(zone.sslMode).toBeUndefined();
      expect(zone.dnssecStatus).toBeUndefined();
    }
  });

  test('the zone-settings ingestion source disabled in JupiterOne: the same as the switch', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: realistic.config() });
    context.instance.disabledSources = [{ ingestionSourceId: IngestionSources.ZONE_SETTINGS }];
    await context.jobState.addEntity(createAccountEntity(realisticDataset().accounts[0]));
    await fetchZones(context);
    expect(context.jobState.collectedEntities).toHaveLength(1 + 58);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /zones': 2 });
    expect(context.jobState.collectedEntities.filter((e) => e.sslMode !== undefined)).toEqual([]);
  });
});

describe('fetch-zones: security settings on the zone entity', () => {
  // Tests below change this dataset in place (and restore it).
  const data = realisticDataset();
  const realistic = useSimulator(() => data);

  test('exact values for a strict zone, a weak one and a zone without HSTS', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ZONES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    const byId = Object.fromEntries(result.collectedEntities.map((e) => [e.id, e]));
    expect(byId[ACME_ZONE]).toMatchObject({
      name: 'acme.example',
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
      phishingDetected: false,
    });
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
    // Every zone has every property, as the dataset has them for all 64.
    for (const zone of result.collectedEntities) {
      expect(typeof zone.sslMode).toBe('string');
      expect(typeof zone.minTlsVersion).toBe('string');
      expect(typeof zone.alwaysUseHttps).toBe('boolean');
      expect(typeof zone.dnssecStatus).toBe('string');
    }
    expect(result.collectedEntities).toMatchGraphObjectSchema({ _class: Entities.DNS_ZONE._class });
  });

  test('once GET /settings is retired (404), the rest are read one setting each, with the same values', async () => {
    data.zoneSettingsListMissing = true;
    try {
      const result = await executeStepWithDependencies({
        stepId: Steps.ZONES,
        invocationConfig,
        instanceConfig: realistic.config({ maxConcurrentRequests: '1' }),
      });
      const acme = result.collectedEntities.find((e) => e.id === ACME_ZONE)!;
      expect(acme).toMatchObject({ sslMode: 'strict', minTlsVersion: '1.2', hstsPreload: true, dnssecEnabled: true });
      // One request found the list gone; then 5 settings for each of the 64 zones.
      expect(realistic.sim.stats.byRoute['GET /zones/:id/settings']).toBe(1);
      expect(realistic.sim.stats.byRoute['GET /zones/:id/settings/:setting']).toBe(64 * 5);
      expect(result.collectedEntities.every((e) => typeof e.sslMode === 'string')).toBe(true);
    } finally {
      data.zoneSettingsListMissing = false;
    }
  });

  test('without Zone Settings Read: zones kept without the settings, at most 3 requests and one warning + event per account', async () => {
    const token = data.tokens.find((t) => t.value === SIM_TOKENS.user)!;
    const saved = [...token.permissions];
    token.permissions = saved.filter((p) => p !== 'zone_settings_read');
    try {
      const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: realistic.config() });
      for (const account of realisticDataset().accounts) await context.jobState.addEntity(createAccountEntity(account));
      const warn = jest.spyOn(context.logger, 'warn');
      const publish = jest.spyOn(context.logger, 'publishEvent');
      await fetchZones(context);
      const zones = context.jobState.collectedEntities.filter((e) => e._type === Entities.DNS_ZONE._type);
      expect(zones).toHaveLength(64);
      expect(zones.filter((z) => z.sslMode !== undefined)).toEqual([]);
      // DNSSEC needs DNS Read only, so it is still there.
      expect(zones.every((z) => typeof z.dnssecStatus === 'string')).toBe(true);
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
      const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: realistic.config() });
      for (const account of realisticDataset().accounts) await context.jobState.addEntity(createAccountEntity(account));
      const warn = jest.spyOn(context.logger, 'warn');
      const publish = jest.spyOn(context.logger, 'publishEvent');
      await fetchZones(context);
      const zones = context.jobState.collectedEntities.filter((e) => e._type === Entities.DNS_ZONE._type);
      expect(zones).toHaveLength(data.zones.length);
      const byId = Object.fromEntries(zones.map((z) => [z.id, z]));
      // The refused zone has no settings, but its DNSSEC; München the other way round.
      expect(byId[ACME_ZONE]).toMatchObject({ dnssecStatus: 'active', dnssecEnabled: true });
      expect(byId[ACME_ZONE].sslMode).toBeUndefined();
      expect(byId[ACME_ZONE].hstsEnabled).toBeUndefined();
      expect(byId[MUNCHEN_ZONE]).toMatchObject({ sslMode: 'flexible', minTlsVersion: '1.0', tls13: 'on' });
      expect(byId[MUNCHEN_ZONE].dnssecStatus).toBeUndefined();
      // Every other zone keeps both, with the dataset's values.
      for (const zone of zones.filter((z) => z.id !== ACME_ZONE && z.id !== MUNCHEN_ZONE)) {
        const ssl = data.zoneSettingsByZone.get(zone.id as string)!.find((s) => s.id === 'ssl')!.value;
        expect(zone.sslMode).toBe(ssl);
        expect(zone.dnssecStatus).toBe(data.dnssecByZone.get(zone.id as string)!.status);
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
          `Every zone is still collected; the refused ones lack these properties. (${cause(`/zones/${ACME_ZONE}/settings`, 'Zone Settings Read')})`,
        `DNSSEC settings of 1 zone of account ${ACME_CORP} are left out: the token may not read them there ` +
          '(xn--mnchen-3ya.de). Grant the token "DNS Read" on that zone (Cloudflare dashboard > API Tokens > Edit). ' +
          `Every zone is still collected; the refused ones lack these properties. (${cause(`/zones/${MUNCHEN_ZONE}/dnssec`, 'DNS Read')})`,
      ];
      expect(warn.mock.calls.map((call) => String(call[1]))).toEqual(expected);
      expect(publish.mock.calls.map((call) => call[0])).toEqual(
        expected.map((description) => ({ name: 'permission_missing', description, level: 'warn' })),
      );
    } finally {
      delete token.zonesOnly;
    }
  });

  test('without Zone Read the step fails with an authorization error naming "Zone Read"', async () => {
    const promise = executeStepWithDependencies({
      stepId: Steps.ZONES,
      invocationConfig,
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.noZoneRead }),
    });
    await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAuthorizationError);
    await expect(promise).rejects.toThrow('"Zone Read"');
    await expect(promise).rejects.not.toThrow(SIM_TOKENS.noZoneRead);
    // fetch-accounts still works (any account permission); each account's zones are tried once.
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts': 1, 'GET /zones': 3 });
  });
});
