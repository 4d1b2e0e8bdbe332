/**
 * Test-only endpoints (not Cloudflare's, not in CLOUDFLARE_ROUTES) that serve
 * existing dataset data in the other two list styles (docs/cloudflare-facts.md#pagination), so a
 * client's cursor and single-array readers can be tested before the Zero Trust
 * endpoints that use them exist:
 *
 *   startSimulator({ dataset, routes: [...CLOUDFLARE_ROUTES, ...TEST_STYLE_ROUTES] })
 *
 * Auth and permissions are those of GET /accounts/:id/members and /roles.
 */
import { requireActiveToken, requirePermission, requireVisibleAccount } from './auth';
import { PageBounds, paginateCursor, SimResponse, singleArray } from './envelope';
import type { Route, RouteContext } from './router';

/** per_page for /members-by-cursor. */
export const CURSOR_MEMBER_BOUNDS: PageBounds = { min: 1, max: 50, default: 20 };

function readableAccount({ req, dataset, params }: RouteContext): void {
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requirePermission(token, 'account_settings_read');
}

/** GET /accounts/:id/members-by-cursor — the account's members, cursor style. */
function membersByCursor(ctx: RouteContext): SimResponse {
  readableAccount(ctx);
  return paginateCursor(ctx.dataset.membersByAccount.get(ctx.params.id) ?? [], ctx.req.query, CURSOR_MEMBER_BOUNDS);
}

/** GET /accounts/:id/roles-array — the account's roles as one array, no result_info. */
function rolesArray(ctx: RouteContext): SimResponse {
  readableAccount(ctx);
  return singleArray(ctx.dataset.rolesByAccount.get(ctx.params.id) ?? []);
}

export const TEST_STYLE_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/accounts/:id/members-by-cursor', handle: membersByCursor },
  { method: 'GET', pattern: '/accounts/:id/roles-array', handle: rolesArray },
];
