/**
 * Cloudflare's account role catalogue. Cloudflare uses the same role ids in
 * every account, so every simulated account lists these exact objects.
 * Permission flags follow real responses ({read, edit} plus a few extra flags),
 * not the {read, write} shape the OpenAPI spec describes (docs/cloudflare-facts.md#roles).
 */
import type { SimRole } from '../types';
import { hexId } from './random';

export const SUPER_ADMIN_ROLE_ID = '33666b9c79b9a5273fc7344ff42f953d';
export const ADMIN_ROLE_ID = '05784afa30c1afe1440e79d9351c7430';

const AREAS = [
  'organization',
  'zone',
  'ssl',
  'dns_records',
  'waf',
  'analytics',
  'zone_settings',
  'cache_purge',
  'logs',
  'lb',
  'app',
  'access',
  'subscription',
  'worker',
  'member',
  'billing',
  'auditlogs',
  'teams',
  'stream',
] as const;
type Area = (typeof AREAS)[number];
type Grant = 'read' | 'edit';

// Areas that carry an extra flag in real responses; the flag follows `read`.
const EXTRA_FLAG: Partial<Record<Area, string>> = {
  analytics: 'report',
  teams: 'pii',
  stream: 'publish',
};

function permissions(grants: Partial<Record<Area, Grant>>, extras = false): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const area of AREAS) {
    const grant = grants[area];
    const flags: Record<string, boolean> = { read: grant !== undefined, edit: grant === 'edit' };
    const extra = EXTRA_FLAG[area];
    if (extra) flags[extra] = extras || (area === 'analytics' && grant !== undefined);
    out[area] = flags;
  }
  return out;
}

function allAreas(grant: Grant, except: Partial<Record<Area, Grant | null>> = {}): Partial<Record<Area, Grant>> {
  const out: Partial<Record<Area, Grant>> = {};
  for (const area of AREAS) {
    const override = except[area];
    if (override === null) continue;
    out[area] = override ?? grant;
  }
  return out;
}

function role(
  name: string,
  description: string,
  grants: Partial<Record<Area, Grant>>,
  id = hexId('role', name),
): SimRole {
  return { id, name, description, permissions: permissions(grants) };
}

/** Held by account owners; appears on members but is NOT listed by /roles. */
export const SUPER_ADMIN_ROLE: SimRole = {
  id: SUPER_ADMIN_ROLE_ID,
  name: 'Super Administrator - All Privileges',
  description:
    'Can edit any Cloudflare setting, make purchases, update billing, and manage memberships. Super Administrators can revoke the access of other Super Administrators.',
  permissions: permissions(allAreas('edit'), true),
};

export const ADMIN_ROLE = role(
  'Administrator',
  'Can access the full account, except for membership management and billing.',
  allAreas('edit', { member: 'read', billing: null, subscription: 'read' }),
  ADMIN_ROLE_ID,
);
export const ADMIN_READ_ONLY_ROLE = role(
  'Administrator Read Only',
  'Can access the full account in read-only mode.',
  allAreas('read', { billing: null }),
);
/** The same grants as the flags form, in the list-of-strings form (`#area:flag`, granted flags only). */
function asPermissionStrings(r: SimRole): SimRole {
  const flags = r.permissions as Record<string, Record<string, boolean>>;
  const strings = Object.entries(flags).flatMap(([area, f]) =>
    Object.entries(f)
      .filter(([, granted]) => granted)
      .map(([flag]) => `#${area}:${flag}`),
  );
  return { ...r, permissions: strings };
}

/** Served in the list-of-strings shape: a collector must read both shapes alike. */
export const DNS_ROLE = asPermissionStrings(
  role('DNS', 'Grants full access to DNS.', {
    organization: 'read',
    zone: 'read',
    dns_records: 'edit',
    analytics: 'read',
  }),
);
export const BILLING_ROLE = role('Billing', "Can edit the account's billing profile and subscriptions.", {
  organization: 'read',
  billing: 'edit',
  subscription: 'edit',
});
export const AUDIT_LOGS_VIEWER_ROLE = role('Audit Logs Viewer', 'Can view Audit Logs.', {
  organization: 'read',
  auditlogs: 'read',
});
export const ZERO_TRUST_READ_ONLY_ROLE = role(
  'Cloudflare Zero Trust Read Only',
  'Can access Cloudflare Zero Trust in read-only mode.',
  { organization: 'read', access: 'read', teams: 'read' },
);
export const ANALYTICS_ROLE = role('Analytics', 'Can read Analytics.', {
  organization: 'read',
  zone: 'read',
  analytics: 'read',
});
export const CACHE_PURGE_ROLE = role('Cache Purge', 'Can purge the edge cache.', {
  organization: 'read',
  zone: 'read',
  cache_purge: 'edit',
});
export const ACCESS_ROLE = role('Cloudflare Access', 'Can edit Cloudflare Access policies.', {
  organization: 'read',
  zone: 'read',
  access: 'edit',
  teams: 'read',
});
export const FIREWALL_ROLE = role('Firewall', 'Can edit WAF, IP Firewall, and Zone Lockdown settings.', {
  organization: 'read',
  zone: 'read',
  waf: 'edit',
  analytics: 'read',
});
export const LOAD_BALANCER_ROLE = role('Load Balancer', 'Can edit Load Balancers, Pools, Origins, and Health Checks.', {
  organization: 'read',
  zone: 'read',
  lb: 'edit',
});
export const SSL_ROLE = role(
  'SSL/TLS, Caching, Performance, Page Rules, and Customization',
  'Can edit most Cloudflare settings except for DNS and Firewall.',
  { organization: 'read', zone: 'read', ssl: 'edit', zone_settings: 'edit', cache_purge: 'edit', app: 'edit' },
);
export const WORKERS_ADMIN_ROLE = role('Workers Admin', 'Can edit Cloudflare Workers.', {
  organization: 'read',
  zone: 'read',
  worker: 'edit',
  logs: 'read',
});

/** What GET /accounts/:id/roles lists, in this order, for realistic/large datasets. */
export const ROLE_CATALOGUE: readonly SimRole[] = [
  ADMIN_ROLE,
  ADMIN_READ_ONLY_ROLE,
  ANALYTICS_ROLE,
  AUDIT_LOGS_VIEWER_ROLE,
  BILLING_ROLE,
  CACHE_PURGE_ROLE,
  ACCESS_ROLE,
  ZERO_TRUST_READ_ONLY_ROLE,
  DNS_ROLE,
  FIREWALL_ROLE,
  LOAD_BALANCER_ROLE,
  SSL_ROLE,
  WORKERS_ADMIN_ROLE,
];
