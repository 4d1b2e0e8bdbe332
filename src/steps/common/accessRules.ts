/**
 * Access rule objects (docs/cloudflare-facts.md#access-rules): each element of include/require/
 * exclude has exactly one key naming its selector, e.g.
 * `{ email: { email: 'a@b.com' } }`, `{ email_domain: { domain: 'b.com' } }`,
 * `{ group: { id } }`, `{ everyone: {} }`. Cloudflare adds selectors over
 * time, so any key is accepted: those we cannot evaluate are kept by name.
 */
import { AccessRule, AccessRuleLists } from './accessTypes';

export type RuleKind = 'include' | 'require' | 'exclude';
export const RULE_KINDS: readonly RuleKind[] = ['include', 'require', 'exclude'];

export interface ParsedRule {
  /** The selector: email, email_domain, group, everyone, ip, ... ('unknown' when the element is unreadable). */
  selector: string;
  /** 'email:a@b.com', 'email_domain:b.com', 'group:<id>', 'everyone', or the selector alone. */
  summary: string;
  email?: string;
  emailDomain?: string;
  groupId?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function parseRule(rule: unknown): ParsedRule {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return { selector: 'unknown', summary: 'unknown' };
  const [selector] = Object.keys(rule);
  if (selector === undefined) return { selector: 'unknown', summary: 'unknown' };
  const value = (rule as AccessRule)[selector];
  const body = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  switch (selector) {
    case 'email': {
      const email = text(body.email)?.toLowerCase();
      return email ? { selector, summary: `email:${email}`, email } : { selector, summary: selector };
    }
    case 'email_domain': {
      // Written with or without the '@' in the dashboard.
      const emailDomain = text(body.domain)?.replace(/^@/, '').toLowerCase();
      return emailDomain
        ? { selector, summary: `email_domain:${emailDomain}`, emailDomain }
        : { selector, summary: selector };
    }
    case 'group': {
      const groupId = text(body.id);
      return groupId ? { selector, summary: `group:${groupId}`, groupId } : { selector, summary: selector };
    }
    default:
      return { selector, summary: selector };
  }
}

function asList(rules: AccessRule[] | null | undefined): unknown[] {
  return Array.isArray(rules) ? rules : [];
}

export function summarizeRules(rules: AccessRule[] | null | undefined): string[] {
  return asList(rules).map((rule) => parseRule(rule).summary);
}

/**
 * What one rule list says that can be evaluated offline, per user email:
 * the small, serializable form steps pass on in job data.
 */
export interface NamedRules {
  emails: string[];
  emailDomains: string[];
  groupIds: string[];
  everyone: boolean;
}

export type RuleSetData = Record<RuleKind, NamedRules>;

export function namedRules(rules: AccessRule[] | null | undefined): NamedRules {
  const named: NamedRules = { emails: [], emailDomains: [], groupIds: [], everyone: false };
  for (const rule of asList(rules)) {
    const parsed = parseRule(rule);
    if (parsed.email && !named.emails.includes(parsed.email)) named.emails.push(parsed.email);
    if (parsed.emailDomain && !named.emailDomains.includes(parsed.emailDomain))
      named.emailDomains.push(parsed.emailDomain);
    if (parsed.groupId && !named.groupIds.includes(parsed.groupId)) named.groupIds.push(parsed.groupId);
    if (parsed.selector === 'everyone') named.everyone = true;
  }
  return named;
}

export function ruleSetData(lists: AccessRuleLists): RuleSetData {
  return {
    include: namedRules(lists.include),
    require: namedRules(lists.require),
    exclude: namedRules(lists.exclude),
  };
}

/** includeRules / requireRules / excludeRules entity properties. */
export function ruleSummaryProperties(lists: AccessRuleLists): {
  includeRules: string[];
  requireRules: string[];
  excludeRules: string[];
} {
  return {
    includeRules: summarizeRules(lists.include),
    requireRules: summarizeRules(lists.require),
    excludeRules: summarizeRules(lists.exclude),
  };
}

/** Every group id the lists name, with the rule kind that names it (once per pair). */
export function groupReferences(lists: AccessRuleLists): Array<{ groupId: string; rule: RuleKind }> {
  const refs: Array<{ groupId: string; rule: RuleKind }> = [];
  for (const rule of RULE_KINDS) {
    for (const groupId of namedRules(lists[rule]).groupIds) refs.push({ groupId, rule });
  }
  return refs;
}

/** Access groups of one account by id, as job data. */
export type GroupRuleData = Record<string, RuleSetData>;

/** What a policy says about users, for build-access-policy-user-relationships. */
export interface PolicyRuleData {
  decision?: string;
  rules: RuleSetData;
}

/** Policies of one account by id, as job data. */
export type PolicyRuleDataMap = Record<string, PolicyRuleData>;

/**
 * True when an include rule lets everyone in: `everyone` itself, or a group
 * whose own include does (nested groups followed, each once).
 */
export function includesEveryone(rules: RuleSetData, groups: GroupRuleData, seen = new Set<string>()): boolean {
  if (rules.include.everyone) return true;
  return rules.include.groupIds.some((id) => {
    const group = lookup(groups, id);
    if (seen.has(id) || !group) return false;
    seen.add(id);
    return includesEveryone(group, groups, seen);
  });
}

/** Own keys only: ids and emails come from Cloudflare and could be 'constructor'. */
export function lookup<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

export function emailMatchesDomain(email: string, domain: string): boolean {
  return email.endsWith(`@${domain}`);
}

/**
 * True when one rule list names this (lower-cased) email: an email rule, an
 * email-domain rule, or a group the email belongs to. `everyone` does not
 * name anyone: a policy for everyone is flagged on the policy instead of
 * being fanned out to every user.
 */
export function namesEmail(rules: NamedRules, email: string, groups: GroupRuleData, seen: Set<string>): boolean {
  return (
    rules.emails.includes(email) ||
    rules.emailDomains.some((domain) => emailMatchesDomain(email, domain)) ||
    rules.groupIds.some((id) => isGroupMember(id, email, groups, seen))
  );
}

/**
 * Group membership as far as it can be judged offline: an include rule names
 * the email, no exclude rule does, and every require rule of the email kinds
 * (email, email domain, group) holds. Require rules of other kinds (MFA, IP,
 * device posture) cannot be judged here and are not held against the user.
 */
export function isGroupMember(
  groupId: string,
  email: string,
  groups: GroupRuleData,
  seen: Set<string> = new Set(),
): boolean {
  const group = lookup(groups, groupId);
  // A group naming itself (directly or through others) cannot make anyone a member.
  if (!group || seen.has(groupId)) return false;
  const inner = new Set(seen).add(groupId);
  if (!namesEmail(group.include, email, groups, inner)) return false;
  if (namesEmail(group.exclude, email, groups, inner)) return false;
  const { require } = group;
  return (
    require.emails.every((required) => required === email) &&
    require.emailDomains.every((domain) => emailMatchesDomain(email, domain)) &&
    require.groupIds.every((id) => isGroupMember(id, email, groups, inner))
  );
}

/** Job data the Access steps pass on, per account (small maps, never entities). */
export const AccessDataKeys = {
  /** string[]: ids of the identity providers collected. */
  identityProviders: (accountId: string) => `access-idps:${accountId}`,
  /** GroupRuleData. */
  groups: (accountId: string) => `access-groups:${accountId}`,
  /** PolicyRuleDataMap of the reusable policies. */
  policies: (accountId: string) => `access-policies:${accountId}`,
  /** true once the reusable policies were listed to the end: an id not among them is then a per-app policy. */
  policiesListed: (accountId: string) => `access-policies-listed:${accountId}`,
  /** PolicyRuleDataMap of the per-app (legacy) policies found in applications. */
  applicationPolicies: (accountId: string) => `access-app-policies:${accountId}`,
};
