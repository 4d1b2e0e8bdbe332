/**
 * The client's endpoint description (src/client/endpoints.ts) and the
 * simulator's endpoint table (simulator/model.ts) are written independently;
 * the request plan joins them by path. These checks keep the join honest:
 * every endpoint the client reads has a simulator route that pages the same
 * way and accepts the page size the client sends.
 */
import { EndpointName, Endpoints, EndpointSpec } from '../../src/client/endpoints';
import { CLOUDFLARE_ROUTES, routeKey, SIM_ENDPOINTS, SimPaging, tinyDataset } from '../../simulator';
import { plannedRequests, simulatorEndpoint } from '../../tools/lib/requestPlan';

const SAME_PAGING: Record<EndpointSpec['style'], SimPaging[]> = {
  page: ['page', 'page-no-total'],
  cursor: ['cursor'],
  array: ['array'],
  object: ['object'],
  'time-window': ['limit'],
};

describe('client endpoints and the simulator endpoint table', () => {
  test.each(Object.keys(Endpoints) as EndpointName[])('%s: a simulator route that pages alike', (name) => {
    const spec: EndpointSpec = Endpoints[name];
    const endpoint = simulatorEndpoint(name);
    expect(SAME_PAGING[spec.style]).toContain(endpoint.paging);
    if (spec.pageSize !== undefined) {
      expect(spec.pageSize).toBeGreaterThanOrEqual(endpoint.bounds!.min);
      expect(spec.pageSize).toBeLessThanOrEqual(endpoint.bounds!.max);
    }
  });

  test('the simulator routes every row of its table (and the table is what it routes)', () => {
    const reads = CLOUDFLARE_ROUTES.filter((r) => r.method === 'GET').map((r) => routeKey(r));
    expect(reads).toEqual(Object.values(SIM_ENDPOINTS).map((e) => routeKey(e)));
  });

  test('the plan for the tiny dataset: one request per list, two accounts, two zones', () => {
    const planned = plannedRequests(tinyDataset());
    expect(planned.filter((p) => p.name === 'dnsRecords')).toHaveLength(tinyDataset().zones.length);
    expect(planned.filter((p) => p.name === 'roles')).toHaveLength(tinyDataset().accounts.length);
    expect(planned.every((p) => p.requests === 1)).toBe(true);
  });
});
