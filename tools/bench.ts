/**
 * `npm run bench`: the real collection (the j1-integration CLI) against the
 * local simulator with a large dataset. Prints requests vs. the minimum, wall
 * time vs. the rate-limit floor, 429s, peak memory and throughput.
 *
 *   npm run bench -- [--accounts 2] [--zones 1000] [--records 100000] [--members 500]
 *                    [--latency-ms 50] [--rate-limit 300/10] [--per-second N] [--concurrency 16]
 *                    [--only paced|memory] [--areas all|core|both] [--heap-limit-mb 1024] [--json FILE]
 *                    [--typescript]
 *
 * --rate-limit R/S: the user's budget, R requests per S seconds, on the
 * client (RATE_LIMIT_REQUESTS / RATE_LIMIT_WINDOW_SECONDS) and the simulator.
 * --per-second N: the client's per-IP window (RATE_LIMIT_PER_SECOND). By
 * default Cloudflare's 200, or the budget's average rate R/S when that is
 * higher, so a budget raised out of the way (--rate-limit 100000/10) leaves
 * a run bound by latency alone, and the default 300/10 keeps 200. The
 * simulator reports the most requests that arrived within any 1 s.
 * --concurrency: MAX_CONCURRENT_REQUESTS (default: the collector's default).
 * --areas: the paced run with every area on (all, the default), with the
 * optional areas off (core: accounts, members, roles, zones and DNS records),
 * or both, one after the other, with the ratios of wall time and peak RSS
 * (all / core) that say what the optional areas cost.
 * --heap-limit-mb: the memory runs are repeated with that V8 heap limit
 * (NODE_OPTIONS=--max-old-space-size), as on a smaller machine; 0 skips them.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import v8 from 'v8';
import { largeDataset, SIM_TOKENS, SimulatorDataset, startSimulator, tinyDataset } from '../simulator';
import { Areas, envNameOf } from '../src/areas';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_RATE_LIMIT_PER_SECOND } from '../src/config';
import { CliResult, createScratchProject, readCollectedGraph, REPO_ROOT, runCli } from './lib/cli';
import { createDnsDataFloorProject, createSdkFloorProject } from './lib/sdkFloor';
import {
  AREAS,
  areaOfPath,
  floorSeconds,
  minimumRequests,
  minimumRequestsAllAreas,
  minimumRequestsByArea,
  sequentialChain,
} from './lib/requestPlan';
import { expectedAreaEntityCount, expectedEntityCount } from './lib/expectedGraph';

interface Options {
  accounts: number;
  zones: number;
  records: number;
  members: number;
  latencyMs: number;
  budget: number;
  windowSeconds: number;
  /** The client's per-IP window; unset: perSecondFor(budget, windowSeconds). */
  perSecond?: number;
  concurrency: number;
  only?: 'paced' | 'memory';
  /** Which areas the paced run collects: every one, the core alone, or both runs compared. */
  areas: 'all' | 'core' | 'both';
  /** Repeat the memory runs with this V8 heap limit (MB); 0: don't. */
  heapLimitMb: number;
  json?: string;
  /** Load src/ through ts-node instead of the compiled build. */
  typescript: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    accounts: 2,
    zones: 1000,
    records: 100_000,
    members: 500,
    latencyMs: 50,
    budget: 300,
    windowSeconds: 10,
    concurrency: DEFAULT_MAX_CONCURRENT_REQUESTS,
    heapLimitMb: 1024,
    areas: 'all',
    typescript: false,
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--typescript') {
      options.typescript = true;
      continue;
    }
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    const num = () => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number, got "${value}"`);
      return n;
    };
    switch (flag) {
      case '--accounts':
        options.accounts = num();
        break;
      case '--zones':
        options.zones = num();
        break;
      case '--records':
        options.records = num();
        break;
      case '--members':
        options.members = num();
        break;
      case '--latency-ms':
        options.latencyMs = num();
        break;
      case '--concurrency':
        options.concurrency = num();
        break;
      case '--per-second':
        options.perSecond = num();
        break;
      case '--rate-limit': {
        const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
        if (!match) throw new Error(`--rate-limit takes REQUESTS/SECONDS, e.g. 300/10; got "${value}"`);
        options.budget = Number(match[1]);
        options.windowSeconds = Number(match[2]);
        break;
      }
      case '--only':
        if (value !== 'paced' && value !== 'memory') throw new Error('--only takes paced or memory');
        options.only = value;
        break;
      case '--areas':
        if (value !== 'all' && value !== 'core' && value !== 'both') throw new Error('--areas takes all, core or both');
        options.areas = value;
        break;
      case '--heap-limit-mb':
        options.heapLimitMb = num();
        break;
      case '--json':
        options.json = value;
        break;
      default:
        throw new Error(`unknown option ${flag}; see the header of tools/bench.ts`);
    }
  }
  return options;
}

/**
 * The per-IP window a run gets unless --per-second says: Cloudflare's, or
 * the budget's average rate when higher (a per-second window below it would
 * make the budget unreachable, and a latency-only run rate-bound).
 */
function perSecondFor(opts: { budget: number; windowSeconds: number; perSecond?: number }): number {
  return opts.perSecond ?? Math.max(DEFAULT_RATE_LIMIT_PER_SECOND, Math.ceil(opts.budget / opts.windowSeconds));
}

interface CollectionRun {
  cli: CliResult;
  startupMs: number;
  requests: number;
  /** Requests per area (tools/lib/requestPlan.ts areaOfPath over the simulator's per-route counts). */
  requestsByArea: Record<string, number>;
  rateLimited: number;
  /** The most requests that arrived at the simulator within any 1 s. */
  peakPerSecond: number;
  entities: number;
  relationships: number;
  failedSteps: string[];
}

/** One CLI collection against a fresh simulator; the scratch project is removed after. */
async function collect(
  dataset: SimulatorDataset,
  opts: {
    latencyMs: number;
    budget: number;
    windowSeconds: number;
    perSecond?: number;
    concurrency: number;
    serverLimit: boolean;
    typescript: boolean;
    nodeOptions?: string;
    /** Only the core (the optional areas off but DNS records); every area otherwise. */
    coreOnly?: boolean;
  },
): Promise<CollectionRun> {
  const sim = await startSimulator({
    dataset,
    latencyMs: opts.latencyMs,
    rateLimit: opts.serverLimit
      ? { requests: opts.budget, windowSeconds: opts.windowSeconds, headers: true }
      : undefined,
  });
  const projectDir = createScratchProject({ compiled: !opts.typescript });
  try {
    const spawnedAt = Date.now();
    const cli = await runCli(['collect'], {
      projectDir,
      measurePeakRss: true,
      nodeOptions: opts.nodeOptions,
      env: {
        API_TOKEN: SIM_TOKENS.user,
        API_BASE_URL: sim.url,
        RATE_LIMIT_REQUESTS: String(opts.budget),
        RATE_LIMIT_WINDOW_SECONDS: String(opts.windowSeconds),
        RATE_LIMIT_PER_SECOND: String(perSecondFor(opts)),
        MAX_CONCURRENT_REQUESTS: String(opts.concurrency),
        ...(opts.coreOnly ? CORE_ONLY_ENV : {}),
      },
    });
    const graph = readCollectedGraph(projectDir);
    const steps: Array<{ id: string; status: string }> = graph.summary.integrationStepResults ?? [];
    return {
      cli,
      startupMs: (sim.stats.firstRequestAt ?? spawnedAt) - spawnedAt,
      requests: sim.stats.requests,
      requestsByArea: Object.entries(sim.stats.byRoute).reduce<Record<string, number>>((acc, [route, n]) => {
        const area = areaOfPath(route);
        acc[area] = (acc[area] ?? 0) + n;
        return acc;
      }, {}),
      rateLimited: sim.stats.rateLimited,
      peakPerSecond: sim.stats.peakPerSecond,
      entities: graph.entities.length,
      relationships: graph.relationships.length,
      failedSteps: steps.filter((s) => s.status !== 'success' && s.status !== 'disabled').map((s) => s.id),
    };
  } finally {
    await sim.close();
    fs.rmSync(projectDir, { recursive: true, force: true });
  }
}

/** Every optional area off but DNS records, which the bench counts with the core. */
const CORE_ONLY_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(Areas)
    .filter(([area]) => area !== 'dnsRecords')
    .map(([, spec]) => [envNameOf(spec.field), 'false']),
);

/** Collects a floor project (tools/lib/sdkFloor.ts), checks it added every entity, removes it. */
async function collectFloor(label: string, projectDir: string, expectedEntities: number): Promise<CliResult> {
  try {
    const cli = await runCli(['collect'], { projectDir, env: {}, measurePeakRss: true });
    const collected = readCollectedGraph(projectDir).entities.length;
    if (cli.exitCode !== 0 || collected !== expectedEntities) {
      throw new Error(
        `${label}: ${collected} entities, expected ${expectedEntities}. CLI output:\n${cli.stdout.slice(-4000)}${cli.stderr.slice(-2000)}`,
      );
    }
    return cli;
  } finally {
    fs.rmSync(projectDir, { recursive: true, force: true });
  }
}

const mb = (bytes = 0) => bytes / 1024 / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

function table(rows: Array<[string, string, string?]>): string {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}${c ? `  ${c}` : ''}`).join('\n');
}

/** The most requests in any 1 s against the per-IP window the client was given. */
function perSecondRow(run: CollectionRun, options: Options): [string, string, string] {
  const limit = perSecondFor(options);
  return [
    'most requests arriving within 1 s (simulator)',
    String(run.peakPerSecond),
    `${verdict(run.peakPerSecond <= limit)} (per-IP window ${limit}; RATE_LIMIT_PER_SECOND)`,
  ];
}

function assertComplete(label: string, run: CollectionRun, dataset: SimulatorDataset, coreOnly = false): void {
  const expected = expectedEntityCount(dataset) - (coreOnly ? expectedAreaEntityCount(dataset) : 0);
  if (run.failedSteps.length > 0 || run.entities !== expected) {
    throw new Error(
      `${label}: collection incomplete (failed steps: ${run.failedSteps.join(', ') || 'none'}; ` +
        `${run.entities} entities, expected ${expected}). CLI output:\n${run.cli.stdout.slice(-4000)}${run.cli.stderr.slice(-2000)}`,
    );
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const results: Record<string, unknown> = { options };
  const started = Date.now();
  if (!options.typescript || options.only !== 'paced') {
    // The JupiterOne platform runs the compiled build; so does the benchmark
    // (ts-node alone adds 70-100 MB to the CLI process). --typescript: src/.
    // The DNS data floor (memory runs) always loads the build.
    console.log('Building dist/ (npm run build)...');
    execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.dist.json'],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      },
    );
  }
  console.log(
    `Generating ${options.accounts} accounts, ${options.zones} zones, ${options.records} DNS records, ${options.members} members...`,
  );
  const dataset = largeDataset(options);
  const entities = expectedEntityCount(dataset);

  let corePaced: CollectionRun | undefined;
  if (options.only !== 'memory' && options.areas !== 'all') {
    console.log(
      `\n[paced, core alone] ${options.latencyMs} ms latency, budget ${options.budget} requests / ${options.windowSeconds} s, ` +
        `${perSecondFor(options)} per second, concurrency ${options.concurrency}; ${Object.keys(CORE_ONLY_ENV).join(', ')} = false...`,
    );
    corePaced = await collect(dataset, { ...options, serverLimit: true, coreOnly: true });
    assertComplete('paced run, core alone', corePaced, dataset, true);
    console.log(
      table([
        ['requests made / minimum (core and DNS records)', `${corePaced.requests} / ${minimumRequests(dataset)}`],
        ['wall time (s)', fmt(corePaced.cli.wallMs / 1000)],
        ['start-up time (s)', fmt(corePaced.startupMs / 1000)],
        ['peak RSS (MB)', fmt(mb(corePaced.cli.peakRssBytes))],
        ['entities / relationships', `${corePaced.entities} / ${corePaced.relationships}`],
        ['429s received', String(corePaced.rateLimited)],
        perSecondRow(corePaced, options),
      ]),
    );
    results.pacedCore = {
      ...corePaced,
      cli: undefined,
      wallMs: corePaced.cli.wallMs,
      peakRssBytes: corePaced.cli.peakRssBytes,
    };
  }

  if (options.only !== 'memory' && options.areas !== 'core') {
    // Every area on (the default): the core, DNS records, zone settings, tokens, Zero Trust, Access.
    const minimum = minimumRequestsAllAreas(dataset);
    const minimumByArea = minimumRequestsByArea(dataset);
    const minimumCore = minimumRequests(dataset);
    console.log(
      `\n[paced] ${options.latencyMs} ms latency, budget ${options.budget} requests / ${options.windowSeconds} s ` +
        `(client and simulator), ${perSecondFor(options)} per second (client), concurrency ${options.concurrency}...`,
    );
    const run = await collect(dataset, { ...options, serverLimit: true });
    assertComplete('paced run', run, dataset);
    const bounds = floorSeconds({
      requests: minimum,
      budget: options.budget,
      windowSeconds: options.windowSeconds,
      perSecond: perSecondFor(options),
      latencySeconds: options.latencyMs / 1000,
      concurrency: options.concurrency,
      chain: sequentialChain(dataset),
    });
    const wall = run.cli.wallMs / 1000;
    const startup = run.startupMs / 1000;
    const ratio = (wall - startup) / bounds.floor;
    const requestRatio = run.requests / minimum;
    console.log(
      table([
        [
          'requests made',
          String(run.requests),
          verdict(requestRatio <= 1.02) + ` (${fmt(requestRatio, 3)} x minimum; target <= 1.02)`,
        ],
        ['minimum needed, every area on (documented max page sizes)', String(minimum)],
        ['  of which accounts, members, roles, zones, DNS records', String(minimumCore)],
        ...AREAS.map((area): [string, string, string] => [
          `  requests made / minimum: ${area}`,
          `${run.requestsByArea[area] ?? 0} / ${minimumByArea[area]}`,
          minimumByArea[area] > 0 ? `${fmt((run.requestsByArea[area] ?? 0) / minimumByArea[area], 3)} x` : '',
        ]),
        [
          'floor time (s)',
          fmt(bounds.floor),
          `rate bound ${fmt(bounds.rateBound)} s, latency bound ${fmt(bounds.latencyBound)} s`,
        ],
        ['wall time (s)', fmt(wall)],
        ['start-up time (s)', fmt(startup), 'CLI start to first request'],
        ['(wall - start-up) / floor', fmt(ratio, 3), verdict(ratio <= 1.1) + ' (target <= 1.10)'],
        ['429s received', String(run.rateLimited), verdict(run.rateLimited === 0) + ' (target 0)'],
        perSecondRow(run, options),
        ['entities / relationships', `${run.entities} / ${run.relationships}`],
      ]),
    );
    results.paced = {
      ...run,
      cli: undefined,
      wall,
      startup,
      floor: bounds,
      minimum,
      minimumByArea,
      minimumCore,
      ratio,
      requestRatio,
    };
    if (corePaced) {
      // What the optional areas cost on top of the core, run for run (start-up included in both).
      const wallRatio = run.cli.wallMs / corePaced.cli.wallMs;
      const rssRatio = (run.cli.peakRssBytes ?? 0) / (corePaced.cli.peakRssBytes ?? 1);
      console.log(
        table([
          [
            'wall time, every area / core alone',
            `${fmt(wall)} / ${fmt(corePaced.cli.wallMs / 1000)} s`,
            `${fmt(wallRatio, 2)} x: ${verdict(wallRatio <= 1.3)} (target <= 1.30)`,
          ],
          [
            'peak RSS, every area / core alone',
            `${fmt(mb(run.cli.peakRssBytes))} / ${fmt(mb(corePaced.cli.peakRssBytes))} MB`,
            `${fmt(rssRatio, 2)} x: ${verdict(rssRatio <= 1.1)} (target <= 1.10)`,
          ],
        ]),
      );
      results.areasCost = { wallRatio, rssRatio };
    }
  }

  if (options.only !== 'paced') {
    console.log('\n[memory and throughput] no latency, no rate limit...');
    const unlimited = {
      latencyMs: 0,
      budget: 1_000_000,
      windowSeconds: 1,
      concurrency: options.concurrency,
      serverLimit: false,
      typescript: options.typescript,
    };
    const tinyData = tinyDataset();
    const tiny = await collect(tinyData, unlimited);
    assertComplete('tiny run', tiny, tinyData);
    const tenKData = largeDataset({
      ...options,
      records: Math.min(10_000, options.records),
      zones: Math.min(100, options.zones),
    });
    const tenK = await collect(tenKData, unlimited);
    assertComplete('10k run', tenK, tenKData);
    const full = await collect(dataset, unlimited);
    assertComplete('full run', full, dataset);
    const sdkFloor = await collectFloor('SDK floor', createSdkFloorProject(entities), entities);
    const dnsRecords = [...dataset.dnsRecordsByZone.values()].reduce((n, records) => n + records.length, 0);
    const dnsFloor = await collectFloor('DNS data floor', createDnsDataFloorProject(dataset), dnsRecords);
    const growth = mb(full.cli.peakRssBytes) - mb(tiny.cli.peakRssBytes);
    const sdkGrowth = mb(sdkFloor.peakRssBytes) - mb(tiny.cli.peakRssBytes);
    const dnsGrowth = mb(dnsFloor.peakRssBytes) - mb(tiny.cli.peakRssBytes);
    const seconds = (full.cli.wallMs - full.startupMs) / 1000;
    const perSecond = entities / seconds;
    const heapLimit = v8.getHeapStatistics().heap_size_limit;
    console.log(
      table([
        [`V8 heap limit (this machine's default)`, `${fmt(mb(heapLimit), 0)} MB`],
        ['peak RSS, tiny collection (MB)', fmt(mb(tiny.cli.peakRssBytes))],
        [
          `peak RSS, ${tenKData.dnsRecordsByZone.size ? 'about 10,000' : '0'} records (MB)`,
          fmt(mb(tenK.cli.peakRssBytes)),
        ],
        [`peak RSS, ${options.records} records (MB)`, fmt(mb(full.cli.peakRssBytes))],
        ['growth over tiny (MB)', fmt(growth), verdict(growth <= 120) + ' (target <= 120)'],
        [`  SDK alone: ${entities} bare entities + relationships, no HTTP`, fmt(sdkGrowth)],
        [`  SDK + our DNS converter: the same records from disk, no HTTP`, fmt(dnsGrowth)],
        ['  so: DNS record content in the job state', fmt(dnsGrowth - sdkGrowth)],
        ['  so: HTTP client, limiter, other steps', fmt(growth - dnsGrowth)],
        ['entities collected', String(full.entities)],
        ['collection time without start-up (s)', fmt(seconds), `start-up ${fmt(full.startupMs / 1000)} s`],
        ['entities per second', fmt(perSecond, 0), verdict(perSecond >= 15_000) + ' (target >= 15,000)'],
      ]),
    );
    results.memory = {
      heapLimitMb: mb(heapLimit),
      tinyPeakRssMb: mb(tiny.cli.peakRssBytes),
      tenKPeakRssMb: mb(tenK.cli.peakRssBytes),
      fullPeakRssMb: mb(full.cli.peakRssBytes),
      growthMb: growth,
      sdkFloorGrowthMb: sdkGrowth,
      dnsDataFloorGrowthMb: dnsGrowth,
      entitiesPerSecond: perSecond,
      collectSeconds: seconds,
    };

    if (options.heapLimitMb > 0) {
      // V8 lets garbage build up to a multiple of the live heap before a full
      // collection, and that multiple shrinks with the heap limit
      // (docs/benchmarks.md#where-the-memory-goes). The same runs with a smaller limit show how much of the
      // peak is that headroom rather than data held.
      const nodeOptions = `--max-old-space-size=${options.heapLimitMb}`;
      console.log(`\n[memory, V8 heap limit ${options.heapLimitMb} MB] NODE_OPTIONS=${nodeOptions}...`);
      const limitedTiny = await collect(tinyData, { ...unlimited, nodeOptions });
      assertComplete('tiny run, limited heap', limitedTiny, tinyData);
      const limitedFull = await collect(dataset, { ...unlimited, nodeOptions });
      assertComplete('full run, limited heap', limitedFull, dataset);
      const limitedGrowth = mb(limitedFull.cli.peakRssBytes) - mb(limitedTiny.cli.peakRssBytes);
      const limitedSeconds = (limitedFull.cli.wallMs - limitedFull.startupMs) / 1000;
      console.log(
        table([
          ['peak RSS, tiny collection (MB)', fmt(mb(limitedTiny.cli.peakRssBytes))],
          [`peak RSS, ${options.records} records (MB)`, fmt(mb(limitedFull.cli.peakRssBytes))],
          ['growth over tiny (MB)', fmt(limitedGrowth), verdict(limitedGrowth <= 120) + ' (target <= 120)'],
          ['entities per second', fmt(entities / limitedSeconds, 0)],
        ]),
      );
      results.memoryLimitedHeap = {
        heapLimitMb: options.heapLimitMb,
        tinyPeakRssMb: mb(limitedTiny.cli.peakRssBytes),
        fullPeakRssMb: mb(limitedFull.cli.peakRssBytes),
        growthMb: limitedGrowth,
        entitiesPerSecond: entities / limitedSeconds,
      };
    }
  }

  console.log(`\nBenchmark finished in ${fmt((Date.now() - started) / 1000)} s.`);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
