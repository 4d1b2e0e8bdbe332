import { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { ingestionSourceOf } from '../../areas';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { oneLine } from '../../util/oneLine';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { runStep, StepContext, StepRun } from '../common/StepRun';
import { connectionsOfClients, createTunnelEntity, needsConnectionLookup } from './converter';
import { CloudflareTunnel, CloudflareTunnelClient, CloudflareTunnelConnection } from './types';

/**
 * The connections of the page's tunnels that are connected but whose list
 * entry lists none, from the connections endpoint (one request each). A
 * failure costs that tunnel's connection properties, not the tunnel.
 */
async function readMissingConnections(
  run: StepRun,
  accountId: string,
  tunnels: CloudflareTunnel[],
  found: Map<string, CloudflareTunnelConnection[]>,
): Promise<void> {
  const lookups = tunnels.filter((t) => t?.id && needsConnectionLookup(t));
  await run.forEach(
    lookups,
    (tunnel) => `connections of Cloudflare Tunnel ${tunnel.id}`,
    async (tunnel) => {
      const clients: Array<CloudflareTunnelClient | null> = [];
      try {
        const listing = await run.client.list<CloudflareTunnelClient | null>(
          'tunnelConnections',
          { accountId, tunnelId: tunnel.id! },
          (page) => {
            clients.push(...page);
          },
        );
        if (!listing.complete) throw new Error(listing.stop?.detail ?? 'the listing stopped early');
        found.set(tunnel.id!, connectionsOfClients(clients));
      } catch (err) {
        const problem = oneLine(
          `Cloudflare Tunnel ${tunnel.id} (${tunnel.name ?? 'no name'}) of account ${accountId} is kept without ` +
            `connectionCount, origins, coloNames and clientVersions: its connections could not be read (${(err as Error).message})`,
        );
        run.logger.warn({ accountId, tunnelId: tunnel.id }, problem);
        run.markIncomplete(problem);
      }
    },
  );
}

export async function fetchTunnels(context: StepContext): Promise<void> {
  await runStep(context, (run) => {
    const includeDeleted = run.settings.tunnels.includeDeleted;
    return run.forEachAccountInArea({ what: 'Cloudflare Tunnels', endpoints: ['tunnels'] }, (accountId) => {
      const looked = new Map<string, CloudflareTunnelConnection[]>();
      return run.collect<CloudflareTunnel>({
        endpoint: 'tunnels',
        params: { accountId },
        // Without the endpoint's is_deleted=false Cloudflare lists deleted tunnels too.
        query: includeDeleted ? { is_deleted: undefined } : undefined,
        scope: `account ${accountId}`,
        what: 'Cloudflare Tunnels',
        describe: (tunnel) => `Cloudflare Tunnel ${tunnel?.id}`,
        prepare: (tunnels) => readMissingConnections(run, accountId, tunnels, looked),
        convert: (tunnel) => {
          const listed = (tunnel.connections ?? []).filter((c): c is CloudflareTunnelConnection => Boolean(c));
          const connections = needsConnectionLookup(tunnel) ? looked.get(String(tunnel.id)) : listed;
          const entity = createTunnelEntity(accountId, tunnel, connections);
          return {
            entities: [entity],
            relationships: [relationshipBetween(Relationships.ACCOUNT_HAS_TUNNEL, accountKey(accountId), entity._key)],
          };
        },
      });
    });
  });
}

export const tunnelSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.TUNNELS,
    name: 'Fetch Cloudflare Tunnels',
    entities: [Entities.TUNNEL],
    relationships: [Relationships.ACCOUNT_HAS_TUNNEL],
    dependsOn: [Steps.ACCOUNTS],
    ingestionSourceId: ingestionSourceOf(Steps.TUNNELS),
    executionHandler: fetchTunnels,
  },
];
