import { Relationship } from '@jupiterone/integration-sdk-core';
import { Relationships } from '../../constants';
import { relationshipWith } from '../../util/relationships';
import { accessPolicyKey } from '../access-policies/converter';
import {
  emailMatchesDomain,
  GroupRuleData,
  isGroupMember,
  lookup,
  PolicyRuleDataMap,
  RULE_KINDS,
  RuleKind,
} from '../common/accessRules';

export type MatchedBy = 'email' | 'email_domain' | 'group';

/** Access users of one account: lower-cased email → access user entity key. */
export type AccessUsersByEmail = Record<string, string>;

export function policyAssignedUserKey(policyId: string, userKey: string, rule: RuleKind, matchedBy: MatchedBy): string {
  return `${accessPolicyKey(policyId)}|assigned|${userKey}|${rule}|${matchedBy}`;
}

/**
 * Policy ASSIGNED access user, for every user a policy's rules name: one edge
 * per (policy, user, rule kind, how it was matched). Groups are matched
 * through their own email, email-domain and group rules (isGroupMember);
 * a user in several groups of the same rule gets one 'group' edge listing
 * them. `everyone` names nobody (the policy carries appliesToEveryone).
 */
export function policyUserRelationships(
  policies: PolicyRuleDataMap,
  groups: GroupRuleData,
  users: AccessUsersByEmail,
): Relationship[] {
  const relationships: Relationship[] = [];
  const emails = Object.keys(users).sort();
  // The same group is asked about the same user by many policies.
  const membership = new Map<string, boolean>();
  const isMember = (groupId: string, email: string) => {
    const key = `${groupId} ${email}`;
    let member = membership.get(key);
    if (member === undefined) membership.set(key, (member = isGroupMember(groupId, email, groups)));
    return member;
  };
  for (const policyId of Object.keys(policies).sort()) {
    const { decision, rules } = policies[policyId];
    const edge = (email: string, rule: RuleKind, matchedBy: MatchedBy, groupId?: string) =>
      relationshipWith(Relationships.ACCESS_POLICY_ASSIGNED_USER, accessPolicyKey(policyId), users[email], {
        // The SDK would derive `..._assigned_user`; the declared type names the access user.
        _type: Relationships.ACCESS_POLICY_ASSIGNED_USER._type,
        _key: policyAssignedUserKey(policyId, users[email], rule, matchedBy),
        decision,
        rule,
        matchedBy,
        groupId,
      });
    for (const rule of RULE_KINDS) {
      const named = rules[rule];
      for (const email of named.emails) {
        if (lookup(users, email) !== undefined) relationships.push(edge(email, rule, 'email'));
      }
      for (const email of emails) {
        if (named.emailDomains.some((domain) => emailMatchesDomain(email, domain))) {
          relationships.push(edge(email, rule, 'email_domain'));
        }
        const viaGroups = named.groupIds.filter((groupId) => isMember(groupId, email));
        if (viaGroups.length > 0) relationships.push(edge(email, rule, 'group', viaGroups.join(', ')));
      }
    }
  }
  return relationships;
}
