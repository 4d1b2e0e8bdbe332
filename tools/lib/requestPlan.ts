import { Area, AREA_KEYS, areaOfRequestPath } from '../../src/areas';
import { EndpointName, Endpoints, EndpointSpec } from '../../src/client/endpoints';
import { DEFAULT_ACTIVITY_LOOKBACK_DAYS } from '../../src/config';
import type { SimulatorDataset } from '../../test/simulator';

type ListName = 'accounts' | 'roles' | 'members' | 'zones' | 'dnsRecords';

/** Page sizes from the endpoint description: ours, or Cloudflare's documented largest. */
function pageSize(name: EndpointName, documented: boolean): number {
  const spec: EndpointSpec = Endpoints[name];
  const size = documented ? (spec.documentedMaxPageSize ?? spec.pageSize) : spec.pageSize;
  if (!size) throw new Error(`endpoint ${name} has no page size`);
  return size;
}

export type PageSizes = Record<ListName, number>;

const LISTS: ListName[] = ['accounts', 'roles', 'members', 'zones', 'dnsRecords'];
export const DOCUMENTED_MAX_PAGE_SIZES = Object.fromEntries(LISTS.map((n) => [n, pageSize(n, true)])) as PageSizes;
export const OUR_PAGE_SIZES = Object.fromEntries(LISTS.map((n) => [n, pageSize(n, false)])) as PageSizes;

/** Requests to read a list of n items: at least one, to learn it is empty. */
const pages = (n: number, perPage: number) => Math.max(1, Math.ceil(n / perPage));

/**
 * The fewest requests a full collection of `dataset` can make with the given
 * page sizes: one token verification, the account list, then per account its
 * roles, members and zones, and per zone its DNS records.
 */
export function minimumRequests(dataset: SimulatorDataset, sizes: PageSizes = DOCUMENTED_MAX_PAGE_SIZES): number {
  let total = 1 + pages(dataset.accounts.length, sizes.accounts);
  for (const account of dataset.accounts) {
    total += pages(dataset.rolesByAccount.get(account.id)?.length ?? 0, sizes.roles);
    total += pages(dataset.membersByAccount.get(account.id)?.length ?? 0, sizes.members);
    total += pages(dataset.zones.filter((z) => z.account?.id === account.id).length, sizes.zones);
  }
  for (const zone of dataset.zones) {
    total += pages(dataset.dnsRecordsByZone.get(zone.id)?.length ?? 0, sizes.dnsRecords);
  }
  return total;
}

/** The areas the benchmark reports requests for: the core, then src/areas.ts's. */
export const AREAS = ['core', ...AREA_KEYS] as const;
export type AreaName = 'core' | Area;

/** Which area a request path belongs to (simulator route keys or real paths), by the areas' endpoints. */
export function areaOfPath(path: string): AreaName {
  return areaOfRequestPath(path) ?? 'core';
}

/** Requests to read n items from a list that gives no total: the last page must be short, so n/size + 1. */
const untilShort = (n: number, size: number) => Math.floor(n / size) + 1;

/** Every list size of one account that the optional areas read. */
function perPage(name: EndpointName): number {
  return pageSize(name, true);
}

/**
 * The fewest requests each area needs with every area on: the core and DNS
 * records as minimumRequests counts them; zone settings two per zone (all
 * settings + DNSSEC); tokens each account's list plus the user's; Zero Trust
 * users, devices and registrations (every device: inactive ones included),
 * posture rules and Gateway locations; the four Access lists. An account
 * without Zero Trust costs one request (the 403 that says so), counted here
 * in zeroTrust although whichever Zero Trust, Access or activity step asks
 * first pays it (they run at the same time). Activity: per account, the logins of the
 * default window (a list without a total, so a full last page costs one more
 * request) and, with Zero Trust, the Access authentications walked the same way.
 */
export function minimumRequestsByArea(dataset: SimulatorDataset): Record<AreaName, number> {
  const byArea = Object.fromEntries(AREAS.map((area) => [area, 0])) as Record<AreaName, number>;
  for (const zone of dataset.zones) {
    byArea.dnsRecords += pages(
      dataset.dnsRecordsByZone.get(zone.id)?.length ?? 0,
      DOCUMENTED_MAX_PAGE_SIZES.dnsRecords,
    );
  }
  byArea.core = minimumRequests(dataset) - byArea.dnsRecords;
  byArea.zoneSettings = 2 * dataset.zones.length;
  byArea.apiTokens = pages(dataset.userTokens.length, perPage('userTokens'));
  for (const account of dataset.accounts) {
    const id = account.id;
    byArea.apiTokens += pages(dataset.accountTokensByAccount.get(id)?.length ?? 0, perPage('accountTokens'));
    const windowMs = DEFAULT_ACTIVITY_LOOKBACK_DAYS * 86_400_000;
    const logins = (dataset.auditLogsByAccount.get(id) ?? []).filter(
      (e) => e.action.type === 'login' && e.ageMs <= windowMs,
    ).length;
    byArea.activity += untilShort(logins, perPage('auditLogins'));
    if (dataset.zeroTrustDisabled.has(id)) {
      byArea.zeroTrust += 1;
      continue;
    }
    const authentications = (dataset.accessRequestsByAccount.get(id) ?? []).filter((e) => e.ageMs <= windowMs).length;
    byArea.activity += untilShort(authentications, perPage('accessRequests'));
    const size = (map: Map<string, unknown[]>) => map.get(id)?.length ?? 0;
    byArea.zeroTrust +=
      pages(size(dataset.accessUsersByAccount), perPage('accessUsers')) +
      pages(size(dataset.physicalDevicesByAccount), perPage('physicalDevices')) +
      pages(size(dataset.deviceRegistrationsByAccount), perPage('deviceRegistrations')) +
      2; // posture rules, Gateway locations: one array each
    byArea.accessConfiguration +=
      pages(size(dataset.identityProvidersByAccount), perPage('accessIdentityProviders')) +
      pages(size(dataset.accessGroupsByAccount), perPage('accessGroups')) +
      pages(size(dataset.accessPoliciesByAccount), perPage('accessPolicies')) +
      pages(size(dataset.accessAppsByAccount), perPage('accessApplications'));
  }
  return byArea;
}

/** Sum of minimumRequestsByArea: the fewest requests a collection with every area on can make. */
export function minimumRequestsAllAreas(dataset: SimulatorDataset): number {
  return Object.values(minimumRequestsByArea(dataset)).reduce((a, b) => a + b, 0);
}

/** The longest chain of requests that must run one after another. */
export function sequentialChain(dataset: SimulatorDataset): number {
  const zonePages = Math.max(
    ...dataset.accounts.map((a) =>
      pages(dataset.zones.filter((z) => z.account?.id === a.id).length, OUR_PAGE_SIZES.zones),
    ),
  );
  const recordPages = Math.max(
    1,
    ...dataset.zones.map((z) => pages(dataset.dnsRecordsByZone.get(z.id)?.length ?? 0, OUR_PAGE_SIZES.dnsRecords)),
  );
  return 1 + pages(dataset.accounts.length, OUR_PAGE_SIZES.accounts) + zonePages + recordPages;
}

/**
 * The fastest a collection of `requests` can finish: with a budget of N
 * requests per W seconds, M requests cannot finish before
 * (ceil(M / N) - 1) * W; with latency L and C requests in flight, not before
 * max(ceil(M / C), longest sequential chain) * L. The larger bound wins.
 */
export function floorSeconds(opts: {
  requests: number;
  budget: number;
  windowSeconds: number;
  latencySeconds: number;
  concurrency: number;
  chain: number;
}): { floor: number; rateBound: number; latencyBound: number } {
  const rateBound = (Math.ceil(opts.requests / opts.budget) - 1) * opts.windowSeconds;
  const latencyBound = Math.max(Math.ceil(opts.requests / opts.concurrency), opts.chain) * opts.latencySeconds;
  return { floor: Math.max(rateBound, latencyBound), rateBound, latencyBound };
}

/** Entities a full collection of `dataset` produces (members and records de-duplicated). */
export function expectedEntityCount(dataset: SimulatorDataset): number {
  let total = dataset.accounts.length;
  for (const account of dataset.accounts) {
    const roleIds = new Set((dataset.rolesByAccount.get(account.id) ?? []).map((r) => r.id));
    const memberIds = new Set<string>();
    for (const member of dataset.membersByAccount.get(account.id) ?? []) {
      memberIds.add(member.id);
      for (const role of member.roles ?? []) roleIds.add(role.id);
    }
    total += roleIds.size + memberIds.size;
  }
  total += new Set(dataset.zones.map((z) => z.id)).size;
  for (const records of dataset.dnsRecordsByZone.values()) total += new Set(records.map((r) => r.id)).size;
  return total + expectedAreaEntityCount(dataset);
}

/**
 * Entities of the optional areas with default options: deleted devices left
 * out, revoked ones kept; per-app inline policies are entities of their own;
 * a token listed twice (account and user lists) is one entity.
 */
export function expectedAreaEntityCount(dataset: SimulatorDataset): number {
  let total = new Set([...[...dataset.accountTokensByAccount.values()].flat(), ...dataset.userTokens].map((t) => t.id))
    .size;
  for (const account of dataset.accounts) {
    const id = account.id;
    if (dataset.zeroTrustDisabled.has(id)) continue;
    total += dataset.accessUsersByAccount.get(id)?.length ?? 0;
    total += (dataset.physicalDevicesByAccount.get(id) ?? []).filter((d) => !d.deleted_at).length;
    total += dataset.postureRulesByAccount.get(id)?.length ?? 0;
    total += dataset.gatewayLocationsByAccount.get(id)?.length ?? 0;
    total += dataset.identityProvidersByAccount.get(id)?.length ?? 0;
    total += dataset.accessGroupsByAccount.get(id)?.length ?? 0;
    total += dataset.accessAppsByAccount.get(id)?.length ?? 0;
    const policyIds = new Set((dataset.accessPoliciesByAccount.get(id) ?? []).map((p) => p.id));
    for (const app of dataset.accessAppsByAccount.get(id) ?? []) app.policies.forEach((p) => policyIds.add(p.id));
    total += policyIds.size;
  }
  return total;
}
