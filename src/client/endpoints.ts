/**
 * Every Cloudflare v4 endpoint this integration reads, described once: its
 * path, how it pages, the page size we ask for and the token permission it
 * needs (by its dashboard name). The client, the benchmark's request plan and
 * the permission table in docs/jupiterone.md all read this table; a test keeps
 * the docs in step with it.
 *
 * Permission names and page bounds are those Cloudflare's published API
 * schema gives per operation (https://developers.cloudflare.com/api/). Where
 * it gives none, the comment says so and the value is a defensive choice.
 */

/** Dashboard names of the token permissions; error messages tell users to grant these. */
export const Permissions = {
  NONE: 'none (any valid token)',
  ACCOUNT_SETTINGS_READ: 'Account Settings Read',
  ZONE_READ: 'Zone Read',
  DNS_READ: 'DNS Read',
  ZONE_SETTINGS_READ: 'Zone Settings Read',
  ACCOUNT_API_TOKENS_READ: 'Account API Tokens Read',
  USER_API_TOKENS_READ: 'API Tokens Read (user)',
  /** Gateway locations. */
  ZERO_TRUST_READ: 'Zero Trust Read',
  /** Zero Trust users (the schema's permission group for listing them) and the Access authentication log. */
  ACCESS_AUDIT_LOGS_READ: 'Access: Audit Logs Read',
  /**
   * Devices and device posture rules: Cloudflare's schema names no
   * permission group for them; Zero Trust Read is our best reading.
   */
  ZERO_TRUST_READ_UNCONFIRMED: "Zero Trust Read (unconfirmed: Cloudflare's schema names no permission)",
  ACCESS_APPS_POLICIES_READ: 'Access: Apps and Policies Read',
  ACCESS_IDPS_GROUPS_READ: 'Access: Organizations, Identity Providers, and Groups Read',
  /**
   * Cloudflare Tunnels. Cloudflare's schema accepts any of "Cloudflare Tunnel
   * Read", "Cloudflare One Connector: cloudflared Read" and "Cloudflare One
   * Connectors Read" (or their Write forms); we name the long-standing one.
   */
  TUNNEL_READ: 'Cloudflare Tunnel Read',
  /** The audit log: a public tool reading it asks for both; which one Cloudflare checks is not published. */
  ACCOUNT_AUDIT_LOGS_READ: 'Account Settings Read and Account Logs Read (unconfirmed)',
} as const;

/**
 * - `page`: `page`/`per_page`, `result_info.total_pages` / `total_count`.
 * - `cursor`: `per_page` + `cursor`, next cursor in `result_info.cursor`.
 * - `array`: one answer holding the whole list, no paging parameters.
 * - `object`: a single object, not a list.
 * - `time-window`: no page parameter; walked backwards by `until` (TimeWindowWalker).
 */
export type PaginationStyle = 'page' | 'cursor' | 'array' | 'object' | 'time-window';

export interface EndpointSpec {
  /** Relative to the base URL; `{name}` placeholders are filled per request. */
  readonly path: string;
  /**
   * Fixed query parameters; `{name}` placeholders are filled like the path's.
   * A list is sent as the key repeated once per value (`type=full&type=partial`).
   */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
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
  /**
   * A Zero Trust endpoint: for an account that has not set up Zero Trust,
   * Cloudflare refuses it with the 403 a token without the permission gets
   * (docs/cloudflare-facts.md#errors), so a refusal may mean either.
   */
  readonly zeroTrust?: true;
}

/** Every zone type Cloudflare has; GET /zones lists `internal` ones only when asked. */
export const ZONE_TYPES = ['full', 'partial', 'secondary', 'internal'] as const;

function endpoint<T extends EndpointSpec>(spec: T): T {
  return spec;
}

export const Endpoints = {
  verifyUserToken: endpoint({ path: '/user/tokens/verify', style: 'object', permission: Permissions.NONE }),
  /** Account-owned tokens are verified at their account's path (docs/cloudflare-facts.md#token-kinds-and-verification). */
  verifyAccountToken: endpoint({
    path: '/accounts/{accountId}/tokens/verify',
    style: 'object',
    permission: Permissions.NONE,
  }),
  /** per_page 5-50 (Cloudflare's 2024 OpenAPI schema). Any account-level permission reads accounts; we name the one members and roles need. */
  accounts: endpoint({ path: '/accounts', style: 'page', pageSize: 50, permission: Permissions.ACCOUNT_SETTINGS_READ }),
  account: endpoint({
    path: '/accounts/{accountId}',
    style: 'object',
    permission: Permissions.ACCOUNT_SETTINGS_READ,
    hint: 'and check that account {accountId} in ACCOUNT_IDS is one the token was given access to',
  }),
  /**
   * per_page 5-50. Deprecated by Cloudflare (in favour of
   * /accounts/{id}/iam/permission_groups): read while it answers; when it is
   * retired (404, 410 or 400) the members step builds the roles members hold.
   */
  roles: endpoint({
    path: '/accounts/{accountId}/roles',
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCOUNT_SETTINGS_READ,
  }),
  /** per_page 5-50 (Cloudflare's 2024 OpenAPI schema). */
  members: endpoint({
    path: '/accounts/{accountId}/members',
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCOUNT_SETTINGS_READ,
  }),
  /**
   * per_page 5-50; filtered per account so each zone links to its own account.
   * Every zone type is named: without `type`, Cloudflare leaves `internal`
   * zones out of the list.
   */
  zones: endpoint({
    path: '/zones',
    query: { 'account.id': '{accountId}', type: ZONE_TYPES },
    style: 'page',
    pageSize: 50,
    permission: Permissions.ZONE_READ,
  }),
  /**
   * Documented maximum 5,000,000 (Cloudflare's 2024 OpenAPI schema); we ask for 5,000 so one page of
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

  // --- Zone security posture (docs/cloudflare-facts.md#zone-settings, #dnssec)
  /**
   * Every setting of a zone in one answer: deprecated in the 2026 spec but
   * the only one-request way to the exact values; on 404/400 the zones step
   * falls back to zoneSetting (one request per setting) for the rest of the run.
   */
  zoneSettings: endpoint({
    path: '/zones/{zoneId}/settings',
    style: 'array',
    permission: Permissions.ZONE_SETTINGS_READ,
  }),
  zoneSetting: endpoint({
    path: '/zones/{zoneId}/settings/{settingId}',
    style: 'object',
    permission: Permissions.ZONE_SETTINGS_READ,
  }),
  /** The 2024 spec named zone_settings:read; current docs say DNS Read. */
  dnssec: endpoint({ path: '/zones/{zoneId}/dnssec', style: 'object', permission: Permissions.DNS_READ }),

  // --- API tokens (docs/cloudflare-facts.md#api-tokens) -------------------
  /** per_page 5-50. include_expired: expired tokens are hidden otherwise. */
  accountTokens: endpoint({
    path: '/accounts/{accountId}/tokens',
    query: { include_expired: 'true' },
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCOUNT_API_TOKENS_READ,
  }),
  /** per_page 5-50 (Cloudflare's 2024 OpenAPI schema). Only for user-owned tokens: the caller's own tokens. */
  userTokens: endpoint({
    path: '/user/tokens',
    query: { include_expired: 'true' },
    style: 'page',
    pageSize: 50,
    permission: Permissions.USER_API_TOKENS_READ,
  }),

  // --- Zero Trust users and devices (docs/cloudflare-facts.md#zero-trust-users, #devices, #gateway-locations)
  /** Bounds unconfirmed; older accounts may not page it at all (the pager follows either). */
  accessUsers: endpoint({
    path: '/accounts/{accountId}/access/users',
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCESS_AUDIT_LOGS_READ,
    zeroTrust: true,
  }),
  /** Cursor, API token only; inactive devices are hidden unless asked for (docs/cloudflare-facts.md#devices). Bounds unconfirmed. */
  physicalDevices: endpoint({
    path: '/accounts/{accountId}/devices/physical-devices',
    query: { active_registrations: 'include' },
    style: 'cursor',
    pageSize: 100,
    permission: Permissions.ZERO_TRUST_READ_UNCONFIRMED,
    zeroTrust: true,
  }),
  /** Cursor; the status default is unconfirmed, so we send `all` (revoked ones included). */
  deviceRegistrations: endpoint({
    path: '/accounts/{accountId}/devices/registrations',
    query: { status: 'all' },
    style: 'cursor',
    pageSize: 100,
    permission: Permissions.ZERO_TRUST_READ_UNCONFIRMED,
    zeroTrust: true,
  }),
  /**
   * Deprecated. Read only for an account whose physical-devices or
   * registrations answers 404 on its first request. Kept because Cloudflare's
   * published schema still lists it (with no end-of-life date; the 2025-11-11
   * date comes from a changelog), it costs no request while the new lists
   * answer, and where they do not (an API base URL or account without them)
   * it is the only way to the devices.
   */
  legacyDevices: endpoint({
    path: '/accounts/{accountId}/devices',
    style: 'array',
    permission: Permissions.ZERO_TRUST_READ_UNCONFIRMED,
    zeroTrust: true,
  }),
  devicePostureRules: endpoint({
    path: '/accounts/{accountId}/devices/posture',
    style: 'array',
    permission: Permissions.ZERO_TRUST_READ_UNCONFIRMED,
    zeroTrust: true,
  }),
  gatewayLocations: endpoint({
    path: '/accounts/{accountId}/gateway/locations',
    style: 'array',
    permission: Permissions.ZERO_TRUST_READ,
    zeroTrust: true,
  }),

  // --- Access configuration ----------------------------------------------
  /** per_page up to 1,000 (default 200). */
  accessIdentityProviders: endpoint({
    path: '/accounts/{accountId}/access/identity_providers',
    style: 'page',
    pageSize: 1000,
    permission: Permissions.ACCESS_IDPS_GROUPS_READ,
    zeroTrust: true,
  }),
  /** Bounds not stated for groups and applications: the 50 the sibling lists allow. */
  accessGroups: endpoint({
    path: '/accounts/{accountId}/access/groups',
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCESS_IDPS_GROUPS_READ,
    zeroTrust: true,
  }),
  /** per_page up to 1,000 (default 100). */
  accessPolicies: endpoint({
    path: '/accounts/{accountId}/access/policies',
    style: 'page',
    pageSize: 1000,
    permission: Permissions.ACCESS_APPS_POLICIES_READ,
    zeroTrust: true,
  }),
  accessApplications: endpoint({
    path: '/accounts/{accountId}/access/apps',
    style: 'page',
    pageSize: 50,
    permission: Permissions.ACCESS_APPS_POLICIES_READ,
    zeroTrust: true,
  }),

  // --- Cloudflare Tunnels (docs/cloudflare-facts.md#cloudflare-tunnels) -------
  /**
   * per_page up to 1,000. is_deleted=false leaves deleted tunnels out; with
   * INCLUDE_DELETED_TUNNELS the step leaves the parameter out, and Cloudflare
   * then lists both.
   */
  tunnels: endpoint({
    path: '/accounts/{accountId}/cfd_tunnel',
    query: { is_deleted: 'false' },
    style: 'page',
    pageSize: 1000,
    permission: Permissions.TUNNEL_READ,
  }),
  /**
   * One tunnel's connectors and their connections, read only for a tunnel
   * with connections whose list entry came without them: Cloudflare has
   * deprecated the list's `connections` ("will start returning an empty
   * array") in favour of this endpoint. Permission as the list's (unconfirmed).
   */
  tunnelConnections: endpoint({
    path: '/accounts/{accountId}/cfd_tunnel/{tunnelId}/connections',
    style: 'array',
    permission: Permissions.TUNNEL_READ,
  }),

  // --- Activity -------------------------------------------------------------
  /**
   * Account audit log (v1), logins only. per_page 1-1,000. The answer has no
   * result_info: a page shorter than per_page is the last (the pager's rule
   * when no total is given). The window (`since`) is added per request.
   */
  auditLogins: endpoint({
    path: '/accounts/{accountId}/audit_logs',
    query: { 'action.type': 'login', direction: 'desc' },
    style: 'page',
    pageSize: 1000,
    permission: Permissions.ACCOUNT_AUDIT_LOGS_READ,
  }),
  /**
   * Access authentication log: `limit` (default 25; we ask 1,000), `since`,
   * `until`, `direction`, and no page parameter, so it is walked newest first
   * by moving `until` back to the oldest entry read.
   */
  accessRequests: endpoint({
    path: '/accounts/{accountId}/access/logs/access_requests',
    style: 'time-window',
    pageSize: 1000,
    permission: Permissions.ACCESS_AUDIT_LOGS_READ,
    zeroTrust: true,
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
): { path: string; query: Record<string, string | readonly string[]>; hint?: string } {
  const spec: EndpointSpec = Endpoints[name];
  const query: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    query[key] = typeof value === 'string' ? fill(value, params, name) : value.map((v) => fill(v, params, name));
  }
  const hint = spec.hint?.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? key);
  return { path: fill(spec.path, params, name), query, hint };
}
