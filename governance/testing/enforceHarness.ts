/**
 * Runs enforcement commands against our Cloudflare simulator in tests: a
 * fresh temporary folder (the audit log's) per test, simulators closed after
 * it, and each run's exit code, output and parsed audit log.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  RunningSimulator,
  SIM_TOKENS,
  SimulatorDataset,
  SimulatorOptions,
  startSimulator,
  tinyDataset,
} from '../../simulator';
import { runEnforcementCommand } from '../enforce';
import type { AuditRecord } from '../enforce/audit';

export const NOW = new Date('2024-05-01T12:00:00.000Z');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed lines of the audit log (empty when it was not written). */
  audit: AuditRecord[];
}

export interface Harness {
  /** This test's temporary folder. */
  dir(): string;
  auditFile(): string;
  simulator(
    dataset?: SimulatorDataset,
    options?: Partial<SimulatorOptions>,
  ): Promise<{ sim: RunningSimulator; dataset: SimulatorDataset }>;
  run(sim: RunningSimulator, command: string, argv: string[], env?: Record<string, string>): Promise<Result>;
}

/** Registers beforeEach/afterEach; call once at the top of a test file. */
export function enforceHarness(): Harness {
  let dir = '';
  const running: RunningSimulator[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enforce-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sim) => sim.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const auditFile = () => path.join(dir, 'graph-cloudflare-audit.jsonl');
  return {
    dir: () => dir,
    auditFile,
    async simulator(dataset = tinyDataset(), options = {}) {
      const sim = await startSimulator({ dataset, ...options });
      running.push(sim);
      return { sim, dataset };
    },
    async run(sim, command, argv, env = {}) {
      let stdout = '';
      let stderr = '';
      const code = await runEnforcementCommand(command, argv, {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        env: { API_TOKEN: SIM_TOKENS.user, API_BASE_URL: sim.url, ...env },
        cwd: dir,
        now: () => NOW,
        transportOptions: { minRetryDelayMs: 1, maxRetryDelayMs: 5 },
      });
      const audit = fs.existsSync(auditFile())
        ? fs
            .readFileSync(auditFile(), 'utf8')
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.parse(l))
        : [];
      return { code, stdout, stderr, audit };
    },
  };
}

/** The dataset as plain JSON (Maps and Sets included), to prove nothing changed. */
export function snapshot(dataset: SimulatorDataset): string {
  return JSON.stringify(dataset, (_key, value) =>
    value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value,
  );
}

export const nonGetRoutes = (sim: RunningSimulator): string[] =>
  Object.keys(sim.stats.byRoute).filter((k) => !k.startsWith('GET '));
