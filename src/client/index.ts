import {
  ExecutionContext,
  IntegrationExecutionConfig,
  IntegrationInstance,
} from '@jupiterone/integration-sdk-core';
import { IntegrationConfig, parseConfig } from '../config';
import { CloudflareClient } from './CloudflareClient';
import { CloudflareTransport, TransportOptions } from './CloudflareTransport';

export * from './CloudflareClient';
export * from './CloudflareTransport';
export * from './errors';
export * from './types';

type ClientContext = Pick<ExecutionContext, 'logger'> & {
  instance: IntegrationInstance<IntegrationConfig>;
  executionConfig: IntegrationExecutionConfig;
};

const TRANSPORT = 'cloudflareTransport';

/**
 * The client for a step or for validation. Every client of one run shares
 * one transport (kept in the run's execution config), so a single rate
 * limiter paces every request of the run.
 */
export function getCloudflareClient(context: ClientContext, options?: TransportOptions): CloudflareClient {
  const shared = context.executionConfig as Record<string, unknown>;
  let transport = shared[TRANSPORT] as CloudflareTransport | undefined;
  if (!transport) {
    transport = new CloudflareTransport(parseConfig(context.instance.config), options);
    shared[TRANSPORT] = transport;
  }
  transport.logger = context.logger;
  return new CloudflareClient(transport, context.logger);
}
