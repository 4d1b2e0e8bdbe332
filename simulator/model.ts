/**
 * The simulator's one table of the Cloudflare read endpoints it serves: per
 * route its method and path pattern, how it pages and within which per_page
 * bounds, the token permission it checks, and the items it serves from a
 * dataset for one request's path parameters and query (before paging).
 *
 * The handlers (handlers.ts) read every one of these from here, and the
 * bench's request plan (tools/lib/requestPlan.ts), the end-to-end
 * expectations (test/e2e/expected.ts) and the rate-limit chaos test derive
 * their expected requests and entities from the same table, so what the
 * simulator serves and what the tests expect cannot disagree.
 *
 * Written from Cloudflare's published API schema
 * (https://developers.cloudflare.com/api/), never from the integration's
 * code (src/): a mistake shared by client and simulator would hide.
 */
import type { SimPermission, SimulatorDataset } from './dataset';
import { fail, PageBounds, Reject } from './envelope';
import type { SimAccessRequestRecord, SimApiToken, SimAuditLogRecord, SimZone, SimZoneType } from './types';

/**
 * - `page`: page/per_page with result_info totals;
 * - `page-no-total`: page/per_page, no result_info (the last page is the short one);
 * - `cursor`: per_page + cursor;
 * - `limit`: one answer of at most `limit` items, no page parameter (walked by time);
 * - `array`: the whole list in one answer;
 * - `object`: one object.
 */
export type SimPaging = 'page' | 'page-no-total' | 'cursor' | 'limit' | 'array' | 'object';

/**
 * What the token must hold: a permission; `any` (any permission at all);
 * `none` (the token itself is what is asked about).
 */
export type SimRequirement = SimPermission | 'any' | 'none';

export interface SimEndpoint {
  method: 'GET';
  /** Relative to /client/v4; `:name` segments are path parameters. */
  pattern: string;
  paging: SimPaging;
  /** per_page (or `limit`) bounds, for the paged styles. */
  bounds?: PageBounds;
  permission: SimRequirement;
  /** An account without Zero Trust answers 403 here. */
  zeroTrust?: boolean;
  /** Per-parameter format; defaults to a Cloudflare id (32 lowercase hex). */
  params?: Record<string, RegExp>;
  /**
   * The items served for one request's path parameters and query, before
   * paging and before the token's visibility (accounts, zones) is applied.
   */
  items?(dataset: SimulatorDataset, params: Record<string, string>, query: URLSearchParams): readonly unknown[];
}

export function badFilter(name: string, value: string): Reject {
  return new Reject(fail(400, [{ code: 1001, message: `Invalid value for ${name}: ${value}` }]));
}

/** `name` filter with Cloudflare's optional operator prefix, e.g. 'contains:.org'. */
function nameFilter(raw: string): (name: string) => boolean {
  const colon = raw.indexOf(':');
  const op = colon > 0 ? raw.slice(0, colon) : 'equal';
  const known = [
    'equal',
    'not_equal',
    'starts_with',
    'ends_with',
    'contains',
    'starts_with_case_sensitive',
    'ends_with_case_sensitive',
    'contains_case_sensitive',
  ];
  if (!known.includes(op)) return (name) => name.toLowerCase() === raw.toLowerCase();
  const value = raw.slice(colon + 1);
  const sensitive = op.endsWith('_case_sensitive');
  const norm = (s: string) => (sensitive ? s : s.toLowerCase());
  const v = norm(value);
  switch (op.replace('_case_sensitive', '')) {
    case 'not_equal':
      return (name) => norm(name) !== v;
    case 'starts_with':
      return (name) => norm(name).startsWith(v);
    case 'ends_with':
      return (name) => norm(name).endsWith(v);
    case 'contains':
      return (name) => norm(name).includes(v);
    default:
      return (name) => norm(name) === v;
  }
}

const ZONE_TYPES: readonly SimZoneType[] = ['full', 'partial', 'secondary', 'internal'];

/**
 * `type`, several allowed, repeated (`type=full&type=internal`, as Cloudflare's
 * SDK sends it) or comma-separated (`type=full,internal`). Without it,
 * Cloudflare leaves internal zones out. An unknown type → 400 1001.
 */
function zoneTypes(query: URLSearchParams): readonly string[] {
  const asked = query
    .getAll('type')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (asked.length === 0) return ZONE_TYPES.filter((t) => t !== 'internal');
  const unknown = asked.find((t) => !(ZONE_TYPES as readonly string[]).includes(t));
  if (unknown !== undefined) throw badFilter('type', unknown);
  return asked;
}

/** A `since`/`before`/`until` value: a date or RFC 3339 time; a bad one is a 400. */
export function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw badFilter(name, raw);
  return ms;
}

/** The clock the activity logs are dated by. */
export const activityNow = (dataset: SimulatorDataset): number => dataset.activityNowMs ?? Date.now();

/** Recently expired tokens are hidden unless include_expired=true. */
function withExpired(tokens: readonly SimApiToken[], query: URLSearchParams): readonly SimApiToken[] {
  return query.get('include_expired') === 'true' ? tokens : tokens.filter((t) => t.status !== 'expired');
}

/** An account-keyed list of the dataset, for the route's `:id`. */
const byAccount =
  (pick: (dataset: SimulatorDataset) => Map<string, readonly unknown[]>) =>
  (dataset: SimulatorDataset, params: Record<string, string>) =>
    pick(dataset).get(params.id) ?? [];

const SETTING_ID = /^[a-z0-9_]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Bounds not stated by the schema: min 1, max 50, default 20. */
const UNSTATED_BOUNDS: PageBounds = { min: 1, max: 50, default: 20 };

export const SIM_ENDPOINTS = {
  verifyUserToken: { method: 'GET', pattern: '/user/tokens/verify', paging: 'object', permission: 'none' },
  verifyAccountToken: {
    method: 'GET',
    pattern: '/accounts/:id/tokens/verify',
    paging: 'object',
    permission: 'none',
  },
  /** per_page 5–50; `name` filters. */
  accounts: {
    method: 'GET',
    pattern: '/accounts',
    paging: 'page',
    bounds: { min: 5, max: 50, default: 20 },
    permission: 'any',
    items: (dataset, _params, query) => {
      const name = query.get('name');
      return dataset.accounts.filter((a) => name === null || a.name === name);
    },
  },
  account: { method: 'GET', pattern: '/accounts/:id', paging: 'object', permission: 'any' },
  /** per_page 5–50; `status` filters. */
  members: {
    method: 'GET',
    pattern: '/accounts/:id/members',
    paging: 'page',
    bounds: { min: 5, max: 50, default: 20 },
    permission: 'account_settings_read',
    items: (dataset, params, query) => {
      const status = query.get('status');
      const members = dataset.membersByAccount.get(params.id) ?? [];
      return status === null ? members : members.filter((m) => m.status === status);
    },
  },
  roles: {
    method: 'GET',
    pattern: '/accounts/:id/roles',
    paging: 'page',
    bounds: { min: 5, max: 50, default: 20 },
    permission: 'account_settings_read',
    items: byAccount((d) => d.rolesByAccount),
  },
  /** per_page 5–50; filters `account.id`, `name` (with operators), `status`, `type`. */
  zones: {
    method: 'GET',
    pattern: '/zones',
    paging: 'page',
    bounds: { min: 5, max: 50, default: 20 },
    permission: 'zone_read',
    items: (dataset, _params, query) => {
      const accountId = query.get('account.id');
      const name = query.get('name');
      const status = query.get('status');
      const types = zoneTypes(query);
      const matchesName = name === null ? undefined : nameFilter(name);
      return dataset.zones.filter(
        (z: SimZone) =>
          (accountId === null || z.account.id === accountId) &&
          (matchesName === undefined || matchesName(z.name)) &&
          (status === null || z.status === status) &&
          types.includes(z.type),
      );
    },
  },
  /** per_page up to 5,000,000; `type` filters. */
  dnsRecords: {
    method: 'GET',
    pattern: '/zones/:id/dns_records',
    paging: 'page',
    bounds: { min: 1, max: 5_000_000, default: 100 },
    permission: 'dns_read',
    items: (dataset, params, query) => {
      const records = dataset.dnsRecordsByZone.get(params.id) ?? [];
      const type = query.get('type');
      return type === null ? records : records.filter((r) => r.type === type);
    },
  },
  zoneSettings: {
    method: 'GET',
    pattern: '/zones/:id/settings',
    paging: 'array',
    permission: 'zone_settings_read',
    items: (dataset, params) => dataset.zoneSettingsByZone.get(params.id) ?? [],
  },
  zoneSetting: {
    method: 'GET',
    pattern: '/zones/:id/settings/:setting',
    params: { setting: SETTING_ID },
    paging: 'object',
    permission: 'zone_settings_read',
  },
  dnssec: { method: 'GET', pattern: '/zones/:id/dnssec', paging: 'object', permission: 'dns_read' },
  /** per_page 5–50; recently expired tokens only with include_expired=true. */
  userTokens: {
    method: 'GET',
    pattern: '/user/tokens',
    paging: 'page',
    bounds: { min: 5, max: 50, default: 20 },
    permission: 'user_api_tokens_read',
    items: (dataset, _params, query) => withExpired(dataset.userTokens, query),
  },
  accountTokens: {
    method: 'GET',
    pattern: '/accounts/:id/tokens',
    paging: 'page',
    bounds: { min: 5, max: 50, default: 20 },
    permission: 'account_api_tokens_read',
    items: (dataset, params, query) => withExpired(dataset.accountTokensByAccount.get(params.id) ?? [], query),
  },
  accessUsers: {
    method: 'GET',
    pattern: '/accounts/:id/access/users',
    paging: 'page',
    bounds: UNSTATED_BOUNDS,
    permission: 'access_audit_logs_read',
    zeroTrust: true,
    items: byAccount((d) => d.accessUsersByAccount),
  },
  /** Deprecated, end of life 2025-11-11: 404 unless the dataset still serves it. */
  legacyDevices: {
    method: 'GET',
    pattern: '/accounts/:id/devices',
    paging: 'array',
    permission: 'zero_trust_read',
    zeroTrust: true,
    items: byAccount((d) => d.legacyDevicesByAccount),
  },
  /**
   * Cursor; per_page is a uint64 with unconfirmed bounds. active_registrations:
   * 'only' (default) = devices with an active registration; 'include' = all;
   * 'exclude' = none active. Deleted devices appear only with 'include'.
   */
  physicalDevices: {
    method: 'GET',
    pattern: '/accounts/:id/devices/physical-devices',
    paging: 'cursor',
    bounds: { min: 1, max: 100, default: 20 },
    permission: 'zero_trust_read',
    zeroTrust: true,
    items: (dataset, params, query) => {
      const mode = query.get('active_registrations') ?? 'only';
      if (!['only', 'include', 'exclude'].includes(mode)) throw badFilter('active_registrations', mode);
      return (dataset.physicalDevicesByAccount.get(params.id) ?? []).filter((d) => {
        if (mode === 'include') return true;
        if (d.deleted_at !== null) return false;
        return mode === 'only' ? d.active_registrations > 0 : d.active_registrations === 0;
      });
    },
  },
  /** Cursor. status: 'active' (our default; the real one is unconfirmed) hides revoked and deleted; 'revoked'; 'all'. */
  deviceRegistrations: {
    method: 'GET',
    pattern: '/accounts/:id/devices/registrations',
    paging: 'cursor',
    bounds: { min: 1, max: 100, default: 20 },
    permission: 'zero_trust_read',
    zeroTrust: true,
    items: (dataset, params, query) => {
      const status = query.get('status') ?? 'active';
      if (!['active', 'revoked', 'all'].includes(status)) throw badFilter('status', status);
      return (dataset.deviceRegistrationsByAccount.get(params.id) ?? []).filter((r) => {
        const active = r.revoked_at === null && r.deleted_at === null;
        return status === 'all' || (status === 'active' ? active : r.revoked_at !== null);
      });
    },
  },
  postureRules: {
    method: 'GET',
    pattern: '/accounts/:id/devices/posture',
    paging: 'array',
    permission: 'zero_trust_read',
    zeroTrust: true,
    items: byAccount((d) => d.postureRulesByAccount),
  },
  gatewayLocations: {
    method: 'GET',
    pattern: '/accounts/:id/gateway/locations',
    paging: 'array',
    permission: 'zero_trust_read',
    zeroTrust: true,
    items: byAccount((d) => d.gatewayLocationsByAccount),
  },
  /**
   * per_page up to 1,000 (the default is not published: 20 here). is_deleted:
   * true lists only deleted tunnels, false leaves them out, absent lists both
   * (Cloudflare's default since 2025-12-01 leaves them out; we model the
   * older, more demanding one, so a client that forgets the filter shows).
   */
  tunnels: {
    method: 'GET',
    pattern: '/accounts/:id/cfd_tunnel',
    paging: 'page',
    bounds: { min: 1, max: 1000, default: 20 },
    permission: 'tunnel_read',
    items: (dataset, params, query) => {
      const deleted = query.get('is_deleted');
      if (deleted !== null && deleted !== 'true' && deleted !== 'false') throw badFilter('is_deleted', deleted);
      return (dataset.tunnelsByAccount.get(params.id) ?? []).filter(
        (t) => deleted === null || (t.deleted_at !== null) === (deleted === 'true'),
      );
    },
  },
  /** One tunnel's connectors (with their connections); 404 for a tunnel the account does not have. */
  tunnelConnections: {
    method: 'GET',
    pattern: '/accounts/:id/cfd_tunnel/:tunnel/connections',
    paging: 'array',
    permission: 'tunnel_read',
    params: { tunnel: UUID },
    items: (dataset, params) => {
      if (!(dataset.tunnelsByAccount.get(params.id) ?? []).some((t) => t.id === params.tunnel)) {
        throw new Reject(fail(404, [{ code: 1003, message: 'Tunnel not found' }]));
      }
      return dataset.tunnelClientsByTunnel.get(params.tunnel) ?? [];
    },
  },
  accessIdentityProviders: {
    method: 'GET',
    pattern: '/accounts/:id/access/identity_providers',
    paging: 'page',
    bounds: { min: 1, max: 1000, default: 200 },
    permission: 'access_idps_groups_read',
    zeroTrust: true,
    items: byAccount((d) => d.identityProvidersByAccount),
  },
  accessGroups: {
    method: 'GET',
    pattern: '/accounts/:id/access/groups',
    paging: 'page',
    bounds: UNSTATED_BOUNDS,
    permission: 'access_idps_groups_read',
    zeroTrust: true,
    items: byAccount((d) => d.accessGroupsByAccount),
  },
  accessPolicies: {
    method: 'GET',
    pattern: '/accounts/:id/access/policies',
    paging: 'page',
    bounds: { min: 1, max: 1000, default: 100 },
    permission: 'access_apps_policies_read',
    zeroTrust: true,
    items: byAccount((d) => d.accessPoliciesByAccount),
  },
  accessApps: {
    method: 'GET',
    pattern: '/accounts/:id/access/apps',
    paging: 'page',
    bounds: UNSTATED_BOUNDS,
    permission: 'access_apps_policies_read',
    zeroTrust: true,
    items: byAccount((d) => d.accessAppsByAccount),
  },
  /** Audit log v1: per_page 1-1,000, default 100; filters `action.type`, `since`, `before`; no result_info. */
  auditLogs: {
    method: 'GET',
    pattern: '/accounts/:id/audit_logs',
    paging: 'page-no-total',
    bounds: { min: 1, max: 1000, default: 100 },
    permission: 'account_logs_read',
    items: (dataset, params, query) => {
      const now = activityNow(dataset);
      const since = timeParam(query, 'since');
      const before = timeParam(query, 'before');
      const type = query.get('action.type');
      return (dataset.auditLogsByAccount.get(params.id) ?? []).filter(
        (e: SimAuditLogRecord) =>
          (type === null || e.action.type === type) &&
          (since === undefined || now - e.ageMs >= since) &&
          (before === undefined || now - e.ageMs < before),
      );
    },
  },
  /** Access authentication log: `limit` (default 25; the upper bound is not published, 1,000 here), `since`, `until` (inclusive). */
  accessRequests: {
    method: 'GET',
    pattern: '/accounts/:id/access/logs/access_requests',
    paging: 'limit',
    bounds: { min: 1, max: 1000, default: 25 },
    permission: 'access_audit_logs_read',
    zeroTrust: true,
    items: (dataset, params, query) => {
      const now = activityNow(dataset);
      const since = timeParam(query, 'since');
      const until = timeParam(query, 'until');
      return (dataset.accessRequestsByAccount.get(params.id) ?? []).filter(
        (e: SimAccessRequestRecord) =>
          (since === undefined || now - e.ageMs >= since) && (until === undefined || now - e.ageMs <= until),
      );
    },
  },
} satisfies Record<string, SimEndpoint>;

export type SimEndpointName = keyof typeof SIM_ENDPOINTS;

/** The stats key of a route, e.g. 'GET /zones/:id/dns_records' (RunningSimulator.stats.byRoute). */
export const routeKey = (endpoint: { method: string; pattern: string }): string =>
  `${endpoint.method} ${endpoint.pattern}`;

/**
 * Requests to read `items` items at `perPage` per request, following the
 * endpoint's paging: at least one (to learn a list is empty); a list without
 * a total ends only on a short page, so a full last page costs one more.
 */
export function requestsToRead(endpoint: Pick<SimEndpoint, 'paging'>, items: number, perPage?: number): number {
  switch (endpoint.paging) {
    case 'array':
    case 'object':
      return 1;
    case 'page':
    case 'cursor':
      return Math.max(1, Math.ceil(items / perPage!));
    case 'page-no-total':
    case 'limit':
      return Math.floor(items / perPage!) + 1;
  }
}
