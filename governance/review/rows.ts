import {
  AccessModel,
  DashboardLogin,
  Grant,
  LastLogin,
  MemberAccess,
  TokenInfo,
  TokenScopeEntry,
} from '../graph/access';
import { isoDay, isoSeconds } from '../util/output';

/** The review's columns, in order; every format prints all of them. */
export const REVIEW_COLUMNS = [
  'Account',
  'Account ID',
  'Member ID',
  'Email',
  'Name',
  'Status',
  '2FA',
  'Roles',
  'Resource-scoped grants',
  'Last dashboard login',
  'Last login',
] as const;

export type ReviewRow = Record<(typeof REVIEW_COLUMNS)[number], string>;

export function grantText(grant: Grant): string {
  const allowed = grant.permissionGroups.join(', ');
  const denied = grant.deniedPermissionGroups.length > 0 ? `denied ${grant.deniedPermissionGroups.join(', ')}` : '';
  return `${grant.targetName} (${grant.scope}): ${allowed && denied ? `${allowed} (${denied})` : allowed || denied}`;
}

export function lastLoginText(login: LastLogin): string {
  switch (login.kind) {
    case 'at':
      return isoSeconds(login.at);
    case 'never':
      return 'never';
    case 'not-a-user':
      return 'not a Zero Trust user';
    case 'no-data':
      return 'no Zero Trust data';
  }
}

export function dashboardLoginText(login: DashboardLogin): string {
  switch (login.kind) {
    case 'at':
      return isoSeconds(login.at);
    case 'none':
      return `none in ${login.windowDays} days`;
    case 'not-collected':
      return 'not collected';
  }
}

/**
 * The API token section's columns. Cloudflare records no creator for a
 * token, so the section says what each token can do and where, not who made it.
 */
export const TOKEN_COLUMNS = [
  'Account',
  'Token ID',
  'Name',
  'Owner',
  'Status',
  'Permissions',
  'Scope',
  'Can edit',
  'Last used',
  'Expires',
] as const;

export type TokenRow = Record<(typeof TOKEN_COLUMNS)[number], string>;

export function scopeText(entry: TokenScopeEntry): string {
  const target = `${entry.targetName} (${entry.scope}${entry.allZones ? ', all zones' : ''})`;
  const groups = entry.permissionGroups.join(', ') || '(no permission groups)';
  return `${target}: ${entry.effect === 'deny' ? `denied ${groups}` : groups}`;
}

export function tokenRow(token: TokenInfo, accountName: string): TokenRow {
  const denied = token.deniedPermissionGroups.length > 0 ? ` (denied ${token.deniedPermissionGroups.join(', ')})` : '';
  return {
    Account: token.accountId === undefined ? '(user token)' : accountName,
    'Token ID': token.id,
    Name: token.name,
    Owner: token.ownerType ?? 'unknown',
    Status: token.status,
    Permissions: `${token.permissionGroups.join(', ')}${denied}`,
    Scope: token.scope.length > 0 ? token.scope.map(scopeText).join('; ') : 'no collected account or zone',
    'Can edit': token.canEdit === undefined ? 'unknown' : token.canEdit ? 'yes' : 'no',
    'Last used': token.lastUsedOn !== undefined ? isoDay(token.lastUsedOn) : 'never',
    Expires: token.expiresOn !== undefined ? isoDay(token.expiresOn) : 'never',
  };
}

/** Rows of the token section, accounts by name; user tokens last. */
export function tokenRows(model: AccessModel): TokenRow[] {
  const names = new Map(model.accounts.map((a) => [a.id, a.name]));
  return model.tokens.map((token) => tokenRow(token, names.get(token.accountId ?? '') ?? token.accountId ?? ''));
}

export function reviewRow(member: MemberAccess): ReviewRow {
  return {
    Account: member.accountName,
    'Account ID': member.accountId,
    'Member ID': member.memberId,
    Email: member.email,
    Name: member.name,
    Status: member.status,
    '2FA': member.mfa,
    Roles: member.roles.join('; '),
    'Resource-scoped grants': member.grants.map(grantText).join('; '),
    'Last dashboard login': dashboardLoginText(member.dashboardLogin),
    'Last login': lastLoginText(member.lastLogin),
  };
}

export interface ReviewSummary {
  accounts: number;
  members: number;
  /** Accepted members whose 2FA is off or not known. */
  without2fa: number;
  superAdmins: number;
  pendingInvites: number;
}

export function reviewSummary(model: AccessModel): ReviewSummary {
  const accepted = model.members.filter((m) => m.status === 'accepted');
  return {
    accounts: model.accounts.length,
    members: model.members.length,
    without2fa: accepted.filter((m) => m.mfa !== 'on').length,
    superAdmins: model.members.filter((m) => m.superAdmin && (m.status === 'accepted' || m.status === 'pending'))
      .length,
    pendingInvites: model.members.filter((m) => m.status === 'pending').length,
  };
}
