import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { loadConfigFromEnvironmentVariables } from '@jupiterone/integration-sdk-runtime';
import { DEFAULT_API_BASE_URL, instanceConfigFields, IntegrationConfig, parseConfig } from './config';

// Distinctive fake token (40 characters, like a real Cloudflare API token).
const TOKEN = 'FAKEtok3n_zzQ9-unit-test-secret-XYZ01234';
const ACCOUNT_A = '0123456789abcdef0123456789abcdef';
const ACCOUNT_B = 'fedcba9876543210fedcba9876543210';

function config(overrides: Partial<Record<keyof IntegrationConfig, unknown>> = {}): IntegrationConfig {
  return { apiToken: TOKEN, ...overrides } as IntegrationConfig;
}

/** Runs parseConfig expecting an IntegrationValidationError; returns its message. */
function failure(overrides: Partial<Record<keyof IntegrationConfig, unknown>>): string {
  let caught: unknown;
  try {
    parseConfig(config(overrides));
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(IntegrationValidationError);
  const error = caught as IntegrationValidationError;
  expect(error.code).toBe('CONFIG_VALIDATION_ERROR');
  expect(error.message).not.toContain(TOKEN);
  expect(error.message).not.toContain('FAKEtok3n');
  return error.message;
}

describe('parseConfig defaults', () => {
  test('only a token: every other setting takes its default', () => {
    expect(parseConfig(config())).toEqual({
      apiToken: TOKEN,
      apiBaseUrl: DEFAULT_API_BASE_URL,
      accountIds: [],
      rateLimit: { requests: 1200, windowMs: 300_000, perSecond: 200 },
      requestTimeoutMs: 60_000,
      maxConcurrentRequests: 16,
      areas: {
        zeroTrust: true,
        accessConfiguration: true,
        apiTokens: true,
        zoneSettings: true,
        dnsRecords: true,
        activity: true,
        tunnels: true,
      },
      devices: { includeRevoked: true, includeDeleted: false },
      tunnels: { includeDeleted: false },
      activityLookbackDays: 90,
      httpsProxy: undefined,
      caBundleFile: undefined,
    });
    expect(DEFAULT_API_BASE_URL).toBe('https://api.cloudflare.com/client/v4');
  });

  test('blank optional values count as unset', () => {
    const settings = parseConfig(
      config({
        apiBaseUrl: '  ',
        accountIds: ' ',
        rateLimitRequests: '',
        rateLimitWindowSeconds: ' ',
        rateLimitPerSecond: '',
        requestTimeoutSeconds: '',
        maxConcurrentRequests: '',
      }),
    );
    expect(settings.apiBaseUrl).toBe(DEFAULT_API_BASE_URL);
    expect(settings.accountIds).toEqual([]);
    expect(settings.rateLimit).toEqual({ requests: 1200, windowMs: 300_000, perSecond: 200 });
    expect(settings.requestTimeoutMs).toBe(60_000);
    expect(settings.maxConcurrentRequests).toBe(16);
  });

  test('numeric settings as strings or numbers, converted to milliseconds', () => {
    const settings = parseConfig(
      config({
        rateLimitRequests: '600',
        rateLimitWindowSeconds: 60,
        rateLimitPerSecond: ' 50 ',
        requestTimeoutSeconds: ' 5 ',
        maxConcurrentRequests: 2,
      }),
    );
    expect(settings.rateLimit).toEqual({ requests: 600, windowMs: 60_000, perSecond: 50 });
    expect(settings.requestTimeoutMs).toBe(5_000);
    expect(settings.maxConcurrentRequests).toBe(2);
  });
});

describe('parseConfig apiToken', () => {
  const missing =
    'Missing required config field apiToken (env API_TOKEN): create a Cloudflare API token ' +
    '(My Profile > API Tokens, or Manage Account > Account API Tokens) with Account Settings Read, ' +
    'Zone Read and DNS Read, and set it as API_TOKEN.';

  test.each([
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '   \n\t'],
  ])('missing token (%s)', (_label, apiToken) => {
    expect(failure({ apiToken })).toBe(missing);
  });

  const unsafe =
    'Invalid config field apiToken (env API_TOKEN): the token contains spaces, line breaks or non-ASCII characters; ' +
    'paste the token value exactly as Cloudflare showed it.';

  test.each([
    ['an inner space', 'FAKEtok3n_zzQ9-unit test-secret-XYZ01234'],
    ['an inner newline', 'FAKEtok3n_zzQ9-unit\ntest-secret-XYZ01234'],
    ['a "Bearer " prefix', `Bearer ${TOKEN}`],
    ['a tab', `${TOKEN}\tx`],
    ['non-ASCII characters', 'FAKEtok3n_zzQ9-unit-test-secret-XYZ0123é'],
  ])('token with %s is rejected without echoing it', (_label, apiToken) => {
    const message = failure({ apiToken });
    expect(message).toBe(unsafe);
    expect(message).not.toContain('unit-test-secret');
    expect(message).not.toContain('XYZ0123');
  });

  test('surrounding whitespace (a pasted trailing newline) is trimmed', () => {
    expect(parseConfig(config({ apiToken: `  ${TOKEN}\n` })).apiToken).toBe(TOKEN);
  });

  test.each([
    ['lowercase', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345'],
    ['uppercase', 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345'],
  ])('a 37-hex Global API Key (%s) is rejected', (_label, apiToken) => {
    expect(apiToken).toHaveLength(37);
    const message = failure({ apiToken });
    expect(message).toBe(
      'Invalid config field apiToken (env API_TOKEN): this looks like a Global API Key (37 hexadecimal characters), ' +
        'which this integration does not accept; create a scoped API token instead.',
    );
    expect(message).not.toContain(apiToken);
  });

  test('36 or 38 hex characters are not mistaken for a Global API Key', () => {
    expect(parseConfig(config({ apiToken: 'a'.repeat(36) })).apiToken).toBe('a'.repeat(36));
    expect(parseConfig(config({ apiToken: 'a'.repeat(38) })).apiToken).toBe('a'.repeat(38));
  });
});

describe('parseConfig apiBaseUrl', () => {
  const prefix = 'Invalid config field apiBaseUrl (env API_BASE_URL): ';

  test('malformed URL', () => {
    expect(failure({ apiBaseUrl: 'api.cloudflare.com/client/v4' })).toBe(
      `${prefix}"api.cloudflare.com/client/v4" is not a valid URL; use https://api.cloudflare.com/client/v4 or leave it unset.`,
    );
    expect(failure({ apiBaseUrl: 'https://api cloudflare.com' })).toContain('is not a valid URL');
  });

  test('ftp:// is rejected', () => {
    expect(failure({ apiBaseUrl: 'ftp://api.cloudflare.com/client/v4' })).toBe(
      `${prefix}"ftp://api.cloudflare.com/client/v4" must start with https://, for example https://api.cloudflare.com/client/v4.`,
    );
  });

  test.each([
    'http://api.cloudflare.com/client/v4',
    'http://10.0.0.1:8080/client/v4',
    'http://127.0.0.1.example.com/client/v4',
    'http://localhost.example.com/client/v4',
  ])('http:// to a remote host is rejected: %s', (apiBaseUrl) => {
    expect(failure({ apiBaseUrl })).toBe(
      `${prefix}"${apiBaseUrl}" uses http://, which would send the token unencrypted; use https:// ` +
        '(http:// is allowed only for 127.0.0.1, localhost or [::1]).',
    );
  });

  test.each([
    ['http://127.0.0.1:8787/client/v4', 'http://127.0.0.1:8787/client/v4'],
    ['http://localhost:8787/client/v4', 'http://localhost:8787/client/v4'],
    ['http://[::1]:8787/client/v4', 'http://[::1]:8787/client/v4'],
    ['http://LOCALHOST/client/v4/', 'http://localhost/client/v4'],
  ])('http:// to a loopback host is accepted: %s', (apiBaseUrl, expected) => {
    expect(parseConfig(config({ apiBaseUrl })).apiBaseUrl).toBe(expected);
  });

  test.each([
    'https://user:secret@api.cloudflare.com/client/v4',
    'https://user@api.cloudflare.com/client/v4',
    'http://user:secret@127.0.0.1:8787/client/v4',
  ])('credentials in the URL are rejected without echoing them: %s', (apiBaseUrl) => {
    const message = failure({ apiBaseUrl });
    expect(message).toBe(
      `${prefix}the URL must not contain a user name or password; the API token is the only credential.`,
    );
    expect(message).not.toContain('secret');
  });

  test.each([
    'https://api.cloudflare.com/client/v4?x=1',
    'https://api.cloudflare.com/client/v4#frag',
    // An empty query or fragment still breaks the path joining.
    'https://api.cloudflare.com/client/v4?',
    'https://api.cloudflare.com/client/v4#',
  ])('query string or fragment is rejected: %s', (apiBaseUrl) => {
    expect(failure({ apiBaseUrl })).toBe(
      `${prefix}"${apiBaseUrl}" must not contain a query string or fragment, for example https://api.cloudflare.com/client/v4.`,
    );
  });

  test.each([
    ['https://api.cloudflare.com/client/v4/', 'https://api.cloudflare.com/client/v4'],
    ['https://api.cloudflare.com/client/v4///', 'https://api.cloudflare.com/client/v4'],
    [' https://api.fed.cloudflare.com/client/v4 ', 'https://api.fed.cloudflare.com/client/v4'],
    ['https://api.cloudflare.com', 'https://api.cloudflare.com'],
  ])('trailing slashes and whitespace are trimmed: %s', (apiBaseUrl, expected) => {
    expect(parseConfig(config({ apiBaseUrl })).apiBaseUrl).toBe(expected);
  });
});

describe('parseConfig accountIds', () => {
  const hint =
    'an account id is 32 lowercase hexadecimal characters (dashboard: Account Home > the account > Account ID). ' +
    'Separate several with commas.';

  test('one bad id: the message names it and the expected format', () => {
    expect(failure({ accountIds: `${ACCOUNT_A},not-an-id` })).toBe(
      `Invalid config field accountIds (env ACCOUNT_IDS): "not-an-id" is not a Cloudflare account id; ${hint}`,
    );
  });

  test('uppercase hex is rejected (ids are lowercase)', () => {
    const upper = ACCOUNT_A.toUpperCase();
    expect(failure({ accountIds: upper })).toBe(
      `Invalid config field accountIds (env ACCOUNT_IDS): "${upper}" is not a Cloudflare account id; ${hint}`,
    );
  });

  test('several bad ids are all named', () => {
    const short = ACCOUNT_A.slice(1);
    expect(failure({ accountIds: `abc, ${short} ,${ACCOUNT_B}` })).toBe(
      `Invalid config field accountIds (env ACCOUNT_IDS): "abc", "${short}" are not Cloudflare account ids; ${hint}`,
    );
  });

  test('ids separated by spaces only are one bad id', () => {
    expect(failure({ accountIds: `${ACCOUNT_A} ${ACCOUNT_B}` })).toContain(
      `"${ACCOUNT_A} ${ACCOUNT_B}" is not a Cloudflare account id`,
    );
  });

  test('several ids with spaces, empty items and duplicates', () => {
    expect(parseConfig(config({ accountIds: ` ${ACCOUNT_A} , ${ACCOUNT_B},,${ACCOUNT_A}\n, ` })).accountIds).toEqual([
      ACCOUNT_A,
      ACCOUNT_B,
    ]);
  });

  test('an array of ids is accepted too', () => {
    expect(parseConfig(config({ accountIds: [ACCOUNT_B, ` ${ACCOUNT_A}`, ACCOUNT_B] })).accountIds).toEqual([
      ACCOUNT_B,
      ACCOUNT_A,
    ]);
  });
});

describe('parseConfig numeric settings', () => {
  const fields = [
    ['rateLimitRequests', 'RATE_LIMIT_REQUESTS', 1, 1_000_000, 1200],
    ['rateLimitWindowSeconds', 'RATE_LIMIT_WINDOW_SECONDS', 1, 86_400, 300],
    ['rateLimitPerSecond', 'RATE_LIMIT_PER_SECOND', 1, 1_000_000, 200],
    ['requestTimeoutSeconds', 'REQUEST_TIMEOUT_SECONDS', 1, 600, 60],
    ['maxConcurrentRequests', 'MAX_CONCURRENT_REQUESTS', 1, 64, 16],
  ] as const;

  const bad: Array<[string, unknown, string]> = [
    ['non-numeric', 'abc', 'abc'],
    ['zero', '0', '0'],
    ['zero as a number', 0, '0'],
    ['negative', '-5', '-5'],
    ['negative number', -5, '-5'],
    ['fractional', '1.5', '1.5'],
    ['fractional number', 2.5, '2.5'],
    ['with a unit', '10s', '10s'],
    ['exponent', '1e3', '1e3'],
    ['hexadecimal', '0x10', '0x10'],
  ];

  for (const [field, env, min, max, defaultValue] of fields) {
    test.each(bad)(`${field}: %s`, (_label, value, shown) => {
      expect(failure({ [field]: value })).toBe(
        `Invalid config field ${field} (env ${env}): "${shown}" must be a whole number from ${min} to ${max} (default ${defaultValue}).`,
      );
    });

    test(`${field}: above the maximum`, () => {
      expect(failure({ [field]: String(max + 1) })).toBe(
        `Invalid config field ${field} (env ${env}): "${max + 1}" must be a whole number from ${min} to ${max} (default ${defaultValue}).`,
      );
    });

    test(`${field}: the bounds themselves are accepted`, () => {
      expect(() => parseConfig(config({ [field]: String(min) }))).not.toThrow();
      expect(() => parseConfig(config({ [field]: max }))).not.toThrow();
    });
  }

  test('RATE_LIMIT_PER_SECOND is read from the environment as the field rateLimitPerSecond', () => {
    const previous = process.env.RATE_LIMIT_PER_SECOND;
    process.env.RATE_LIMIT_PER_SECOND = '150';
    try {
      const { rateLimitPerSecond } = instanceConfigFields;
      const fromEnv = loadConfigFromEnvironmentVariables({ rateLimitPerSecond });
      expect(fromEnv).toEqual({ rateLimitPerSecond: '150' });
      expect(parseConfig(config(fromEnv)).rateLimit).toEqual({ requests: 1200, windowMs: 300_000, perSecond: 150 });
    } finally {
      if (previous === undefined) delete process.env.RATE_LIMIT_PER_SECOND;
      else process.env.RATE_LIMIT_PER_SECOND = previous;
    }
  });
});

describe('parseConfig network options (httpsProxy, caBundleFile)', () => {
  test('the environment variables are HTTPS_PROXY and CA_BUNDLE_FILE; the proxy field is masked', () => {
    const previous = { proxy: process.env.HTTPS_PROXY, ca: process.env.CA_BUNDLE_FILE };
    process.env.HTTPS_PROXY = 'http://user:pw@proxy.example:3128';
    process.env.CA_BUNDLE_FILE = '/etc/ssl/corporate-ca.pem';
    try {
      const { httpsProxy, caBundleFile } = instanceConfigFields;
      expect(loadConfigFromEnvironmentVariables({ httpsProxy, caBundleFile })).toEqual({
        httpsProxy: 'http://user:pw@proxy.example:3128',
        caBundleFile: '/etc/ssl/corporate-ca.pem',
      });
      expect(httpsProxy.mask).toBe(true);
      expect(caBundleFile.mask).toBeUndefined();
    } finally {
      for (const [name, value] of [
        ['HTTPS_PROXY', previous.proxy],
        ['CA_BUNDLE_FILE', previous.ca],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  test('a proxy URL is kept as given (trimmed), credentials included, for the transport', () => {
    expect(parseConfig(config({ httpsProxy: ' http://u%40x:p%3Aw@proxy.example:3128 ' })).httpsProxy).toBe(
      'http://u%40x:p%3Aw@proxy.example:3128',
    );
    expect(parseConfig(config({ httpsProxy: 'https://proxy.example' })).httpsProxy).toBe('https://proxy.example');
    expect(parseConfig(config({ httpsProxy: '  ' })).httpsProxy).toBeUndefined();
  });

  test('not a URL: the value (which may hold a password) is not echoed', () => {
    expect(failure({ httpsProxy: 'http://proxy-user:S3cretPw@[proxy.example:3128' })).toBe(
      'Invalid config field httpsProxy (env HTTPS_PROXY): the value is not a valid URL; use http://host:port or http://user:password@host:port.',
    );
  });

  test('no scheme (user:password@host:port): rejected, the password not echoed', () => {
    expect(failure({ httpsProxy: 'proxy-user:S3cretPw@proxy.example:3128' })).not.toContain('S3cretPw');
  });

  test('another scheme: named, the password not echoed', () => {
    const message = failure({ httpsProxy: 'socks5://proxy-user:S3cretPw@proxy.example:1080' });
    expect(message).toBe(
      'Invalid config field httpsProxy (env HTTPS_PROXY): the proxy URL must start with http:// or https:// (it starts with socks5://), for example http://proxy.example:3128.',
    );
    expect(message).not.toContain('S3cretPw');
  });

  test('caBundleFile is a path, trimmed; the file is read by the transport, not by parseConfig', () => {
    expect(parseConfig(config({ caBundleFile: ' /nonexistent/ca.pem ' })).caBundleFile).toBe('/nonexistent/ca.pem');
    expect(parseConfig(config({ caBundleFile: '' })).caBundleFile).toBeUndefined();
  });

  test('there is no field that turns certificate verification off', () => {
    expect(
      Object.keys(instanceConfigFields).filter((f) => /verif|reject|insecure|unauthori[sz]ed|tls/i.test(f)),
    ).toEqual([]);
  });
});

describe('httpsProxy without a scheme', () => {
  test('says to add http://, without echoing the user or password', () => {
    const message = failure({ httpsProxy: 'proxyuser:s3cretPw@proxy.example:3128' });
    expect(message).toBe(
      'Invalid config field httpsProxy (env HTTPS_PROXY): the proxy URL must start with http:// or https://, for example http://proxy.example:3128 or http://user:password@proxy.example:3128.',
    );
    expect(message).not.toContain('proxyuser');
    expect(message).not.toContain('s3cretPw');
  });
});

describe('parseConfig activityLookbackDays', () => {
  test('default 90; any whole number of days up to the 18 months Cloudflare keeps (548)', () => {
    expect(parseConfig(config()).activityLookbackDays).toBe(90);
    expect(parseConfig(config({ activityLookbackDays: '30' })).activityLookbackDays).toBe(30);
    expect(parseConfig(config({ activityLookbackDays: 548 })).activityLookbackDays).toBe(548);
    expect(parseConfig(config({ activityLookbackDays: '1' })).activityLookbackDays).toBe(1);
  });

  test.each([
    ['549', '549'],
    ['0', '0'],
    ['90d', '90d'],
    ['-1', '-1'],
  ])('%s is refused, naming the field, the variable, the range and why', (value, shown) => {
    expect(failure({ activityLookbackDays: value })).toBe(
      `Invalid config field activityLookbackDays (env ACTIVITY_LOOKBACK_DAYS): "${shown}" must be a whole number from 1 to 548 (default 90): Cloudflare keeps the account audit log for 18 months.`,
    );
  });

  test('INGEST_ACTIVITY switches the area (default on)', () => {
    expect(parseConfig(config()).areas.activity).toBe(true);
    expect(parseConfig(config({ ingestActivity: 'false' })).areas.activity).toBe(false);
    expect(failure({ ingestActivity: 'maybe' })).toBe(
      'Invalid config field ingestActivity (env INGEST_ACTIVITY): "maybe" must be true or false (default true).',
    );
  });
});

describe('Cloudflare Tunnels options', () => {
  test('INGEST_TUNNELS switches the area (default on); INCLUDE_DELETED_TUNNELS lists deleted ones (default off)', () => {
    expect(parseConfig(config()).areas.tunnels).toBe(true);
    expect(parseConfig(config({ ingestTunnels: 'false' })).areas.tunnels).toBe(false);
    expect(parseConfig(config({ includeDeletedTunnels: 'true' })).tunnels).toEqual({ includeDeleted: true });
    expect(parseConfig(config({ includeDeletedTunnels: false })).tunnels).toEqual({ includeDeleted: false });
    expect(failure({ includeDeletedTunnels: 'deleted' })).toBe(
      'Invalid config field includeDeletedTunnels (env INCLUDE_DELETED_TUNNELS): "deleted" must be true or false (default false).',
    );
  });
});
