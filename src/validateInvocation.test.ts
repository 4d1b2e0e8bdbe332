import http from 'http';
import { AddressInfo } from 'net';
import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { createMockExecutionContext } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from './config';
import { validateInvocation } from './validateInvocation';
import { useSimulator } from '../test/config';
import { SIM_TOKENS, tinyDataset } from '../simulator';

const ACCOUNT_ID = 'ba68a4165965bae09b3065e30a16ee77';
const OTHER_ACCOUNT_ID = '0123456789abcdef0123456789abcdef';

/** validateInvocation's error (or undefined), with how long it took. */
async function validate(config: IntegrationConfig): Promise<{ error: Error | undefined; ms: number }> {
  const started = Date.now();
  try {
    await validateInvocation(createMockExecutionContext({ instanceConfig: config }));
    return { error: undefined, ms: Date.now() - started };
  } catch (err) {
    return { error: err as Error, ms: Date.now() - started };
  }
}

/** Nothing the error carries may include the token: message, stack or cause. */
function expectNoToken(error: Error | undefined, token: string): void {
  expect(error).toBeDefined();
  const cause = (error as Error & { cause?: Error }).cause;
  const text = [error!.message, error!.stack, cause?.message, cause?.stack, JSON.stringify(error)].join('\n');
  expect(text).not.toContain(token);
}

describe('validateInvocation against the simulator', () => {
  const tiny = useSimulator(tinyDataset);

  test('a valid user token passes with exactly one request', async () => {
    const { error } = await validate(tiny.config());
    expect(error).toBeUndefined();
    expect(tiny.sim.stats.requests).toBe(1);
    expect(tiny.sim.stats.byRoute).toEqual({ 'GET /user/tokens/verify': 1 });
  });

  test('an account-owned token with ACCOUNT_IDS passes via /accounts/{id}/tokens/verify', async () => {
    const { error } = await validate(tiny.config({ apiToken: SIM_TOKENS.accountOwned, accountIds: ACCOUNT_ID }));
    expect(error).toBeUndefined();
    expect(tiny.sim.stats.byRoute).toEqual({
      'GET /user/tokens/verify': 1,
      'GET /accounts/:id/tokens/verify': 1,
    });
  });

  test('an account-owned token with ACCOUNT_IDS listing another account first still passes', async () => {
    const { error } = await validate(
      tiny.config({ apiToken: SIM_TOKENS.accountOwned, accountIds: `${OTHER_ACCOUNT_ID},${ACCOUNT_ID}` }),
    );
    expect(error).toBeUndefined();
    expect(tiny.sim.stats.byRoute).toEqual({
      'GET /user/tokens/verify': 1,
      'GET /accounts/:id/tokens/verify': 2,
    });
  });

  test('an account-owned token with only a foreign account id fails authentication', async () => {
    const { error } = await validate(tiny.config({ apiToken: SIM_TOKENS.accountOwned, accountIds: OTHER_ACCOUNT_ID }));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error!.message).toContain(`/accounts/${OTHER_ACCOUNT_ID}/tokens/verify`);
    expectNoToken(error, SIM_TOKENS.accountOwned);
  });

  test('an account-owned token without ACCOUNT_IDS fails authentication and says to set ACCOUNT_IDS', async () => {
    const { error } = await validate(tiny.config({ apiToken: SIM_TOKENS.accountOwned }));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error!.message).toContain('ACCOUNT_IDS');
    expect(error!.message).toContain('/accounts/{account_id}/tokens/verify');
    expect(error!.message).toContain('1000 Invalid API Token');
    // A verify endpoint needs no permission: no advice to grant one.
    expect(error!.message).not.toMatch(/grant the token/);
    expect(tiny.sim.stats.byRoute).toEqual({ 'GET /user/tokens/verify': 1 });
    expectNoToken(error, SIM_TOKENS.accountOwned);
  });

  test('an unknown token fails fast: code 1000 Invalid API Token, one request, no retry loop', async () => {
    const { error, ms } = await validate(tiny.config({ apiToken: SIM_TOKENS.unknown }));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error!.message).toContain('1000 Invalid API Token');
    expect(error!.message).toContain('401');
    expect(ms).toBeLessThan(2000);
    expect(tiny.sim.stats.requests).toBe(1);
    expect(tiny.sim.stats.byRoute).toEqual({ 'GET /user/tokens/verify': 1 });
    expectNoToken(error, SIM_TOKENS.unknown);
  });

  test('an unknown token with ACCOUNT_IDS tries the account path once, then fails authentication', async () => {
    const { error, ms } = await validate(tiny.config({ apiToken: SIM_TOKENS.unknown, accountIds: ACCOUNT_ID }));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error!.message).toContain('Invalid API Token');
    expect(ms).toBeLessThan(2000);
    expect(tiny.sim.stats.byRoute).toEqual({
      'GET /user/tokens/verify': 1,
      'GET /accounts/:id/tokens/verify': 1,
    });
    expectNoToken(error, SIM_TOKENS.unknown);
  });

  test('a disabled token fails authentication and says it is disabled', async () => {
    const { error } = await validate(tiny.config({ apiToken: SIM_TOKENS.disabled }));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error!.message).toContain('disabled');
    expect(tiny.sim.stats.requests).toBe(1);
    expectNoToken(error, SIM_TOKENS.disabled);
  });

  test('an expired token fails authentication and says it is expired', async () => {
    const { error } = await validate(tiny.config({ apiToken: SIM_TOKENS.expired }));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error!.message).toContain('expired');
    expectNoToken(error, SIM_TOKENS.expired);
  });

  describe('a malformed config fails with IntegrationValidationError before any request', () => {
    const cases: Array<[string, Partial<IntegrationConfig>, RegExp]> = [
      ['missing token', { apiToken: undefined as unknown as string }, /API_TOKEN/],
      ['blank token', { apiToken: '   ' }, /API_TOKEN/],
      ['token with a line break', { apiToken: `${SIM_TOKENS.user}\nx` }, /apiToken/],
      ['Global API Key', { apiToken: '0123456789abcdef0123456789abcdef01234' }, /Global API Key/],
      ['bad URL', { apiBaseUrl: 'not a url' }, /apiBaseUrl/],
      ['http:// to a remote host', { apiBaseUrl: 'http://api.cloudflare.com/client/v4' }, /https:\/\//],
      ['URL with a query string', { apiBaseUrl: 'https://api.cloudflare.com/client/v4?x=1' }, /query string/],
      ['bad account id', { accountIds: 'not-an-account-id' }, /ACCOUNT_IDS/],
      ['upper-case account id', { accountIds: ACCOUNT_ID.toUpperCase() }, /ACCOUNT_IDS/],
      ['bad rate limit', { rateLimitRequests: '0' }, /RATE_LIMIT_REQUESTS/],
    ];
    test.each(cases)('%s', async (_label, overrides, message) => {
      const config = tiny.config(overrides);
      const { error } = await validate(config);
      expect(error).toBeInstanceOf(IntegrationValidationError);
      expect(error!.message).toMatch(message);
      expect(tiny.sim.stats.requests).toBe(0);
      expectNoToken(error, SIM_TOKENS.user);
    });
  });
});

describe('validateInvocation when Cloudflare cannot be reached', () => {
  test('an unreachable API_BASE_URL fails after one retry, in about a second, naming the endpoint', async () => {
    // A port nothing listens on: bind one, note it, close it.
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const { error, ms } = await validate({
      apiToken: SIM_TOKENS.user,
      apiBaseUrl: `http://127.0.0.1:${port}/client/v4`,
    });
    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error!.message).toMatch(
      new RegExp(`^Provider API failed at GET /user/tokens/verify: NETWORK .*ECONNREFUSED.* after 2 attempts$`),
    );
    expect(ms).toBeLessThan(3000);
    expectNoToken(error, SIM_TOKENS.user);
  });
});
