/** Public API of the local Cloudflare v4 API simulator. */
export {
  ADMIN_ROLE_ID,
  DNS_RECORD_TYPES,
  largeDataset,
  realisticDataset,
  ROLE_CATALOGUE,
  SIM_TOKENS,
  SIM_USER_TOKEN_ID,
  simTokens,
  SUPER_ADMIN_ROLE,
  SUPER_ADMIN_ROLE_ID,
  tinyDataset,
} from './dataset';
export type {
  DnsRecordType,
  LargeDatasetOptions,
  SimAccessSurface,
  SimPermission,
  SimToken,
  SimTokenValues,
  SimulatorDataset,
} from './dataset';
export {
  decodeCursor,
  encodeCursor,
  fail,
  noRoute,
  ok,
  paginate,
  paginateCursor,
  Reject,
  singleArray,
} from './envelope';
export type { PageBounds, SimResponse } from './envelope';
export { ALL_FAULT_KINDS, BAD_GATEWAY_HTML, FaultInjector, rollFault } from './faults';
export type { Fault, FaultKind, FaultProfile } from './faults';
export { CLOUDFLARE_ROUTES, handleRequest, ZERO_TRUST_DISABLED_ERRORS } from './handlers';
export { requestsToRead, routeKey, SIM_ENDPOINTS } from './model';
export type { SimEndpoint, SimEndpointName, SimPaging } from './model';
export {
  ALL_HOSTILE_BEHAVIOURS,
  findHostileRule,
  HOSTILE_HTML,
  hostileAnswer,
  HUGE_ERROR_DEFAULT_BYTES,
  HUGE_ERROR_DEFAULT_CHUNK_BYTES,
  hugeErrorChunks,
  TOTAL_PAGES_HIGH_DEFAULT_EXTRA,
} from './hostile';
export type { HostileAnswer, HostileBehaviour, HostileRule, HostileSimpleBehaviour } from './hostile';
export type { RateLimitOptions } from './rate-limit';
export { API_PREFIX, matchRoute } from './router';
export type { Route, RouteContext, RouteMatch, SimRequest } from './router';
export { startSimulator, UNROUTED_KEY } from './server';
export type { RunningSimulator, SimulatorOptions, SimulatorStats } from './server';
export { CURSOR_MEMBER_BOUNDS, TEST_STYLE_ROUTES } from './style-routes';
export type {
  SimAccessApp,
  SimAccessDecision,
  SimAccessGroup,
  SimAccessPolicy,
  SimAccessRule,
  SimAccessUser,
  SimApiToken,
  SimAppPolicy,
  SimDeviceRegistration,
  SimDeviceType,
  SimDeviceUserRef,
  SimDnssec,
  SimDnssecStatus,
  SimGatewayLocation,
  SimHstsValue,
  SimIdentityProvider,
  SimLegacyDevice,
  SimMemberPolicy,
  SimPermissionGroupRef,
  SimPhysicalDevice,
  SimPostureRule,
  SimResourceGroupRef,
  SimTokenPolicy,
  SimTokenResources,
  SimTunnel,
  SimTunnelClient,
  SimZoneSetting,
  SimAccount,
  SimAccountSettings,
  SimCursorResultInfo,
  SimDnsRecord,
  SimDnsRecordMeta,
  SimEnvelope,
  SimManagedBy,
  SimMember,
  SimMemberStatus,
  SimMemberUser,
  SimMessage,
  SimPageResultInfo,
  SimResultInfo,
  SimRole,
  SimRolePermissions,
  SimSuccessMessage,
  SimTokenStatus,
  SimTokenVerification,
  SimZone,
  SimZoneType,
} from './types';
