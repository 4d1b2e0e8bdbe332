import {
  ExecutionContext,
  IntegrationExecutionConfig,
  IntegrationInstance,
  IntegrationInstanceConfig,
} from '@jupiterone/integration-sdk-core';
import { CloudflareClient, CloudflareTransport, TransportOptions } from './client';
import { CloudflareSettings, IntegrationConfig, parseConfig } from './config';
import { PermissionGate } from './steps/common/PermissionGate';
import { identifyToken, TokenKind } from './tokenKind';

/**
 * What one run shares: the configuration, parsed once, and the one transport
 * (so one rate limiter paces every request of the run). Steps get their own
 * client view of the transport, bound to their own logger.
 */
export interface CloudflareRun {
  settings: CloudflareSettings;
  transport: CloudflareTransport;
  /** What 403s taught the run: refused permissions per account, accounts without Zero Trust. */
  gate: PermissionGate;
  /**
   * Who owns the token (only a user-owned token may list /user/tokens),
   * settled once per run: the first call verifies the token with `client`
   * (validateInvocation, in a real run), every later call gets the same
   * answer without a request. Step tests that skip validateInvocation still
   * get the true kind, for one verify request.
   */
  tokenKind(client: CloudflareClient): Promise<TokenKind>;
}

const RUN_KEY = 'cloudflareRun';

export function createRun(settings: CloudflareSettings, options?: TransportOptions): CloudflareRun {
  let kind: Promise<TokenKind> | undefined;
  return {
    settings,
    transport: new CloudflareTransport(settings, options),
    gate: new PermissionGate(),
    tokenKind: (client) => (kind ??= identifyToken(client, settings.accountIds)),
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

/**
 * The run's shared state. loadExecutionConfig creates it; where it did not,
 * it is created here from the instance config, on purpose, in two cases: a
 * configuration loadExecutionConfig could not parse (parseConfig throws here,
 * in validateInvocation, with the message naming what is wrong), and SDK test
 * contexts, which never call loadExecutionConfig. Either way one run per
 * execution: the run is stored in the execution config and found again.
 */
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
