/**
 * What a full collection (`j1-integration collect`, every area on, default
 * options) should produce for a simulator dataset: entity and relationship
 * counts, from the items the simulator's endpoint table (simulator/model.ts)
 * serves for the queries the client sends, never from the integration's
 * converters. The end-to-end tests (test/e2e/expected.ts) and the bench
 * (expectedEntityCount) both read it.
 */
import { domainToASCII } from 'url';
import type { EndpointName } from '../../src/client/endpoints';
import type {
  SimAccessApp,
  SimAccessPolicy,
  SimAccessUser,
  SimApiToken,
  SimDnsRecord,
  SimMember,
  SimPhysicalDevice,
  SimRole,
  SimulatorDataset,
  SimZone,
} from '../../simulator';
import { servedItems } from './requestPlan';

const served = servedItems;

/** An address compared as Cloudflare's users see it: any case, an internationalised domain in either form. */
function sameAddress(email: string): string {
  const at = email.lastIndexOf('@');
  const lower = email.toLowerCase();
  return at < 0 ? lower : `${lower.slice(0, at)}@${domainToASCII(lower.slice(at + 1)) || lower.slice(at + 1)}`;
}

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
export function expectedGraph(dataset: SimulatorDataset): ExpectedGraph {
  let roles = 0;
  let members = 0;
  let assigned = 0;
  for (const account of dataset.accounts) {
    const listed = served(dataset, 'roles', { accountId: account.id }) as SimRole[];
    const roleIds = new Set(listed.map((role) => role.id));
    const rows = served(dataset, 'members', { accountId: account.id }) as SimMember[];
    const distinctMembers = new Map(rows.map((m) => [m.id, m]));
    for (const member of distinctMembers.values()) {
      const held = new Set((member.roles ?? []).map((role) => role.id));
      held.forEach((id) => roleIds.add(id));
      assigned += held.size;
    }
    roles += roleIds.size;
    members += distinctMembers.size;
  }
  const zones = dataset.accounts.flatMap((a) => served(dataset, 'zones', { accountId: a.id })) as SimZone[];
  const recordIds = new Set<string>();
  for (const zone of zones) {
    for (const record of served(dataset, 'dnsRecords', { zoneId: zone.id }) as SimDnsRecord[]) recordIds.add(record.id);
  }
  const area = expectedAccessSurface(dataset);
  return {
    entities: {
      cloudflare_account: dataset.accounts.length,
      cloudflare_account_role: roles,
      cloudflare_account_member: members,
      cloudflare_dns_zone: zones.length,
      cloudflare_dns_record: recordIds.size,
      ...area.entities,
    },
    relationships: {
      cloudflare_account_has_role: roles,
      cloudflare_account_has_member: members,
      cloudflare_account_member_assigned_role: assigned,
      cloudflare_account_has_dns_zone: zones.length,
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
 * and tunnels left out, revoked devices kept): one entity per distinct id; an account without
 * Zero Trust contributes nothing to those areas.
 */
function expectedAccessSurface(dataset: SimulatorDataset): {
  entities: Record<string, number>;
  relationships: Record<string, number>;
} {
  const tokens = [
    ...dataset.accounts.flatMap((a) => served(dataset, 'accountTokens', { accountId: a.id })),
    ...served(dataset, 'userTokens', {}),
  ] as SimApiToken[];
  const tokenIds = new Set(tokens.map((t) => t.id));
  // One settings entity per zone whose settings or DNSSEC the dataset answers.
  const zonesWithSettings = dataset.zones.filter(
    (z) => dataset.zoneSettingsByZone.has(z.id) || dataset.dnssecByZone.has(z.id),
  ).length;
  // Tunnels are not a Zero Trust list: every account's, deleted ones left out by the query.
  const tunnels = dataset.accounts.reduce((n, a) => n + served(dataset, 'tunnels', { accountId: a.id }).length, 0);
  const e: Record<string, number> = {
    cloudflare_zone_settings: zonesWithSettings,
    cloudflare_api_token: tokenIds.size,
    cloudflare_tunnel: tunnels,
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
    const read = (name: EndpointName) => served(dataset, name, { accountId: id });
    const users = read('accessUsers') as SimAccessUser[];
    e.cloudflare_access_user += users.length;
    // The collector reads deleted devices too and leaves them out.
    e.cloudflare_device += (read('physicalDevices') as SimPhysicalDevice[]).filter((d) => !d.deleted_at).length;
    e.cloudflare_device_posture_rule += read('devicePostureRules').length;
    e.cloudflare_gateway_location += read('gatewayLocations').length;
    e.cloudflare_access_identity_provider += read('accessIdentityProviders').length;
    e.cloudflare_access_group += read('accessGroups').length;
    const apps = read('accessApplications') as SimAccessApp[];
    e.cloudflare_access_application += apps.length;
    const policyIds = new Set((read('accessPolicies') as SimAccessPolicy[]).map((p) => p.id));
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
      cloudflare_dns_zone_has_zone_settings: zonesWithSettings,
      cloudflare_account_has_access_user: e.cloudflare_access_user,
      cloudflare_account_member_is_access_user: memberIsUser,
      cloudflare_account_has_device: e.cloudflare_device,
      cloudflare_account_has_device_posture_rule: e.cloudflare_device_posture_rule,
      cloudflare_account_has_gateway_location: e.cloudflare_gateway_location,
      cloudflare_account_has_tunnel: tunnels,
      cloudflare_account_has_access_identity_provider: e.cloudflare_access_identity_provider,
      cloudflare_account_has_access_group: e.cloudflare_access_group,
      cloudflare_account_has_access_policy: e.cloudflare_access_policy,
      cloudflare_account_has_access_application: e.cloudflare_access_application,
      cloudflare_access_application_has_policy: appHasPolicy,
      cloudflare_access_user_uses_access_application: userUsesApp,
    },
  };
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** Entities a full collection of `dataset` produces. */
export function expectedEntityCount(dataset: SimulatorDataset): number {
  return sum(expectedGraph(dataset).entities);
}

/** Entities of the optional areas (the bench's core-only run leaves them out). */
export function expectedAreaEntityCount(dataset: SimulatorDataset): number {
  return sum(expectedAccessSurface(dataset).entities);
}
