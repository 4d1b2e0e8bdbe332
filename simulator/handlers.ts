/**
 * The handlers of the Cloudflare v4 read endpoints in the endpoint table
 * (model.ts), which gives each route's pattern, paging, bounds, permission
 * and items. Pure request → response functions over a dataset; no sockets here.
 */
import {
  bearerValue,
  canSeeAccount,
  findToken,
  requireActiveToken,
  requireAnyPermission,
  requirePermission,
  requireVisibleAccount,
  requireZonePermission,
  unauthorizedResource,
} from './auth';
import type { SimPermission, SimToken, SimulatorDataset } from './dataset';
import { fail, noRoute, ok, pageParams, paginate, paginateCursor, Reject, SimResponse, singleArray } from './envelope';
import { dispatch, matchRoute, Route, RouteContext, SimRequest } from './router';
import { activityNow, badFilter, SIM_ENDPOINTS, SimEndpoint, SimEndpointName } from './model';
import type {
  SimAccessRequestRecord,
  SimAccount,
  SimAuditLogRecord,
  SimSuccessMessage,
  SimTokenVerification,
  SimZone,
} from './types';
import { WRITE_ROUTES } from './writes';

/** The items an endpoint of the table serves for this request (model.ts). */
function served(name: ListEndpointName, { dataset, params, req }: RouteContext): readonly unknown[] {
  return SIM_ENDPOINTS[name].items(dataset, params, req.query);
}

type ListEndpointName = {
  [K in SimEndpointName]: (typeof SIM_ENDPOINTS)[K] extends { items: unknown } ? K : never;
}[SimEndpointName];

/** Page or cursor paging with the endpoint's bounds (model.ts). */
function paged(name: ListEndpointName, items: readonly unknown[], query: URLSearchParams): SimResponse {
  const endpoint: SimEndpoint = SIM_ENDPOINTS[name];
  if (endpoint.paging === 'cursor') return paginateCursor(items, query, endpoint.bounds!);
  if (endpoint.paging === 'array') return singleArray(items);
  return paginate(items, query, endpoint.bounds!);
}

/** A permission the endpoint's table row names. */
function permissionOf(name: SimEndpointName): SimPermission {
  const permission = SIM_ENDPOINTS[name].permission;
  if (permission === 'any' || permission === 'none') throw new Error(`${name} checks no single permission`);
  return permission;
}

const TOKEN_VALID: SimSuccessMessage = { code: 10000, message: 'This API Token is valid and active', type: null };

function invalidApiToken(status: number): Reject {
  return new Reject(fail(status, [{ code: 1000, message: 'Invalid API Token' }]));
}

function verification(token: SimToken): SimResponse {
  const result: SimTokenVerification = { id: token.id, status: token.status };
  return ok(result, { messages: token.status === 'active' ? [TOKEN_VALID] : [] });
}

function verifyUserToken({ req, dataset }: RouteContext): SimResponse {
  const token = findToken(dataset, bearerValue(req));
  if (!token) throw invalidApiToken(401);
  if (token.kind === 'account') throw invalidApiToken(403);
  return verification(token);
}

function verifyAccountToken({ req, dataset, params }: RouteContext): SimResponse {
  const token = findToken(dataset, bearerValue(req));
  if (!token || token.kind !== 'account' || token.accountIds?.[0] !== params.id) throw invalidApiToken(401);
  return verification(token);
}

function listAccounts(ctx: RouteContext): SimResponse {
  const { req, dataset } = ctx;
  const token = requireActiveToken(req, dataset);
  if (token.kind === 'account') {
    throw new Reject(
      fail(400, [{ code: 1001, message: 'List accounts endpoint does not support account owned tokens.' }]),
    );
  }
  requireAnyPermission(token);
  const visible = (served('accounts', ctx) as SimAccount[]).filter((a) => canSeeAccount(token, a.id));
  return paged('accounts', visible, req.query);
}

function getAccount({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  const account = requireVisibleAccount(token, dataset, params.id);
  requireAnyPermission(token);
  return ok(account);
}

/**
 * An account's list served straight from the table: token, visible account,
 * the row's permission, then its items and paging; 404 7000 while `retired`
 * says the dataset models the route as gone.
 */
const accountList =
  (name: ListEndpointName, retired: (dataset: SimulatorDataset) => boolean = () => false) =>
  (ctx: RouteContext): SimResponse => {
    const { req, dataset, params } = ctx;
    const token = requireActiveToken(req, dataset);
    requireVisibleAccount(token, dataset, params.id);
    requirePermission(token, permissionOf(name));
    if (retired(dataset)) return noRoute();
    return paged(name, served(name, ctx), req.query);
  };

function listZones(ctx: RouteContext): SimResponse {
  const { req, dataset } = ctx;
  const token = requireActiveToken(req, dataset);
  requirePermission(token, permissionOf('zones'));
  const zones = (served('zones', ctx) as SimZone[]).filter((z) => canSeeAccount(token, z.account.id));
  return paged('zones', zones, req.query);
}

function listDnsRecords(ctx: RouteContext): SimResponse {
  const { req, dataset, params } = ctx;
  const token = requireActiveToken(req, dataset);
  const zone = dataset.zones.find((z) => z.id === params.id);
  if (!zone || !canSeeAccount(token, zone.account.id)) throw unauthorizedResource();
  requireZonePermission(token, permissionOf('dnsRecords'), zone.id);
  return paged('dnsRecords', served('dnsRecords', ctx), req.query);
}

// ---------------------------------------------------------------------------
// Zone security posture (docs/cloudflare-facts.md#zone-settings, #dnssec)
// ---------------------------------------------------------------------------

/** A zone the token can see, or 403 9109 like dns_records. */
function visibleZone({ req, dataset, params }: RouteContext): { zone: SimZone; token: SimToken } {
  const token = requireActiveToken(req, dataset);
  const zone = dataset.zones.find((z) => z.id === params.id);
  if (!zone || !canSeeAccount(token, zone.account.id)) throw unauthorizedResource();
  return { zone, token };
}

function listZoneSettings(ctx: RouteContext): SimResponse {
  const { zone, token } = visibleZone(ctx);
  // Deprecated (2026 spec); the flag lets tests see the per-setting fallback.
  if (ctx.dataset.zoneSettingsListMissing) return noRoute();
  requireZonePermission(token, permissionOf('zoneSettings'), zone.id);
  return paged('zoneSettings', served('zoneSettings', ctx), ctx.req.query);
}

function getZoneSetting(ctx: RouteContext): SimResponse {
  const { zone, token } = visibleZone(ctx);
  requireZonePermission(token, permissionOf('zoneSetting'), zone.id);
  const setting = (ctx.dataset.zoneSettingsByZone.get(zone.id) ?? []).find((x) => x.id === ctx.params.setting);
  // Our choice: the real answer for an unknown setting name is unconfirmed.
  if (!setting) throw new Reject(fail(404, [{ code: 1003, message: `Unknown zone setting: ${ctx.params.setting}` }]));
  return ok(setting);
}

function getDnssec(ctx: RouteContext): SimResponse {
  const { zone, token } = visibleZone(ctx);
  requireZonePermission(token, permissionOf('dnssec'), zone.id);
  const dnssec = ctx.dataset.dnssecByZone.get(zone.id);
  if (!dnssec) throw new Reject(fail(404, [{ code: 1003, message: 'DNSSEC is not available for this zone' }]));
  return ok(dnssec);
}

// ---------------------------------------------------------------------------
// API tokens (docs/cloudflare-facts.md#api-tokens)
// ---------------------------------------------------------------------------

function listUserTokens(ctx: RouteContext): SimResponse {
  const { req, dataset } = ctx;
  const token = requireActiveToken(req, dataset);
  // A user endpoint: account-owned tokens have no user behind them.
  if (token.kind === 'account') throw unauthorizedResource();
  requirePermission(token, permissionOf('userTokens'));
  return paged('userTokens', served('userTokens', ctx), req.query);
}

// ---------------------------------------------------------------------------
// Zero Trust and Access (docs/cloudflare-facts.md#endpoints, Zero Trust and Access sections)
// ---------------------------------------------------------------------------

/** What an account without Zero Trust answers on every Zero Trust/Access route. */
export const ZERO_TRUST_DISABLED_ERRORS = [
  { code: 10000, message: 'Authentication error' },
  { code: 10001, message: 'Zero Trust is not enabled for this account' },
];

/** The account of a Zero Trust route, after the token, visibility and permission checks of its table row. */
function zeroTrustAccount({ req, dataset, params }: RouteContext, name: SimEndpointName): string {
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, permissionOf(name));
  if (dataset.zeroTrustDisabled.has(params.id)) throw new Reject(fail(403, ZERO_TRUST_DISABLED_ERRORS));
  return params.id;
}

/**
 * A Zero Trust list served straight from the table: checks, items, paging;
 * 404 7000 while `gone` says the dataset models the route as missing or retired.
 */
const zeroTrustList =
  (name: ListEndpointName, gone: (dataset: SimulatorDataset) => boolean = () => false) =>
  (ctx: RouteContext): SimResponse => {
    zeroTrustAccount(ctx, name);
    if (gone(ctx.dataset)) return noRoute();
    return paged(name, served(name, ctx), ctx.req.query);
  };

/** The device lists: missing when the dataset models an account without them. */
const devicesMissing = (dataset: SimulatorDataset) => dataset.physicalDevicesMissing === true;

// ---------------------------------------------------------------------------
// Activity logs
// ---------------------------------------------------------------------------

/**
 * Audit log v1: newest first unless direction=asc; filters `action.type`,
 * `since`, `before`; page/per_page; no result_info in the answer.
 */
function listAuditLogs(ctx: RouteContext): SimResponse {
  const { req, dataset, params } = ctx;
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, permissionOf('auditLogs'));
  const now = activityNow(dataset);
  const records = served('auditLogs', ctx) as SimAuditLogRecord[];
  const direction = req.query.get('direction') ?? 'desc';
  if (direction !== 'desc' && direction !== 'asc') throw badFilter('direction', direction);
  const entries = records
    .map((record) => {
      const { ageMs, ...entry } = record;
      return { ...entry, when: new Date(now - ageMs).toISOString(), ms: now - ageMs };
    })
    .sort((a, b) => (direction === 'desc' ? b.ms - a.ms : a.ms - b.ms))
    .map(({ ms: _ms, ...entry }) => entry);
  const { page, perPage } = pageParams(req.query, SIM_ENDPOINTS.auditLogs.bounds);
  return ok(entries.slice((page - 1) * perPage, page * perPage));
}

/** Access authentication log: `limit`, `direction`, `since`, `until` (inclusive); no page parameter. */
function listAccessRequests(ctx: RouteContext): SimResponse {
  zeroTrustAccount(ctx, 'accessRequests');
  const { query } = ctx.req;
  const now = activityNow(ctx.dataset);
  const records = served('accessRequests', ctx) as SimAccessRequestRecord[];
  const direction = query.get('direction') ?? 'desc';
  if (direction !== 'desc' && direction !== 'asc') throw badFilter('direction', direction);
  const rawLimit = query.get('limit');
  const bounds = SIM_ENDPOINTS.accessRequests.bounds;
  const limit = rawLimit === null ? bounds.default : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < bounds.min || limit > bounds.max) {
    throw badFilter('limit', rawLimit ?? '');
  }
  const entries = records
    .map((record) => {
      const { ageMs, ...entry } = record;
      return { ...entry, created_at: new Date(now - ageMs).toISOString(), ms: now - ageMs };
    })
    .sort((a, b) => (direction === 'desc' ? b.ms - a.ms : a.ms - b.ms))
    .slice(0, limit)
    .map(({ ms: _ms, ...entry }) => entry);
  return ok(entries);
}

/**
 * The handler of each route of the endpoint table (model.ts gives method,
 * pattern and parameters). A route left out is an account's list served
 * straight from its table row (accountList, or zeroTrustList for a row
 * marked `zeroTrust`).
 */
const HANDLERS: Partial<Record<SimEndpointName, Route['handle']>> = {
  verifyUserToken,
  verifyAccountToken,
  accounts: listAccounts,
  account: getAccount,
  roles: accountList('roles', (dataset) => dataset.rolesRetired === true),
  zones: listZones,
  dnsRecords: listDnsRecords,
  zoneSettings: listZoneSettings,
  zoneSetting: getZoneSetting,
  dnssec: getDnssec,
  userTokens: listUserTokens,
  // Deprecated, end of life 2025-11-11: 404 unless the dataset still serves it.
  legacyDevices: zeroTrustList('legacyDevices', (dataset) => dataset.legacyDevicesRetired === true),
  physicalDevices: zeroTrustList('physicalDevices', devicesMissing),
  deviceRegistrations: zeroTrustList('deviceRegistrations', devicesMissing),
  auditLogs: listAuditLogs,
  accessRequests: listAccessRequests,
};

export const CLOUDFLARE_ROUTES: readonly Route[] = [
  ...(Object.keys(SIM_ENDPOINTS) as SimEndpointName[]).map((name): Route => {
    const { method, pattern, params, zeroTrust } = SIM_ENDPOINTS[name] as SimEndpoint;
    const handle = HANDLERS[name] ?? (zeroTrust ? zeroTrustList : accountList)(name as ListEndpointName);
    return { method, pattern, ...(params ? { params } : {}), handle };
  }),
  ...WRITE_ROUTES,
];

/** Route and answer one request without any server (handy for unit tests). */
export function handleRequest(
  req: SimRequest,
  dataset: SimulatorDataset,
  routes: readonly Route[] = CLOUDFLARE_ROUTES,
): SimResponse {
  return dispatch(req, dataset, matchRoute(routes, req.method, req.path));
}
