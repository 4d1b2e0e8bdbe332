/**
 * Runs enforcement commands against our Cloudflare simulator in tests: a
 * fresh temporary folder (the audit log's) per test, simulators closed after
 * it, and each run's exit code, output and parsed audit log. Beside it, what
 * the enforcement tests share: argv on an account, dataset changes made
 * before a run, and routes replaced to make Cloudflare answer otherwise.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  CLOUDFLARE_ROUTES,
  fail,
  Route,
  RunningSimulator,
  SIM_TOKENS,
  SimMember,
  SimResponse,
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

/** The argv of a command run on one account: `onAccount(A)('--member', M)` is `['--account', A, '--member', M]`. */
export const onAccount =
  (account: string) =>
  (...argv: string[]): string[] => ['--account', account, ...argv];

/** A member of an account in the dataset, by membership id; the test fails at once when there is none. */
export function memberById(dataset: SimulatorDataset, account: string, memberId: string): SimMember {
  const member = dataset.membersByAccount.get(account)?.find((m) => m.id === memberId);
  if (!member) throw new Error(`the dataset has no member ${memberId} in account ${account}`);
  return member;
}

/** Gives a member one more of its account's roles (by id or exact name), as a dataset change before a run. */
export function giveRole(dataset: SimulatorDataset, account: string, memberId: string, role: string): void {
  const granted = dataset.rolesByAccount.get(account)?.find((r) => r.id === role || r.name === role);
  if (!granted) throw new Error(`the dataset has no role ${role} in account ${account}`);
  memberById(dataset, account, memberId).roles.push(granted);
}

/** The routes (the simulator's own unless given) with the handler of one route replaced; `handle` gets the original. */
export function withRoute(
  method: string,
  pattern: string,
  handle: (original: Route) => Route['handle'],
  routes: readonly Route[] = CLOUDFLARE_ROUTES,
): Route[] {
  // A mistyped route would leave the simulator as it is and the test proving nothing.
  if (!routes.some((route) => route.method === method && route.pattern === pattern))
    throw new Error(`the simulator has no route ${method} ${pattern}`);
  return routes.map((route) =>
    route.method === method && route.pattern === pattern ? { ...route, handle: handle(route) } : route,
  );
}

/** The routes with one write carried out, then answered with `answer`: its real answer is lost after Cloudflare acted. */
export const carriedOutThenAnswered = (
  method: string,
  pattern: string,
  answer: () => SimResponse,
  routes: readonly Route[] = CLOUDFLARE_ROUTES,
): Route[] =>
  withRoute(
    method,
    pattern,
    (original) => (ctx) => {
      original.handle(ctx);
      return answer();
    },
    routes,
  );

/** Cloudflare's answers that the tests make a route give. */
export const serverError = (): SimResponse => fail(500, [{ code: 10001, message: 'Internal server error' }]);
export const memberNotFound = (): SimResponse => fail(404, [{ code: 1003, message: 'Member not found' }]);
