/**
 * Run the local Cloudflare API simulator until Ctrl-C.
 *
 *   npx ts-node --transpile-only tools/simulator.ts --dataset tiny|realistic|large \
 *     [--port 8787] [--latency-ms 0] [--accounts N --zones N --records N --members N --seed N] \
 *     [--fault-rate 0.1 --fault-seed 1] [--rate-limit 1200/300]
 */
import {
  largeDataset,
  realisticDataset,
  SIM_TOKENS,
  SimulatorDataset,
  SimulatorOptions,
  startSimulator,
  tinyDataset,
} from '../simulator';

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) args.set(arg.slice(2, eq), arg.slice(eq + 1));
    else args.set(arg.slice(2), argv[++i] ?? '');
  }
  return args;
}

function numberArg(args: Map<string, string>, name: string): number | undefined {
  const raw = args.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got '${raw}'`);
  return value;
}

function buildDataset(args: Map<string, string>): SimulatorDataset {
  const kind = args.get('dataset') ?? 'tiny';
  switch (kind) {
    case 'tiny':
      return tinyDataset();
    case 'realistic':
      return realisticDataset();
    case 'large':
      return largeDataset({
        accounts: numberArg(args, 'accounts'),
        zones: numberArg(args, 'zones'),
        records: numberArg(args, 'records'),
        members: numberArg(args, 'members'),
        seed: numberArg(args, 'seed'),
      });
    default:
      throw new Error(`--dataset must be tiny, realistic or large, got '${kind}'`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const options: SimulatorOptions = {
    dataset: buildDataset(args),
    port: numberArg(args, 'port') ?? 8787,
    latencyMs: numberArg(args, 'latency-ms') ?? 0,
  };
  const faultRate = numberArg(args, 'fault-rate');
  if (faultRate !== undefined) options.faults = { seed: numberArg(args, 'fault-seed') ?? 1, rate: faultRate };
  const rateLimit = args.get('rate-limit');
  if (rateLimit !== undefined) {
    const [requests, windowSeconds] = rateLimit.split('/').map(Number);
    if (!(requests > 0 && windowSeconds > 0))
      throw new Error(`--rate-limit must look like 1200/300, got '${rateLimit}'`);
    options.rateLimit = { requests, windowSeconds, headers: true };
  }

  const sim = await startSimulator(options);
  const { dataset } = options;
  const records = [...dataset.dnsRecordsByZone.values()].reduce((n, list) => n + list.length, 0);
  console.log(`Cloudflare API simulator listening at ${sim.url}`);
  console.log(
    `dataset: ${args.get('dataset') ?? 'tiny'} (${dataset.accounts.length} accounts, ${dataset.zones.length} zones, ${records} DNS records)`,
  );
  console.log(`API_BASE_URL=${sim.url}`);
  console.log(`API_TOKEN=${SIM_TOKENS.user}   # fake token, only valid against this simulator`);
  console.log('Press Ctrl-C to stop.');

  const stop = () => {
    void sim.close().then(() => {
      console.log(`\nstopped after ${sim.stats.requests} requests`);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
