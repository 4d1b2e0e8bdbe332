/**
 * Shared by the chaos, network and governance tests: runs the real collection (validateInvocation and
 * every step, through the SDK runtime that `j1-integration collect` uses)
 * in-process against the simulator, and gathers everything a user could see:
 * the graph and summary written to disk, every log line and every published
 * event.
 *
 * In-process instead of the CLI because each CLI start costs seconds; the
 * differences are only in how the instance is built (config passed directly
 * instead of read from API_TOKEN etc.) and that the logger writes JSON lines
 * into a buffer instead of pretty text to stdout. The logger is made exactly
 * as the CLI makes it (createIntegrationLogger with the invocation config, so
 * masked fields are masked the same way), schema validation is on and the
 * graph goes through FileSystemGraphObjectStore as in `collect`.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Writable } from 'stream';
import { IntegrationInstance, IntegrationInvocationConfig, IntegrationStep } from '@jupiterone/integration-sdk-core';
import {
  createIntegrationLogger,
  executeIntegrationInstance,
  FileSystemGraphObjectStore,
} from '@jupiterone/integration-sdk-runtime';
import { invocationConfig } from '../../src';
import { TransportOptions, TransportStats } from '../../src/client';
import { CloudflareRun, createRun, executionConfigFor } from '../../src/execution';
import { IntegrationConfig, parseConfig } from '../../src/config';
import { SIM_TOKENS } from '../../simulator';
import { CollectedGraph, readCollectedGraph } from './cli';

export const TOKEN = SIM_TOKENS.user;

export interface CollectOptions {
  apiBaseUrl: string;
  /** Instance config as the environment would give it (strings), e.g. { requestTimeoutSeconds: '1' }. */
  config?: Partial<IntegrationConfig>;
  /**
   * Transport options (retry delays). Only the timing knobs the config does
   * not expose; the run's single shared transport is created from the same
   * parsed config the steps would use.
   */
  transport?: TransportOptions;
  /** Default 'debug': more lines to search for the token than a user sees at 'info'. */
  logLevel?: 'trace' | 'debug' | 'info';
}

export interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface StepOutcome {
  id: string;
  status: string;
  partialTypes: string[];
  declaredTypes: string[];
}

export interface CollectResult extends CollectedGraph {
  steps: Record<string, StepOutcome>;
  /** summary.metadata.partialDatasets.types */
  partialTypes: string[];
  /** Every log line (JSON, as bunyan writes it). */
  log: string;
  records: LogRecord[];
  /** Descriptions of events published to the platform (step start/end/failure ...). */
  events: string[];
  /** The shared transport's counters (requests sent, retries, 429s seen). */
  transportStats: TransportStats;
  /** Every file the run wrote under its storage directory, with its text. */
  files: Array<{ path: string; text: string }>;
  /** Set when the run as a whole threw (e.g. validateInvocation failed). */
  error?: Error;
  wallMs: number;
}

type BunyanLike = {
  streams: unknown[];
  addStream(stream: { level: string; stream: NodeJS.WritableStream }): void;
  level(value: string): void;
};

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Runs one collection. Runs within one test file must not overlap (the storage directory is process-wide). */
export async function collect(options: CollectOptions): Promise<CollectResult> {
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cloudflare-chaos-'));
  const storageDir = path.join(projectDir, '.j1-integration');
  const previousStorage = process.env.JUPITERONE_INTEGRATION_STORAGE_DIRECTORY;
  const previousDiskMetric = process.env.DISABLE_DISK_USAGE_METRIC;
  process.env.JUPITERONE_INTEGRATION_STORAGE_DIRECTORY = storageDir;
  process.env.DISABLE_DISK_USAGE_METRIC = '1';

  const instanceConfig: IntegrationConfig = { apiToken: TOKEN, apiBaseUrl: options.apiBaseUrl, ...options.config };
  // The run's shared state as loadExecutionConfig makes it, with the timing
  // knobs of options.transport; a bad config is left for validateInvocation.
  let run: CloudflareRun | undefined;
  const config: IntegrationInvocationConfig<IntegrationConfig> = {
    ...invocationConfig,
    loadExecutionConfig: ({ config: instanceConfig }) => {
      try {
        run = createRun(parseConfig(instanceConfig as IntegrationConfig), options.transport);
        return executionConfigFor(run);
      } catch {
        return {};
      }
    },
  };
  const instance: IntegrationInstance<IntegrationConfig> = {
    id: 'chaos-test-instance',
    accountId: 'Local',
    name: 'chaos',
    integrationDefinitionId: 'graph-cloudflare',
    description: 'chaos test',
    config: instanceConfig,
  };

  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createIntegrationLogger({ name: 'chaos', invocationConfig: config });
  const bunyan = (logger as unknown as { _logger: BunyanLike })._logger;
  bunyan.streams = [];
  bunyan.addStream({ level: options.logLevel ?? 'debug', stream: sink });
  bunyan.level(options.logLevel ?? 'debug');
  const events: string[] = [];
  logger.on('event', (event: { description: string }) => events.push(event.description));

  const started = Date.now();
  let error: Error | undefined;
  let summary: Awaited<ReturnType<typeof executeIntegrationInstance>> | undefined;
  try {
    summary = await executeIntegrationInstance(
      logger,
      instance,
      config,
      { current: { startedOn: started } },
      {
        enableSchemaValidation: true,
        graphObjectStore: new FileSystemGraphObjectStore({
          prettifyFiles: true,
          // Its parameter is typed for the base config; the steps are the same objects.
          integrationSteps: config.integrationSteps as unknown as IntegrationStep[],
        }),
      },
    );
  } catch (err) {
    error = err as Error;
  } finally {
    restoreEnv('JUPITERONE_INTEGRATION_STORAGE_DIRECTORY', previousStorage);
    restoreEnv('DISABLE_DISK_USAGE_METRIC', previousDiskMetric);
  }
  const wallMs = Date.now() - started;

  const graph = readCollectedGraph(projectDir);
  const files = walk(storageDir).map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
  fs.rmSync(projectDir, { recursive: true, force: true });

  const log = chunks.join('');
  const records = log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogRecord);
  const steps: Record<string, StepOutcome> = {};
  for (const step of summary?.integrationStepResults ?? []) {
    steps[step.id] = {
      id: step.id,
      status: step.status,
      partialTypes: step.partialTypes,
      declaredTypes: step.declaredTypes,
    };
  }
  const transport = run?.transport;
  return {
    ...graph,
    steps,
    partialTypes: summary?.metadata.partialDatasets.types ?? [],
    log,
    records,
    events,
    transportStats: transport ? { ...transport.stats } : { requests: 0, retries: 0, rateLimited: 0 },
    files,
    error,
    wallMs,
  };
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

// ---------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------

export function keys(objects: Array<Record<string, any>>, type?: string): string[] {
  return objects
    .filter((o) => type === undefined || o._type === type)
    .map((o) => o._key as string)
    .sort();
}

export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}

/** Everything the run showed or wrote, as one text to search (log, events, summary, files, the thrown error). */
export function everythingVisible(result: CollectResult): string {
  return [
    result.log,
    result.events.join('\n'),
    ...result.files.map((f) => f.text),
    result.error ? `${result.error.message}\n${result.error.stack ?? ''}` : '',
    JSON.stringify(result.summary),
  ].join('\n');
}

/** The step results, as { stepId: status }. */
export function statuses(result: CollectResult): Record<string, string> {
  return Object.fromEntries(Object.values(result.steps).map((s) => [s.id, s.status]));
}

/** Every step that ran in `result` (disabled ones stay disabled), as succeeded. */
export function allSucceeded(result: CollectResult): Record<string, string> {
  return Object.fromEntries(
    Object.values(result.steps).map((s) => [s.id, s.status === 'disabled' ? 'disabled' : 'success']),
  );
}

export function messages(result: CollectResult, pattern: RegExp): string[] {
  return result.records.map((r) => r.msg).filter((msg) => pattern.test(msg));
}
