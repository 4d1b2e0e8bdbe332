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
  unauthorizedResource,
} from './auth';
import type { SimToken, SimulatorDataset } from './dataset';
import { fail, ok, PageBounds, paginate, Reject, SimResponse } from './envelope';
import { dispatch, matchRoute, Route, RouteContext, SimRequest } from './router';
import type { SimSuccessMessage, SimTokenVerification, SimZone } from './types';
import { WRITE_ROUTES } from './writes';

/** per_page bounds per endpoint (reference §0; roles bounds are unconfirmed). */
export const PAGE_BOUNDS = {
  accounts: { min: 5, max: 50, default: 20 },
  members: { min: 5, max: 50, default: 20 },
  roles: { min: 1, max: 50, default: 20 },
  zones: { min: 5, max: 50, default: 20 },
  dnsRecords: { min: 1, max: 5_000_000, default: 100 },
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

function listZones({ req, dataset }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  requirePermission(token, 'zone_read');
  const accountId = req.query.get('account.id');
  const name = req.query.get('name');
  const status = req.query.get('status');
  const matchesName = name === null ? undefined : nameFilter(name);
  const zones = dataset.zones.filter((z: SimZone) => {
    const owner = z.account.id;
    return (
      canSeeAccount(token, owner) &&
      (accountId === null || owner === accountId) &&
      (matchesName === undefined || matchesName(z.name)) &&
      (status === null || z.status === status)
    );
  });
  return paginate(zones, req.query, PAGE_BOUNDS.zones);
}

function listDnsRecords({ req, dataset, params }: RouteContext): SimResponse {
  const token = requireActiveToken(req, dataset);
  const zone = dataset.zones.find((z) => z.id === params.id);
  if (!zone || !canSeeAccount(token, zone.account.id)) throw unauthorizedResource();
  requirePermission(token, 'dns_read');
  const records = dataset.dnsRecordsByZone.get(zone.id) ?? [];
  const type = req.query.get('type');
  return paginate(type === null ? records : records.filter((r) => r.type === type), req.query, PAGE_BOUNDS.dnsRecords);
}

export const CLOUDFLARE_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/user/tokens/verify', handle: verifyUserToken },
  { method: 'GET', pattern: '/accounts/:id/tokens/verify', handle: verifyAccountToken },
  { method: 'GET', pattern: '/accounts', handle: listAccounts },
  { method: 'GET', pattern: '/accounts/:id', handle: getAccount },
  { method: 'GET', pattern: '/accounts/:id/members', handle: listMembers },
  { method: 'GET', pattern: '/accounts/:id/roles', handle: listRoles },
  { method: 'GET', pattern: '/zones', handle: listZones },
  { method: 'GET', pattern: '/zones/:id/dns_records', handle: listDnsRecords },
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
