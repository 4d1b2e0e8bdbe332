/**
 * Resilience (docs/operations.md#when-cloudflare-answers-badly): under a fault profile mixing every kind (5xx with JSON bodies, 502
 * with a gateway's HTML page, connection resets, answers slower than the
 * request timeout, 429 bursts with Retry-After), the collected graph equals
 * the fault-free graph exactly, and the token shows up nowhere.
 */
import { FaultProfile, realisticDataset, RunningSimulator, SimulatorDataset, startSimulator } from '../../simulator';
import { Steps } from '../../src/constants';
import { countByType, expectedGraph } from '../e2e/expected';
import {
  allSucceeded,
  collect,
  CollectResult,
  duplicates,
  everythingVisible,
  keys,
  LogRecord,
  messages,
  statuses,
  TOKEN,
} from '../../tools/lib/collect';

const dataset: SimulatorDataset = realisticDataset();

/**
 * Seeds picked (out of 16 tried) because each injects every fault kind on
 * this dataset. With every area on (about 230 requests) a run takes about
 * 9 s (seed 9) and 17 s (seed 16). Fault decisions depend only on
 * (seed, URL, attempt for that URL), so which kinds occur is reproducible;
 * only the 429 bursts' reach depends on timing.
 */
const SEEDS = [9, 16];

const profile = (seed: number): FaultProfile => ({
  seed,
  rate: 0.2,
  kinds: ['500', '502html', 'reset', 'slow', '429'],
  slowMs: 2500, // past REQUEST_TIMEOUT_SECONDS=1
  retryAfterSeconds: 1,
  maxConsecutivePerRequest: 2,
});

let baseline: CollectResult;
const faultedRuns: CollectResult[] = [];

beforeAll(async () => {
  const sim = await startSimulator({ dataset });
  try {
    baseline = await collect({ apiBaseUrl: sim.url, config: { requestTimeoutSeconds: '1' } });
  } finally {
    await sim.close();
  }
});

test('the fault-free baseline collects the whole dataset', () => {
  expect(baseline.error).toBeUndefined();
  // Every step ran (all areas are on by default) and succeeded; only the
  // ACCOUNT_IDS check is off, as no ids are configured.
  expect(statuses(baseline)).toEqual({
    ...Object.fromEntries(Object.values(Steps).map((id) => [id, 'success'])),
    [Steps.CHECK_ACCOUNT_IDS]: 'disabled',
  });
  expect(baseline.transportStats).toMatchObject({ retries: 0, rateLimited: 0 });
  expect(keys(baseline.entities, 'cloudflare_account')).toHaveLength(dataset.accounts.length);
  expect(keys(baseline.entities, 'cloudflare_dns_zone')).toHaveLength(dataset.zones.length);
  const distinctRecords = new Set([...dataset.dnsRecordsByZone.values()].flat().map((r) => r.id));
  expect(keys(baseline.entities, 'cloudflare_dns_record')).toHaveLength(distinctRecords.size);
  // Every entity type, counted from the dataset (test/e2e/expected.ts; the Sandbox account has no Zero Trust).
  expect(countByType(baseline.entities)).toEqual(expectedGraph(dataset).entities);
});

describe.each(SEEDS)('under faults (seed %i)', (seed) => {
  let sim: RunningSimulator;
  let result: CollectResult;

  beforeAll(async () => {
    sim = await startSimulator({ dataset, faults: profile(seed) });
    try {
      result = await collect({ apiBaseUrl: sim.url, config: { requestTimeoutSeconds: '1' } });
      faultedRuns.push(result);
    } finally {
      await sim.close();
    }
  });

  test('every step succeeds and nothing is reported partial', () => {
    expect(result.error).toBeUndefined();
    expect(statuses(result)).toEqual(allSucceeded(baseline));
    expect(result.partialTypes).toEqual([]);
  });

  test('the graph equals the fault-free graph exactly', () => {
    const entityKeys = keys(result.entities);
    const relationshipKeys = keys(result.relationships);
    expect(duplicates(entityKeys)).toEqual([]);
    expect(duplicates(relationshipKeys)).toEqual([]);
    expect(entityKeys).toEqual(keys(baseline.entities));
    expect(relationshipKeys).toEqual(keys(baseline.relationships));
  });

  test('faults of every kind were injected and retried', () => {
    expect(sim.stats.faultsInjected).toBeGreaterThan(10);
    for (const kind of ['500', '502html', 'reset', 'slow', '429'] as const) {
      expect(sim.stats.faultsByKind[kind]).toBeGreaterThan(0);
    }
    expect(sim.stats.responsesByStatus[500]).toBeGreaterThan(0);
    expect(sim.stats.responsesByStatus[502]).toBeGreaterThan(0);
    expect(sim.stats.responsesByStatus[429]).toBeGreaterThan(0);
    const answered = Object.values(sim.stats.responsesByStatus).reduce((a, b) => a + b, 0);
    expect(sim.stats.requests - answered).toBeGreaterThan(0); // resets + timed-out slow answers

    const retried = (pattern: RegExp) => messages(result, pattern).filter((m) => /retrying$/.test(m));
    expect(retried(/: 500 Internal Server Error \(Cloudflare error 10001/).length).toBeGreaterThan(0);
    expect(retried(/: 502 Bad Gateway \(HTML error page: "502 Bad Gateway"\)/).length).toBeGreaterThan(0);
    expect(retried(/socket hang up|ECONNRESET/).length).toBeGreaterThan(0);
    expect(retried(/no complete answer within 1 s \(REQUEST_TIMEOUT_SECONDS\)/).length).toBeGreaterThan(0);
    expect(messages(result, /^Cloudflare answered 429 .* waiting 1 s as Retry-After says/).length).toBeGreaterThan(0);

    // The client's view matches the server's.
    expect(result.transportStats.rateLimited).toBe(sim.stats.responsesByStatus[429]);
    expect(result.transportStats.retries).toBeGreaterThan(0);
  });

  test('retry warnings name the endpoint and status', () => {
    const warnings = result.records.filter((r: LogRecord) => /retrying$/.test(r.msg));
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) {
      // Paths hold hyphens too (e.g. /devices/physical-devices).
      expect(warning.endpoint).toMatch(/^GET \/[a-z_/0-9-]+(\?.*)?$/);
      expect([500, 502, 'NETWORK']).toContain(warning.status);
      expect(warning.msg).toContain(warning.endpoint as string);
    }
  });

  test('the token appears in no log line, event, summary or written file', () => {
    expect(result.files.length).toBeGreaterThan(0);
    const visible = everythingVisible(result);
    // Positive controls: the text searched does hold the log, the graph files and the summary.
    expect(visible).toContain('retrying');
    expect(visible).toContain(`"_key": "${keys(baseline.entities, 'cloudflare_dns_record')[0]}"`);
    expect(visible).toContain('"partialDatasets"');
    expect(visible).not.toContain(TOKEN);
    expect(visible).not.toContain('_NOT_REAL');
  });
});

test('a retried fault hit a later page (so graph equality shows no page is skipped after a failure)', () => {
  // Members of account 1 and zones of account 1 span two pages. Retried
  // faults are a pure function of (seed, URL, attempt), so this holds for
  // these seeds every time (seed 9 retries a page 2; seed 16 happens not to).
  const retriedEndpoints = faultedRuns.flatMap((run) =>
    run.records.filter((r) => /retrying$/.test(r.msg)).map((r) => r.endpoint as string),
  );
  expect(faultedRuns).toHaveLength(SEEDS.length);
  expect(retriedEndpoints.filter((e) => /[?&]page=[2-9]/.test(e)).length).toBeGreaterThan(0);
});
