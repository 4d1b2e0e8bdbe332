/**
 * Hostile answers (docs/operations.md#when-cloudflare-answers-badly): every hostile answer ends the run by itself, keeps everything it
 * can, and says what it lost. Each case is a whole collection (the SDK
 * runtime `j1-integration collect` uses, schema validation on) against the
 * simulator with one deterministic misbehaviour (simulator/hostile.ts).
 */
import { HostileRule, largeDataset, realisticDataset, SimulatorDataset, startSimulator } from '../../simulator';
import { IntegrationConfig } from '../../src/config';
import { Entities, Relationships, Steps } from '../../src/constants';
import { collect, CollectResult, keys, statuses } from '../../tools/lib/collect';

const FAST_RETRIES = { minRetryDelayMs: 10, maxRetryDelayMs: 40 };
const ZONE_TYPES = [Entities.DNS_ZONE._type, Relationships.ACCOUNT_HAS_ZONE._type];
const DNS_TYPES = [Entities.DNS_RECORD._type, Relationships.ZONE_HAS_RECORD._type];
const ZONE_SETTINGS_TYPES = [Entities.ZONE_SETTINGS._type, Relationships.ZONE_HAS_SETTINGS._type];
/** build-member-zone-access and fetch-api-tokens depend on fetch-zones (edges to zones). */
const MEMBER_ZONE_TYPES = [Relationships.MEMBER_ALLOWS_ZONE._type];
const API_TOKEN_TYPES = [
  Entities.API_TOKEN._type,
  Relationships.ACCOUNT_HAS_API_TOKEN._type,
  Relationships.API_TOKEN_ALLOWS_ACCOUNT._type,
  Relationships.API_TOKEN_ALLOWS_ZONE._type,
];
const WARN = 40;

interface Run {
  result: CollectResult;
  byRoute: Record<string, number>;
  hostileBytesSent: number;
}

async function collectWith(
  dataset: SimulatorDataset,
  hostile: HostileRule[],
  config: Partial<IntegrationConfig> = {},
  apiBaseUrl?: (url: string) => string,
): Promise<Run> {
  const sim = await startSimulator({ dataset, hostile });
  try {
    const result = await collect({
      apiBaseUrl: apiBaseUrl ? apiBaseUrl(sim.url) : sim.url,
      config,
      transport: FAST_RETRIES,
      logLevel: 'info',
    });
    return { result, byRoute: { ...sim.stats.byRoute }, hostileBytesSent: sim.stats.hostileBytesSent };
  } finally {
    await sim.close();
  }
}

function warnings(result: CollectResult): string[] {
  return result.records.filter((r) => r.level === WARN).map((r) => r.msg);
}

const sorted = (values: string[]) => [...values].sort();

describe('/zones answers page 1 to every page, with no page totals', () => {
  // Two accounts of 60 zones: each listing needs 2 pages of 50.
  const dataset = largeDataset({ accounts: 2, zones: 120, records: 240, members: 6 });
  let run: Run;
  beforeAll(async () => {
    run = await collectWith(dataset, [{ pattern: /^\/client\/v4\/zones$/, behaviour: 'repeat-first-page' }]);
  });

  test('ends by itself after two zone requests per account', () => {
    expect(run.result.error).toBeUndefined();
    expect(run.byRoute['GET /zones']).toBe(4);
    // Security settings are read once for each of the 100 zones kept: the repeated page is not read again.
    expect(run.byRoute['GET /zones/:id/settings']).toBe(100);
    expect(run.byRoute['GET /zones/:id/dnssec']).toBe(100);
  });

  test('warns, naming the endpoint, the reason and the items read, and publishes a warn event', () => {
    for (const account of dataset.accounts) {
      const text =
        `Stopped listing zones of account ${account.id} (GET /zones) early: request 2 answered only items already read ` +
        '(repeated-page). Read 50 items in 2 requests; the rest may be missing, so these types are reported partial and JupiterOne keeps their previous data.';
      expect(warnings(run.result)).toContain(text);
      expect(run.result.events).toContain(text);
    }
  });

  test('the zone step fails and its types (and those of the steps fed by zones) are partial; the rest is complete', () => {
    expect(statuses(run.result)).toEqual({
      ...Object.fromEntries(Object.values(Steps).map((id) => [id, 'success'])),
      [Steps.CHECK_ACCOUNT_IDS]: 'disabled',
      [Steps.ZONES]: 'failure',
      // The steps that link to zones ran to the end, but their zone edges may be missing.
      [Steps.DNS_RECORDS]: 'partial_success_due_to_dependency_failure',
      [Steps.MEMBER_ZONE_ACCESS]: 'partial_success_due_to_dependency_failure',
      [Steps.API_TOKENS]: 'partial_success_due_to_dependency_failure',
      [Steps.ZONE_SETTINGS]: 'partial_success_due_to_dependency_failure',
    });
    expect(sorted(run.result.partialTypes)).toEqual(
      sorted([...ZONE_TYPES, ...DNS_TYPES, ...ZONE_SETTINGS_TYPES, ...MEMBER_ZONE_TYPES, ...API_TOKEN_TYPES]),
    );
  });

  test('keeps the 50 zones of each account it read, and their records', () => {
    expect(keys(run.result.entities, 'cloudflare_dns_zone')).toHaveLength(100);
    const zoneIds = new Set(run.result.entities.filter((e) => e._type === 'cloudflare_dns_zone').map((e) => e.id));
    const expectedRecords = [...dataset.dnsRecordsByZone.entries()]
      .filter(([zoneId]) => zoneIds.has(zoneId))
      .reduce((n, [, records]) => n + new Set(records.map((r) => r.id)).size, 0);
    expect(keys(run.result.entities, 'cloudflare_dns_record')).toHaveLength(expectedRecords);
  });
});

describe('answers that are not what they claim', () => {
  const dataset = realisticDataset();
  const [zone] = dataset.zones.filter((z) => (dataset.dnsRecordsByZone.get(z.id)?.length ?? 0) > 3);
  const zoneRecords = () => dataset.dnsRecordsByZone.get(zone.id)!;
  const recordsPath = new RegExp(`^/client/v4/zones/${zone.id}/dns_records$`);

  test('a DNS list answered success with result: null is an error for that zone only, never "empty"', async () => {
    const run = await collectWith(dataset, [{ pattern: recordsPath, behaviour: 'result-null' }]);
    expect(statuses(run.result)[Steps.DNS_RECORDS]).toBe('failure');
    expect(sorted(run.result.partialTypes)).toEqual(sorted(DNS_TYPES));
    expect(
      warnings(run.result).some((w) =>
        w.startsWith(
          `Collection failed for DNS records of zone ${zone.id} (${zone.name}): GET /zones/${zone.id}/dns_records: page 1 answered success without a list (result: null)`,
        ),
      ),
    ).toBe(true);
    // Every other zone's records are there.
    const others = [...dataset.dnsRecordsByZone.entries()].filter(([id]) => id !== zone.id);
    const expected = others.reduce((n, [, records]) => n + new Set(records.map((r) => r.id)).size, 0);
    expect(keys(run.result.entities, 'cloudflare_dns_record')).toHaveLength(expected);
  });

  test('one DNS record with name: null is skipped and named; the rest of its zone is kept', async () => {
    const run = await collectWith(dataset, [
      { pattern: recordsPath, behaviour: 'null-field', index: 1, field: 'name' },
    ]);
    const skipped = zoneRecords()[1];
    expect(warnings(run.result)).toContain(
      `Skipped record ${skipped.id} of zone ${zone.id} (${zone.name}): its name is null. The rest are kept.`,
    );
    const collected = new Set(run.result.entities.filter((e) => e._type === 'cloudflare_dns_record').map((e) => e.id));
    for (const record of zoneRecords()) expect(collected.has(record.id)).toBe(record.id !== skipped.id);
    // Skipping something is still a loss: the DNS types are partial.
    expect(statuses(run.result)[Steps.DNS_RECORDS]).toBe('failure');
    expect(sorted(run.result.partialTypes)).toEqual(sorted(DNS_TYPES));
  });

  test('a member with user: null keeps 2FA unknown (mfaEnabled left out), with a warning', async () => {
    const account = dataset.accounts[1];
    const member = dataset.membersByAccount.get(account.id)![0];
    const run = await collectWith(dataset, [
      {
        pattern: new RegExp(`^/client/v4/accounts/${account.id}/members$`),
        behaviour: 'null-field',
        index: 0,
        field: 'user',
      },
    ]);
    const entity = run.result.entities.find((e) => e._key === `cloudflare_account_member:${member.id}`)!;
    expect(entity).toBeDefined();
    expect(entity).not.toHaveProperty('mfaEnabled');
    expect(warnings(run.result)).toContain(
      `1 members of account ${account.id} came without their user (${member.id}): their 2FA state is unknown and left out (mfaEnabled absent), not reported as off.`,
    );
    expect(run.result.partialTypes).toEqual([]);
  });

  test('HTML with a 200 is retried, then fails that zone only, naming the page', async () => {
    const run = await collectWith(dataset, [{ pattern: recordsPath, behaviour: 'html-200' }]);
    expect(run.byRoute['GET /zones/:id/dns_records']).toBe(dataset.zones.length - 1 + 6);
    expect(statuses(run.result)[Steps.DNS_RECORDS]).toBe('failure');
    expect(sorted(run.result.partialTypes)).toEqual(sorted(DNS_TYPES));
  });

  test('a 50 MB error page costs at most 64 KiB (plus socket buffers) per attempt', async () => {
    const run = await collectWith(dataset, [{ pattern: recordsPath, behaviour: 'huge-error' }]);
    expect(statuses(run.result)[Steps.DNS_RECORDS]).toBe('failure');
    // 6 attempts; each stops reading after 64 KiB and closes the connection.
    expect(run.hostileBytesSent).toBeLessThan(6 * 4 * 1024 * 1024);
    expect(warnings(run.result).some((w) => w.includes('only the first 64 KiB were read'))).toBe(true);
  });

  test('a body that stalls after its headers ends the run, with one request in flight and a 1 s deadline', async () => {
    const started = Date.now();
    const run = await collectWith(dataset, [{ pattern: recordsPath, behaviour: 'stall-body' }], {
      maxConcurrentRequests: '1',
      requestTimeoutSeconds: '1',
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(statuses(run.result)[Steps.DNS_RECORDS]).toBe('failure');
    expect(
      warnings(run.result).some((w) => w.includes('no complete answer within 1 s (REQUEST_TIMEOUT_SECONDS)')),
    ).toBe(true);
    // The other zones were still read over the one connection slot.
    const others = [...dataset.dnsRecordsByZone.entries()].filter(([id]) => id !== zone.id);
    const expected = others.reduce((n, [, records]) => n + new Set(records.map((r) => r.id)).size, 0);
    expect(keys(run.result.entities, 'cloudflare_dns_record')).toHaveLength(expected);
  }, 60_000);
});

describe('record types outside the data model', () => {
  test('OPENPGPKEY is collected with type CERT and its exact recordType, and passes schema validation', async () => {
    const dataset = realisticDataset();
    const zone = dataset.zones[0];
    const record = {
      ...dataset.dnsRecordsByZone.get(zone.id)![0],
      id: '0123456789abcdef0123456789abcdef',
      type: 'OPENPGPKEY',
      content: 'mQINBFit2ioBEADhWpZ8undef',
    };
    dataset.dnsRecordsByZone.get(zone.id)!.push(record);
    const run = await collectWith(dataset, []);
    expect(statuses(run.result)[Steps.DNS_RECORDS]).toBe('success');
    const entity = run.result.entities.find((e) => e._key === `cloudflare_dns_record:${record.id}`)!;
    expect(entity).toMatchObject({ type: 'CERT', recordType: 'OPENPGPKEY' });
    expect(run.result.records.map((r) => r.msg)).toContain(
      "DNS record type OPENPGPKEY is not in the JupiterOne data model's list: collected with type CERT, and recordType OPENPGPKEY",
    );
  });
});

describe('configuration that points nowhere', () => {
  const dataset = realisticDataset();

  test('one stale id in ACCOUNT_IDS: the others are collected in full and only the account type is partial', async () => {
    const [good] = dataset.accounts;
    const stale = 'ffffffffffffffffffffffffffffffff';
    const run = await collectWith(dataset, [], { accountIds: `${good.id},${stale}` });
    // Every other step, optional areas included, runs on the readable account alone.
    expect(statuses(run.result)).toEqual({
      ...Object.fromEntries(Object.values(Steps).map((id) => [id, 'success'])),
      [Steps.CHECK_ACCOUNT_IDS]: 'failure',
    });
    expect(run.result.partialTypes).toEqual(['cloudflare_account']);
    expect(keys(run.result.entities, 'cloudflare_dns_zone')).toHaveLength(
      dataset.zones.filter((z) => z.account?.id === good.id).length,
    );
  });

  test('every id in ACCOUNT_IDS unknown: the run is an error naming them, not an empty success', async () => {
    const stale = ['ffffffffffffffffffffffffffffffff', 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'];
    const run = await collectWith(dataset, [], { accountIds: stale.join(',') });
    expect(statuses(run.result)[Steps.ACCOUNTS]).toBe('failure');
    expect(
      run.result.events.some((e) =>
        e.includes(`None of the accounts in ACCOUNT_IDS could be read (${stale.join(', ')})`),
      ),
    ).toBe(true);
  });

  test('a wrong base path (/client/v5) fails naming the URL and API_BASE_URL', async () => {
    const run = await collectWith(dataset, [], {}, (url) => url.replace('/client/v4', '/client/v5'));
    expect(run.result.error).toBeDefined();
    expect(run.result.error!.message).toMatch(
      /Cloudflare has no route for http:\/\/127\.0\.0\.1:\d+\/client\/v5\/user\/tokens\/verify\. Check API_BASE_URL/,
    );
  });
});

describe('the log of a realistic collection reads as a progress report', () => {
  let run: Run;
  beforeAll(async () => {
    run = await collectWith(realisticDataset(), []);
  });

  test('every line is one non-empty line', () => {
    for (const record of run.result.records) {
      expect(record.msg.trim()).not.toBe('');
      expect(record.msg).not.toMatch(/[\r\n]/);
    }
  });

  test('one closing line per step, and DNS progress by tenths of the zones', () => {
    const msgs = run.result.records.map((r) => r.msg);
    const closing = msgs.filter((m) => m.startsWith('Collected ') && !m.startsWith('Collected metric'));
    expect(sorted(closing)).toEqual(
      sorted([
        'Collected 3 accounts',
        'Collected 39 roles',
        'Collected 64 zones',
        'Collected 64 zone settings',
        // 68 + 8 + 2 member rows; Acme Corp's 68 hold one member twice (pages 1 and 2).
        'Collected 79 members (1 repeated across pages)',
        'Collected 485 DNS records (1 repeated across pages)',
        // Zone-scoped member policies of Acme Corp: allow 2 zones, 1, 1 and deny 1.
        'Collected 5 member zone grants',
        'Collected 7 account API tokens, 3 user API tokens',
        // Zero Trust and Access: Acme Corp and Acme Labs (the Sandbox account has no Zero Trust).
        'Collected 16 Zero Trust users, 14 links to account members',
        'Collected 8 devices, 10 device registrations, 1 left out as deleted (INCLUDE_DELETED_DEVICES off)',
        'Collected 3 device posture rules',
        'Collected 2 Gateway locations',
        // Acme Corp's three not deleted and Acme Labs' one (the deleted one is not asked for).
        'Collected 4 Cloudflare Tunnels',
        'Collected 4 Access identity providers',
        'Collected 2 Access groups',
        'Collected 3 Access policies',
        'Collected 5 Access applications',
        'Collected 18 policy-user links',
        // Activity: logins in the last 90 days of all three accounts; Access authentications of the two with Zero Trust.
        'Collected 3 accounts with logins read, 43 members with a login, 44 Access authentications',
        'Collected 15 user-application edges',
      ]),
    );
    const progress = msgs.filter((m) => m.startsWith('DNS records: '));
    expect(progress.length).toBeGreaterThanOrEqual(8);
    expect(progress.length).toBeLessThanOrEqual(10);
    expect(progress[0]).toMatch(/^DNS records: \d+ of 64 zones read, \d+ DNS records so far$/);
  });
});
