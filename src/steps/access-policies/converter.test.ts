import { Entities } from '../../constants';
import { CloudflareAccessPolicy } from '../common/accessTypes';
import { accessPolicyKey, createAccessPolicyEntity, policyUsesGroupRelationships } from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const POLICY = '7a8b9c0d-0000-4000-8000-000000000001';
const ENGINEERING = '2c3d4e5f-0000-4000-8000-00000000000a';
const CONTRACTORS = '2c3d4e5f-0000-4000-8000-00000000000b';

const reusable: CloudflareAccessPolicy = {
  id: POLICY,
  name: 'Allow Engineering',
  decision: 'allow',
  include: [{ group: { id: ENGINEERING } }],
  require: [],
  exclude: [{ group: { id: CONTRACTORS } }, { email: { email: 'Eve@Acme.Example' } }],
  app_count: 2,
  session_duration: '24h',
  approval_required: false,
  created_at: '2024-03-01T00:00:00Z',
  updated_at: '2024-03-02T00:00:00Z',
};

describe('createAccessPolicyEntity', () => {
  test('a reusable policy: exact properties, no precedence', () => {
    const entity = createAccessPolicyEntity(
      ACCOUNT,
      { ...reusable, precedence: 3 },
      {
        reusable: true,
        appliesToEveryone: false,
      },
    );
    expect(entity).toEqual({
      _key: `cloudflare_access_policy:${POLICY}`,
      _type: 'cloudflare_access_policy',
      _class: ['AccessPolicy'],
      id: POLICY,
      name: 'Allow Engineering',
      displayName: 'Allow Engineering',
      decision: 'allow',
      reusable: true,
      includeRules: [`group:${ENGINEERING}`],
      requireRules: [],
      excludeRules: [`group:${CONTRACTORS}`, 'email:eve@acme.example'],
      appliesToEveryone: false,
      appCount: 2,
      sessionDuration: '24h',
      approvalRequired: false,
      accountId: ACCOUNT,
      createdOn: Date.parse('2024-03-01T00:00:00Z'),
      updatedOn: Date.parse('2024-03-02T00:00:00Z'),
      _rawData: [{ name: 'default', rawData: { ...reusable, precedence: 3 } }],
    });
    expect(entity.precedence).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_POLICY._class });
  });

  test('a per-app policy: not reusable, with its precedence and application', () => {
    const inline: CloudflareAccessPolicy = {
      id: 'inline-1',
      name: 'Legacy: Ada only',
      decision: 'allow',
      precedence: 1,
      include: [{ email: { email: 'ada@acme.example' } }],
    };
    const entity = createAccessPolicyEntity(ACCOUNT, inline, {
      reusable: false,
      appliesToEveryone: false,
      applicationId: 'app-1',
    });
    expect(entity).toEqual({
      _key: 'cloudflare_access_policy:inline-1',
      _type: 'cloudflare_access_policy',
      _class: ['AccessPolicy'],
      id: 'inline-1',
      name: 'Legacy: Ada only',
      displayName: 'Legacy: Ada only',
      decision: 'allow',
      reusable: false,
      precedence: 1,
      applicationId: 'app-1',
      includeRules: ['email:ada@acme.example'],
      requireRules: [],
      excludeRules: [],
      appliesToEveryone: false,
      accountId: ACCOUNT,
      _rawData: [{ name: 'default', rawData: inline }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_POLICY._class });
  });

  test('approval, purpose justification, isolation and MFA settings, flat', () => {
    const policy: CloudflareAccessPolicy = {
      ...reusable,
      approval_required: true,
      approval_groups: [
        { approvals_needed: 2, email_addresses: ['Ada@Acme.Example', 'bob@acme.example'] },
        null,
        { approvals_needed: 1, email_addresses: ['ada@acme.example'], email_list_uuid: 'list-1' },
      ],
      purpose_justification_required: true,
      purpose_justification_prompt: 'Why?',
      isolation_required: true,
      mfa_config: { allowed_authenticators: ['totp', 'security_key'], mfa_disabled: false, session_duration: '12h' },
    };
    const entity = createAccessPolicyEntity(ACCOUNT, policy, { reusable: true, appliesToEveryone: false });
    expect(entity).toMatchObject({
      approvalRequired: true,
      approvalGroupCount: 2,
      approvalsNeeded: [2, 1],
      approverEmails: ['ada@acme.example', 'bob@acme.example'],
      approverEmailListIds: ['list-1'],
      purposeJustificationRequired: true,
      purposeJustificationPrompt: 'Why?',
      isolationRequired: true,
      mfaDisabled: false,
      mfaAllowedAuthenticators: ['totp', 'security_key'],
      mfaSessionDuration: '12h',
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_POLICY._class });
    // None of them when Cloudflare sends none (the reusable fixture has no approval groups or MFA settings).
    const plain = createAccessPolicyEntity(ACCOUNT, reusable, { reusable: true, appliesToEveryone: false });
    for (const key of ['approvalGroupCount', 'approverEmails', 'mfaDisabled', 'isolationRequired']) {
      expect(plain[key]).toBeUndefined();
    }
  });

  test('key', () => {
    expect(accessPolicyKey(POLICY)).toBe(`cloudflare_access_policy:${POLICY}`);
  });
});

describe('policyUsesGroupRelationships', () => {
  test('one edge per group and rule kind, to collected groups only, with the rule on the edge', () => {
    const collected = new Set([`cloudflare_access_group:${ENGINEERING}`, `cloudflare_access_group:${CONTRACTORS}`]);
    const policy: CloudflareAccessPolicy = {
      ...reusable,
      require: [{ group: { id: ENGINEERING } }],
      exclude: [{ group: { id: CONTRACTORS } }, { group: { id: 'not-collected' } }],
    };
    const from = `cloudflare_access_policy:${POLICY}`;
    expect(policyUsesGroupRelationships(policy, (key) => collected.has(key))).toEqual([
      {
        _key: `${from}|uses|cloudflare_access_group:${ENGINEERING}|include`,
        _type: 'cloudflare_access_policy_uses_group',
        _class: 'USES',
        _fromEntityKey: from,
        _toEntityKey: `cloudflare_access_group:${ENGINEERING}`,
        displayName: 'USES',
        rule: 'include',
      },
      {
        _key: `${from}|uses|cloudflare_access_group:${ENGINEERING}|require`,
        _type: 'cloudflare_access_policy_uses_group',
        _class: 'USES',
        _fromEntityKey: from,
        _toEntityKey: `cloudflare_access_group:${ENGINEERING}`,
        displayName: 'USES',
        rule: 'require',
      },
      {
        _key: `${from}|uses|cloudflare_access_group:${CONTRACTORS}|exclude`,
        _type: 'cloudflare_access_policy_uses_group',
        _class: 'USES',
        _fromEntityKey: from,
        _toEntityKey: `cloudflare_access_group:${CONTRACTORS}`,
        displayName: 'USES',
        rule: 'exclude',
      },
    ]);
  });
});
