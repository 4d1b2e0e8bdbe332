import { EndpointName, Endpoints, EndpointSpec } from '../../src/client/endpoints';
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

export function minimumRequestsAtOurPageSizes(dataset: SimulatorDataset): number {
  return minimumRequests(dataset, OUR_PAGE_SIZES);
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
  return total;
}
