import {
  ExecutionContext,
  IntegrationExecutionConfig,
  IntegrationInstance,
  IntegrationInstanceConfig,
} from '@jupiterone/integration-sdk-core';
import { CloudflareClient, CloudflareTransport, TransportOptions } from './client';
import { CloudflareSettings, IntegrationConfig, parseConfig } from './config';

/**
 * What one run shares: the configuration, parsed once, and the one transport
 * (so one rate limiter paces every request of the run). Steps get their own
 * client view of the transport, bound to their own logger.
 */
export interface CloudflareRun {
  settings: CloudflareSettings;
  transport: CloudflareTransport;
  /**
   * Which verify endpoint accepted the token (set by validateInvocation;
   * unknown in step tests, which skip it). Only a user-owned token may list
   * /user/tokens.
   */
  tokenKind?: 'user' | 'account';
  /**
   * Per-account area flags shared by every step of the run (steps of one area
   * run concurrently): `no-zero-trust:<account>`, `denied:<permission>:<account>`.
   * Checked and set synchronously, so each is said once.
   */
  areaFlags: Set<string>;
  /**
   * Per account, the first Zero Trust/Access step's work on it: the others
   * wait for it, so an account without Zero Trust is asked once, not once per
   * step that starts at the same time.
   */
  zeroTrustFirstVisits: Map<string, Promise<unknown>>;
}

const RUN_KEY = 'cloudflareRun';

export function createRun(settings: CloudflareSettings, options?: TransportOptions): CloudflareRun {
  return {
    settings,
    transport: new CloudflareTransport(settings, options),
    areaFlags: new Set(),
    zeroTrustFirstVisits: new Map(),
  };
}

/**
 * The SDK calls this once per run, before validateInvocation. An invalid
 * configuration is left for validateInvocation to report (with the SDK's
 * validation-failure event), so this never throws.
 */
export function loadExecutionConfig({ config }: { config: IntegrationInstanceConfig }): IntegrationExecutionConfig {
  try {
    return { [RUN_KEY]: createRun(parseConfig(config as IntegrationConfig)) };
  } catch {
    return {};
  }
}

type RunContext = Pick<ExecutionContext, 'logger'> & {
  instance: IntegrationInstance<IntegrationConfig>;
  executionConfig: IntegrationExecutionConfig;
};

/** The run's shared state, created on first use where the SDK did not load it (test contexts). */
export function runOf(context: Omit<RunContext, 'logger'>): CloudflareRun {
  const shared = context.executionConfig as Record<string, unknown>;
  let run = shared[RUN_KEY] as CloudflareRun | undefined;
  if (!run) {
    run = createRun(parseConfig(context.instance.config));
    shared[RUN_KEY] = run;
  }
  return run;
}

/** A client for this context: the run's transport, this context's logger. */
export function clientFor(context: RunContext): CloudflareClient {
  return new CloudflareClient(runOf(context).transport, context.logger);
}

/** For tests that build the run themselves (e.g. with fast retry timings). */
export function executionConfigFor(run: CloudflareRun): IntegrationExecutionConfig {
  return { [RUN_KEY]: run };
}
