import { Area, AREA_KEYS, areaOfRequestPath } from '../../src/areas';
import { EndpointName, Endpoints, EndpointSpec, resolveEndpoint } from '../../src/client/endpoints';
import { DEFAULT_ACTIVITY_LOOKBACK_DAYS } from '../../src/config';
import { requestsToRead, routeKey, SIM_ENDPOINTS, SimEndpoint, SimTunnel, SimulatorDataset } from '../../simulator';

/**
 * The endpoints a full collection with every area on and default options
 * reads, in the client's names. The account (ACCOUNT_IDS only), the
 * account-token verification, the per-setting fallback and the deprecated
 * device list are read only in the cases that need them.
 */
const FULL_COLLECTION: readonly EndpointName[] = [
  'verifyUserToken',
  'accounts',
  'roles',
  'members',
  'zones',
  'dnsRecords',
  'zoneSettings',
  'dnssec',
  'userTokens',
  'accountTokens',
  'accessUsers',
  'physicalDevices',
  'deviceRegistrations',
  'devicePostureRules',
  'gatewayLocations',
  'tunnels',
  'tunnelConnections',
  'accessIdentityProviders',
  'accessGroups',
  'accessPolicies',
  'accessApplications',
  'auditLogins',
  'accessRequests',
];

/** The simulator's table row (simulator/model.ts) for a client endpoint, matched by path. */
export function simulatorEndpoint(name: EndpointName): SimEndpoint {
  const shape = (path: string) => path.replace(/\{\w+\}|:\w+/g, ':');
  const endpoint = Object.values(SIM_ENDPOINTS as Record<string, SimEndpoint>).find(
    (e) => shape(e.pattern) === shape(Endpoints[name].path),
  );
  if (!endpoint) throw new Error(`the simulator serves no route for endpoint ${name} (${Endpoints[name].path})`);
  return endpoint;
}

/** per_page we send, or Cloudflare's documented largest (the fewest requests possible). */
function pageSize(name: EndpointName, documented: boolean): number | undefined {
  const spec: EndpointSpec = Endpoints[name];
  return documented ? (spec.documentedMaxPageSize ?? spec.pageSize) : spec.pageSize;
}

/** The query the client sends on its first request (fixed parameters and the activity window). */
function firstQuery(name: EndpointName, params: Record<string, string>, dataset: SimulatorDataset): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(resolveEndpoint(name, params).query)) {
    for (const v of typeof value === 'string' ? [value] : value) query.append(key, v);
  }
  if (name === 'auditLogins' || name === 'accessRequests') {
    const now = dataset.activityNowMs ?? Date.now();
    query.set('since', new Date(now - DEFAULT_ACTIVITY_LOOKBACK_DAYS * 86_400_000).toISOString());
  }
  return query;
}

/**
 * The items the simulator serves a full collection's first request of an
 * endpoint (the client's query, before paging), for an account
 * ({ accountId }), a zone ({ zoneId }) or the token ({}).
 */
export function servedItems(
  dataset: SimulatorDataset,
  name: EndpointName,
  params: Record<string, string>,
): readonly unknown[] {
  const endpoint = simulatorEndpoint(name);
  const routeParams = {
    id: params.zoneId ?? params.accountId,
    ...(params.tunnelId ? { tunnel: params.tunnelId } : {}),
  };
  return endpoint.items?.(dataset, routeParams, firstQuery(name, params, dataset)) ?? [];
}

/** The requests of one endpoint of a full collection: its simulator route and how many. */
export interface PlannedRequests {
  name: EndpointName;
  route: string;
  requests: number;
}

/**
 * The requests a fault-free full collection of `dataset` makes per endpoint
 * (one entry per account, zone or the token, as the endpoint is read), from
 * the items the simulator's endpoint table serves for the query the client
 * sends and the endpoint's paging. Zero Trust lists of an account without
 * Zero Trust are left out: the first of them refuses (see zeroTrustRefusals).
 */
export function plannedRequests(dataset: SimulatorDataset, documented = false): PlannedRequests[] {
  const planned: PlannedRequests[] = [];
  for (const name of FULL_COLLECTION) {
    const endpoint = simulatorEndpoint(name);
    const spec: EndpointSpec = Endpoints[name];
    const template = spec.path + JSON.stringify(spec.query ?? {});
    const scopes: Array<Record<string, string>> = template.includes('{tunnelId}')
      ? connectionLookups(dataset)
      : template.includes('{zoneId}')
        ? dataset.zones.map((z) => ({ zoneId: z.id }))
        : template.includes('{accountId}')
          ? dataset.accounts
              .filter((a) => !(endpoint.zeroTrust && dataset.zeroTrustDisabled.has(a.id)))
              .map((a) => ({ accountId: a.id }))
          : [{}];
    for (const params of scopes) {
      const items = servedItems(dataset, name, params).length;
      planned.push({
        name,
        route: routeKey(endpoint),
        requests: requestsToRead(endpoint, items, pageSize(name, documented)),
      });
    }
  }
  return planned;
}

/**
 * The tunnels whose connections are read one by one: connected (healthy or
 * degraded) but listed without them (Cloudflare has deprecated the list's
 * `connections`).
 */
function connectionLookups(dataset: SimulatorDataset): Array<Record<string, string>> {
  return dataset.accounts.flatMap((a) =>
    (servedItems(dataset, 'tunnels', { accountId: a.id }) as SimTunnel[])
      .filter((t) => (t.status === 'healthy' || t.status === 'degraded') && t.connections.length === 0)
      .map((t) => ({ accountId: a.id, tunnelId: t.id })),
  );
}

/** One refused request per account without Zero Trust (whichever Zero Trust, Access or activity step asks first). */
export const zeroTrustRefusals = (dataset: SimulatorDataset): number => dataset.zeroTrustDisabled.size;

/** Requests per simulator route (RunningSimulator.stats.byRoute keys) of a full collection with our page sizes. */
export function requestsByRoute(dataset: SimulatorDataset): Record<string, number> {
  const routes: Record<string, number> = {};
  for (const { route, requests } of plannedRequests(dataset)) routes[route] = (routes[route] ?? 0) + requests;
  return routes;
}

/**
 * The fewest requests a full collection of `dataset` can make with
 * Cloudflare's documented largest page sizes, counting only the core (token
 * verification, accounts, per account its roles, members and zones) and the
 * DNS records.
 */
export function minimumRequests(dataset: SimulatorDataset): number {
  const byArea = minimumRequestsByArea(dataset);
  return byArea.core + byArea.dnsRecords;
}

/** The areas the benchmark reports requests for: the core, then src/areas.ts's. */
export const AREAS = ['core', ...AREA_KEYS] as const;
export type AreaName = 'core' | Area;

/** Which area a request path belongs to (simulator route keys or real paths), by the areas' endpoints. */
export function areaOfPath(path: string): AreaName {
  return areaOfRequestPath(path) ?? 'core';
}

/**
 * The fewest requests each area needs with every area on and Cloudflare's
 * documented largest page sizes (plannedRequests, grouped by areaOfPath). An
 * account without Zero Trust costs one request (the 403 that says so),
 * counted here in zeroTrust although whichever Zero Trust, Access or activity
 * step asks first pays it (they run at the same time).
 */
export function minimumRequestsByArea(dataset: SimulatorDataset): Record<AreaName, number> {
  const byArea = Object.fromEntries(AREAS.map((area) => [area, 0])) as Record<AreaName, number>;
  for (const { route, requests } of plannedRequests(dataset, true)) byArea[areaOfPath(route)] += requests;
  byArea.zeroTrust += zeroTrustRefusals(dataset);
  return byArea;
}

/** Sum of minimumRequestsByArea: the fewest requests a collection with every area on can make. */
export function minimumRequestsAllAreas(dataset: SimulatorDataset): number {
  return Object.values(minimumRequestsByArea(dataset)).reduce((a, b) => a + b, 0);
}

/** The longest chain of requests that must run one after another: verify, accounts, one account's zones, one zone's records. */
export function sequentialChain(dataset: SimulatorDataset): number {
  const planned = plannedRequests(dataset);
  const most = (name: EndpointName) => Math.max(1, ...planned.filter((p) => p.name === name).map((p) => p.requests));
  return most('verifyUserToken') + most('accounts') + most('zones') + most('dnsRecords');
}

/**
 * The fastest a collection of `requests` can finish: with a budget of N
 * requests per W seconds, M requests cannot finish before
 * (ceil(M / N) - 1) * W, nor with P requests per second before
 * ceil(M / P) - 1 seconds; with latency L and C requests in flight, not
 * before max(ceil(M / C), longest sequential chain) * L. The larger bound
 * wins.
 */
export function floorSeconds(opts: {
  requests: number;
  budget: number;
  windowSeconds: number;
  perSecond: number;
  latencySeconds: number;
  concurrency: number;
  chain: number;
}): { floor: number; rateBound: number; latencyBound: number } {
  const rateBound = Math.max(
    (Math.ceil(opts.requests / opts.budget) - 1) * opts.windowSeconds,
    Math.ceil(opts.requests / opts.perSecond) - 1,
  );
  const latencyBound = Math.max(Math.ceil(opts.requests / opts.concurrency), opts.chain) * opts.latencySeconds;
  return { floor: Math.max(rateBound, latencyBound), rateBound, latencyBound };
}
