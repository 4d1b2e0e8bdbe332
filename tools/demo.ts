/**
 * `npm run demo`: collect a realistic Cloudflare estate end to end, with no
 * Cloudflare account and no network.
 *
 * Starts the local Cloudflare API simulator (realistic dataset) on a random
 * 127.0.0.1 port, runs the real `j1-integration collect` for THIS project
 * against it, and prints what was collected. The graph lands in
 * .j1-integration/ of the repository, so `npx j1-integration visualize`
 * works right after. Exits non-zero if the CLI failed or any step failed.
 *
 *   npm run demo [-- --token noDnsRead]   (any SIM_TOKENS name; default: user)
 */
import path from 'path';
import { AREA_FIELDS, instanceConfigFields, parseConfig } from '../src/config';
import { integrationSteps } from '../src/steps';
import { realisticDataset, SIM_TOKENS, SimTokenValues, startSimulator } from '../simulator';
import { readCollectedGraph, REPO_ROOT, runCli } from './lib/cli';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The SDK reads each config field from snake_case(field).toUpperCase() (apiToken -> API_TOKEN). */
function envName(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Every config field set explicitly: the simulator's token and URL, the rest
 * empty or, for booleans, their default. The CLI loads `.env` from its working directory through
 * dotenv, which never overrides a variable that is already set (even to ''),
 * so a developer's real API_TOKEN, ACCOUNT_IDS or API_BASE_URL in .env cannot
 * leak into the demo.
 */
function demoEnv(apiToken: string, apiBaseUrl: string): Record<string, string> {
  const env: Record<string, string> = {};
  // The CLI accepts only "true"/"false" for boolean fields (an empty value is
  // an error), so those get their defaults.
  const defaults = parseConfig({ apiToken: 'demo-defaults-only-never-sent-000000000' });
  const booleanDefaults: Record<string, boolean> = {
    includeRevokedDevices: defaults.devices.includeRevoked,
    includeDeletedDevices: defaults.devices.includeDeleted,
  };
  for (const [area, { field }] of Object.entries(AREA_FIELDS)) {
    booleanDefaults[field] = defaults.areas[area as keyof typeof AREA_FIELDS];
  }
  for (const [field, spec] of Object.entries(instanceConfigFields)) {
    env[envName(field)] = spec.type === 'boolean' ? String(booleanDefaults[field]) : '';
  }
  env.API_TOKEN = apiToken;
  env.API_BASE_URL = apiBaseUrl;
  return env;
}

function parseArgs(argv: string[]): { token: keyof SimTokenValues } {
  let token: keyof SimTokenValues = 'user';
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--token') {
      const value = inline ?? argv[++i];
      if (!(value in SIM_TOKENS)) {
        throw new Error(`--token must be one of ${Object.keys(SIM_TOKENS).join(', ')}; got '${value}'`);
      }
      token = value as keyof SimTokenValues;
    } else if (flag === '--help' || flag === '-h') {
      console.log(`usage: npm run demo [-- --token ${Object.keys(SIM_TOKENS).join('|')}]`);
      process.exit(0);
    } else {
      throw new Error(`unknown argument '${argv[i]}' (try --help)`);
    }
  }
  return { token };
}

function table(headers: string[], rows: Array<Array<string | number>>, rightAlign: number[] = []): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => row[col].length)));
  const line = (row: string[]) =>
    '  ' +
    row
      .map((cell, col) => (rightAlign.includes(col) ? cell.padStart(widths[col]) : cell.padEnd(widths[col])))
      .join('   ')
      .trimEnd();
  return [line(cells[0]), '  ' + widths.map((w) => '-'.repeat(w)).join('   '), ...cells.slice(1).map(line)].join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Follows the CLI's log for step starts and ends, and WARN/ERROR lines. */
class Progress {
  private buffer = '';
  private readonly running = new Set<string>();
  readonly completed: string[] = [];
  readonly failed: string[] = [];
  readonly problems: string[] = [];
  private lastLength = 0;

  constructor(
    private readonly totalSteps: number,
    private readonly started: number,
    private readonly requests: () => number,
  ) {}

  feed(chunk: string): void {
    this.buffer += chunk.replace(ANSI, '');
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
    this.render();
  }

  private line(line: string): void {
    let m: RegExpExecArray | null;
    if ((m = /Starting step "([^"]+)"/.exec(line))) this.running.add(m[1]);
    else if ((m = /Completed step "([^"]+)"/.exec(line))) {
      this.running.delete(m[1]);
      this.completed.push(m[1]);
    } else if ((m = /Step "([^"]+)" failed to complete/.exec(line))) {
      this.running.delete(m[1]);
      this.failed.push(m[1]);
    }
    const problem = /\b(WARN|ERROR)\b\s+Local:\s+(.*)$/.exec(line);
    if (problem) this.problems.push(`${problem[1]} ${problem[2]}`);
  }

  render(final = false): void {
    const done = this.completed.length + this.failed.length;
    const now = this.running.size ? `; running: ${[...this.running].join(', ')}` : '';
    const failed = this.failed.length ? `, ${this.failed.length} failed` : '';
    const requests = this.requests();
    const text =
      done === 0 && this.running.size === 0 && requests === 0 && !final
        ? `  [${seconds(Date.now() - this.started)}] starting the CLI (loads TypeScript through ts-node)`
        : `  [${seconds(Date.now() - this.started)}] steps ${done}/${this.totalSteps}${failed}, ${requests} API requests${final ? '' : now}`;
    if (process.stdout.isTTY) {
      const columns = process.stdout.columns || 100;
      const clipped = text.length >= columns ? `${text.slice(0, columns - 2)}…` : text;
      process.stdout.write(`\r${clipped.padEnd(this.lastLength)}${final ? '\n' : ''}`);
      this.lastLength = clipped.length;
    } else if (final) {
      console.log(text);
    }
  }
}

async function main(): Promise<number> {
  const { token } = parseArgs(process.argv.slice(2));
  const dataset = realisticDataset();
  const sim = await startSimulator({ dataset });
  const records = [...dataset.dnsRecordsByZone.values()].reduce((n, list) => n + list.length, 0);
  console.log(`Cloudflare API simulator at ${sim.url}`);
  console.log(
    `  realistic dataset: ${dataset.accounts.length} accounts, ${dataset.zones.length} zones, ${records} DNS records; token: SIM_TOKENS.${token}`,
  );
  console.log(`Running: j1-integration collect --project-path ${REPO_ROOT}`);

  const started = Date.now();
  const progress = new Progress(integrationSteps.length, started, () => sim.stats.requests);
  const ticker = process.stdout.isTTY ? setInterval(() => progress.render(), 250) : undefined;
  let result;
  try {
    result = await runCli(['collect'], {
      projectDir: REPO_ROOT,
      env: demoEnv(SIM_TOKENS[token], sim.url),
      onOutput: (chunk) => progress.feed(chunk),
    });
  } finally {
    if (ticker) clearInterval(ticker);
    progress.render(true);
    await sim.close();
  }
  const wallMs = Date.now() - started;

  if (result.exitCode !== 0) {
    console.error(`\nj1-integration collect exited with code ${result.exitCode} (nothing was collected).`);
    const problems = [...new Set(progress.problems)];
    if (problems.length > 0) {
      console.error('What the CLI reported:');
      for (const p of problems.slice(0, 5)) console.error(`  - ${p}`);
    } else {
      const output = (result.stdout + result.stderr).replace(ANSI, '').trimEnd().split('\n');
      console.error(`Its last output:\n${output.slice(-25).join('\n')}`);
    }
    return result.exitCode ?? 1;
  }

  const graph = readCollectedGraph(REPO_ROOT);
  const countBy = (objects: Array<Record<string, any>>) => {
    const counts = new Map<string, number>();
    for (const o of objects) counts.set(o._type, (counts.get(o._type) ?? 0) + 1);
    return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const steps: Array<{ id: string; name: string; status: string }> = graph.summary.integrationStepResults ?? [];
  const partial: string[] = graph.summary.metadata?.partialDatasets?.types ?? [];

  console.log('\nEntities');
  console.log(table(['_type', 'count'], [...countBy(graph.entities), ['total', graph.entities.length]], [1]));
  console.log('\nRelationships');
  console.log(table(['_type', 'count'], [...countBy(graph.relationships), ['total', graph.relationships.length]], [1]));
  console.log('\nSteps');
  console.log(
    table(
      ['step', 'status'],
      steps.map((s) => [s.id, s.status]),
    ),
  );
  if (partial.length) console.log(`  partial types (not complete in this run): ${partial.join(', ')}`);
  console.log('\nCloudflare API requests (simulator)');
  const byRoute = Object.entries(sim.stats.byRoute).sort(([a], [b]) => a.localeCompare(b));
  console.log(table(['route', 'requests'], [...byRoute, ['total', sim.stats.requests]], [1]));
  const statuses = Object.entries(sim.stats.responsesByStatus)
    .map(([status, n]) => `${status} x${n}`)
    .join(', ');
  console.log(`  responses: ${statuses || 'none'}`);

  const apiMs =
    sim.stats.firstRequestAt !== undefined && sim.stats.lastResponseAt !== undefined
      ? sim.stats.lastResponseAt - sim.stats.firstRequestAt
      : 0;
  console.log(
    `\nTime: ${seconds(wallMs)} in total (CLI start-up and TypeScript loading included), ${seconds(apiMs)} talking to the API`,
  );

  const failedSteps = steps.filter((s) => s.status !== 'success' && s.status !== 'disabled');
  if (failedSteps.length > 0 || steps.length === 0) {
    const problems = [...new Set(progress.problems.map((p) => p.replace(/[0-9a-f]{32}/g, '<id>')))];
    console.error(
      `\n${failedSteps.length || 'All'} step(s) did not succeed: ${failedSteps.map((s) => `${s.id} (${s.status})`).join(', ')}`,
    );
    if (problems.length) {
      console.error('Distinct warnings and errors from the log (ids elided):');
      for (const p of problems.slice(0, 5)) console.error(`  - ${p.length > 400 ? `${p.slice(0, 400)}…` : p}`);
      if (problems.length > 5) console.error(`  … and ${problems.length - 5} more`);
    }
  }

  const graphDir = path.join(REPO_ROOT, '.j1-integration', 'graph');
  console.log(
    `\nGraph written to ${path.relative(process.cwd(), graphDir) || graphDir} (summary: .j1-integration/summary.json)`,
  );
  console.log(
    'Visualize it (from the repository root):  npx j1-integration visualize   then open .j1-integration/index.html in a browser',
  );
  console.log('  (the page loads its drawing library from a CDN)');
  return failedSteps.length > 0 || steps.length === 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`demo failed: ${err.message}`);
    process.exitCode = 1;
  },
);
