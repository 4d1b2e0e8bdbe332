import { PublishEventLevel } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import {
  simulatorConfig,
  SimulatorHandle,
  stepMetadata,
  testInvocationConfig as invocationConfig,
  useSimulator,
} from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, RunningSimulator, SIM_TOKENS, SimTunnel, startSimulator } from '../../../simulator';
import { ACME_CORP, ACME_LABS, SANDBOX } from '../../../test/fixtures';
import { fetchAccounts } from '../accounts';
import { fetchTunnels } from '.';

const startRecording = useRecordings();

const LIST = 'GET /accounts/:id/cfd_tunnel';
const CONNECTIONS = 'GET /accounts/:id/cfd_tunnel/:tunnel/connections';

function tunnelNamed(name: string): SimTunnel {
  const all = [...realisticDataset().tunnelsByAccount.values()].flat();
  return all.find((t) => t.name === name)!;
}
const key = (name: string) => `cloudflare_tunnel:${tunnelNamed(name).id}`;

describe('fetch-tunnels, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('the four tunnels not deleted, exactly; connections from the list or, where it has none, the connections endpoint', async () => {
    startRecording({ directory: __dirname, name: 'fetch-tunnels-realistic', recordFailedRequests: true });
    const result = await executeStepWithDependencies({
      stepId: Steps.TUNNELS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.TUNNELS));
    expectUniqueKeys(result.collectedEntities);
    expect(keysOf(result.collectedEntities)).toEqual(['hq-web', 'billing-api', 'staging', 'labs-ci'].map(key).sort());

    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    expect(byKey[key('hq-web')]).toMatchObject({
      _class: ['NetworkEndpoint'],
      id: tunnelNamed('hq-web').id,
      accountId: ACME_CORP,
      name: 'hq-web',
      displayName: 'hq-web',
      status: 'healthy',
      active: true,
      tunnelType: 'cfd_tunnel',
      configSource: 'cloudflare',
      remoteConfig: true,
      createdOn: Date.parse('2024-02-10T09:00:00Z'),
      deleted: false,
      connectionsActiveOn: Date.parse('2025-11-30T06:12:44.5Z'),
      connectionCount: 2,
      connectorCount: 2,
      origins: ['203.0.113.10', '203.0.113.11'],
      coloNames: ['ams01', 'lhr01'],
      clientVersions: ['2025.7.1', '2025.8.0'],
    });
    expect(byKey[key('hq-web')].connectionsInactiveOn).toBeUndefined();
    expect(byKey[key('hq-web')].deletedOn).toBeUndefined();
    // Listed without connections: read from the connections endpoint; the pending one is not counted as serving.
    expect(byKey[key('billing-api')]).toMatchObject({
      status: 'degraded',
      active: true,
      configSource: 'local',
      remoteConfig: false,
      connectionCount: 1,
      connectorCount: 1,
      origins: ['198.51.100.7'],
      coloNames: ['fra02', 'fra08'],
      clientVersions: ['2024.2.1'],
    });
    expect(byKey[key('staging')]).toMatchObject({
      status: 'inactive',
      active: false,
      connectionCount: 0,
      connectorCount: 0,
      origins: [],
      coloNames: [],
      clientVersions: [],
    });
    expect(byKey[key('staging')].connectionsActiveOn).toBeUndefined();
    expect(byKey[key('labs-ci')]).toMatchObject({
      accountId: ACME_LABS,
      status: 'down',
      active: false,
      connectionsActiveOn: Date.parse('2025-10-01T10:00:00Z'),
      connectionsInactiveOn: Date.parse('2025-11-15T22:10:00Z'),
      connectionCount: 0,
    });
    for (const e of result.collectedEntities) {
      expect(e).toMatchGraphObjectSchema({ _class: Entities.TUNNEL._class });
    }

    expect(edgesOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_TUNNEL._type)).toEqual(
      [
        `cloudflare_account:${ACME_CORP} -> ${key('hq-web')}`,
        `cloudflare_account:${ACME_CORP} -> ${key('billing-api')}`,
        `cloudflare_account:${ACME_CORP} -> ${key('staging')}`,
        `cloudflare_account:${ACME_LABS} -> ${key('labs-ci')}`,
      ].sort(),
    );
    expect(result.collectedRelationships).toHaveLength(4);
  });
});

/** Accounts, then fetch-tunnels alone (its requests counted), with the warnings and events it gave. */
async function collect(simulator: SimulatorHandle, config: Partial<IntegrationConfig> = {}) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: simulator.config(config) });
  await fetchAccounts(context);
  simulator.sim.resetStats();
  const warn = jest.spyOn(context.logger, 'warn');
  const publish = jest.spyOn(context.logger, 'publishEvent');
  await expect(fetchTunnels(context)).resolves.toBeUndefined();
  return { context, warnings: warn.mock.calls.map((call) => String(call[1])), publish };
}

describe('fetch-tunnels (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('one listing per account and one connections request, for the tunnel listed without them', async () => {
    const { context, warnings } = await collect(realistic);
    expect(realistic.sim.stats.byRoute).toEqual({ [LIST]: 3, [CONNECTIONS]: 1 });
    expect(ofType(context.jobState.collectedEntities, Entities.TUNNEL._type)).toHaveLength(4);
    expect(warnings).toEqual([]);
  });

  test('INCLUDE_DELETED_TUNNELS: the deleted tunnel too, flagged deleted with its deletion time', async () => {
    const { context } = await collect(realistic, { includeDeletedTunnels: 'true' });
    const tunnels = ofType(context.jobState.collectedEntities, Entities.TUNNEL._type);
    expect(keysOf(tunnels)).toEqual(['hq-web', 'billing-api', 'staging', 'old-vpn', 'labs-ci'].map(key).sort());
    expect(tunnels.find((t) => t._key === key('old-vpn'))).toMatchObject({
      name: 'old-vpn',
      status: 'down',
      active: false,
      deleted: true,
      deletedOn: Date.parse('2024-03-01T17:45:00Z'),
      connectionsInactiveOn: Date.parse('2024-02-28T09:00:00Z'),
    });
    expect(tunnels.filter((t) => t.deleted === true)).toHaveLength(1);
  });
});

describe('fetch-tunnels without Cloudflare Tunnel Read (live simulator)', () => {
  const noTunnelRead = useSimulator(() => {
    const dataset = realisticDataset();
    const user = dataset.tokens.find((t) => t.value === SIM_TOKENS.user)!;
    user.permissions = user.permissions.filter((p) => p !== 'tunnel_read');
    return dataset;
  });

  test('one warning and warn event per account naming the permission; the step succeeds with no tunnels', async () => {
    const { context, warnings, publish } = await collect(noTunnelRead);
    expect(ofType(context.jobState.collectedEntities, Entities.TUNNEL._type)).toEqual([]);
    expect(ofType(context.jobState.collectedEntities, Entities.ACCOUNT._type)).toHaveLength(3);
    expect(noTunnelRead.sim.stats.byRoute).toEqual({ [LIST]: 3 });
    expect(warnings).toHaveLength(3);
    for (const accountId of [ACME_CORP, ACME_LABS, SANDBOX]) {
      expect(warnings).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Skipped Cloudflare Tunnels of account ${accountId}: the token may not read them\\. ` +
              `Grant the token "Cloudflare Tunnel Read" for this account \\(Cloudflare dashboard > API Tokens > Edit\\)\\. ` +
              `Everything else is still collected\\. \\(.*403.*10000 Authentication error.*\\)$`,
          ),
        ),
      );
    }
    expect(publish.mock.calls.map(([event]) => [event.name, event.level])).toEqual(
      Array(3).fill(['permission_missing', PublishEventLevel.Warn]),
    );
  });
});

describe('fetch-tunnels when the connections endpoint answers nonsense (live simulator)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      dataset: realisticDataset(),
      hostile: [{ pattern: /\/cfd_tunnel\/[^/]+\/connections$/, behaviour: 'result-null' }],
    });
  });
  afterAll(() => sim.close());

  test("that tunnel is kept without connection properties, a warning names it, and the step's types are partial", async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: simulatorConfig(sim) });
    await fetchAccounts(context);
    const warn = jest.spyOn(context.logger, 'warn');
    await expect(fetchTunnels(context)).rejects.toThrow(
      /^Collected everything else, but one listing is incomplete, so this step's types are reported partial: Cloudflare Tunnel [0-9a-f-]{36} \(billing-api\) of account [0-9a-f]{32} is kept without connectionCount, origins, coloNames and clientVersions: its connections could not be read \(GET \/accounts\/[0-9a-f]{32}\/cfd_tunnel\/[0-9a-f-]{36}\/connections: page 1 answered success without a list \(result: null\)/,
    );
    const tunnels = ofType(context.jobState.collectedEntities, Entities.TUNNEL._type);
    expect(tunnels).toHaveLength(4);
    const billing = tunnels.find((t) => t._key === key('billing-api'))!;
    expect(billing).toMatchObject({ status: 'degraded', active: true });
    expect([billing.connectionCount, billing.origins, billing.coloNames, billing.clientVersions]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // The healthy tunnel's own list entry still gave its connections.
    expect(tunnels.find((t) => t._key === key('hq-web'))!.origins).toEqual(['203.0.113.10', '203.0.113.11']);
    expect(warn.mock.calls.map((call) => String(call[1]))).toContainEqual(
      expect.stringMatching(
        /^Cloudflare Tunnel .* \(billing-api\) of account .* is kept without .*: its connections could not be read \(/,
      ),
    );
  });
});
