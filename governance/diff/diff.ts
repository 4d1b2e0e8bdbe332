import { buildAccessModel, Grant, MemberAccess, MfaState, TokenInfo, tokenInfo } from '../graph/access';
import { CollectionInfo, collectionInfo } from '../graph/collection';
import { collected, GraphEntity, LoadedGraph } from '../graph/load';
import { R, STEP, T } from '../graph/types';
import { cmp } from '../util/compare';

export interface MemberRef {
  accountId: string;
  accountName: string;
  memberId: string;
  email: string;
  status: string;
  roles: string[];
}

export interface RecordRef {
  id: string;
  zone: string;
  name: string;
  type: string;
  content: string;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface TokenRef {
  id: string;
  name: string;
  status: string;
  accountId?: string;
}

/** A member's access through a policy on one account or zone (not a role). */
export interface GrantRef {
  member: MemberRef;
  scope: 'account' | 'zone';
  target: string;
  permissionGroups: string[];
  deniedPermissionGroups: string[];
}

/** A Zero Trust object (Access policy, application, identity provider). */
export interface ZeroTrustRef {
  id: string;
  name: string;
  accountId?: string;
}

export interface ObjectChanges {
  added: ZeroTrustRef[];
  removed: ZeroTrustRef[];
  changed: Array<{ item: ZeroTrustRef; changes: FieldChange[] }>;
}

export interface GraphDiff {
  old: string;
  new: string;
  /** When each collection was made and whether it was complete. */
  collections: { old: CollectionInfo; new: CollectionInfo };
  members: {
    added: MemberRef[];
    removed: MemberRef[];
    roleChanges: Array<{ member: MemberRef; added: string[]; removed: string[] }>;
    mfaChanges: Array<{ member: MemberRef; from: MfaState; to: MfaState }>;
    statusChanges: Array<{ member: MemberRef; from: string; to: string }>;
  };
  /** Resource-scoped and account-wide policy grants (members' access that is not a role). */
  grants: {
    added: GrantRef[];
    removed: GrantRef[];
    changed: Array<{
      grant: GrantRef;
      added: string[];
      removed: string[];
      deniedAdded: string[];
      deniedRemoved: string[];
    }>;
  };
  zeroTrust: {
    policies: ObjectChanges;
    applications: ObjectChanges;
    identityProviders: ObjectChanges;
  };
  dnsRecords: {
    added: RecordRef[];
    removed: RecordRef[];
    changed: Array<{ record: RecordRef; changes: FieldChange[] }>;
  };
  tokens: {
    created: TokenRef[];
    revoked: Array<{ token: TokenRef; reason: string }>;
  };
  zones: {
    weakened: Array<{ zoneId: string; zone: string; accountId?: string; changes: FieldChange[] }>;
  };
  /** Parts not compared, and why (not collected in one of the graphs). */
  notes: string[];
}

const memberRef = (m: MemberAccess): MemberRef => ({
  accountId: m.accountId,
  accountName: m.accountName,
  memberId: m.memberId,
  email: m.email,
  status: m.status,
  roles: m.roles,
});

const tokenRef = (t: TokenInfo): TokenRef => ({
  id: t.id,
  name: t.name,
  status: t.status,
  accountId: t.accountId,
});

function byKey<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function zoneNames(graph: LoadedGraph): Map<string, string> {
  const names = new Map<string, string>();
  for (const zone of graph.ofType(T.ZONE)) names.set(zone._key, String(zone.name ?? zone.id ?? zone._key));
  return names;
}

/** The record's zone: its zoneId property, else the zone HAS record edge. */
function recordZone(graph: LoadedGraph, record: GraphEntity, names: Map<string, string>): string {
  const zoneKey =
    typeof record.zoneId === 'string'
      ? `${T.ZONE}:${record.zoneId}`
      : (graph.to(record._key, R.ZONE_HAS_RECORD)[0]?._fromEntityKey ?? '');
  return names.get(zoneKey) ?? zoneKey.replace(`${T.ZONE}:`, '');
}

/** Compared record fields: report name, then the entity property (TTL is upper-case on DomainRecord). */
const RECORD_FIELDS: Array<[string, string]> = [
  ['content', 'value'],
  ['type', 'recordType'],
  ['name', 'name'],
  ['proxied', 'proxied'],
  ['ttl', 'TTL'],
];

function recordRef(graph: LoadedGraph, record: GraphEntity, names: Map<string, string>): RecordRef {
  return {
    id: String(record.id ?? record._key),
    zone: recordZone(graph, record, names),
    name: String(record.name ?? ''),
    type: String(record.recordType ?? record.type ?? ''),
    content: String(record.value ?? record.content ?? ''),
  };
}

const grantKey = (m: MemberAccess, g: Grant) => `${m.memberKey}|${g.scope}|${g.targetId}`;

const grantRef = (m: MemberAccess, g: Grant): GrantRef => ({
  member: memberRef(m),
  scope: g.scope,
  target: g.targetName,
  permissionGroups: g.permissionGroups,
  deniedPermissionGroups: g.deniedPermissionGroups,
});

const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

/** Compared properties of each Zero Trust type: what decides who gets in, and how. */
const ZERO_TRUST: Array<{
  part: keyof GraphDiff['zeroTrust'];
  step: string;
  type: string;
  what: string;
  fields: string[];
}> = [
  {
    part: 'policies',
    step: STEP.ACCESS_POLICIES,
    type: T.ACCESS_POLICY,
    what: 'Access policies',
    fields: [
      'name',
      'decision',
      'includeRules',
      'requireRules',
      'excludeRules',
      'appliesToEveryone',
      'precedence',
      'sessionDuration',
      'approvalRequired',
    ],
  },
  {
    part: 'applications',
    step: STEP.ACCESS_APPLICATIONS,
    type: T.ACCESS_APPLICATION,
    what: 'Access applications',
    fields: [
      'name',
      'domain',
      'appType',
      'selfHostedDomains',
      'allowedIdps',
      'policyCount',
      'sessionDuration',
      'autoRedirectToIdentity',
    ],
  },
  {
    part: 'identityProviders',
    step: STEP.ACCESS_IDENTITY_PROVIDERS,
    type: T.ACCESS_IDENTITY_PROVIDER,
    what: 'Identity providers',
    fields: ['name', 'idpType', 'clientId', 'oktaAccount', 'directoryId', 'ssoTargetUrl', 'scimEnabled'],
  },
];

const zeroTrustRef = (e: GraphEntity): ZeroTrustRef => ({
  id: String(e.id ?? e._key),
  name: String(e.name ?? e.id ?? e._key),
  accountId: typeof e.accountId === 'string' ? e.accountId : undefined,
});

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function diffObjects(older: LoadedGraph, newer: LoadedGraph, type: string, fields: string[]): ObjectChanges {
  const result: ObjectChanges = { added: [], removed: [], changed: [] };
  const before = byKey(older.ofType(type), (e) => e._key);
  const after = byKey(newer.ofType(type), (e) => e._key);
  for (const [key, entity] of after) {
    const previous = before.get(key);
    if (!previous) {
      result.added.push(zeroTrustRef(entity));
      continue;
    }
    const changes = fields
      .filter((field) => !same(previous[field], entity[field]))
      .map((field) => ({ field, from: previous[field] ?? null, to: entity[field] ?? null }));
    if (changes.length > 0) result.changed.push({ item: zeroTrustRef(entity), changes });
  }
  for (const [key, entity] of before) if (!after.has(key)) result.removed.push(zeroTrustRef(entity));
  const order = (a: ZeroTrustRef, b: ZeroTrustRef) => cmp(a.name, b.name) || cmp(a.id, b.id);
  result.added.sort(order);
  result.removed.sort(order);
  result.changed.sort((a, b) => order(a.item, b.item));
  return result;
}

const SSL_ORDER = ['off', 'flexible', 'full', 'strict'];

/**
 * A zone's security settings: its settings entity (zone HAS settings), or
 * the zone itself in a graph collected before the settings had an entity of
 * their own (they were properties of the zone then, with the same names).
 */
function zoneSettings(graph: LoadedGraph, zone: GraphEntity): GraphEntity {
  const edge = graph.from(zone._key, R.ZONE_HAS_SETTINGS)[0];
  return (edge?._toEntityKey !== undefined ? graph.byKey.get(edge._toEntityKey) : undefined) ?? zone;
}

/** The zone settings that got weaker from `before` to `after`; unknown on either side is no change. */
export function weakenedSettings(before: GraphEntity, after: GraphEntity): FieldChange[] {
  const changes: FieldChange[] = [];
  const rank = (value: unknown) => (typeof value === 'string' ? SSL_ORDER.indexOf(value) : -1);
  if (rank(before.sslMode) >= 0 && rank(after.sslMode) >= 0 && rank(after.sslMode) < rank(before.sslMode)) {
    changes.push({ field: 'sslMode', from: before.sslMode, to: after.sslMode });
  }
  const tls = (value: unknown) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN);
  if (tls(after.minTlsVersion) < tls(before.minTlsVersion)) {
    changes.push({ field: 'minTlsVersion', from: before.minTlsVersion, to: after.minTlsVersion });
  }
  for (const field of ['alwaysUseHttps', 'hstsEnabled']) {
    if (before[field] === true && after[field] === false) changes.push({ field, from: true, to: false });
  }
  const dnssec = (zone: GraphEntity) =>
    typeof zone.dnssecStatus === 'string'
      ? zone.dnssecStatus === 'active'
      : typeof zone.dnssecEnabled === 'boolean'
        ? zone.dnssecEnabled
        : undefined;
  if (dnssec(before) === true && dnssec(after) === false) {
    changes.push({
      field: 'dnssecStatus',
      from: before.dnssecStatus ?? 'active',
      to: after.dnssecStatus ?? 'not active',
    });
  }
  return changes;
}

/** What changed from one collection to the next. */
export function diffGraphs(older: LoadedGraph, newer: LoadedGraph): GraphDiff {
  const notes: string[] = [];
  const both = (step: string, what: string) => {
    const missing = [
      collected(older, step) ? undefined : 'the old graph',
      collected(newer, step) ? undefined : 'the new graph',
    ].filter(Boolean);
    if (missing.length > 0) notes.push(`${what} not compared: not collected in ${missing.join(' or ')}.`);
    return missing.length === 0;
  };

  const result: GraphDiff = {
    old: older.dir,
    new: newer.dir,
    collections: { old: collectionInfo(older), new: collectionInfo(newer) },
    members: { added: [], removed: [], roleChanges: [], mfaChanges: [], statusChanges: [] },
    grants: { added: [], removed: [], changed: [] },
    zeroTrust: {
      policies: { added: [], removed: [], changed: [] },
      applications: { added: [], removed: [], changed: [] },
      identityProviders: { added: [], removed: [], changed: [] },
    },
    dnsRecords: { added: [], removed: [], changed: [] },
    tokens: { created: [], revoked: [] },
    zones: { weakened: [] },
    notes,
  };

  if (both(STEP.MEMBERS, 'Members')) {
    const before = byKey(buildAccessModel(older).members, (m) => m.memberKey);
    const after = byKey(buildAccessModel(newer).members, (m) => m.memberKey);
    for (const [key, member] of after) {
      const previous = before.get(key);
      if (!previous) {
        result.members.added.push(memberRef(member));
        continue;
      }
      const added = member.roles.filter((r) => !previous.roles.includes(r));
      const removed = previous.roles.filter((r) => !member.roles.includes(r));
      if (added.length > 0 || removed.length > 0)
        result.members.roleChanges.push({ member: memberRef(member), added, removed });
      if (previous.mfa !== member.mfa) {
        result.members.mfaChanges.push({ member: memberRef(member), from: previous.mfa, to: member.mfa });
      }
      if (previous.status !== member.status) {
        result.members.statusChanges.push({ member: memberRef(member), from: previous.status, to: member.status });
      }
    }
    for (const [key, member] of before) if (!after.has(key)) result.members.removed.push(memberRef(member));

    // Policy grants: a member added or removed brings or takes theirs too.
    const oldGrants = new Map<string, GrantRef>();
    for (const member of before.values())
      for (const g of member.grants) oldGrants.set(grantKey(member, g), grantRef(member, g));
    const newGrants = new Map<string, GrantRef>();
    for (const member of after.values())
      for (const g of member.grants) newGrants.set(grantKey(member, g), grantRef(member, g));
    for (const [key, grant] of newGrants) {
      const previous = oldGrants.get(key);
      if (!previous) {
        result.grants.added.push(grant);
        continue;
      }
      const change = {
        grant,
        added: minus(grant.permissionGroups, previous.permissionGroups),
        removed: minus(previous.permissionGroups, grant.permissionGroups),
        deniedAdded: minus(grant.deniedPermissionGroups, previous.deniedPermissionGroups),
        deniedRemoved: minus(previous.deniedPermissionGroups, grant.deniedPermissionGroups),
      };
      if (change.added.length + change.removed.length + change.deniedAdded.length + change.deniedRemoved.length > 0) {
        result.grants.changed.push(change);
      }
    }
    for (const [key, grant] of oldGrants) if (!newGrants.has(key)) result.grants.removed.push(grant);
  }

  for (const { part, step, type, what, fields } of ZERO_TRUST) {
    if (both(step, what)) result.zeroTrust[part] = diffObjects(older, newer, type, fields);
  }

  if (both(STEP.DNS_RECORDS, 'DNS records')) {
    const oldNames = zoneNames(older);
    const newNames = zoneNames(newer);
    const before = byKey(older.ofType(T.RECORD), (r) => r._key);
    for (const record of newer.ofType(T.RECORD)) {
      const previous = before.get(record._key);
      if (!previous) {
        result.dnsRecords.added.push(recordRef(newer, record, newNames));
        continue;
      }
      const changes = RECORD_FIELDS.filter(([, property]) => previous[property] !== record[property]).map(
        ([field, property]) => ({ field, from: previous[property] ?? null, to: record[property] ?? null }),
      );
      if (changes.length > 0) result.dnsRecords.changed.push({ record: recordRef(newer, record, newNames), changes });
    }
    const after = new Set(newer.ofType(T.RECORD).map((r) => r._key));
    for (const [key, record] of before) {
      if (!after.has(key)) result.dnsRecords.removed.push(recordRef(older, record, oldNames));
    }
  }

  if (both(STEP.API_TOKENS, 'API tokens')) {
    const before = byKey(
      older.ofType(T.TOKEN).map((t) => tokenInfo(t)),
      (t) => t.key,
    );
    const after = byKey(
      newer.ofType(T.TOKEN).map((t) => tokenInfo(t)),
      (t) => t.key,
    );
    for (const [key, token] of after) {
      const previous = before.get(key);
      if (!previous) result.tokens.created.push(tokenRef(token));
      else if (previous.status === 'active' && token.status !== 'active') {
        result.tokens.revoked.push({ token: tokenRef(token), reason: `status ${previous.status} → ${token.status}` });
      }
    }
    for (const [key, token] of before) {
      if (!after.has(key))
        result.tokens.revoked.push({ token: tokenRef(token), reason: `deleted (was ${token.status})` });
    }
  }

  if (both(STEP.ZONES, 'Zone settings')) {
    const before = byKey(older.ofType(T.ZONE), (z) => z._key);
    for (const zone of newer.ofType(T.ZONE)) {
      const previous = before.get(zone._key);
      if (!previous) continue;
      const changes = weakenedSettings(zoneSettings(older, previous), zoneSettings(newer, zone));
      if (changes.length > 0) {
        result.zones.weakened.push({
          zoneId: String(zone.id ?? zone._key),
          zone: String(zone.name ?? zone._key),
          accountId: typeof zone.accountId === 'string' ? zone.accountId : undefined,
          changes,
        });
      }
    }
  }

  const memberOrder = (a: MemberRef, b: MemberRef) =>
    cmp(a.accountName, b.accountName) || cmp(a.email, b.email) || cmp(a.memberId, b.memberId);
  const recordOrder = (a: RecordRef, b: RecordRef) => cmp(a.zone, b.zone) || cmp(a.name, b.name) || cmp(a.id, b.id);
  const tokenOrder = (a: TokenRef, b: TokenRef) => cmp(a.name, b.name) || cmp(a.id, b.id);
  result.members.added.sort(memberOrder);
  result.members.removed.sort(memberOrder);
  result.members.roleChanges.sort((a, b) => memberOrder(a.member, b.member));
  result.members.mfaChanges.sort((a, b) => memberOrder(a.member, b.member));
  result.members.statusChanges.sort((a, b) => memberOrder(a.member, b.member));
  const grantOrder = (a: GrantRef, b: GrantRef) =>
    memberOrder(a.member, b.member) || cmp(a.scope, b.scope) || cmp(a.target, b.target);
  result.grants.added.sort(grantOrder);
  result.grants.removed.sort(grantOrder);
  result.grants.changed.sort((a, b) => grantOrder(a.grant, b.grant));
  result.dnsRecords.added.sort(recordOrder);
  result.dnsRecords.removed.sort(recordOrder);
  result.dnsRecords.changed.sort((a, b) => recordOrder(a.record, b.record));
  result.tokens.created.sort(tokenOrder);
  result.tokens.revoked.sort((a, b) => tokenOrder(a.token, b.token));
  result.zones.weakened.sort((a, b) => cmp(a.zone, b.zone) || cmp(a.zoneId, b.zoneId));
  return result;
}

export function changeCount(diff: GraphDiff): number {
  const m = diff.members;
  const objects = Object.values(diff.zeroTrust).reduce(
    (sum, part) => sum + part.added.length + part.removed.length + part.changed.length,
    0,
  );
  return (
    objects +
    diff.grants.added.length +
    diff.grants.removed.length +
    diff.grants.changed.length +
    m.added.length +
    m.removed.length +
    m.roleChanges.length +
    m.mfaChanges.length +
    m.statusChanges.length +
    diff.dnsRecords.added.length +
    diff.dnsRecords.removed.length +
    diff.dnsRecords.changed.length +
    diff.tokens.created.length +
    diff.tokens.revoked.length +
    diff.zones.weakened.length
  );
}
