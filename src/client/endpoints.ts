/**
 * Every Cloudflare v4 endpoint this integration reads, described once: its
 * path, how it pages, the page size we ask for and the token permission it
 * needs (by its dashboard name). The client, the benchmark's request plan and
 * the permission table in docs/jupiterone.md all read this table; a test keeps
 * the docs in step with it.
 *
 * Facts come from ../shared/cloudflare-api.md (§0, §6, §7). Where a bound is
 * unconfirmed there, the comment says so and the size is a defensive choice.
 */

/** Dashboard names of the token permissions; error messages tell users to grant these. */
export const Permissions = {
  NONE: 'none (any valid token)',
  ACCOUNT_SETTINGS_READ: 'Account Settings Read',
  ZONE_READ: 'Zone Read',
  DNS_READ: 'DNS Read',
} as const;

/**
 * - `page`: `page`/`per_page`, `result_info.total_pages` / `total_count`.
 * - `cursor`: `per_page` + `cursor`, next cursor in `result_info.cursor`.
 * - `array`: one answer holding the whole list, no paging parameters.
 * - `object`: a single object, not a list.
 */
export type PaginationStyle = 'page' | 'cursor' | 'array' | 'object';

export interface EndpointSpec {
  /** Relative to the base URL; `{name}` placeholders are filled per request. */
  readonly path: string;
  /** Fixed query parameters; `{name}` placeholders are filled like the path's. */
  readonly query?: Readonly<Record<string, string>>;
  readonly style: PaginationStyle;
  /** `per_page` we send (page and cursor styles). */
  readonly pageSize?: number;
  /**
   * The largest `per_page` Cloudflare documents, when it differs from ours
   * (the benchmark counts the fewest requests possible with it).
   */
  readonly documentedMaxPageSize?: number;
  /** Dashboard name of the permission the token needs. */
  readonly permission: string;
  /** More advice for a refused request, after the permission to grant. */
  readonly hint?: string;
}

function endpoint<T extends EndpointSpec>(spec: T): T {
  return spec;
}

export const Endpoints = {
  verifyUserToken: endpoint({ path: '/user/tokens/verify', style: 'object', permission: Permissions.NONE }),
  /** Account-owned tokens are verified at their account's path (§6.2). */
  verifyAccountToken: endpoint({
    path: '/accounts/{accountId}/tokens/verify',
    style: 'object',
    permission: Permissions.NONE,
  }),
  /** per_page 5-50 (spec-2024). Any account-level permission reads accounts; we name the one members and roles need. */
  accounts: endpoint({ path: '/accounts', style: 'page', pageSize: 50, permission: Permissions.ACCOUNT_SETTINGS_READ }),
  account: endpoint({
    path: '/accounts/{accountId}',
    style: 'object',
    permission: Permissions.ACCOUNT_SETTINGS_READ,
    hint: 'and check that account {accountId} in ACCOUNT_IDS is one the token was given access to',
  }),
  /** Bounds unconfirmed (§6.5): the 50 the sibling endpoints allow. */
  roles: endpoint({
    path: '/accounts/{accountId}/roles',
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCOUNT_SETTINGS_READ,
  }),
  /** per_page 5-50 (spec-2024). */
  members: endpoint({
    path: '/accounts/{accountId}/members',
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCOUNT_SETTINGS_READ,
  }),
  /** per_page 5-50 (spec-2024); filtered per account so each zone links to its own account. */
  zones: endpoint({
    path: '/zones',
    query: { 'account.id': '{accountId}' },
    style: 'page',
    pageSize: 50,
    permission: Permissions.ZONE_READ,
  }),
  /**
   * Documented maximum 5,000,000 (spec-2024); we ask for 5,000 so one page of
   * a huge zone stays a few MB in memory. That costs extra requests only for
   * zones above 5,000 records.
   */
  dnsRecords: endpoint({
    path: '/zones/{zoneId}/dns_records',
    style: 'page',
    pageSize: 5000,
    documentedMaxPageSize: 5_000_000,
    permission: Permissions.DNS_READ,
  }),
} as const;

export type EndpointName = keyof typeof Endpoints;

/** Path parameters an endpoint's templates name, e.g. `{ accountId }`. */
export type EndpointParams = Record<string, string>;

function fill(template: string, params: EndpointParams, name: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === '') throw new Error(`Endpoint ${name} needs the parameter ${key}`);
    return encodeURIComponent(value);
  });
}

/** The request path, fixed query and filled-in hint of one endpoint call. */
export function resolveEndpoint(
  name: EndpointName,
  params: EndpointParams = {},
): { path: string; query: Record<string, string>; hint?: string } {
  const spec: EndpointSpec = Endpoints[name];
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.query ?? {})) query[key] = fill(value, params, name);
  const hint = spec.hint?.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? key);
  return { path: fill(spec.path, params, name), query, hint };
}
