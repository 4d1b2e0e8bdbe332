import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS, tinyDataset } from '../../../simulator';
import { ACME_CORP, ACME_LABS, COM_ZONE, NET_ZONE, SANDBOX, TINY_ACCOUNT } from '../../../test/fixtures';

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
    // The zones list alone: security settings are fetch-zone-settings' requests.
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts': 1, 'GET /zones': 4 });
  });
});

describe('fetch-zones: without Zone Read', () => {
  const realistic = useSimulator(realisticDataset);

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
