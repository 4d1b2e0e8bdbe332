import { GroupRuleData, PolicyRuleDataMap, ruleSetData } from '../common/accessRules';
import { AccessUsersByEmail, policyAssignedUserKey, policyUserRelationships } from './converter';

const ENGINEERING = 'group-engineering';
const CONTRACTORS = 'group-contractors';
const ALL_STAFF = 'group-all-staff';

const groups: GroupRuleData = {
  [ENGINEERING]: ruleSetData({
    include: [{ email_domain: { domain: 'acme.example' } }],
    exclude: [{ email: { email: 'intern@acme.example' } }],
  }),
  [CONTRACTORS]: ruleSetData({ include: [{ email: { email: 'pat@partner.example' } }] }),
  [ALL_STAFF]: ruleSetData({ include: [{ group: { id: ENGINEERING } }, { everyone: {} }] }),
};

const user = (name: string) => `cloudflare_access_user:${name}`;
const users: AccessUsersByEmail = {
  'ada@acme.example': user('ada'),
  'intern@acme.example': user('intern'),
  'pat@partner.example': user('pat'),
  'zed@elsewhere.example': user('zed'),
};

const policies: PolicyRuleDataMap = {
  allow: {
    decision: 'allow',
    rules: ruleSetData({ include: [{ group: { id: ENGINEERING } }, { group: { id: ALL_STAFF } }] }),
  },
  deny: {
    decision: 'deny',
    rules: ruleSetData({
      include: [{ email: { email: 'Pat@Partner.Example' } }, { group: { id: CONTRACTORS } }],
      exclude: [{ email_domain: { domain: 'acme.example' } }],
    }),
  },
  bypass: { decision: 'bypass', rules: ruleSetData({ include: [{ everyone: {} }] }) },
  nobody: { decision: 'allow', rules: ruleSetData({ include: [{ email: { email: 'ghost@acme.example' } }] }) },
};

function summary(rels: ReturnType<typeof policyUserRelationships>): string[] {
  return rels
    .map((r) => [r._fromEntityKey, r._toEntityKey, r.decision, r.rule, r.matchedBy, r.groupId ?? '-'].join(' '))
    .sort();
}

describe('policyUserRelationships', () => {
  const rels = policyUserRelationships(policies, groups, users);

  test('exact edges: email, email domain and groups; everyone fans out to nobody', () => {
    expect(summary(rels)).toEqual(
      [
        // Ada is in Engineering (domain) and All Staff (through Engineering): one edge naming both.
        `cloudflare_access_policy:allow ${user('ada')} allow include group ${ENGINEERING}, ${ALL_STAFF}`,
        // Pat by email and through Contractors; the exclude by domain names both Acme users.
        `cloudflare_access_policy:deny ${user('pat')} deny include email -`,
        `cloudflare_access_policy:deny ${user('pat')} deny include group ${CONTRACTORS}`,
        `cloudflare_access_policy:deny ${user('ada')} deny exclude email_domain -`,
        `cloudflare_access_policy:deny ${user('intern')} deny exclude email_domain -`,
      ].sort(),
    );
  });

  test('each edge has its own key and the ASSIGNED type', () => {
    expect(new Set(rels.map((r) => r._key)).size).toBe(rels.length);
    const pat = rels.find((r) => r.matchedBy === 'email')!;
    expect(pat).toEqual({
      _key: 'cloudflare_access_policy:deny|assigned|cloudflare_access_user:pat|include|email',
      _type: 'cloudflare_access_policy_assigned_access_user',
      _class: 'ASSIGNED',
      _fromEntityKey: 'cloudflare_access_policy:deny',
      _toEntityKey: user('pat'),
      displayName: 'ASSIGNED',
      decision: 'deny',
      rule: 'include',
      matchedBy: 'email',
    });
    expect(policyAssignedUserKey('p', 'u', 'exclude', 'group')).toBe(
      'cloudflare_access_policy:p|assigned|u|exclude|group',
    );
  });

  test('no users or no policies: no edges', () => {
    expect(policyUserRelationships(policies, groups, {})).toEqual([]);
    expect(policyUserRelationships({}, groups, users)).toEqual([]);
  });

  test('an email rule naming a prototype key does not match', () => {
    const odd: PolicyRuleDataMap = {
      p: { decision: 'allow', rules: ruleSetData({ include: [{ email: { email: 'constructor' } }] }) },
    };
    expect(policyUserRelationships(odd, groups, users)).toEqual([]);
  });
});
