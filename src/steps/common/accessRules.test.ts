import {
  AccessDataKeys,
  groupReferences,
  GroupRuleData,
  includesEveryone,
  isGroupMember,
  lookup,
  namedRules,
  parseRule,
  ruleSetData,
  ruleSummaryProperties,
  summarizeRules,
} from './accessRules';

const ENGINEERING = '5b1ec2a1-0000-4000-8000-000000000001';
const CONTRACTORS = '5b1ec2a1-0000-4000-8000-000000000002';

describe('parseRule', () => {
  test('email, lower-cased and trimmed', () => {
    expect(parseRule({ email: { email: ' Ada.Owner@Acme.Example ' } })).toEqual({
      selector: 'email',
      summary: 'email:ada.owner@acme.example',
      email: 'ada.owner@acme.example',
    });
  });

  test('email_domain, lower-cased, with or without a leading @', () => {
    expect(parseRule({ email_domain: { domain: 'Acme.Example' } })).toEqual({
      selector: 'email_domain',
      summary: 'email_domain:acme.example',
      emailDomain: 'acme.example',
    });
    expect(parseRule({ email_domain: { domain: '@partner.example' } })).toEqual({
      selector: 'email_domain',
      summary: 'email_domain:partner.example',
      emailDomain: 'partner.example',
    });
  });

  test('group and everyone', () => {
    expect(parseRule({ group: { id: ENGINEERING } })).toEqual({
      selector: 'group',
      summary: `group:${ENGINEERING}`,
      groupId: ENGINEERING,
    });
    expect(parseRule({ everyone: {} })).toEqual({ selector: 'everyone', summary: 'everyone' });
  });

  test('other selectors, known or not, are kept by name without their values', () => {
    expect(parseRule({ ip: { ip: '10.0.0.0/8' } })).toEqual({ selector: 'ip', summary: 'ip' });
    expect(parseRule({ email_list: { id: 'list-1' } })).toEqual({ selector: 'email_list', summary: 'email_list' });
    expect(parseRule({ 'github-organization': { name: 'acme' } })).toEqual({
      selector: 'github-organization',
      summary: 'github-organization',
    });
    expect(parseRule({ some_future_selector: 42 })).toEqual({
      selector: 'some_future_selector',
      summary: 'some_future_selector',
    });
  });

  test('an email, domain or group rule without its value names nobody', () => {
    expect(parseRule({ email: {} })).toEqual({ selector: 'email', summary: 'email' });
    expect(parseRule({ email_domain: { domain: '' } })).toEqual({ selector: 'email_domain', summary: 'email_domain' });
    expect(parseRule({ group: null })).toEqual({ selector: 'group', summary: 'group' });
    expect(parseRule({ email: { email: 42 } })).toEqual({ selector: 'email', summary: 'email' });
  });

  test('unreadable elements do not throw', () => {
    for (const rule of [null, undefined, 'email', 7, [], {}]) {
      expect(parseRule(rule)).toEqual({ selector: 'unknown', summary: 'unknown' });
    }
  });
});

describe('summaries and named rules', () => {
  const lists = {
    include: [
      { email: { email: 'Bob@Acme.Example' } },
      { email_domain: { domain: 'acme.example' } },
      { group: { id: ENGINEERING } },
      { email: { email: 'bob@acme.example' } },
      { ip: { ip: '192.0.2.0/24' } },
    ],
    require: [{ everyone: {} }],
    exclude: null,
  };

  test('summaries keep every rule, in order', () => {
    expect(summarizeRules(lists.include)).toEqual([
      'email:bob@acme.example',
      'email_domain:acme.example',
      `group:${ENGINEERING}`,
      'email:bob@acme.example',
      'ip',
    ]);
    expect(summarizeRules(null)).toEqual([]);
    expect(summarizeRules(undefined)).toEqual([]);
    expect(ruleSummaryProperties(lists)).toEqual({
      includeRules: [
        'email:bob@acme.example',
        'email_domain:acme.example',
        `group:${ENGINEERING}`,
        'email:bob@acme.example',
        'ip',
      ],
      requireRules: ['everyone'],
      excludeRules: [],
    });
  });

  test('named rules: each email, domain and group once; everyone flagged', () => {
    expect(namedRules(lists.include)).toEqual({
      emails: ['bob@acme.example'],
      emailDomains: ['acme.example'],
      groupIds: [ENGINEERING],
      everyone: false,
    });
    expect(ruleSetData(lists)).toEqual({
      include: {
        emails: ['bob@acme.example'],
        emailDomains: ['acme.example'],
        groupIds: [ENGINEERING],
        everyone: false,
      },
      require: { emails: [], emailDomains: [], groupIds: [], everyone: true },
      exclude: { emails: [], emailDomains: [], groupIds: [], everyone: false },
    });
  });

  test('group references: one per group and rule kind', () => {
    expect(
      groupReferences({
        include: [{ group: { id: ENGINEERING } }, { group: { id: ENGINEERING } }],
        exclude: [{ group: { id: CONTRACTORS } }, { group: { id: ENGINEERING } }],
      }),
    ).toEqual([
      { groupId: ENGINEERING, rule: 'include' },
      { groupId: CONTRACTORS, rule: 'exclude' },
      { groupId: ENGINEERING, rule: 'exclude' },
    ]);
  });
});

describe('group membership', () => {
  const groups: GroupRuleData = {
    [ENGINEERING]: ruleSetData({
      include: [{ email_domain: { domain: 'acme.example' } }],
      exclude: [{ email: { email: 'intern@acme.example' } }],
    }),
    [CONTRACTORS]: ruleSetData({
      include: [{ email: { email: 'pat@partner.example' } }, { email: { email: 'sam@partner.example' } }],
      require: [{ email_domain: { domain: 'partner.example' } }, { ip: { ip: '192.0.2.0/24' } }],
    }),
    nested: ruleSetData({
      include: [{ group: { id: CONTRACTORS } }],
      exclude: [{ email: { email: 'sam@partner.example' } }],
    }),
    loop: ruleSetData({ include: [{ group: { id: 'loop' } }, { email: { email: 'x@acme.example' } }] }),
    open: ruleSetData({ include: [{ everyone: {} }] }),
    openNested: ruleSetData({ include: [{ group: { id: 'open' } }] }),
  };

  test('include by domain, exclude by email', () => {
    expect(isGroupMember(ENGINEERING, 'ada@acme.example', groups)).toBe(true);
    expect(isGroupMember(ENGINEERING, 'intern@acme.example', groups)).toBe(false);
    // Exact domain: no subdomains, no suffix tricks.
    expect(isGroupMember(ENGINEERING, 'ada@eu.acme.example', groups)).toBe(false);
    expect(isGroupMember(ENGINEERING, 'ada@notacme.example', groups)).toBe(false);
  });

  test('require rules of the email kinds must hold; others (ip) are not held against the user', () => {
    expect(isGroupMember(CONTRACTORS, 'pat@partner.example', groups)).toBe(true);
    expect(isGroupMember(CONTRACTORS, 'ada@acme.example', groups)).toBe(false);
    const strict: GroupRuleData = {
      g: ruleSetData({
        include: [{ email: { email: 'pat@other.example' } }],
        require: [{ email_domain: { domain: 'partner.example' } }],
      }),
    };
    expect(isGroupMember('g', 'pat@other.example', strict)).toBe(false);
  });

  test('nested groups, a group naming itself, unknown groups', () => {
    expect(isGroupMember('nested', 'pat@partner.example', groups)).toBe(true);
    expect(isGroupMember('nested', 'sam@partner.example', groups)).toBe(false);
    expect(isGroupMember('loop', 'x@acme.example', groups)).toBe(true);
    expect(isGroupMember('loop', 'y@acme.example', groups)).toBe(false);
    expect(isGroupMember('missing', 'x@acme.example', groups)).toBe(false);
    expect(isGroupMember('constructor', 'x@acme.example', groups)).toBe(false);
  });

  test('everyone names nobody (no fan-out), but makes includesEveryone true, also through groups', () => {
    expect(isGroupMember('open', 'ada@acme.example', groups)).toBe(false);
    expect(includesEveryone(groups.open, groups)).toBe(true);
    expect(includesEveryone(ruleSetData({ include: [{ group: { id: 'openNested' } }] }), groups)).toBe(true);
    expect(includesEveryone(groups[ENGINEERING], groups)).toBe(false);
    expect(includesEveryone(groups.loop, groups)).toBe(false);
    // Only include lets people in.
    expect(includesEveryone(ruleSetData({ exclude: [{ everyone: {} }] }), groups)).toBe(false);
  });

  test('lookup reads own keys only', () => {
    expect(lookup({ a: 1 }, 'a')).toBe(1);
    expect(lookup({ a: 1 }, 'constructor')).toBeUndefined();
    expect(lookup({ a: 1 }, 'toString')).toBeUndefined();
  });
});

test('job data keys', () => {
  expect(AccessDataKeys.identityProviders('acc')).toBe('access-idps:acc');
  expect(AccessDataKeys.groups('acc')).toBe('access-groups:acc');
  expect(AccessDataKeys.policies('acc')).toBe('access-policies:acc');
  expect(AccessDataKeys.applicationPolicies('acc')).toBe('access-app-policies:acc');
});
