import { AccessModel, DashboardLogin, Grant, LastLogin, MemberAccess, TokenInfo } from '../graph/access';
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
  'Tokens created',
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

export function tokenText(token: TokenInfo): string {
  const state = token.active ? 'active' : token.status;
  const used = token.lastUsedOn !== undefined ? `last used ${isoDay(token.lastUsedOn)}` : 'never used';
  return `${token.name} (${state}, ${used})`;
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
    'Tokens created': member.tokens.map(tokenText).join('; '),
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
