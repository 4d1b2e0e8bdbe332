import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { CloudflareClient } from './client';
import { parseConfig } from './config';
import { createRun } from './execution';

const TOKEN = 'FAKEtok3n_zzQ9-unit-test-secret-XYZ01234';
const ACCOUNT = '0123456789abcdef0123456789abcdef';

function fakeClient(userToken: 'active' | 'refused') {
  const calls: string[] = [];
  const client = {
    verifyUserToken: async () => {
      calls.push('user');
      if (userToken === 'refused') {
        throw new IntegrationProviderAuthorizationError({
          endpoint: '/user/tokens/verify',
          status: 403,
          statusText: 'Invalid API Token',
        });
      }
      return { id: 't', status: 'active' };
    },
    verifyAccountToken: async (accountId: string) => {
      calls.push(`account ${accountId}`);
      return { id: 't', status: 'active' };
    },
  };
  return { client: client as unknown as CloudflareClient, calls };
}

describe('the run settles the token kind once', () => {
  test('a user token: one verify request, however many steps ask at once', async () => {
    const run = createRun(parseConfig({ apiToken: TOKEN }));
    const { client, calls } = fakeClient('active');
    await expect(Promise.all([run.tokenKind(client), run.tokenKind(client)])).resolves.toEqual(['user', 'user']);
    await expect(run.tokenKind(client)).resolves.toBe('user');
    expect(calls).toEqual(['user']);
  });

  test('an account-owned token: refused at /user/tokens/verify, verified at its account, then remembered', async () => {
    const run = createRun(parseConfig({ apiToken: TOKEN, accountIds: ACCOUNT }));
    const { client, calls } = fakeClient('refused');
    await expect(run.tokenKind(client)).resolves.toBe('account');
    await expect(run.tokenKind(client)).resolves.toBe('account');
    expect(calls).toEqual(['user', `account ${ACCOUNT}`]);
  });
});
