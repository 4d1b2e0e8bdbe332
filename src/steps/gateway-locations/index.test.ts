import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset } from '../../../simulator';
import { ACME_CORP } from '../../../test/fixtures';

const startRecording = useRecordings();

describe('fetch-gateway-locations, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test("Acme Corp's two locations, exactly; Acme Labs has none and Sandbox no Zero Trust", async () => {
    startRecording({ directory: __dirname, name: 'fetch-gateway-locations-realistic', recordFailedRequests: true });
    const result = await executeStepWithDependencies({
      stepId: Steps.GATEWAY_LOCATIONS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.GATEWAY_LOCATIONS));
    expectUniqueKeys(result.collectedEntities);

    const locations = realisticDataset().gatewayLocationsByAccount.get(ACME_CORP)!;
    const [hq, berlin] = locations;
    expect(locations.map((l) => l.name)).toEqual(['HQ office', 'Berlin branch']);
    expect(keysOf(result.collectedEntities)).toEqual(
      locations.map((l) => `cloudflare_gateway_location:${l.id}`).sort(),
    );

    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    expect(byKey[`cloudflare_gateway_location:${hq.id}`]).toMatchObject({
      _class: ['Site'],
      id: hq.id,
      name: 'HQ office',
      displayName: 'HQ office',
      accountId: ACME_CORP,
      clientDefault: true,
      dohSubdomain: 'c440d63a08',
      ecsSupport: true,
      ipv4Destination: '172.64.36.97',
      ipv6: '2a06:98c1:54::60',
      networks: ['203.0.113.0/24'],
      dohEnabled: true,
      dotEnabled: true,
      ipv4Enabled: true,
      ipv6Enabled: true,
      // DoH only with a user token, and only from these networks.
      dohRequireToken: true,
      dohNetworks: ['203.0.113.0/24', '2001:db8:100::/48'],
      dotNetworks: [],
      ipv6Networks: [],
      createdOn: Date.parse('2023-03-01T10:00:00Z'),
      updatedOn: Date.parse('2025-01-20T15:30:00.250Z'),
    });
    expect(byKey[`cloudflare_gateway_location:${berlin.id}`]).toMatchObject({
      name: 'Berlin branch',
      clientDefault: false,
      ecsSupport: false,
      networks: ['198.51.100.0/26', '198.51.100.64/26'],
      dohEnabled: true,
      dotEnabled: false,
      ipv4Enabled: true,
      ipv6Enabled: false,
      dohRequireToken: false,
      dohNetworks: [],
    });
    for (const e of result.collectedEntities) {
      expect(e).toMatchGraphObjectSchema({ _class: Entities.GATEWAY_LOCATION._class });
    }

    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_GATEWAY_LOCATION._type)).toEqual(
      locations.map((l) => `cloudflare_account:${ACME_CORP} -> cloudflare_gateway_location:${l.id}`).sort(),
    );
    expect(result.collectedRelationships).toHaveLength(2);
  });
});
