import { DisabledStepReason } from '@jupiterone/integration-sdk-core';
import { createMockExecutionContext } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from './config';
import { IngestionSources, Steps } from './constants';
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
    expect(statesFor({})).toEqual({
      [Steps.ACCOUNTS]: { disabled: false },
      [Steps.CHECK_ACCOUNT_IDS]: { disabled: true, disabledReason: DisabledStepReason.CONFIG },
      [Steps.ACCOUNT_ROLES]: { disabled: false },
      [Steps.ACCOUNT_MEMBERS]: { disabled: false },
      [Steps.ZONES]: { disabled: false },
      [Steps.DNS_RECORDS]: { disabled: false },
    });
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
    expect(ingestionConfig[IngestionSources.DNS_RECORDS]).toEqual({
      title: 'DNS records',
      description: 'Every DNS record of every zone: at least one request per zone, the bulk of a collection.',
    });
    expect(invocationConfig.integrationSteps.find((s) => s.id === Steps.DNS_RECORDS)!.ingestionSourceId).toBe(
      IngestionSources.DNS_RECORDS,
    );
  });
});
