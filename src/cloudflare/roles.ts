/**
 * Cloudflare's role facts, defined once for the collector (src/) and the
 * governance CLI (governance/): which role is the account owner, which are
 * administrators, and which names grant changes. Exact names, because
 * Cloudflare names its roles exactly ("Administrator Read Only" is not an
 * administrator).
 */

/** The account owner's role: every account needs one member holding it. */
export const SUPER_ADMIN_ROLE = 'Super Administrator - All Privileges';
export const ADMIN_ROLE = 'Administrator';

export function isSuperAdminRoleName(name: unknown): boolean {
  return name === SUPER_ADMIN_ROLE;
}

export function isAdminRoleName(name: unknown): boolean {
  return name === ADMIN_ROLE || isSuperAdminRoleName(name);
}

/** Whether flattened role permissions (`zone:edit`, `dns:read`) grant changes: any `:edit` or `:write`. */
export function permissionsEdit(flat: readonly string[]): boolean {
  return flat.some((p) => /:(edit|write)$/.test(p));
}

/**
 * Whether a permission group (or role) name grants changes. By name only:
 * policies carry names, not flags. "Read Only" wins over "Administrator".
 */
export function isEditPermissionGroup(name: string): boolean {
  if (/read[ -]?only/i.test(name)) return false;
  return /\b(write|edit)\b/i.test(name) || /admin/i.test(name) || /all privileges/i.test(name);
}
