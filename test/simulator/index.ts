/** Public API of the local Cloudflare v4 API simulator. */
export {
  ADMIN_ROLE_ID,
  DNS_RECORD_TYPES,
  largeDataset,
  realisticDataset,
  ROLE_CATALOGUE,
  SIM_TOKENS,
  simTokens,
  SUPER_ADMIN_ROLE,
  SUPER_ADMIN_ROLE_ID,
  tinyDataset,
} from './dataset';
export type { DnsRecordType, LargeDatasetOptions, SimPermission, SimToken, SimTokenValues, SimulatorDataset } from './dataset';
export { fail, ok, paginate, Reject } from './envelope';
export type { PageBounds, SimResponse } from './envelope';
export { ALL_FAULT_KINDS, BAD_GATEWAY_HTML, FaultInjector, rollFault } from './faults';
export type { Fault, FaultKind, FaultProfile } from './faults';
export { CLOUDFLARE_ROUTES, handleRequest, PAGE_BOUNDS } from './handlers';
export type { RateLimitOptions } from './rate-limit';
export { API_PREFIX, matchRoute } from './router';
export type { Route, RouteContext, RouteMatch, SimRequest } from './router';
export { startSimulator, UNROUTED_KEY } from './server';
export type { RunningSimulator, SimulatorOptions, SimulatorStats } from './server';
