/**
 * The Cloudflare v4 endpoints the integration reads, as a route table.
 * Pure request → response functions over a dataset; no sockets here.
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
import type { SimToken, SimulatorDataset } from './dataset';
import {
  fail,
  noRoute,
  ok,
  PageBounds,
  pageParams,
  paginate,
  paginateCursor,
  Reject,
  SimResponse,
  singleArray,
} from './envelope';
import { dispatch, matchRoute, Route, RouteContext, SimRequest } from './router';
import type {
  SimAccessRequestRecord,
  SimApiToken,
  SimAuditLogRecord,
  SimSuccessMessage,
  SimTokenVerification,
  SimZone,
  SimZoneType,
} from './types';
import { WRITE_ROUTES } from './writes';

/** per_page bounds per endpoint, as Cloudflare's schema states them (else a defensive 1–50). */
export const PAGE_BOUNDS = {
  accounts: { min: 5, max: 50, default: 20 },
  members: { min: 5, max: 50, default: 20 },
  roles: { min: 5, max: 50, default: 20 },
  zones: { min: 5, max: 50, default: 20 },
  dnsRecords: { min: 1, max: 5_000_000, default: 100 },
  /** per_page 5–50 (Cloudflare's 2024 OpenAPI schema). */
  userTokens: { min: 5, max: 50, default: 20 },
  accountTokens: { min: 5, max: 50, default: 20 },
  accessIdentityProviders: { min: 1, max: 1000, default: 200 },
  accessPolicies: { min: 1, max: 1000, default: 100 },
  // Bounds not stated by the schema: min 1, max 50, default 20.
  accessUsers: { min: 1, max: 50, default: 20 },
  accessGroups: { min: 1, max: 50, default: 20 },
  accessApps: { min: 1, max: 50, default: 20 },
  /** Cursor lists; per_page is a uint64 with unconfirmed bounds. */
  physicalDevices: { min: 1, max: 100, default: 20 },
  deviceRegistrations: { min: 1, max: 100, default: 20 },
  /** Audit log v1: per_page 1-1,000, default 100. */
  auditLogs: { min: 1, max: 1000, default: 100 },
  /** Access authentication log `limit`: default 25; the upper bound is not published (1,000 here). */
  accessRequests: { min: 1, max: 1000, default: 25 },
} satisfies Record<string, PageBounds>;

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

function listAccounts({ req, dataset }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  if (token.kind === 'account') {
    throw new Reject(
      fail(400, [{ code: 1001, message: 'List accounts endpoint does not support account owned tokens.' }]),
    );
  }
  requireAnyPermission(token);
  const name = req.query.get('name');
  const visible = dataset.accounts.filter((a) => canSeeAccount(token, a.id) && (name === null || a.name === name));
  return paginate(visible, req.query, PAGE_BOUNDS.accounts);
}

function getAccount({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  const account = requireVisibleAccount(token, dataset, params.id);
  requireAnyPermission(token);
  return ok(account);
}

function listMembers({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, 'account_settings_read');
  const status = req.query.get('status');
  const members = dataset.membersByAccount.get(params.id) ?? [];
  return paginate(
    status === null ? members : members.filter((m) => m.status === status),
    req.query,
    PAGE_BOUNDS.members,
  );
}

function listRoles({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, 'account_settings_read');
  if (dataset.rolesRetired) return noRoute();
  return paginate(dataset.rolesByAccount.get(params.id) ?? [], req.query, PAGE_BOUNDS.roles);
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

function listZones({ req, dataset }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  requirePermission(token, 'zone_read');
  const accountId = req.query.get('account.id');
  const name = req.query.get('name');
  const status = req.query.get('status');
  const types = zoneTypes(req.query);
  const matchesName = name === null ? undefined : nameFilter(name);
  const zones = dataset.zones.filter((z: SimZone) => {
    const owner = z.account.id;
    return (
      canSeeAccount(token, owner) &&
      (accountId === null || owner === accountId) &&
      (matchesName === undefined || matchesName(z.name)) &&
      (status === null || z.status === status) &&
      types.includes(z.type)
    );
  });
  return paginate(zones, req.query, PAGE_BOUNDS.zones);
}

function listDnsRecords({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  const zone = dataset.zones.find((z) => z.id === params.id);
  if (!zone || !canSeeAccount(token, zone.account.id)) throw unauthorizedResource();
  requireZonePermission(token, 'dns_read', zone.id);
  const records = dataset.dnsRecordsByZone.get(zone.id) ?? [];
  const type = req.query.get('type');
  return paginate(type === null ? records : records.filter((r) => r.type === type), req.query, PAGE_BOUNDS.dnsRecords);
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
  requireZonePermission(token, 'zone_settings_read', zone.id);
  return singleArray(ctx.dataset.zoneSettingsByZone.get(zone.id) ?? []);
}

function getZoneSetting(ctx: RouteContext): SimResponse {
  const { zone, token } = visibleZone(ctx);
  requireZonePermission(token, 'zone_settings_read', zone.id);
  const setting = (ctx.dataset.zoneSettingsByZone.get(zone.id) ?? []).find((x) => x.id === ctx.params.setting);
  // Our choice: the real answer for an unknown setting name is unconfirmed.
  if (!setting) throw new Reject(fail(404, [{ code: 1003, message: `Unknown zone setting: ${ctx.params.setting}` }]));
  return ok(setting);
}

function getDnssec(ctx: RouteContext): SimResponse {
  const { zone, token } = visibleZone(ctx);
  requireZonePermission(token, 'dns_read', zone.id);
  const dnssec = ctx.dataset.dnssecByZone.get(zone.id);
  if (!dnssec) throw new Reject(fail(404, [{ code: 1003, message: 'DNSSEC is not available for this zone' }]));
  return ok(dnssec);
}

// ---------------------------------------------------------------------------
// API tokens (docs/cloudflare-facts.md#api-tokens)
// ---------------------------------------------------------------------------

/** Recently expired tokens are hidden unless include_expired=true. */
function withExpired(tokens: readonly SimApiToken[], query: URLSearchParams): readonly SimApiToken[] {
  return query.get('include_expired') === 'true' ? tokens : tokens.filter((t) => t.status !== 'expired');
}

function listAccountTokens({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, 'account_api_tokens_read');
  return paginate(
    withExpired(dataset.accountTokensByAccount.get(params.id) ?? [], req.query),
    req.query,
    PAGE_BOUNDS.accountTokens,
  );
}

function listUserTokens({ req, dataset }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  // A user endpoint: account-owned tokens have no user behind them.
  if (token.kind === 'account') throw unauthorizedResource();
  requirePermission(token, 'user_api_tokens_read');
  return paginate(withExpired(dataset.userTokens, req.query), req.query, PAGE_BOUNDS.userTokens);
}

// ---------------------------------------------------------------------------
// Zero Trust and Access (docs/cloudflare-facts.md#endpoints, Zero Trust and Access sections)
// ---------------------------------------------------------------------------

/** What an account without Zero Trust answers on every Zero Trust/Access route. */
export const ZERO_TRUST_DISABLED_ERRORS = [
  { code: 10000, message: 'Authentication error' },
  { code: 10001, message: 'Zero Trust is not enabled for this account' },
];

type ZeroTrustPermission =
  'zero_trust_read' | 'access_audit_logs_read' | 'access_apps_policies_read' | 'access_idps_groups_read';

function zeroTrustAccount({ req, dataset, params }: RouteContext, permission: ZeroTrustPermission): string {
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, permission);
  if (dataset.zeroTrustDisabled.has(params.id)) throw new Reject(fail(403, ZERO_TRUST_DISABLED_ERRORS));
  return params.id;
}

function listAccessUsers(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'access_audit_logs_read');
  return paginate(ctx.dataset.accessUsersByAccount.get(id) ?? [], ctx.req.query, PAGE_BOUNDS.accessUsers);
}

function badFilter(name: string, value: string): Reject {
  return new Reject(fail(400, [{ code: 1001, message: `Invalid value for ${name}: ${value}` }]));
}

/**
 * active_registrations: 'only' (default) = devices with an active registration;
 * 'include' = all; 'exclude' = none active. Deleted devices appear only with 'include'.
 */
function listPhysicalDevices(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'zero_trust_read');
  if (ctx.dataset.physicalDevicesMissing) return noRoute();
  const mode = ctx.req.query.get('active_registrations') ?? 'only';
  if (!['only', 'include', 'exclude'].includes(mode)) throw badFilter('active_registrations', mode);
  const devices = (ctx.dataset.physicalDevicesByAccount.get(id) ?? []).filter((d) => {
    if (mode === 'include') return true;
    if (d.deleted_at !== null) return false;
    return mode === 'only' ? d.active_registrations > 0 : d.active_registrations === 0;
  });
  return paginateCursor(devices, ctx.req.query, PAGE_BOUNDS.physicalDevices);
}

/** status: 'active' (our default; the real one is unconfirmed) hides revoked and deleted; 'revoked'; 'all'. */
function listDeviceRegistrations(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'zero_trust_read');
  if (ctx.dataset.physicalDevicesMissing) return noRoute();
  const status = ctx.req.query.get('status') ?? 'active';
  if (!['active', 'revoked', 'all'].includes(status)) throw badFilter('status', status);
  const registrations = (ctx.dataset.deviceRegistrationsByAccount.get(id) ?? []).filter((r) => {
    const active = r.revoked_at === null && r.deleted_at === null;
    return status === 'all' || (status === 'active' ? active : r.revoked_at !== null);
  });
  return paginateCursor(registrations, ctx.req.query, PAGE_BOUNDS.deviceRegistrations);
}

/** Deprecated, end of life 2025-11-11: 404 unless the dataset still serves it. */
function listLegacyDevices(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'zero_trust_read');
  if (ctx.dataset.legacyDevicesRetired) return noRoute();
  return singleArray(ctx.dataset.legacyDevicesByAccount.get(id) ?? []);
}

function listPostureRules(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'zero_trust_read');
  return singleArray(ctx.dataset.postureRulesByAccount.get(id) ?? []);
}

function listGatewayLocations(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'zero_trust_read');
  return singleArray(ctx.dataset.gatewayLocationsByAccount.get(id) ?? []);
}

function listIdentityProviders(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'access_idps_groups_read');
  return paginate(
    ctx.dataset.identityProvidersByAccount.get(id) ?? [],
    ctx.req.query,
    PAGE_BOUNDS.accessIdentityProviders,
  );
}

function listAccessGroups(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'access_idps_groups_read');
  return paginate(ctx.dataset.accessGroupsByAccount.get(id) ?? [], ctx.req.query, PAGE_BOUNDS.accessGroups);
}

function listAccessPolicies(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'access_apps_policies_read');
  return paginate(ctx.dataset.accessPoliciesByAccount.get(id) ?? [], ctx.req.query, PAGE_BOUNDS.accessPolicies);
}

function listAccessApps(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'access_apps_policies_read');
  return paginate(ctx.dataset.accessAppsByAccount.get(id) ?? [], ctx.req.query, PAGE_BOUNDS.accessApps);
}

// ---------------------------------------------------------------------------
// Activity logs
// ---------------------------------------------------------------------------

/** A `since`/`before`/`until` value: a date or RFC 3339 time; a bad one is a 400. */
function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw badFilter(name, raw);
  return ms;
}

/**
 * Audit log v1: newest first unless direction=asc; filters `action.type`,
 * `since`, `before`; page/per_page; no result_info in the answer.
 */
function listAuditLogs({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, 'account_logs_read');
  const now = dataset.activityNowMs ?? Date.now();
  const since = timeParam(req.query, 'since');
  const before = timeParam(req.query, 'before');
  const type = req.query.get('action.type');
  const direction = req.query.get('direction') ?? 'desc';
  if (direction !== 'desc' && direction !== 'asc') throw badFilter('direction', direction);
  const entries = (dataset.auditLogsByAccount.get(params.id) ?? [])
    .map((record: SimAuditLogRecord) => {
      const { ageMs, ...entry } = record;
      return { ...entry, when: new Date(now - ageMs).toISOString(), ms: now - ageMs };
    })
    .filter((e) => (type === null || e.action.type === type) && (since === undefined || e.ms >= since))
    .filter((e) => before === undefined || e.ms < before)
    .sort((a, b) => (direction === 'desc' ? b.ms - a.ms : a.ms - b.ms))
    .map(({ ms: _ms, ...entry }) => entry);
  const { page, perPage } = pageParams(req.query, PAGE_BOUNDS.auditLogs);
  return ok(entries.slice((page - 1) * perPage, page * perPage));
}

/** Access authentication log: `limit`, `direction`, `since`, `until` (inclusive); no page parameter. */
function listAccessRequests(ctx: RouteContext): SimResponse {
  const id = zeroTrustAccount(ctx, 'access_audit_logs_read');
  const { query } = ctx.req;
  const now = ctx.dataset.activityNowMs ?? Date.now();
  const since = timeParam(query, 'since');
  const until = timeParam(query, 'until');
  const direction = query.get('direction') ?? 'desc';
  if (direction !== 'desc' && direction !== 'asc') throw badFilter('direction', direction);
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? PAGE_BOUNDS.accessRequests.default : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < PAGE_BOUNDS.accessRequests.min || limit > PAGE_BOUNDS.accessRequests.max) {
    throw badFilter('limit', rawLimit ?? '');
  }
  const entries = (ctx.dataset.accessRequestsByAccount.get(id) ?? [])
    .map((record: SimAccessRequestRecord) => {
      const { ageMs, ...entry } = record;
      return { ...entry, created_at: new Date(now - ageMs).toISOString(), ms: now - ageMs };
    })
    .filter((e) => (since === undefined || e.ms >= since) && (until === undefined || e.ms <= until))
    .sort((a, b) => (direction === 'desc' ? b.ms - a.ms : a.ms - b.ms))
    .slice(0, limit)
    .map(({ ms: _ms, ...entry }) => entry);
  return ok(entries);
}

const SETTING_ID = /^[a-z0-9_]+$/;

export const CLOUDFLARE_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/user/tokens/verify', handle: verifyUserToken },
  { method: 'GET', pattern: '/accounts/:id/tokens/verify', handle: verifyAccountToken },
  { method: 'GET', pattern: '/accounts', handle: listAccounts },
  { method: 'GET', pattern: '/accounts/:id', handle: getAccount },
  { method: 'GET', pattern: '/accounts/:id/members', handle: listMembers },
  { method: 'GET', pattern: '/accounts/:id/roles', handle: listRoles },
  { method: 'GET', pattern: '/zones', handle: listZones },
  { method: 'GET', pattern: '/zones/:id/dns_records', handle: listDnsRecords },
  { method: 'GET', pattern: '/zones/:id/settings', handle: listZoneSettings },
  { method: 'GET', pattern: '/zones/:id/settings/:setting', params: { setting: SETTING_ID }, handle: getZoneSetting },
  { method: 'GET', pattern: '/zones/:id/dnssec', handle: getDnssec },
  { method: 'GET', pattern: '/user/tokens', handle: listUserTokens },
  { method: 'GET', pattern: '/accounts/:id/tokens', handle: listAccountTokens },
  { method: 'GET', pattern: '/accounts/:id/access/users', handle: listAccessUsers },
  { method: 'GET', pattern: '/accounts/:id/devices', handle: listLegacyDevices },
  { method: 'GET', pattern: '/accounts/:id/devices/physical-devices', handle: listPhysicalDevices },
  { method: 'GET', pattern: '/accounts/:id/devices/registrations', handle: listDeviceRegistrations },
  { method: 'GET', pattern: '/accounts/:id/devices/posture', handle: listPostureRules },
  { method: 'GET', pattern: '/accounts/:id/gateway/locations', handle: listGatewayLocations },
  { method: 'GET', pattern: '/accounts/:id/access/identity_providers', handle: listIdentityProviders },
  { method: 'GET', pattern: '/accounts/:id/access/groups', handle: listAccessGroups },
  { method: 'GET', pattern: '/accounts/:id/access/policies', handle: listAccessPolicies },
  { method: 'GET', pattern: '/accounts/:id/access/apps', handle: listAccessApps },
  { method: 'GET', pattern: '/accounts/:id/audit_logs', handle: listAuditLogs },
  { method: 'GET', pattern: '/accounts/:id/access/logs/access_requests', handle: listAccessRequests },
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
