import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../config';
import { ClientError, CloudflareClient, Endpoints, NotAListError } from './index';
import { CloudflareTransport } from './CloudflareTransport';
import {
  envelope as okEnvelope,
  failure,
  Handler,
  json,
  LogCall,
  useScriptedServer,
  scriptedTransport,
} from '../../test/scriptedServer';

// A distinctive fake 40-character token: it must never show up in errors or logs.
const TOKEN = 'CLIENTfake0token-qq8W_unitTEST-cc3dd4eee';
const ACCOUNT_ID = '0123456789abcdef0123456789abcdef';
const ZONE_ID = 'fedcba9876543210fedcba9876543210';

const server = useScriptedServer();
const { received } = server;

/** A success envelope with `result_info` when given. */
function envelope(result: unknown, resultInfo?: Record<string, unknown>) {
  return okEnvelope(result, resultInfo ? { result_info: resultInfo } : {});
}

function items(page: number, count: number): Array<{ id: string; name: string }> {
  return Array.from({ length: count }, (_, i) => ({ id: `p${page}i${i}`, name: `item ${page}.${i}` }));
}

/** Answers a page-number endpoint from a list of page sizes. */
function pages(sizes: number[], info: (page: number, count: number) => Record<string, unknown> | undefined): Handler {
  return (req, res) => {
    const page = Number(req.query.get('page'));
    const count = sizes[page - 1] ?? 0;
    json(res, 200, envelope(items(page, count), info(page, count)));
  };
}

function setup(config: Partial<IntegrationConfig> = {}): {
  client: CloudflareClient;
  transport: CloudflareTransport;
  calls: LogCall[];
} {
  const { transport, logger, calls } = scriptedTransport(TOKEN, server.baseUrl, config);
  return { client: new CloudflareClient(transport, logger), transport, calls };
}

async function collect<T>(iterate: (onPage: (items: T[]) => void) => Promise<unknown>): Promise<T[][]> {
  const seen: T[][] = [];
  await iterate((page) => {
    seen.push(page);
  });
  return seen;
}

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    expect((err as Error).message).not.toContain(TOKEN);
    expect((err as Error).stack).not.toContain(TOKEN);
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

// ---------------------------------------------------------------------------

const ALL_ZONE_TYPES = 'type=full&type=partial&type=secondary&type=internal';

describe('page sizes', () => {
  test('documented maxima (50; 1,000 for Access identity providers and policies and for tunnels), 5,000 for DNS records, 100 for the cursor device lists', () => {
    const sizes = Object.fromEntries(
      Object.entries(Endpoints).map(([name, spec]) => [name, 'pageSize' in spec ? spec.pageSize : undefined]),
    );
    expect(sizes).toEqual({
      verifyUserToken: undefined,
      verifyAccountToken: undefined,
      account: undefined,
      accounts: 50,
      members: 50,
      roles: 50,
      zones: 50,
      dnsRecords: 5000,
      zoneSettings: undefined,
      zoneSetting: undefined,
      dnssec: undefined,
      accountTokens: 50,
      userTokens: 50,
      accessUsers: 50,
      physicalDevices: 100,
      deviceRegistrations: 100,
      legacyDevices: undefined,
      devicePostureRules: undefined,
      gatewayLocations: undefined,
      accessIdentityProviders: 1000,
      accessGroups: 50,
      accessPolicies: 1000,
      accessApplications: 50,
      tunnels: 1000,
      tunnelConnections: undefined,
      auditLogins: 1000,
      accessRequests: 1000,
    });
  });

  test.each([
    ['accounts', '/client/v4/accounts', (c: CloudflareClient) => c.list('accounts', {}, () => undefined), 50],
    [
      'roles',
      `/client/v4/accounts/${ACCOUNT_ID}/roles`,
      (c: CloudflareClient) => c.list('roles', { accountId: ACCOUNT_ID }, () => undefined),
      50,
    ],
    [
      'members',
      `/client/v4/accounts/${ACCOUNT_ID}/members`,
      (c: CloudflareClient) => c.list('members', { accountId: ACCOUNT_ID }, () => undefined),
      50,
    ],
    [
      'zones',
      '/client/v4/zones',
      (c: CloudflareClient) => c.list('zones', { accountId: ACCOUNT_ID }, () => undefined),
      50,
    ],
    [
      'dns records',
      `/client/v4/zones/${ZONE_ID}/dns_records`,
      (c: CloudflareClient) => c.list('dnsRecords', { zoneId: ZONE_ID }, () => undefined),
      5000,
    ],
  ])('%s: path, page=1 and per_page sent', async (_name, path, iterate, perPage) => {
    server.handler = (_req, res) =>
      json(res, 200, envelope([], { page: 1, per_page: perPage, count: 0, total_count: 0, total_pages: 0 }));
    const { client } = setup();
    await iterate(client);
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe(path);
    expect(received[0].query.get('page')).toBe('1');
    expect(received[0].query.get('per_page')).toBe(String(perPage));
    expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('zones are filtered by account.id and name every zone type (internal ones are left out otherwise)', async () => {
    server.handler = (_req, res) => json(res, 200, envelope([], { total_pages: 0 }));
    const { client } = setup();
    await client.list('zones', { accountId: ACCOUNT_ID }, () => undefined);
    expect(received[0].url).toBe(
      `/client/v4/zones?account.id=${ACCOUNT_ID}&type=full&type=partial&type=secondary&type=internal&page=1&per_page=50`,
    );
    expect(received[0].query.getAll('type')).toEqual(['full', 'partial', 'secondary', 'internal']);
  });
});

describe('pagination', () => {
  test('stops at total_pages', async () => {
    server.handler = pages([50, 50, 7, 50], (page, count) => ({
      page,
      per_page: 50,
      count,
      total_count: 107,
      total_pages: 3,
    }));
    const { client } = setup();
    const seen = await collect((onPage) => client.list('zones', { accountId: ACCOUNT_ID }, onPage));
    expect(seen.map((p) => p.length)).toEqual([50, 50, 7]);
    expect(seen[1][0]).toEqual({ id: 'p2i0', name: 'item 2.0' });
    expect(received.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(received.every((r) => r.query.get('per_page') === '50' && r.query.get('account.id') === ACCOUNT_ID)).toBe(
      true,
    );
  });

  test('stops at total_pages even when the last page is full', async () => {
    server.handler = pages([50, 50, 50], () => ({ per_page: 50, total_pages: 2 }));
    const { client } = setup();
    const seen = await collect((onPage) => client.list('members', { accountId: ACCOUNT_ID }, onPage));
    expect(seen.map((p) => p.length)).toEqual([50, 50]);
    expect(received).toHaveLength(2);
  });

  test('a single page with total_pages 1 is one request', async () => {
    server.handler = pages([3], () => ({ page: 1, per_page: 50, count: 3, total_count: 3, total_pages: 1 }));
    const { client } = setup();
    const seen = await collect((onPage) => client.list('roles', { accountId: ACCOUNT_ID }, onPage));
    expect(seen.map((p) => p.length)).toEqual([3]);
    expect(received).toHaveLength(1);
  });

  test('stops on an empty page, even if total_pages says more', async () => {
    server.handler = pages([50, 0, 50], () => ({ per_page: 50, total_pages: 3 }));
    const { client } = setup();
    const seen = await collect((onPage) => client.list('accounts', {}, onPage));
    expect(seen.map((p) => p.length)).toEqual([50]);
    expect(received).toHaveLength(2);
  });

  test('stops on an empty page when total_pages is absent', async () => {
    server.handler = pages([50, 50], () => ({ per_page: 50 }));
    const { client } = setup();
    const seen = await collect((onPage) => client.list('accounts', {}, onPage));
    expect(seen.map((p) => p.length)).toEqual([50, 50]);
    expect(received).toHaveLength(3);
  });

  test('stops on a short page when total_pages is absent', async () => {
    server.handler = pages([50, 50, 12, 50], () => ({ per_page: 50 }));
    const { client } = setup();
    const seen = await collect((onPage) => client.list('zones', { accountId: ACCOUNT_ID }, onPage));
    expect(seen.map((p) => p.length)).toEqual([50, 50, 12]);
    expect(received).toHaveLength(3);
  });

  test('without result_info at all, a page shorter than per_page asked is the last', async () => {
    server.handler = pages([50, 49, 50], () => undefined);
    const { client } = setup();
    const seen = await collect((onPage) => client.list('members', { accountId: ACCOUNT_ID }, onPage));
    expect(seen.map((p) => p.length)).toEqual([50, 49]);
    expect(received).toHaveLength(2);
  });

  test('reads per_page back from result_info when the server caps the page size', async () => {
    // Asked for 5,000 DNS records a page; the server returns 100 a page and says so.
    server.handler = pages([100, 100, 30], () => ({ per_page: 100 }));
    const { client } = setup();
    const seen = await collect((onPage) => client.list('dnsRecords', { zoneId: ZONE_ID }, onPage));
    expect(seen.map((p) => p.length)).toEqual([100, 100, 30]);
    expect(received).toHaveLength(3);
    expect(received.every((r) => r.query.get('per_page') === '5000')).toBe(true);
  });

  test('a null result is an error for the listing, not an empty list', async () => {
    server.handler = (_req, res) => json(res, 200, { success: true, errors: [], messages: [], result: null });
    const { client } = setup();
    const seen: unknown[] = [];
    const error = await caught(client.list('accounts', {}, (page) => void seen.push(page)));
    expect(error).toBeInstanceOf(NotAListError);
    expect(error.message).toBe(
      'GET /accounts: page 1 answered success without a list (result: null); the listing cannot be trusted as complete',
    );
    expect(seen).toEqual([]);
    expect(received).toHaveLength(1);
  });

  test('the next page is requested only after onPage has finished', async () => {
    server.handler = pages([50, 50, 1], () => ({ per_page: 50, total_pages: 3 }));
    const { client } = setup();
    const requestsSeenByOnPage: number[] = [];
    await client.list('accounts', {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      requestsSeenByOnPage.push(received.length);
    });
    expect(requestsSeenByOnPage).toEqual([1, 2, 3]);
  });

  test('a failure on a later page propagates after the earlier pages were delivered', async () => {
    server.handler = (req, res) =>
      req.query.get('page') === '1'
        ? json(res, 200, envelope(items(1, 50), { per_page: 50, total_pages: 2 }))
        : json(res, 403, failure(10000, 'Authentication error'));
    const { client } = setup();
    const seen: unknown[][] = [];
    const error = await caught(client.list('dnsRecords', { zoneId: ZONE_ID }, (page) => void seen.push(page)));
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(received).toHaveLength(2);
  });
});

describe('single objects', () => {
  test('verifyUserToken returns the result', async () => {
    server.handler = (_req, res) =>
      json(res, 200, {
        ...envelope({ id: 'tok', status: 'active' }),
        messages: [{ code: 10000, message: 'This API Token is valid and active', type: null }],
      });
    const { client } = setup();
    expect(await client.verifyUserToken()).toEqual({ id: 'tok', status: 'active' });
    expect(received.map((r) => r.url)).toEqual(['/client/v4/user/tokens/verify']);
  });

  test('verifyAccountToken and getAccount use the account path', async () => {
    server.handler = (req, res) => json(res, 200, envelope({ id: req.path }));
    const { client } = setup();
    expect(await client.verifyAccountToken(ACCOUNT_ID)).toEqual({
      id: `/client/v4/accounts/${ACCOUNT_ID}/tokens/verify`,
    });
    expect(await client.get('account', { accountId: ACCOUNT_ID })).toEqual({ id: `/client/v4/accounts/${ACCOUNT_ID}` });
  });
});

describe('error mapping per endpoint', () => {
  const forbidden: Array<[string, string, (c: CloudflareClient) => Promise<unknown>, string]> = [
    [
      'dns records',
      'DNS Read',
      (c) => c.list('dnsRecords', { zoneId: ZONE_ID }, () => undefined),
      `GET /zones/${ZONE_ID}/dns_records?page=1&per_page=5000`,
    ],
    [
      'zones',
      'Zone Read',
      (c) => c.list('zones', { accountId: ACCOUNT_ID }, () => undefined),
      `GET /zones?account.id=${ACCOUNT_ID}&${ALL_ZONE_TYPES}&page=1&per_page=50`,
    ],
    [
      'members',
      'Account Settings Read',
      (c) => c.list('members', { accountId: ACCOUNT_ID }, () => undefined),
      `GET /accounts/${ACCOUNT_ID}/members?page=1&per_page=50`,
    ],
    [
      'roles',
      'Account Settings Read',
      (c) => c.list('roles', { accountId: ACCOUNT_ID }, () => undefined),
      `GET /accounts/${ACCOUNT_ID}/roles?page=1&per_page=50`,
    ],
  ];

  test.each(forbidden)('%s: 403 10000 names the "%s" permission', async (_name, permission, call, endpoint) => {
    server.handler = (_req, res) => json(res, 403, failure(10000, 'Authentication error'));
    const { client } = setup();
    const error = await caught(call(client));
    expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(error).not.toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error.endpoint).toBe(endpoint);
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      `Provider authorization failed at ${endpoint}: 403 Forbidden (Cloudflare error 10000 Authentication error). ` +
        `The token may not read this resource: grant the token the "${permission}" permission (Cloudflare dashboard > API Tokens > Edit).`,
    );
    expect(received).toHaveLength(1);
  });

  test('the error names its endpoint (endpoints.ts) as a typed property, for a list and an object', async () => {
    server.handler = (_req, res) => json(res, 403, failure(10000, 'Authentication error'));
    const { client } = setup();
    const listed = (await caught(
      client.list('roles', { accountId: ACCOUNT_ID }, () => undefined),
    )) as unknown as ClientError;
    expect(listed.endpointName).toBe('roles');
    const object = (await caught(client.get('account', { accountId: ACCOUNT_ID }))) as unknown as ClientError;
    expect(object.endpointName).toBe('account');
    expect(Object.keys(object)).not.toContain('endpointName');
  });

  test('403 9109 "Invalid access token" on /accounts is an authentication error', async () => {
    server.handler = (_req, res) => json(res, 403, failure(9109, 'Invalid access token'));
    const { client } = setup();
    const error = await caught(client.list('accounts', {}, () => undefined));
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(error.message).toContain(
      '403 Forbidden (Cloudflare error 9109 Invalid access token). The API token is invalid',
    );
    expect(received).toHaveLength(1);
  });

  test('400 1001 for an account-owned token on /accounts says to set ACCOUNT_IDS', async () => {
    server.handler = (_req, res) =>
      json(res, 400, failure(1001, 'List accounts endpoint does not support account owned tokens.'));
    const { client } = setup();
    const error = await caught(client.list('accounts', {}, () => undefined));
    expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
    expect(error.message).toBe(
      'Provider authorization failed at GET /accounts?page=1&per_page=50: 400 Bad Request ' +
        '(Cloudflare error 1001 List accounts endpoint does not support account owned tokens.). ' +
        'Account-owned tokens cannot list accounts: set ACCOUNT_IDS to the account ids the token belongs to.',
    );
    expect(received).toHaveLength(1);
  });

  test('400 1001 for another reason stays a plain API error', async () => {
    server.handler = (_req, res) => json(res, 400, failure(1001, 'Missing "Authorization" header'));
    const { client } = setup();
    const error = await caught(client.verifyUserToken());
    expect(error.constructor).toBe(IntegrationProviderAPIError);
    expect(error.message).toBe(
      'Provider API failed at GET /user/tokens/verify: 400 Bad Request (Cloudflare error 1001 Missing "Authorization" header)',
    );
  });

  test('401 on verify is an authentication error, after exactly one request', async () => {
    server.handler = (_req, res) => json(res, 401, failure(1000, 'Invalid API Token'));
    const { client, calls } = setup();
    const error = await caught(client.verifyUserToken());
    expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
    expect(received).toHaveLength(1);
    expect(JSON.stringify(calls)).not.toContain(TOKEN);
  });

  test('500 forever on a page: API error after 6 attempts with the endpoint', async () => {
    server.handler = (_req, res) => json(res, 500, failure(10001, 'Internal server error'));
    const { client, calls } = setup();
    const error = await caught(client.list('zones', { accountId: ACCOUNT_ID }, () => undefined));
    expect(error.constructor).toBe(IntegrationProviderAPIError);
    expect(error.status).toBe(500);
    expect(error.endpoint).toBe(`GET /zones?account.id=${ACCOUNT_ID}&${ALL_ZONE_TYPES}&page=1&per_page=50`);
    expect(error.message).toContain(
      '500 Internal Server Error (Cloudflare error 10001 Internal server error) after 6 attempts',
    );
    expect(received).toHaveLength(6);
    expect(JSON.stringify(calls)).not.toContain(TOKEN);
  });
});
