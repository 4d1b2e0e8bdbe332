import { cmp } from '../util/compare';
import { collected, GraphEntity, LoadedGraph } from './load';
import { R, STEP, SUPER_ADMIN_ROLE, T } from './types';

export type MfaState = 'on' | 'off' | 'unknown';

/** Access a member holds through a policy (not a role): on a zone, or account-wide. */
export interface Grant {
  scope: 'account' | 'zone';
  targetId: string;
  targetName: string;
  /** Allowed permission groups. */
  permissionGroups: string[];
  /** Permission groups a deny policy takes away here. */
  deniedPermissionGroups: string[];
}

/** What a token's policies give on one account or zone (its ALLOWS edge). */
export interface TokenScopeEntry {
  scope: 'account' | 'zone';
  targetName: string;
  effect: 'allow' | 'deny';
  permissionGroups: string[];
  /** An account grant that covers every zone of the account. */
  allZones: boolean;
}

export interface TokenInfo {
  key: string;
  id: string;
  name: string;
  status: string;
  /** status === 'active' and not expired, as the integration judged it. */
  active: boolean;
  ownerType?: string;
  accountId?: string;
  issuedOn?: number;
  lastUsedOn?: number;
  expiresOn?: number;
  canEdit?: boolean;
  /** Allowed permission groups (the token's own list). */
  permissionGroups: string[];
  deniedPermissionGroups: string[];
  /** Accounts and zones its ALLOWS edges reach (empty without a graph to read them from). */
  scope: TokenScopeEntry[];
}

/**
 * The member's Zero Trust sign-in: `at` a time, `never` (a Zero Trust user who
 * never signed in), `not-a-user` (the account has Zero Trust users, this
 * member is none of them), `no-data` (no Zero Trust users were collected for
 * the account).
 */
export type LastLogin = { kind: 'at'; at: number } | { kind: 'never' } | { kind: 'not-a-user' } | { kind: 'no-data' };

/**
 * The member's last dashboard login (account audit log, activity area):
 * `at` a time; `none` in the `windowDays` read; `not-collected` (the area
 * was off, or its log could not be read in full for the account).
 */
export type DashboardLogin =
  { kind: 'at'; at: number } | { kind: 'none'; windowDays: number } | { kind: 'not-collected' };

export interface MemberAccess {
  accountId: string;
  accountName: string;
  memberId: string;
  memberKey: string;
  email: string;
  name: string;
  status: string;
  mfa: MfaState;
  roles: string[];
  superAdmin: boolean;
  grants: Grant[];
  lastLogin: LastLogin;
  dashboardLogin: DashboardLogin;
}

export interface AccountInfo {
  id: string;
  key: string;
  name: string;
}

export interface AccessModel {
  accounts: AccountInfo[];
  members: MemberAccess[];
  tokens: TokenInfo[];
  /** Every role name the accounts define (role entities) or members hold. */
  roleNames: string[];
  /** Whether the graph holds API tokens at all (the api-tokens area ran). */
  tokensCollected: boolean;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * A list the integration stored as one string joined with ', ' (edge
 * properties are scalars), split back. Names that themselves contain ', '
 * (the role "SSL/TLS, Caching, Performance, Page Rules, and Customization")
 * are kept whole when `known` has them.
 */
export function splitList(value: unknown, known: Iterable<string> = []): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string' || value.trim() === '') return [];
  const names = new Set(known);
  const parts = value.split(', ');
  const out: string[] = [];
  for (let i = 0; i < parts.length;) {
    let taken = 1;
    for (let j = parts.length; j > i + 1; j--) {
      if (names.has(parts.slice(i, j).join(', '))) {
        taken = j - i;
        break;
      }
    }
    out.push(parts.slice(i, i + taken).join(', '));
    i += taken;
  }
  return out;
}

function tokenScope(graph: LoadedGraph, token: GraphEntity): TokenScopeEntry[] {
  const entries: TokenScopeEntry[] = [];
  for (const [relType, scope] of [
    [R.TOKEN_ALLOWS_ACCOUNT, 'account'],
    [R.TOKEN_ALLOWS_ZONE, 'zone'],
  ] as const) {
    for (const edge of graph.from(token._key, relType)) {
      const target = graph.byKey.get(edge._toEntityKey ?? '');
      entries.push({
        scope,
        targetName: str(target?.name) ?? (edge._toEntityKey ?? '').replace(/^cloudflare_[a-z_]+:/, ''),
        effect: edge.effect === 'deny' ? 'deny' : 'allow',
        permissionGroups: splitList(edge.permissionGroups),
        allZones: edge.allZones === true,
      });
    }
  }
  return entries.sort((a, b) => cmp(a.scope, b.scope) || cmp(a.targetName, b.targetName) || cmp(a.effect, b.effect));
}

export function tokenInfo(entity: GraphEntity, graph?: LoadedGraph): TokenInfo {
  const status = str(entity.status) ?? 'unknown';
  return {
    key: entity._key,
    id: str(entity.id) ?? entity._key,
    name: str(entity.name) ?? str(entity.id) ?? entity._key,
    status,
    active: typeof entity.active === 'boolean' ? entity.active : status === 'active',
    ownerType: str(entity.ownerType),
    accountId: str(entity.accountId),
    issuedOn: num(entity.issuedOn),
    lastUsedOn: num(entity.lastUsedOn),
    expiresOn: num(entity.expiresOn),
    canEdit: typeof entity.canEdit === 'boolean' ? entity.canEdit : undefined,
    permissionGroups: splitList(entity.permissionGroups),
    deniedPermissionGroups: splitList(entity.deniedPermissionGroups),
    scope: graph ? tokenScope(graph, entity) : [],
  };
}

function memberRoles(graph: LoadedGraph, member: GraphEntity): string[] {
  const names = new Set<string>();
  for (const edge of graph.from(member._key, R.MEMBER_ASSIGNED_ROLE)) {
    const role = graph.byKey.get(edge._toEntityKey ?? '');
    const name = str(role?.name);
    if (name) names.add(name);
  }
  // The member's own list covers roles whose entity is missing.
  for (const name of splitList(member.roles)) names.add(name);
  return [...names].sort();
}

function memberGrants(graph: LoadedGraph, member: GraphEntity, roles: string[]): Grant[] {
  const known = [...roles, ...splitList(member.permissionGroups)];
  const grants: Grant[] = [];
  for (const edge of graph.from(member._key, R.MEMBER_ALLOWS_ZONE)) {
    const zone = graph.byKey.get(edge._toEntityKey ?? '');
    grants.push({
      scope: 'zone',
      targetId: str(zone?.id) ?? (edge._toEntityKey ?? '').replace(/^cloudflare_dns_zone:/, ''),
      targetName: str(zone?.name) ?? str(zone?.displayName) ?? edge._toEntityKey ?? '',
      permissionGroups: splitList(edge.permissionGroups, known),
      deniedPermissionGroups: splitList(edge.deniedPermissionGroups, known),
    });
  }
  for (const edge of graph.from(member._key, R.MEMBER_ALLOWS_ACCOUNT)) {
    if (!splitList(edge.grantedBy).includes('policy')) continue;
    // Roles and account-wide policies share the edge; what is not a role came from a policy.
    const roleNames = new Set([...roles, ...splitList(edge.roles, roles)]);
    const fromPolicies = splitList(edge.permissionGroups, known).filter((group) => !roleNames.has(group));
    const denied = splitList(edge.deniedPermissionGroups, known);
    if (fromPolicies.length === 0 && denied.length === 0) continue;
    const account = graph.byKey.get(edge._toEntityKey ?? '');
    grants.push({
      scope: 'account',
      targetId: str(account?.id) ?? (edge._toEntityKey ?? '').replace(/^cloudflare_account:/, ''),
      targetName: str(account?.name) ?? edge._toEntityKey ?? '',
      permissionGroups: fromPolicies,
      deniedPermissionGroups: denied,
    });
  }
  return grants.sort((a, b) => cmp(a.scope, b.scope) || cmp(a.targetName, b.targetName));
}

function lastLogin(graph: LoadedGraph, member: GraphEntity, accountHasZeroTrustUsers: boolean): LastLogin {
  for (const edge of graph.from(member._key, R.MEMBER_IS_ACCESS_USER)) {
    const user = graph.byKey.get(edge._toEntityKey ?? '');
    if (!user) continue;
    const at = num(user.lastLoginOn);
    return at === undefined ? { kind: 'never' } : { kind: 'at', at };
  }
  return accountHasZeroTrustUsers ? { kind: 'not-a-user' } : { kind: 'no-data' };
}

function dashboardLogin(member: GraphEntity): DashboardLogin {
  const at = num(member.lastLoginOn);
  if (at !== undefined) return { kind: 'at', at };
  const windowDays = num(member.activityWindowDays);
  return windowDays !== undefined ? { kind: 'none', windowDays } : { kind: 'not-collected' };
}

/** Who has what, per account and member: what `review` prints and `check` judges. */
export function buildAccessModel(graph: LoadedGraph): AccessModel {
  const accounts = new Map<string, AccountInfo>();
  for (const account of graph.ofType(T.ACCOUNT)) {
    const id = str(account.id) ?? account._key.replace(/^cloudflare_account:/, '');
    accounts.set(id, { id, key: account._key, name: str(account.name) ?? id });
  }
  const zeroTrustAccounts = new Set(
    collected(graph, STEP.ACCESS_USERS) ? graph.ofType(T.ACCESS_USER).map((user) => str(user.accountId) ?? '') : [],
  );
  const tokens = graph
    .ofType(T.TOKEN)
    .map((token) => tokenInfo(token, graph))
    .sort(
      (a, b) =>
        cmp(accounts.get(a.accountId ?? '')?.name ?? '\uffff', accounts.get(b.accountId ?? '')?.name ?? '\uffff') ||
        cmp(a.name, b.name) ||
        cmp(a.id, b.id),
    );
  const members: MemberAccess[] = [];
  for (const member of graph.ofType(T.MEMBER)) {
    let accountId = str(member.accountId);
    if (!accountId) {
      const owner = graph.to(member._key, R.ACCOUNT_HAS_MEMBER)[0]?._fromEntityKey;
      accountId = owner ? owner.replace(/^cloudflare_account:/, '') : '';
    }
    const account = accounts.get(accountId);
    const email = (str(member.email) ?? str(member.username) ?? '').toLowerCase();
    const id = str(member.id) ?? member._key.replace(/^cloudflare_account_member:/, '');
    const rawName = str(member.name) ?? '';
    const roles = memberRoles(graph, member);
    members.push({
      accountId,
      accountName: account?.name ?? accountId,
      memberId: id,
      memberKey: member._key,
      email,
      name: rawName.toLowerCase() === email || rawName === id ? '' : rawName,
      status: str(member.status) ?? 'unknown',
      mfa: member.mfaEnabled === true ? 'on' : member.mfaEnabled === false ? 'off' : 'unknown',
      roles,
      superAdmin: member.superAdmin === true || roles.includes(SUPER_ADMIN_ROLE),
      grants: memberGrants(graph, member, roles),
      lastLogin: lastLogin(graph, member, zeroTrustAccounts.has(accountId)),
      dashboardLogin: dashboardLogin(member),
    });
  }
  members.sort(
    (a, b) =>
      cmp(a.accountName, b.accountName) ||
      cmp(a.accountId, b.accountId) ||
      cmp(a.email, b.email) ||
      cmp(a.memberId, b.memberId),
  );
  return {
    accounts: [...accounts.values()].sort((a, b) => cmp(a.name, b.name)),
    members,
    tokens,
    roleNames: [
      ...new Set([...graph.ofType(T.ROLE).flatMap((role) => str(role.name) ?? []), ...members.flatMap((m) => m.roles)]),
    ].sort(cmp),
    tokensCollected: collected(graph, STEP.API_TOKENS) && (graph.stepStatus !== undefined || tokens.length > 0),
  };
}
