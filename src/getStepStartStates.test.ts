import { DisabledStepReason } from '@jupiterone/integration-sdk-core';
import { createMockExecutionContext } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from './config';
import { IngestionSources } from './areas';
import { Steps } from './constants';
import { getStepStartStates } from './getStepStartStates';
import { invocationConfig } from './index';
import { ingestionConfig } from './ingestionConfig';

const TOKEN = 'STARTSTATESfake0token-qq8W_unitTEST-cc3d';

function statesFor(config: Partial<IntegrationConfig>) {
  const context = createMockExecutionContext<IntegrationConfig>({
    instanceConfig: { apiToken: TOKEN, apiBaseUrl: 'http://127.0.0.1:1/client/v4', ...config },
  });
  return getStepStartStates(context);
}

describe('getStepStartStates', () => {
  test('has an entry for every step, and no other', () => {
    expect(Object.keys(statesFor({})).sort()).toEqual(invocationConfig.integrationSteps.map((s) => s.id).sort());
  });

  test('without ACCOUNT_IDS, check-account-ids is off for a config reason and everything else runs', () => {
    const on = { disabled: false };
    expect(statesFor({})).toEqual({
      [Steps.ACCOUNTS]: on,
      [Steps.CHECK_ACCOUNT_IDS]: { disabled: true, disabledReason: DisabledStepReason.CONFIG },
      [Steps.ACTIVITY]: on,
      [Steps.ACCOUNT_ROLES]: on,
      [Steps.ACCOUNT_MEMBERS]: on,
      [Steps.ZONES]: on,
      [Steps.DNS_RECORDS]: on,
      [Steps.ZONE_SETTINGS]: on,
      [Steps.MEMBER_ZONE_ACCESS]: on,
      [Steps.API_TOKENS]: on,
      [Steps.ACCESS_USERS]: on,
      [Steps.DEVICES]: on,
      [Steps.DEVICE_POSTURE_RULES]: on,
      [Steps.GATEWAY_LOCATIONS]: on,
      [Steps.TUNNELS]: on,
      [Steps.ACCESS_IDENTITY_PROVIDERS]: on,
      [Steps.ACCESS_GROUPS]: on,
      [Steps.ACCESS_POLICIES]: on,
      [Steps.ACCESS_APPLICATIONS]: on,
      [Steps.ACCESS_POLICY_USERS]: on,
      [Steps.ACCESS_USER_ACTIVITY]: on,
    });
  });

  const off = { disabled: true, disabledReason: DisabledStepReason.CONFIG };
  const offSteps = (config: Partial<IntegrationConfig>) =>
    Object.entries(statesFor(config))
      .filter(([, state]) => state.disabled)
      .map(([id, state]) => {
        expect(state).toEqual(off);
        return id;
      })
      .filter((id) => id !== Steps.CHECK_ACCOUNT_IDS)
      .sort();

  test.each([
    [
      'ingestZeroTrust',
      [
        Steps.ACCESS_USERS,
        Steps.DEVICES,
        Steps.DEVICE_POSTURE_RULES,
        Steps.GATEWAY_LOCATIONS,
        Steps.ACCESS_POLICY_USERS,
        Steps.ACCESS_USER_ACTIVITY,
      ],
    ],
    [
      'ingestAccessConfiguration',
      [
        Steps.ACCESS_IDENTITY_PROVIDERS,
        Steps.ACCESS_GROUPS,
        Steps.ACCESS_POLICIES,
        Steps.ACCESS_APPLICATIONS,
        Steps.ACCESS_POLICY_USERS,
        Steps.ACCESS_USER_ACTIVITY,
      ],
    ],
    ['ingestApiTokens', [Steps.API_TOKENS]],
    ['ingestDnsRecords', [Steps.DNS_RECORDS]],
    // Zone settings live on the zone entity: fetch-zones reads them or not; the area's own step reports them.
    ['ingestZoneSettings', [Steps.ZONE_SETTINGS]],
    // fetch-activity stays on (members and users depend on it) and skips itself: see steps/activity.
    ['ingestActivity', [Steps.ACCESS_USER_ACTIVITY]],
    ['ingestTunnels', [Steps.TUNNELS]],
  ])('%s=false switches off exactly its steps, for a config reason', (field, steps) => {
    expect(offSteps({ [field]: 'false' })).toEqual([...steps].sort());
    expect(offSteps({ [field]: false } as Partial<IntegrationConfig>)).toEqual([...steps].sort());
  });

  test('the core steps cannot be switched off', () => {
    const everyAreaOff = {
      ingestZeroTrust: 'false',
      ingestAccessConfiguration: 'false',
      ingestApiTokens: 'false',
      ingestZoneSettings: 'false',
      ingestDnsRecords: 'false',
      ingestActivity: 'false',
      ingestTunnels: 'false',
    };
    const states = statesFor(everyAreaOff);
    for (const id of [
      Steps.ACCOUNTS,
      Steps.ACTIVITY,
      Steps.ACCOUNT_ROLES,
      Steps.ACCOUNT_MEMBERS,
      Steps.ZONES,
      Steps.MEMBER_ZONE_ACCESS,
    ]) {
      expect(states[id]).toEqual({ disabled: false });
    }
  });

  test('with ACCOUNT_IDS, check-account-ids runs', () => {
    expect(statesFor({ accountIds: '0123456789abcdef0123456789abcdef' })[Steps.CHECK_ACCOUNT_IDS]).toEqual({
      disabled: false,
    });
  });
});

describe('ingestionConfig', () => {
  test('every source is used by a step, and every step source is declared', () => {
    const used = new Set(invocationConfig.integrationSteps.map((s) => s.ingestionSourceId).filter(Boolean));
    expect([...used].sort()).toEqual(Object.keys(ingestionConfig).sort());
    expect(invocationConfig.ingestionConfig).toBe(ingestionConfig);
  });

  test('DNS records can be switched off as a source, with a title and description', () => {
    expect(ingestionConfig[IngestionSources.dnsRecords]).toEqual({
      title: 'DNS records',
      description: 'Every DNS record of every zone: at least one request per zone, the bulk of a collection.',
    });
    expect(invocationConfig.integrationSteps.find((s) => s.id === Steps.DNS_RECORDS)!.ingestionSourceId).toBe(
      IngestionSources.dnsRecords,
    );
  });
});
