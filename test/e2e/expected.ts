/**
 * What `j1-integration collect` should write for a simulator dataset,
 * computed from the dataset itself (never from the integration's code), and
 * small helpers the end-to-end tests share.
 */
import fs from 'fs';
import path from 'path';
import { domainToASCII } from 'url';
import type { SimulatorDataset } from '../simulator';

export interface ExpectedGraph {
  entities: Record<string, number>;
  relationships: Record<string, number>;
  /**
   * Relationship types whose count depends on matching rules the steps own
   * (grants merged from roles and policies, token resources, Access rules,
   * device owners): each step's own test asserts them exactly; end to end
   * they must be present.
   */
  derivedRelationships: string[];
  /** zone id -> id of the account that owns it */
  zoneAccount: Map<string, string>;
}

/**
 * - accounts: every account the token sees (all of them for SIM_TOKENS.user);
 * - roles: per account, the roles /roles lists plus any role a member holds
 *   that is not listed (Super Administrator);
 * - members: distinct membership ids (pages may repeat a member);
 * - DNS records: distinct record ids (pages may repeat a record);
 * - ASSIGNED edges: over distinct members, their distinct roles.
 */
/** An address compared as Cloudflare's users see it: any case, an internationalised domain in either form. */
function sameAddress(email: string): string {
  const at = email.lastIndexOf('@');
  const lower = email.toLowerCase();
  return at < 0 ? lower : `${lower.slice(0, at)}@${domainToASCII(lower.slice(at + 1)) || lower.slice(at + 1)}`;
}

export function expectedGraph(dataset: SimulatorDataset): ExpectedGraph {
  let roles = 0;
  let members = 0;
  let assigned = 0;
  for (const account of dataset.accounts) {
    const roleIds = new Set((dataset.rolesByAccount.get(account.id) ?? []).map((role) => role.id));
    const distinctMembers = new Map((dataset.membersByAccount.get(account.id) ?? []).map((m) => [m.id, m]));
    for (const member of distinctMembers.values()) {
      const held = new Set((member.roles ?? []).map((role) => role.id));
      held.forEach((id) => roleIds.add(id));
      assigned += held.size;
    }
    roles += roleIds.size;
    members += distinctMembers.size;
  }
  const recordIds = new Set<string>();
  for (const zone of dataset.zones) {
    for (const record of dataset.dnsRecordsByZone.get(zone.id) ?? []) recordIds.add(record.id);
  }
  const area = expectedAccessSurface(dataset);
  return {
    entities: {
      cloudflare_account: dataset.accounts.length,
      cloudflare_account_role: roles,
      cloudflare_account_member: members,
      cloudflare_dns_zone: dataset.zones.length,
      cloudflare_dns_record: recordIds.size,
      ...area.entities,
    },
    relationships: {
      cloudflare_account_has_role: roles,
      cloudflare_account_has_member: members,
      cloudflare_account_member_assigned_role: assigned,
      cloudflare_account_has_dns_zone: dataset.zones.length,
      cloudflare_dns_zone_has_record: recordIds.size,
      ...area.relationships,
    },
    derivedRelationships: [
      'cloudflare_account_member_allows_account',
      'cloudflare_account_member_allows_dns_zone',
      'cloudflare_account_has_api_token',
      'cloudflare_api_token_allows_account',
      'cloudflare_api_token_allows_dns_zone',
      'cloudflare_access_user_has_device',
      'cloudflare_access_application_uses_identity_provider',
      'cloudflare_access_policy_uses_group',
      'cloudflare_access_policy_assigned_access_user',
      // Mapped: IdP application CONNECTS account (targets live in other integrations).
      'cloudflare_account_connected_by_idp_application',
    ],
    zoneAccount: new Map(dataset.zones.map((zone) => [zone.id, zone.account?.id ?? ''])),
  };
}

/**
 * The optional areas with default options (every area on, deleted devices
 * left out, revoked kept): one entity per distinct id; an account without
 * Zero Trust contributes nothing to those areas.
 */
function expectedAccessSurface(dataset: SimulatorDataset): {
  entities: Record<string, number>;
  relationships: Record<string, number>;
} {
  const tokenIds = new Set(
    [...[...dataset.accountTokensByAccount.values()].flat(), ...dataset.userTokens].map((t) => t.id),
  );
  const e: Record<string, number> = {
    cloudflare_api_token: tokenIds.size,
    cloudflare_access_user: 0,
    cloudflare_device: 0,
    cloudflare_device_posture_rule: 0,
    cloudflare_gateway_location: 0,
    cloudflare_access_identity_provider: 0,
    cloudflare_access_group: 0,
    cloudflare_access_policy: 0,
    cloudflare_access_application: 0,
  };
  let memberIsUser = 0;
  let appHasPolicy = 0;
  let userUsesApp = 0;
  for (const account of dataset.accounts) {
    const id = account.id;
    if (dataset.zeroTrustDisabled.has(id)) continue;
    const users = dataset.accessUsersByAccount.get(id) ?? [];
    e.cloudflare_access_user += users.length;
    e.cloudflare_device += (dataset.physicalDevicesByAccount.get(id) ?? []).filter((d) => !d.deleted_at).length;
    e.cloudflare_device_posture_rule += dataset.postureRulesByAccount.get(id)?.length ?? 0;
    e.cloudflare_gateway_location += dataset.gatewayLocationsByAccount.get(id)?.length ?? 0;
    e.cloudflare_access_identity_provider += dataset.identityProvidersByAccount.get(id)?.length ?? 0;
    e.cloudflare_access_group += dataset.accessGroupsByAccount.get(id)?.length ?? 0;
    const apps = dataset.accessAppsByAccount.get(id) ?? [];
    e.cloudflare_access_application += apps.length;
    const policyIds = new Set((dataset.accessPoliciesByAccount.get(id) ?? []).map((p) => p.id));
    for (const app of apps) {
      app.policies.forEach((p) => policyIds.add(p.id));
      appHasPolicy += new Set(app.policies.map((p) => p.id)).size;
    }
    e.cloudflare_access_policy += policyIds.size;
    const memberEmails = new Set(
      (dataset.membersByAccount.get(id) ?? []).map((m) => sameAddress(m.user?.email ?? m.email ?? '')),
    );
    memberIsUser += users.filter((u) => memberEmails.has(sameAddress(u.email))).length;
    // Activity: one USES edge per user and application in the Access authentication log.
    userUsesApp += new Set((dataset.accessRequestsByAccount.get(id) ?? []).map((r) => `${r.user_email}|${r.app_uid}`))
      .size;
  }
  return {
    entities: e,
    relationships: {
      cloudflare_account_has_access_user: e.cloudflare_access_user,
      cloudflare_account_member_is_access_user: memberIsUser,
      cloudflare_account_has_device: e.cloudflare_device,
      cloudflare_account_has_device_posture_rule: e.cloudflare_device_posture_rule,
      cloudflare_account_has_gateway_location: e.cloudflare_gateway_location,
      cloudflare_account_has_access_identity_provider: e.cloudflare_access_identity_provider,
      cloudflare_account_has_access_group: e.cloudflare_access_group,
      cloudflare_account_has_access_policy: e.cloudflare_access_policy,
      cloudflare_account_has_access_application: e.cloudflare_access_application,
      cloudflare_access_application_has_policy: appHasPolicy,
      cloudflare_access_user_uses_access_application: userUsesApp,
    },
  };
}

/** Counts of the types `expected` names, plus which derived types are present. */
export function countsLike(actual: Record<string, number>, expected: ExpectedGraph) {
  const exact = Object.fromEntries(Object.keys(expected.relationships).map((type) => [type, actual[type] ?? 0]));
  const derived = expected.derivedRelationships.filter((type) => (actual[type] ?? 0) > 0);
  const unexpected = Object.keys(actual).filter(
    (type) => !(type in expected.relationships) && !expected.derivedRelationships.includes(type),
  );
  return { exact, derived, unexpected };
}

export function countByType(objects: Array<Record<string, any>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const object of objects) counts[object._type] = (counts[object._type] ?? 0) + 1;
  return counts;
}

/** Keys seen more than once. */
export function duplicateKeys(objects: Array<Record<string, any>>): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { _key } of objects) {
    if (seen.has(_key)) duplicates.add(_key);
    seen.add(_key);
  }
  return [...duplicates];
}

/** Every file under `dir` (recursively) whose content contains `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hits.push(...filesContaining(full, needle));
    else if (fs.readFileSync(full).includes(needle)) hits.push(full);
  }
  return hits;
}

/** Every file under `dir`, recursively (relative paths). */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), path.join(prefix, entry.name))
        : [path.join(prefix, entry.name)],
    );
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export function plain(text: string): string {
  return text.replace(ANSI, '');
}

export function stepStatuses(summary: Record<string, any>): Record<string, string> {
  return Object.fromEntries(
    (summary.integrationStepResults ?? []).map((step: { id: string; status: string }) => [step.id, step.status]),
  );
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
