import { IntegrationProviderAPIError, IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { keysOf } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS, tinyDataset } from '../../../simulator';
import { createAccountEntity } from './converter';
import { checkAccountIds } from '../check-account-ids';
import { fetchAccounts } from './index';
import { ACME_CORP, ACME_LABS, SANDBOX, TINY_ACCOUNT } from '../../../test/fixtures';

const startRecording = useRecordings();

describe('fetch-accounts, tiny dataset', () => {
  const tiny = useSimulator(tinyDataset);

  test('collects the one account, exactly', async () => {
    startRecording({ directory: __dirname, name: 'fetch-accounts-tiny' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNTS,
      invocationConfig,
      instanceConfig: tiny.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCOUNTS));
    expect(result.collectedEntities).toEqual([createAccountEntity(tinyDataset().accounts[0])]);
    expect(result.collectedEntities).toMatchObject([
      {
        _key: `cloudflare_account:${TINY_ACCOUNT}`,
        _type: 'cloudflare_account',
        id: TINY_ACCOUNT,
        name: 'Tiny Example Account',
        type: 'standard',
        mfaEnforced: false,
        webLink: `https://dash.cloudflare.com/${TINY_ACCOUNT}`,
      },
    ]);
    expect(result.collectedRelationships).toEqual([]);
  });

  test('replays the recording above without reaching the simulator', async () => {
    startRecording({ directory: __dirname, name: 'fetch-accounts-tiny' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNTS,
      invocationConfig,
      instanceConfig: tiny.config(),
    });
    expect(keysOf(result.collectedEntities)).toEqual([`cloudflare_account:${TINY_ACCOUNT}`]);
    expect(tiny.sim.stats.requests).toBe(0);
  });
});

describe('fetch-accounts, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('collects the three accounts with their 2FA enforcement', async () => {
    startRecording({ directory: __dirname, name: 'fetch-accounts-realistic' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNTS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCOUNTS));
    expect(result.collectedEntities).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT._class });
    expect(keysOf(result.collectedEntities)).toEqual(
      [ACME_CORP, ACME_LABS, SANDBOX].map((id) => `cloudflare_account:${id}`).sort(),
    );
    const byId = Object.fromEntries(result.collectedEntities.map((e) => [e.id, e]));
    expect(byId[ACME_CORP]).toMatchObject({
      name: 'Acme Corp',
      type: 'enterprise',
      mfaEnforced: true,
      abuseContactEmail: 'abuse@acme.example',
    });
    expect(byId[ACME_LABS]).toMatchObject({
      name: 'Acme Labs',
      type: 'standard',
      mfaEnforced: false,
      managedByOrgName: 'Acme Holdings',
    });
    expect(byId[SANDBOX]).toMatchObject({ name: 'Sandbox (personal)', type: 'standard', mfaEnforced: false });
  });

  test('ACCOUNT_IDS with an account-owned token reads just that account via /accounts/{id}', async () => {
    startRecording({ directory: __dirname, name: 'fetch-accounts-account-owned-token' });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNTS,
      invocationConfig,
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.accountOwned, accountIds: ACME_CORP }),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCOUNTS));
    expect(result.collectedEntities).toEqual([createAccountEntity(realisticDataset().accounts[0])]);
  });
});

describe('fetch-accounts: requests (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('one page of /accounts lists all three', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNTS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result.collectedEntities).toHaveLength(3);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts': 1 });
  });

  test('ACCOUNT_IDS (deduplicated) reads each account once and never lists accounts', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCOUNTS,
      invocationConfig,
      instanceConfig: realistic.config({ accountIds: `${ACME_LABS}, ${SANDBOX},${ACME_LABS}` }),
    });
    expect(keysOf(result.collectedEntities)).toEqual(
      [`cloudflare_account:${ACME_LABS}`, `cloudflare_account:${SANDBOX}`].sort(),
    );
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts/:id': 2 });
  });

  test('an account in ACCOUNT_IDS the token cannot reach is named in a warning; the others are kept and the step succeeds', async () => {
    const unreachable = 'ffffffffffffffffffffffffffffffff';
    const context = createMockStepExecutionContext<IntegrationConfig>({
      instanceConfig: realistic.config({ accountIds: `${ACME_LABS},${unreachable}` }),
    });
    const warn = jest.spyOn(context.logger, 'warn');
    await fetchAccounts(context);
    expect(keysOf(context.jobState.collectedEntities)).toEqual([`cloudflare_account:${ACME_LABS}`]);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts/:id': 2 });
    expect(warn).toHaveBeenCalledWith(
      { accountId: unreachable },
      `Account ${unreachable} from ACCOUNT_IDS could not be read; collecting the others. ` +
        `Provider authorization failed at GET /accounts/${unreachable}: 403 Forbidden (Cloudflare error 9109 Unauthorized to access requested resource). ` +
        'The token may not read this resource: grant the token the "Account Settings Read" permission (Cloudflare dashboard > API Tokens > Edit); ' +
        `and check that account ${unreachable} in ACCOUNT_IDS is one the token was given access to.`,
    );
    // check-account-ids then fails, so only the account type is reported partial.
    await expect(checkAccountIds(context)).rejects.toThrow(
      `Provider API failed at GET /accounts/${unreachable}: unreadable Account ${unreachable} in ACCOUNT_IDS could not be read ` +
        '(see the warning of fetch-accounts): remove stale ids from ACCOUNT_IDS, or give the token access. ' +
        'The account type is reported partial so JupiterOne keeps the previous account entities.',
    );
  });

  test('when no account in ACCOUNT_IDS can be read, the step fails naming every id', async () => {
    const unreachable = ['ffffffffffffffffffffffffffffffff', 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'];
    const context = createMockStepExecutionContext<IntegrationConfig>({
      instanceConfig: realistic.config({ accountIds: unreachable.join(',') }),
    });
    const promise = fetchAccounts(context);
    await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAPIError);
    await expect(promise).rejects.toThrow(
      `None of the accounts in ACCOUNT_IDS could be read (${unreachable.join(', ')}).`,
    );
    expect(context.jobState.collectedEntities).toEqual([]);
  });

  test('an account-owned token without ACCOUNT_IDS fails the step, naming ACCOUNT_IDS', async () => {
    const promise = executeStepWithDependencies({
      stepId: Steps.ACCOUNTS,
      invocationConfig,
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.accountOwned }),
    });
    await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAuthorizationError);
    await expect(promise).rejects.toThrow(/ACCOUNT_IDS/);
    await expect(promise).rejects.not.toThrow(SIM_TOKENS.accountOwned);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts': 1 });
  });
});
