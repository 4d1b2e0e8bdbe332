/**
 * The real `j1-integration collect` (ts-node loading src/ from a scratch
 * project) against the local Cloudflare simulator, with schema validation on.
 */
import path from 'path';
import { areaOfPath, minimumRequestsByArea } from '../../tools/lib/requestPlan';
import { CliResult, CollectedGraph, createScratchProject, readCollectedGraph, runCli } from '../../tools/lib/cli';
import { realisticDataset, SIM_TOKENS, SimulatorDataset, SimulatorStats, startSimulator } from '../../simulator';
import { AREA_KEYS, Areas, envNameOf } from '../../src/areas';
import { Entities, Relationships, Steps } from '../../src/constants';
import {
  countByType,
  duplicateKeys,
  countsLike,
  expectedGraph,
  filesContaining,
  listFiles,
  plain,
  removeDir,
  stepStatuses,
} from './expected';

const TIMEOUT = 120_000;
const CORE_STEPS: string[] = [
  Steps.ACCOUNTS,
  Steps.ACCOUNT_ROLES,
  Steps.ACCOUNT_MEMBERS,
  Steps.ZONES,
  Steps.MEMBER_ZONE_ACCESS,
  // Never disabled (members depend on it); with INGEST_ACTIVITY=false it reads nothing.
  Steps.ACTIVITY,
];
/** Every step (check-account-ids runs only with ACCOUNT_IDS: each test says so). */
const ALL_STEPS: string[] = Object.values(Steps);
const ZERO_TRUST_AND_ACCESS_TYPES = [
  Entities.ACCESS_USER._type,
  Entities.DEVICE._type,
  Entities.DEVICE_POSTURE_RULE._type,
  Entities.GATEWAY_LOCATION._type,
  Entities.ACCESS_IDENTITY_PROVIDER._type,
  Entities.ACCESS_GROUP._type,
  Entities.ACCESS_POLICY._type,
  Entities.ACCESS_APPLICATION._type,
];

interface Collected {
  projectDir: string;
  result: CliResult;
  graph: CollectedGraph;
  output: string;
  /** The simulator's statistics for this run alone (each run gets its own simulator). */
  stats: SimulatorStats;
}

/** One CLI run against its own simulator, so runs can go in parallel. */
async function collect(dataset: SimulatorDataset, env: Record<string, string>): Promise<Collected> {
  const sim = await startSimulator({ dataset });
  const projectDir = createScratchProject();
  try {
    const result = await runCli(['collect'], { projectDir, env: { API_BASE_URL: sim.url, ...env } });
    return {
      projectDir,
      result,
      graph: readCollectedGraph(projectDir),
      output: plain(result.stdout + result.stderr),
      stats: sim.stats,
    };
  } finally {
    await sim.close();
  }
}

// Each CLI start loads TypeScript through ts-node (1-2 s of CPU): start all
// four runs at once so both cores are used, then only assert below.
const dataset = realisticDataset();
let runs: Record<'full' | 'noDnsRead' | 'noZeroTrust' | 'areasOff' | 'unknownToken' | 'badAccountIds', Collected>;

beforeAll(async () => {
  const [full, noDnsRead, noZeroTrust, areasOff, unknownToken, badAccountIds] = await Promise.all([
    collect(dataset, { API_TOKEN: SIM_TOKENS.user }),
    collect(dataset, { API_TOKEN: SIM_TOKENS.noDnsRead }),
    collect(dataset, { API_TOKEN: SIM_TOKENS.noZeroTrust }),
    collect(dataset, {
      API_TOKEN: SIM_TOKENS.user,
      ...Object.fromEntries(AREA_KEYS.map((area) => [envNameOf(Areas[area].field), 'false'])),
    }),
    collect(dataset, { API_TOKEN: SIM_TOKENS.unknown }),
    collect(dataset, { API_TOKEN: SIM_TOKENS.user, ACCOUNT_IDS: 'acme-production' }),
  ]);
  runs = { full, noDnsRead, noZeroTrust, areasOff, unknownToken, badAccountIds };
}, TIMEOUT);

afterAll(() => {
  for (const run of Object.values(runs ?? {})) removeDir(run.projectDir);
});

describe('collect: token with every permission, realistic dataset', () => {
  let run: Collected;
  beforeAll(() => {
    run = runs.full;
  });

  test('exits 0; every step succeeded and no type is partial', () => {
    expect({ exitCode: run.result.exitCode, stderr: run.result.exitCode === 0 ? '' : run.output }).toEqual({
      exitCode: 0,
      stderr: '',
    });
    expect(stepStatuses(run.graph.summary)).toEqual({
      ...Object.fromEntries(ALL_STEPS.map((id) => [id, 'success'])),
      // Runs only with ACCOUNT_IDS; disabled for the config reason.
      'check-account-ids': 'disabled',
    });
    for (const step of run.graph.summary.integrationStepResults) expect(step.partialTypes).toEqual([]);
    expect(run.graph.summary.metadata?.partialDatasets?.types ?? []).toEqual([]);
  });

  test('writes exactly the expected number of entities and relationships per _type', () => {
    const expected = expectedGraph(dataset);
    expect(countByType(run.graph.entities)).toEqual(expected.entities);
    expect(countsLike(countByType(run.graph.relationships), expected)).toEqual({
      exact: expected.relationships,
      derived: expected.derivedRelationships,
      unexpected: [],
    });
    // The dataset's traps are really there: pages repeat a member and a record,
    // and Super Administrator is held by members but not listed by /roles.
    const superAdmins = run.graph.entities.filter(
      (e) => e._type === 'cloudflare_account_role' && e.listedByRolesEndpoint === false,
    );
    expect(superAdmins).toHaveLength(dataset.accounts.length);
  });

  test('every area makes exactly the fewest requests its lists need (an account without Zero Trust is asked once)', () => {
    const byArea: Record<string, number> = {};
    for (const [route, n] of Object.entries(run.stats.byRoute)) {
      byArea[areaOfPath(route)] = (byArea[areaOfPath(route)] ?? 0) + n;
    }
    const minimum: Record<string, number> = minimumRequestsByArea(dataset);
    // The 403 that says an account has no Zero Trust is paid by whichever of
    // these areas asks first (their steps run at the same time): compare their sum.
    const shared = ['zeroTrust', 'accessConfiguration', 'activity'];
    const split = (counts: Record<string, number>) => ({
      own: Object.fromEntries(Object.entries(counts).filter(([area]) => !shared.includes(area))),
      shared: shared.reduce((sum, area) => sum + (counts[area] ?? 0), 0),
    });
    expect(split(byArea)).toEqual(split(minimum));
    for (const area of shared) {
      expect(byArea[area]).toBeGreaterThanOrEqual(minimum[area] - dataset.zeroTrustDisabled.size);
      expect(byArea[area]).toBeLessThanOrEqual(minimum[area] + dataset.zeroTrustDisabled.size);
    }
  });

  test('every _key is unique and every direct relationship joins two collected entities', () => {
    expect(duplicateKeys([...run.graph.entities, ...run.graph.relationships])).toEqual([]);
    const keys = new Set(run.graph.entities.map((e) => e._key));
    const dangling = run.graph.relationships.filter(
      (r) => !r._mapping && (!keys.has(r._fromEntityKey) || !keys.has(r._toEntityKey)),
    );
    expect(dangling).toEqual([]);
  });

  test("each zone's HAS edge comes from its own account", () => {
    const { zoneAccount } = expectedGraph(dataset);
    const edges = run.graph.relationships.filter((r) => r._type === 'cloudflare_account_has_dns_zone');
    const actual = new Map(edges.map((r) => [r._toEntityKey.replace('cloudflare_dns_zone:', ''), r._fromEntityKey]));
    expect(actual.size).toBe(zoneAccount.size);
    for (const [zoneId, accountId] of zoneAccount) {
      expect([zoneId, actual.get(zoneId)]).toEqual([zoneId, `cloudflare_account:${accountId}`]);
    }
  });

  test('HTTPS and SVCB records are collected with their exact recordType', () => {
    const records = run.graph.entities.filter((e) => e._type === 'cloudflare_dns_record');
    for (const recordType of ['HTTPS', 'SVCB']) {
      const ofType = records.filter((r) => r.recordType === recordType);
      const inDataset = [...dataset.dnsRecordsByZone.values()].flat().filter((r) => r.type === recordType);
      expect(ofType.length).toBe(new Set(inDataset.map((r) => r.id)).size);
      expect(ofType.length).toBeGreaterThan(0);
      // The data model has no HTTPS/SVCB `type`; collect validated what was written.
      for (const record of ofType) expect(record.type).toBe('SRV');
    }
  });

  test('the API token appears in no output and no file under .j1-integration', () => {
    const root = path.join(run.projectDir, '.j1-integration');
    expect(listFiles(root).length).toBeGreaterThan(5);
    expect(filesContaining(root, SIM_TOKENS.user)).toEqual([]);
    expect(run.result.stdout).not.toContain(SIM_TOKENS.user);
    expect(run.result.stderr).not.toContain(SIM_TOKENS.user);
  });
});

describe('collect: token without DNS Read', () => {
  let run: Collected;
  beforeAll(() => {
    run = runs.noDnsRead;
  });

  test('exits 0 (the CLI reports step failures only in the log and summary.json)', () => {
    expect(run.result.exitCode).toBe(0);
  });

  test('summary.json marks fetch-dns-records failed and its types partial; the other steps succeeded', () => {
    expect(stepStatuses(run.graph.summary)).toEqual({
      ...Object.fromEntries(ALL_STEPS.map((id) => [id, 'success'])),
      'check-account-ids': 'disabled',
      'fetch-dns-records': 'failure',
    });
    // SDK 8.41 keeps the per-step `partialTypes` for types declared partial in
    // step metadata; a failed step's types are listed in metadata.partialDatasets.
    expect([...run.graph.summary.metadata.partialDatasets.types].sort()).toEqual([
      Entities.DNS_RECORD._type,
      Relationships.ZONE_HAS_RECORD._type,
    ]);
  });

  test('the log names the missing permission', () => {
    expect(run.output).toContain('"DNS Read"');
  });

  test('at most 3 refused DNS requests per account, of each kind (Acme Corp 58 zones, Acme Labs 3, Sandbox 2)', () => {
    expect(run.stats.byRoute['GET /zones/:id/dns_records']).toBe(3 + 3 + 2);
    expect(run.stats.byRoute['GET /zones/:id/dnssec']).toBe(3 + 3 + 2);
    // Zone settings need Zone Settings Read, which the token has: every zone.
    expect(run.stats.byRoute['GET /zones/:id/settings']).toBe(dataset.zones.length);
  });

  test("every other step's data is still written", () => {
    const expected = expectedGraph(dataset);
    const { cloudflare_dns_record: _records, ...entities } = expected.entities;
    const { cloudflare_dns_zone_has_record: _edges, ...relationships } = expected.relationships;
    expect(countByType(run.graph.entities)).toEqual(entities);
    expect(countsLike(countByType(run.graph.relationships), { ...expected, relationships })).toEqual({
      exact: relationships,
      derived: expected.derivedRelationships,
      unexpected: [],
    });
    expect(filesContaining(path.join(run.projectDir, '.j1-integration'), SIM_TOKENS.noDnsRead)).toEqual([]);
  });
});

describe('collect: token without the Zero Trust and Access permissions', () => {
  let run: Collected;
  beforeAll(() => {
    run = runs.noZeroTrust;
  });

  test('every step succeeds; nothing is partial', () => {
    expect(run.result.exitCode).toBe(0);
    expect(stepStatuses(run.graph.summary)).toEqual({
      ...Object.fromEntries(ALL_STEPS.map((id) => [id, 'success'])),
      'check-account-ids': 'disabled',
    });
    expect(run.graph.summary.metadata?.partialDatasets?.types ?? []).toEqual([]);
  });

  test('everything else is collected in full; no Zero Trust or Access entity', () => {
    const expected = expectedGraph(dataset);
    const others = Object.fromEntries(
      Object.entries(expected.entities).filter(([type]) => !ZERO_TRUST_AND_ACCESS_TYPES.includes(type)),
    );
    expect(countByType(run.graph.entities)).toEqual(others);
  });

  test('warnings name the permissions to grant, per account that has Zero Trust', () => {
    for (const permission of [
      'Access: Audit Logs Read',
      'Zero Trust Read',
      "Zero Trust Read (unconfirmed: Cloudflare's schema names no permission)",
      'Access: Apps and Policies Read',
      'Access: Organizations, Identity Providers, and Groups Read',
    ]) {
      expect(run.output).toContain(`Grant the token "${permission}"`);
    }
    expect(run.output).not.toContain(SIM_TOKENS.noZeroTrust);
  });
});

describe('collect: every optional area switched off by its environment variable', () => {
  let run: Collected;
  beforeAll(() => {
    run = runs.areasOff;
  });

  test('the area steps are disabled; the core steps succeed', () => {
    expect(run.result.exitCode).toBe(0);
    expect(stepStatuses(run.graph.summary)).toEqual({
      ...Object.fromEntries(CORE_STEPS.map((id) => [id, 'success'])),
      ...Object.fromEntries(ALL_STEPS.filter((id) => !CORE_STEPS.includes(id)).map((id) => [id, 'disabled'])),
      'check-account-ids': 'disabled',
    });
  });

  test('only accounts, members, roles and zones (without security settings) are collected; no area endpoint is called', () => {
    expect(Object.keys(countByType(run.graph.entities)).sort()).toEqual([
      Entities.ACCOUNT._type,
      Entities.ACCOUNT_MEMBER._type,
      Entities.ACCOUNT_ROLE._type,
      Entities.DNS_ZONE._type,
    ]);
    expect(run.graph.entities.filter((e) => e.sslMode !== undefined || e.dnssecStatus !== undefined)).toEqual([]);
    expect(Object.keys(run.stats.byRoute).sort()).toEqual([
      'GET /accounts',
      'GET /accounts/:id/members',
      'GET /accounts/:id/roles',
      'GET /user/tokens/verify',
      'GET /zones',
    ]);
  });
});

describe('collect: invalid configuration', () => {
  test("a token Cloudflare does not know: exit 1, the output names Cloudflare's answer, nothing collected", () => {
    const run = runs.unknownToken;
    expect(run.result.exitCode).toBe(1);
    expect(run.output).toContain('GET /user/tokens/verify');
    expect(run.output).toContain('401');
    expect(run.output).toContain('Cloudflare error 1000 Invalid API Token');
    expect(run.result.stderr).toContain('PROVIDER_AUTHENTICATION_ERROR');
    expect(run.output).not.toContain(SIM_TOKENS.unknown);
    expect(run.graph.entities).toEqual([]);
    expect(run.stats.byRoute).toEqual({ 'GET /user/tokens/verify': 1 });
  });

  test('a malformed ACCOUNT_IDS: exit 1, a message naming ACCOUNT_IDS, no request sent', () => {
    const run = runs.badAccountIds;
    expect(run.result.exitCode).toBe(1);
    expect(run.output).toContain(
      'Invalid config field accountIds (env ACCOUNT_IDS): "acme-production" is not a Cloudflare account id',
    );
    expect(run.result.stderr).toContain('CONFIG_VALIDATION_ERROR');
    expect(run.graph.entities).toEqual([]);
    expect(run.stats.requests).toBe(0);
  });
});
