import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Steps } from '../../constants';
import { stepMetadata } from '../../../test/config';
import { createZoneEntity } from '../zones/converter';
import { reportZoneSettings, zoneSettingsSteps } from '.';

const ACCOUNT = '0123456789abcdef0123456789abcdef';

function zone(id: string) {
  return { id, name: `${id.slice(0, 4)}.example`, status: 'active' };
}

test('reports how many zones carry the settings fetch-zones read, and adds nothing', async () => {
  const context = createMockStepExecutionContext<IntegrationConfig>({
    instanceConfig: {
      apiToken: 'ZONESETTINGStest-token-not-real-00000000',
      apiBaseUrl: 'http://127.0.0.1:9/client/v4',
    },
  });
  await context.jobState.addEntities([
    createZoneEntity(ACCOUNT, zone('aaaa0000000000000000000000000001'), { sslMode: 'strict', dnssecStatus: 'active' }),
    createZoneEntity(ACCOUNT, zone('bbbb0000000000000000000000000002'), { dnssecStatus: 'disabled' }),
    createZoneEntity(ACCOUNT, zone('cccc0000000000000000000000000003')),
  ]);
  const info = jest.spyOn(context.logger, 'info');
  await reportZoneSettings(context);
  expect(info.mock.calls.map((call) => call[0])).toEqual([
    'Zone security settings are on 1 of 3 zones and DNSSEC status on 2 (read by fetch-zones, on each zone entity).',
  ]);
  expect(context.jobState.collectedEntities).toHaveLength(3);
  expect(context.jobState.collectedRelationships).toHaveLength(0);
});

test('is the zone-settings area step: after fetch-zones, named by its ingestion source', () => {
  expect(zoneSettingsSteps).toHaveLength(1);
  expect(zoneSettingsSteps[0]).toMatchObject({
    id: Steps.ZONE_SETTINGS,
    dependsOn: [Steps.ZONES],
    ingestionSourceId: 'zone-settings',
  });
  expect(stepMetadata(Steps.ZONE_SETTINGS).stepId).toBe('report-zone-settings');
});
