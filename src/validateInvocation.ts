import { IntegrationExecutionContext } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from './config';
import { clientFor, runOf } from './execution';

/**
 * Checks the configuration (runOf parses it and throws a clear error), then
 * the token against Cloudflare. The token's kind is settled here, once for
 * the run: steps read the same answer from the run.
 */
export async function validateInvocation(context: IntegrationExecutionContext<IntegrationConfig>): Promise<void> {
  const run = runOf(context);
  const route = run.transport.describeRoute();
  if (route) context.logger.info(route);
  await run.tokenKind(clientFor(context));
}
